"""One update at a time per chat and person, without a lock kept forever for everyone ever seen.

aiogram's SimpleEventIsolation holds an asyncio.Lock per key in a dict that only grows (its source notes the
missing cleaner): 100,000 residents leave 100,000 locks behind. This one forgets a key's lock as soon as nobody
holds or waits for it.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
from contextlib import asynccontextmanager

from aiogram.fsm.storage.base import BaseEventIsolation, StorageKey


class PrunedEventIsolation(BaseEventIsolation):
    def __init__(self) -> None:
        self._locks: dict[StorageKey, asyncio.Lock] = {}
        self._users: dict[StorageKey, int] = {}  # holders and waiters per key

    @asynccontextmanager
    async def lock(self, key: StorageKey) -> AsyncGenerator[None, None]:
        lock = self._locks.get(key)
        if lock is None:
            lock = self._locks[key] = asyncio.Lock()
        self._users[key] = self._users.get(key, 0) + 1
        try:
            async with lock:
                yield
        finally:
            left = self._users.get(key, 1) - 1  # close() may have cleared the tables meanwhile (shutdown)
            if left:
                self._users[key] = left
            else:
                self._users.pop(key, None)
                self._locks.pop(key, None)

    async def close(self) -> None:
        self._locks.clear()
        self._users.clear()

    @property
    def size(self) -> int:
        """Keys with a lock now (not __len__: aiogram tests the isolation for truth, and 0 would be falsy)."""
        return len(self._locks)
