"""The timers without Telegram: what is planned from the database, what runs late, what never runs.

The bot's clock is moved with bot.clock.set_shift (as if the bot had been down), and reload() is what
start-up does: it re-registers everything from the tables.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot import clock
from bot.services.timers import Timers
from bot.storage.db import Database
from bot.storage.repositories import Repos
from tests.support.clock import move_clock_to, utc_now
from tests.support.seeding import Resident, add_session, seed_residents
from tests.support.settings import make_settings
from tests.support.waiting import JobRuns, Signal, wait_for

pytestmark = pytest.mark.usefixtures("pinned_clock")  # the bot's clock reads 10:00 in TIMEZONE, at any hour

HOUR = 3600


@pytest.fixture
async def repos(tmp_path: Path) -> AsyncIterator[Repos]:
    db = Database(tmp_path / "t.sqlite3")
    await db.connect()
    yield Repos(db)
    await db.close()


class Recorder:
    """Job handlers that do what the bot's do with the database, and remember what ran."""

    def __init__(self, repos: Repos) -> None:
        self.repos = repos
        self.ran: list[tuple[object, ...]] = []
        self.handled = Signal()

    async def reminder(self, session_id: int, version: int, offset: int) -> None:
        broadcast, created = await self.repos.broadcasts.create_reminder(session_id, version, offset)
        self.ran.append(("reminder", session_id, version, offset, broadcast is not None and created))
        self.handled.fire()

    async def end(self, session_id: int, version: int) -> None:
        ended = await self.repos.schedule.end_session(session_id, version)
        self.ran.append(("end", session_id, version, ended))
        self.handled.fire()

    async def wait(self, n: int) -> None:
        await wait_for(lambda: len(self.ran) >= n, on=self.handled, what=f"{n} job(s) handled")


async def timers_for(repos: Repos, **values: object) -> tuple[Timers, Recorder]:
    timers = Timers(repos, make_settings(**values))
    rec = Recorder(repos)
    timers.on("reminder", rec.reminder)
    timers.on("end", rec.end)
    await timers.start()
    return timers, rec


async def test_plans_each_reminder_and_the_end_from_the_database(repos: Repos, tmp_path: Path) -> None:
    start = utc_now() + timedelta(days=3)
    sid = add_session(repos.db.path, starts_at=start, duration_min=90)
    timers, rec = await timers_for(repos)
    try:
        planned = timers.planned()
        assert abs((planned[f"reminder-{sid}-{24 * HOUR}"] - (start - timedelta(hours=24))).total_seconds()) < 1
        assert abs((planned[f"reminder-{sid}-{HOUR}"] - (start - timedelta(hours=1))).total_seconds()) < 1
        assert abs((planned[f"end-{sid}"] - (start + timedelta(minutes=90))).total_seconds()) < 1
        assert rec.ran == []
    finally:
        timers.stop()


async def test_a_reminder_missed_while_down_is_sent_late_once_and_the_older_one_is_skipped(repos: Repos) -> None:
    start = utc_now() + timedelta(days=2)
    sid = add_session(repos.db.path, starts_at=start)
    await seed_residents(repos.db.path, [Resident(1001)])
    await repos.db.execute(
        "INSERT INTO registrations (session_id, user_id, status, seq, checkin_token, created_at, updated_at) "
        "VALUES (?, 1001, 'registered', 1, 'tok', ?, ?)",
        (sid, clock.now_iso(), clock.now_iso()),
    )
    # "The bot was down" until 30 minutes before the start: both moments passed; only the 1-hour one is useful.
    move_clock_to(start - timedelta(minutes=30))
    timers, rec = await timers_for(repos)
    runs = JobRuns(timers.scheduler)
    try:
        await rec.wait(1)
        assert rec.ran == [("reminder", sid, 1, HOUR, True)]
        assert f"reminder-{sid}-{24 * HOUR}" not in timers.planned()
        # A restart (start-up plans again): nothing is sent twice, nothing older comes back. A job planned
        # again would be in planned() until it runs, and taken up (runs.taken) from the moment it does.
        taken = runs.taken.copy()
        await timers.reload()
        assert f"reminder-{sid}-{HOUR}" not in timers.planned()
        assert f"reminder-{sid}-{24 * HOUR}" not in timers.planned()
        assert runs.taken == taken and rec.ran == [("reminder", sid, 1, HOUR, True)]
        broadcasts = await repos.db.fetchall("SELECT kind, total, payload FROM broadcasts")
        assert [(b[0], b[1]) for b in broadcasts] == [("reminder", 1)]
    finally:
        timers.stop()


