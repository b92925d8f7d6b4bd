"""What the background workers share: how one is stopped."""

from __future__ import annotations

import asyncio
import logging


async def finish(task: asyncio.Task[None], timeout: float, name: str, log: logging.Logger) -> None:  # noqa: ASYNC109
    """Let a worker already told to stop finish the message in flight, for ``timeout`` seconds at most; then
    cancel it and wait for the cancellation to run its course (its last outcome is written in a ``finally``)
    before the caller closes the database. What the task raised is raised here."""
    try:
        await asyncio.wait_for(asyncio.shield(task), timeout)
    except TimeoutError:
        log.warning("%s did not stop within %ss; cancelled", name, timeout)
        task.cancel()
        await asyncio.wait({task})
