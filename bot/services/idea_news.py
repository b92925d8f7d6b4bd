"""News of an idea for those who follow it: its supporters and whoever pressed "Follow" on its page.

A status step (in progress, implemented) or the curators' public answer makes one broadcast of kind ``idea``
(the broadcast engine paces it, survives restarts and skips whoever stopped such notices); the author is told
on their own, through the outbox, as before.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from bot.services.broadcast import BroadcastWorker
from bot.storage.repositories import Repos

log = logging.getLogger(__name__)

FOLLOWED_STEPS = ("in_progress", "implemented")  # the status changes followers hear of
ANSWER_MAX = 1000  # characters of a public answer


class IdeaNews:
    def __init__(self, repos: Repos, broadcaster: BroadcastWorker, wake_outbox: Callable[[], None]) -> None:
        self.repos = repos
        self.broadcaster = broadcaster
        self.wake_outbox = wake_outbox  # the author's notice of an answer is queued there

    async def status_changed(self, idea_id: int, status: str) -> None:
        """After a recorded step: its followers are told, once (a step happens once to an idea)."""
        if status in FOLLOWED_STEPS:
            await self._tell(f"idea:{idea_id}:{status}", idea_id, status)

    async def answer(self, idea_id: int, actor_id: int, text: str) -> bool:
        """The curators' public answer: recorded (the author's notice queued with it), then the followers told.
        False when the idea is not public (any more)."""
        event_id = await self.repos.moderation.answer(idea_id, actor_id, text)
        if event_id is None:
            return False
        self.wake_outbox()
        await self._tell(f"idea:{idea_id}:answer:{event_id}", idea_id, "answer")
        return True

    async def _tell(self, token: str, idea_id: int, change: str) -> None:
        broadcast, created = await self.repos.broadcasts.create_idea_update(token, idea_id, change)
        if created:
            log.info("idea #%s %s: %s follower(s) to tell", idea_id, change, broadcast.total)
            self.broadcaster.wake()
