"""Projects tied to a project session (issue 15): its card lists them, its summary counts their people.

A line here may touch only the ``session_projects`` table (and write the audit row of an organizer's change in
the same transaction); it reads ``ideas``, ``project_people`` and ``registrations``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from bot.clock import now_iso
from bot.storage.db import Database
from bot.storage.ideas import PUBLIC_IN

SESSION_PROJECTS_MAX = 10  # projects one session can be tied to


@dataclass(frozen=True, slots=True)
class SessionProject:
    idea_id: int
    text: str  # the idea's text (shown as an excerpt)


class SessionProjectsRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def of_session(self, session_id: int) -> list[SessionProject]:
        """The public ideas' projects tied to the session, in the order they were tied."""
        rows = await self.db.fetchall(
            "SELECT i.id, i.text FROM session_projects sp JOIN ideas i ON i.id = sp.idea_id "
            f"WHERE sp.session_id = ? AND i.status IN {PUBLIC_IN} AND i.hidden_at IS NULL "
            "ORDER BY sp.added_at, i.id",
            (session_id,),
        )
        return [SessionProject(int(r[0]), str(r[1])) for r in rows]

    async def attach(self, session_id: int, idea_id: int, actor_id: int) -> bool:
        """False when it is tied already, or the session has its SESSION_PROJECTS_MAX."""
        now = now_iso()
        async with self.db.transaction() as conn:
            cur = await conn.execute("SELECT count(*) FROM session_projects WHERE session_id = ?", (session_id,))
            row = await cur.fetchone()
            if row is not None and int(row[0]) >= SESSION_PROJECTS_MAX:
                return False
            cur = await conn.execute(
                "INSERT INTO session_projects (session_id, idea_id, added_by, added_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (session_id, idea_id) DO NOTHING",
                (session_id, idea_id, actor_id, now),
            )
            if cur.rowcount == 0:
                return False
            await conn.execute(
                "INSERT INTO audit_log (actor_id, action, target, details, created_at) VALUES (?, ?, ?, ?, ?)",
                (actor_id, "session_project_attach", str(session_id), json.dumps({"project": idea_id}), now),
            )
            return True

    async def detach(self, session_id: int, idea_id: int, actor_id: int) -> bool:
        now = now_iso()
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "DELETE FROM session_projects WHERE session_id = ? AND idea_id = ?", (session_id, idea_id)
            )
            if cur.rowcount == 0:
                return False
            await conn.execute(
                "INSERT INTO audit_log (actor_id, action, target, details, created_at) VALUES (?, ?, ?, ?, ?)",
                (actor_id, "session_project_detach", str(session_id), json.dumps({"project": idea_id}), now),
            )
            return True

    async def people(self, session_id: int) -> int:
        """How many of the session's registrants (registered or offered a place) are in the teams of its projects
        (accepted members and leaders)."""
        row = await self.db.fetchone(
            "SELECT count(DISTINCT r.user_id) FROM registrations r WHERE r.session_id = ? "
            "AND r.status IN ('registered', 'offered') AND EXISTS (SELECT 1 FROM project_people pp "
            "JOIN session_projects sp ON sp.idea_id = pp.idea_id WHERE sp.session_id = r.session_id "
            "AND pp.user_id = r.user_id AND pp.status = 'accepted')",
            (session_id,),
        )
        return int(row[0]) if row else 0

    async def people_came(self, session_id: int) -> tuple[int, int]:
        """For the summary after the session: how many registrants are in the teams of its projects (as `people`,
        accepted members and leaders), and how many of them came."""
        row = await self.db.fetchone(
            "SELECT count(DISTINCT r.user_id), count(DISTINCT CASE WHEN r.attended_at IS NOT NULL THEN r.user_id END) "
            "FROM registrations r WHERE r.session_id = ? "
            "AND r.status IN ('registered', 'offered') AND EXISTS (SELECT 1 FROM project_people pp "
            "JOIN session_projects sp ON sp.idea_id = pp.idea_id WHERE sp.session_id = r.session_id "
            "AND pp.user_id = r.user_id AND pp.status = 'accepted')",
            (session_id,),
        )
        return (int(row[0]), int(row[1])) if row else (0, 0)
