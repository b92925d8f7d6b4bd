"""Fixtures: the fake Telegram server, the bot (in this process or as a real process), scripted people."""

from __future__ import annotations

import signal
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from bot import clock
from fake_telegram import FakeTelegram, ScriptedUser
from tests.support.bot_process import BotProcess, ProcessBot
from tests.support.clock import PINNED_HOUR, shift_to
from tests.support.in_process import InProcessBot
from tests.support.settings import ADMIN_ID, BOT_ID, TOKEN, bot_settings


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    server = FakeTelegram(token=TOKEN, bot_id=BOT_ID, bot_username="ideas_bot", bot_first_name="Ideas")
    await server.start(host="127.0.0.1", port=0)
    yield server
    await server.stop()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "bot.sqlite3"


@pytest.fixture
async def start_bot(fake: FakeTelegram, db_path: Path) -> AsyncIterator[Callable[..., Awaitable[InProcessBot]]]:
    running: list[InProcessBot] = []

    async def starter(**overrides: Any) -> InProcessBot:
        runner = InProcessBot(bot_settings(fake.base_url, db_path, **overrides))
        await runner.start()
        running.append(runner)
        return runner

    yield starter
    for runner in running:
        await runner.stop()


@pytest.fixture
async def bot(start_bot: Callable[..., Awaitable[InProcessBot]]) -> InProcessBot:
    return await start_bot()


@pytest.fixture
async def process_bot(fake: FakeTelegram, db_path: Path, tmp_path: Path) -> AsyncIterator[ProcessBot]:
    runner = ProcessBot(fake, db_path, tmp_path / "bot.log")
    yield runner
    if runner.proc is not None:
        runner.proc.send_signal(signal.SIGKILL)
        await runner.proc.wait()
    if runner.log_path.exists():
        print("---- bot process log ----")
        print(runner.log())


@pytest.fixture
def admin(fake: FakeTelegram) -> ScriptedUser:
    return fake.user(ADMIN_ID, first_name="Ольга", last_name="Админова", username="olga_admin", language_code="ru")


@pytest.fixture
def pinned_clock() -> float:
    """The bot's clock reads 10:00 today in TIMEZONE, whatever the hour the suite runs: a test that formats or
    compares times (a session "18:00–19:30", an offer "до 12:00", "today" or "tomorrow") sees the same texts at
    any hour, and nothing it computes crosses midnight. Bots the test starts, in its process or as processes,
    read the same clock. Returns the shift (seconds), for a test that moves the clock on from there."""
    shift = shift_to(PINNED_HOUR)
    clock.set_shift(shift)
    return shift


@pytest.fixture(autouse=True)
def _the_bots_clock_starts_unshifted() -> Iterator[None]:
    """bot.clock's shift is process-wide: a test that pins or moves it leaves nothing for the next one."""
    clock.set_shift(0.0)
    yield
    clock.set_shift(0.0)


@pytest.fixture(autouse=True)
async def _no_bot_process_outlives_its_test() -> AsyncIterator[None]:
    yield
    await BotProcess.kill_all()
