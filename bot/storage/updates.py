"""Handled updates: the ids of Telegram updates already handled, so an update delivered again is skipped.

This module holds the updates aggregate (``UpdatesRepo``), with the ids handled in this run kept in
memory. A line here may touch only the ``handled_updates`` table.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import timedelta

from bot.clock import iso_ago, now_iso
from bot.storage.db import Database


class UpdatesRepo:
    RECENT = 10_000

    def __init__(self, db: Database) -> None:
        self.db = db
        self._max_at_start: int | None = None
        self._recent: OrderedDict[int, None] = OrderedDict()

    async def was_handled(self, update_id: int) -> bool:
        if update_id in self._recent:
            return True
        if self._max_at_start is None:
            row = await self.db.fetchone("SELECT max(update_id) FROM handled_updates")
            self._max_at_start = int(row[0]) if row and row[0] is not None else -1
        if update_id > self._max_at_start:
            return False  # newer than anything handled before this run, and not handled in it
        return await self.db.fetchone("SELECT 1 FROM handled_updates WHERE update_id = ?", (update_id,)) is not None

    async def mark_handled(self, update_id: int) -> None:
        await self.db.execute(
            "INSERT OR IGNORE INTO handled_updates (update_id, handled_at) VALUES (?, ?)", (update_id, now_iso())
        )
        self._recent[update_id] = None
        while len(self._recent) > self.RECENT:
            self._recent.popitem(last=False)

    async def prune(self, keep: timedelta = timedelta(days=2)) -> int:
        return await self.db.execute_rowcount("DELETE FROM handled_updates WHERE handled_at < ?", (iso_ago(keep),))
