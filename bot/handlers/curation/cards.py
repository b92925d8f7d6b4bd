"""Curator chats: /bind_direction (superadmins) and decisions on idea cards (superadmins, organizers)."""

from __future__ import annotations

import logging

from aiogram import F, html
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, ForceReply, Message, User

from bot.handlers.curation.callbacks import BindCb, CardAction, CardCb, ReasonAction, ReasonCb, ReasonFrom
from bot.handlers.curation.guards import (
    open_to,
    preview,
    preview_pressed,
    reason_checked,
    reason_of,
    replies_to,
    typed_at_preview,
)
from bot.handlers.curation.keyboards import bind_kb, card_kb, card_move_kb
from bot.handlers.curation.states import CuratorReject
from bot.services.cards import CardService
from bot.services.ideas import REASON_MAX, REASON_MIN
from bot.services.moderation import Decided, Decision, ModerationService, Step, Verdict
from bot.storage.repositories import Repos
from bot.telegram.filters import IsStaff, IsSuperAdmin, Magic
from bot.telegram.i18n import Html, Translate
from bot.telegram.messages import drop_keyboard, set_keyboard, settle
from bot.telegram.routes import Routes

log = logging.getLogger(__name__)
GROUPS = {"group", "supergroup"}

# --- superadmins: binding a chat to a direction -----------------------------------
router = Routes(name="curation-cards")  # binding, staff, refusals (below), in that order

binding = Routes(name="bind")
binding.message.filter(IsSuperAdmin())
binding.callback_query.filter(IsSuperAdmin())


@binding.message(Command("bind_direction"), Magic(F.chat.type.in_(GROUPS)))
async def cmd_bind(message: Message, t: Translate, lang: str, repos: Repos) -> None:
    await message.answer(t("bind-ask"), reply_markup=bind_kb(await repos.directions.all(), lang))


@binding.callback_query(BindCb.filter(), Magic(F.message.chat.type.in_(GROUPS)))
async def bind_pick(
    callback: CallbackQuery, callback_data: BindCb, t: Translate, lang: str, repos: Repos, cards: CardService
) -> None:
    direction = await repos.directions.get(callback_data.direction_id)
    message = callback.message
    if direction is None or not isinstance(message, Message):
        await callback.answer(t("button-outdated"), show_alert=True)
        return
    thread_id = message.message_thread_id if message.is_topic_message else None
    await repos.curator_chats.bind(direction.id, message.chat.id, thread_id, message.chat.title, callback.from_user.id)
    await callback.answer()
    await message.edit_text(
        t("bind-done", direction=direction.label(lang), topic=(" " + t("bind-topic")) if thread_id else "")
    )
    await cards.deliver_pending()


# --- staff: decisions on cards -------------------------------------------------------
# Decisions go through the moderation service, as those of /moderate: guarded, recorded in idea_events and the
# audit log, the author told, every card of the idea refreshed (this one too).
staff = Routes(name="curator-actions")
staff.message.filter(IsStaff())
staff.callback_query.filter(IsStaff())

# A card button → (its decision, the toast for the one who pressed it).
CARD_STEPS = {
    CardAction.ACCEPT: (Step.ACCEPT, "card-accepted-toast"),
    CardAction.PROGRESS: (Step.IN_PROGRESS, "mod-step-toast"),  # later steps of an approved idea
    CardAction.IMPLEMENTED: (Step.IMPLEMENTED, "mod-step-toast"),
}


def _refusal(verdict: Verdict) -> str:
    """Why a pressed decision was not taken: the idea (or the direction) is gone, or it was decided meanwhile."""
    return "card-missing" if verdict in (Verdict.MISSING, Verdict.NO_TARGET) else "card-already"


def _decision(user: User, step: Step, idea_id: int, reason: str | None = None, target: int = 0) -> Decision:
    return Decision(step, idea_id, user.id, user.full_name, reason=reason, target=target)


async def _press(
    callback: CallbackQuery, t: Translate, moderation: ModerationService, decision: Decision, toast: str
) -> None:
    """A decision by a card button: the press is answered with the toast before the cards show it."""

    async def answer(_: Decided) -> None:
        await callback.answer(toast)

    decided = await moderation.decide(decision, answer)
    if decided.verdict is not Verdict.DONE:
        await callback.answer(t(_refusal(decided.verdict)), show_alert=True)


@staff.callback_query(CardCb.filter(F.action.in_(CARD_STEPS.keys())))
async def card_status(
    callback: CallbackQuery, callback_data: CardCb, t: Translate, moderation: ModerationService
) -> None:
    step, toast = CARD_STEPS[callback_data.action]
    decision = _decision(callback.from_user, step, callback_data.idea_id)
    await _press(callback, t, moderation, decision, t(toast, number=callback_data.idea_id))


async def _ask_reason(message: Message, t: Translate, user: User, idea_id: int, state: FSMContext) -> None:
    """The reason's prompt, as a reply the curator's client opens by itself (ForceReply): in a group with privacy
    mode, a message that is not a reply to the bot never reaches it."""
    who = Html(f'<a href="tg://user?id={user.id}">{html.quote(user.full_name)}</a>')
    prompt = await message.answer(
        t("reject-ask", who=who, number=idea_id, min=REASON_MIN, max=REASON_MAX),
        reply_markup=ForceReply(selective=True),
    )
    await state.set_state(CuratorReject.reason)
    await state.set_data({"idea_id": idea_id, "prompts": [prompt.message_id]})


