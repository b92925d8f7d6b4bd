"""Telling organizers about a stored time the bot cannot use.

A session typed for 31.12.9999 before typed dates were checked, or a row edited by hand, is skipped by
the timers (bot/services/timers.py) instead of stopping start-up. The people who can fix it are told,
once per broken state, through the broadcast engine (kind "alert": crash-safe, in each one's language,
never twice: the token names the row and what is stored in it):

* a session: its creator (while an organizer) and the curators of its direction, else the superadmins;
  with a button to its management screen, which shows the same warning until it is rescheduled or cancelled;
* a poll whose closing time cannot be read: whoever posted it (while staff), else the superadmins.

The message is rendered when it is sent (bot/services/session_messages.py): a row fixed meanwhile sends
nothing.
"""

from __future__ import annotations

import logging

from bot.clock import to_iso, usable
from bot.config import Settings
from bot.services.broadcast import BroadcastWorker
from bot.services.lifecycle import organizers_of
from bot.storage.repositories import Repos

log = logging.getLogger(__name__)


class DateAlerts:
    def __init__(self, repos: Repos, settings: Settings, broadcaster: BroadcastWorker) -> None:
        self.repos = repos
        self.settings = settings
        self.broadcaster = broadcaster

    async def __call__(self, kind: str, row_id: int) -> None:
        """The timers' `on_bad_row`."""
        if kind == "session":
            await self.session(row_id)
        elif kind == "poll":
            await self.poll(row_id)

    async def session(self, session_id: int) -> None:
        session = await self.repos.sessions.get(session_id)
        if session is None or session.status != "scheduled" or session.dates_ok:
            return
        # The stored values (already within datetime's range: read back as UTC) name this broken state;
        # after a fix and a new breakage (a hand edit) organizers are told again.
        state = f"{to_iso(session.starts_at)}|{session.duration_min}|{to_iso(session.deadline_at)}"
        people = await organizers_of(self.repos, self.settings, session)
        await self._create(f"alert:session:{session.id}:{state}", session.id, "session", session.id, people)

    async def poll(self, poll_id: int) -> None:
        poll = await self.repos.polls.get(poll_id)
        if poll is None or not poll.is_open or usable(poll.close_at):
            return
        staff = poll.created_by in self.settings.admin_ids or await self.repos.roles.is_organizer(poll.created_by)
        people = [poll.created_by] if staff else sorted(self.settings.admin_ids)
        await self._create(f"alert:poll:{poll.id}", poll.session_id, "poll", poll.id, people)

    async def _create(self, token: str, session_id: int | None, what: str, row_id: int, people: list[int]) -> None:
        if not people:
            log.warning("%s %s: nobody to tell about its unusable time", what, row_id)
            return
        broadcast, created = await self.repos.broadcasts.create_alert(
            token, session_id, {"what": what, "id": row_id}, people
        )
        if created:
            log.info("%s %s: organizers told about its unusable time (alert %s)", what, row_id, broadcast.id)
            self.broadcaster.wake()
