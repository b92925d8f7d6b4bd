"""Dates and times typed by organizers, in the usual Russian and ISO forms, read in the hub's time zone.

Project sessions need it: `/new_session` asks for the start as text.
Accepted, with the time after the date (a space, "в" or "T" between them):
  05.12.2026 18:00 · 5.12.26 18:00 · 05.12 18:00 (this year, or next if already past)
  2026-12-05 18:00 · 2026-12-05T18:00
  5 декабря 2026 18:00 · 5 декабря в 18:00 · 5 Dec 2026 18:00 · December 5 18:00
Times as 18:00, 18.00 or 18-00.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

MONTHS = {
    # Russian genitive and nominative forms, English names and abbreviations
    **dict.fromkeys(("января", "январь", "янв", "january", "jan"), 1),
    **dict.fromkeys(("февраля", "февраль", "фев", "february", "feb"), 2),
    **dict.fromkeys(("марта", "март", "мар", "march", "mar"), 3),
    **dict.fromkeys(("апреля", "апрель", "апр", "april", "apr"), 4),
    **dict.fromkeys(("мая", "май", "may"), 5),
    **dict.fromkeys(("июня", "июнь", "июн", "june", "jun"), 6),
    **dict.fromkeys(("июля", "июль", "июл", "july", "jul"), 7),
    **dict.fromkeys(("августа", "август", "авг", "august", "aug"), 8),
    **dict.fromkeys(("сентября", "сентябрь", "сен", "сент", "september", "sep", "sept"), 9),
    **dict.fromkeys(("октября", "октябрь", "окт", "october", "oct"), 10),
    **dict.fromkeys(("ноября", "ноябрь", "ноя", "november", "nov"), 11),
    **dict.fromkeys(("декабря", "декабрь", "дек", "december", "dec"), 12),
}

TIME = r"(?P<hour>\d{1,2})[:.\-](?P<minute>\d{2})"
SEP = r"(?:\s+в\s+|\s+at\s+|\s*,\s*|\s+|t)"  # the text is lower-cased first: ISO's "T" is "t"
NUMERIC = re.compile(rf"^(?P<day>\d{{1,2}})\.(?P<month>\d{{1,2}})(?:\.(?P<year>\d{{2}}|\d{{4}}))?{SEP}{TIME}$")
ISO = re.compile(rf"^(?P<year>\d{{4}})-(?P<month>\d{{1,2}})-(?P<day>\d{{1,2}}){SEP}{TIME}$")
DAY_MONTH = re.compile(
    rf"^(?P<day>\d{{1,2}})\s+(?P<name>[^\W\d_]+)\.?(?:\s+(?P<year>\d{{4}}))?(?:\s*г\.?)?{SEP}{TIME}$"
)
MONTH_DAY = re.compile(rf"^(?P<name>[^\W\d_]+)\.?\s+(?P<day>\d{{1,2}})(?:,?\s+(?P<year>\d{{4}}))?{SEP}{TIME}$")


# How far ahead an organizer may plan: a session two years away is a plan, one in 9999 a typo
# (and the bot could not compute its end). Every typed moment is checked against it.
MAX_AHEAD = timedelta(days=2 * 365)


def too_far(moment: datetime, now: datetime) -> bool:
    return moment > now + MAX_AHEAD


def latest(now: datetime) -> datetime:
    """The last moment `too_far` allows."""
    return now + MAX_AHEAD


@dataclass(frozen=True, slots=True)
class Parsed:
    """Either a moment (aware, in the given zone) or the reason it is not one."""

    moment: datetime | None = None
    problem: str | None = None  # format | date | time


def parse_moment(text: str, tz: tzinfo, now: datetime) -> Parsed:
    """Read a date and time typed by a person; a date without a year is the next such date from `now`."""
    cleaned = " ".join(text.strip().lower().replace("ё", "е").split())
    for pattern in (NUMERIC, ISO, DAY_MONTH, MONTH_DAY):
        match = pattern.match(cleaned)
        if match is None:
            continue
        parts = match.groupdict()
        if "name" in parts:
            month = MONTHS.get(parts["name"])
            if month is None:
                return Parsed(problem="format")
        else:
            month = int(parts["month"])
        day = int(parts["day"])
        hour, minute = int(parts["hour"]), int(parts["minute"])
        if not (0 <= hour <= 23 and 0 <= minute <= 59):
            return Parsed(problem="time")
        year_text = parts.get("year")
        local_now = now.astimezone(tz)
        if year_text:
            year = int(year_text) + (2000 if len(year_text) == 2 else 0)
            candidates = [year]
        else:
            candidates = [local_now.year + n for n in range(5)]  # 29 February may be up to 4 years away
        for year in candidates:
            try:
                moment = datetime.combine(date(year, month, day), time(hour, minute), tzinfo=tz)
            except ValueError:
                if year_text or year == candidates[-1]:
                    return Parsed(problem="date")
                continue  # 29 February in a year without it, or 31 November: try the next year
            if year_text or moment > local_now:
                return Parsed(moment=moment)
        return Parsed(problem="date")
    return Parsed(problem="format")
