"""Moments as tests write them: days ahead at a time of day in the hub's zone, typed as organizers type them."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Asia/Yekaterinburg")  # the bot's TIMEZONE in tests


def local_day(days: int, hour: int = 18) -> datetime:
    """A moment `days` from now at `hour`:00 in the hub's time zone."""
    day = datetime.now(TZ) + timedelta(days=days)
    return day.replace(hour=hour, minute=0, second=0, microsecond=0)


def typed(moment: datetime) -> str:
    return moment.strftime("%d.%m.%Y %H:%M")