async def test_after_the_start_no_reminder_runs_and_a_missed_end_runs_at_once(repos: Repos) -> None:
    start = utc_now() + timedelta(hours=5)
    sid = add_session(repos.db.path, starts_at=start, duration_min=60)
    move_clock_to(start + timedelta(hours=3))  # down until after the end
    timers, rec = await timers_for(repos)
    try:
        await rec.wait(1)
        assert rec.ran == [("end", sid, 1, True)]
        assert timers.planned() == {}
        session = await repos.sessions.get(sid)
        assert session is not None and session.status == "ended"
    finally:
        timers.stop()


async def test_a_rescheduled_session_never_fires_for_its_old_time(repos: Repos) -> None:
    start = utc_now() + timedelta(hours=30)
    sid = add_session(repos.db.path, starts_at=start)
    timers, rec = await timers_for(repos)
    runs = JobRuns(timers.scheduler)
    try:
        assert f"reminder-{sid}-{24 * HOUR}" in timers.planned()
        # Moved two days later (the organizers' repository bumps the version with the time).
        new_start = start + timedelta(days=2)
        await repos.db.execute(
            "UPDATE sessions SET starts_at = ?, version = version + 1 WHERE id = ?", (clock.to_iso(new_start), sid)
        )
        timers.session_changed(sid)
        await runs.finish(f"plan-{sid}")  # the re-planning job runs on the loop
        planned = timers.planned()
        assert abs((planned[f"reminder-{sid}-{24 * HOUR}"] - (new_start - timedelta(hours=24))).total_seconds()) < 1
        # A job for the old time that was already running when the change came does nothing.
        await rec.reminder(sid, 1, 24 * HOUR)
        assert rec.ran[-1] == ("reminder", sid, 1, 24 * HOUR, False)
        assert await repos.db.fetchall("SELECT id FROM broadcasts") == []
        # Cancelled: nothing planned any more.
        await repos.db.execute("UPDATE sessions SET status = 'cancelled' WHERE id = ?", (sid,))
        timers.session_changed(sid)
        await runs.finish(f"plan-{sid}", after=1)
        assert not [job for job in timers.planned() if job.endswith(f"-{sid}") or f"-{sid}-" in job]
    finally:
        timers.stop()


def test_reminder_offsets_are_read_in_usual_units() -> None:
    assert make_settings(reminder_offsets="24h, 1h").reminder_offsets == (86400, 3600)
    assert make_settings(reminder_offsets="2d;30m;45s").reminder_offsets == (172800, 1800, 45)
    assert make_settings(reminder_offsets="").reminder_offsets == ()
    with pytest.raises(ValueError, match="REMINDER_OFFSETS"):
        make_settings(reminder_offsets="soon")


async def test_a_new_duration_moves_the_end_but_no_reminder_is_sent_again(repos: Repos) -> None:
    start = utc_now() + timedelta(hours=20)
    sid = add_session(repos.db.path, starts_at=start, duration_min=60)
    timers, rec = await timers_for(repos)
    runs = JobRuns(timers.scheduler)
    try:
        await rec.wait(1)  # the 24-hour reminder's moment has passed: sent at once
        assert rec.ran == [("reminder", sid, 1, 24 * HOUR, True)]
        # The organizers' edit path: a longer session, same start.
        change = await repos.sessions.update(sid, {"duration_min": 180}, 9001, "session_edit")
        assert change.status == "done" and change.new is not None and change.new.version == 1
        timers.session_changed(sid)
        await runs.finish(f"plan-{sid}")  # the re-planning job runs on the loop
        planned = timers.planned()
        assert abs((planned[f"end-{sid}"] - (start + timedelta(hours=3))).total_seconds()) < 1
        assert f"reminder-{sid}-{24 * HOUR}" not in planned and f"reminder-{sid}-{HOUR}" in planned
        assert rec.ran == [("reminder", sid, 1, 24 * HOUR, True)]  # nothing sent twice
    finally:
        timers.stop()


