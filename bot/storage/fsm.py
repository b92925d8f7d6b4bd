"""aiogram FSM storage kept in SQLite, so drafts survive restarts."""

from __future__ import annotations

import json
from collections import OrderedDict
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
    """Write-through: every change is written before the call returns; reads of a
    conversation seen recently come from memory (this process owns the database)."""

    CACHE_SIZE = 20_000

    def __init__(self, db: Database) -> None:
        self.db = db
        self._cache: OrderedDict[str, tuple[str | None, str]] = OrderedDict()

    async def _load(self, key: str) -> tuple[str | None, str]:
        found = self._cache.get(key)
        if found is not None:
            self._cache.move_to_end(key)
            return found
        row = await self.db.fetchone("SELECT state, data FROM fsm_state WHERE key = ?", (key,))
        found = (row[0], row[1] or "{}") if row else (None, "{}")
        self._remember(key, found)
        return found

    def _remember(self, key: str, value: tuple[str | None, str]) -> None:
        self._cache[key] = value
        self._cache.move_to_end(key)
        while len(self._cache) > self.CACHE_SIZE:
            self._cache.popitem(last=False)

    def forget(self, user_id: int) -> None:
        """Drop cached conversations of a person whose rows were deleted."""
        marker = f":{user_id}:"
        for key in [k for k in self._cache if marker in k]:
            del self._cache[key]

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        skey = storage_key(key)
        current, data = await self._load(skey)
        if current == value:
            return
        await self.db.execute(
            "INSERT INTO fsm_state (key, state, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
            (skey, value, now_iso()),
        )
        self._remember(skey, (value, data))

    async def get_state(self, key: StorageKey) -> str | None:
        return (await self._load(storage_key(key)))[0]

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        skey = storage_key(key)
        encoded = json.dumps(dict(data), ensure_ascii=False)
        state, current = await self._load(skey)
        if current == encoded:
            return
        await self.db.execute(
            "INSERT INTO fsm_state (key, data, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
            (skey, encoded, now_iso()),
        )
        self._remember(skey, (state, encoded))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        return dict(json.loads((await self._load(storage_key(key)))[1]))

    async def close(self) -> None:
        """The database is closed by the dispatcher's shutdown hook."""
