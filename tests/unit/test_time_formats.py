"""Dates and times as people see them, in TIMEZONE (Asia/Yekaterinburg, UTC+5), across midnight, a month's end
and a year's end: with fixed moments, so the result never depends on when the suite runs.

The bot stores UTC; five hours separate the dates people see from the stored ones, so a session at 23:00 in
Orenburg is stored on the same UTC day and one at 01:00 on the day before.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.clock import read_stored, to_iso
from bot.handlers.sessions.admin_screens import session_label
from bot.services.timetext import as_local, as_stored, local, until_text, when_text
from bot.services.when import parse_moment
from bot.storage.sessions import Session
from bot.telegram.i18n import Translator

TZ = ZoneInfo("Asia/Yekaterinburg")


def at(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """A moment given in Orenburg's time, as the bot holds it (aware, UTC)."""
    return datetime(year, month, day, hour, minute, tzinfo=TZ).astimezone(UTC)


def session(start: datetime, minutes: int) -> Session:
    return Session(
        id=5,
        title="Двор мечты",
        description="",
        direction_id=3,
        starts_at=start,
        duration_min=minutes,
        place="Оренбург, ул. Советская, 1",
        capacity=0,
        deadline_at=start - timedelta(hours=1),
        status="scheduled",
        version=1,
        created_by=9001,
        created_at=to_iso(start - timedelta(days=7)),
        updated_at=to_iso(start - timedelta(days=7)),
        ended_at=None,
        summary_sent=False,
    )


def test_the_zone_is_five_hours_ahead_all_year() -> None:
    for month in (1, 3, 6, 10, 12):  # no summer time
        assert datetime(2026, month, 15, 12, tzinfo=TZ).utcoffset() == timedelta(hours=5)


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("2026-12-31T18:59:00+00:00", "31.12.2026 23:59"),
        ("2026-12-31T19:00:00+00:00", "01.01.2027 00:00"),  # a new year in Orenburg, still the old one in UTC
        ("2026-11-30T18:59:00+00:00", "30.11.2026 23:59"),
        ("2026-11-30T19:00:00+00:00", "01.12.2026 00:00"),  # a new month
        ("2028-02-28T19:00:00+00:00", "29.02.2028 00:00"),  # a leap day
        ("2027-02-28T19:00:00+00:00", "01.03.2027 00:00"),
        ("2026-12-05T19:00:00+00:00", "06.12.2026 00:00"),  # midnight
        ("2026-12-05T18:59:59+00:00", "05.12.2026 23:59"),
    ],
)
def test_a_stored_moment_is_shown_on_the_local_day(stored: str, shown: str) -> None:
    moment = read_stored(stored)
    assert moment is not None
    assert as_local(stored, TZ) == shown
    assert local(moment, TZ) == shown
    assert as_local(stored, TZ, "%d.%m.%Y") == shown.split()[0]  # the date alone (ideas' dates)


@pytest.mark.parametrize(
    ("start", "minutes", "shown"),
    [
        (at(2026, 12, 5, 18), 120, "05.12.2026 18:00–20:00"),
        (at(2026, 12, 5, 22, 30), 120, "05.12.2026 22:30–06.12.2026 00:30"),  # across midnight
        (at(2026, 12, 5, 22), 120, "05.12.2026 22:00–06.12.2026 00:00"),  # ends at midnight: the next day
        (at(2026, 12, 5, 23), 90, "05.12.2026 23:00–06.12.2026 00:30"),  # one UTC day, two local ones
        (at(2026, 12, 6, 1), 120, "06.12.2026 01:00–03:00"),  # two UTC days, one local one
        (at(2026, 11, 30, 23), 120, "30.11.2026 23:00–01.12.2026 01:00"),  # a month's end
        (at(2028, 2, 28, 23, 30), 60, "28.02.2028 23:30–29.02.2028 00:30"),  # into a leap day
        (at(2027, 2, 28, 23, 30), 60, "28.02.2027 23:30–01.03.2027 00:30"),
        (at(2026, 12, 31, 23, 30), 60, "31.12.2026 23:30–01.01.2027 00:30"),  # a year's end
        (at(2027, 1, 1, 0), 90, "01.01.2027 00:00–01:30"),  # starts at the local new year (UTC: still 2026)
        (at(2026, 12, 30, 20), 3 * 24 * 60, "30.12.2026 20:00–02.01.2027 20:00"),  # three days, over the new year
    ],
)
def test_a_sessions_time_names_the_end_day_when_it_is_another(start: datetime, minutes: int, shown: str) -> None:
    assert when_text(session(start, minutes), TZ) == shown
    assert local(start, TZ) == shown.split("–")[0]


