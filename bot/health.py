"""Health: is the running bot talking to Telegram?

The bot touches a heartbeat file (beside the database, ``<DATABASE_PATH>.heartbeat``, holding its
process id) each time Telegram answers a getUpdates call: with long polling that is at least every
POLLING_TIMEOUT seconds, idle or busy. ``python -m bot health`` reads it: healthy only when that
process is alive and the last answer is at most ``--max-age`` seconds old. So a bot still waiting
for Telegram at start-up, one that lost Telegram while polling, and one that is gone are all
unhealthy, and a supervisor (Docker's health check, a monitoring probe) sees it.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

# The standard library only: the check runs every 30 s in a container, and importing aiogram costs seconds.

DEFAULT_MAX_AGE = 60.0  # seconds; several POLLING_TIMEOUT cycles


def heartbeat_path(database: Path) -> Path:
    return database.with_name(database.name + ".heartbeat")


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
    if pid and (pid == os.getpid() or not _alive(pid)):  # our own id: a new container, the bot's is gone
        return False, f"unhealthy: the bot process {pid} that wrote {path} is gone"
    if age > max_age:
        return False, f"unhealthy: Telegram last answered {age:.0f} s ago (more than {max_age:.0f} s)"
    return True, f"ok: Telegram last answered {max(age, 0):.0f} s ago (process {pid})"
