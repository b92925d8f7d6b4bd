"""Fixtures: the fake Telegram server, the bot (in this process or as a real process), scripted people."""

from __future__ import annotations

import asyncio
import signal
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import suppress
from pathlib import Path
from typing import Any

import pytest

from bot import clock
from bot.app import build_dispatcher, create_bot
from bot.config import Settings
from tests.fake_telegram import FakeTelegram, ScriptedUser
from tests.support.bot_process import ADMIN_ID, ROOT, TOKEN, BotProcess, process_env

__all__ = ["ADMIN_ID", "ROOT", "TOKEN"]  # tests import these from here

BOT_ID = 123456


def make_settings(fake: FakeTelegram, db_path: Path, **overrides: Any) -> Settings:
    """Settings for a bot in the test's process: from these values only (never a .env, never the environment)."""
    values: dict[str, Any] = {
        "bot_token": TOKEN,
        "admin_ids": str(ADMIN_ID),
        "database_path": db_path,
        "telegram_api_url": fake.base_url,
        "album_wait": 0.3,
        "polling_timeout": 1,
        "request_timeout": 5,
        "log_level": "INFO",
        "backup_time": "",  # no daily backup (tests of backups turn it on)
        "flood_limit": 0,  # scripted people are faster than any person (tests of the flood guard turn it on)
        "telegram_rate": 0,  # no shared send budget: scripted people read faster too (tests of delivery turn it on)
    }
    values.update(overrides)
    return _isolated_settings(**values)


class IsolatedSettings(Settings):
    """Settings from the values given only: neither the environment nor a .env file is read."""

    @classmethod
    def settings_customise_sources(cls, settings_cls: Any, init_settings: Any, *args: Any, **kwargs: Any) -> Any:
        return (init_settings,)


def _isolated_settings(**values: Any) -> Settings:
    return IsolatedSettings(**values)


class InProcessBot:
    """The real dispatcher polling the fake server inside the test's event loop."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.task: asyncio.Task[None] | None = None
        self.dp: Any = None

    async def start(self) -> None:
        bot = create_bot(self.settings)
        self.dp = build_dispatcher(self.settings, bot)
        started = asyncio.Event()
        self.dp.startup.register(lambda: started.set())
        self.task = asyncio.create_task(self.dp.start_polling(bot, handle_signals=False, polling_timeout=1))
        waiter = asyncio.create_task(started.wait())
        done, _ = await asyncio.wait({waiter, self.task}, timeout=15, return_when=asyncio.FIRST_COMPLETED)
        if self.task in done:
            self.task.result()
        assert waiter in done, "bot did not start"

    async def stop(self) -> None:
        if self.task is None:
            return
        with suppress(RuntimeError):
            await self.dp.stop_polling()
        with suppress(asyncio.CancelledError):
            await asyncio.wait_for(self.task, timeout=15)
        self.task = None


class ProcessBot:
    """`python -m bot` as a separate process, configured through the environment."""

    def __init__(self, fake: FakeTelegram, db_path: Path, log_path: Path, **env: str) -> None:
        self.fake = fake
        self.env = process_env(fake.base_url, db_path, **env)
        self.log_path = log_path
        self.proc: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        polls_before = self.fake.count_requests("getUpdates")
        log = self.log_path.open("ab")
        # Started in the log's folder, not the checkout: a .env there (an operator's) is never read.
        self.proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", cwd=self.log_path.parent, env=self.env, stdout=log, stderr=log
        )
        log.close()
        # Generous: importing aiogram alone takes 20 s on this 2-core machine when other processes load it.
        await self.fake.wait_for_request("getUpdates", after=polls_before, timeout=45)

    async def kill(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        await self.proc.wait()
        self.proc = None

    async def stop(self) -> int:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(self.proc.wait(), timeout=20)
        self.proc = None
        return code

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


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
        runner = InProcessBot(make_settings(fake, db_path, **overrides))
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
