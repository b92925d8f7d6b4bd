"""Answer an album (one update per photo) once, after its last photo arrived."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Hashable

log = logging.getLogger(__name__)


class AlbumAcks:
    def __init__(self, wait: float) -> None:
        self.wait = wait
        self._tasks: dict[Hashable, asyncio.Task[None]] = {}

    def schedule(self, key: Hashable, answer: Callable[[], Awaitable[None]]) -> None:
        """(Re)start the quiet period for this album; `answer` runs when it ends."""
        previous = self._tasks.pop(key, None)
        if previous is not None:
            previous.cancel()
        self._tasks[key] = asyncio.create_task(self._later(key, answer))

    async def _later(self, key: Hashable, answer: Callable[[], Awaitable[None]]) -> None:
        try:
            await asyncio.sleep(self.wait)
        except asyncio.CancelledError:
            return
        self._tasks.pop(key, None)
        try:
            await answer()
        except Exception:
            log.exception("album acknowledgement failed")

    async def close(self) -> None:
        for task in self._tasks.values():
            task.cancel()
        self._tasks.clear()
