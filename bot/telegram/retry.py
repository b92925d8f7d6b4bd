"""Replies that survive a stumble: every call the bot makes through aiogram retries what is safe.

- 429: wait ``retry_after`` and send again, while the waits stay within ``budget`` seconds in all
  (a person waiting for an answer is better served late than never; beyond that it is raised).
- The request never left (connection refused, DNS, connect timeout) or Telegram answered 5xx:
  again after 0.25, 0.5, 1 … seconds within the same budget.
- A read timeout or a dropped connection after the request left: raised at once. The message may
  have arrived, and for a callback answer a second one is refused by Telegram.

Long polling (getUpdates) and start-up (getMe) keep their own loops and are passed through.
"""

from __future__ import annotations

import asyncio
import logging
import time

import aiohttp
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import AiogramError, TelegramRetryAfter
from aiogram.methods import Response, TelegramMethod
from aiogram.methods.base import TelegramType

from bot.services.failures import Failure, classify

log = logging.getLogger(__name__)

PASSED_THROUGH = frozenset({"getUpdates", "getMe", "logOut", "close"})
FIRST_PAUSE = 0.25
CONNECT_TIMEOUT = 10.0  # seconds to open a connection to the Bot API (or the proxy)


class ConnectTimeoutSession(AiohttpSession):
    """aiogram's session with a connect timeout of its own.

    With only a total timeout, a connection that hangs (packets dropped, a dead proxy) ends as a plain
    timeout, which cannot tell "never left" from "left without an answer"; aiohttp's connect timeout
    raises ConnectionTimeoutError, which says the request never left (bot/services/failures.py).
    """

    async def make_request(
        self, bot: Bot, method: TelegramMethod[TelegramType], timeout: int | None = None  # noqa: ASYNC109
    ) -> TelegramType:
        total = float(self.timeout if timeout is None else timeout)
        limits = aiohttp.ClientTimeout(total=total, sock_connect=min(total, CONNECT_TIMEOUT))
        return await super().make_request(bot, method, timeout=limits)  # type: ignore[arg-type]


class ReplyRetry(BaseRequestMiddleware):
    def __init__(self, budget: float) -> None:
        self.budget = budget

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        api_name = method.__api_method__
        if api_name in PASSED_THROUGH or self.budget <= 0:
            return await make_request(bot, method)
        deadline = time.monotonic() + self.budget
        pause = FIRST_PAUSE
        error: AiogramError
        while True:
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as exc:
                wait, kind, error = float(exc.retry_after), Failure.FLOOD, exc
            except AiogramError as exc:
                kind, error = classify(exc), exc
                if kind not in (Failure.NOT_SENT, Failure.SERVER):
                    raise
                wait, pause = pause, pause * 2
            if time.monotonic() + wait > deadline:
                raise error
            log.info("%s: %s; again in %.2f s", api_name, kind.value, wait)
            await asyncio.sleep(wait)
