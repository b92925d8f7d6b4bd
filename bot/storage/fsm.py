"""aiogram FSM storage kept in SQLite, so drafts survive restarts."""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
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


Value = tuple[str | None, str]  # (state, data as JSON)


@dataclass(eq=False)
class Unit:
    """The changes one update makes to conversations, written together (see `SQLiteStorage.unit`)."""

    staged: dict[str, Value] = field(default_factory=dict)
    stored: dict[str, Value] = field(default_factory=dict)  # what the database held before the first change
    open: bool = True


_UNIT: ContextVar[Unit | None] = ContextVar("fsm_unit", default=None)


class SQLiteStorage(BaseStorage):
    """Conversations in SQLite; reads of a conversation seen recently come from memory (this process owns the
    database).

    Outside an update every change is written before the call returns. Inside one (`unit`, opened by the update
    middleware), changes are staged and written once, when the update's handler is about to say something to
    Telegram (`flush_pending`, called by a request middleware) and when the update ends: a state the person
    can see is always stored before they see it, and a /start that sets the state it already had (or clears it
    and sets it again) writes nothing. A crash in between loses only what nobody was told.
    """

    CACHE_SIZE = 20_000

    def __init__(self, db: Database) -> None:
        self.db = db
        self._cache: OrderedDict[str, Value] = OrderedDict()

    @asynccontextmanager
    async def unit(self) -> AsyncIterator[Unit]:
        """Stage this update's changes; write them at the end (also when the handler failed)."""
        unit = Unit()
        token = _UNIT.set(unit)
        try:
            yield unit
        finally:
            _UNIT.reset(token)
            unit.open = False
            await self._write(unit)

    async def flush_pending(self) -> None:
        """Write what the current update has staged so far (before its next message to Telegram)."""
        unit = _UNIT.get()
        if unit is not None and unit.staged:
            await self._write(unit)

    async def _write(self, unit: Unit) -> None:
        staged, unit.staged = unit.staged, {}
        pending = list(staged)
        try:
            for key, value in staged.items():
                if unit.stored.get(key) != value:  # (else back to what is stored)
                    await self.db.execute(
                        "INSERT INTO fsm_state (key, state, data, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (key) "
                        "DO UPDATE SET state = excluded.state, data = excluded.data, updated_at = excluded.updated_at",
                        (key, value[0], value[1], now_iso()),
                    )
                    unit.stored[key] = value
                pending.remove(key)
        finally:
            for key in pending:  # not written (the database failed): the next read takes what it holds
                self._cache.pop(key, None)

    def _stage(self, key: str, value: Value, before: Value) -> bool:
        """Keep the change for the current update's write; False when there is no open update."""
        unit = _UNIT.get()
        if unit is None or not unit.open:
            return False
        unit.stored.setdefault(key, before)
        unit.staged[key] = value
        self._remember(key, value)
        return True

    async def _load(self, key: str) -> Value:
        unit = _UNIT.get()
        if unit is not None and key in unit.staged:
            return unit.staged[key]
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
        """Drop cached (and staged) conversations of a person whose rows were deleted."""
        marker = f":{user_id}:"
        for key in [k for k in self._cache if marker in k]:
            del self._cache[key]
        unit = _UNIT.get()
        if unit is not None:
            for key in [k for k in unit.staged if marker in k]:
                del unit.staged[key]
                unit.stored.pop(key, None)

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        skey = storage_key(key)
        current, data = await self._load(skey)
        if current == value or self._stage(skey, (value, data), (current, data)):
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
        if current == encoded or self._stage(skey, (state, encoded), (state, current)):
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
