"""The reference: a bare aiogram echo bot, polling the same server the same way as the real bot.

    python -m bench.echo_bot    # BOT_TOKEN, TELEGRAM_API_URL (and POLLING_TIMEOUT) from the environment

It runs on the same event loop as the bot (uvloop where installed). ``ECHO_CALLS`` (default 1) makes it a
"call-matched" echo: on average that many Bot API calls per message (plain extra messages, then the echo), with no database and no logic. ``python -m bench.load --echo-calls X`` sets it.
"""

from __future__ import annotations

import asyncio
import logging
import os

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import CallbackQuery, Message

dp = Dispatcher()
CALLS = float(os.environ.get("ECHO_CALLS", "1"))
_owed = 0.0


@dp.message()
async def echo(message: Message) -> None:
    global _owed
    _owed += CALLS - 1
    while _owed >= 1:  # the extra calls first: the echo itself ends the answer, as a step's last message does
        _owed -= 1
        await message.answer("extra")
    await message.answer(message.text or "echo")


@dp.callback_query()
async def press(callback: CallbackQuery) -> None:
    await callback.answer()
    if isinstance(callback.message, Message):
        await callback.message.answer(callback.data or "pressed")


async def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    session = AiohttpSession(api=TelegramAPIServer.from_base(os.environ["TELEGRAM_API_URL"]))
    bot = Bot(os.environ["BOT_TOKEN"], session=session, default=DefaultBotProperties(parse_mode="HTML"))
    await dp.start_polling(bot, polling_timeout=int(os.environ.get("POLLING_TIMEOUT", "10")))


if __name__ == "__main__":
    try:
        import uvloop
    except ImportError:
        asyncio.run(main())
    else:
        uvloop.run(main())
