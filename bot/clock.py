"""Time helpers: one place that says what "now" is (tests may replace `now`)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


def now() -> datetime:
    return datetime.now(UTC)


def to_iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def now_iso() -> str:
    return to_iso(now())


def iso_ago(delta: timedelta) -> str:
    return to_iso(now() - delta)


def parse_iso(value: str) -> datetime:
    return datetime.fromisoformat(value)
