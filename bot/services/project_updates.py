"""A project's updates (issue 15, point 3): the leader's news for the team, the idea's followers and supporters.

An update is recorded (and audited) in ``project_updates``, then sent as one broadcast of kind ``project``, made once
per the leader's draft (its token: a second press of Send finds the update made by the first). The broadcast engine
paces it, survives restarts and skips whoever stopped such notices. At most ``PROJECT_UPDATES_PER_DAY`` updates a
project within 24 hours; the curators can stop one while it is going out.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.clock import iso_ago, parse_iso
from bot.config import Settings
from bot.services.broadcast import BroadcastWorker
from bot.storage.broadcasts import Broadcast
from bot.storage.project_team import ProjectUpdate
from bot.storage.repositories import Repos

log = logging.getLogger(__name__)

UPDATE_MIN, UPDATE_MAX = 10, 1000  # characters of an update
WINDOW = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Posted:
    update: ProjectUpdate | None  # None: the same draft was sent before (its broadcast is ``broadcast``)
    broadcast: Broadcast


@dataclass(frozen=True, slots=True)
class TooSoon:
    next_at: datetime  # when the next update may go out


def update_token(idea_id: int, draft: str) -> str:
    return f"project:{idea_id}:{draft}"


class ProjectUpdates:
    def __init__(self, repos: Repos, broadcaster: BroadcastWorker, settings: Settings) -> None:
        self.repos = repos
        self.broadcaster = broadcaster
        self.per_day = settings.project_updates_per_day

    async def next_at(self, idea_id: int) -> datetime | None:
        """None when an update may go out now; else the moment the oldest of the day's updates is 24 hours old."""
        recent = await self.repos.project_team.updates_since(idea_id, iso_ago(WINDOW))
        if len(recent) < self.per_day:
            return None
        return parse_iso(recent[len(recent) - self.per_day].created_at) + WINDOW

    async def post(self, idea_id: int, author_id: int, text: str, draft: str) -> Posted | TooSoon:
        token = update_token(idea_id, draft)
        made = await self.repos.broadcasts.by_token(token)
        if made is not None:
            return Posted(None, made)
        later = await self.next_at(idea_id)
        if later is not None:
            return TooSoon(later)
        update = await self.repos.project_team.add_update(idea_id, author_id, text)
        broadcast, created = await self.repos.broadcasts.create_project_update(token, idea_id, update.id, author_id)
        await self.repos.project_team.set_broadcast(update.id, broadcast.id)
        if created:
            log.info("project #%s update %s: %s people to tell", idea_id, update.id, broadcast.total)
            self.broadcaster.wake()
        return Posted(update, broadcast)

    async def recipients(self, broadcast_id: int) -> int:
        found = await self.repos.broadcasts.get(broadcast_id)
        return found.total if found else 0

    async def stop(self, update_id: int, actor_id: int) -> ProjectUpdate | None:
        """A curator stops an update still going out: its messages not yet sent are not sent (audited). None when
        it had finished already (or there is no such update)."""
        update = await self.repos.project_team.update(update_id)
        if update is None or update.broadcast_id is None:
            return None
        if not await self.repos.broadcasts.request_cancel(update.broadcast_id):
            return None
        self.broadcaster.cancel(update.broadcast_id)
        await self.repos.audit.record(actor_id, "project_update_stop", f"#{update.idea_id}", {"update": update.id})
        return update
