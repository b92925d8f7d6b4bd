"""Faults: calls that fail for reasons outside the call itself.

Injected errors (``fail_next``, seeded ``fail_randomly``), timeouts with or without delivery, an
unreachable Telegram (``go_offline``/``go_online``) and Telegram's rate limits (``rate_limit``).
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import random
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from . import errors as e
from .core import FakeCore
from .errors import ApiError, too_many_requests
from .models import RecordedRequest, UploadedFile
from .state import ChatState, JsonDict
from .wire import error_response, ok_response

SEND_METHODS = frozenset(
    (
        "sendmessage sendphoto senddocument sendvideo sendaudio sendvoice sendanimation sendsticker "
        "sendmediagroup sendlocation sendvenue sendpoll sendcontact copymessage forwardmessage"
    ).split()
)


@dataclass
class RateLimits:
    """Token buckets used when ``FakeTelegram.rate_limit`` is on (Telegram publishes no exact numbers)."""

    global_per_second: float = 30.0
    global_burst: float = 30.0
    chat_per_second: float = 1.0
    chat_burst: float = 3.0
    group_per_minute: float = 20.0
    group_burst: float = 5.0
    # allow_paid_broadcast=True: up to 1,000 messages per second (for a fee in Telegram Stars)
    paid_per_second: float = 1000.0
    paid_burst: float = 1000.0


class TokenBucket:
    __slots__ = ("capacity", "last", "rate", "tokens")

    def __init__(self, rate: float, capacity: float, now: float) -> None:
        self.rate = rate
        self.capacity = capacity
        self.tokens = capacity
        self.last = now

    def wait_time(self, now: float) -> float:
        """Seconds until a token is available (0 if one is available now)."""
        if now > self.last:
            self.tokens = min(self.capacity, self.tokens + (now - self.last) * self.rate)
            self.last = now
        if self.tokens >= 1.0:
            return 0.0
        return (1.0 - self.tokens) / self.rate

    def take(self) -> None:
        self.tokens -= 1.0


@dataclass
class Fault:
    error: str
    times: int
    chat_id: str | None
    retry_after: int
    description: str | None
    delay: float
    deliver: bool


@dataclass
class _RandomFaults:
    rng: random.Random
    rates: list[tuple[str, float]]
    delay: float
    deliver: bool

    def draw(self) -> Fault | None:
        roll = self.rng.random()
        for error, rate in self.rates:
            if roll < rate:
                return Fault(error, 1, None, 1, None, self.delay, self.deliver)
            roll -= rate
        return None


class FaultsMixin(FakeCore):
    """Fault injection, outages and rate limits."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rate_limit: bool = False
        self.rate_limits = RateLimits()
        self.offline = False
        self._faults: dict[str, list[Fault]] = {}
        self._random_faults: dict[str, _RandomFaults] = {}
        self._bot_rate_bucket: TokenBucket | None = None
        self._paid_rate_bucket: TokenBucket | None = None

    def fail_next(
        self,
        method: str,
        error: str | int = "429",
        *,
        retry_after: int = 1,
        times: int = 1,
        chat_id: int | str | None = None,
        description: str | None = None,
        delay: float = 0.0,
        deliver: bool = False,
    ) -> None:
        """Make the next ``times`` calls of ``method`` (optionally only to ``chat_id``) fail.

        ``error`` is an HTTP/Telegram code ("429", "403", "400", "500", ...) answered with
        Telegram's wording (or ``description``), or ``"timeout"``: the response is held for
        ``delay`` seconds; with ``deliver=True`` the request is carried out first (the message is
        delivered although the client times out), otherwise 502 Bad Gateway follows the delay.
        """
        fault = Fault(
            error=str(error),
            times=times,
            chat_id=None if chat_id is None else str(chat_id),
            retry_after=retry_after,
            description=description,
            delay=delay,
            deliver=deliver,
        )
        self._faults.setdefault(method.lower(), []).append(fault)

    def fail_randomly(
        self,
        method: str,
        rates: dict[str | int, float],
        *,
        seed: int = 0,
        delay: float = 0.0,
        deliver: bool = False,
    ) -> None:
        """Each call of ``method`` fails with ``rates[error]`` probability per error (as ``fail_next``
        would answer it), drawn from a seeded generator: the same run gives the same faults."""
        self._random_faults[method.lower()] = _RandomFaults(
            random.Random(seed), [(str(error), rate) for error, rate in rates.items()], delay, deliver
        )

    def clear_faults(self) -> None:
        self._faults.clear()
        self._random_faults.clear()

    async def go_offline(self) -> None:
        """Telegram unreachable: the port refuses connections, and open ones are cut (a request in
        flight at that moment gets no answer, like a link that went down)."""
        assert self._runner is not None and self._site is not None, "start() first"
        await self._site.stop()
        self._site = None
        for connection in self._runner.server.connections if self._runner.server is not None else []:
            connection.force_close()
        self.offline = True

    async def go_online(self) -> None:
        """Reachable again, on the same address (state and updates kept)."""
        assert self._runner is not None and self._site is None, "go_offline() first"
        site = web.TCPSite(self._runner, *self._address)
        await site.start()
        self._site = site
        self.offline = False

    def _take_fault(self, lowered: str, params: JsonDict) -> Fault | None:
        faults = self._faults.get(lowered)
        if not faults:
            chance = self._random_faults.get(lowered)
            return chance.draw() if chance is not None else None
        chat_id = params.get("chat_id")
        for fault in faults:
            if fault.chat_id is None or fault.chat_id == str(chat_id):
                fault.times -= 1
                if fault.times <= 0:
                    faults.remove(fault)
                return fault
        return None

    async def _timeout_fault(
        self,
        record: RecordedRequest,
        fault: Fault,
        lowered: str,
        params: JsonDict,
        files: dict[str, UploadedFile],
    ) -> web.StreamResponse:
        result: Any = None
        error: ApiError | None = None
        if fault.deliver:
            entry = self._methods.get(lowered)
            try:
                if entry is not None:
                    result = entry[1](params, files)
                else:
                    result = await self._async_methods[lowered][1](params, files)
            except ApiError as exc:
                error = exc
        record.ok = False
        record.error = "timeout (delivered)" if fault.deliver and error is None else "timeout"
        self.refused.append(record)
        self.stats.errors[record.method] += 1
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), fault.delay)
        if error is not None:
            return error_response(error)
        if fault.deliver:
            return ok_response(result)
        return error_response(ApiError(502, "Bad Gateway"))

    def _check_rate_limit(self, params: JsonDict) -> None:
        now = self.clock()
        limits = self.rate_limits
        if params.get("allow_paid_broadcast") is True:
            if self._paid_rate_bucket is None:
                self._paid_rate_bucket = TokenBucket(limits.paid_per_second, limits.paid_burst, now)
            bucket = self._paid_rate_bucket
        else:
            if self._bot_rate_bucket is None:
                self._bot_rate_bucket = TokenBucket(limits.global_per_second, limits.global_burst, now)
            bucket = self._bot_rate_bucket
        chat: ChatState | None = None
        try:
            chat = self._chats.get(int(params.get("chat_id")))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            chat = None
        waits = [bucket.wait_time(now)]
        if chat is not None:
            if chat.bucket is None:
                if chat.type == "private":
                    chat.bucket = TokenBucket(limits.chat_per_second, limits.chat_burst, now)
                else:
                    chat.bucket = TokenBucket(limits.group_per_minute / 60.0, limits.group_burst, now)
            waits.append(chat.bucket.wait_time(now))
        wait = max(waits)
        if wait > 0:
            self.stats.rate_limited += 1
            raise too_many_requests(max(1, math.ceil(wait)))
        bucket.take()
        if chat is not None and chat.bucket is not None:
            chat.bucket.take()


def fault_error(fault: Fault) -> ApiError:
    if fault.error == "429":
        return ApiError(
            429,
            fault.description or f"Too Many Requests: retry after {fault.retry_after}",
            retry_after=fault.retry_after,
        )
    try:
        code = int(fault.error)
    except ValueError:
        raise ValueError(f"unknown fault kind {fault.error!r}") from None
    return ApiError(code, fault.description or e.default_description(code))