async def test_rows_it_cannot_compute_with_are_skipped_logged_once_and_handed_on(
    repos: Repos, caplog: pytest.LogCaptureFixture
) -> None:
    """Issue 11: a start of 31.12.9999 23:00 (its end overflows), an unreadable start, an absurd duration, an
    offer and a poll closing time that can't be read. reload() plans everything else, never raises, logs each
    bad row once however often it runs, and tells `on_bad_row` once per row; the offer expires at once."""
    start = utc_now() + timedelta(days=3)
    good = add_session(repos.db.path, starts_at=start, duration_min=90)
    far = add_session(repos.db.path, starts_at=datetime(9999, 12, 31, 18, 0, tzinfo=UTC), duration_min=120)
    unreadable = add_session(repos.db.path, starts_at=start)
    endless = add_session(repos.db.path, starts_at=start)
    await repos.db.execute("UPDATE sessions SET starts_at = 'garbage' WHERE id = ?", (unreadable,))
    await repos.db.execute("UPDATE sessions SET duration_min = ? WHERE id = ?", (10**15, endless))
    await seed_residents(repos.db.path, [Resident(1001)])
    await repos.db.execute(
        "INSERT INTO registrations (session_id, user_id, status, seq, offer_expires_at, checkin_token, created_at, "
        "updated_at) VALUES (?, 1001, 'offered', 1, '31.12.9999', 'tok', ?, ?)",
        (good, clock.now_iso(), clock.now_iso()),
    )
    poll = await repos.db.execute(
        "INSERT INTO polls (chat_id, question, options, close_at, created_by, created_at) "
        "VALUES (-100, 'Q?', '[\"A\", \"B\"]', '+10000-01-01', 9001, ?)",
        (clock.now_iso(),),
    )
    told: list[tuple[str, int]] = []
    expired: list[tuple[int, int]] = []
    expiry_ran = asyncio.Event()

    async def bad_row(kind: str, row_id: int) -> None:
        told.append((kind, row_id))

    async def expire(session_id: int, user_id: int) -> None:
        expired.append((session_id, user_id))
        expiry_ran.set()

    timers = Timers(repos, make_settings())
    timers.on_bad_row = bad_row
    timers.on("reminder", Recorder(repos).reminder)
    timers.on("end", Recorder(repos).end)
    timers.on("offer", expire)
    with caplog.at_level("WARNING", logger="bot.services.timers"):
        await timers.start()
        try:
            planned = timers.planned()
            assert {f"reminder-{good}-{24 * HOUR}", f"reminder-{good}-{HOUR}", f"end-{good}"} <= set(planned)
            assert not any(job.endswith(f"-{sid}") for sid in (far, unreadable, endless) for job in planned)
            assert f"poll-{poll}" not in planned
            assert sorted(told) == sorted(
                [("session", far), ("session", unreadable), ("session", endless), ("poll", poll)]
            )
            await asyncio.wait_for(expiry_ran.wait(), 5)
            assert expired == [(good, 1001)]  # held forever otherwise: it passes on now

            await timers.reload()  # as after moving the clock: nothing new is logged or told
            await timers._replan(far)  # what session_changed runs after an edit that left it broken
            assert len(told) == 4
        finally:
            timers.stop()
    skipped = [r.getMessage() for r in caplog.records if "skipped" in r.getMessage()]
    assert len(skipped) == 5, skipped  # three sessions, one offer, one poll: once each
    assert not [r for r in caplog.records if r.levelno >= 40]
