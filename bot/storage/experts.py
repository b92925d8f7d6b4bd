"""Experts organizers keep (/experts) and attach to projects; similar experience curators attach to a project; calls
for help (a project's «нужны…» sent to the residents of its territory once the curators approve it).

Tables: ``experts``, ``project_experts``, ``project_experience`` (migration 0015) and ``project_calls`` (0016).
Every staff action here writes its audit row in the same transaction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import aiosqlite

from bot.clock import now_iso
from bot.storage.db import Database
from bot.storage.models import audit_details

NAME_MAX, FIELD_MAX, REGION_MAX, CONTACT_MAX = 100, 150, 100, 200  # characters of an expert's lines
TITLE_MAX, LINK_MAX, TAKEAWAY_MAX = 150, 300, 300  # characters of similar experience
EXPERIENCE_MAX = 5  # pieces of similar experience per project


@dataclass(frozen=True, slots=True)
class Expert:
    id: int
    name: str
    field: str
    region: str | None  # None: federal
    contact: str
    consented: bool  # agreed to being listed and contacted: only then shown to leaders
    user_id: int | None


@dataclass(frozen=True, slots=True)
class Experience:
    id: int
    idea_id: int
    title: str
    region: str
    link: str | None
    takeaway: str


@dataclass(frozen=True, slots=True)
class Call:
    id: int
    idea_id: int
    needs: str
    requested_by: int | None
    status: str  # pending | approved | declined
    broadcast_id: int | None


EXPERT_SELECT = "SELECT id, name, field, region, contact, consented, user_id FROM experts"
CALL_SELECT = "SELECT id, idea_id, needs, requested_by, status, broadcast_id FROM project_calls"


def _expert(r: Any) -> Expert:
    return Expert(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6])


def _call(r: Any) -> Call:
    return Call(r[0], r[1], r[2], r[3], r[4], r[5])


async def _audit(conn: aiosqlite.Connection, actor_id: int, action: str, target: str, details: dict[str, Any]) -> None:
    kept = audit_details(details)
    await conn.execute(
        "INSERT INTO audit_log (actor_id, action, target, details, created_at) VALUES (?, ?, ?, ?, ?)",
        (actor_id, action, target, json.dumps(kept, ensure_ascii=False) if kept else None, now_iso()),
    )


class ExpertsRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def add(
        self, name: str, field: str, region: str | None, contact: str, consented: bool, user_id: int | None, by: int
    ) -> int:
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "INSERT INTO experts (name, field, region, contact, consented, user_id, created_by, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (name, field, region, contact, int(consented), user_id, by, now_iso()),
            )
            expert_id = int(cur.lastrowid or 0)
            await _audit(conn, by, "expert_added", name, {"consented": consented})
            return expert_id

    async def page(self, offset: int, limit: int) -> tuple[list[Expert], int]:
        """Experts still listed, by name; and how many there are."""
        rows = await self.db.fetchall(
            f"{EXPERT_SELECT} WHERE removed_at IS NULL ORDER BY name COLLATE NOCASE, id LIMIT ? OFFSET ?",
            (limit, offset),
        )
        total = await self.db.fetchone("SELECT count(*) FROM experts WHERE removed_at IS NULL")
        return [_expert(r) for r in rows], int(total[0]) if total else 0

    async def get(self, expert_id: int) -> Expert | None:
        row = await self.db.fetchone(f"{EXPERT_SELECT} WHERE id = ? AND removed_at IS NULL", (expert_id,))
        return _expert(row) if row else None

    async def remove(self, expert_id: int, by: int) -> bool:
        """Off the list and off every project. False when already removed."""
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "UPDATE experts SET removed_at = ? WHERE id = ? AND removed_at IS NULL", (now_iso(), expert_id)
            )
            if cur.rowcount == 0:
                return False
            await conn.execute("DELETE FROM project_experts WHERE expert_id = ?", (expert_id,))
            cur = await conn.execute("SELECT name FROM experts WHERE id = ?", (expert_id,))
            row = await cur.fetchone()
            await _audit(conn, by, "expert_removed", row[0] if row else "", {})
            return True

    async def attach(self, idea_id: int, expert_id: int, by: int) -> bool:
        """False when the expert is on the project already."""
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "INSERT INTO project_experts (idea_id, expert_id, attached_by, attached_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (idea_id, expert_id) DO NOTHING",
                (idea_id, expert_id, by, now_iso()),
            )
            if cur.rowcount == 0:
                return False
            cur = await conn.execute("SELECT name FROM experts WHERE id = ?", (expert_id,))
            row = await cur.fetchone()
            await _audit(conn, by, "project_expert", f"#{idea_id}", {"expert": row[0] if row else ""})
            return True

    async def projects_of(self, expert_id: int) -> list[int]:
        """The numbers of the projects the expert is attached to, in the order attached."""
        rows = await self.db.fetchall(
            "SELECT idea_id FROM project_experts WHERE expert_id = ? ORDER BY attached_at, idea_id", (expert_id,)
        )
        return [int(r[0]) for r in rows]

    async def detach(self, idea_id: int, expert_id: int, by: int) -> bool:
        """The expert off one project (still on the list and on the others). False when not attached to it."""
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "DELETE FROM project_experts WHERE idea_id = ? AND expert_id = ?", (idea_id, expert_id)
            )
            if cur.rowcount == 0:
                return False
            cur = await conn.execute("SELECT name FROM experts WHERE id = ?", (expert_id,))
            row = await cur.fetchone()
            await _audit(conn, by, "project_expert_detached", f"#{idea_id}", {"expert": row[0] if row else ""})
            return True

    async def of_project(self, idea_id: int, consented_only: bool = True) -> list[Expert]:
        consent = " AND e.consented = 1" if consented_only else ""
        rows = await self.db.fetchall(
            "SELECT e.id, e.name, e.field, e.region, e.contact, e.consented, e.user_id FROM experts e "
            "JOIN project_experts p ON p.expert_id = e.id "
            f"WHERE p.idea_id = ? AND e.removed_at IS NULL{consent} ORDER BY p.attached_at, e.id",
            (idea_id,),
        )
        return [_expert(r) for r in rows]


class ExperienceRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def add(self, idea_id: int, title: str, region: str, link: str | None, takeaway: str, by: int) -> int:
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "INSERT INTO project_experience (idea_id, title, region, link, takeaway, added_by, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (idea_id, title, region, link, takeaway, by, now_iso()),
            )
            row_id = int(cur.lastrowid or 0)
            await _audit(conn, by, "project_experience", f"#{idea_id}", {"title": title})
            return row_id

    async def of_project(self, idea_id: int) -> list[Experience]:
        rows = await self.db.fetchall(
            "SELECT id, idea_id, title, region, link, takeaway FROM project_experience WHERE idea_id = ? ORDER BY id",
            (idea_id,),
        )
        return [Experience(r[0], r[1], r[2], r[3], r[4], r[5]) for r in rows]

    async def remove(self, experience_id: int, by: int) -> int | None:
        """The project it was attached to; None when it is gone already."""
        async with self.db.transaction() as conn:
            cur = await conn.execute("SELECT idea_id, title FROM project_experience WHERE id = ?", (experience_id,))
            row = await cur.fetchone()
            if row is None:
                return None
            await conn.execute("DELETE FROM project_experience WHERE id = ?", (experience_id,))
            await _audit(conn, by, "project_experience_removed", f"#{row[0]}", {"title": row[1]})
            return int(row[0])


class CallsRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def request(self, idea_id: int, needs: str, by: int) -> tuple[Call, bool]:
        """A call for help waiting for the curators. (the call, True) when made; (the call that stands, False)
        when one is pending already or these very needs were sent already."""
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                f"{CALL_SELECT} WHERE idea_id = ? AND (status = 'pending' OR (status = 'approved' AND needs = ?)) "
                "ORDER BY status = 'pending' DESC, id DESC LIMIT 1",
                (idea_id, needs),
            )
            row = await cur.fetchone()
            if row is not None:
                return _call(row), False
            cur = await conn.execute(
                "INSERT INTO project_calls (idea_id, needs, requested_by, created_at) VALUES (?, ?, ?, ?)",
                (idea_id, needs, by, now_iso()),
            )
            call_id = int(cur.lastrowid or 0)
            await _audit(conn, by, "project_call_asked", f"#{idea_id}", {"needs": needs})
        return Call(call_id, idea_id, needs, by, "pending", None), True

    async def get(self, call_id: int) -> Call | None:
        row = await self.db.fetchone(f"{CALL_SELECT} WHERE id = ?", (call_id,))
        return _call(row) if row else None

    async def pending(self, idea_id: int) -> Call | None:
        row = await self.db.fetchone(f"{CALL_SELECT} WHERE idea_id = ? AND status = 'pending'", (idea_id,))
        return _call(row) if row else None

    async def decide(self, call_id: int, approve: bool, by: int) -> bool:
        """False when the call was decided already."""
        status = "approved" if approve else "declined"
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "UPDATE project_calls SET status = ?, decided_by = ?, decided_at = ? "
                "WHERE id = ? AND status = 'pending'",
                (status, by, now_iso(), call_id),
            )
            if cur.rowcount == 0:
                return False
            cur = await conn.execute("SELECT idea_id FROM project_calls WHERE id = ?", (call_id,))
            row = await cur.fetchone()
            await _audit(conn, by, f"project_call_{status}", f"#{row[0] if row else 0}", {})
            return True

    async def set_broadcast(self, call_id: int, broadcast_id: int) -> None:
        await self.db.execute("UPDATE project_calls SET broadcast_id = ? WHERE id = ?", (broadcast_id, call_id))