@staff.callback_query(CardCb.filter(F.action == CardAction.REJECT))
async def card_reject(
    callback: CallbackQuery, callback_data: CardCb, t: Translate, state: FSMContext, repos: Repos
) -> None:
    idea = await open_to(callback, t, await repos.ideas.get(callback_data.idea_id), Step.REJECT)
    if idea is None or not isinstance(callback.message, Message):
        return
    await _ask_reason(callback.message, t, callback.from_user, idea.id, state)


@staff.message(StateFilter(CuratorReject.reason, CuratorReject.confirm), Command("cancel"))
async def reject_cancel(message: Message, t: Translate, state: FSMContext) -> None:
    data = await state.get_data()
    await state.clear()
    await message.answer(t("reject-cancelled", number=data.get("idea_id", "?")))


@staff.message(StateFilter(CuratorReject.reason), Magic(F.text & ~F.text.startswith("/")))
async def reject_reason(message: Message, t: Translate, state: FSMContext, moderation: ModerationService) -> None:
    """A reply to the prompt: backing out («нет», «отмена»), a refusal (too short), or the preview."""
    assert message.text is not None and message.from_user is not None
    data = await state.get_data()
    if not replies_to(message, data):
        return  # curators talk among themselves in the group: only a reply to the prompt is the reason
    typed = await reason_checked(message, t, state, moderation.repos, int(data.get("idea_id", 0)))
    if typed is None:
        return
    idea, reason = typed
    shown = await preview(message, t, moderation.cards, idea, reason, ReasonFrom.CARD, message.from_user.id)
    await state.set_state(CuratorReject.confirm)
    # A reply to the preview is read too (a back-out word, or told to choose): it joins the prompts.
    await state.update_data(reason=reason, prompts=[*data.get("prompts", []), shown.message_id])


@staff.message(StateFilter(CuratorReject.confirm), Magic(F.text & ~F.text.startswith("/")))
async def typed_at_card_preview(message: Message, t: Translate, state: FSMContext) -> None:
    if replies_to(message, await state.get_data()):  # the curators' own talk in the group is not for the bot
        await typed_at_preview(message, t, state, ReasonFrom.CARD)


@staff.callback_query(ReasonCb.filter(F.origin == ReasonFrom.CARD))
async def reason_button(
    callback: CallbackQuery, callback_data: ReasonCb, t: Translate, state: FSMContext, moderation: ModerationService
) -> None:
    """Send (the decision taken, the author told), Edit (asked again) or Back (nothing happens) under a preview."""
    reason = await reason_of(callback, callback_data, state, t)
    preview_message = callback.message
    if reason is None or not isinstance(preview_message, Message):
        return
    number = callback_data.idea_id
    idea = await preview_pressed(callback, preview_message, callback_data, t, state, moderation.repos)
    if idea is None:
        return
    if callback_data.action is ReasonAction.EDIT:
        await callback.answer()
        await drop_keyboard(preview_message)
        await _ask_reason(preview_message, t, callback.from_user, number, state)
        return
    notice = Html(await moderation.cards.notice_text(idea, "notify-rejected", reason=reason))
    await state.clear()

    async def answer(_: Decided) -> None:
        await callback.answer(t("card-rejected-toast"))
        await settle(preview_message, t("reject-sent", number=number, notice=notice))

    decided = await moderation.decide(_decision(callback.from_user, Step.REJECT, number, reason=reason), answer)
    if decided.verdict is not Verdict.DONE:
        await callback.answer(t(_refusal(decided.verdict)), show_alert=True)
        await settle(preview_message, t("reject-already", number=number))


@staff.callback_query(CardCb.filter(F.action.in_({CardAction.MOVE, CardAction.BACK})))
async def card_move_menu(callback: CallbackQuery, callback_data: CardCb, t: Translate, lang: str, repos: Repos) -> None:
    idea = await open_to(callback, t, await repos.ideas.get(callback_data.idea_id), Step.MOVE)
    if idea is not None and isinstance(callback.message, Message):
        markup = (
            card_move_kb(t, idea.id, await repos.directions.all(), idea.direction_id, lang)
            if callback_data.action is CardAction.MOVE
            else card_kb(t, idea.id)
        )
        await set_keyboard(callback.message, markup)


@staff.callback_query(CardCb.filter(F.action == CardAction.MOVE_TO))
async def card_move_to(
    callback: CallbackQuery, callback_data: CardCb, t: Translate, moderation: ModerationService
) -> None:
    decision = _decision(callback.from_user, Step.MOVE, callback_data.idea_id, target=callback_data.direction_id)
    await _press(callback, t, moderation, decision, t("card-moved-toast"))


@staff.callback_query(CardCb.filter())
async def card_unknown_action(callback: CallbackQuery, t: Translate) -> None:
    await callback.answer(t("button-outdated"), show_alert=True)


# --- everyone else --------------------------------------------------------------------
refusals = Routes(name="curator-refusals")
router.include_routers(binding, staff, refusals)


@refusals.callback_query(CardCb.filter())
@refusals.callback_query(BindCb.filter())
@refusals.callback_query(ReasonCb.filter(F.origin == ReasonFrom.CARD))
async def refuse_press(callback: CallbackQuery, t: Translate) -> None:
    log.info("refused curator button from %s: %s", callback.from_user.id, callback.data)
    await callback.answer(t("not-allowed"), show_alert=True)


@refusals.message(Command("bind_direction"), Magic(F.chat.type.in_(GROUPS)))
async def refuse_bind(message: Message, t: Translate) -> None:
    await message.reply(t("bind-not-admin"))


@refusals.message(Command("bind_direction"))
async def bind_in_private(message: Message, t: Translate) -> None:
    await message.answer(t("bind-private"))
