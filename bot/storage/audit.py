"""The audit log: what organizers did, by whom and when.

This module holds the audit aggregate (``AuditRepo``). A line here may only append to and read the
``audit_log`` table (the table itself refuses UPDATE and DELETE); an action that must be logged in
its own transaction writes the same row there (see ``moderation``).
"""

from __future__ import annotations

import json
from typing import Any

from bot.clock import now_iso
from bot.storage.db import Database
from bot.storage.models import AuditEntry, audit_details


class AuditRepo:
    """Append-only log of organizer actions (the table refuses UPDATE and DELETE)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def record(
        self, actor_id: int, action: str, target: str | int | None = None, details: dict[str, Any] | None = None
    ) -> None:
        details = audit_details(details)
        await self.db.execute(
            "INSERT INTO audit_log (actor_id, action, target, details, created_at) VALUES (?, ?, ?, ?, ?)",
            (
                actor_id,
                action,
                None if target is None else str(target),
                json.dumps(details, ensure_ascii=False) if details else None,
                now_iso(),
            ),
        )

    async def last(self, limit: int = 20) -> list[AuditEntry]:
        rows = await self.db.fetchall(
            "SELECT id, actor_id, action, target, details, created_at FROM audit_log ORDER BY id DESC LIMIT ?",
            (limit,),
        )
        return [AuditEntry(*tuple(r)) for r in rows]
