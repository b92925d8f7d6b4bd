"""What the curator cards and /moderate both check before a decision: that the idea is still open to the step
pressed, that a typed rejection reason is one, and — before it reaches the author — its preview with Send / Edit /
Back, pressed only by the one who wrote it."""

from __future__ import annotations

from typing import Any

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, ForceReply, Message

from bot.handlers.curation.callbacks import ReasonAction, ReasonCb, ReasonFrom
from bot.handlers.curation.keyboards import reason_preview_kb
from bot.services.cards import CardService
from bot.services.ideas import backs_out, reason_problem
from bot.services.moderation import Step, still_open
from bot.storage.models import Idea
from bot.storage.repositories import Repos
from bot.telegram.i18n import Html, Translate
from bot.telegram.messages import settle
from bot.text import tidy


async def open_to(
    callback: CallbackQuery, t: Translate, idea: Idea | None, step: Step, from_hidden: bool = False
) -> Idea | None:
    """The idea a button is about, the press answered; None (the press refused) when the idea is gone or the step
    is no longer open to it (decided meanwhile)."""
    if idea is None:
        await callback.answer(t("card-missing"), show_alert=True)
        return None
    if not still_open(idea, step, from_hidden=from_hidden):
        await callback.answer(t("card-already"), show_alert=True)
        return None
    await callback.answer()
    return idea


async def typed_reason(message: Message, t: Translate, text: str, state: FSMContext) -> str | None:
    """A rejection reason as typed, tidied; None (and the person told what is wrong with it) when it is not one.

    In a group the refusal asks for a reply (ForceReply): with privacy mode on, only replies reach the bot; the
    refusal is then one more of the reason's prompts (see ``replies_to``)."""
    reason = tidy(text)
    problem = reason_problem(reason)
    if problem is None:
        return reason
    key, args = problem
    if message.chat.type == "private":
        await message.answer(t(key, **args))
        return None
    refusal = await message.reply(
        t(key, **args) + "\n" + t("reject-reply-hint"), reply_markup=ForceReply(selective=True)
    )
    prompts = list((await state.get_data()).get("prompts", []))
    await state.update_data(prompts=[*prompts, refusal.message_id])
    return None


def replies_to(message: Message, data: dict[str, Any]) -> bool:
    """Whether ``message`` answers the reason's prompt: anything in a private chat; in a group, a reply to the
    prompt (or to a refusal that asked again) — curators talk among themselves there."""
    if message.chat.type == "private":
        return True
    replied = message.reply_to_message.message_id if message.reply_to_message else None
    return replied is not None and replied in data.get("prompts", [])


async def preview(
    message: Message, t: Translate, cards: CardService, idea: Idea, reason: str, origin: ReasonFrom, by: int
) -> Message:
    """Exactly what the author will get, with Send / Edit / Back (only ``by`` may press them)."""
    notice = await cards.notice_text(idea, "notify-rejected", reason=reason)
    return await message.answer(
        t("reject-preview", number=idea.id, notice=Html(notice)),
        reply_markup=reason_preview_kb(t, origin, idea.id, by),
    )


async def typed_at_preview(message: Message, t: Translate, state: FSMContext, origin: ReasonFrom) -> None:
    """Text typed while a preview waits for Send / Edit / Back: a back-out word («нет», «отмена») is «Назад»;
    anything else is told to choose, with the preview's buttons (nothing is sent until Send is pressed)."""
    assert message.text is not None and message.from_user is not None
    idea_id = int((await state.get_data()).get("idea_id", 0))
    if backs_out(message.text):
        await state.clear()
        await message.answer(t("reject-back-done", number=idea_id))
        return
    markup = reason_preview_kb(t, origin, idea_id, message.from_user.id)
    await message.answer(t("reject-preview-need", number=idea_id), reply_markup=markup)


async def reason_of(callback: CallbackQuery, data: ReasonCb, state: FSMContext, t: Translate) -> str | None:
    """The reason a preview's button is about: None (the press refused) when someone else wrote it, or it is no
    longer the one being confirmed (sent, dropped, a newer preview, a restart)."""
    if callback.from_user.id != data.by:
        await callback.answer(t("reject-not-yours"), show_alert=True)
        return None
    stored = await state.get_data()
    reason = stored.get("reason")
    if stored.get("idea_id") != data.idea_id or not isinstance(reason, str) or await state.get_state() is None:
        await callback.answer(t("reject-stale"), show_alert=True)
        return None
    return reason


async def reason_checked(
    message: Message, t: Translate, state: FSMContext, repos: Repos, idea_id: int, hidden: bool = False
) -> tuple[Idea, str] | None:
    """A typed rejection reason, in a curators' chat or in /moderate: None when it backs out («нет», «отмена»),
    is refused (too short, too long), or the idea was decided meanwhile (each said); else the idea and the reason,
    for the preview."""
    assert message.text is not None
    if backs_out(message.text):
        await state.clear()
        await message.answer(t("reject-cancelled", number=idea_id))
        return None
    reason = await typed_reason(message, t, message.text, state)
    if reason is None:
        return None
    idea = await repos.ideas.get(idea_id)
    if idea is None or not still_open(idea, Step.REJECT, from_hidden=hidden):
        await state.clear()
        await message.answer(t("reject-already", number=idea_id))
        return None
    return idea, reason


async def preview_pressed(
    callback: CallbackQuery,
    shown: Message,
    data: ReasonCb,
    t: Translate,
    state: FSMContext,
    repos: Repos,
    hidden: bool = False,
) -> Idea | None:
    """Back under a preview (nothing happens) or an idea decided meanwhile (said): None. Else the idea, for Edit
    or Send."""
    if data.action is ReasonAction.BACK:
        await state.clear()
        await callback.answer()
        await settle(shown, t("reject-back-done", number=data.idea_id))
        return None
    idea = await repos.ideas.get(data.idea_id)
    if idea is None or not still_open(idea, Step.REJECT, from_hidden=hidden):
        await state.clear()
        await callback.answer(t("card-already"), show_alert=True)
        await settle(shown, t("reject-already", number=data.idea_id))
        return None
    return idea
