"""Everything no other handler took: a short hint where a person waits for an answer (with the buttons it names),
one short line for an edited message in a private chat, silence elsewhere."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import timedelta

from aiogram import F
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.clock import now, parse_iso, to_iso
from bot.handlers.curation.states import CuratorReject
from bot.handlers.ideas.keyboards import cancel_kb, photos_kb, place_kb, route_kb, similar_kb, summary_kb
from bot.handlers.ideas.states import IdeaForm
from bot.handlers.onboarding.gate import Visit, visiting
from bot.handlers.onboarding.keyboards import consent_kb, consent_review_kb, main_menu, subscriptions_kb, territory_kb
from bot.handlers.onboarding.staff import is_staff
from bot.handlers.onboarding.states import Onboarding
from bot.services.ideas import draft_from, draft_token
from bot.storage.models import User
from bot.telegram.filters import Magic
from bot.telegram.i18n import Translate
from bot.telegram.routes import Routes

log = logging.getLogger(__name__)
router = Routes(name="fallback")

STATE_HINTS = {
    Onboarding.consent.state: "hint-consent",
    Onboarding.territory.state: "hint-territory",
    Onboarding.subscriptions.state: "hint-subs",
    IdeaForm.text.state: "idea-text-need",
    IdeaForm.similar.state: "idea-similar-need",
    IdeaForm.photos.state: "idea-photos-need",
    IdeaForm.place.state: "idea-place-need",
    IdeaForm.direction.state: "idea-route-need",
    IdeaForm.confirm.state: "idea-summary-need",
    CuratorReject.reason.state: "hint-reason",
}


async def state_hint(message: Message, visit: Visit, user: User | None, current: str) -> bool:
    """Say what the step ``current`` waits for, with the buttons the hint names; False if it has no hint.

    The hint carries its buttons: the question's own message may be far up the chat or may never have arrived.
    The question's older buttons stay live (each press is checked against the step the dialogue is at).
    """
    if current not in STATE_HINTS:
        return False
    await message.answer(visit.t(STATE_HINTS[current]), reply_markup=await _buttons_for(current, visit, user))
    return True


@router.message(Magic(F.chat.type == "private"), visiting)
async def private_hint(message: Message, visit: Visit, user: User | None) -> None:
    t = visit.t
    current = await visit.state.get_state()
    if current is not None and await state_hint(message, visit, user, current):
        return
    if current is not None:
        # A step without a hint of its own (a staff dialogue given a sticker, say): the question above waits.
        await message.answer(t("dialogue-awaited"))
    elif (user is None or not user.has_consent) and await is_staff(visit):
        await message.answer(t("staff-hint"))  # staff work needs no residents' consent: their commands are listed
    elif user is None:
        await message.answer(t("no-data-hint"))  # nothing kept of them: never consented, or deleted their data
    elif not user.has_consent:
        await message.answer(t("consent-required"), reply_markup=consent_review_kb(t))
    else:
        await message.answer(t("hint-unknown"), reply_markup=main_menu(t) if user.onboarded_at else None)


async def _buttons_for(current: str, visit: Visit, user: User | None) -> InlineKeyboardMarkup | None:
    t, lang, repos = visit.t, visit.lang, visit.repos
    if current == Onboarding.consent.state:
        return consent_kb(t)
    if current == Onboarding.territory.state:
        return territory_kb(t, visit.territories, 0, lang)
    if current == Onboarding.subscriptions.state and user is not None:
        return subscriptions_kb(t, await repos.directions.all(), await repos.users.subscriptions(user.id), lang)
    if current == IdeaForm.text.state:
        return cancel_kb(t)
    if current == IdeaForm.similar.state:
        return similar_kb(t, [int(n) for n in (await visit.state.get_data()).get("similar", [])])
    if current == IdeaForm.photos.state:
        return photos_kb(t, bool(draft_from(await visit.state.get_data()).photos))
    if current == IdeaForm.place.state:
        return place_kb(t)
    if current == IdeaForm.direction.state:
        return route_kb(t, await repos.directions.all(), lang, offer_other=False)
    if current == IdeaForm.confirm.state:
        return summary_kb(t, draft_token(await visit.state.get_data()))
    return None


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


EDIT_NOTE_EVERY = timedelta(minutes=10)  # an edit storm gets one answer
EDIT_NOTE = "edit_note"  # the dialogue's second drawer (StorageKey.destiny): when the last answer was given


@router.edited_message(Magic(F.chat.type == "private"))
async def edited_private(message: Message, t: Translate, state: FSMContext) -> None:
    """The bot never re-reads an edited message: say so, at most once in EDIT_NOTE_EVERY per person.

    The moment is kept apart from the dialogue's data (another destiny of the same key), so no step sees it,
    and /delete_me forgets it with the rest of the person's rows.
    """
    key = replace(state.key, destiny=EDIT_NOTE)
    last = (await state.storage.get_data(key)).get("at")
    moment = now()
    if isinstance(last, str) and moment - parse_iso(last) < EDIT_NOTE_EVERY:
        return
    await state.storage.set_data(key, {"at": to_iso(moment)})
    await message.answer(t("edited-not-read"))


@router.edited_message()
@router.channel_post()
@router.edited_channel_post()
async def ignored(event: Message) -> None:
    """Edits in groups and channel posts need no answer."""
