"""Staff at work: a staff command, a step of a staff dialogue or a staff button, from a superadmin or an organizer.

Staff work needs no residents' consent (issue 14, point 2): the consent renewal (onboarding/renewal.py) lets it go
on and asks at the person's next residents' action instead (a reason being typed is not lost to the question).
"""

from __future__ import annotations

from aiogram.filters import BaseFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.config import Settings
from bot.handlers.curation.callbacks import BindCb, CardCb, ModCb, ReasonCb
from bot.handlers.curation.states import ModerationInput
from bot.handlers.ideas.states import PageAnswer
from bot.handlers.polls.callbacks import BindSessionCb, PollDraftCb, ResultsCb
from bot.handlers.polls.states import PollForm
from bot.handlers.sessions.callbacks import AnnounceCb, SessionDraftCb, SessionManageCb, SessionPeopleCb
from bot.handlers.sessions.states import SessionAnnounce, SessionDraft, SessionEdit
from bot.handlers.staff.callbacks import BroadcastCb, ExportCb, OrgCb
from bot.handlers.staff.states import BroadcastDraft, RolesAdd
from bot.handlers.system.dialogue import STAFF_ONLY, command_name
from bot.storage.repositories import Repos
from bot.telegram.callbacks import Strict

STAFF_PRESSES: tuple[type[Strict], ...] = (CardCb, BindCb, ModCb, ReasonCb, BindSessionCb, ResultsCb, PollDraftCb)
STAFF_PRESSES += (BroadcastCb, OrgCb, ExportCb, SessionDraftCb, SessionManageCb, SessionPeopleCb, AnnounceCb)
STAFF_DIALOGUES = frozenset(
    group.__name__
    for group in (ModerationInput, BroadcastDraft, RolesAdd, SessionDraft, SessionEdit, SessionAnnounce, PollForm)
) | {PageAnswer.__name__}


class StaffAtWork(BaseFilter):
    """A staff command, a step of a staff dialogue or a staff button, from a superadmin or an organizer."""

    async def __call__(
        self, event: Message | CallbackQuery, state: FSMContext, settings: Settings, repos: Repos
    ) -> bool:
        if isinstance(event, CallbackQuery):
            data = event.data or ""
            work = any(data.startswith(cb.__prefix__ + cb.__separator__) for cb in STAFF_PRESSES)
        else:
            text, current = event.text or "", await state.get_state()
            work = (text.startswith("/") and command_name(text) in STAFF_ONLY) or (
                current is not None and current.split(":", 1)[0] in STAFF_DIALOGUES
            )
        person = event.from_user.id if event.from_user else 0
        return work and (person in settings.admin_ids or await repos.roles.is_organizer(person))
