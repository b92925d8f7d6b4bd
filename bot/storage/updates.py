"""Handled updates: the ids of Telegram updates already handled, so an update delivered again is skipped.

This module holds the updates aggregate (``UpdatesRepo``), with the ids handled in this run kept in
memory and written in batches (``note_handled`` now, ``write_handled`` a moment later: one statement for all the
updates handled meanwhile instead of one per update). A line here may touch only the ``handled_updates`` table.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import timedelta

from bot.clock import iso_ago, now_iso
from bot.storage.db import Database


class UpdatesRepo:
    RECENT = 10_000
    ROWS_PER_STATEMENT = 400  # two parameters a row, well under SQLite's limit of 32,766

    def __init__(self, db: Database) -> None:
        self.db = db
        self._max_at_start: int | None = None
        self._recent: OrderedDict[int, None] = OrderedDict()
        self._unwritten: list[tuple[int, str]] = []

    async def was_handled(self, update_id: int) -> bool:
        if update_id in self._recent:
            return True
        if self._max_at_start is None:
            row = await self.db.fetchone("SELECT max(update_id) FROM handled_updates")
            self._max_at_start = int(row[0]) if row and row[0] is not None else -1
        if update_id > self._max_at_start:
            return False  # newer than anything handled before this run, and not handled in it
        return await self.db.fetchone("SELECT 1 FROM handled_updates WHERE update_id = ?", (update_id,)) is not None

    def note_handled(self, update_id: int) -> bool:
        """Handled to the end: known at once in this run, stored by the next `write_handled`. True when it is the
        first one waiting (the caller then plans a write)."""
        self._recent[update_id] = None
        while len(self._recent) > self.RECENT:
            self._recent.popitem(last=False)
        self._unwritten.append((update_id, now_iso()))
        return len(self._unwritten) == 1

    async def write_handled(self) -> int:
        """Store every update noted since the last write; returns how many."""
        rows, self._unwritten = self._unwritten, []
        for start in range(0, len(rows), self.ROWS_PER_STATEMENT):
            chunk = rows[start : start + self.ROWS_PER_STATEMENT]
            values = ", ".join(["(?, ?)"] * len(chunk))
            flat = [value for row in chunk for value in row]
            await self.db.execute(
                f"INSERT OR IGNORE INTO handled_updates (update_id, handled_at) VALUES {values}", flat, forever=True
            )
        return len(rows)

    async def mark_handled(self, update_id: int) -> None:
        """Note and store at once (tests, tools)."""
        self.note_handled(update_id)
        await self.write_handled()

    async def prune(self, keep: timedelta = timedelta(days=2)) -> int:
        return await self.db.execute_rowcount("DELETE FROM handled_updates WHERE handled_at < ?", (iso_ago(keep),))
