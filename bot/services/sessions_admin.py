"""Organizers' sessions: what they type read and checked, the draft of a new session, and `SessionAdmin`, which
creates and changes sessions and tells whoever a change concerns."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any, Generic, TypeVar
from zoneinfo import ZoneInfo

from bot.clock import parse_iso, usable
from bot.services.broadcast import BroadcastWorker
from bot.services.export import CsvRows
from bot.services.limits import person as display_name
from bot.services.registration import RegistrationService
from bot.services.timers import Timers
from bot.services.timetext import MINUTE, DurationKeys, parse_duration
from bot.services.when import parse_moment, too_far
from bot.storage.models import Direction
from bot.storage.repositories import Repos
from bot.storage.sessions import Change, NewSession, Registrant, Session
from bot.telegram.i18n import Translate
from bot.text import INVISIBLE, has_visible, tidy, too_long

TITLE_MAX = 120


DESCRIPTION_MAX = 1500


PLACE_MAX = 300


CAPACITY_MAX = 100_000


DURATION_MIN = 15  # minutes


# Up to three days: the hub's hackathons and intensives run over a weekend as one session (one registration,
# one QR code, one rating); anything longer is several sessions. Stored rows up to DURATION_LIMIT still work.
DURATION_MAX = 3 * 24 * 60


RECENT_DAYS = 30  # the organizers' list shows sessions that started this many days ago or later


LIST_PAGE = 8


PEOPLE_PAGE = 10


WAITLIST_SHOWN = 30


# The /new_session steps, in order (also the fields "Change a field" offers on the summary).
STEPS = ("title", "description", "direction", "start", "duration", "place", "capacity", "deadline")


# What an existing session's "Edit" offers (the start has its own button: Reschedule).
EDIT_FIELDS = ("title", "description", "direction", "duration", "place", "capacity", "deadline")


# A field as the organizer names it → the sessions column.
COLUMNS = {
    "title": "title",
    "description": "description",
    "direction": "direction_id",
    "start": "starts_at",
    "duration": "duration_min",
    "place": "place",
    "capacity": "capacity",
    "deadline": "deadline_at",
}


FIELD_OF = {column: field for field, column in COLUMNS.items()}


# Changes registrants are told of (the deadline or the capacity alone concern nobody registered).
UPDATE_NOTICE = ("title", "description", "direction", "place")


NOTICE_FIELDS = ("title", "description", "direction", "duration", "place")


UNTIL_START = frozenset(
    {"-", "—", "–", "до начала", "до старта", "начало", "until the start", "until start", "the start", "start"}
)


UNLIMITED = frozenset({"без ограничений", "неограниченно", "unlimited", "no limit", "∞"})


# A session's length as the organizers read it: hours go on past a day ("48 ч").
LENGTH_WORDS = DurationKeys(minutes=("sadm-duration-m", "m"), hours=("sadm-duration-h", "h"))


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Read(Generic[T]):
    """What was typed, read: a value, or the reason it is not one (a locale key suffix)."""

    value: T | None = None
    problem: str | None = None


def read_text(text: str | None, limit: int) -> Read[str]:
    """Free text (a title, a description, a place): at least one visible character, at most `limit` of them."""
    cleaned = tidy(text)
    if not has_visible(cleaned):
        return Read(problem="invisible" if (text or "").strip() else "empty")
    if too_long(cleaned, limit) is not None:
        return Read(problem="long")
    return Read(cleaned)


def read_start(text: str, tz: tzinfo, at: datetime) -> Read[datetime]:
    parsed = parse_moment(text, tz, at)
    if parsed.moment is None:
        return Read(problem=parsed.problem or "format")
    if parsed.moment <= at:
        return Read(problem="past")
    if too_far(parsed.moment, at):
        return Read(problem="far")
    return Read(parsed.moment)


def read_deadline(text: str, tz: tzinfo, at: datetime, start: datetime) -> Read[datetime]:
    """A moment not after the start (and not past), or "until the start" ("-", "до начала")."""
    if " ".join(text.strip().lower().split()) in UNTIL_START:
        return Read(start)
    parsed = parse_moment(text, tz, at)
    if parsed.moment is None:
        return Read(problem=parsed.problem or "format")
    if parsed.moment > start:
        return Read(problem="after-start")
    if parsed.moment <= at:
        return Read(problem="past")
    if too_far(parsed.moment, at):  # only when the start itself is broken: a deadline before it
        return Read(problem="far")
    return Read(parsed.moment)


def read_duration(text: str) -> Read[int]:
    """Minutes, 15 minutes to 3 days, in any way `parse_duration` reads ("90", "1:30", "1.5 ч", "2 дня").

    Any number too big (400 nines and "h") is out of range like 73 hours is: never an overflow.
    """
    length = parse_duration(text)
    if length is None:
        return Read(problem="format")
    whole = round(length / MINUTE)
    if not DURATION_MIN <= whole <= DURATION_MAX:
        return Read(problem="range")
    return Read(whole)


def read_capacity(text: str) -> Read[int]:
    """A whole number of places, 0 (or "unlimited") for no limit."""
    cleaned = " ".join(text.strip().lower().split())
    if cleaned in UNLIMITED:
        return Read(0)
    if not re.fullmatch(r"[+-]?\d+", cleaned):
        return Read(problem="format")
    value = int(cleaned)
    if value < 0:
        return Read(problem="negative")
    if value > CAPACITY_MAX:
        return Read(problem="large")
    return Read(value)


def problem_key(field: str, problem: str) -> str:
    """The locale key of the message telling what is wrong with a typed value."""
    if problem in {"empty", "long", "not-text"}:
        return "sadm-bad-" + problem
    if problem == "invisible":
        return INVISIBLE
    if field in {"start", "deadline"} and problem in {"format", "date", "time", "far"}:
        return "sadm-bad-moment-" + problem
    return f"sadm-bad-{field}-{problem}"


def deep_link(username: str | None, session_id: int) -> str:
    return f"https://t.me/{username or ''}?start=session_{session_id}"


def notice_for(columns: Sequence[str]) -> tuple[str, tuple[str, ...]] | None:
    """What registrants are told of a change of these columns: (change, fields), or None."""
    names = tuple(FIELD_OF[c] for c in columns if c in FIELD_OF)
    told = tuple(n for n in names if n in NOTICE_FIELDS)
    if "start" in names:
        return "rescheduled", told
    if any(n in UPDATE_NOTICE or n == "duration" for n in names):
        return "updated", told
    return None


@dataclass(slots=True)
class Draft:
    """What the organizer has entered so far (kept in the FSM data as plain JSON)."""

    title: str | None = None
    description: str | None = None
    direction_id: int | None = None
    starts_at: str | None = None  # UTC ISO
    duration_min: int | None = None
    place: str | None = None
    capacity: int | None = None
    deadline: str | None = None  # UTC ISO, or "start": registration is open until the start

    @classmethod
    def load(cls, data: dict[str, Any]) -> Draft:
        raw = data.get("draft") or {}
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in raw.items() if k in known})

    def dump(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def start(self) -> datetime | None:
        return parse_iso(self.starts_at) if self.starts_at else None

    @property
    def deadline_at(self) -> datetime | None:
        if self.deadline == "start":
            return self.start
        return parse_iso(self.deadline) if self.deadline else None

    def deadline_fits(self) -> bool:
        """The deadline entered earlier still lies before the (changed) start."""
        start, deadline = self.start, self.deadline_at
        return start is None or deadline is None or deadline <= start

    def missing(self) -> str | None:
        """The first step not answered yet."""
        for step in STEPS:
            column = "deadline" if step == "deadline" else "starts_at" if step == "start" else COLUMNS[step]
            if getattr(self, column) is None:
                return step
        return None

    def complete(self) -> NewSession:
        start, deadline = self.start, self.deadline_at
        assert self.missing() is None and start is not None and deadline is not None
        return NewSession(
            title=self.title or "",
            description=self.description or "",
            direction_id=self.direction_id or 0,
            starts_at=start,
            duration_min=self.duration_min or DURATION_MIN,
            place=self.place or "",
            capacity=self.capacity or 0,
            deadline_at=deadline,
        )


def preview(new: NewSession) -> Session:
    """The draft as a session record, for the card helpers."""
    return Session(
        id=0,
        title=new.title,
        description=new.description,
        direction_id=new.direction_id,
        starts_at=new.starts_at,
        duration_min=new.duration_min,
        place=new.place,
        capacity=new.capacity,
        deadline_at=new.deadline_at,
        status="scheduled",
        version=1,
        created_by=0,
        created_at="",
        updated_at="",
        ended_at=None,
        summary_sent=False,
    )


def person_name(person: Registrant) -> str:
    """Plain text (escaped by the translator), the name shortened for a list: see limits.person."""
    return display_name(person.first_name, person.last_name, person.username) or f"id {person.user_id}"


def write_people_csv(path: Path, people: Sequence[Registrant], t: Translate, tz: ZoneInfo, tz_name: str) -> int:
    """Registrants and the waitlist as CSV like /export (UTF-8 with BOM, `;`): returns the rows written."""
    columns = ("status", "position", "id", "name", "username", "registered-at", "attended-at", "offer-until")
    writer = CsvRows(path, [t("sadm-csv-" + c, tz=tz_name) for c in columns])
    rows: list[list[str | int | datetime | None]] = []
    position = {"registered": 0, "queue": 0}
    for person in people:
        group = "registered" if person.status == "registered" else "queue"
        position[group] += 1
        rows.append(
            [
                t("sadm-csv-status-" + person.status),
                position[group],
                person.user_id,
                " ".join(p for p in (person.first_name, person.last_name) if p) or None,
                person.username,
                _naive(person.created_at, tz),
                _naive(person.attended_at, tz),
                _naive(person.offer_expires_at, tz),
            ]
        )
    try:
        writer.write(rows)
    finally:
        writer.close()
    return len(rows)


def _naive(moment: datetime | None, tz: ZoneInfo) -> datetime | None:
    return moment.astimezone(tz).replace(tzinfo=None) if usable(moment) and moment else None


class SessionAdmin:
    """Creates and changes sessions; tells the timers, registrants and the waitlist what follows.

    Built once with the application and handed to the organizers' handlers.
    """

    def __init__(
        self, repos: Repos, timers: Timers, broadcaster: BroadcastWorker, registration: RegistrationService
    ) -> None:
        self.repos = repos
        self.timers = timers
        self.broadcaster = broadcaster
        self.registration = registration

    async def session(self, session_id: int) -> Session | None:
        return await self.repos.sessions.get(session_id)

    async def direction(self, direction_id: int) -> Direction | None:
        return await self.repos.directions.get(direction_id)

    async def directions(self) -> list[Direction]:
        return await self.repos.directions.all()

    async def create(self, token: str, draft: NewSession, by: int) -> tuple[Session, bool]:
        session, created = await self.repos.sessions.create(token, draft, by)
        if created:
            self.timers.session_changed(session.id)
        return session, created

    async def edit(self, session_id: int, field: str, value: Any, by: int) -> Change:
        action = "session_reschedule" if field == "start" else "session_edit"
        change = await self.repos.sessions.update(session_id, {COLUMNS[field]: value}, by, action)
        await self._after(change, by)
        return change

    async def cancel(self, session_id: int, by: int) -> Change:
        change = await self.repos.sessions.cancel(session_id, by)
        if change.status == "done" and change.old is not None:
            self.timers.session_changed(session_id)
            if _concerns_someone(change.old):
                await self.broadcaster.notify_registrants(
                    session_id, "cancelled", old_starts_at=change.old.starts_at, fields=(), by=by
                )
        return change

    async def _after(self, change: Change, by: int) -> None:
        if change.status != "done" or change.old is None or change.new is None:
            return
        old, new = change.old, change.new
        self.timers.session_changed(new.id)
        notice = notice_for(change.fields)
        if notice is not None and _concerns_someone(new):
            kind, told = notice
            await self.broadcaster.notify_registrants(new.id, kind, old_starts_at=old.starts_at, fields=told, by=by)
        if "capacity" in change.fields and (new.unlimited or (not old.unlimited and new.capacity > old.capacity)):
            # More places: the first in line on the waitlist are offered them.
            await self.registration.fill_free_places(new.id)


def _concerns_someone(session: Session) -> bool:
    """Anyone registered, waitlisted or holding an offer (nobody: no notice at all)."""
    return session.registered + session.waiting > 0
