"""Ideas as their authors send them: submission under the 24-hour quota, an author's list, curator cards.

This module holds the ideas aggregate (``IdeasRepo``) and its refusal ``QuotaExceeded``. A line here
may touch the ``ideas`` table, the ``idea_cards`` posted for an idea and the ``idea_events`` written
with a change of an idea, and read ``users`` for an author's name; browsing, supports and reports
live in ``public``, moderators' decisions in ``moderation``.
"""

from __future__ import annotations

import json
from datetime import timedelta

from bot.clock import iso_ago, now_iso, parse_iso, to_iso
from bot.storage.db import Database
from bot.storage.models import PUBLIC_STATUSES, Idea, IdeaCard, IdeaDraft

IDEA_SELECT = """
SELECT i.*, trim(coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, '')) AS author_name,
       u.username AS author_username, u.language AS author_language
FROM ideas i LEFT JOIN users u ON u.id = i.author_id
"""

# The statuses of a public idea as an SQL list, for ``status IN …`` (hidden or not).
PUBLIC_IN = "('" + "', '".join(PUBLIC_STATUSES) + "')"


class QuotaExceeded(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(f"idea quota of {limit} per 24 hours reached")
        self.limit = limit


class IdeasRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def restore_underreported(self, hide_at: int) -> list[int]:
        """Public ideas hidden by reports that no longer reach the threshold (reports deleted with their authors'
        data before such hidings were undone, or REPORTS_TO_HIDE raised): public again, each with its event."""
        now = now_iso()
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                f"SELECT id FROM ideas WHERE hidden_at IS NOT NULL AND status IN {PUBLIC_IN} AND reports_count < ?",
                (hide_at,),
            )
            ids = [int(r[0]) for r in await cur.fetchall()]
            for idea_id in ids:
                await conn.execute("UPDATE ideas SET hidden_at = NULL, updated_at = ? WHERE id = ?", (now, idea_id))
                await conn.execute(
                    "INSERT INTO idea_events (idea_id, actor_id, action, details, created_at) "
                    "VALUES (?, NULL, 'restored', 'reports withdrawn', ?)",
                    (idea_id, now),
                )
        return ids

    async def count_recent(self, author_id: int, window: timedelta = timedelta(hours=24)) -> int:
        row = await self.db.fetchone(
            "SELECT count(*) FROM ideas WHERE author_id = ? AND created_at > ?", (author_id, iso_ago(window))
        )
        return int(row[0]) if row else 0

    async def quota_frees_at(self, author_id: int, window: timedelta = timedelta(hours=24)) -> str | None:
        """When the oldest idea inside the window leaves it (ISO), or None if the window is empty."""
        row = await self.db.fetchone(
            "SELECT min(created_at) FROM ideas WHERE author_id = ? AND created_at > ?", (author_id, iso_ago(window))
        )
        if not row or row[0] is None:
            return None
        return to_iso(parse_iso(row[0]) + window)

    async def submit(
        self, author_id: int, draft: IdeaDraft, territory_code: str | None, limit: int, token: int | None = None
    ) -> int:
        """Store a finished draft as a new idea, enforcing the 24-hour quota atomically.

        Idempotent per draft: a draft's ``token`` makes one idea however often it is sent; a second
        call returns the number of the first.
        """
        if draft.direction_id is None:
            raise ValueError("draft has no direction")
        if token is not None and (made := await self.by_token(author_id, token)) is not None:
            return made
        now = now_iso()
        # One statement: the quota check and the insert cannot be split by another submission,
        # and the 'submitted' event is written by a trigger (migration 0003).
        rows = await self.db.fetchall(
            "INSERT INTO ideas (author_id, text, photos, latitude, longitude, address, territory_code, "
            "direction_id, suggested_direction_id, created_at, updated_at, submit_token) "
            "SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? "
            "WHERE (SELECT count(*) FROM ideas WHERE author_id = ? AND created_at > ?) < ? "
            "ON CONFLICT DO NOTHING RETURNING id",
            (
                author_id,
                draft.text,
                json.dumps(draft.photos),
                draft.latitude,
                draft.longitude,
                draft.address,
                territory_code,
                draft.direction_id,
                draft.suggested_direction_id,
                now,
                now,
                token,
                author_id,
                iso_ago(timedelta(hours=24)),
                limit,
            ),
        )
        if not rows:
            if token is not None and (made := await self.by_token(author_id, token)) is not None:
                return made  # a concurrent press made it first
            raise QuotaExceeded(limit)
        return int(rows[0][0])

    async def by_token(self, author_id: int, token: int) -> int | None:
        """The idea made from the draft with this token, if it was sent."""
        row = await self.db.fetchone(
            "SELECT id FROM ideas WHERE author_id = ? AND submit_token = ?", (author_id, token)
        )
        return int(row[0]) if row else None

    async def get(self, idea_id: int) -> Idea | None:
        row = await self.db.fetchone(IDEA_SELECT + " WHERE i.id = ?", (idea_id,))
        return Idea.from_row(row) if row else None

    async def by_author(self, author_id: int, limit: int = 20) -> tuple[list[Idea], int]:
        rows = await self.db.fetchall(
            IDEA_SELECT + " WHERE i.author_id = ? ORDER BY i.id DESC LIMIT ?", (author_id, limit)
        )
        total = await self.db.fetchone("SELECT count(*) FROM ideas WHERE author_id = ?", (author_id,))
        return [Idea.from_row(r) for r in rows], int(total[0]) if total else 0

    async def card_owed(self, idea_id: int) -> bool:
        row = await self.db.fetchone("SELECT card_pending FROM ideas WHERE id = ?", (idea_id,))
        return bool(row and row[0])

    async def pending_cards(self) -> list[int]:
        rows = await self.db.fetchall("SELECT id FROM ideas WHERE card_pending = 1 ORDER BY id")
        return [r[0] for r in rows]

    async def record_card(
        self, idea_id: int, chat_id: int, thread_id: int | None, message_id: int, direction_id: int | None = None
    ) -> bool:
        """Keep a posted card (to refresh it later). With ``direction_id``: only while the idea is still in that
        direction (a move while the card was on its way makes it stale; the new direction's card is owed).
        The trigger idea_cards_posted (migration 0003) clears card_pending in the same statement."""
        changed = await self.db.execute_rowcount(
            "INSERT OR REPLACE INTO idea_cards (idea_id, chat_id, thread_id, message_id, posted_at) "
            "SELECT ?, ?, ?, ?, ? WHERE ? IS NULL OR EXISTS (SELECT 1 FROM ideas WHERE id = ? AND direction_id = ?)",
            (idea_id, chat_id, thread_id, message_id, now_iso(), direction_id, idea_id, direction_id),
            forever=True,  # a card that went out is kept: never posted twice because of another process's lock
        )
        return changed > 0

    async def mark_card_pending(self, idea_id: int) -> None:
        await self.db.execute("UPDATE ideas SET card_pending = 1 WHERE id = ?", (idea_id,))

    async def cards(self, idea_id: int) -> list[IdeaCard]:
        rows = await self.db.fetchall(
            "SELECT idea_id, chat_id, thread_id, message_id FROM idea_cards WHERE idea_id = ?", (idea_id,)
        )
        return [IdeaCard(r[0], r[1], r[2], r[3]) for r in rows]

    async def forget_cards(self, idea_id: int) -> None:
        """Cards already posted stop following the idea (after it moved elsewhere)."""
        await self.db.execute("DELETE FROM idea_cards WHERE idea_id = ?", (idea_id,))
