"""Registrations for sessions: places, the waitlist and its offers, check-in.

Every change of a person's place runs in one transaction (BEGIN IMMEDIATE under the connection
lock) that reads the session and its counts, decides, and writes: concurrent presses are
serialised, so a session is never overfilled. A place that frees up inside such a transaction is
offered to the first on the waitlist in the same transaction (`_offer_free_places`).

Places: capacity 0 is unlimited; otherwise `registered + offered + waitlist` is compared with the
capacity, so a place held for someone with an offer is not free, and a newcomer never jumps the
queue of people already waiting.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import aiosqlite

from bot.clock import LATEST, UNREADABLE, now_iso, parse_iso, read_stored, to_iso
from bot.storage.db import Database
from bot.storage.outbox import TICKETS, queue_in
from bot.storage.sessions import REGISTRANT_SELECT, SESSION_SELECT, Registrant, Session

TOKEN_BYTES = 18  # secrets.token_urlsafe: 24 url-safe characters
# A place taken queues its tickets (.ics, QR) in the same transaction, held this long: the handler sends the
# confirmation first and then releases them (`OutboxRepo.release`); after a crash in between they go on their own.
TICKET_HOLD = timedelta(seconds=30)


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


class OverfilledError(RuntimeError):
    """Taking an offer would put more people in the session than it has places (cannot happen while the
    capacity is never cut below the places held; a guard, so the transaction is rolled back)."""

    def __init__(self, session_id: int) -> None:
        super().__init__(f"session {session_id} would be overfilled")


def is_full(session: Session) -> bool:
    """No place for a newcomer: every place is taken, held for an offer, or owed to someone waiting."""
    return session.capacity > 0 and session.registered + session.waiting >= session.capacity


@dataclass(frozen=True, slots=True)
class Registration:
    """One person's row for one session."""

    session_id: int
    user_id: int
    status: str  # registered | waitlist | offered | cancelled | declined | expired
    seq: int
    offer_expires_at: datetime | None
    checkin_token: str
    attended_at: datetime | None
    position: int = 0  # on the waitlist (1 = next in line); 0 otherwise

    @classmethod
    def from_row(cls, r: Any, position: int = 0) -> Registration:
        return cls(
            session_id=r["session_id"],
            user_id=r["user_id"],
            status=r["status"],
            seq=r["seq"],
            offer_expires_at=read_stored(r["offer_expires_at"]),  # unreadable: None, i.e. expired
            checkin_token=r["checkin_token"],
            attended_at=read_stored(r["attended_at"]),
            position=position,
        )


@dataclass(frozen=True, slots=True)
class Offer:
    """A freed place held for someone from the waitlist until expires_at."""

    session_id: int
    user_id: int
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class PlaceChange:
    """The outcome of a person's press, and the offers the same transaction made to others.

    outcome: registered | waitlisted | already | waiting | cancelled | left | declined | expired |
    missing (no such session) | called_off (the session is cancelled) | started (started or ended) |
    closed (the registration deadline passed) | stale (the person's state is not what the button expected) |
    unset (the session's stored time cannot be used — written before dates were checked, or edited by hand:
    no new registrations until organizers fix it)
    """

    outcome: str
    registration: Registration | None = None
    offers: tuple[Offer, ...] = ()


@dataclass(frozen=True, slots=True)
class CheckinTarget:
    """Whom a check-in token belongs to."""

    session_id: int
    user_id: int
    status: str  # the registration's
    session_status: str
    title: str
    starts_at: datetime
    attended_at: datetime | None
    first_name: str | None
    last_name: str | None
    username: str | None

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p) or (self.username or str(self.user_id))


ROW_COLUMNS = "session_id, user_id, status, seq, offer_expires_at, checkin_token, attended_at"


async def _session(conn: aiosqlite.Connection, session_id: int) -> Session | None:
    cur = await conn.execute(SESSION_SELECT + " WHERE s.id = ?", (session_id,))
    row = await cur.fetchone()
    return Session.from_row(row) if row else None


