"""The time machine's "to the next session" (bot/storage/glance.py, sandbox/runner.py): a read-only look at the
sandbox database for the first session that has not ended."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.clock import to_iso
from bot.storage.glance import next_session
from sandbox.runner import AFTER, Sandbox

NOW = datetime(2026, 12, 5, 10, 0, tzinfo=UTC)


def database(path: Path, *rows: tuple[int, str, datetime | str, int, str]) -> Path:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE sessions (id INTEGER, title TEXT, starts_at TEXT, duration_min INTEGER, status TEXT)")
        conn.executemany(
            "INSERT INTO sessions VALUES (?, ?, ?, ?, ?)",
            [(i, t, to_iso(s) if isinstance(s, datetime) else s, d, st) for i, t, s, d, st in rows],
        )
    conn.close()
    return path


def test_the_first_session_not_ended(tmp_path: Path) -> None:
    path = database(
        tmp_path / "db.sqlite3",
        (1, "Прошла", NOW - timedelta(hours=3), 60, "scheduled"),
        (2, "Отменена", NOW + timedelta(hours=1), 60, "cancelled"),
        (3, "Позже", NOW + timedelta(days=2), 90, "scheduled"),
        (4, "Идёт", NOW - timedelta(minutes=30), 120, "scheduled"),
        (5, "Сломана", "31.12.9999", 60, "scheduled"),
    )
    found = next_session(path, NOW)
    assert found is not None and (found.id, found.title) == (4, "Идёт")
    assert found.ends_at == NOW + timedelta(minutes=90)
    later = next_session(path, NOW + timedelta(hours=2))
    assert later is not None and later.id == 3
    assert next_session(path, NOW + timedelta(days=3)) is None
    assert next_session(tmp_path / "missing.sqlite3", NOW) is None
    (tmp_path / "junk.sqlite3").write_bytes(b"not a database")
    assert next_session(tmp_path / "junk.sqlite3", NOW) is None


async def test_the_state_offers_the_steps_to_it(tmp_path: Path) -> None:
    sandbox = Sandbox(tmp_path)
    assert (await sandbox.state())["next_session"] is None
    now = datetime.now(UTC)
    database(tmp_path / "sandbox.sqlite3", (7, "Дворы", now + timedelta(hours=26), 120, "scheduled"))
    shown = (await sandbox.state())["next_session"]
    assert shown["number"] == 7 and shown["title"] == "Дворы"
    assert abs(shown["to_start"] - (26 * 3600 + AFTER)) < 5
    assert abs(shown["to_end"] - (28 * 3600 + AFTER)) < 5
    sandbox.clock.move(27 * 3600)  # under way: only its end is ahead
    shown = (await sandbox.state())["next_session"]
    assert shown["to_start"] is None and abs(shown["to_end"] - (3600 + AFTER)) < 5
