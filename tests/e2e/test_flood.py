"""One person's flood: one notice, then silence for a while, and nobody else waits; Telegram's flood answers
are one log line each, never a traceback."""

from __future__ import annotations

import asyncio
import logging

import pytest

from bot.services.flood import FloodGuard, Verdict
from fake_telegram import FakeTelegram
from tests.support.clock import ManualClock


def test_the_guard_lets_a_burst_through_then_tells_once_then_drops_until_the_window_has_room() -> None:
    clock = ManualClock(1000.0)
    guard = FloodGuard(limit=3, window=10, clock=clock)
    assert [guard.check(7) for _ in range(6)] == [Verdict.PASS] * 3 + [Verdict.NOTIFY] + [Verdict.DROP] * 2
    assert guard.check(8) is Verdict.PASS  # someone else is not held back
    clock.now += 10
    assert [guard.check(7) for _ in range(4)] == [Verdict.PASS] * 3 + [Verdict.NOTIFY]  # told again, once
    assert FloodGuard(limit=0, window=10).check(7) is Verdict.PASS  # 0 = off


def test_the_guard_forgets_people_who_went_quiet() -> None:
    clock = ManualClock(1000.0)
    guard = FloodGuard(limit=3, window=10, clock=clock)
    for user_id in range(100_000):
        guard.check(user_id)
    assert guard.size == 100_000
    clock.now += 10
    guard.check(1)  # the first check after a quiet window sweeps
    assert guard.size == 1


async def test_a_flood_gets_one_notice_and_others_are_still_answered(
    fake: FakeTelegram, start_bot, caplog: pytest.LogCaptureFixture
) -> None:
    await start_bot(flood_limit=5, flood_window=120)
    flooder = fake.user(6001, first_name="Флуд", language_code="ru")
    neighbour = fake.user(6002, first_name="Соседка", language_code="ru")
    for _ in range(12):
        await flooder.send("/help")
    # The first five are answered as usual, the sixth gets the notice (updates are handled side by side, so the
    # notice may come before some of the answers).
    texts = [(await flooder.expect_message()).text for _ in range(6)]
    assert sorted(text.startswith("Что я умею") for text in texts) == [False] + [True] * 5
    assert "✋ Слишком много сообщений подряд. Подождите несколько секунд — потом я снова отвечу." in texts
    await neighbour.send("/start")
    assert "Здравствуйте" in (await neighbour.expect_message()).text
    await flooder.expect_no_message(within=0.5)  # the other six: silence
    assert "Traceback" not in caplog.text


async def test_presses_in_a_flood_are_still_answered(fake: FakeTelegram, start_bot) -> None:
    await start_bot(flood_limit=3, flood_window=120)
    presser = fake.user(6201, first_name="Кнопочник", language_code="ru")
    await presser.send("/help")  # 1
    message = await presser.expect_message()
    results = [await presser.press_data(presser.chat_id, message.message_id, "lang1:zz") for _ in range(4)]
    assert [r.answered for r in results] == [True] * 4  # no button is left spinning
    assert [r.text for r in results[2:]] == [
        "✋ Слишком много сообщений подряд. Подождите несколько секунд — потом я снова отвечу.",  # 4: told once
        None,  # 5: answered, silently
    ]
    await presser.expect_no_message(within=0.3)  # the notice came as the press's answer, not as a message


class Lines(logging.Handler):
    """Log records of one logger as they come, with an event to await the first one."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []
        self.arrived = asyncio.Event()

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
        self.arrived.set()


async def test_telegrams_flood_answer_to_a_reply_is_waited_out_or_one_line(fake: FakeTelegram, start_bot) -> None:
    await start_bot(reply_retry_budget=5)
    lines = Lines()
    logging.getLogger("bot.handlers.system.errors").addHandler(lines)
    try:
        user = fake.user(6101, first_name="Аня", language_code="ru")
        # A short flood wait is waited out: the person gets the answer, a little late.
        fake.fail_next("sendMessage", "429", retry_after=1, chat_id=user.user_id)
        await user.send("/help")
        assert (await user.expect_message(timeout=10)).text.startswith("Что я умею")
        limited, answered = [r for r in fake.requests_for("sendMessage") if r.params["chat_id"] == user.user_id]
        assert limited.error_code == 429 and answered.ok and answered.at - limited.at >= 0.95
        assert lines.records == []
        # One beyond the budget is not waited for: one line, no traceback, no apology into the flood.
        fake.fail_next("sendMessage", "429", retry_after=30, chat_id=user.user_id)
        await user.send("/help")
        await asyncio.wait_for(lines.arrived.wait(), 10)
        await user.send("/help")
        assert (await user.expect_message(timeout=10)).text.startswith("Что я умею")
    finally:
        logging.getLogger("bot.handlers.system.errors").removeHandler(lines)
    assert [r.getMessage() for r in lines.records] == [
        "update 2: reply not sent (TelegramRetryAfter): flood control, retry after 30 s"
    ]
    assert lines.records[0].exc_info is None


async def test_per_chat_isolation_keeps_no_lock_for_people_who_are_done() -> None:
    from aiogram.fsm.storage.base import StorageKey

    from bot.telegram.isolation import PrunedEventIsolation

    isolation = PrunedEventIsolation()
    assert isolation  # aiogram replaces a falsy isolation with none at all
    order: list[str] = []
    inside = asyncio.Event()

    async def hold(key: StorageKey, name: str, wait: asyncio.Event | None) -> None:
        async with isolation.lock(key):
            order.append(f"{name} in")
            inside.set()
            if wait is not None:
                await wait.wait()
            order.append(f"{name} out")

    same = StorageKey(bot_id=1, chat_id=5, user_id=5)
    release = asyncio.Event()
    first = asyncio.create_task(hold(same, "a", release))
    await inside.wait()
    second = asyncio.create_task(hold(same, "b", None))  # the same person: waits for the first
    other = asyncio.create_task(hold(StorageKey(bot_id=1, chat_id=6, user_id=6), "c", None))  # someone else: at once
    await other
    assert order == ["a in", "c in", "c out"] and isolation.size == 1
    release.set()
    await asyncio.gather(first, second)
    assert order[3:] == ["a out", "b in", "b out"]
    assert isolation.size == 0  # nothing kept for either of them

    waiting = asyncio.create_task(hold(same, "d", None))
    async with isolation.lock(same):
        await asyncio.sleep(0)  # let "d" start waiting on the lock
        waiting.cancel()
    await asyncio.gather(waiting, return_exceptions=True)
    assert isolation.size == 0  # a waiter that gave up leaves nothing either
