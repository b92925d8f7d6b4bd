"""Registrations for sessions: places, the waitlist and its offers, check-in, feedback (issue 4)."""

from __future__ import annotations

from bot.clock import now_iso
from bot.storage.db import Database


class RegistrationsRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def mark_attended(self, session_id: int, user_id: int, by: int) -> bool:
        """An organizer marks a registrant as attended. False if not registered or already marked."""
        changed = await self.db.execute_rowcount(
            "UPDATE registrations SET attended_at = ?, attended_by = ?, updated_at = ? "
            "WHERE session_id = ? AND user_id = ? AND status = 'registered' AND attended_at IS NULL",
            (now_iso(), by, now_iso(), session_id, user_id),
        )
        return changed > 0
