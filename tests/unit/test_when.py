"""Dates typed by organizers (groundwork for project sessions, issue 4)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.services.when import parse_moment

TZ = ZoneInfo("Asia/Yekaterinburg")
NOW = datetime(2026, 11, 28, 10, 0, tzinfo=ZoneInfo("UTC"))  # 15:00 in Orenburg


@pytest.mark.parametrize(
    "text",
    [
        "05.12.2026 18:00",
        "5.12.2026 18:00",
        "05.12.26 18.00",
        "05.12 18:00",
        "2026-12-05 18:00",
        "2026-12-05T18:00",
        "5 декабря 2026 18:00",
        "5 декабря в 18:00",
        "5 Декабря 2026 г. 18:00",
        "5 dec 2026 18:00",
        "December 5 18:00",
        "  5   декабря   18-00 ",
    ],
)
def test_usual_forms_mean_the_same_moment(text: str) -> None:
    parsed = parse_moment(text, TZ, NOW)
    assert parsed.problem is None
    assert parsed.moment == datetime(2026, 12, 5, 18, 0, tzinfo=TZ)
    assert parsed.moment is not None and parsed.moment.utcoffset().total_seconds() == 5 * 3600  # type: ignore[union-attr]


def test_a_date_without_a_year_is_the_next_one() -> None:
    assert parse_moment("01.02 09:30", TZ, NOW).moment == datetime(2027, 2, 1, 9, 30, tzinfo=TZ)
    assert parse_moment("28.11 16:00", TZ, NOW).moment == datetime(2026, 11, 28, 16, 0, tzinfo=TZ)  # later today
    assert parse_moment("28.11 14:00", TZ, NOW).moment == datetime(2027, 11, 28, 14, 0, tzinfo=TZ)  # passed today
    assert parse_moment("29.02 12:00", TZ, NOW).moment == datetime(2028, 2, 29, 12, 0, tzinfo=TZ)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("завтра вечером", "format"),
        ("05.12.2026", "format"),  # no time
        ("5 брюмера 18:00", "format"),
        ("31.11.2026 18:00", "date"),
        ("29.02.2027 10:00", "date"),
        ("05.12.2026 24:00", "time"),
        ("05.12.2026 18:75", "time"),
        ("", "format"),
    ],
)
def test_what_is_not_a_moment_says_why(text: str, problem: str) -> None:
    parsed = parse_moment(text, TZ, NOW)
    assert parsed.moment is None and parsed.problem == problem
