"""Time as people read and type it: the date formats, moments and spans shown, and the one reader of durations.

The formats are written here only, so the bot shows a moment the same way on every screen. Durations are read
by `parse_duration` (a session's length, a poll's closing time, REMINDER_OFFSETS) and written by
`duration_text`; each caller keeps its own limits and its own words (`DurationKeys`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from fractions import Fraction
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.clock import UNREADABLE, read_stored, usable

if TYPE_CHECKING:
    from bot.storage.sessions import Session
    from bot.telegram.i18n import Translate

DATE_TIME = "%d.%m.%Y %H:%M"  # 05.12.2026 18:00


DATE = "%d.%m.%Y"  # 05.12.2026


DAY_TIME = "%d.%m %H:%M"  # 05.12 18:00: soon enough that the year goes without saying


DAY = "%d.%m"


TIME = "%H:%M"


FILE_STAMP = "%Y-%m-%d_%H%M"  # in the names of exported files: sorts by time


NO_TIME = "—"  # in place of a time stored broken: never an error, never year 9999


def local(moment: datetime, tz: ZoneInfo) -> str:
    if not usable(moment):
        return NO_TIME
    return moment.astimezone(tz).strftime(DATE_TIME)


def as_local(value: str | datetime | None, tz: tzinfo, fmt: str = DATE_TIME) -> str:
    """A stored moment in the hub's time zone for people; "—" when it cannot be read or lies outside the window."""
    moment = read_stored(value) if isinstance(value, str) or value is None else value
    if moment is None or not usable(moment):
        return NO_TIME
    return moment.astimezone(tz).strftime(fmt)


def as_stored(moment: datetime, tz: ZoneInfo) -> str | None:
    """A moment outside the window as well as it can be shown (31.12.9999 23:00), for the organizers
    who must fix it; None when it could not be read at all."""
    if moment == UNREADABLE:
        return None
    try:
        # Before 1900 the zone's rules are local mean time (+04:02): the stored UTC figures say more.
        shown = moment.astimezone(tz) if moment.year >= 1900 else moment
    except (OverflowError, ValueError):  # 31.12.9999 in UTC is 01.01.10000 in the zone
        shown = moment
    # The year by hand: strftime pads years before 1000 differently from one platform to another.
    return f"{shown.strftime(DAY)}.{shown.year:04d} {shown.strftime(TIME)}"


def when_text(session: Session, tz: ZoneInfo) -> str:
    """05.12.2026 18:00–20:00 (the end's date too when it is another day)."""
    if not session.dates_ok:
        return NO_TIME
    start, end = session.starts_at.astimezone(tz), session.ends_at.astimezone(tz)
    tail = end.strftime(TIME) if end.date() == start.date() else end.strftime(DATE_TIME)
    return f"{start.strftime(DATE_TIME)}–{tail}"


def until_text(moment: datetime, tz: ZoneInfo, at: datetime) -> str:
    """A deadline soon: HH:MM today, 06.12 HH:MM on another day."""
    if not usable(moment):
        return NO_TIME
    target, today = moment.astimezone(tz), at.astimezone(tz)
    return target.strftime(TIME) if target.date() == today.date() else target.strftime(DAY_TIME)


# --- durations ------------------------------------------------------------------------------------------------

SECOND = timedelta(seconds=1)


MINUTE = timedelta(minutes=1)


HOUR = timedelta(hours=1)


DAY_LENGTH = timedelta(days=1)


# Longer than any limit a caller has (days at most): a duration beyond it reads as timedelta.max.
LONGEST = timedelta(days=10_000)


NUMBER_DIGITS = 7  # a number longer than this is beyond LONGEST whatever its unit (never an overflow)


UNITS: dict[str, timedelta] = {
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes", "м", "мин", "минута", "минуты", "минут"), MINUTE),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours", "ч", "час", "часа", "часов"), HOUR),
    **dict.fromkeys(
        ("d", "day", "days", "д", "дн", "день", "дня", "дней", "сут", "сутки", "суток"),
        DAY_LENGTH,
    ),
}


SECOND_UNITS: dict[str, timedelta] = dict.fromkeys(
    ("s", "sec", "secs", "second", "seconds", "с", "сек", "секунда", "секунды", "секунд"), SECOND
)


BARE_NUMBER = re.compile(r"\d+")


HOURS_MINUTES = re.compile(r"(\d{1,2}):(\d{2})")


DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)([^\W\d_]+)\.?")


def parse_duration(text: str, smallest: timedelta = MINUTE) -> timedelta | None:
    """A span typed by a person: "90", "90 мин", "1:30", "1.5 ч", "1,5 ч", "2 часа", "1ч30м", "1 h 15 min",
    "2 дня", "3 суток" (Russian or English units, any case, any spaces).

    A bare number counts in ``smallest``: minutes, or seconds where seconds are understood ("45s") too.
    None when the text is not a duration ("1ч30" is ambiguous enough to ask again). A duration longer than
    LONGEST (400 nines and "h") comes back as timedelta.max: out of every caller's range, never an overflow.
    """
    cleaned = "".join(text.lower().replace(",", ".").split())
    units = {**UNITS, **SECOND_UNITS} if smallest < MINUTE else UNITS
    if (clock := HOURS_MINUTES.fullmatch(cleaned)) is not None:
        hours, minutes = int(clock.group(1)), int(clock.group(2))
        return timedelta(hours=hours, minutes=minutes) if minutes < 60 else None
    if BARE_NUMBER.fullmatch(cleaned):
        parts = [(cleaned, smallest)]
    else:
        found = list(DURATION_PART.finditer(cleaned))
        if not found or "".join(p.group(0) for p in found) != cleaned:
            return None
        if any(p.group(2) not in units for p in found):
            return None
        parts = [(p.group(1), units[p.group(2)]) for p in found]
    total = Fraction(0)
    for number, unit in parts:
        if len(number.split(".")[0]) > NUMBER_DIGITS:
            return timedelta.max
        total += Fraction(number) * (unit // SECOND)
    if total > LONGEST // SECOND:
        return timedelta.max
    return timedelta(microseconds=round(total * 1_000_000))


@dataclass(frozen=True, slots=True)
class DurationKeys:
    """The locale keys a feature writes a duration with, each with the variable it takes.

    Without ``days`` the hours go on past a day (a session of "48 ч"); with it, days are named ("2 д").
    """

    minutes: tuple[str, str]
    hours: tuple[str, str]
    days: tuple[str, str] | None = None


def duration_text(t: Translate, length: timedelta | int | None, keys: DurationKeys) -> str:
    """ "1 ч 30 мин", "45 мин", "2 д": ``length`` in whole minutes (an int is minutes already; None is 0)."""
    if isinstance(length, timedelta):
        minutes = int(length.total_seconds()) // 60
    else:
        minutes = length or 0
    days, rest = divmod(minutes, 24 * 60) if keys.days is not None else (0, minutes)
    hours, rest = divmod(rest, 60)
    parts = []
    if days and keys.days is not None:
        parts.append(_count(t, keys.days, days))
    if hours:
        parts.append(_count(t, keys.hours, hours))
    if rest or not parts:
        parts.append(_count(t, keys.minutes, rest))
    return " ".join(parts)


def _count(t: Translate, key: tuple[str, str], count: int) -> str:
    name, variable = key
    return t(name, **{variable: count})
