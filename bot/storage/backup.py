"""Consistent copies of the live database, and putting one back.

A copy is made with SQLite's online backup API from a connection of its own, in one step: that
step reads one snapshot of the database (the WAL included, which a plain file copy misses), and in
WAL mode the bot goes on writing meanwhile. The copy is written under a temporary name, checked
with ``PRAGMA integrity_check``, switched to a single self-contained file (journal_mode=DELETE) and
only then given its name, so a file with a backup's name is always a whole, checked copy.

These functions block: callers run them in a thread (``run_in_thread``) or in a command-line tool.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
PARTIAL = ".partial"


class BackupError(Exception):
    """A backup or restore that could not be made or did not pass its check (one line for people)."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    size: int  # bytes
    schema: int  # PRAGMA user_version of the copy


def _open_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, timeout=30)


HEADER = b"SQLite format 3\x00"


def schema_version(path: Path) -> int:
    """The schema version of a database file, read without writing anything to it (nor beside it).

    From the file's header (user_version is bytes 60–63) when no -wal file could hold a newer one: even a
    read-only SQLite connection to a WAL database creates its -shm and -wal files. Raises
    sqlite3.DatabaseError for a file that is not an SQLite database.
    """
    with path.open("rb") as file:
        header = file.read(100)
    if len(header) < 100 or not header.startswith(HEADER):
        raise sqlite3.DatabaseError("file is not a database")
    wal = path.with_name(path.name + "-wal")
    if not wal.exists() or wal.stat().st_size == 0:
        return int.from_bytes(header[60:64], "big", signed=True)
    conn = _open_read_only(path)
    try:
        row = conn.execute("PRAGMA user_version").fetchone()
        return int(row[0]) if row else 0
    finally:
        conn.close()


def integrity_problems(conn: sqlite3.Connection) -> list[str]:
    rows = [str(row[0]) for row in conn.execute("PRAGMA integrity_check").fetchall()]
    return [] if rows == ["ok"] else rows


def check(path: Path) -> BackupInfo:
    """Open a copy and check it. Raises BackupError when it is not a sound SQLite database."""
    try:
        conn = _open_read_only(path)
        try:
            problems = integrity_problems(conn)
            row = conn.execute("PRAGMA user_version").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} is not a usable SQLite database ({exc})") from exc
    if problems:
        raise BackupError(f"{path} failed the integrity check: {'; '.join(problems[:3])}")
    return BackupInfo(path=path, size=path.stat().st_size, schema=int(row[0]) if row else 0)


def make_backup(source: Path, target: Path) -> BackupInfo:
    """Copy the database at ``source`` (live or not) to ``target`` and check the copy."""
    if not source.is_file():
        raise BackupError(f"there is no database at {source}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(f"cannot create the folder {target.parent}: {exc.strerror or exc}") from exc
    partial = target.with_name(target.name + PARTIAL)
    partial.unlink(missing_ok=True)
    try:
        src = sqlite3.connect(source, timeout=30)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)  # all pages in one step: one consistent snapshot
                problems = integrity_problems(dst)
                if problems:
                    raise BackupError(f"the copy failed the integrity check: {'; '.join(problems[:3])}")
                dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            finally:
                dst.close()
        finally:
            src.close()
        with partial.open("rb") as written:
            os.fsync(written.fileno())
        os.replace(partial, target)
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(f"cannot copy {source} to {target}: {exc}") from exc
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(f"cannot write {target}: {exc.strerror or exc}") from exc
    except BackupError:
        partial.unlink(missing_ok=True)
        raise
    return check(target)


def restore(backup: Path, database: Path) -> BackupInfo:
    """Put a checked copy back in place of the database (the bot must be stopped).

    Through the backup API as well, into the database file itself, so SQLite's own -wal and -shm
    files stay consistent with it (copying a file over a database that has a -wal beside it would
    mix the two).
    """
    info = check(backup)
    try:
        database.parent.mkdir(parents=True, exist_ok=True)
        src = _open_read_only(backup)
        try:
            dst = sqlite3.connect(database, timeout=30)
            try:
                src.backup(dst)
                problems = integrity_problems(dst)
                if problems:
                    raise BackupError(f"the restored database failed the integrity check: {'; '.join(problems[:3])}")
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        raise BackupError(f"cannot restore {backup} into {database}: {exc}") from exc
    except OSError as exc:
        raise BackupError(f"cannot write {database}: {exc.strerror or exc}") from exc
    return info


def rotate(folder: Path, prefix: str, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` backups named ``prefix…``. Returns the deleted."""
    found = sorted((p for p in folder.glob(prefix + "*.sqlite3") if p.is_file()), key=lambda p: p.stat().st_mtime_ns)
    doomed = found[:-keep] if keep > 0 else found
    for path in doomed:
        path.unlink(missing_ok=True)
    for leftover in folder.glob(prefix + "*" + PARTIAL):  # from a backup cut short by a crash
        leftover.unlink(missing_ok=True)
    return doomed


def prune_older(folder: Path, prefix: str, seconds: float) -> list[Path]:
    """Delete the backups named ``prefix…`` older than ``seconds``. Returns the deleted."""
    limit = time.time() - seconds
    doomed = [p for p in folder.glob(prefix + "*.sqlite3") if p.is_file() and p.stat().st_mtime < limit]
    for path in doomed:
        path.unlink(missing_ok=True)
    return doomed


async def run_in_thread(work: Callable[[], T]) -> T:
    """Run blocking work on a daemon thread of its own.

    Not the event loop's default executor: the interpreter waits for that one at exit, and a copy of
    a large database must never hold up a shutdown. A copy cut short leaves only a ``.partial`` file.
    """
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def settle(outcome: Callable[[], None]) -> None:
        if not future.done():
            outcome()

    def hand_over(outcome: Callable[[], None]) -> None:
        try:
            loop.call_soon_threadsafe(settle, outcome)
        except RuntimeError:  # the loop is closed: the process is stopping and nobody waits any more
            pass

    def target() -> None:
        try:
            result = work()
        except BaseException as exc:  # handed to the awaiting task, which decides
            error = exc
            hand_over(lambda: future.set_exception(error))
        else:
            hand_over(lambda: future.set_result(result))

    threading.Thread(target=target, name="sqlite-backup", daemon=True).start()
    return await future


def keep_files(database: Path, folder: Path) -> Path:
    """Copy a stopped database's files (with its -wal and -shm) as they are into ``folder``: works for a damaged one."""
    folder.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        source = database.with_name(database.name + suffix)
        if source.exists():
            shutil.copy2(source, folder / source.name)
    return folder


def unfinished_broadcasts(database: Path, stop: bool = False) -> list[tuple[int, int]]:
    """(broadcast id, recipients not yet reached) of the broadcasts still sending; ``stop`` asks them to stop,
    as the progress message's Stop button does (the bot honours it before its next send)."""
    conn = sqlite3.connect(database, timeout=30)
    try:
        rows = conn.execute(
            "SELECT b.id, (SELECT count(*) FROM deliveries d WHERE d.broadcast_id = b.id"
            " AND d.status IN ('pending', 'sending')) FROM broadcasts b WHERE b.status = 'sending' ORDER BY b.id"
        ).fetchall()
        if stop and rows:
            with conn:
                conn.execute("UPDATE broadcasts SET cancel_requested = 1 WHERE status = 'sending'")
    except sqlite3.OperationalError:  # a copy from before broadcasts existed
        return []
    finally:
        conn.close()
    return [(int(broadcast_id), int(left)) for broadcast_id, left in rows]
