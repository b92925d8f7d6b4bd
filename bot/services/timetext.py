"""timetext."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.clock import UNREADABLE, usable
from bot.storage.sessions import Session

NO_TIME = "—"  # in place of a time stored broken (issue 11): never an error, never year 9999


def local(moment: datetime, tz: ZoneInfo) -> str:
    if not usable(moment):
        return NO_TIME
    return moment.astimezone(tz).strftime("%d.%m.%Y %H:%M")


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
    return f"{shown:%d.%m}.{shown.year:04d} {shown:%H:%M}"


def when_text(session: Session, tz: ZoneInfo) -> str:
    """05.12.2026 18:00–20:00 (the end's date too when it is another day)."""
    if not session.dates_ok:
        return NO_TIME
    start, end = session.starts_at.astimezone(tz), session.ends_at.astimezone(tz)
    tail = end.strftime("%H:%M") if end.date() == start.date() else end.strftime("%d.%m.%Y %H:%M")
    return f"{start.strftime('%d.%m.%Y %H:%M')}–{tail}"


def until_text(moment: datetime, tz: ZoneInfo, at: datetime) -> str:
    """A deadline soon: HH:MM today, 06.12 HH:MM on another day."""
    if not usable(moment):
        return NO_TIME
    target, today = moment.astimezone(tz), at.astimezone(tz)
    return target.strftime("%H:%M") if target.date() == today.date() else target.strftime("%d.%m %H:%M")