@pytest.mark.parametrize(
    ("deadline", "now", "shown"),
    [
        (at(2026, 12, 5, 23, 50), at(2026, 12, 5, 0, 10), "23:50"),  # today here (UTC: from 4 to 5 December)
        (at(2026, 12, 6, 0, 10), at(2026, 12, 5, 23, 50), "06.12 00:10"),  # twenty minutes, but tomorrow
        (at(2026, 12, 1, 0, 30), at(2026, 11, 30, 22), "01.12 00:30"),  # next month
        (at(2027, 1, 1, 1), at(2026, 12, 31, 23), "01.01 01:00"),  # next year
        (at(2027, 1, 1, 12), at(2027, 1, 1, 0, 30), "12:00"),  # today, though in UTC it is still last year
    ],
)
def test_a_deadline_soon_shows_the_day_only_when_it_is_not_today(deadline: datetime, now: datetime, shown: str) -> None:
    assert until_text(deadline, TZ, now) == shown


def test_the_organizers_list_shows_the_local_day() -> None:
    t = Translator().for_lang("ru")
    assert session_label(session(at(2027, 1, 1, 0), 60), TZ, t) == "№\u00a05 · 01.01 00:00 · Двор мечты"
    assert session_label(session(at(2026, 11, 30, 23, 59), 60), TZ, t) == "№\u00a05 · 30.11 23:59 · Двор мечты"


def test_a_broken_moment_at_the_calendars_end_is_shown_as_stored() -> None:
    assert as_stored(datetime(9999, 12, 31, 18, 0, tzinfo=UTC), TZ) == "31.12.9999 23:00"
    # 20:00 UTC is 01.01.10000 in Orenburg, which datetime cannot hold: the UTC figures are shown instead.
    assert as_stored(datetime(9999, 12, 31, 20, 0, tzinfo=UTC), TZ) == "31.12.9999 20:00"


@pytest.mark.parametrize(
    ("now", "typed", "meant"),
    [
        # 00:30 on 1 January in Orenburg, 19:30 on 31 December in UTC.
        (at(2027, 1, 1, 0, 30), "01.01 09:30", datetime(2027, 1, 1, 9, 30, tzinfo=TZ)),  # later today
        (at(2027, 1, 1, 0, 30), "31.12 23:00", datetime(2027, 12, 31, 23, 0, tzinfo=TZ)),  # passed: next year's
        (at(2027, 1, 1, 0, 30), "1 января в 00:15", datetime(2028, 1, 1, 0, 15, tzinfo=TZ)),  # passed minutes ago
        # 23:30 on 31 December in Orenburg.
        (at(2026, 12, 31, 23, 30), "31.12 23:45", datetime(2026, 12, 31, 23, 45, tzinfo=TZ)),
        (at(2026, 12, 31, 23, 30), "01.01 00:10", datetime(2027, 1, 1, 0, 10, tzinfo=TZ)),
        (at(2026, 12, 31, 23, 30), "31.12 23:15", datetime(2027, 12, 31, 23, 15, tzinfo=TZ)),
        # 00:30 on 1 December in Orenburg, still 30 November in UTC.
        (at(2026, 12, 1, 0, 30), "01.12 00:45", datetime(2026, 12, 1, 0, 45, tzinfo=TZ)),
        (at(2026, 12, 1, 0, 30), "30.11 23:59", datetime(2027, 11, 30, 23, 59, tzinfo=TZ)),
        (at(2026, 12, 1, 0, 30), "31.12 23:59", datetime(2026, 12, 31, 23, 59, tzinfo=TZ)),
    ],
)
def test_a_typed_date_without_a_year_is_the_next_one_on_the_local_calendar(
    now: datetime, typed: str, meant: datetime
) -> None:
    assert parse_moment(typed, TZ, now).moment == meant


def test_a_typed_moment_is_stored_in_utc_and_shown_back_as_typed() -> None:
    for typed in ("31.12.2026 23:30", "01.01.2027 00:00", "30.11.2026 23:00", "01.12.2026 04:59"):
        moment = parse_moment(typed, TZ, at(2026, 11, 1, 12)).moment
        assert moment is not None
        stored = to_iso(moment)
        assert stored.endswith("+00:00")
        assert as_local(stored, TZ) == typed
    assert to_iso(datetime(2027, 1, 1, 0, 0, tzinfo=TZ)) == "2026-12-31T19:00:00+00:00"
