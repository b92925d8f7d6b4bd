"""Sending to one person with Telegram's errors handled (never silently)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from aiogram.exceptions import (
    AiogramError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)

from bot.services.failures import Failure, backoff, classify

log = logging.getLogger(__name__)
T = TypeVar("T")

MAX_RETRY_AFTER = 60


async def deliver(
    what: str,
    call: Callable[[], Awaitable[T]],
    on_blocked: Callable[[], Awaitable[None]] | None = None,
    attempts: int = 5,
) -> T | None:
    """Run one Telegram call; wait out 429s, retry what provably failed, report 403 through on_blocked.

    Returns the call's result, or None when it could not be delivered (logged).
    A request that never left (connection refused, DNS, connect timeout) or that Telegram answered
    with a 5xx is sent again after 0.5, 1, 2 … seconds. A read timeout is not retried: the message
    may have arrived, and a second copy is worse than a missing notification, which the person can
    see in /my.
    """
    for attempt in range(1, attempts + 1):
        try:
            return await call()
        except TelegramRetryAfter as exc:
            wait = min(exc.retry_after, MAX_RETRY_AFTER)
            log.warning("%s: flood control, waiting %ss (attempt %s)", what, wait, attempt)
            await asyncio.sleep(wait)
        except TelegramForbiddenError as exc:
            log.info("%s: recipient unreachable: %s", what, exc.message)
            if on_blocked is not None:
                await on_blocked()
            return None
        except TelegramBadRequest as exc:
            log.warning("%s: refused by Telegram: %s", what, exc.message)
            return None
        except (TelegramServerError, TelegramNetworkError) as exc:
            kind = classify(exc)
            if kind is Failure.AMBIGUOUS:
                log.warning("%s: no answer from Telegram, not retried to avoid a duplicate: %s", what, exc)
                return None
            if attempt < attempts:
                pause = backoff(attempt, 8.0) / 2
                log.warning("%s: %s (%s); trying again in %.1f s", what, kind.value, exc, pause)
                await asyncio.sleep(pause)
    log.error("%s: gave up after %s attempts", what, attempts)
    return None


async def settle(
    what: str,
    call: Callable[[], Awaitable[T]],
    sleep: Callable[[float], Awaitable[bool]],
    backoff_max: float,
) -> tuple[bool, T | None]:
    """For messages that must not be lost and may arrive twice (a broadcast's report): try until
    Telegram delivers or definitively refuses.

    ``sleep`` waits and returns False when the caller is stopping: then (False, None), and the
    caller keeps the message owed for the next start. Otherwise (True, result or None if refused).
    """
    streak = 0
    while True:
        try:
            return True, await call()
        except TelegramRetryAfter as exc:
            wait = float(min(exc.retry_after, MAX_RETRY_AFTER))
            log.warning("%s: flood control, waiting %.0f s", what, wait)
        except (TelegramForbiddenError, TelegramBadRequest) as exc:
            log.warning("%s: refused by Telegram: %s", what, exc.message)
            return True, None
        except AiogramError as exc:
            if classify(exc) is Failure.REFUSED:
                log.warning("%s: refused by Telegram: %s", what, exc)
                return True, None
            streak += 1
            wait = backoff(streak, backoff_max)
            log.warning("%s: not delivered (%s); trying again in %.1f s", what, exc, wait)
        if not await sleep(wait):
            return False, None
