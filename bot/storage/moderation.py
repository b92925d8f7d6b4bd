"""Moderation: the queue of new ideas, decisions on ideas, ideas hidden by reports, bans.

Every decision is one transaction: the status change is guarded in its UPDATE (two moderators
pressing at once produce one decision), and the idea event and the audit entry are written with it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

import aiosqlite

from bot.clock import now_iso
from bot.storage.db import Database
from bot.storage.follows import FOLLOWED_STEPS
from bot.storage.models import PUBLIC_STATUSES, Idea, audit_details
from bot.storage.outbox import queue_in
from bot.storage.projects import in_work_in
from bot.storage.surveys import queue_result_in

IDEA_SELECT = """
SELECT i.*, trim(coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, '')) AS author_name,
       u.username AS author_username, u.language AS author_language
FROM ideas i LEFT JOIN users u ON u.id = i.author_id
"""
# Ideas hidden by reports wait for review while they are still (otherwise) public.
HIDDEN_WHERE = "i.hidden_at IS NOT NULL AND i.status IN ('accepted', 'in_progress', 'implemented')"

# Which status each later step starts from (the guard of its UPDATE).
STEP_FROM: dict[str, tuple[str, ...]] = {
    "accepted": ("new",),
    "rejected": ("new",),
    "in_progress": ("accepted",),
    "implemented": ("accepted", "in_progress"),
}


@dataclass(frozen=True, slots=True)
class Reporter:
    """Someone who reported an idea, as moderators see them (reporters have consented: names are kept)."""

    first_name: str | None
    last_name: str | None
    username: str | None
    reason: str | None
    counted: bool  # counted toward hiding (see ReporterRule)


class Duplicate(Enum):
    DONE = "done"
    ALREADY = "already"  # the idea is no longer new
    MISSING = "missing"  # no idea #M
    SELF = "self"  # M == N
    CHAIN = "chain"  # #M is itself a duplicate
    CLOSED = "closed"  # #M was rejected or is hidden by reports: its text must not reach another resident


async def _audit(
    conn: aiosqlite.Connection, actor_id: int, action: str, target: str | int, details: dict[str, Any], now: str
) -> None:
    """The same row AuditRepo.record writes, inside the caller's transaction."""
    kept = audit_details(details)
    await conn.execute(
        "INSERT INTO audit_log (actor_id, action, target, details, created_at) VALUES (?, ?, ?, ?, ?)",
        (actor_id, action, str(target), json.dumps(kept, ensure_ascii=False) if kept else None, now),
    )


async def _notice(conn: aiosqlite.Connection, idea_id: int, key: str, args: dict[str, str], now: str) -> None:
    """The author's notice of a decision, queued in the decision's own transaction (the outbox sends it)."""
    cur = await conn.execute("SELECT author_id FROM ideas WHERE id = ?", (idea_id,))
    row = await cur.fetchone()
    if row is not None and row[0] is not None:
        await queue_in(conn, "notice", idea_id, int(row[0]), {"key": key, **args}, now)


async def _event(
    conn: aiosqlite.Connection, idea_id: int, actor_id: int, action: str, details: str | None, now: str
) -> None:
    await conn.execute(
        "INSERT INTO idea_events (idea_id, actor_id, action, details, created_at) VALUES (?, ?, ?, ?, ?)",
        (idea_id, actor_id, action, details, now),
    )


