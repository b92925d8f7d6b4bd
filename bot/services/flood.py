"""Per-person flood guard: one person sending a hundred messages must not take the send budget of everyone else.

A sliding window per person: up to ``limit`` updates within ``window`` seconds go through. The first one over
the limit gets a short notice ("too fast, wait a few seconds"), the rest are dropped in silence until the
window has room again. An album of ten photos stays well within the default limit.

Memory stays bounded: people idle for a whole window are forgotten, at most once per window, so the table
holds only those who wrote within the last two windows.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from enum import Enum


class Verdict(Enum):
    PASS = "pass"
    NOTIFY = "notify"  # the first update over the limit: tell the person once
    DROP = "drop"


class FloodGuard:
    def __init__(self, limit: int, window: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self._seen: dict[int, deque[float]] = {}
        self._told: dict[int, float] = {}  # person → when they were told (until their window has room)
        self._swept = clock()

    def check(self, user_id: int) -> Verdict:
        if self.limit <= 0:
            return Verdict.PASS
        now = self.clock()
        if now - self._swept >= self.window:
            self._sweep(now)
        times = self._seen.get(user_id)
        if times is None:
            times = self._seen[user_id] = deque()
        while times and now - times[0] >= self.window:
            times.popleft()
        if len(times) < self.limit:
            times.append(now)
            self._told.pop(user_id, None)
            return Verdict.PASS
        if user_id in self._told:
            return Verdict.DROP
        self._told[user_id] = now
        return Verdict.NOTIFY

    def _sweep(self, now: float) -> None:
        self._swept = now
        idle = [uid for uid, times in self._seen.items() if not times or now - times[-1] >= self.window]
        for uid in idle:
            del self._seen[uid]
            self._told.pop(uid, None)

    @property
    def size(self) -> int:
        """People remembered now."""
        return len(self._seen)
