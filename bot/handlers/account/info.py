"""Commands that work at any step in a private chat: /cancel, /help, /privacy, /my, /delete_me."""

from __future__ import annotations

from aiogram import F
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message, ReplyKeyboardRemove

from bot.config import Settings
from bot.consent import CONSENT_VERSION
from bot.handlers.account.callbacks import DeleteMeAnswer, DeleteMeCb
from bot.handlers.account.keyboards import delete_me_kb
from bot.handlers.ideas.states import IdeaForm
from bot.handlers.onboarding.keyboards import consent_review_kb, main_menu
from bot.handlers.polls.states import PollForm
from bot.handlers.sessions.states import FeedbackForm, SessionAnnounce, SessionDraft, SessionEdit
from bot.handlers.staff.states import BroadcastDraft
from bot.services.limits import fit
from bot.services.privacy import Privacy
from bot.services.timetext import DATE, as_local
from bot.storage.models import User
from bot.storage.repositories import Repos
from bot.telegram.filters import Magic, MenuButton
from bot.telegram.i18n import Translate
from bot.telegram.messages import drop_keyboard
from bot.telegram.routes import Routes

router = Routes(name="info")
router.message.filter(Magic(F.chat.type == "private"))
router.callback_query.filter(Magic(F.message.chat.type == "private"))

MY_LIMIT = 10
REASON_EXCERPT = 150  # characters; the list is fitted to one message (bot/services/limits.py)
EXCERPT = 80
# What /cancel says, by the kind of dialogue it ends.
CANCELLED = {
    IdeaForm.__name__: "idea-cancelled",
    BroadcastDraft.__name__: "bc-dropped",
    FeedbackForm.__name__: "feedback-cancelled",
    SessionDraft.__name__: "sadm-new-cancelled",
    SessionEdit.__name__: "sadm-edit-cancelled",
    SessionAnnounce.__name__: "sadm-announce-dropped",
    PollForm.__name__: "poll-cancelled",
}


@router.message(Command("cancel"))
async def cmd_cancel(message: Message, t: Translate, state: FSMContext, user: User | None) -> None:
    current = await state.get_state()
    if current is None:
        await message.answer(t("nothing-to-cancel"))
        return
    await state.clear()
    group = current.split(":", 1)[0]
    key = CANCELLED.get(group, "action-cancelled")
    markup = main_menu(t) if user is not None and user.onboarded_at else None
    await message.answer(t(key), reply_markup=markup)


@router.message(Command("help"))
@router.message(MenuButton("menu-help"))
async def cmd_help(message: Message, t: Translate) -> None:
    await message.answer(t("help"))


@router.message(Command("privacy"))
async def cmd_privacy(message: Message, t: Translate) -> None:
    await message.answer(t("privacy", version=CONSENT_VERSION))
    await message.answer(t("consent-text", version=CONSENT_VERSION))


@router.message(Command("my"))
@router.message(MenuButton("menu-my"))
async def cmd_my(
    message: Message, t: Translate, lang: str, repos: Repos, settings: Settings, user: User | None
) -> None:
    if user is None or not user.has_consent:
        await message.answer(t("consent-required"), reply_markup=consent_review_kb(t))
        return
    ideas, total = await repos.ideas.by_author(user.id, MY_LIMIT)
    if not ideas:
        await message.answer(t("my-empty"))
        return
    directions = {d.id: d for d in await repos.directions.all()}
    blocks = []
    for idea in ideas:
        text = " ".join(idea.text.split())
        excerpt = text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"
        line = t(
            "my-line",
            number=idea.id,
            status=t(f"status-{idea.status}"),
            direction=directions[idea.direction_id].label(lang),
            date=as_local(idea.created_at, settings.tz, DATE),
            excerpt=excerpt,
        )
        if idea.status == "rejected" and idea.reject_reason:
            reason = idea.reject_reason
            if len(reason) > REASON_EXCERPT:
                reason = reason[: REASON_EXCERPT - 1] + "…"
            line += "\n" + t("my-reason", reason=reason)
        blocks.append(line)
    listed = fit(
        [t("my-header", total=total)],
        blocks,
        more=lambda n: t("my-more", shown=total - n, total=total),
        hidden=max(0, total - len(ideas)),
        sep="\n\n",
    )
    await message.answer(listed.text)


@router.message(Command("delete_me"))
async def cmd_delete_me(message: Message, t: Translate, user: User | None, privacy: Privacy) -> None:
    if user is None or user.consent_status in {"declined", "withdrawn"}:
        await message.answer(t("delete-nothing"))
        return
    refusal = await privacy.refusal(user.id)
    if refusal is not None:
        await message.answer(t(refusal))
        return
    await message.answer(t("delete-ask"), reply_markup=delete_me_kb(t))


@router.callback_query(DeleteMeCb.filter())
async def delete_me_answer(
    callback: CallbackQuery, callback_data: DeleteMeCb, t: Translate, state: FSMContext, privacy: Privacy
) -> None:
    await callback.answer()
    if isinstance(callback.message, Message):
        await drop_keyboard(callback.message)
    if callback_data.answer is DeleteMeAnswer.KEEP:
        if isinstance(callback.message, Message):
            await callback.message.answer(t("delete-kept"))
        return
    person = callback.from_user.id
    refusal = await privacy.refusal(person)
    forgotten = None
    if refusal is None:
        await state.clear()  # before the rows go: clearing writes the conversation's row
        forgotten = await privacy.forget(person, state.storage)
    if forgotten is None:  # staff, or made staff (or started a broadcast) since the question
        if isinstance(callback.message, Message):
            await callback.message.answer(t(refusal or "delete-refused-organizer"))
        return
    if isinstance(callback.message, Message):
        await callback.message.answer(t("delete-done"), reply_markup=ReplyKeyboardRemove())
    await privacy.release(forgotten)
