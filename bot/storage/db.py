"""The single aiosqlite connection, its pragmas, migrations and transactions."""

from __future__ import annotations

import asyncio
import logging
import re
import sqlite3
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite

from bot.storage import backup

log = logging.getLogger(__name__)

MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
# A migration that rebuilds a table others refer to carries this line: it runs with foreign keys
# off (SQLite ignores the pragma inside a transaction, and DROP TABLE would cascade), and the
# foreign keys are checked before its COMMIT.
MIGRATE_FK_OFF = "-- migrate: foreign-keys-off"


def load_migrations() -> list[tuple[int, str, str]]:
    """Numbered SQL files shipped in bot/storage/migrations, in order."""
    found = []
    for entry in resources.files("bot.storage").joinpath("migrations").iterdir():
        match = MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    numbers = [n for n, _, _ in found]
    if numbers != list(range(1, len(numbers) + 1)):
        raise RuntimeError(f"migrations must be numbered 1..N without gaps, found {numbers}")
    return found


class StorageError(Exception):
    """The database cannot be used as it is: one line for the operator, who must fix something first."""


def latest_version() -> int:
    """The schema version this code brings the database to."""
    return len(load_migrations())


PreMigrationBackup = Callable[[int, int], Awaitable[None]]

# Another process (an operator's sqlite3, a backup tool) may hold the write lock longer than busy_timeout.
# A statement that meets it is tried again, each wait logged, for this long (a resident's action then fails
# with the usual apology; nothing half-done, the transaction rolled back); a write that records a result
# (a broadcast's outcome) is tried until stored (``forever=True``): a long lock delays, never resends.
LOCK_PATIENCE = 60.0
T = TypeVar("T")


def locked(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in str(exc) or "busy" in str(exc))


