"""One send budget for the whole bot: Telegram's limits in one limiter, replies first.

Telegram allows about 30 messages a second overall, about one a second in a private chat (short
bursts tolerated) and 20 a minute in a group. Every message the bot sends takes a token here first:

- the overall bucket refills at ``per_second``; a lower priority may take a token only while more
  than its reserve is left, so replies to people (priority REPLY) always find room, then the outbox
  (cards, notices, offers), then broadcast copies;
- each chat has its own bucket (private or group), kept only while it is not full;
- a 429 for a chat pauses that chat; one without a chat pauses everything.

Pure asyncio and a clock: tested without Telegram (tests/unit/test_delivery_units.py).
"""

from __future__ import annotations

import asyncio
import contextvars
import time
from collections.abc import Callable
from dataclasses import dataclass

from aiogram import Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import TelegramRetryAfter
from aiogram.methods import Response, TelegramMethod
from aiogram.methods.base import TelegramType

REPLY, OUTBOX, BROADCAST = 0, 1, 2

# Who is sending: the outbox worker and the broadcast set theirs; anything else is a reply to a person.
priority: contextvars.ContextVar[int] = contextvars.ContextVar("send_priority", default=REPLY)

# Bot API methods that deliver a message (what Telegram counts); edits and callback answers do not count.
COUNTED = frozenset(
    {
        "sendMessage",
        "copyMessage",
        "forwardMessage",
        "sendPhoto",
        "sendDocument",
        "sendMediaGroup",
        "sendPoll",
        "sendLocation",
        "sendVenue",
        "sendAudio",
        "sendVideo",
        "sendVoice",
        "sendAnimation",
        "sendSticker",
        "sendContact",
    }
)


@dataclass
class Bucket:
    rate: float  # tokens per second
    capacity: float
    tokens: float
    at: float
    paused_until: float = 0.0

    def refill(self, now: float) -> None:
        if now > self.at:
            self.tokens = min(self.capacity, self.tokens + (now - self.at) * self.rate)
            self.at = now

    def wait(self, now: float, need: float) -> float:
        """Seconds until ``need`` tokens are there (0: now)."""
        self.refill(now)
        paused = max(0.0, self.paused_until - now)
        short = need - self.tokens
        return max(paused, short / self.rate if short > 0 else 0.0)


class SendBudget:
    def __init__(
        self,
        per_second: float = 28.0,
        chat_per_second: float = 0.95,
        chat_burst: float = 3.0,
        group_per_minute: float = 19.0,
        group_burst: float = 5.0,
        reserves: tuple[float, float, float] = (0.0, 4.0, 8.0),
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.clock = clock
        self.per_second = per_second
        self.chat = (chat_per_second, chat_burst)
        self.group = (group_per_minute / 60.0, group_burst)
        # Reserves are set for a rate of 28 a second; a lower TELEGRAM_RATE scales them down, so every priority
        # can always gather the tokens it needs from a full bucket.
        scale = min(1.0, per_second / 28.0)
        self.reserves = (reserves[0] * scale, reserves[1] * scale, reserves[2] * scale)
        capacity = max(per_second, 1.0 + max(self.reserves))
        self.overall = Bucket(per_second, capacity, capacity, clock())
        self.chats: dict[int, Bucket] = {}
        self.waiting = [0, 0, 0]  # callers waiting, by priority: a lower one yields while a higher one waits
        self.taken = 0

    def _chat(self, chat_id: int, now: float) -> Bucket:
        bucket = self.chats.get(chat_id)
        if bucket is None:
            rate, burst = self.group if chat_id < 0 else self.chat
            bucket = self.chats[chat_id] = Bucket(rate, burst, burst, now)
        return bucket

    def delay(self, chat_id: int | None, level: int, now: float | None = None) -> float:
        """How long a message of this priority to this chat must wait now (0: it may go)."""
        return max(self._delays(chat_id, level, self.clock() if now is None else now))

    def _delays(self, chat_id: int | None, level: int, now: float) -> tuple[float, float]:
        """(the wait for the overall bucket, the wait for the chat's own)."""
        overall = self.overall.wait(now, 1.0 + self.reserves[level])
        if overall == 0 and any(self.waiting[:level]):
            overall = 1.0 / self.per_second  # someone more urgent waits for a token: let them take it
        chat = self._chat(chat_id, now).wait(now, 1.0) if chat_id is not None else 0.0
        return overall, chat

    async def take(self, chat_id: int | None, level: int | None = None, count: int = 1) -> float:
        """Wait for room and take it; returns the seconds waited. ``count``: messages in one call (an album).

        Only a wait for the overall bucket holds lower priorities back: a card waiting for its group's
        per-minute limit must not stop a broadcast to other chats.
        """
        level = priority.get() if level is None else level
        waited = 0.0
        queued = False
        try:
            while True:
                overall, chat = self._delays(chat_id, level, self.clock())
                wait = max(overall, chat)
                if wait <= 0:
                    break
                if overall >= chat and not queued:
                    self.waiting[level] += 1
                    queued = True
                elif overall < chat and queued:
                    self.waiting[level] -= 1
                    queued = False
                waited += wait
                await asyncio.sleep(wait)
        finally:
            if queued:
                self.waiting[level] -= 1
        now = self.clock()
        self.overall.tokens -= count
        if chat_id is not None:
            self._chat(chat_id, now).tokens -= count
        self.taken += count
        self._forget_full(now)
        return waited

    def flood(self, chat_id: int | None, seconds: float) -> None:
        """Telegram answered 429: nothing more to that chat (or at all, without one) for ``seconds``."""
        now = self.clock()
        bucket = self.overall if chat_id is None else self._chat(chat_id, now)
        bucket.paused_until = max(bucket.paused_until, now + seconds)

    def _forget_full(self, now: float) -> None:
        """Chats whose bucket has refilled hold nothing worth keeping (memory stays flat over 100k people)."""
        if len(self.chats) < 1024:
            return
        for chat_id in [c for c, b in self.chats.items() if b.wait(now, b.capacity) == 0]:
            del self.chats[chat_id]


class BudgetGate(BaseRequestMiddleware):
    """aiogram request middleware: each counted call takes its token first; a 429 pauses the chat."""

    def __init__(self, budget: SendBudget) -> None:
        self.budget = budget

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        api = method.__api_method__
        if api not in COUNTED:
            return await make_request(bot, method)
        chat = getattr(method, "chat_id", None)
        chat_id = chat if isinstance(chat, int) else None
        media = getattr(method, "media", None)
        count = len(media) if api == "sendMediaGroup" and isinstance(media, list) else 1
        await self.budget.take(chat_id, count=count)
        try:
            return await make_request(bot, method)
        except TelegramRetryAfter as exc:
            self.budget.flood(chat_id, exc.retry_after)
            raise
