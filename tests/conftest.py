"""Fixtures: the fake Telegram server, the bot (in this process or as a real process), scripted people."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import suppress
from pathlib import Path
from typing import Any

import pytest

from bot.app import build_dispatcher, create_bot
from bot.config import Settings
from tests.fake_telegram import FakeTelegram, ScriptedUser

TOKEN = "123456:TEST-token_for-fake"
BOT_ID = 123456
ADMIN_ID = 9001
ROOT = Path(__file__).resolve().parent.parent


def make_settings(fake: FakeTelegram, db_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "bot_token": TOKEN,
        "admin_ids": str(ADMIN_ID),
        "database_path": db_path,
        "telegram_api_url": fake.base_url,
        "album_wait": 0.3,
        "polling_timeout": 1,
        "request_timeout": 5,
        "log_level": "INFO",
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


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
        self.env = {
            **os.environ,
            "BOT_TOKEN": TOKEN,
            "ADMIN_IDS": str(ADMIN_ID),
            "DATABASE_PATH": str(db_path),
            "TELEGRAM_API_URL": fake.base_url,
            "ALBUM_WAIT": "0.3",
            "POLLING_TIMEOUT": "1",
            "REQUEST_TIMEOUT": "5",
            "LOG_LEVEL": "INFO",
            **env,
        }
        self.log_path = log_path
        self.proc: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        polls_before = self.fake.count_requests("getUpdates")
        log = self.log_path.open("ab")
        self.proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", cwd=ROOT, env=self.env, stdout=log, stderr=log
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
