"""Staff notices: ideas whose cards have no one to go to, and which staff member was told of them when.

This module holds the staff-notices aggregate (``StaffNoticesRepo``). A line here may write only the
``staff_notices`` table; it reads ``ideas``, ``curator_chats`` and ``outbox`` to find the cards that wait.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import now_iso
from bot.storage.db import Database

UNROUTED = "unrouted_cards"

# An idea whose card is owed, in a direction with no curators' chat, and whose card the outbox has tried and
# put off (no curator or superadmin could be reached): it waits with no one to see it.
_WAITING = (
    "FROM ideas i JOIN outbox o ON o.kind = 'card' AND o.ref = i.id AND o.status = 'pending' AND o.attempts > 0 "
    "WHERE i.card_pending = 1 AND NOT EXISTS (SELECT 1 FROM curator_chats c WHERE c.direction_id = i.direction_id)"
)


@dataclass(frozen=True, slots=True)
class Unrouted:
    """Cards that wait with no one to take them."""

    count: int
    direction_ids: tuple[int, ...]
    since: str | None  # when the earliest of them was queued

    def __bool__(self) -> bool:
        return self.count > 0


class StaffNoticesRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def unrouted(self) -> Unrouted:
        rows = await self.db.fetchall(
            f"SELECT i.direction_id, count(DISTINCT i.id), min(o.created_at) {_WAITING} GROUP BY i.direction_id "
            "ORDER BY i.direction_id"
        )
        if not rows:
            return Unrouted(0, (), None)
        return Unrouted(sum(int(r[1]) for r in rows), tuple(int(r[0]) for r in rows), min(str(r[2]) for r in rows))

    async def told_at(self, user_id: int, kind: str) -> str | None:
        row = await self.db.fetchone(
            "SELECT told_at FROM staff_notices WHERE user_id = ? AND kind = ?", (user_id, kind)
        )
        return str(row[0]) if row else None

    async def told(self, user_id: int, kind: str) -> None:
        await self.db.execute(
            "INSERT INTO staff_notices (user_id, kind, told_at) VALUES (?, ?, ?) "
            "ON CONFLICT (user_id, kind) DO UPDATE SET told_at = excluded.told_at",
            (user_id, kind, now_iso()),
        )
