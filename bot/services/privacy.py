"""/delete_me: who may delete their data themselves (the deletion itself is UsersRepo.forget)."""

from __future__ import annotations

from bot.config import Settings
from bot.storage.repositories import Repos


async def deletion_refusal(repos: Repos, settings: Settings, user_id: int) -> str | None:
    """Why the person cannot delete their data now (a translation key), or None.

    Staff act for the hub, not as residents: their role is taken first (superadmins by the operator, in
    ADMIN_IDS; organizers by a superadmin, in /organizers), then /delete_me works. A broadcast of theirs
    still going out is copied from their chat and reports to it, so it is waited for.
    """
    if user_id in settings.admin_ids:
        return "delete-refused-superadmin"
    if await repos.roles.is_organizer(user_id):
        return "delete-refused-organizer"
    if await repos.broadcasts.unfinished_by(user_id):
        return "delete-refused-broadcast"
    return None
