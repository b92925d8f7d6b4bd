"""Waiting on events, never on the clock.

A test that needs something to have happened (a timer's job ran, a row was written, a line was printed)
waits for that event: `wait_for(condition, on=signal)` checks the condition at once and again each time
the signal fires, and fails with a clear message after `timeout`. The timeout is a limit, not a pause: a
passing test never sleeps it out.

The fake Bot API has its own waits on the same principle (`fake.wait_for_request`, `user.expect_message`);
use those for what arrives in Telegram, and these for what happens inside the bot.
"""

from __future__ import annotations

import asyncio
import inspect
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from apscheduler.events import (
    EVENT_JOB_ERROR,
    EVENT_JOB_EXECUTED,
    EVENT_JOB_MAX_INSTANCES,
    EVENT_JOB_SUBMITTED,
    JobEvent,
)
from apscheduler.schedulers.base import BaseScheduler

Condition = Callable[[], bool | Awaitable[bool]]


class Signal:
    """Something that happens again and again. Each `fire()` wakes everyone waiting at that moment."""

    def __init__(self) -> None:
        self._waiters: list[asyncio.Future[None]] = []

    def fire(self, *_: object) -> None:
        """(Takes and ignores any arguments, so it can be handed to any callback.)"""
        waiters, self._waiters = self._waiters, []
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(None)

    def next(self) -> asyncio.Future[None]:
        """A future that completes at the next `fire()`."""
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        return waiter


async def wait_for(
    condition: Condition,
    *,
    on: Signal,
    timeout: float = 5.0,  # noqa: ASYNC109
    what: str | Callable[[], str] = "the condition",
) -> None:
    """Until ``condition()`` (plain or async) holds: checked now, then each time ``on`` fires.

    ``what`` names it in the failure (a callable: worked out when it fails, e.g. with what was printed by then).
    """

    async def holds() -> bool:
        result = condition()
        return bool(await result) if inspect.isawaitable(result) else bool(result)

    async def until() -> None:
        while True:
            fired = on.next()  # armed before the check: a firing while it runs is not missed
            if await holds():
                fired.cancel()
                return
            await fired

    try:
        await asyncio.wait_for(until(), timeout)
    except TimeoutError:
        raise AssertionError(f"{what() if callable(what) else what}: not within {timeout}s") from None


class JobRuns:
    """The timers' jobs as APScheduler reports them: taken up (submitted to run, or skipped as already
    running) and finished (returned or raised). Listen before the job can run."""

    def __init__(self, scheduler: BaseScheduler) -> None:
        self.taken: Counter[str] = Counter()
        self.finished: Counter[str] = Counter()
        self.signal = Signal()
        scheduler.add_listener(
            self._event, EVENT_JOB_SUBMITTED | EVENT_JOB_MAX_INSTANCES | EVENT_JOB_EXECUTED | EVENT_JOB_ERROR
        )

    def _event(self, event: JobEvent) -> None:
        if event.code in (EVENT_JOB_SUBMITTED, EVENT_JOB_MAX_INSTANCES):
            self.taken[event.job_id] += 1
        else:
            self.finished[event.job_id] += 1
        self.signal.fire()

    async def finish(self, job_id: str, after: int = 0, timeout: float = 5.0) -> None:  # noqa: ASYNC109
        """Until the job ``job_id`` has finished more than ``after`` times."""
        await wait_for(
            lambda: self.finished[job_id] > after, on=self.signal, timeout=timeout, what=f"job {job_id} finished"
        )


def watch(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> Signal:
    """A signal that fires each time the coroutine method ``owner.name`` returns (the call is kept as is)."""
    signal = Signal()
    original = getattr(owner, name)

    async def watched(*args: Any, **kwargs: Any) -> Any:
        try:
            return await original(*args, **kwargs)
        finally:
            signal.fire()

    monkeypatch.setattr(owner, name, watched)
    return signal
