"""After a session: an attendee rates it (1–5) and may add a comment (with consent to the current version of the
text, which names ratings and feedback; someone with an older one is asked for it first)."""

from __future__ import annotations

import logging
from datetime import timedelta

from aiogram import F
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.clock import now, now_iso, parse_iso
from bot.handlers.onboarding.gate import ask_renewal
from bot.handlers.sessions.callbacks import FeedbackAction, FeedbackCb
from bot.handlers.sessions.messages import rating_kb, rating_row
from bot.handlers.sessions.states import FeedbackForm
from bot.services.lifecycle import SessionLifecycle
from bot.storage.repositories import Repos
from bot.telegram.filters import ConsentCurrent, HasConsent, Magic, Typed
from bot.telegram.i18n import Translate
from bot.telegram.keyboards import button, markup
from bot.telegram.messages import settle, show
from bot.telegram.routes import Routes
from bot.text import INVISIBLE, has_visible, tidy, too_long

log = logging.getLogger(__name__)
COMMENT_LIMIT = 1000
COMMENT_WINDOW = timedelta(minutes=30)  # a comment is the message that follows the rating, not one days later

router = Routes(name="feedback")
router.message.filter(HasConsent(), Magic(F.chat.type == "private"))
router.callback_query.filter(HasConsent())


def comment_kb(t: Translate, session_id: int, rating: int) -> InlineKeyboardMarkup:
    """The rating can still be changed; or finish without a comment."""
    skip = FeedbackCb(action=FeedbackAction.SKIP_COMMENT, session_id=session_id, rating=rating)
    return markup([rating_row(session_id), [button(t("feedback-btn-skip"), skip)]])


@router.callback_query(FeedbackCb.filter(), ~ConsentCurrent())
async def rate_needs_renewal(callback: CallbackQuery, t: Translate, state: FSMContext) -> None:
    """Consent to an older version only (asked once already): ratings need the current one."""
    await callback.answer()
    if isinstance(callback.message, Message):
        await ask_renewal(callback.message, t, state, None)


@router.callback_query(FeedbackCb.filter(F.action == FeedbackAction.RATE))
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
    current = await state.get_state()
    if current is not None and current != FeedbackForm.comment.state:
        # In the middle of something else (an idea, a new session…): that stays as it is; the rating is saved.
        await callback.answer(t("feedback-thanks-rating", rating=callback_data.rating))
        await show(
            callback.message,
            t("feedback-rated-busy", rating=callback_data.rating),
            rating_kb(t, callback_data.session_id),
        )
        await lifecycle.feedback_changed(callback_data.session_id)
        return
    await state.set_state(FeedbackForm.comment)
    await state.set_data(
        {"session_id": callback_data.session_id, "rating": callback_data.rating, "asked_at": now_iso()}
    )
    await callback.answer()
    await show(
        callback.message,
        t("feedback-rated", rating=callback_data.rating),
        comment_kb(t, callback_data.session_id, callback_data.rating),
    )
    await lifecycle.feedback_changed(callback_data.session_id)


@router.callback_query(FeedbackCb.filter(F.action == FeedbackAction.SKIP_COMMENT))
async def skip_comment(callback: CallbackQuery, callback_data: FeedbackCb, t: Translate, state: FSMContext) -> None:
    data = await state.get_data()
    if await state.get_state() == FeedbackForm.comment.state and data.get("session_id") == callback_data.session_id:
        await state.clear()
    await callback.answer()
    await settle(callback.message, t("feedback-thanks-rating", rating=callback_data.rating))


@router.message(StateFilter(FeedbackForm.comment), Typed(text=True))
async def comment(message: Message, t: Translate, repos: Repos, state: FSMContext, lifecycle: SessionLifecycle) -> None:
    assert message.from_user is not None and message.text is not None
    text = tidy(message.text)
    if not has_visible(text):
        await message.answer(t(INVISIBLE))
        return
    over = too_long(text, COMMENT_LIMIT)
    if over is not None:
        await message.answer(t("feedback-comment-too-long", length=over, limit=COMMENT_LIMIT))
        return
    data = await state.get_data()
    session_id = int(data.get("session_id", 0))
    await state.clear()
    asked = data.get("asked_at")
    if not asked or now() - parse_iso(str(asked)) > COMMENT_WINDOW:
        # Days later a message is not an answer to the rating: don't show it to the organizers.
        await message.answer(t("feedback-comment-late", rating=int(data.get("rating", 0))))
        return
    if not await repos.schedule.comment(session_id, message.from_user.id, text):
        await message.answer(t("feedback-not-available"))
        return
    await message.answer(t("feedback-thanks"))
    await lifecycle.feedback_changed(session_id)


@router.message(StateFilter(FeedbackForm.comment), Typed())
async def comment_not_text(message: Message, t: Translate, state: FSMContext) -> None:
    data = await state.get_data()
    markup = comment_kb(t, int(data.get("session_id", 0)), int(data.get("rating", 0)))
    await message.answer(t("feedback-comment-text"), reply_markup=markup)  # the hint names the skip button
