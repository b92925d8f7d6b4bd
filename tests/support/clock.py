"""The bot's clock as tests use it (bot.clock: the wall clock plus a shift that tests may set).

Tests build moments from the bot's clock (`utc_now`, `local_day`), never from the wall clock: what a test
computes and what the bot computes then agree, also when the clock is pinned (the `pinned_clock` fixture)
or moved (`move_clock_to`, as if the bot had been down).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot import clock

TZ = ZoneInfo("Asia/Yekaterinburg")  # the bot's TIMEZONE in tests
PINNED_HOUR = 10  # the time of day the `pinned_clock` fixture sets, in TZ


def utc_now() -> datetime:
    """Now on the bot's clock (bot.clock: the wall clock, shifted where a test pins the time of day)."""
    return clock.now().replace(microsecond=0)


def shift_to(hour: int, tz: str = "Asia/Yekaterinburg") -> float:
    """The CLOCK_SHIFT that makes the bot's clock read ``hour``:00 today in ``tz``: a test that formats times
    of day then sees the same texts at any hour it runs (no session crossing midnight in the evening)."""
    local_now = datetime.now(ZoneInfo(tz))
    return (local_now.replace(hour=hour, minute=0, second=0, microsecond=0) - local_now).total_seconds()


def move_clock_to(moment: datetime) -> None:
    """The bot's clock reads ``moment`` now (and runs on from there)."""
    clock.set_shift((moment - datetime.now(UTC)).total_seconds())


def local_day(days: int, hour: int = 18) -> datetime:
    """A moment `days` from now (on the bot's clock) at `hour`:00 in the hub's time zone."""
    day = utc_now().astimezone(TZ) + timedelta(days=days)
    return day.replace(hour=hour, minute=0, second=0, microsecond=0)


def typed(moment: datetime) -> str:
    """A moment as an organizer types it (in the zone the moment is in)."""
    return moment.strftime("%d.%m.%Y %H:%M")


class ManualClock:
    """A clock a test moves by hand (``clock.now += 10``), for what takes its clock as a callable."""

    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now
