"""After a session: an attendee rates it (1–5) and may add a comment (issue 4, point 8)."""

from __future__ import annotations

import logging

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import FeedbackCb
from bot.filters import HasConsent, Magic
from bot.handlers.common import settle, show
from bot.i18n import Translate
from bot.services.lifecycle import SessionLifecycle
from bot.services.session_messages import rating_kb
from bot.states import FeedbackForm
from bot.storage.repositories import Repos

log = logging.getLogger(__name__)
COMMENT_LIMIT = 1000

router = Router(name="feedback")
router.message.filter(HasConsent(), Magic(F.chat.type == "private"))
router.callback_query.filter(HasConsent())


def comment_kb(t: Translate, session_id: int, rating: int) -> InlineKeyboardMarkup:
    """The rating can still be changed; or finish without a comment."""
    rows = rating_kb(t, session_id).inline_keyboard
    skip = FeedbackCb(action="skip_comment", session_id=session_id, rating=rating).pack()
    return InlineKeyboardMarkup(
        inline_keyboard=[*rows, [InlineKeyboardButton(text=t("feedback-btn-skip"), callback_data=skip)]]
    )


@router.callback_query(FeedbackCb.filter(F.action == "rate"))
async def rate(
    callback: CallbackQuery,
    callback_data: FeedbackCb,
    t: Translate,
    repos: Repos,
    state: FSMContext,
    lifecycle: SessionLifecycle,
) -> None:
    user_id = callback.from_user.id
    if not 1 <= callback_data.rating <= 5 or not await repos.schedule.may_give_feedback(
        callback_data.session_id, user_id
    ):
        await callback.answer(t("feedback-not-available"), show_alert=True)
        return
    await repos.schedule.rate(callback_data.session_id, user_id, callback_data.rating)
    await state.set_state(FeedbackForm.comment)
    await state.set_data({"session_id": callback_data.session_id, "rating": callback_data.rating})
    await callback.answer()
    await show(
        callback.message,
        t("feedback-rated", rating=callback_data.rating),
        comment_kb(t, callback_data.session_id, callback_data.rating),
    )
    await lifecycle.feedback_changed(callback_data.session_id)


@router.callback_query(FeedbackCb.filter(F.action == "skip_comment"))
async def skip_comment(callback: CallbackQuery, callback_data: FeedbackCb, t: Translate, state: FSMContext) -> None:
    data = await state.get_data()
    if await state.get_state() == FeedbackForm.comment.state and data.get("session_id") == callback_data.session_id:
        await state.clear()
    await callback.answer()
    await settle(callback.message, t("feedback-thanks-rating", rating=callback_data.rating))


@router.message(StateFilter(FeedbackForm.comment), Magic(F.text))
async def comment(message: Message, t: Translate, repos: Repos, state: FSMContext, lifecycle: SessionLifecycle) -> None:
    assert message.from_user is not None and message.text is not None
    text = message.text.strip()
    if len(text) > COMMENT_LIMIT:
        await message.answer(t("feedback-comment-too-long", length=len(text), limit=COMMENT_LIMIT))
        return
    data = await state.get_data()
    session_id = int(data.get("session_id", 0))
    await state.clear()
    if not await repos.schedule.comment(session_id, message.from_user.id, text):
        await message.answer(t("feedback-not-available"))
        return
    await message.answer(t("feedback-thanks"))
    await lifecycle.feedback_changed(session_id)


@router.message(StateFilter(FeedbackForm.comment))
async def comment_not_text(message: Message, t: Translate) -> None:
    await message.answer(t("feedback-comment-text"))
