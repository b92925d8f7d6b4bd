"""Project sessions: the records and the organizers' operations on them (issue 4)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bot.clock import now, parse_iso
from bot.storage.db import Database


@dataclass(slots=True)
class Session:
    id: int
    title: str
    description: str
    direction_id: int
    starts_at: datetime  # aware, UTC
    duration_min: int
    place: str
    capacity: int  # 0 = unlimited
    deadline_at: datetime  # aware, UTC: registration closes
    status: str  # scheduled | ended | cancelled
    version: int
    created_by: int
    created_at: str
    updated_at: str
    ended_at: str | None
    summary_sent: bool
    registered: int = 0  # people holding a place (registered), filled by the queries that need it
    waiting: int = 0  # on the waitlist (waitlist + offered)

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_min)

    @property
    def unlimited(self) -> bool:
        return self.capacity == 0

    @property
    def free_places(self) -> int | None:
        """None when unlimited."""
        return None if self.capacity == 0 else max(0, self.capacity - self.registered)

    def registration_open(self, at: datetime | None = None) -> bool:
        moment = at or now()
        return self.status == "scheduled" and moment < self.deadline_at and moment < self.starts_at

    @classmethod
    def from_row(cls, r: Any) -> Session:
        keys = r.keys()
        return cls(
            id=r["id"],
            title=r["title"],
            description=r["description"],
            direction_id=r["direction_id"],
            starts_at=parse_iso(r["starts_at"]),
            duration_min=r["duration_min"],
            place=r["place"],
            capacity=r["capacity"],
            deadline_at=parse_iso(r["deadline_at"]),
            status=r["status"],
            version=r["version"],
            created_by=r["created_by"],
            created_at=r["created_at"],
            updated_at=r["updated_at"],
            ended_at=r["ended_at"],
            summary_sent=bool(r["summary_sent"]),
            registered=int(r["registered"]) if "registered" in keys and r["registered"] is not None else 0,
            waiting=int(r["waiting"]) if "waiting" in keys and r["waiting"] is not None else 0,
        )


SESSION_SELECT = """
SELECT s.*,
  (SELECT count(*) FROM registrations r WHERE r.session_id = s.id AND r.status = 'registered') AS registered,
  (SELECT count(*) FROM registrations r WHERE r.session_id = s.id AND r.status IN ('waitlist', 'offered')) AS waiting
FROM sessions s
"""


class SessionsRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, session_id: int) -> Session | None:
        row = await self.db.fetchone(SESSION_SELECT + " WHERE s.id = ?", (session_id,))
        return Session.from_row(row) if row else None
