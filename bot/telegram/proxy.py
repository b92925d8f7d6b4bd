"""TELEGRAM_PROXY: every Bot API call through a SOCKS5, SOCKS4 or HTTP proxy (aiohttp-socks under aiogram).

A proxy that refuses the credentials, is down or breaks the connection off raises errors of its own
(aiohttp-socks', python-socks', a bare EOF), not aiohttp's, so aiogram passes them through as they
are. ``ProxyFailures`` turns them into aiogram's TelegramNetworkError, which every caller already
handles as "Telegram could not be reached".
"""

from __future__ import annotations

import asyncio

import aiohttp_socks
import python_socks
from aiogram import Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import TelegramNetworkError
from aiogram.methods import Response, TelegramMethod
from aiogram.methods.base import TelegramType

PROXY_FAILURES: tuple[type[BaseException], ...] = (
    aiohttp_socks.ProxyError,
    aiohttp_socks.ProxyConnectionError,
    aiohttp_socks.ProxyTimeoutError,
    python_socks.ProxyError,
    python_socks.ProxyConnectionError,
    python_socks.ProxyTimeoutError,
    asyncio.IncompleteReadError,
    ConnectionError,
)


class ProxyFailures(BaseRequestMiddleware):
    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        try:
            return await make_request(bot, method)
        except PROXY_FAILURES as exc:
            raise TelegramNetworkError(method=method, message=f"proxy: {type(exc).__name__}: {exc}") from exc
