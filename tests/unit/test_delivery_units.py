"""Failure classification and the shared send budget, without Telegram (issue 12.2, 12.4)."""

from __future__ import annotations

import asyncio
import socket

import aiohttp
import pytest
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods import SendMessage

from bot.services.budget import BROADCAST, OUTBOX, REPLY, SendBudget
from bot.services.failures import Failure, backoff, classify
from tests.support.clock import ManualClock

METHOD = SendMessage(chat_id=1, text="x")


def network_error(cause: BaseException) -> TelegramNetworkError:
    """As aiogram raises it: the aiohttp error chained as the cause."""
    try:
        raise TelegramNetworkError(method=METHOD, message=f"{type(cause).__name__}: {cause}") from cause
    except TelegramNetworkError as exc:
        return exc


def connector_error(errno_error: OSError) -> aiohttp.ClientConnectorError:
    key = aiohttp.client_reqrep.ConnectionKey("127.0.0.1", 1, False, True, None, None, None)
    return aiohttp.ClientConnectorError(key, errno_error)


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (network_error(connector_error(ConnectionRefusedError(111, "refused"))), Failure.NOT_SENT),
        (network_error(connector_error(socket.gaierror(-2, "Name or service not known"))), Failure.NOT_SENT),
        (network_error(aiohttp.ConnectionTimeoutError("connect timeout")), Failure.NOT_SENT),
        (network_error(TimeoutError()), Failure.AMBIGUOUS),  # the total timeout: the request may have left
        (network_error(aiohttp.ServerDisconnectedError()), Failure.AMBIGUOUS),
        (TelegramServerError(method=METHOD, message="Internal Server Error"), Failure.SERVER),
        (TelegramRetryAfter(method=METHOD, message="Too Many Requests", retry_after=3), Failure.FLOOD),
        (TelegramForbiddenError(method=METHOD, message="Forbidden: bot was blocked by the user"), Failure.BLOCKED),
        (TelegramBadRequest(method=METHOD, message="Bad Request: chat not found"), Failure.REFUSED),
        (ValueError("not JSON"), Failure.AMBIGUOUS),
    ],
)
def test_each_failure_means_what_it_says(exc: BaseException, expected: Failure) -> None:
    assert classify(exc) is expected


def test_backoff_doubles_up_to_its_ceiling() -> None:
    assert [backoff(n, 10) for n in range(1, 7)] == [1, 2, 4, 8, 10, 10]


def test_lower_priorities_leave_room_for_replies() -> None:
    clock = ManualClock(1000.0)
    budget = SendBudget(per_second=30, reserves=(0, 4, 8), clock=clock)
    budget.overall.tokens = 8.5  # a broadcast has taken most of the second
    assert budget.delay(100, BROADCAST) > 0  # it keeps 8 for others
    assert budget.delay(101, OUTBOX) == 0
    assert budget.delay(102, REPLY) == 0
    budget.overall.tokens = 1.0
    assert budget.delay(103, OUTBOX) > 0 and budget.delay(104, REPLY) == 0


def test_per_chat_limits_private_and_group() -> None:
    clock = ManualClock(1000.0)
    budget = SendBudget(chat_per_second=1, chat_burst=3, group_per_minute=20, group_burst=5, clock=clock)
    for _ in range(3):
        assert budget.delay(7, REPLY) == 0
        budget._chat(7, clock()).tokens -= 1
    assert budget.delay(7, REPLY) == pytest.approx(1.0)
    for _ in range(5):
        budget._chat(-100, clock()).tokens -= 1
    assert budget.delay(-100, REPLY) == pytest.approx(3.0)  # 20 a minute: one every 3 s


async def test_take_waits_and_a_flood_pauses_the_chat() -> None:
    budget = SendBudget(per_second=1000, chat_per_second=50, chat_burst=1)
    assert await budget.take(5, REPLY) == 0
    waited = await budget.take(5, REPLY)
    assert 0 < waited <= 0.05
    budget.flood(5, 0.1)
    assert budget.delay(5, REPLY) == pytest.approx(0.1, abs=0.02)
    assert budget.delay(6, REPLY) == 0  # other chats are not held


async def test_a_waiting_reply_goes_before_a_waiting_broadcast() -> None:
    budget = SendBudget(per_second=20, reserves=(0, 0, 0), chat_burst=100)
    budget.overall.tokens = 0
    order: list[str] = []

    async def send(name: str, level: int) -> None:
        await budget.take(None, level)
        order.append(name)

    await asyncio.gather(send("broadcast", BROADCAST), send("reply", REPLY))
    assert order == ["reply", "broadcast"]


async def test_a_card_waiting_for_its_group_does_not_hold_back_a_broadcast() -> None:
    budget = SendBudget(per_second=1000, group_per_minute=60, group_burst=1, reserves=(0, 0, 0))
    await budget.take(-100, OUTBOX)  # the group's one message this second
    card = asyncio.create_task(budget.take(-100, OUTBOX))  # waits about a second for the group
    await asyncio.sleep(0)  # one turn of the loop: the card's task runs to its wait
    assert not card.done()
    sent = 0
    for chat in range(1, 21):  # meanwhile the broadcast goes on to other chats
        assert await budget.take(chat, BROADCAST) < 0.05
        sent += 1
    assert sent == 20 and not card.done()
    assert 0.5 < await card < 1.5


def test_a_low_rate_still_lets_every_priority_send() -> None:
    clock = ManualClock(1000.0)
    budget = SendBudget(per_second=5, clock=clock)
    for level in (REPLY, OUTBOX, BROADCAST):
        assert budget.delay(None, level) == 0  # a full bucket holds what each needs
