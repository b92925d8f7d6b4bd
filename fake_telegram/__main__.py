"""Run the fake Telegram Bot API as a separate process.

    python -m fake_telegram --host 127.0.0.1 --port 8081 --token 123:ABC [--username ideas_bot]
                                  [--rate-limit] [--no-record] [--validate]

Prints ``READY http://HOST:PORT`` once listening. Besides the Bot API it serves a JSON control API:
POST /_fake/message {user_id, first_name?, language_code?, text}, POST /_fake/callback
{user_id, chat_id, message_id, data, wait?}, POST /_fake/block {user_id, blocked},
GET /_fake/sent?chat_id=&after_index=&timeout=, GET /_fake/stats.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal

from .server import FakeTelegram


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m fake_telegram", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--token", default="123456:TEST")
    parser.add_argument("--username", default="ideas_bot")
    parser.add_argument("--first-name", default="Ideas")
    parser.add_argument("--rate-limit", action="store_true", help="enforce ~30 msg/s and ~1 msg/s per chat")
    parser.add_argument("--no-record", action="store_true", help="keep counters only, not every request")
    parser.add_argument(
        "--validate",
        action="store_true",
        help="validate every queued update with aiogram's models (importing aiogram takes seconds)",
    )
    parser.add_argument("--callback-timeout", type=float, default=15.0)
    return parser.parse_args()


async def _main() -> None:
    args = _parse_args()
    fake = FakeTelegram(
        token=args.token,
        bot_username=args.username,
        bot_first_name=args.first_name,
        record_requests=not args.no_record,
        validate_updates=args.validate,
    )
    fake.rate_limit = args.rate_limit
    fake.callback_answer_timeout = args.callback_timeout
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    url = await fake.start(args.host, args.port)
    print(f"READY {url}", flush=True)
    try:
        await stop.wait()
    finally:
        await fake.stop()


if __name__ == "__main__":
    asyncio.run(_main())