async def _mine(conn: aiosqlite.Connection, session_id: int, user_id: int) -> Registration | None:
    cur = await conn.execute(
        f"SELECT {ROW_COLUMNS} FROM registrations WHERE session_id = ? AND user_id = ?", (session_id, user_id)
    )
    row = await cur.fetchone()
    if row is None:
        return None
    position = 0
    if row["status"] == "waitlist":
        cur = await conn.execute(
            "SELECT count(*) FROM registrations WHERE session_id = ? AND status = 'waitlist' AND seq <= ?",
            (session_id, row["seq"]),
        )
        found = await cur.fetchone()
        position = int(found[0]) if found else 0
    return Registration.from_row(row, position)


async def _set_status(conn: aiosqlite.Connection, session_id: int, user_id: int, status: str, stamp: str) -> None:
    await conn.execute(
        "UPDATE registrations SET status = ?, offer_expires_at = NULL, updated_at = ? "
        "WHERE session_id = ? AND user_id = ?",
        (status, stamp, session_id, user_id),
    )


async def _join(conn: aiosqlite.Connection, session_id: int, user_id: int, status: str, stamp: str) -> None:
    """A new row, or an old one (cancelled, declined, expired) taken up again at the end of the order.

    The check-in token is made once and kept: a QR code sent before stays valid for the same person.
    """
    await conn.execute(
        "INSERT INTO registrations (session_id, user_id, status, seq, checkin_token, created_at, updated_at) "
        "VALUES (?1, ?2, ?3, (SELECT coalesce(max(seq), 0) + 1 FROM registrations WHERE session_id = ?1), ?4, ?5, ?5) "
        "ON CONFLICT (session_id, user_id) DO UPDATE SET status = excluded.status, seq = excluded.seq, "
        "offer_expires_at = NULL, updated_at = excluded.updated_at",
        (session_id, user_id, status, new_token(), stamp),
    )


async def _queue_tickets(conn: aiosqlite.Connection, session_id: int, user_id: int, at: datetime) -> None:
    """The .ics file and the QR code of a place just taken, queued with the place itself (the outbox sends them):
    a crash after the answer still delivers them."""
    stamp, hold = to_iso(at), to_iso(at + TICKET_HOLD)
    # A place cancelled and taken again before the first tickets left: those are replaced, not sent as well.
    await conn.execute(
        f"DELETE FROM outbox WHERE kind IN ({', '.join('?' * len(TICKETS))}) AND ref = ? AND chat_id = ? "
        "AND status = 'pending'",
        (*TICKETS, session_id, user_id),
    )
    for kind in TICKETS:
        await queue_in(conn, kind, session_id, user_id, None, stamp, not_before=hold)


async def _offer_free_places(
    conn: aiosqlite.Connection, session_id: int, at: datetime, ttl: timedelta
) -> tuple[Offer, ...]:
    """Offer every free place to the next on the waitlist, in order (inside the caller's transaction).

    An offer lasts `ttl`, and never beyond the session's start.
    """
    session = await _session(conn, session_id)
    if session is None or session.status != "scheduled" or at >= session.starts_at:
        return ()
    # Unlimited now (the organizer lifted the limit): everyone waiting is offered a place.
    free = session.waiting if session.unlimited else session.capacity - session.registered - session.offered
    if free <= 0:
        return ()
    # People who blocked the bot or are banned could not answer: the place would wait for nothing.
    cur = await conn.execute(
        "SELECT r.user_id FROM registrations r JOIN users u ON u.id = r.user_id WHERE r.session_id = ? "
        "AND r.status = 'waitlist' AND u.is_active = 1 AND u.banned_at IS NULL ORDER BY r.seq LIMIT ?",
        (session_id, free),
    )
    chosen = [int(r[0]) for r in await cur.fetchall()]
    if not chosen:
        return ()
    expires_at = parse_iso(to_iso(min(at + ttl, session.starts_at)))  # stored to the second
    stamp = to_iso(at)
    await conn.executemany(
        "UPDATE registrations SET status = 'offered', offer_expires_at = ?, updated_at = ? "
        "WHERE session_id = ? AND user_id = ? AND status = 'waitlist'",
        [(to_iso(expires_at), stamp, session_id, user_id) for user_id in chosen],
    )
    for user_id in chosen:  # each offer's message, queued with the offer itself (the outbox sends it)
        await queue_in(conn, "offer", session_id, user_id, {"expires_at": to_iso(expires_at)}, stamp)
    return tuple(Offer(session_id, user_id, expires_at) for user_id in chosen)


