"""Time helpers: one place that says what "now" is (tests may replace `now`)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

SHIFT = timedelta(0)  # set once at start-up from CLOCK_SHIFT (tests: "the bot was down for a day")


def set_shift(seconds: float) -> None:
    global SHIFT
    SHIFT = timedelta(seconds=seconds)


def now() -> datetime:
    return datetime.now(UTC) + SHIFT


def real(moment: datetime) -> datetime:
    """The wall-clock moment (what APScheduler compares with) of a moment on the bot's clock."""
    return moment - SHIFT


def to_iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def now_iso() -> str:
    return to_iso(now())


def iso_ago(delta: timedelta) -> str:
    return to_iso(now() - delta)


def parse_iso(value: str) -> datetime:
    return datetime.fromisoformat(value)


# --- moments read back from the database (a stored value may be anything) -------------------------------
#
# Everything the bot computes from a stored moment (a reminder a day before, an end 3 days after, the
# time in TIMEZONE) stays far from datetime's limits inside this window; a row outside it (typed as
# 31.12.9999 before typed dates were checked, or edited by hand) is never computed with: its session is
# not planned, and organizers are shown why (bot/services/date_alerts.py).
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 1, 1, tzinfo=UTC)
# Stands for a stored moment that cannot be read at all (never a real one: it lies outside the window).
UNREADABLE = datetime(1970, 1, 1, tzinfo=UTC)


def usable(moment: datetime | None) -> bool:
    """A moment the bot can plan and show (aware, inside the window)."""
    return moment is not None and moment.tzinfo is not None and EARLIEST <= moment < LATEST


def read_stored(value: str | None) -> datetime | None:
    """A stored moment as an aware UTC datetime; None if it is missing or cannot be read.

    Never raises: a bad row is a fact to deal with, not a reason to stop (see `usable` for the window).
    """
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)  # the bot always writes UTC
        return moment.astimezone(UTC)
    except (ValueError, TypeError, OverflowError):
        return None
