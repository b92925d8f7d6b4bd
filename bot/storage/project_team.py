"""A project leader's tools (issue 15, point 3): the team's group (/bind_team) and the project's updates.

A line here may touch ``projects.team_chat_id`` and the ``project_updates`` table, and write the audit row of the
leader's action in the same transaction. The updates' broadcasts are made by the broadcasts repository.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from bot.clock import now_iso
from bot.storage.db import Database


@dataclass(frozen=True, slots=True)
class ProjectUpdate:
    id: int
    idea_id: int
    author_id: int | None
    text: str
    broadcast_id: int | None
    created_at: str


def _update(row: Any) -> ProjectUpdate:
    return ProjectUpdate(row[0], row[1], row[2], row[3], row[4], row[5])


UPDATE_SELECT = "SELECT id, idea_id, author_id, text, broadcast_id, created_at FROM project_updates"


class ProjectTeamRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    # --- the team's group --------------------------------------------------------------------------

    async def bind_chat(self, idea_id: int, chat_id: int, actor_id: int) -> None:
        """The team's group of a project (a group bound to another project before is bound to this one now)."""
        now = now_iso()
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE projects SET team_chat_id = NULL, updated_at = ? WHERE team_chat_id = ? AND idea_id != ?",
                (now, chat_id, idea_id),
            )
            await conn.execute(
                "INSERT INTO projects (idea_id, team_chat_id, created_at, updated_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (idea_id) DO UPDATE SET team_chat_id = excluded.team_chat_id, updated_at = ?",
                (idea_id, chat_id, now, now, now),
            )
            await conn.execute(
                "INSERT INTO audit_log (actor_id, action, target, details, created_at) VALUES (?, ?, ?, NULL, ?)",
                (actor_id, "project_team_chat", f"#{idea_id}", now),
            )

    async def by_chat(self, chat_id: int) -> int | None:
        """The project (its idea's id) whose team's group this is."""
        row = await self.db.fetchone("SELECT idea_id FROM projects WHERE team_chat_id = ?", (chat_id,))
        return int(row[0]) if row else None

    # --- updates -------------------------------------------------------------------------------------

    async def updates_since(self, idea_id: int, since: str) -> list[ProjectUpdate]:
        """The project's updates made at ``since`` or later, oldest first."""
        rows = await self.db.fetchall(
            f"{UPDATE_SELECT} WHERE idea_id = ? AND created_at >= ? ORDER BY created_at, id", (idea_id, since)
        )
        return [_update(r) for r in rows]

    async def update(self, update_id: int) -> ProjectUpdate | None:
        row = await self.db.fetchone(f"{UPDATE_SELECT} WHERE id = ?", (update_id,))
        return _update(row) if row else None

    async def add_update(self, idea_id: int, author_id: int, text: str) -> ProjectUpdate:
        """The update recorded (and audited) before its broadcast is made."""
        now = now_iso()
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "INSERT INTO project_updates (idea_id, author_id, text, created_at) VALUES (?, ?, ?, ?)",
                (idea_id, author_id, text, now),
            )
            update_id = int(cur.lastrowid or 0)
            await conn.execute(
                "INSERT INTO audit_log (actor_id, action, target, details, created_at) VALUES (?, ?, ?, ?, ?)",
                (author_id, "project_update", f"#{idea_id}", json.dumps({"update": update_id}), now),
            )
        return ProjectUpdate(update_id, idea_id, author_id, text, None, now)

    async def set_broadcast(self, update_id: int, broadcast_id: int) -> None:
        await self.db.execute("UPDATE project_updates SET broadcast_id = ? WHERE id = ?", (broadcast_id, update_id))
