"""What a failed Bot API call means for the message it carried.

A payment system's question: did the money move? Here: can the message have arrived?

- ``NOT_SENT``: the request never reached Telegram (connection refused, DNS, a connect timeout, a
  proxy that refused or was unreachable). Sending again cannot make a duplicate.
- ``SERVER``: Telegram answered with a 5xx: it says the request failed. Sent again, a few times.
- ``FLOOD``: 429; wait ``retry_after`` and send the same message again.
- ``BLOCKED``: 403; the person blocked the bot or the bot left the chat. Definitive.
- ``REFUSED``: 400 and the like (chat not found, bad request). Definitive.
- ``AMBIGUOUS``: the request left and no answer came back (a read timeout, the connection dropped
  mid-request, an answer that is not Telegram's JSON). The message may have arrived: sending it
  again could make a duplicate, so only this one message is "unknown".
"""

from __future__ import annotations

import enum
import socket

import aiohttp
import aiohttp_socks
import python_socks
from aiogram.exceptions import (
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)


class Failure(enum.Enum):
    NOT_SENT = "not sent"
    SERVER = "server error"
    FLOOD = "flood control"
    BLOCKED = "blocked"
    REFUSED = "refused"
    AMBIGUOUS = "ambiguous"


# Raised before a single byte of the request could reach Telegram.
BEFORE_SENDING: tuple[type[BaseException], ...] = (
    aiohttp.ClientConnectorError,  # refused, unreachable, DNS (ClientConnectorDNSError), TLS handshake
    aiohttp.ConnectionTimeoutError,  # the connect timeout (the read timeout is another class)
    aiohttp.ClientProxyConnectionError,
    aiohttp_socks.ProxyError,  # the proxy refused to open the connection to Telegram
    aiohttp_socks.ProxyConnectionError,  # the proxy could not be reached
    aiohttp_socks.ProxyTimeoutError,  # the proxy's handshake timed out
    python_socks.ProxyError,
    python_socks.ProxyConnectionError,
    python_socks.ProxyTimeoutError,
    ConnectionRefusedError,
    socket.gaierror,
)


def classify(exc: BaseException) -> Failure:
    """The meaning of an exception raised by a Bot API call (aiogram's, or ours around it)."""
    if isinstance(exc, TelegramRetryAfter):
        return Failure.FLOOD
    if isinstance(exc, TelegramForbiddenError):
        return Failure.BLOCKED
    if isinstance(exc, TelegramServerError):
        return Failure.SERVER
    if isinstance(exc, TelegramNetworkError):
        return Failure.NOT_SENT if never_left(exc) else Failure.AMBIGUOUS
    if isinstance(exc, BEFORE_SENDING):
        return Failure.NOT_SENT
    if isinstance(exc, (aiohttp.ClientError, TimeoutError, OSError, ValueError)):
        return Failure.AMBIGUOUS
    return Failure.REFUSED  # TelegramBadRequest, TelegramNotFound, TelegramUnauthorizedError, …


def never_left(exc: BaseException) -> bool:
    """Does the chain of causes show that the request failed before it was sent?"""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, BEFORE_SENDING):
            return True
        seen.add(id(current))
        current = current.__cause__
    return False


def backoff(streak: int, ceiling: float) -> float:
    """Seconds to wait after ``streak`` failures in a row: 1, 2, 4, … up to ``ceiling``."""
    return float(min(ceiling, 2.0 ** max(0, streak - 1)))