class ModerationRepo:
    def __init__(self, db: Database, uncache_user: Callable[[int], None]) -> None:
        self.db = db
        self._uncache_user = uncache_user  # UsersRepo keeps people in memory: a ban must drop the copy

    # --- the queue ----------------------------------------------------------------------

    async def count_new(self, direction_ids: Sequence[int] = ()) -> tuple[int, int]:
        """(all new ideas, those in the given directions)."""
        marks = ",".join("?" * len(direction_ids)) or "NULL"
        row = await self.db.fetchone(
            f"SELECT count(*), coalesce(sum(direction_id IN ({marks})), 0) FROM ideas WHERE status = 'new'",
            tuple(direction_ids),
        )
        return (int(row[0]), int(row[1])) if row else (0, 0)

    async def next_new(self, first: Sequence[int] = (), after: Idea | None = None) -> Idea | None:
        """The oldest new idea, those of the directions in ``first`` before the rest.

        ``after``: the idea shown now (Skip): the next one in the same order, wrapping around
        to the start when the end is reached (the one shown is returned only if it is the last).
        """
        marks = ",".join("?" * len(first)) or "NULL"
        tier = f"(CASE WHEN i.direction_id IN ({marks}) THEN 0 ELSE 1 END)"
        order = f" ORDER BY {tier}, i.id LIMIT 1"
        base = IDEA_SELECT + " WHERE i.status = 'new'"
        if after is not None:
            after_tier = 0 if after.direction_id in first else 1
            row = await self.db.fetchone(
                base + f" AND ({tier} > ? OR ({tier} = ? AND i.id > ?))" + order,
                (*first, after_tier, *first, after_tier, after.id, *first),
            )
            if row is not None:
                return Idea.from_row(row)
        row = await self.db.fetchone(base + order, tuple(first))
        return Idea.from_row(row) if row else None

    async def count_hidden(self) -> int:
        row = await self.db.fetchone(f"SELECT count(*) FROM ideas i WHERE {HIDDEN_WHERE}")
        return int(row[0]) if row else 0

    async def next_hidden(self, after_id: int = 0) -> Idea | None:
        """The hidden idea after ``after_id`` (by number), wrapping around to the first."""
        row = await self.db.fetchone(
            IDEA_SELECT + f" WHERE {HIDDEN_WHERE} AND i.id > ? ORDER BY i.id LIMIT 1", (after_id,)
        )
        if row is None and after_id:
            row = await self.db.fetchone(IDEA_SELECT + f" WHERE {HIDDEN_WHERE} ORDER BY i.id LIMIT 1")
        return Idea.from_row(row) if row else None

    async def reporters(self, idea_id: int, limit: int) -> tuple[list[Reporter], int]:
        """The first ``limit`` people who reported the idea, counted reports first, oldest first; and how many."""
        rows = await self.db.fetchall(
            "SELECT u.first_name, u.last_name, u.username, r.reason, r.counted, count(*) OVER () "
            "FROM reports r JOIN users u ON u.id = r.user_id WHERE r.idea_id = ? "
            "ORDER BY r.counted DESC, r.created_at, r.user_id LIMIT ?",
            (idea_id, limit),
        )
        found = [Reporter(r[0], r[1], r[2], r[3], bool(r[4])) for r in rows]
        return found, int(rows[0][5]) if rows else 0

    # --- decisions ---------------------------------------------------------------------

    async def set_status(
        self,
        idea_id: int,
        status: str,
        actor_id: int,
        reason: str | None = None,
        *,
        from_hidden: bool = False,
        notice: str | None = None,
    ) -> bool:
        """accepted / rejected (from new), in_progress, implemented. False if someone else was first.

        ``from_hidden``: rejecting an idea hidden by reports (it is public, its status is not new).
        ``notice``: the key of the author's notice, queued with the decision.
        """
        if from_hidden:
            if status != "rejected":
                raise ValueError("only a rejection ends the review of a hidden idea")
            guard = "hidden_at IS NOT NULL AND status IN (" + ",".join("?" * len(PUBLIC_STATUSES)) + ")"
            guard_args: tuple[Any, ...] = PUBLIC_STATUSES
        else:
            allowed = STEP_FROM[status]
            guard = "status IN (" + ",".join("?" * len(allowed)) + ")"
            guard_args = allowed
        decision = status in ("accepted", "rejected")
        now = now_iso()
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "UPDATE ideas SET status = ?, reject_reason = CASE WHEN ? = 'rejected' THEN ? ELSE reject_reason END, "
                "decided_by = CASE WHEN ? THEN ? ELSE decided_by END, "
                "decided_at = CASE WHEN ? THEN ? ELSE decided_at END, updated_at = ? "
                f"WHERE id = ? AND {guard}",
                (status, status, reason, decision, actor_id, decision, now, now, idea_id, *guard_args),
            )
            if cur.rowcount == 0:
                return False
            await _event(conn, idea_id, actor_id, status, reason, now)
            if status in FOLLOWED_STEPS:  # the followers' news, made by the outbox (kind "news")
                await queue_in(conn, "news", idea_id, None, {"change": status}, now)
            if status == "in_progress":  # the project's stage follows (issue 15)
                await in_work_in(conn, idea_id, now)
            if status == "implemented":  # «Получилось?» for its people, and the follow-up's row (issue 15)
                await queue_result_in(conn, idea_id, now)
            details: dict[str, Any] = {"status": status}
            if reason:
                details["reason"] = reason
            if from_hidden:
                details["after_reports"] = True
            await _audit(conn, actor_id, "idea_" + status, f"#{idea_id}", details, now)
            if notice:
                await _notice(conn, idea_id, notice, {"reason": reason or "—"} if status == "rejected" else {}, now)
            return True

    async def mark_duplicate(
        self, idea_id: int, of_id: int, actor_id: int, notice: dict[str, str] | None = None
    ) -> tuple[Duplicate, int | None]:
        """Mark a new idea #N as a duplicate of #M. With CHAIN, the second value is what #M duplicates.

        ``notice``: the arguments of the author's notice, queued with the decision."""
        if of_id == idea_id:
            return Duplicate.SELF, None
        now = now_iso()
        async with self.db.transaction() as conn:
            cur = await conn.execute("SELECT status, duplicate_of, hidden_at FROM ideas WHERE id = ?", (of_id,))
            original = await cur.fetchone()
            if original is None:
                return Duplicate.MISSING, None
            if original[0] == "duplicate":
                return Duplicate.CHAIN, original[1]
            if original[0] == "rejected" or original[2] is not None:
                return Duplicate.CLOSED, None
            cur = await conn.execute(
                "UPDATE ideas SET status = 'duplicate', duplicate_of = ?, decided_by = ?, decided_at = ?, "
                "updated_at = ? WHERE id = ? AND status = 'new'",
                (of_id, actor_id, now, now, idea_id),
            )
            if cur.rowcount == 0:
                return Duplicate.ALREADY, None
            await _event(conn, idea_id, actor_id, "duplicate", str(of_id), now)
            await _audit(conn, actor_id, "idea_duplicate", f"#{idea_id}", {"duplicate_of": of_id}, now)
            if notice is not None:
                await _notice(conn, idea_id, "notify-duplicate", notice, now)
            return Duplicate.DONE, None

    async def move(
        self, idea_id: int, direction_id: int, actor_id: int, direction_code: str, notice: bool = False
    ) -> bool:
        """Re-route a new idea to another direction; its card is to be posted anew there (``notice``: the author
        is told, queued with the move)."""
        now = now_iso()
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "UPDATE ideas SET direction_id = ?, card_pending = 1, updated_at = ? "
                "WHERE id = ? AND status = 'new' AND direction_id != ?",
                (direction_id, now, idea_id, direction_id),
            )
            if cur.rowcount == 0:
                return False
            await _event(conn, idea_id, actor_id, "moved", str(direction_id), now)
            await _audit(conn, actor_id, "idea_moved", f"#{idea_id}", {"direction": direction_code}, now)
            if notice:
                await _notice(conn, idea_id, "notify-moved", {}, now)
            return True

    async def restore(self, idea_id: int, actor_id: int, notice: bool = False) -> bool:
        """Show a hidden idea again; its reports are cleared (counted anew from zero). ``notice``: the author is
        told, queued with it."""
        now = now_iso()
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "UPDATE ideas SET hidden_at = NULL, updated_at = ? WHERE id = ? AND hidden_at IS NOT NULL",
                (now, idea_id),
            )
            if cur.rowcount == 0:
                return False
            cur = await conn.execute("DELETE FROM reports WHERE idea_id = ?", (idea_id,))
            cleared = cur.rowcount
            await _event(conn, idea_id, actor_id, "restored", str(cleared), now)
            await _audit(conn, actor_id, "idea_restored", f"#{idea_id}", {"reports_cleared": cleared}, now)
            if notice:
                await _notice(conn, idea_id, "notify-restored", {}, now)
            return True

    async def answer(self, idea_id: int, actor_id: int, text: str) -> int | None:
        """The curators' public answer on an accepted idea (shown on its page; a later one replaces it), with its
        audit entry and the author's notice. Returns the event's id, None when the idea is not public."""
        now = now_iso()
        marks = ",".join("?" * len(PUBLIC_STATUSES))
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "INSERT INTO idea_events (idea_id, actor_id, action, details, created_at) "
                f"SELECT id, ?, 'answer', ?, ? FROM ideas WHERE id = ? AND status IN ({marks})",
                (actor_id, text, now, idea_id, *PUBLIC_STATUSES),
            )
            if cur.rowcount == 0:
                return None
            event_id = int(cur.lastrowid or 0)
            await _audit(conn, actor_id, "idea_answer", f"#{idea_id}", {"answer": text}, now)
            await _notice(conn, idea_id, "notify-answer", {"answer": text}, now)  # the author reads it at once
            await queue_in(conn, "news", idea_id, None, {"change": "answer", "event": event_id}, now)
            return event_id

    async def last_actor(self, idea_id: int, action: str) -> int | None:
        """Who last did ``action`` (a status) to the idea, from its events."""
        row = await self.db.fetchone(
            "SELECT actor_id FROM idea_events WHERE idea_id = ? AND action = ? ORDER BY id DESC LIMIT 1",
            (idea_id, action),
        )
        return int(row[0]) if row and row[0] is not None else None

    # --- bans --------------------------------------------------------------------------

    async def ban(self, user_id: int, actor_id: int, reason: str | None, name: str) -> bool:
        """False if the person was already banned."""
        now = now_iso()
        try:
            async with self.db.transaction() as conn:
                cur = await conn.execute(
                    "UPDATE users SET banned_at = ?, banned_by = ?, ban_reason = ?, ban_notified = 0, updated_at = ? "
                    "WHERE id = ? AND banned_at IS NULL",
                    (now, actor_id, reason, now, user_id),
                )
                if cur.rowcount == 0:
                    return False
                # Votes are kept per person only for residents who are not banned (the totals keep them).
                await conn.execute(
                    "DELETE FROM poll_votes WHERE poll_id IN (SELECT id FROM polls) AND user_id = ?", (user_id,)
                )
                details: dict[str, Any] = {"name": name}
                if reason:
                    details["reason"] = reason
                await _audit(conn, actor_id, "ban", user_id, details, now)
                return True
        finally:
            self._uncache_user(user_id)

    async def unban(self, user_id: int, actor_id: int, name: str) -> bool:
        """False if the person was not banned."""
        now = now_iso()
        try:
            async with self.db.transaction() as conn:
                cur = await conn.execute(
                    "UPDATE users SET banned_at = NULL, banned_by = NULL, ban_reason = NULL, ban_notified = 0, "
                    "updated_at = ? WHERE id = ? AND banned_at IS NOT NULL",
                    (now, user_id),
                )
                if cur.rowcount == 0:
                    return False
                await _audit(conn, actor_id, "unban", user_id, {"name": name}, now)
                return True
        finally:
            self._uncache_user(user_id)

    async def claim_ban_notice(self, user_id: int) -> bool:
        """True exactly once per ban: the caller then tells the person (at most one notice, across restarts)."""
        try:
            return (
                await self.db.execute_rowcount(
                    "UPDATE users SET ban_notified = 1 WHERE id = ? AND banned_at IS NOT NULL AND ban_notified = 0",
                    (user_id,),
                )
                > 0
            )
        finally:
            self._uncache_user(user_id)

    async def ban_reason(self, user_id: int) -> str | None:
        row = await self.db.fetchone("SELECT ban_reason FROM users WHERE id = ?", (user_id,))
        return row[0] if row else None