def _gone(session: Session | None, at: datetime) -> str | None:
    """Why nothing can change any more: missing, called_off (cancelled) or started (or ended)."""
    if session is None:
        return "missing"
    if session.status == "cancelled":
        return "called_off"
    if session.status != "scheduled" or (session.dates_ok and at >= session.starts_at):
        return "started"
    return None


class RegistrationsRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    # --- reading ------------------------------------------------------------------------------

    async def get(self, session_id: int, user_id: int) -> Registration | None:
        """The person's row with their waitlist position."""
        row = await self.db.fetchone(
            f"SELECT {ROW_COLUMNS}, CASE WHEN status = 'waitlist' THEN (SELECT count(*) FROM registrations w "
            "WHERE w.session_id = r.session_id AND w.status = 'waitlist' AND w.seq <= r.seq) ELSE 0 END AS position "
            "FROM registrations r WHERE session_id = ? AND user_id = ?",
            (session_id, user_id),
        )
        return Registration.from_row(row, int(row["position"])) if row else None

    async def upcoming(self, at: datetime, limit: int, offset: int) -> tuple[list[Session], int]:
        """Scheduled sessions that have not started yet, soonest first. Returns (page, total).

        A start stored beyond the calendar window (31.12.9999, typed before dates were checked) is not listed:
        organizers fix it first.
        """
        moment, latest = to_iso(at), to_iso(LATEST)
        rows = await self.db.fetchall(
            SESSION_SELECT + " WHERE s.status = 'scheduled' AND s.starts_at > ? AND s.starts_at < ? "
            "ORDER BY s.starts_at, s.id LIMIT ? OFFSET ?",
            (moment, latest, limit, offset),
        )
        total = await self.db.fetchone(
            "SELECT count(*) FROM sessions WHERE status = 'scheduled' AND starts_at > ? AND starts_at < ?",
            (moment, latest),
        )
        return [Session.from_row(r) for r in rows], int(total[0]) if total else 0

    async def statuses(self, user_id: int, session_ids: list[int]) -> dict[int, str]:
        """The person's status in each of these sessions (only where they have a row)."""
        if not session_ids:
            return {}
        marks = ", ".join("?" for _ in session_ids)
        rows = await self.db.fetchall(
            f"SELECT session_id, status FROM registrations WHERE user_id = ? AND session_id IN ({marks})",
            (user_id, *session_ids),
        )
        return {int(r[0]): str(r[1]) for r in rows}

    async def mine(self, user_id: int, at: datetime) -> list[tuple[Session, Registration]]:
        """The person's places and waitlist places (offers included) in scheduled sessions that have not started
        at ``at``, soonest first, each with its waitlist position ("Мои записи")."""
        moment, latest = to_iso(at), to_iso(LATEST)
        rows = await self.db.fetchall(
            "SELECT r.session_id FROM registrations r JOIN sessions s ON s.id = r.session_id "
            "WHERE r.user_id = ? AND r.status IN ('registered', 'waitlist', 'offered') AND s.status = 'scheduled' "
            "AND s.starts_at > ? AND s.starts_at < ? ORDER BY s.starts_at, s.id",
            (user_id, moment, latest),
        )
        found: list[tuple[Session, Registration]] = []
        for row in rows:
            session_id = int(row[0])
            session = await self.db.fetchone(SESSION_SELECT + " WHERE s.id = ?", (session_id,))
            mine = await self.get(session_id, user_id)
            if session is not None and mine is not None:
                found.append((Session.from_row(session), mine))
        return found

    async def registered_user_ids(self, session_id: int) -> list[int]:
        rows = await self.db.fetchall(
            "SELECT user_id FROM registrations WHERE session_id = ? AND status = 'registered' ORDER BY seq",
            (session_id,),
        )
        return [int(r[0]) for r in rows]

    async def registrants(self, session_id: int) -> list[Registrant]:
        """People holding a place, with names, in the order they got it."""
        rows = await self.db.fetchall(
            REGISTRANT_SELECT + " WHERE r.session_id = ? AND r.status = 'registered' ORDER BY r.seq", (session_id,)
        )
        return [Registrant.from_row(r) for r in rows]

    async def waitlist(self, session_id: int) -> list[Registrant]:
        """The waitlist in its order, people holding an offer included, with names."""
        rows = await self.db.fetchall(
            REGISTRANT_SELECT + " WHERE r.session_id = ? AND r.status IN ('waitlist', 'offered') ORDER BY r.seq",
            (session_id,),
        )
        return [Registrant.from_row(r) for r in rows]

    async def checkin_target(self, token: str) -> CheckinTarget | None:
        row = await self.db.fetchone(
            "SELECT r.session_id, r.user_id, r.status, r.attended_at, s.status AS session_status, s.title, "
            "s.starts_at, u.first_name, u.last_name, u.username "
            "FROM registrations r JOIN sessions s ON s.id = r.session_id LEFT JOIN users u ON u.id = r.user_id "
            "WHERE r.checkin_token = ?",
            (token,),
        )
        if row is None:
            return None
        return CheckinTarget(
            session_id=row["session_id"],
            user_id=row["user_id"],
            status=row["status"],
            session_status=row["session_status"],
            title=row["title"],
            starts_at=read_stored(row["starts_at"]) or UNREADABLE,
            attended_at=read_stored(row["attended_at"]),
            first_name=row["first_name"],
            last_name=row["last_name"],
            username=row["username"],
        )

    # --- a person's presses -----------------------------------------------------------------------

    async def request_place(self, session_id: int, user_id: int, at: datetime, ttl: timedelta) -> PlaceChange:
        """Register, or join the waitlist when no place is free (one press does what the person meant).

        Someone holding an offer takes the place held for them.
        """
        stamp = to_iso(at)
        async with self.db.transaction() as conn:
            session = await _session(conn, session_id)
            gone = _gone(session, at)
            if gone is not None or session is None:
                return PlaceChange(gone or "missing")
            mine = await _mine(conn, session_id, user_id)
            if mine is not None and mine.status == "registered":
                return PlaceChange("already", mine)
            if mine is not None and mine.status == "offered":
                return await self._take_offer(conn, session_id, user_id, mine, at, ttl)
            if mine is not None and mine.status == "waitlist":
                return PlaceChange("waiting", mine)
            if not session.dates_ok:
                return PlaceChange("unset", mine)
            if at >= session.deadline_at:
                return PlaceChange("closed", mine)
            status = "waitlist" if is_full(session) else "registered"
            await _join(conn, session_id, user_id, status, stamp)
            if status == "registered":
                await _queue_tickets(conn, session_id, user_id, at)
            mine = await _mine(conn, session_id, user_id)
        return PlaceChange("registered" if status == "registered" else "waitlisted", mine)

    async def accept_offer(self, session_id: int, user_id: int, at: datetime, ttl: timedelta) -> PlaceChange:
        async with self.db.transaction() as conn:
            session = await _session(conn, session_id)
            mine = await _mine(conn, session_id, user_id)
            if mine is not None and mine.status == "registered":
                return PlaceChange("already", mine)
            gone = _gone(session, at)
            if gone is not None:
                return PlaceChange(gone, mine)
            if mine is None or mine.status != "offered":
                return PlaceChange("stale", mine)
            return await self._take_offer(conn, session_id, user_id, mine, at, ttl)

    async def _take_offer(
        self,
        conn: aiosqlite.Connection,
        session_id: int,
        user_id: int,
        mine: Registration,
        at: datetime,
        ttl: timedelta,
    ) -> PlaceChange:
        stamp = to_iso(at)
        if mine.offer_expires_at is not None and at >= mine.offer_expires_at:
            # The timer has not come yet, but the time is up: the place goes on now.
            await _set_status(conn, session_id, user_id, "expired", stamp)
            offers = await _offer_free_places(conn, session_id, at, ttl)
            return PlaceChange("expired", await _mine(conn, session_id, user_id), offers)
        await _set_status(conn, session_id, user_id, "registered", stamp)
        session = await _session(conn, session_id)
        if session is not None and not session.unlimited and session.registered > session.capacity:
            raise OverfilledError(session_id)  # rolls the transaction back: never more than the capacity
        await _queue_tickets(conn, session_id, user_id, at)
        return PlaceChange("registered", await _mine(conn, session_id, user_id))

    async def withdraw(self, session_id: int, user_id: int, expected: str, at: datetime, ttl: timedelta) -> PlaceChange:
        """Cancel a registration (expected 'registered'), leave the waitlist ('waitlist') or decline an
        offer ('offered'). A freed place is offered to the next in line in the same transaction.

        A button drawn for another state (the person's status changed meanwhile) changes nothing: stale.
        """
        outcome = {"registered": "cancelled", "waitlist": "left", "offered": "declined"}[expected]
        new_status = {"registered": "cancelled", "waitlist": "cancelled", "offered": "declined"}[expected]
        async with self.db.transaction() as conn:
            session = await _session(conn, session_id)
            mine = await _mine(conn, session_id, user_id)
            if mine is None or mine.status != expected:
                return PlaceChange("stale", mine)
            gone = _gone(session, at)
            if gone is not None:
                return PlaceChange(gone, mine)
            await _set_status(conn, session_id, user_id, new_status, to_iso(at))
            offers = await _offer_free_places(conn, session_id, at, ttl) if expected != "waitlist" else ()
            return PlaceChange(outcome, await _mine(conn, session_id, user_id), offers)

    # --- timers and organizers -----------------------------------------------------------------

    async def expire_offer(self, session_id: int, user_id: int, at: datetime, ttl: timedelta) -> PlaceChange:
        """An offer whose time is up passes on. Does nothing (outcome 'stale') unless the person still
        holds an offer that has expired: safe to run twice, late, or after they answered."""
        async with self.db.transaction() as conn:
            mine = await _mine(conn, session_id, user_id)
            if mine is None or mine.status != "offered" or (mine.offer_expires_at and at < mine.offer_expires_at):
                return PlaceChange("stale", mine)
            await _set_status(conn, session_id, user_id, "expired", to_iso(at))
            offers = await _offer_free_places(conn, session_id, at, ttl)
            return PlaceChange("expired", await _mine(conn, session_id, user_id), offers)

    async def fill_free_places(self, session_id: int, at: datetime, ttl: timedelta) -> tuple[Offer, ...]:
        """After the capacity went up: offer every free place to the waitlist, in order."""
        async with self.db.transaction() as conn:
            return await _offer_free_places(conn, session_id, at, ttl)

    async def mark_attended(self, session_id: int, user_id: int, by: int) -> bool:
        """An organizer marks a registrant as attended. False if not registered or already marked."""
        changed = await self.db.execute_rowcount(
            "UPDATE registrations SET attended_at = ?, attended_by = ?, updated_at = ? "
            "WHERE session_id = ? AND user_id = ? AND status = 'registered' AND attended_at IS NULL",
            (now_iso(), by, now_iso(), session_id, user_id),
        )
        return changed > 0
