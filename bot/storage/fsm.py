"""aiogram FSM storage kept in SQLite, so drafts survive restarts."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, StateType, StorageKey

from bot.clock import now_iso
from bot.storage.db import Database


def storage_key(key: StorageKey) -> str:
    # bot:chat:user:thread:business:destiny — forget() relies on ":<user_id>:" being present.
    return ":".join(
        str(part) if part is not None else ""
        for part in (key.bot_id, key.chat_id, key.user_id, key.thread_id, key.business_connection_id, key.destiny)
    )


class SQLiteStorage(BaseStorage):
    def __init__(self, db: Database) -> None:
        self.db = db

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        await self.db.execute(
            "INSERT INTO fsm_state (key, state, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
            (storage_key(key), value, now_iso()),
        )

    async def get_state(self, key: StorageKey) -> str | None:
        row = await self.db.fetchone("SELECT state FROM fsm_state WHERE key = ?", (storage_key(key),))
        return row[0] if row else None

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        await self.db.execute(
            "INSERT INTO fsm_state (key, data, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
            (storage_key(key), json.dumps(dict(data), ensure_ascii=False), now_iso()),
        )

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        row = await self.db.fetchone("SELECT data FROM fsm_state WHERE key = ?", (storage_key(key),))
        return dict(json.loads(row[0])) if row and row[0] else {}

    async def close(self) -> None:
        """The database is closed by the dispatcher's shutdown hook."""
