"""`python -m bot …` as a real process: `BotProcess`, whose output a test reads line by line as it comes, and
`ProcessBot`, which writes it to a log file (the `process_bot` fixture).

Waiting is on events (a line that matches, the process's exit, a getUpdates call), never on a fixed sleep.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
import time
from pathlib import Path
from typing import ClassVar

from bot import clock
from bot.config import Settings
from fake_telegram import FakeTelegram
from tests.support.settings import BOT_DEFAULTS, TOKEN
from tests.support.waiting import Signal, wait_for

ROOT = Path(__file__).resolve().parents[2]


def clean_environ() -> dict[str, str]:
    """The test process's environment without anything the bot reads as a setting (an operator's BOT_TOKEN…),
    and with the project importable from any folder."""
    names = {name.upper() for name in Settings.model_fields}
    env = {key: value for key, value in os.environ.items() if key.upper() not in names}
    env["PYTHONPATH"] = str(ROOT)
    return env


def process_env(fake_url: str, db_path: Path, **env: str) -> dict[str, str]:
    """Environment for `python -m bot` in a test: the fake server and the tests' defaults (BOT_DEFAULTS: a short
    polling cycle, no daily backup...) and the test's clock, as a bot in the test's process gets them."""
    shift = clock.SHIFT.total_seconds()  # the test's clock (a pinned time of day), unless CLOCK_SHIFT is given
    return {
        **clean_environ(),
        **{name.upper(): str(value) for name, value in BOT_DEFAULTS.items()},
        "BOT_TOKEN": TOKEN,
        "DATABASE_PATH": str(db_path),
        "TELEGRAM_API_URL": fake_url,
        "STARTUP_RETRY_MAX": "0.5",
        **({"CLOCK_SHIFT": str(shift)} if shift else {}),
        **env,
    }


class BotProcess:
    started: ClassVar[list[BotProcess]] = []

    def __init__(self, cwd: Path, env: dict[str, str], *args: str) -> None:
        self.cwd = cwd
        self.env = env
        self.args = args
        self.lines: list[str] = []
        self.proc: asyncio.subprocess.Process | None = None
        self._printed = Signal()  # a line, or the end of the output
        self._reader: asyncio.Task[None] | None = None
        self.signalled_at: float | None = None

    @classmethod
    def against(cls, fake_url: str, db_path: Path, *args: str, cwd: Path | None = None, **env: str) -> BotProcess:
        """The bot (or one of its commands) set up for the fake at fake_url, run in the database's folder."""
        return cls(cwd or db_path.parent, process_env(fake_url, db_path, **env), *args)

    @classmethod
    def bare(cls, cwd: Path, *args: str, **env: str) -> BotProcess:
        """Only the settings given (nothing from the test's environment)."""
        return cls(cwd, {**clean_environ(), **env}, *args)

    async def start(self) -> BotProcess:
        self.proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            *self.args,
            cwd=self.cwd,
            env=self.env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        self._reader = asyncio.create_task(self._read())
        BotProcess.started.append(self)
        return self

    async def _read(self) -> None:
        assert self.proc is not None and self.proc.stdout is not None
        while True:
            raw = await self.proc.stdout.readline()
            if not raw:
                break
            self.lines.append(raw.decode("utf-8", errors="replace").rstrip("\n"))
            self._printed.fire()
        self._printed.fire()

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    async def wait_for_line(self, pattern: str, *, count: int = 1, timeout: float = 45.0) -> list[str]:  # noqa: ASYNC109
        """The first ``count`` lines matching the regular expression (waits for them to be printed)."""
        regex = re.compile(pattern)

        def found() -> list[str]:
            return [line for line in self.lines if regex.search(line)]

        def printed() -> bool:
            if len(found()) >= count:
                return True
            if self._reader is not None and self._reader.done():
                raise AssertionError(f"the process ended before printing {pattern!r}:\n{self.output}")
            return False

        def what() -> str:
            return f"a line matching {pattern!r} (printed so far:\n{self.output}\n)"

        await wait_for(printed, on=self._printed, timeout=timeout, what=what)
        return found()[:count]

    def send(self, sig: signal.Signals) -> None:
        assert self.proc is not None
        self.signalled_at = time.monotonic()
        self.proc.send_signal(sig)

    async def exit_code(self, timeout: float = 45.0) -> int:  # noqa: ASYNC109
        assert self.proc is not None
        try:
            code = await asyncio.wait_for(self.proc.wait(), timeout)
        except TimeoutError:
            raise AssertionError(f"the process did not exit within {timeout}s:\n{self.output}") from None
        if self._reader is not None:
            await self._reader
        return code

    def seconds_since_signal(self) -> float:
        assert self.signalled_at is not None
        return time.monotonic() - self.signalled_at

    @classmethod
    async def kill_all(cls) -> None:
        """After each test: nothing outlives it, and what each process printed is in the test's report."""
        while cls.started:
            process = cls.started.pop(0)
            await process.kill()
            print(f"---- python -m bot {' '.join(process.args)} (exit code {process.returncode}) ----")
            print(process.output)

    @property
    def returncode(self) -> int | None:
        return self.proc.returncode if self.proc is not None else None

    async def kill(self) -> None:
        if self.proc is not None and self.proc.returncode is None:
            self.proc.kill()
            await self.proc.wait()
        if self._reader is not None:
            await self._reader


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
