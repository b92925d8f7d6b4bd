"""The organizers' side of sessions without Telegram: reading typed values, the draft, notices, the
repository's changes (version, capacity, deadline, once per token) and the CSV export."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot import clock
from bot.services.sessions_admin import (
    Draft,
    notice_for,
    problem_key,
    read_capacity,
    read_deadline,
    read_duration,
    read_start,
    read_text,
    write_people_csv,
)
from bot.storage.db import Database
from bot.storage.repositories import Repos
from bot.storage.sessions import NewSession
from bot.telegram.i18n import Translator
from tests.support.clock import utc_now
from tests.support.locale_text import ru, ru_around

pytestmark = pytest.mark.usefixtures("pinned_clock")  # the bot's clock reads 10:00 in TIMEZONE, at any hour

TZ = ZoneInfo("Asia/Yekaterinburg")
NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)  # 15:00 in Yekaterinburg


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("90", 90),
        ("90 мин", 90),
        ("90мин", 90),
        ("90 min", 90),
        ("1:30", 90),
        ("1.5 ч", 90),
        ("1,5 ч", 90),
        ("2 часа", 120),
        ("2h", 120),
        ("2 H", 120),
        ("1 ч 30 мин", 90),
        ("1h30m", 90),
        ("15", 15),
        ("24 часа", 1440),
        ("25 ч", 1500),
        ("2 дня", 2880),
        ("72 часа", 4320),
        ("3 суток", 4320),
        ("1." + "9" * 400 + " ч", 120),  # a long fraction is still a number
    ],
)
def test_durations_people_type(text: str, minutes: int) -> None:
    assert read_duration(text).value == minutes


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("0", "range"),
        ("10 мин", "range"),
        ("73 ч", "range"),
        ("4 дня", "range"),
        # Any number too big is out of range like 73 hours (issue 11: 400 nines and "h" overflowed a float).
        ("9" * 400 + "h", "range"),
        ("9" * 400, "range"),
        ("9" * 400 + " мин", "range"),
        ("1 ч " + "9" * 50 + " мин", "range"),
        ("9" * 400 + ".5 д", "range"),
        ("abc", "format"),
        ("", "format"),
        ("1:75", "format"),
        ("2 недели", "format"),
        ("-30", "format"),
        ("90 мин потом", "format"),
    ],
)
def test_durations_refused(text: str, problem: str) -> None:
    assert read_duration(text) == type(read_duration(text))(problem=problem)


@pytest.mark.parametrize(
    ("text", "value", "problem"),
    [
        ("30", 30, None),
        (" 0 ", 0, None),
        ("без ограничений", 0, None),
        ("100000", 100_000, None),
        ("abc", None, "format"),
        ("12.5", None, "format"),
        ("-1", None, "negative"),
        ("100001", None, "large"),
    ],
)
def test_capacity(text: str, value: int | None, problem: str | None) -> None:
    read = read_capacity(text)
    assert (read.value, read.problem) == (value, problem)


def test_start_must_be_a_future_moment() -> None:
    assert read_start("05.12.2026 18:00", TZ, NOW).value == datetime(2026, 12, 5, 18, 0, tzinfo=TZ)
    assert read_start("20.11.2026 15:00", TZ, NOW).problem == "past"  # exactly now
    assert read_start("19.11.2026 18:00", TZ, NOW).problem == "past"
    assert read_start("завтра вечером", TZ, NOW).problem == "format"
    assert read_start("31.02.2027 18:00", TZ, NOW).problem == "date"
    assert read_start("05.12.2026 25:00", TZ, NOW).problem == "time"


def test_deadline_until_the_start_or_before_it() -> None:
    start = datetime(2026, 12, 5, 18, 0, tzinfo=TZ)
    for text in ("-", "до начала", "До  начала", "until the start"):
        assert read_deadline(text, TZ, NOW, start).value == start
    assert read_deadline("04.12.2026 12:00", TZ, NOW, start).value == datetime(2026, 12, 4, 12, 0, tzinfo=TZ)
    assert read_deadline("05.12.2026 18:00", TZ, NOW, start).value == start
    assert read_deadline("05.12.2026 18:01", TZ, NOW, start).problem == "after-start"
    assert read_deadline("01.11.2026 12:00", TZ, NOW, start).problem == "past"
    assert read_deadline("когда-нибудь", TZ, NOW, start).problem == "format"


def test_a_typed_moment_is_at_most_two_years_ahead() -> None:
    # NOW is 20.11.2026 15:00 in the hub's zone: the last start allowed is 19.11.2028 15:00.
    assert read_start("19.11.2028 15:00", TZ, NOW).value == datetime(2028, 11, 19, 15, 0, tzinfo=TZ)
    assert read_start("19.11.2028 15:01", TZ, NOW).problem == "far"
    assert read_start("31.12.9999 23:00", TZ, NOW).problem == "far"  # the review's typo
    assert read_start("9999-12-31 23:59", TZ, NOW).problem == "far"
    broken_start = datetime(9999, 12, 31, 18, 0, tzinfo=UTC)  # a row saved before the check
    assert read_deadline("31.12.9999 20:00", TZ, NOW, broken_start).problem == "far"
    assert read_deadline("01.12.2026 12:00", TZ, NOW, broken_start).value == datetime(2026, 12, 1, 12, tzinfo=TZ)
    text = Translator().for_lang("ru")(problem_key("start", "far"), until="19.11.2028")
    assert text == ru("sadm-bad-moment-far", until="19.11.2028")


def test_text_fields() -> None:
    assert read_text("  Двор мечты  ", 120).value == "Двор мечты"
    assert read_text("   ", 120).problem == "empty"
    assert read_text(None, 120).problem == "empty"
    assert read_text("x" * 121, 120).problem == "long"
    assert read_text("x" * 120, 120).value == "x" * 120


def test_every_problem_has_a_message_in_both_languages() -> None:
    translator = Translator()
    cases = [
        ("title", "empty"),
        ("title", "long"),
        ("place", "not-text"),
        ("start", "format"),
        ("start", "date"),
        ("start", "time"),
        ("start", "past"),
        ("start", "far"),
        ("deadline", "far"),
        ("title", "invisible"),
        ("deadline", "format"),
        ("deadline", "past"),
        ("deadline", "after-start"),
        ("duration", "format"),
        ("duration", "range"),
        ("capacity", "format"),
        ("capacity", "negative"),
        ("capacity", "large"),
    ]
    for field, problem in cases:
        key = problem_key(field, problem)
        assert key in translator.key_sets["ru"] and key in translator.key_sets["en"], key


def test_which_changes_registrants_are_told_of() -> None:
    assert notice_for(("starts_at", "deadline_at")) == ("rescheduled", ())
    assert notice_for(("duration_min",)) == ("updated", ("duration",))  # the start stays: not "moved"
    assert notice_for(("place",)) == ("updated", ("place",))
    assert notice_for(("title", "description")) == ("updated", ("title", "description"))
    assert notice_for(("direction_id",)) == ("updated", ("direction",))
    assert notice_for(("capacity",)) is None
    assert notice_for(("deadline_at",)) is None
    assert notice_for(()) is None


def test_draft_round_trip_and_the_deadline_following_the_start() -> None:
    draft = Draft(title="Двор", description="Описание", direction_id=3, duration_min=90, place="Клуб", capacity=0)
    assert draft.missing() == "start"
    draft.starts_at = "2026-12-05T13:00:00+00:00"
    draft.deadline = "start"
    again = Draft.load({"draft": draft.dump()})
    assert again == draft and again.missing() is None
    new = again.complete()
    assert new.deadline_at == new.starts_at == datetime(2026, 12, 5, 13, 0, tzinfo=UTC)
    again.deadline = "2026-12-05T10:00:00+00:00"
    again.starts_at = "2026-12-05T09:00:00+00:00"  # moved before the deadline
    assert not again.deadline_fits()


async def _repos(tmp_path: Path) -> tuple[Database, Repos]:
    db = Database(tmp_path / "units.sqlite3")
    await db.connect()
    return db, Repos(db)


def _new(start: datetime, capacity: int = 2) -> NewSession:
    return NewSession("Двор", "Описание", 3, start, 90, "Клуб", capacity, start - timedelta(hours=2))


async def _register(db: Database, session_id: int, user_id: int, status: str = "registered", seq: int = 1) -> None:
    stamp = "2026-11-20T10:00:00+00:00"
    await db.execute(
        "INSERT OR IGNORE INTO users (id, first_name, consent_status, created_at, updated_at) "
        "VALUES (?, ?, 'accepted', ?, ?)",
        (user_id, f"Житель {user_id}", stamp, stamp),
    )
    await db.execute(
        "INSERT INTO registrations (session_id, user_id, status, seq, checkin_token, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (session_id, user_id, status, seq, f"tok{session_id}_{user_id}", stamp, stamp),
    )


async def test_create_once_per_token_with_its_audit_entry(tmp_path: Path) -> None:
    db, repos = await _repos(tmp_path)
    start = utc_now() + timedelta(days=10)
    first, created = await repos.sessions.create("tok", _new(start), 9001)
    again, created_again = await repos.sessions.create("tok", _new(start), 9001)
    other, _ = await repos.sessions.create("tok2", _new(start), 9001)
    assert created and not created_again and again.id == first.id and other.id == first.id + 1
    assert first.starts_at == start and first.status == "scheduled" and first.version == 1
    rows = await db.fetchall("SELECT action, target FROM audit_log ORDER BY id")
    assert [tuple(r) for r in rows] == [("session_create", str(first.id)), ("session_create", str(other.id))]
    await db.close()


async def test_changes_bump_the_version_check_capacity_and_deadline(tmp_path: Path) -> None:
    db, repos = await _repos(tmp_path)
    start = utc_now() + timedelta(days=10)
    session, _ = await repos.sessions.create("tok", _new(start, capacity=3), 9001)
    for n in (1, 2):
        await _register(db, session.id, 100 + n, seq=n)

    place = await repos.sessions.update(session.id, {"place": "Новый клуб"}, 9001, "session_edit")
    assert place.status == "done" and place.fields == ("place",) and place.new and place.new.version == 1

    same = await repos.sessions.update(session.id, {"place": "Новый клуб"}, 9001, "session_edit")
    assert same.status == "unchanged"

    below = await repos.sessions.update(session.id, {"capacity": 1}, 9001, "session_edit")
    assert below.status == "capacity" and below.registered == 2
    assert (await repos.sessions.update(session.id, {"capacity": 2}, 9001, "session_edit")).status == "done"
    assert (await repos.sessions.update(session.id, {"capacity": 0}, 9001, "session_edit")).status == "done"

    late = await repos.sessions.update(session.id, {"deadline_at": start + timedelta(minutes=1)}, 9001, "session_edit")
    assert late.status == "deadline"

    moved = await repos.sessions.update(
        session.id, {"starts_at": start + timedelta(days=1)}, 9001, "session_reschedule"
    )
    assert moved.status == "done" and moved.new is not None
    assert moved.new.version == 2 and moved.new.starts_at == start + timedelta(days=1)
    assert moved.new.deadline_at == start + timedelta(days=1, hours=-2)  # kept its distance from the start
    assert set(moved.fields) == {"starts_at", "deadline_at"}

    longer = await repos.sessions.update(session.id, {"duration_min": 120}, 9001, "session_edit")
    # A new duration moves only the end: reminders (counted from the start) stay valid, the version too.
    assert longer.new is not None and longer.new.version == 2 and longer.new.duration_min == 120

    # Moved to a moment whose kept deadline distance would already be past: open until the new start.
    soon = clock.now().replace(microsecond=0) + timedelta(hours=1)
    earlier = await repos.sessions.update(session.id, {"starts_at": soon}, 9001, "session_reschedule")
    assert earlier.new is not None and earlier.new.version == 3 and earlier.new.deadline_at == soon

    cancelled = await repos.sessions.cancel(session.id, 9001)
    assert cancelled.status == "done" and cancelled.new is not None and cancelled.new.status == "cancelled"
    assert (await repos.sessions.cancel(session.id, 9001)).status == "closed"
    assert (await repos.sessions.update(session.id, {"title": "x"}, 9001, "session_edit")).status == "closed"
    assert (await repos.sessions.update(999, {"title": "x"}, 9001, "session_edit")).status == "missing"

    audit = await db.fetchall("SELECT action, details FROM audit_log ORDER BY id")
    actions = [r[0] for r in audit]
    assert actions == [
        "session_create",
        "session_edit",
        "session_edit",
        "session_edit",
        "session_reschedule",
        "session_edit",
        "session_reschedule",
        "session_cancel",
    ]
    assert json.loads(audit[4][1])["to"] == (start + timedelta(days=1)).isoformat()
    await db.close()


async def test_lists_and_the_csv_export(tmp_path: Path) -> None:
    db, repos = await _repos(tmp_path)
    now = utc_now()
    upcoming, _ = await repos.sessions.create("a", _new(now + timedelta(days=3)), 9001)
    sooner, _ = await repos.sessions.create("b", _new(now + timedelta(days=1)), 9001)
    await db.execute(  # a session of last week and one of two months ago
        "INSERT INTO sessions (title, description, direction_id, starts_at, duration_min, place, deadline_at, "
        "created_by, created_at, updated_at) VALUES ('Было', 'd', 1, ?, 60, 'p', ?, 1, ?, ?), "
        "('Давно', 'd', 1, ?, 60, 'p', ?, 1, ?, ?)",
        [(now - timedelta(days=7)).isoformat()] * 4 + [(now - timedelta(days=60)).isoformat()] * 4,
    )
    page, total = await repos.sessions.overview(now - timedelta(days=30), now, 10)
    assert [s.title for s in page] == ["Двор", "Двор", "Было"] and total == 3
    assert [s.id for s in page[:2]] == [sooner.id, upcoming.id]
    assert [s.id for s in await repos.sessions.announceable(now, 10)] == [sooner.id, upcoming.id]

    await _register(db, upcoming.id, 201, seq=1)
    await _register(db, upcoming.id, 202, seq=2)
    await _register(db, upcoming.id, 203, status="waitlist", seq=3)
    await db.execute(
        "UPDATE registrations SET status = 'offered', offer_expires_at = ? WHERE user_id = 203",
        ((now + timedelta(hours=2)).isoformat(),),
    )
    await _register(db, upcoming.id, 204, status="waitlist", seq=4)
    await _register(db, upcoming.id, 205, status="cancelled", seq=5)
    assert await repos.registrations.mark_attended(upcoming.id, 202, 9001)
    people, total = await repos.sessions.registrants(upcoming.id, 10)
    assert [p.user_id for p in people] == [201, 202] and total == 2 and people[1].attended_at is not None
    queue, waiting = await repos.sessions.waitlist(upcoming.id, 10)
    assert [(p.user_id, p.status) for p in queue] == [(203, "offered"), (204, "waitlist")] and waiting == 2

    everyone = await repos.sessions.people(upcoming.id)
    path = tmp_path / "people.csv"
    rows = write_people_csv(path, everyone, Translator().for_lang("ru"), TZ, "Asia/Yekaterinburg")
    assert rows == 4
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for Cyrillic
    with path.open(encoding="utf-8-sig", newline="") as file:
        table = list(csv.reader(file, delimiter=";"))
    assert table[0][:3] == [ru("sadm-csv-status"), ru("sadm-csv-position"), ru("sadm-csv-id")]
    assert [(r[0], r[1], r[2], r[3]) for r in table[1:]] == [
        (ru("sadm-csv-status-registered"), "1", "201", "Житель 201"),
        (ru("sadm-csv-status-registered"), "2", "202", "Житель 202"),
        (ru("sadm-csv-status-offered"), "1", "203", "Житель 203"),
        (ru("sadm-csv-status-waitlist"), "2", "204", "Житель 204"),
    ]
    assert table[1][6] == "" and table[2][6] != ""  # attended at
    assert table[3][7] != "" and table[4][7] == ""  # offer until
    await db.close()


async def test_a_stored_time_outside_the_calendar_is_reported_never_raised(tmp_path: Path) -> None:
    """Rows saved before typed dates were checked (31.12.9999 23:00 and a 2-hour session) or edited by hand:
    reading, showing and changing them never raises (issue 11); the organizers' screen says what to fix."""
    from bot.handlers.sessions.admin_screens import manage_text, session_label, status_text
    from bot.handlers.sessions.screens import card_text
    from bot.services.timetext import when_text

    db, repos = await _repos(tmp_path)
    start = utc_now() + timedelta(days=10)
    good, _ = await repos.sessions.create("ok", _new(start), 9001)
    rows = {
        "start": ("9999-12-31T18:00:00+00:00", 120, "9999-12-31T17:00:00+00:00"),
        "unreadable": ("31.12.9999 23:00", 120, "garbage"),
        "duration": (clock.to_iso(start), 10**15, clock.to_iso(start)),
        "deadline": (clock.to_iso(start), 90, "0001-01-01T00:00:00+00:00"),
    }
    ids = {}
    for name, (starts_at, duration, deadline) in rows.items():
        session, _ = await repos.sessions.create(name, _new(start), 9001)
        await db.execute(
            "UPDATE sessions SET starts_at = ?, duration_min = ?, deadline_at = ? WHERE id = ?",
            (starts_at, duration, deadline, session.id),
        )
        ids[name] = session.id
    t = Translator().for_lang("ru")
    fresh = await repos.sessions.get(good.id)
    assert fresh is not None and fresh.dates_ok
    problems = {}
    for name, session_id in ids.items():
        session = await repos.sessions.get(session_id)
        assert session is not None and not session.dates_ok
        problems[name] = session.dates_problem
        session.ends_at  # noqa: B018  (computing it must not raise)
        assert when_text(session, TZ) == "—" and not session.registration_open()
        assert ru("session-card-when", when="—") in card_text(t, session, None, "ru", TZ)
        assert "⚠️" in session_label(session, TZ, t) and status_text(t, session, NOW) == ru("sadm-status-broken")
        screen = manage_text(t, session, None, "ru", TZ, "https://t.me/x", NOW)
        assert ru_around(f"sadm-dates-broken-{session.dates_problem}", "stored")[0] in screen, screen
    assert problems == {"start": "start", "unreadable": "start", "duration": "duration", "deadline": "deadline"}
    start_screen = manage_text(t, await repos.sessions.get(ids["start"]), None, "ru", TZ, "x", NOW)  # type: ignore[arg-type]
    assert ru("sadm-dates-broken-start", stored="31.12.9999 23:00") in start_screen
    unreadable_screen = manage_text(t, await repos.sessions.get(ids["unreadable"]), None, "ru", TZ, "x", NOW)  # type: ignore[arg-type]
    assert ru("sadm-dates-broken-start", stored=ru("sadm-dates-unreadable")) in unreadable_screen
    deadline_screen = manage_text(t, await repos.sessions.get(ids["deadline"]), None, "ru", TZ, "x", NOW)  # type: ignore[arg-type]
    assert ru("sadm-dates-broken-deadline", stored="01.01.0001 00:00") in deadline_screen

    # Rescheduling a broken session: the deadline can't keep a distance from a time that never was.
    new_start = start + timedelta(days=1)
    moved = await repos.sessions.update(ids["start"], {"starts_at": new_start}, 9001, "session_reschedule")
    assert moved.status == "done" and moved.new is not None and moved.new.dates_ok
    assert moved.new.deadline_at == new_start
    await db.close()


async def test_a_place_taken_again_before_its_tickets_left_gets_one_set(tmp_path: Path) -> None:
    db, repos = await _repos(tmp_path)
    now = utc_now()
    session, _ = await repos.sessions.create("t", _new(now + timedelta(days=3)), 9001)
    await db.execute(
        "INSERT INTO users (id, first_name, consent_status, created_at, updated_at) "
        "VALUES (301, 'Житель', 'accepted', ?, ?)",
        (now.isoformat(), now.isoformat()),
    )
    ttl = timedelta(hours=2)
    await repos.registrations.request_place(session.id, 301, now, ttl)
    await repos.registrations.withdraw(session.id, 301, "registered", now, ttl)
    await repos.registrations.request_place(session.id, 301, now, ttl)  # within the tickets' hold
    rows = await db.fetchall("SELECT kind FROM outbox WHERE chat_id = 301 AND status = 'pending' ORDER BY kind")
    assert [r[0] for r in rows] == ["ics", "qr"]
    await db.close()
