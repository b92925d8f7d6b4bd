"""The bot in the test's own process: the real dispatcher polling the fake Bot API in the test's event loop."""

from __future__ import annotations

import asyncio
from contextlib import suppress
from typing import Any

from bot.app import build_dispatcher, create_bot
from bot.config import Settings


class InProcessBot:
    """The real dispatcher polling the fake server inside the test's event loop."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.task: asyncio.Task[None] | None = None
        self.dp: Any = None

    async def start(self) -> None:
        bot = create_bot(self.settings)
        self.dp = build_dispatcher(self.settings, bot)
        started = asyncio.Event()
        self.dp.startup.register(lambda: started.set())
        self.task = asyncio.create_task(self.dp.start_polling(bot, handle_signals=False, polling_timeout=1))
        waiter = asyncio.create_task(started.wait())
        done, _ = await asyncio.wait({waiter, self.task}, timeout=15, return_when=asyncio.FIRST_COMPLETED)
        if self.task in done:
            self.task.result()
        assert waiter in done, "bot did not start"

    async def stop(self) -> None:
        if self.task is None:
            return
        with suppress(RuntimeError):
            await self.dp.stop_polling()
        with suppress(asyncio.CancelledError):
            await asyncio.wait_for(self.task, timeout=15)
        self.task = None
