"""Everything no other handler took: a short hint where a person waits for an answer, silence elsewhere."""

from __future__ import annotations

import logging

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.filters import Magic
from bot.i18n import Translate
from bot.keyboards import consent_review_kb, main_menu
from bot.states import CuratorReject, IdeaForm, Onboarding
from bot.storage.models import User

log = logging.getLogger(__name__)
router = Router(name="fallback")

STATE_HINTS = {
    Onboarding.consent.state: "hint-consent",
    Onboarding.territory.state: "hint-territory",
    Onboarding.subscriptions.state: "hint-subs",
    IdeaForm.text.state: "idea-text-need",
    IdeaForm.photos.state: "idea-photos-need",
    IdeaForm.place.state: "idea-place-need",
    IdeaForm.direction.state: "idea-route-need",
    IdeaForm.confirm.state: "idea-summary-need",
    CuratorReject.reason.state: "hint-reason",
}


@router.message(Magic(F.chat.type == "private"))
async def private_hint(message: Message, t: Translate, state: FSMContext, user: User | None) -> None:
    current = await state.get_state()
    if current in STATE_HINTS:
        await message.answer(t(STATE_HINTS[current]))
    elif user is None or not user.has_consent:
        await message.answer(t("consent-required"), reply_markup=consent_review_kb(t))
    else:
        await message.answer(t("hint-unknown"), reply_markup=main_menu(t) if user.onboarded_at else None)


@router.message(StateFilter(CuratorReject.reason), Magic(F.reply_to_message))
async def reason_hint(message: Message, t: Translate) -> None:
    await message.reply(t("hint-reason"))


@router.message()
async def group_chatter(message: Message) -> None:
    """Groups talk among themselves; the bot stays quiet."""


@router.callback_query()
async def unknown_button(callback: CallbackQuery, t: Translate) -> None:
    log.info("unknown or outdated button from %s: %r", callback.from_user.id, callback.data)
    await callback.answer(t("button-outdated"))


@router.edited_message()
@router.channel_post()
@router.edited_channel_post()
async def ignored(event: Message) -> None:
    """Edits and channel posts need no answer."""
