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
