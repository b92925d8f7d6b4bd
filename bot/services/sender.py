"""Sending to one person with Telegram's errors handled (never silently)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)

log = logging.getLogger(__name__)
T = TypeVar("T")

MAX_RETRY_AFTER = 60


async def deliver(
    what: str,
    call: Callable[[], Awaitable[T]],
    on_blocked: Callable[[], Awaitable[None]] | None = None,
    attempts: int = 3,
) -> T | None:
    """Run one Telegram call; wait out 429s, report 403 through on_blocked.

    Returns the call's result, or None when it could not be delivered (logged).
    A timeout is not retried: the message may have arrived, and a second copy
    is worse than a missing notification, which the person can see in /my.
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
        except TelegramServerError as exc:
            log.warning("%s: Telegram server error, not retried to avoid a duplicate: %s", what, exc)
            return None
        except TelegramNetworkError as exc:
            log.warning("%s: network error, not retried to avoid a duplicate: %s", what, exc)
            return None
    log.error("%s: gave up after %s flood-control waits", what, attempts)
    return None
