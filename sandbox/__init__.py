"""The sandbox: the bot against a built-in Bot API server, with a web chat page to try it without Telegram.

``python -m bot sandbox`` (or ``./scripts/run`` with no BOT_TOKEN) starts one process that hosts the fake Bot
API (:mod:`fake_telegram`) on loopback, the page and its JSON API (:mod:`sandbox.api`), and the bot itself as a
child process (:mod:`sandbox.child`) with its own database in the data folder. See :mod:`sandbox.runner`.
"""
