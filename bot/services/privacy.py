"""/delete_me: who may delete their data themselves, and what follows the deletion."""

from __future__ import annotations

from collections.abc import Callable

from aiogram.fsm.storage.base import BaseStorage

from bot.config import Settings
from bot.services.polls import PollService
from bot.services.public import PublicIdeas
from bot.services.registration import RegistrationService
from bot.storage.fsm import SQLiteStorage
from bot.storage.repositories import Repos
from bot.storage.users import Forgotten


class Privacy:
    """A person deleting their data (the deletion itself is UsersRepo.forget)."""

    def __init__(
        self,
        repos: Repos,
        settings: Settings,
        polls: PollService,
        registration: RegistrationService,
        public: PublicIdeas,
        wake_outbox: Callable[[], None] | None = None,
    ) -> None:
        self.repos = repos
        self.settings = settings
        self.polls = polls
        self.registration = registration
        self.public = public
        self.wake_outbox = wake_outbox  # the curators' message of a project handed back waits in the outbox

    async def refusal(self, user_id: int) -> str | None:
        """Why the person cannot delete their data now (a translation key), or None.

        Staff act for the hub, not as residents: their role is taken first (superadmins by the operator, in
        ADMIN_IDS; organizers by a superadmin, in /organizers), then /delete_me works. A broadcast of theirs
        still going out is copied from their chat and reports to it, so it is waited for.
        """
        if user_id in self.settings.admin_ids:
            return "delete-refused-superadmin"
        if await self.repos.roles.is_organizer(user_id):
            return "delete-refused-organizer"
        if await self.repos.broadcasts.unfinished_by(user_id):
            return "delete-refused-broadcast"
        return None

    async def forget(self, user_id: int, conversations: BaseStorage) -> Forgotten | None:
        """Delete the person's data, with what is kept of them in memory; None if refused (staff, or a broadcast
        of theirs still going out)."""
        forgotten = await self.repos.users.forget(user_id, self.settings.reports_to_hide)
        if forgotten is None:
            return None
        self.polls.forget_voter(user_id)
        if isinstance(conversations, SQLiteStorage):
            conversations.forget(user_id)
        return forgotten

    async def release(self, forgotten: Forgotten) -> None:
        """What the deleted rows held goes on: the places to the waitlists, ideas hidden by reports back in the list,
        the curators told of the projects handed back."""
        for session_id in forgotten.freed:
            await self.registration.fill_free_places(session_id)
        await self.public.reports_withdrawn(forgotten.restored)
        if forgotten.handed_back and self.wake_outbox is not None:
            self.wake_outbox()
