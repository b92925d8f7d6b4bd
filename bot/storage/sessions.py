"""Project sessions: the records and the organizers' operations on them."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import aiosqlite

from bot.clock import UNREADABLE, now, now_iso, parse_iso, read_stored, to_iso, usable
from bot.storage.db import Database

# A stored duration the bot computes with (typed ones are at most 3 days, bot/services/sessions_admin.py);
# beyond it the row is shown as broken instead of planned.
DURATION_LIMIT = 31 * 24 * 60  # minutes


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
    offered: int = 0  # of them, offered a freed place: the place is held for them until they answer

    @property
    def ends_at(self) -> datetime:
        if not 0 < self.duration_min <= DURATION_LIMIT:
            return self.starts_at  # a broken row (dates_problem says so): nothing is planned from it
        try:
            return self.starts_at + timedelta(minutes=self.duration_min)
        except OverflowError:  # a start at the very end of the calendar: also a broken row
            return self.starts_at

    @property
    def dates_problem(self) -> str | None:
        """Why the bot cannot plan or show this session's time: start | duration | deadline; None when it can.

        Only rows written before typed dates were checked (or edited by hand) have one.
        """
        if not usable(self.starts_at):
            return "start"
        if not 0 < self.duration_min <= DURATION_LIMIT or not usable(self.ends_at):
            return "duration"
        if not usable(self.deadline_at):
            return "deadline"
        return None

    @property
    def dates_ok(self) -> bool:
        return self.dates_problem is None

    @property
    def unlimited(self) -> bool:
        return self.capacity == 0

    @property
    def free_places(self) -> int | None:
        """None when unlimited."""
        return None if self.capacity == 0 else max(0, self.capacity - self.registered - self.offered)

    def registration_open(self, at: datetime | None = None) -> bool:
        moment = at or now()
        return self.status == "scheduled" and self.dates_ok and moment < self.deadline_at and moment < self.starts_at

    @classmethod
    def from_row(cls, r: Any) -> Session:
        keys = r.keys()
        return cls(
            id=r["id"],
            title=r["title"],
            description=r["description"],
            direction_id=r["direction_id"],
            # A moment that cannot be read stands as UNREADABLE (outside the window: dates_problem tells).
            starts_at=read_stored(r["starts_at"]) or UNREADABLE,
            duration_min=_whole(r["duration_min"]),
            place=r["place"],
            capacity=r["capacity"],
            deadline_at=read_stored(r["deadline_at"]) or UNREADABLE,
            status=r["status"],
            version=r["version"],
            created_by=r["created_by"],
            created_at=r["created_at"],
            updated_at=r["updated_at"],
            ended_at=r["ended_at"],
            summary_sent=bool(r["summary_sent"]),
            registered=int(r["registered"]) if "registered" in keys and r["registered"] is not None else 0,
            waiting=int(r["waiting"]) if "waiting" in keys and r["waiting"] is not None else 0,
            offered=int(r["offered"]) if "offered" in keys and r["offered"] is not None else 0,
        )


SESSION_SELECT = """
SELECT s.*,
  (SELECT count(*) FROM registrations r WHERE r.session_id = s.id AND r.status = 'registered') AS registered,
  (SELECT count(*) FROM registrations r WHERE r.session_id = s.id AND r.status IN ('waitlist', 'offered')) AS waiting,
  (SELECT count(*) FROM registrations r WHERE r.session_id = s.id AND r.status = 'offered') AS offered
