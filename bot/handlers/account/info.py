"""Commands that work at any step in a private chat: /cancel, /help, /privacy, /my, /delete_me."""

from __future__ import annotations

from aiogram import F
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message, ReplyKeyboardRemove

from bot.config import Settings
from bot.consent import CONSENT_EDITION, CONSENT_VERSION, edition
from bot.handlers.account.callbacks import DeleteMeAnswer, DeleteMeCb
from bot.handlers.account.keyboards import delete_me_kb
from bot.handlers.ideas.find import leave_search
from bot.handlers.ideas.page_screen import my_screen
from bot.handlers.ideas.states import FindIdeas, IdeaForm, PageAnswer
from bot.handlers.onboarding.keyboards import consent_review_kb, main_menu, privacy_kb
from bot.handlers.polls.states import PollForm
from bot.handlers.sessions.states import FeedbackForm, SessionAnnounce, SessionDraft, SessionEdit
from bot.handlers.staff.states import BroadcastDraft
from bot.services.privacy import Privacy
from bot.storage.models import User
from bot.storage.repositories import Repos
from bot.telegram.filters import Magic, MenuButton
from bot.telegram.i18n import Translate
from bot.telegram.messages import drop_keyboard
from bot.telegram.routes import Routes

router = Routes(name="info")
router.message.filter(Magic(F.chat.type == "private"))
router.callback_query.filter(Magic(F.message.chat.type == "private"))

# What /cancel says, by the kind of dialogue it ends.
CANCELLED = {
    IdeaForm.__name__: "idea-cancelled",
    BroadcastDraft.__name__: "bc-dropped",
    FeedbackForm.__name__: "feedback-cancelled",
    SessionDraft.__name__: "sadm-new-cancelled",
    SessionEdit.__name__: "sadm-edit-cancelled",
    SessionAnnounce.__name__: "sadm-announce-dropped",
    PollForm.__name__: "poll-cancelled",
    PageAnswer.__name__: "idea-answer-cancelled",
}


@router.message(Command("cancel"))
# The "near me" keyboard's «Отмена» left on screen after its step was left by a command: a cancel, never text for
# whatever step came next (the near step itself answers its own button).
@router.message(MenuButton("btn-cancel"), ~StateFilter(FindIdeas.place))
async def cmd_cancel(message: Message, t: Translate, state: FSMContext, user: User | None) -> None:
    current = await state.get_state()
    markup = main_menu(t) if user is not None and user.onboarded_at else None
    if current is None:
        await message.answer(t("nothing-to-cancel"), reply_markup=markup)  # the menu back, whatever was on screen
        return
    group = current.split(":", 1)[0]
    if group == FindIdeas.__name__:  # only the search ends: a dialogue it interrupted (a draft) goes on
        await leave_search(state)
        await message.answer(t("find-cancelled"), reply_markup=markup)
        return
    await state.clear()
    key = CANCELLED.get(group, "action-cancelled")
    await message.answer(t(key), reply_markup=markup)


@router.message(Command("help"))
@router.message(MenuButton("menu-help"))
async def cmd_help(message: Message, t: Translate) -> None:
    await message.answer(t("help"))


@router.message(Command("privacy"))
async def cmd_privacy(message: Message, t: Translate, settings: Settings, user: User | None) -> None:
    """A summary (what, why, how long, how to delete, the operator); the full consent text behind a button, and
    the current version to accept for whoever has only an older one."""
    contact = settings.operator_contact.strip()
    contact_line = t("privacy-contact", contact=contact) if contact else t("privacy-contact-none")
    outdated = user is not None and user.has_consent and not user.consents_to(CONSENT_VERSION)
    if user is None or not user.has_consent:
        status = t("privacy-status-none")
    elif outdated:
        status = t("privacy-status-outdated", accepted=edition(user.consent_version), version=CONSENT_EDITION)
    else:
        status = t("privacy-status-current", version=CONSENT_EDITION)
    text = t("privacy-summary", contact=contact_line, status=status)
    await message.answer(text, reply_markup=privacy_kb(t, outdated))


@router.message(Command("my"))
@router.message(MenuButton("menu-my"))
async def cmd_my(
    message: Message, t: Translate, lang: str, repos: Repos, settings: Settings, user: User | None
) -> None:
    if user is None:
        # No record: never accepted the consent, or deleted their data (/delete_me keeps nothing that names them,
        # so the two cannot be told apart). Their ideas, if any, stay without an author: none are theirs here.
        await message.answer(t("my-no-data"))
        return
    if not user.has_consent:
        await message.answer(t("consent-required"), reply_markup=consent_review_kb(t))
        return
    text, keyboard = await my_screen(t, lang, repos, settings.tz, user.id)
    await message.answer(text, reply_markup=keyboard if keyboard.inline_keyboard else None)


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
