"""The conversation storage's unit of work (bot/storage/fsm.py): an update's changes are written once, before the
bot says anything (flush_pending) or when the update ends; outside an update every change is written at once."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiogram.fsm.storage.base import StorageKey

from bot.storage.db import Database
from bot.storage.fsm import SQLiteStorage

KEY = StorageKey(bot_id=1, chat_id=7, user_id=7)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(tmp_path / "fsm.sqlite3")
    await database.connect()
    try:
        yield database
    finally:
        await database.close()  # also when a check failed: an open connection's thread would keep pytest alive


async def stored(db: Database) -> tuple[str | None, str | None] | None:
    row = await db.fetchone("SELECT state, data FROM fsm_state")
    return (row[0], row[1]) if row else None


async def test_changes_inside_an_update_are_written_once_and_only_when_they_change_something(db: Database) -> None:
    storage = SQLiteStorage(db)
    # Outside an update: written at once.
    await storage.set_state(KEY, "Form:name")
    assert await stored(db) == ("Form:name", "{}")
    # Inside: staged (read back at once), written before the bot's next message …
    async with storage.unit():
        await storage.set_state(KEY, "Form:photo")
        await storage.set_data(KEY, {"text": "Скамейки"})
        assert await storage.get_state(KEY) == "Form:photo"
        assert await storage.get_data(KEY) == {"text": "Скамейки"}
        assert await stored(db) == ("Form:name", "{}")
        await storage.flush_pending()
        assert await stored(db) == ("Form:photo", '{"text": "Скамейки"}')
        await storage.set_state(KEY, None)
    # … and at the update's end.
    assert await stored(db) == (None, '{"text": "Скамейки"}')
    # A /start that clears the state and sets it again writes nothing (the row's time stays).
    before = await db.fetchone("SELECT updated_at FROM fsm_state")
    await db.execute("UPDATE fsm_state SET updated_at = 'marker'")
    async with storage.unit():
        await storage.set_state(KEY, "Form:name")
        await storage.set_state(KEY, None)
        await storage.set_data(KEY, {})
        await storage.set_data(KEY, {"text": "Скамейки"})
    assert (await db.fetchone("SELECT updated_at FROM fsm_state"))[0] == "marker"
    assert before is not None
    # A person's data forgotten in the middle of an update is not written back when it ends.
    await db.execute("DELETE FROM fsm_state")
    async with storage.unit():
        await storage.set_state(KEY, "Form:name")
        storage.forget(7)
    assert await stored(db) is None


async def test_a_failing_update_still_writes_what_it_staged(db: Database) -> None:
    storage = SQLiteStorage(db)
    try:
        async with storage.unit():
            await storage.set_state(KEY, "Form:name")
            raise RuntimeError("the handler failed")
    except RuntimeError:
        pass
    assert await stored(db) == ("Form:name", "{}")
    # A fresh storage (a restart) reads it from the database.
    assert await SQLiteStorage(db).get_state(KEY) == "Form:name"


async def test_a_change_the_database_refused_is_not_kept_in_memory(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    storage = SQLiteStorage(db)
    await storage.set_state(KEY, "Form:name")

    async def refuse(*args: object, **kwargs: object) -> int:
        raise OSError("disk I/O error")

    with pytest.raises(OSError):
        async with storage.unit():
            await storage.set_state(KEY, "Form:photo")
            monkeypatch.setattr(db, "execute", refuse)
            await storage.flush_pending()
    monkeypatch.undo()
    # What the person's next update reads is what the database holds, not the change that was never stored.
    assert await storage.get_state(KEY) == "Form:name"