FROM sessions s
"""


class SessionsRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, session_id: int) -> Session | None:
        row = await self.db.fetchone(SESSION_SELECT + " WHERE s.id = ?", (session_id,))
        return Session.from_row(row) if row else None

    # --- the organizers' side (bot/handlers/sessions_admin.py) -------------------------------

    async def create(self, token: str, draft: NewSession, created_by: int) -> tuple[Session, bool]:
        """The session and its audit entry in one transaction.

        The token comes from the organizer's draft: confirming the same draft again (a double press,
        an update re-delivered after a restart) returns the session made the first time.
        Returns (session, created).
        """
        stamp = now_iso()
        async with self.db.transaction() as conn:
            cur = await conn.execute("SELECT id FROM sessions WHERE create_token = ?", (token,))
            existing = await cur.fetchone()
            if existing is not None:
                session_id, created = int(existing[0]), False
            else:
                cur = await conn.execute(
                    "INSERT INTO sessions (title, description, direction_id, starts_at, duration_min, place, "
                    "capacity, deadline_at, created_by, created_at, updated_at, create_token) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        draft.title,
                        draft.description,
                        draft.direction_id,
                        to_iso(draft.starts_at),
                        draft.duration_min,
                        draft.place,
                        draft.capacity,
                        to_iso(draft.deadline_at),
                        created_by,
                        stamp,
                        stamp,
                        token,
                    ),
                )
                session_id, created = int(cur.lastrowid or 0), True
                await _audit(
                    conn, created_by, "session_create", session_id, {"starts_at": to_iso(draft.starts_at)}, stamp
                )
        session = await self.get(session_id)
        assert session is not None
        return session, created

    async def update(self, session_id: int, values: Mapping[str, Any], by: int, action: str) -> Change:
        """Change columns of a scheduled session (keys of EDITABLE), with its audit entry, in one transaction.

        The version goes up whenever starts_at changes (reminders and the end job carry it, so nothing
        planned for the old time fires). The capacity never drops below the people already
        registered: checked inside the transaction, so a registration racing with the edit cannot slip in.
        """
        unknown = set(values) - EDITABLE
        if unknown:
            raise ValueError(f"not editable: {sorted(unknown)}")
        stamp = now_iso()
        async with self.db.transaction() as conn:
            old = await _scheduled(conn, session_id)
            if isinstance(old, Change):
                return old
            stored = {key: _column(value) for key, value in values.items()}
            if "starts_at" in stored and "deadline_at" not in stored:
                if old.dates_ok:
                    # Rescheduled: registration closes as long before the new start as before the old one.
                    shift = parse_iso(stored["starts_at"]) - old.starts_at
                    moved = old.deadline_at + shift
                    # …unless that moment has passed already (moved earlier): then registration stays open
                    # until the new start rather than closing without anyone deciding it.
                    stored["deadline_at"] = to_iso(moved) if moved > now() else stored["starts_at"]
                else:
                    # The old time was unusable (written before dates were checked, or edited by hand): nothing
                    # to keep the distance from; open until the start.
                    stored["deadline_at"] = stored["starts_at"]
            changed = tuple(key for key, value in stored.items() if _column(getattr(old, key)) != value)
            if not changed:
                return Change("unchanged", old, old)
            capacity = stored.get("capacity")
            held = old.registered + old.offered  # a place offered from the waitlist is promised too
            if isinstance(capacity, int) and 0 < capacity < held:
                return Change("capacity", old, old, registered=held)
            starts = parse_iso(stored.get("starts_at", to_iso(old.starts_at)))
            if parse_iso(stored.get("deadline_at", to_iso(old.deadline_at))) > starts:
                return Change("deadline", old, old)
            assignments = ", ".join(f"{key} = ?" for key in changed)
            # Only a new start makes earlier reminders stale (their offsets count from the start); a new
            # duration moves the end job, which is re-planned by id anyway.
            bump = 1 if "starts_at" in changed else 0
            await conn.execute(
                f"UPDATE sessions SET {assignments}, version = version + ?, updated_at = ? WHERE id = ?",
                (*(stored[key] for key in changed), bump, stamp, session_id),
            )
            details: dict[str, Any] = {"fields": ", ".join(changed)}
            if "starts_at" in changed:
                details = {"from": to_iso(old.starts_at), "to": stored["starts_at"]}
            await _audit(conn, by, action, session_id, details, stamp)
            new = await _read(conn, session_id)
        assert new is not None
        return Change("done", old, new, fields=changed)

    async def cancel(self, session_id: int, by: int) -> Change:
        stamp = now_iso()
        async with self.db.transaction() as conn:
            old = await _scheduled(conn, session_id)
            if isinstance(old, Change):
                return old
            await conn.execute(
                "UPDATE sessions SET status = 'cancelled', updated_at = ? WHERE id = ? AND status = 'scheduled'",
                (stamp, session_id),
            )
            await _audit(conn, by, "session_cancel", session_id, {"registered": old.registered}, stamp)
            new = await _read(conn, session_id)
        assert new is not None
        return Change("done", old, new, fields=("status",))

    async def overview(self, since: datetime, at: datetime, limit: int, offset: int = 0) -> tuple[list[Session], int]:
        """Sessions starting from `since` on, for organizers: upcoming first (soonest first), then past ones
        (latest first). Returns (page, total)."""
        moment = to_iso(at)
        rows = await self.db.fetchall(
            SESSION_SELECT + " WHERE s.starts_at >= ? "
            "ORDER BY s.starts_at < ?, CASE WHEN s.starts_at >= ? THEN s.starts_at END, s.starts_at DESC, s.id "
            "LIMIT ? OFFSET ?",
            (to_iso(since), moment, moment, limit, offset),
        )
        total = await self.db.fetchone("SELECT count(*) FROM sessions WHERE starts_at >= ?", (to_iso(since),))
        return [Session.from_row(r) for r in rows], int(total[0]) if total else 0

    async def announceable(self, at: datetime, limit: int) -> list[Session]:
        """Scheduled sessions that have not started yet, soonest first."""
        rows = await self.db.fetchall(
            SESSION_SELECT + " WHERE s.status = 'scheduled' AND s.starts_at > ? ORDER BY s.starts_at, s.id LIMIT ?",
            (to_iso(at), limit),
        )
        return [Session.from_row(r) for r in rows]

    async def registrants(self, session_id: int, limit: int, offset: int = 0) -> tuple[list[Registrant], int]:
        """People holding a place, in the order they got it. Returns (page, total)."""
        rows = await self.db.fetchall(
            REGISTRANT_SELECT + " WHERE r.session_id = ? AND r.status = 'registered' ORDER BY r.seq LIMIT ? OFFSET ?",
            (session_id, limit, offset),
        )
        total = await self.db.fetchone(
            "SELECT count(*) FROM registrations WHERE session_id = ? AND status = 'registered'", (session_id,)
        )
        return [Registrant.from_row(r) for r in rows], int(total[0]) if total else 0

    async def registrant(self, session_id: int, user_id: int) -> Registrant | None:
        row = await self.db.fetchone(
            REGISTRANT_SELECT + " WHERE r.session_id = ? AND r.user_id = ?", (session_id, user_id)
        )
        return Registrant.from_row(row) if row else None

    async def waitlist(self, session_id: int, limit: int) -> tuple[list[Registrant], int]:
        """The waitlist in its order (people holding an offer included). Returns (first `limit`, total)."""
        rows = await self.db.fetchall(
            REGISTRANT_SELECT
            + " WHERE r.session_id = ? AND r.status IN ('waitlist', 'offered') ORDER BY r.seq LIMIT ?",
            (session_id, limit),
        )
        total = await self.db.fetchone(
            "SELECT count(*) FROM registrations WHERE session_id = ? AND status IN ('waitlist', 'offered')",
            (session_id,),
        )
        return [Registrant.from_row(r) for r in rows], int(total[0]) if total else 0

    async def people(self, session_id: int) -> list[Registrant]:
        """Everyone registered, then the waitlist, each in order (the export)."""
        rows = await self.db.fetchall(
            REGISTRANT_SELECT + " WHERE r.session_id = ? AND r.status IN ('registered', 'waitlist', 'offered') "
            "ORDER BY r.status != 'registered', r.seq",
            (session_id,),
        )
        return [Registrant.from_row(r) for r in rows]


# Columns an organizer may change (the rest follow from the session's life).
EDITABLE = frozenset(
    {"title", "description", "direction_id", "starts_at", "duration_min", "place", "capacity", "deadline_at"}
)

REGISTRANT_SELECT = """
SELECT r.user_id, r.status, r.seq, r.offer_expires_at, r.attended_at, r.created_at,
       u.first_name, u.last_name, u.username
