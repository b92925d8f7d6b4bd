"""Health: is the running bot talking to Telegram?

The bot touches a heartbeat file (beside the database, ``<DATABASE_PATH>.heartbeat``, holding its
process id) each time Telegram answers a getUpdates call: with long polling that is at least every
POLLING_TIMEOUT seconds, idle or busy. ``python -m bot health`` reads it: healthy only when that
process is alive and the last answer is at most ``--max-age`` seconds old. So a bot still waiting
for Telegram at start-up, one that lost Telegram while polling, and one that is gone are all
unhealthy, and a supervisor (Docker's health check, a monitoring probe) sees it.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from aiogram import Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.methods import GetUpdates, Response, TelegramMethod
from aiogram.methods.base import TelegramType

from bot.config import Settings

log = logging.getLogger(__name__)

DEFAULT_MAX_AGE = 60.0  # seconds; several POLLING_TIMEOUT cycles
BEAT_EVERY = 1.0  # seconds: at most one touch of the file per second, however busy the bot is


def heartbeat_path(settings: Settings) -> Path:
    path = settings.database_path
    return path.with_name(path.name + ".heartbeat")


class Heartbeat(BaseRequestMiddleware):
    """A request middleware on the bot's session: after each answered getUpdates, touch the file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.last = float("-inf")
        self.failed = False

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        response = await make_request(bot, method)
        if isinstance(method, GetUpdates):
            self.beat()
        return response

    def beat(self) -> None:
        now = time.monotonic()
        if now - self.last < BEAT_EVERY:
            return
        self.last = now
        try:
            if self.path.exists():
                os.utime(self.path)
            else:
                temporary = self.path.with_name(self.path.name + ".new")
                temporary.write_text(f"{os.getpid()}\n", encoding="ascii")
                os.replace(temporary, self.path)
            self.failed = False
        except OSError as exc:
            if not self.failed:  # once per failure, not every second
                log.warning("cannot write the heartbeat file %s: %s", self.path, exc.strerror or exc)
            self.failed = True

    def clear(self) -> None:
        """At start-up (a file left by an earlier run says nothing about this one) and at shutdown."""
        try:
            if self.path.exists():
                self.path.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            log.warning("cannot remove the heartbeat file %s: %s", self.path, exc.strerror or exc)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, under another user
        return True
    return True


def check(path: Path, max_age: float) -> tuple[bool, str]:
    """(healthy, one line saying why)."""
    try:
        content = path.read_text(encoding="ascii").strip()
        age = time.time() - path.stat().st_mtime
    except FileNotFoundError:
        return False, f"unhealthy: no heartbeat at {path} (the bot is not running, or has not reached Telegram yet)"
    except OSError as exc:
        return False, f"unhealthy: cannot read {path} ({exc.strerror or exc})"
    pid = int(content) if content.isdigit() else 0
    if pid and not _alive(pid):
        return False, f"unhealthy: the bot process {pid} that wrote {path} is gone"
    if age > max_age:
        return False, f"unhealthy: Telegram last answered {age:.0f} s ago (more than {max_age:.0f} s)"
    return True, f"ok: Telegram last answered {max(age, 0):.0f} s ago (process {pid})"


def running_pid(path: Path) -> int | None:
    """The process id of a bot that is running on this database, if any (for tools that need it stopped)."""
    try:
        content = path.read_text(encoding="ascii").strip()
    except OSError:
        return None
    pid = int(content) if content.isdigit() else 0
    return pid if pid and _alive(pid) else None
