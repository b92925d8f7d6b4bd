"""The bot as a child process of the sandbox: ``python -m bot run`` against the fake Bot API.

Its settings come from the sandbox only (never from the operator's ``.env`` or the environment's bot
settings): the fake's token and address, the sandbox database, the superadmin persona, the time machine's
shift. Its output goes to ``sandbox.log`` in the data folder.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import logging
import os
import signal
import sys
from pathlib import Path

from bot.config import Settings
from fake_telegram import FakeTelegram

log = logging.getLogger("sandbox")

ROOT = Path(__file__).resolve().parents[1]  # the folder holding the bot and sandbox packages
DATABASE_FILE = "sandbox.sqlite3"
LOG_FILE = "sandbox.log"
START_TIMEOUT = 90.0  # importing aiogram on a busy 2-core machine takes many seconds
STOP_TIMEOUT = 15.0
LOG_LIMIT = 5 * 1024 * 1024

# The child's own settings (the rest: the bot's defaults).
CHILD_SETTINGS = {
    "ALBUM_WAIT": "0.5",
    "POLLING_TIMEOUT": "5",
    "SHUTDOWN_TIMEOUT": "5",
    "STARTUP_RETRY_MAX": "1",
    "BACKUP_TIME": "",  # throwaway data: no daily backups
    "LOG_FORMAT": "text",
    "LOG_LEVEL": "INFO",
}


def child_environment(fake: FakeTelegram, database: Path, admin_ids: tuple[int, ...], shift: float) -> dict[str, str]:
    """The environment of the bot child: the caller's without any bot setting, plus the sandbox's."""
    names = {name.upper() for name in Settings.model_fields}
    env = {key: value for key, value in os.environ.items() if key.upper() not in names}
    path = env.get("PYTHONPATH")
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + path if path else "")
    env.update(CHILD_SETTINGS)
    env.update(
        {
            "BOT_TOKEN": fake.token,
            "TELEGRAM_API_URL": fake.base_url,
            "DATABASE_PATH": str(database),
            "ADMIN_IDS": ",".join(str(user_id) for user_id in admin_ids),
            "CLOCK_SHIFT": repr(float(shift)),
        }
    )
    return env


def _die_with_parent() -> None:
    """Linux: the bot gets SIGTERM when the sandbox dies, even killed (PR_SET_PDEATHSIG)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)


class BotChild:
    """Starts, watches and stops the bot child. ``status``: starting, running, restarting or stopped."""

    def __init__(self, folder: Path, admin_ids: tuple[int, ...]) -> None:
        self.folder = folder
        self.database = folder / DATABASE_FILE
        self.log_path = folder / LOG_FILE
        self.admin_ids = admin_ids
        self.status = "stopped"
        self.exit_code: int | None = None
        self._proc: asyncio.subprocess.Process | None = None
        self._watch: asyncio.Task[None] | None = None
        self._ready: asyncio.Task[None] | None = None

    def trim_log(self) -> None:
        with contextlib.suppress(OSError):
            if self.log_path.stat().st_size > LOG_LIMIT:
                self.log_path.unlink()

    async def start(self, fake: FakeTelegram, shift: float, *, restarting: bool = False) -> None:
        """Start the bot; returns at once (``status`` says when it polls: see :meth:`wait_ready`)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        polls_before = fake.count_requests("getUpdates")
        env = child_environment(fake, self.database, self.admin_ids, shift)
        with self.log_path.open("ab") as out:
            # Started in the data folder: a .env in the checkout (the operator's) is never read.
            self._proc = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                "run",
                cwd=self.folder,
                env=env,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=out,
                stderr=out,
                start_new_session=True,  # Ctrl-C in the terminal reaches the sandbox only; it stops the bot
                preexec_fn=_die_with_parent if sys.platform == "linux" else None,
            )
        self.status = "restarting" if restarting else "starting"
        self.exit_code = None
        self._ready = asyncio.create_task(self._until_polling(fake, polls_before))
        self._watch = asyncio.create_task(self._watch_exit(self._proc))

    async def _until_polling(self, fake: FakeTelegram, polls_before: int) -> None:
        try:
            await fake.wait_for_request("getUpdates", after=polls_before, timeout=START_TIMEOUT)
        except AssertionError:
            log.warning("the bot has not asked for updates within %.0f s; see %s", START_TIMEOUT, self.log_path)
            return
        if self._proc is not None and self._proc.returncode is None:
            self.status = "running"

    async def _watch_exit(self, proc: asyncio.subprocess.Process) -> None:
        code = await proc.wait()
        if self._proc is proc:  # not stopped on purpose
            self.status = "stopped"
            self.exit_code = code
            self._proc = None
            print(f"Sandbox: the bot stopped (exit code {code}); see {self.log_path}", file=sys.stderr, flush=True)

    async def wait_ready(self, timeout: float = START_TIMEOUT) -> bool:  # noqa: ASYNC109
        """Wait until the bot polls (True) or has stopped / the time is up (False)."""
        ready, watch = self._ready, self._watch
        if ready is None or watch is None:
            return self.status == "running"
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.wait({ready, watch}, return_when=asyncio.FIRST_COMPLETED), timeout)
        return self.status == "running"

    async def stop(self) -> None:
        """SIGTERM, then SIGKILL if it lingers; waits for the exit."""
        proc, self._proc = self._proc, None
        for task in (self._ready, self._watch):
            if task is not None and not task.done():
                task.cancel()
        self._ready = self._watch = None
        self.status = "stopped"
        if proc is None or proc.returncode is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            proc.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(proc.wait(), STOP_TIMEOUT)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                proc.kill()
            await proc.wait()

    def forget_database(self) -> None:
        """Delete the sandbox database and what the bot keeps beside it (the bot must be stopped)."""
        for path in self.folder.glob(DATABASE_FILE + "*"):
            with contextlib.suppress(OSError):
                path.unlink()
