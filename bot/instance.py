"""One bot per database: the running bot holds an exclusive lock on ``<DATABASE_PATH>.lock``.

The lock is the kernel's (flock), so it goes away with the process however the process ends (SIGKILL, out of
memory): a lock left behind never stops a restart. ``python -m bot restore`` takes the same lock, so it cannot
replace the database under a running bot, and a second bot started on the same database says so and exits.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


class InstanceLock:
    def __init__(self, database: Path) -> None:
        self.path = lock_path(database)
        self._fd: int | None = None

    def acquire(self) -> bool:
        """Take the lock (the folder must exist). False when another process holds it."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        self._fd = fd
        return True

    def holder(self) -> int | None:
        """The process id the holder wrote (for the message), if it can be read."""
        try:
            content = self.path.read_text(encoding="ascii").strip()
        except OSError:
            return None
        return int(content) if content.isdigit() else None

    def release(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
