"""What the timers read and claim: sessions to plan, offers and polls with a deadline,
the end of a session, its summary, and the attendees' feedback."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.clock import now_iso, read_stored
from bot.storage.db import Database
from bot.storage.sessions import SESSION_SELECT, Session


@dataclass(frozen=True, slots=True)
class SessionNumbers:
    registered: int
    attended: int
    waiting: int
    cancelled: int
    feedback_count: int
    feedback_average: float | None
    comments: tuple[str, ...]


class ScheduleRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def sessions_to_plan(self) -> list[Session]:
        """Every session still planned (also those whose end passed while the bot was down)."""
        rows = await self.db.fetchall(SESSION_SELECT + " WHERE s.status = 'scheduled' ORDER BY s.starts_at")
        return [Session.from_row(r) for r in rows]

    async def ended_without_summary(self) -> list[int]:
        rows = await self.db.fetchall("SELECT id FROM sessions WHERE status = 'ended' AND summary_sent = 0")
        return [int(r[0]) for r in rows]

    async def open_offers(self) -> list[tuple[int, int, datetime | None]]:
        """(session, person, until) of every offer waiting for an answer; until is None when it cannot be read."""
        rows = await self.db.fetchall(
            "SELECT session_id, user_id, offer_expires_at FROM registrations "
            "WHERE status = 'offered' AND offer_expires_at IS NOT NULL"
        )
        return [(int(r[0]), int(r[1]), read_stored(r[2])) for r in rows]

    async def polls_to_close(self) -> list[tuple[int, datetime | None]]:
        """(poll, when) of every open poll with a closing time; when is None when it cannot be read."""
        rows = await self.db.fetchall("SELECT id, close_at FROM polls WHERE status = 'open' AND close_at IS NOT NULL")
        return [(int(r[0]), read_stored(r[1])) for r in rows]

    async def end_session(self, session_id: int, version: int) -> bool:
        """Mark a session ended, once, and only if it is still planned as in `version`."""
        changed = await self.db.execute_rowcount(
            "UPDATE sessions SET status = 'ended', ended_at = ?, updated_at = ? "
            "WHERE id = ? AND status = 'scheduled' AND version = ?",
            (now_iso(), now_iso(), session_id, version),
        )
        return changed > 0

    async def mark_summary_sent(self, session_id: int) -> None:
        """Every organizer has the summary (session_summaries holds who got it, so a retry skips them)."""
        await self.db.execute("UPDATE sessions SET summary_sent = 1 WHERE id = ?", (session_id,))

    async def save_summary_message(self, session_id: int, chat_id: int, message_id: int) -> None:
        await self.db.execute(
            "INSERT OR REPLACE INTO session_summaries (session_id, chat_id, message_id) VALUES (?, ?, ?)",
            (session_id, chat_id, message_id),
        )

    async def summary_messages(self, session_id: int) -> list[tuple[int, int]]:
        rows = await self.db.fetchall(
            "SELECT chat_id, message_id FROM session_summaries WHERE session_id = ?", (session_id,)
        )
        return [(int(r[0]), int(r[1])) for r in rows]

    async def numbers(self, session_id: int) -> SessionNumbers:
        row = await self.db.fetchone(
            "SELECT "
            "  (SELECT count(*) FROM registrations WHERE session_id = ?1 AND status = 'registered'),"
            "  (SELECT count(*) FROM registrations WHERE session_id = ?1 AND status = 'registered'"
            "     AND attended_at IS NOT NULL),"
            "  (SELECT count(*) FROM registrations WHERE session_id = ?1 AND status IN ('waitlist', 'offered')),"
            "  (SELECT count(*) FROM registrations WHERE session_id = ?1 AND status = 'cancelled'),"
            "  (SELECT count(*) FROM feedback WHERE session_id = ?1),"
            "  (SELECT avg(rating) FROM feedback WHERE session_id = ?1)",
            (session_id,),
        )
        assert row is not None
        comments = await self.db.fetchall(
            "SELECT comment FROM feedback WHERE session_id = ? AND comment IS NOT NULL AND comment != '' "
            "ORDER BY updated_at DESC LIMIT 5",
            (session_id,),
        )
        return SessionNumbers(
            registered=int(row[0]),
            attended=int(row[1]),
            waiting=int(row[2]),
            cancelled=int(row[3]),
            feedback_count=int(row[4]),
            feedback_average=float(row[5]) if row[5] is not None else None,
            comments=tuple(str(c[0]) for c in comments),
        )

    # --- feedback ----------------------------------------------------------------------------

    async def may_give_feedback(self, session_id: int, user_id: int) -> bool:
        """Only those who attended an ended session."""
        row = await self.db.fetchone(
            "SELECT 1 FROM registrations r JOIN sessions s ON s.id = r.session_id WHERE r.session_id = ? "
            "AND r.user_id = ? AND r.attended_at IS NOT NULL AND s.status = 'ended'",
            (session_id, user_id),
        )
        return row is not None

    async def rate(self, session_id: int, user_id: int, rating: int) -> None:
        """The rating (a second press changes it)."""
        now = now_iso()
        await self.db.execute(
            "INSERT INTO feedback (session_id, user_id, rating, created_at, updated_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (session_id, user_id) DO UPDATE SET rating = excluded.rating, "
            "updated_at = excluded.updated_at",
            (session_id, user_id, rating, now, now),
        )

    async def comment(self, session_id: int, user_id: int, text: str) -> bool:
        """False if there is no rating to attach it to (it was never given, or the data was deleted)."""
        changed = await self.db.execute_rowcount(
            "UPDATE feedback SET comment = ?, updated_at = ? WHERE session_id = ? AND user_id = ?",
            (text, now_iso(), session_id, user_id),
        )
        return changed > 0
