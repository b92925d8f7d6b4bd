"""Issue 15: ideas taken «в работе» before the status step moved the project's stage get their project in work
when the database is brought up to date (migration 0019)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.storage.db import Database, load_migrations

NOW = "2026-11-01T00:00:00+00:00"


async def test_ideas_in_progress_get_their_projects_in_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.storage import db as db_module

    every = load_migrations()
    before = next(i for i, m in enumerate(every) if m[1].startswith("0019_"))
    monkeypatch.setattr(db_module, "load_migrations", lambda: every[:before])
    db = Database(tmp_path / "v18.sqlite3")
    await db.connect()
    await db.execute("INSERT INTO users (id, created_at, updated_at) VALUES (1, ?, ?)", (NOW, NOW))
    for status in ("in_progress", "in_progress", "accepted", "in_progress"):
        await db.execute(
            "INSERT INTO ideas (author_id, text, direction_id, status, created_at, updated_at) "
            "VALUES (1, 'an idea', 3, ?, ?, ?)",
            (status, NOW, NOW),
        )
    await db.execute(
        "INSERT INTO projects (idea_id, stage, leader_id, created_at, updated_at) VALUES (2, 'gathering_team', 1, ?, ?)",
        (NOW, NOW),
    )
    await db.execute(
        "INSERT INTO projects (idea_id, stage, created_at, updated_at) VALUES (4, 'paused', ?, ?)", (NOW, NOW)
    )
    await db.close()
    monkeypatch.setattr(db_module, "load_migrations", lambda: every)
    db = Database(tmp_path / "v18.sqlite3")
    await db.connect()
    rows = await db.fetchall("SELECT idea_id, stage, leader_id FROM projects ORDER BY idea_id")
    assert [tuple(r) for r in rows] == [(1, "in_work", None), (2, "in_work", 1), (4, "paused", None)]
    await db.close()
