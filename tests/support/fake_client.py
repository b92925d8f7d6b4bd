"""An aiogram Bot talking to the fake Bot API, for the fake server's own tests."""

from __future__ import annotations

from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode

from fake_telegram import FakeTelegram


class FastSession(AiohttpSession):
    """AiohttpSession without the 250 ms sleep on close (loopback only, no TLS to drain)."""

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()


def make_bot(fake: FakeTelegram, timeout: float = 10.0, html: bool = True) -> Bot:
    session = FastSession(api=TelegramAPIServer.from_base(fake.base_url), timeout=timeout)
    default = DefaultBotProperties(parse_mode=ParseMode.HTML) if html else None
    return Bot(fake.token, session=session, default=default)