FROM registrations r LEFT JOIN users u ON u.id = r.user_id
"""


@dataclass(frozen=True, slots=True)
class NewSession:
    """A confirmed /new_session draft."""

    title: str
    description: str
    direction_id: int
    starts_at: datetime
    duration_min: int
    place: str
    capacity: int
    deadline_at: datetime


@dataclass(frozen=True, slots=True)
class Change:
    """The outcome of an organizer's change to a session."""

    # done | unchanged | missing | closed (cancelled or ended) | capacity (below the registered) |
    # deadline (would be after the start)
    status: str
    old: Session | None = None
    new: Session | None = None
    fields: tuple[str, ...] = ()  # the columns that changed
    registered: int = 0  # with status 'capacity': how many hold a place


@dataclass(frozen=True, slots=True)
class Registrant:
    user_id: int
    status: str  # registered | waitlist | offered
    seq: int
    offer_expires_at: datetime | None
    attended_at: datetime | None
    created_at: datetime
    first_name: str | None
    last_name: str | None
    username: str | None

    @classmethod
    def from_row(cls, r: Any) -> Registrant:
        return cls(
            user_id=r["user_id"],
            status=r["status"],
            seq=r["seq"],
            offer_expires_at=read_stored(r["offer_expires_at"]),
            attended_at=read_stored(r["attended_at"]),
            created_at=read_stored(r["created_at"]) or UNREADABLE,
            first_name=r["first_name"],
            last_name=r["last_name"],
            username=r["username"],
        )


def _whole(value: Any) -> int:
    """A stored duration as minutes; anything else (a hand-edited row) as 0, which dates_problem reports."""
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _column(value: Any) -> Any:
    """A value as the sessions table stores it (moments as UTC ISO text)."""
    return to_iso(value) if isinstance(value, datetime) else value


async def _read(conn: aiosqlite.Connection, session_id: int) -> Session | None:
    cur = await conn.execute(SESSION_SELECT + " WHERE s.id = ?", (session_id,))
    row = await cur.fetchone()
    return Session.from_row(row) if row else None


async def _scheduled(conn: aiosqlite.Connection, session_id: int) -> Session | Change:
    """The session an organizer is changing, or the change refused: missing, or closed (cancelled, ended)."""
    old = await _read(conn, session_id)
    if old is None:
        return Change("missing")
    if old.status != "scheduled":
        return Change("closed", old, old)
    return old


async def _audit(
    conn: aiosqlite.Connection, actor_id: int, action: str, session_id: int, details: dict[str, Any], stamp: str
) -> None:
    """The audit entry written inside the change's own transaction: no change without its entry."""
    await conn.execute(
        "INSERT INTO audit_log (actor_id, action, target, details, created_at) VALUES (?, ?, ?, ?, ?)",
        (actor_id, action, str(session_id), json.dumps(details, ensure_ascii=False), stamp),
    )
