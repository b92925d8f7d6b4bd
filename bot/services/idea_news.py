"""News of an idea for those who follow it: its supporters and whoever pressed "Follow" on its page.

A status step (in progress, implemented) or the curators' public answer queues an outbox row of kind ``news`` in
its own transaction; the outbox turns it into one broadcast of kind ``idea`` (made once per token: the broadcast
engine paces it, survives restarts and skips whoever stopped such notices). The author is told on their own,
through the outbox, as before.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from bot.services.broadcast import BroadcastWorker
from bot.storage.follows import FOLLOWED_STEPS
from bot.storage.outbox import OutboxItem
from bot.storage.repositories import Repos

log = logging.getLogger(__name__)

ANSWER_MAX = 1000  # characters of a public answer


class IdeaNews:
    def __init__(self, repos: Repos, broadcaster: BroadcastWorker, wake_outbox: Callable[[], None]) -> None:
        self.repos = repos
        self.broadcaster = broadcaster
        self.wake_outbox = wake_outbox  # the author's notice of an answer is queued there

    async def send(self, item: OutboxItem) -> None:
        """The outbox's row of a step or an answer: the followers' broadcast, made once (the token is the step's,
        or the answer's event)."""
        change = str(item.args["change"])
        if item.ref is None:
            return
        step = change if change in FOLLOWED_STEPS else f"answer:{item.args['event']}"
        token = f"idea:{item.ref}:{step}"
        await self._tell(token, item.ref, change)

    async def answer(self, idea_id: int, actor_id: int, text: str) -> bool:
        """The curators' public answer: recorded (the author's notice queued with it), then the followers told.
        False when the idea is not public (any more)."""
        event_id = await self.repos.moderation.answer(idea_id, actor_id, text)
        if event_id is None:
            return False
        self.wake_outbox()  # the author's notice and the followers' news were queued with it
        return True

    async def _tell(self, token: str, idea_id: int, change: str) -> None:
        broadcast, created = await self.repos.broadcasts.create_idea_update(token, idea_id, change)
        if created:
            log.info("idea #%s %s: %s follower(s) to tell", idea_id, change, broadcast.total)
            self.broadcaster.wake()
