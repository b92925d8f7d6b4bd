"""Backups the bot makes by itself: every day at BACKUP_TIME (in TIMEZONE), and before any migration.

Daily copies are named ``daily-YYYY-MM-DD-HHMM.sqlite3`` in BACKUP_DIR, and only the newest
BACKUP_KEEP of them are kept. A copy made before a migration (``before-vN-…``) is deleted BACKUP_KEEP
days later (it holds data people may have deleted since). The ones an operator makes with
``python -m bot backup`` (``manual-…``) are never deleted by the bot: they are the operator's.
"""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import datetime
from pathlib import Path

from bot.config import Settings
from bot.storage import backup
from bot.storage.backup import BackupError, BackupInfo
from bot.storage.db import StorageError

log = logging.getLogger(__name__)

DAILY = "daily-"
MANUAL = "manual-"
BEFORE = "before-v"
MISSED_AFTER = 26 * 3600  # seconds: at start-up, a daily copy older than this means one was missed


def stamp(settings: Settings) -> str:
    return datetime.now(settings.tz).strftime("%Y-%m-%d-%H%M%S")


def unused(path: Path) -> Path:
    """The path, or the first of path-2, path-3 … that is free (two copies within one second)."""
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def describe(info: BackupInfo) -> str:
    return f"{info.path} ({info.size / 1_000_000:.1f} MB, schema v{info.schema}, integrity ok)"


class Backups:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.folder = settings.backups
        self.ran = asyncio.Event()  # set after each daily run, made or failed (logs and tests wait on it)

    async def daily(self) -> BackupInfo | None:
        """The scheduled copy, then the rotation. A failure is logged, never raised: the bot goes on."""
        target = unused(self.folder / f"{DAILY}{stamp(self.settings)}.sqlite3")
        try:
            info = await backup.run_in_thread(lambda: backup.make_backup(self.settings.database_path, target))
            deleted = backup.rotate(self.folder, DAILY, self.settings.backup_keep)
            # Copies made before migrations go after as many days (they hold data people have since deleted).
            deleted += backup.prune_older(self.folder, BEFORE, self.settings.backup_keep * 86400)
        except BackupError as exc:
            log.error("daily backup failed: %s", exc)
            return None
        finally:
            self.ran.set()
        log.info("daily backup: %s; %s older copy(ies) deleted", describe(info), len(deleted))
        return info

    def missed(self) -> bool:
        """No daily copy within the last day (the bot was down at BACKUP_TIME, or this is its first start)."""
        if self.settings.backup_at is None:
            return False
        newest = max((p.stat().st_mtime for p in self.folder.glob(DAILY + "*.sqlite3")), default=0.0)
        return time.time() - newest > MISSED_AFTER

    async def before_migrating(self, current: int, target: int) -> None:
        """A copy of the database as it is, before migrations change it; without one they don't run."""
        path = unused(self.folder / f"{BEFORE}{target}-from-v{current}-{stamp(self.settings)}.sqlite3")
        log.info("schema v%s → v%s: backing up the database first", current, target)
        try:
            info = await backup.run_in_thread(lambda: backup.make_backup(self.settings.database_path, path))
        except BackupError as exc:
            raise StorageError(f"no migration without a backup, and the backup failed: {exc}") from exc
        log.info("pre-migration backup: %s", describe(info))


def manual_target(settings: Settings, given: str | None) -> Path:
    """Where ``python -m bot backup [PATH]`` writes: PATH (a file, or a folder to put it in), else BACKUP_DIR."""
    name = f"{MANUAL}{stamp(settings)}.sqlite3"
    if not given:
        return unused(settings.backups / name)
    path = Path(given)
    if path.is_dir() or given.endswith(("/", "\\")):
        return unused(path / name)
    return path