class Database:
    """One connection shared by the whole bot.

    aiosqlite runs every call on one worker thread, in the order the calls were
    made, so single statements need no lock of their own. A multi-statement
    transaction holds ``self._lock`` from BEGIN to COMMIT; a single statement
    issued meanwhile waits for it, so it never lands inside someone else's
    transaction. When no transaction is open a statement is queued at once
    (``_wait_for_transaction`` does not yield), which keeps the lock from turning into a convoy
    under load: waiting on it costs an event-loop round per statement.
    """

    def __init__(self, path: Path | str, before_migrating: PreMigrationBackup | None = None) -> None:
        self.path = Path(path)
        # Called with (current, target) version before migrations change an existing database.
        self.before_migrating = before_migrating
        self._conn: aiosqlite.Connection | None = None
        self._lock = asyncio.Lock()
        self._reader: aiosqlite.Connection | None = None
        self._reader_lock = asyncio.Lock()

    @property
    def is_open(self) -> bool:
        return self._conn is not None

    @property
    def conn(self) -> aiosqlite.Connection:
        if self._conn is None:
            raise RuntimeError("database is not open")
        return self._conn

    async def connect(self) -> None:
        """Open the database, check it can be used, bring its schema up to date.

        Every problem an operator can meet (a folder that cannot be created, a file that cannot be
        written or is not a database, a schema newer than this code, a failed migration) is a
        StorageError that says what to fix; the connection is closed again, so nothing keeps the
        process alive. A database with a newer schema is refused before anything writes to it.
        """
        if self._conn is not None:
            return
        memory = str(self.path) == ":memory:"
        current = 0
        if not memory:
            self.prepare_folder()
            current = await self._existing_version()
        try:
            conn = await aiosqlite.connect(self.path, isolation_level=None)
        except sqlite3.Error as exc:  # e.g. a folder the bot may not write to: no file, no -wal can be made
            raise StorageError(f"DATABASE_PATH: cannot open {self.path} ({exc})") from exc
        try:
            conn.row_factory = aiosqlite.Row
            await conn.execute("PRAGMA journal_mode=WAL")
            await conn.execute("PRAGMA synchronous=NORMAL")
            await conn.execute("PRAGMA foreign_keys=ON")
            await conn.execute("PRAGMA busy_timeout=5000")
            await self._check_writable(conn)
        except sqlite3.Error as exc:
            await conn.close()
            raise StorageError(f"DATABASE_PATH: cannot write to {self.path} ({exc})") from exc
        except BaseException:
            await conn.close()
            raise
        self._conn = conn
        try:
            pending = latest_version() > current
            if pending and current > 0 and self.before_migrating is not None:
                await self.before_migrating(current, latest_version())
            await self.migrate()
            if not memory:
                self._reader = await self._open_reader()
        except BaseException:
            await self.close()
            raise

    async def _open_reader(self) -> aiosqlite.Connection:
        reader = await aiosqlite.connect(self.path, isolation_level=None)
        try:
            reader.row_factory = aiosqlite.Row
            await reader.execute("PRAGMA query_only=ON")
            await reader.execute("PRAGMA busy_timeout=5000")
        except BaseException:
            await reader.close()
            raise
        return reader

    def prepare_folder(self) -> None:
        try:
            if self.path.is_dir():
                raise StorageError(f"DATABASE_PATH: {self.path} is a folder; give the path of a file in it")
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:  # also a folder on the way that the bot may not enter
            reason = exc.strerror or str(exc)
            raise StorageError(f"DATABASE_PATH: cannot create the folder {self.path.parent} ({reason})") from exc

    async def _existing_version(self) -> int:
        """The schema version of the file already there (0 for a new one), read without writing to it."""
        try:
            if not self.path.exists() or self.path.stat().st_size == 0:
                return 0
            version = backup.schema_version(self.path)
        except sqlite3.DatabaseError as exc:
            raise StorageError(f"DATABASE_PATH: {self.path} is not an SQLite database ({exc})") from exc
        except OSError as exc:
            raise StorageError(f"DATABASE_PATH: cannot read {self.path} ({exc.strerror or exc})") from exc
        latest = latest_version()
        if version > latest:
            raise StorageError(
                f"DATABASE_PATH: {self.path} has schema version {version}, newer than this version of the bot"
                f" knows ({latest}); run the newer version, or restore a backup made before the upgrade"
            )
        return version

    @staticmethod
    async def _check_writable(conn: aiosqlite.Connection) -> None:
        """SQLite opens a file it may not write read-only without a word; a write rolled back finds out."""
        cur = await conn.execute("PRAGMA user_version")
        row = await cur.fetchone()
        await conn.execute("BEGIN IMMEDIATE")
        try:
            await conn.execute(f"PRAGMA user_version = {int(row[0]) if row else 0}")
        finally:
            await conn.execute("ROLLBACK")

    async def close(self) -> None:
        if self._reader is not None:
            reader, self._reader = self._reader, None
            try:
                await reader.close()
            except sqlite3.Error as exc:
                log.warning("read connection not closed cleanly: %s", exc)
        if self._conn is not None:
            conn, self._conn = self._conn, None
            await conn.close()

    async def schema_version(self) -> int:
        row = await self.fetchone("PRAGMA user_version")
        return int(row[0]) if row else 0

    async def migrate(self) -> int:
        """Apply pending migrations, each in its own transaction. Returns the final version."""
        async with self._lock:
            cur = await self.conn.execute("PRAGMA user_version")
            row = await cur.fetchone()
            current = int(row[0]) if row else 0
            for number, name, sql in load_migrations():
                if number <= current:
                    continue
                log.info("applying migration %s", name)
                fk_off = MIGRATE_FK_OFF in sql
                if fk_off:
                    await self.conn.execute("PRAGMA foreign_keys=OFF")
                try:
                    await self.conn.executescript(f"BEGIN IMMEDIATE;\n{sql}\nPRAGMA user_version = {number};")
                    if fk_off:
                        broken = await self.conn.execute_fetchall("PRAGMA foreign_key_check")
                        if broken:
                            raise RuntimeError(f"migration {name} breaks foreign keys: {list(map(tuple, broken))}")
                    await self.conn.execute("COMMIT")
                except Exception as exc:
                    if self.conn.in_transaction:
                        await self.conn.execute("ROLLBACK")
                    log.debug("migration %s failed", name, exc_info=True)
                    raise StorageError(
                        f"migration {name} failed ({exc}); the database is left at schema version {current}"
                    ) from exc
                finally:
                    if fk_off:
                        await self.conn.execute("PRAGMA foreign_keys=ON")
                current = number
            return current

    # --- statements -------------------------------------------------------------

    async def _wait_for_transaction(self) -> None:
        """Return once no transaction is open. Does not yield when none is."""
        while self._lock.locked():
            async with self._lock:
                pass

    async def patiently(self, attempt: Callable[[], Awaitable[T]], forever: bool = False) -> T:
        """Run ``attempt``; while another process holds the write lock, again (see LOCK_PATIENCE)."""
        started = time.monotonic()
        tries = 0
        while True:
            try:
                return await attempt()
            except sqlite3.OperationalError as exc:
                if not locked(exc):
                    raise
                tries += 1
                waited = time.monotonic() - started
                if not forever and waited > LOCK_PATIENCE:
                    raise
                log.warning("database locked by another process for %.0f s (try %s); trying again", waited, tries)
                await asyncio.sleep(min(1.0, 0.05 * 2**tries))

    async def execute(self, sql: str, params: Sequence[Any] = (), *, forever: bool = False) -> int:
        """Run one statement (autocommit). Returns lastrowid."""

        async def attempt() -> int:
            await self._wait_for_transaction()
            cur = await self.conn.execute(sql, params)
            return cur.lastrowid or 0

        return await self.patiently(attempt, forever)

    async def execute_rowcount(self, sql: str, params: Sequence[Any] = (), *, forever: bool = False) -> int:
        async def attempt() -> int:
            await self._wait_for_transaction()
            cur = await self.conn.execute(sql, params)
            return cur.rowcount

        return await self.patiently(attempt, forever)

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        async with self.transaction() as conn:
            await conn.executemany(sql, rows)

    async def fetchone(self, sql: str, params: Sequence[Any] = ()) -> aiosqlite.Row | None:
        rows = await self.fetchall(sql, params)
        return rows[0] if rows else None

    async def fetchall(self, sql: str, params: Sequence[Any] = (), *, forever: bool = False) -> list[aiosqlite.Row]:
        async def attempt() -> list[aiosqlite.Row]:
            # One trip to the database thread (execute + fetch together).
            await self._wait_for_transaction()
            return list(await self.conn.execute_fetchall(sql, params))

        return await self.patiently(attempt, forever)

    async def read(self, sql: str, params: Sequence[Any] = ()) -> list[aiosqlite.Row]:
        """A heavy read (/stats, exports) on its own connection and thread: residents' statements on the main
        connection never queue behind it (WAL: readers and the writer don't block each other)."""
        if self._reader is None:
            return await self.fetchall(sql, params)
        async with self._reader_lock:
            return list(await self._reader.execute_fetchall(sql, params))

    async def read_one(self, sql: str, params: Sequence[Any] = ()) -> aiosqlite.Row | None:
        rows = await self.read(sql, params)
        return rows[0] if rows else None

    @asynccontextmanager
    async def transaction(self, forever: bool = False) -> AsyncIterator[aiosqlite.Connection]:
        """BEGIN IMMEDIATE … COMMIT under the connection lock; ROLLBACK on any error.

        Waiting for another process's write lock happens at BEGIN IMMEDIATE (then the lock is ours).
        """
        async with self._lock:
            conn = self.conn
            await self.patiently(lambda: conn.execute("BEGIN IMMEDIATE"), forever)
            try:
                yield conn
            except BaseException:
                await conn.execute("ROLLBACK")
                raise
            else:
                await conn.execute("COMMIT")
