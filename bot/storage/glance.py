"""A read-only glance at a database another process (the bot) has open: the sandbox's time machine asks when
the next project session starts and ends, to offer moving the clock there. Plain sqlite3, never a write."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from bot.clock import read_stored, to_iso, usable
from bot.storage.sessions import DURATION_LIMIT


@dataclass(frozen=True)
class SessionTimes:
    id: int
    title: str
    starts_at: datetime  # aware, UTC
    ends_at: datetime


def next_session(database: Path, at: datetime) -> SessionTimes | None:
    """The first scheduled session that has not ended at ``at`` (it may be under way); ``None`` when there is
    none, or the database is missing, busy or not the bot's."""
    if not database.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True, timeout=1.0)
    except sqlite3.Error:
        return None
    try:
        rows = conn.execute(
            "SELECT id, title, starts_at, duration_min FROM sessions WHERE status = 'scheduled' "
            "AND starts_at > ? ORDER BY starts_at, id LIMIT 50",
            (to_iso(at - timedelta(minutes=DURATION_LIMIT)),),
        ).fetchall()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    found: list[SessionTimes] = []
    for session_id, title, starts_at, duration in rows:
        start = read_stored(starts_at)
        if start is None or not usable(start) or not isinstance(duration, int) or not 0 < duration <= DURATION_LIMIT:
            continue
        end = start + timedelta(minutes=duration)
        if end > at:
            found.append(SessionTimes(int(session_id), str(title), start, end))
    return min(found, key=lambda s: (s.starts_at, s.id), default=None)
