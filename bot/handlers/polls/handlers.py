"""Session chats and polls: /bind_session, greetings, /poll, votes, /close_poll, /results.

Votes (poll and poll_answer updates) only go into PollService's memory buffer, written in batches: no
database round trip per vote. In the running bot they take a shortcut before the routers
(bot.telegram.middlewares.VotesFastPath); the handlers below declare the update types and serve without it.
Group commands are for staff (router filters on messages and button presses alike); a resident gets the
organizers' refusal. Group chats are shared, so what the bot posts there for everyone (greetings,
results) is in the hub's DEFAULT_LOCALE; answers to a command are in the language of the one who sent it.
"""

from __future__ import annotations

import logging
import re
from datetime import timedelta

from aiogram import Bot, F
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest
from aiogram.filters import Command, CommandObject, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message, PollAnswer
from aiogram.types import Poll as TgPoll

from bot.clock import now
from bot.config import Settings
from bot.handlers.polls.callbacks import BindSessionCb, DraftAction, PollDraftCb, ResultsAction, ResultsCb
from bot.handlers.polls.keyboards import (
    POLL_CLOSE_CHOICES,
    bind_session_kb,
    poll_chats_kb,
    poll_close_kb,
    poll_confirm_kb,
    poll_list_kb,
    poll_options_done_kb,
    poll_quiz_kb,
    poll_settings_kb,
)
from bot.handlers.polls.states import PollForm
from bot.services.polls import (
    CLOSE_MAX,
    CLOSE_MIN,
    CLOSE_WORDS,
    OPTION_MAX,
    OPTIONS_MAX,
    OPTIONS_MIN,
    QUESTION_MAX,
    PollDraft,
    PollProblem,
    PollService,
    check_close_after,
    check_draft,
    check_option,
    check_options,
    check_question,
    draft_text,
    message_link,
    parse_one_line,
)
from bot.services.timetext import duration_text, local, parse_duration, when_text
from bot.storage.polls import Poll, PostingChat
from bot.storage.repositories import Repos
from bot.storage.sessions import Session
from bot.telegram.filters import IsStaff, Magic, Typed
from bot.telegram.i18n import Translate
from bot.telegram.messages import settle, show
from bot.telegram.routes import Routes

log = logging.getLogger(__name__)

GROUPS = {"group", "supergroup"}
LABEL = 48  # characters of a title or question on a button
LIST_LIMIT = 20  # polls listed by /results in a group
PAGE_SIZE = 8  # polls per page of /results in private
NOT_COMMAND = Typed()

router = Routes(name="polls")

votes = Routes(name="poll-votes")

greetings = Routes(name="poll-greetings")
greetings.message.filter(Magic(F.new_chat_members), Magic(F.chat.type.in_(GROUPS)))

group_staff = Routes(name="polls-group")
group_staff.message.filter(Magic(F.chat.type.in_(GROUPS)), IsStaff())
group_staff.callback_query.filter(Magic(F.message.chat.type.in_(GROUPS)), IsStaff())

private_staff = Routes(name="polls-private")
private_staff.message.filter(Magic(F.chat.type == "private"), IsStaff())
private_staff.callback_query.filter(Magic(F.message.chat.type == "private"), IsStaff())

refusals = Routes(name="polls-refusals")

router.include_routers(votes, greetings, group_staff, private_staff, refusals)


# --- votes: into memory, written in batches (see VotesFastPath) ----------------------------------


@votes.poll_answer()
async def on_poll_answer(poll_answer: PollAnswer, polls: PollService) -> None:
    polls.take_answer(poll_answer)


@votes.poll()
async def on_poll_state(poll: TgPoll, polls: PollService) -> None:
    polls.take_state(poll)


# --- greetings in a bound chat --------------------------------------------------------------------


@greetings.message()
async def on_new_members(message: Message, repos: Repos, polls: PollService) -> None:
    if await repos.polls.chat(message.chat.id) is None:
        return
    people = [(u.id, u.full_name) for u in message.new_chat_members or [] if not u.is_bot]
    polls.joined(message.chat.id, people)


# --- helpers -----------------------------------------------------------------------------------------


def _cut(text: str, limit: int = LABEL) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _problem(t: Translate, problem: PollProblem) -> str:
    return t(problem.key, **problem.args_)


def _session_label(t: Translate, session: Session, settings: Settings) -> str:
    number = t("number-label", number=session.id)
    return f"{number} · {_cut(session.title, 32)} · {local(session.starts_at, settings.tz)}"


def _poll_label(t: Translate, poll: Poll) -> str:
    return f"{'🟢' if poll.is_open else '🔒'} {t('number-label', number=poll.id)} · {_cut(poll.question)}"


def _chat_label(chat: PostingChat) -> str:
    return f"{_cut(chat.chat_title or str(chat.chat_id), 24)} · {_cut(chat.session.title, 24)}"


def _bindable(session: Session | None) -> bool:
    return session is not None and session.status == "scheduled" and session.ends_at > now()


async def _bind(message: Message, session: Session, by: int, t: Translate, repos: Repos, settings: Settings) -> str:
    previous = await repos.polls.bind_chat(message.chat.id, session.id, message.chat.title, by)
    when = when_text(session, settings.tz)
    if previous is None:
        return t("bind-session-done", title=session.title, when=when)
    if previous == session.id:
        return t("bind-session-same", title=session.title, when=when)
    old = await repos.sessions.get(previous)
    return t("bind-session-moved", old=old.title if old else f"#{previous}", title=session.title, when=when)


# --- group: /bind_session -----------------------------------------------------------------------------


@group_staff.message(Command("bind_session"))
async def cmd_bind_session(
    message: Message, command: CommandObject, t: Translate, repos: Repos, settings: Settings
) -> None:
    assert message.from_user is not None
    arg = (command.args or "").strip().lstrip("#№")
    if arg:
        if not re.fullmatch(r"[0-9]{1,9}", arg):  # str.isdigit() also takes "²", int() does not
            await message.reply(t("bind-session-usage"))
            return
        session = await repos.sessions.get(int(arg))
        if session is None:
            await message.reply(t("bind-session-unknown", number=int(arg)))
            return
        if not _bindable(session):
            await message.reply(t("bind-session-over", title=session.title))
            return
        await message.reply(await _bind(message, session, message.from_user.id, t, repos, settings))
        return
    sessions = await repos.polls.bindable_sessions(now())
    if not sessions:
        await message.reply(t("bind-session-none"))
        return
    labels = [(s.id, _session_label(t, s, settings)) for s in sessions]
    await message.reply(t("bind-session-ask"), reply_markup=bind_session_kb(labels))


@group_staff.callback_query(BindSessionCb.filter())
async def bind_session_pick(
    callback: CallbackQuery, callback_data: BindSessionCb, t: Translate, repos: Repos, settings: Settings
) -> None:
    session = await repos.sessions.get(callback_data.session_id)
    if not isinstance(callback.message, Message):
        await callback.answer(t("button-outdated"), show_alert=True)
        return
    if not _bindable(session):
        await callback.answer(t("bind-session-gone"), show_alert=True)
        return
    assert session is not None
    await callback.answer()
    await settle(callback.message, await _bind(callback.message, session, callback.from_user.id, t, repos, settings))


# --- group: /poll in one line -------------------------------------------------------------------------


@group_staff.message(Command("poll"))
async def cmd_poll_group(
    message: Message, command: CommandObject, t: Translate, repos: Repos, polls: PollService
) -> None:
    assert message.from_user is not None
    bound = await repos.polls.chat(message.chat.id)
    if bound is None:
        await message.reply(t("poll-not-bound"))
        return
    if not (command.args or "").strip():
        await message.reply(t("poll-help", qmax=QUESTION_MAX, omax=OPTION_MAX, min=OPTIONS_MIN, max=OPTIONS_MAX))
        return
    try:
        draft = parse_one_line(command.args or "")
    except PollProblem as problem:
        await message.reply(_problem(t, problem) + "\n" + t("poll-help-short"))
        return
    thread_id = message.message_thread_id if message.is_topic_message else None
    try:
        await polls.post(draft, message.chat.id, bound.session_id, message.from_user.id, thread_id)
    except TelegramBadRequest as exc:
        log.warning("poll in %s refused by Telegram: %s", message.chat.id, exc.message)
        await message.reply(t("poll-post-failed"))


# --- group: /close_poll and /results --------------------------------------------------------------------


async def _replied_poll(message: Message, t: Translate, repos: Repos, missing_key: str) -> Poll | None:
    """The bot's poll this command answers, or None after saying what to do."""
    target = message.reply_to_message
    if target is None or target.forum_topic_created is not None:
        await message.reply(t(missing_key))
        return None
    poll = await repos.polls.by_message(message.chat.id, target.message_id)
    if poll is None:
        await message.reply(t("poll-not-ours"))
    return poll


@group_staff.message(Command("close_poll"))
async def cmd_close_poll(message: Message, t: Translate, repos: Repos, polls: PollService) -> None:
    poll = await _replied_poll(message, t, repos, "poll-close-reply")
    if poll is None:
        return
    if not poll.is_open:
        await message.reply(t("poll-already-closed"))
        return
    try:
        outcome = await polls.close(poll.id)
    except TelegramAPIError as exc:
        log.warning("poll %s could not be closed: %s", poll.id, exc)
        await message.reply(t("poll-close-failed"))
        return
    if outcome != "closed":
        await message.reply(t("poll-already-closed"))


@group_staff.message(Command("results"))
async def cmd_results_group(message: Message, t: Translate, repos: Repos, polls: PollService) -> None:
    if message.reply_to_message is not None and message.reply_to_message.forum_topic_created is None:
        poll = await _replied_poll(message, t, repos, "poll-close-reply")
        if poll is not None:
            current = await polls.current(poll.id)
            assert current is not None
            await polls.send_results(current, message.chat.id, polls.group_t, reply_to=poll.message_id)
        return
    bound = await repos.polls.chat(message.chat.id)
    if bound is None:
        await message.reply(t("poll-not-bound"))
        return
    session_polls = (await repos.polls.of_session(bound.session_id))[-LIST_LIMIT:]
    if not session_polls:
        await message.reply(t("poll-results-none"))
        return
    labels = [(p.id, _poll_label(t, p)) for p in reversed(session_polls)]
    await message.reply(t("poll-results-pick", count=len(session_polls)), reply_markup=poll_list_kb(t, labels))


@group_staff.callback_query(ResultsCb.filter(F.action == ResultsAction.SHOW))
async def results_pick_group(
    callback: CallbackQuery, callback_data: ResultsCb, t: Translate, polls: PollService
) -> None:
    poll = await polls.current(callback_data.poll_id)
    if poll is None or not isinstance(callback.message, Message):
        await callback.answer(t("button-outdated"), show_alert=True)
        return
    await callback.answer()
    chat_id = callback.message.chat.id
    reply_to = poll.message_id if poll.chat_id == chat_id else None
    await polls.send_results(poll, chat_id, polls.group_t, reply_to=reply_to)


@group_staff.callback_query(ResultsCb.filter())
@group_staff.callback_query(PollDraftCb.filter())
async def group_button_outdated(callback: CallbackQuery, t: Translate) -> None:
    await callback.answer(t("button-outdated"), show_alert=True)


# --- private: group-only commands ----------------------------------------------------------------------


@private_staff.message(Command("bind_session", "close_poll"))
async def group_only(message: Message, t: Translate, command: CommandObject) -> None:
    await message.answer(t("poll-group-only", command="/" + command.command))


# --- private: /results ---------------------------------------------------------------------------------


async def _results_page(t: Translate, repos: Repos, page: int) -> tuple[str, list[tuple[int, str]], int]:
    found, total = await repos.polls.recent(page * PAGE_SIZE, PAGE_SIZE)
    pages = max(1, -(-total // PAGE_SIZE))
    if not total:
        return t("poll-list-empty"), [], 1
    return t("poll-list", total=total, page=page + 1, pages=pages), [(p.id, _poll_label(t, p)) for p in found], pages


@private_staff.message(Command("results"))
async def cmd_results_private(message: Message, t: Translate, repos: Repos) -> None:
    text, labels, pages = await _results_page(t, repos, 0)
    await message.answer(text, reply_markup=poll_list_kb(t, labels, 0, pages) if labels else None)


@private_staff.callback_query(ResultsCb.filter(F.action == ResultsAction.PAGE))
async def results_page(callback: CallbackQuery, callback_data: ResultsCb, t: Translate, repos: Repos) -> None:
    page = callback_data.page
    text, labels, pages = await _results_page(t, repos, page)
    if page >= pages:
        await callback.answer(t("button-outdated"), show_alert=True)
        return
    await callback.answer()
    await show(callback.message, text, poll_list_kb(t, labels, page, pages))


@private_staff.callback_query(ResultsCb.filter(F.action == ResultsAction.SHOW))
async def results_pick_private(
    callback: CallbackQuery, callback_data: ResultsCb, t: Translate, polls: PollService
) -> None:
    poll = await polls.current(callback_data.poll_id)
    if poll is None:
        await callback.answer(t("button-outdated"), show_alert=True)
        return
    await callback.answer()
    await polls.send_results(poll, callback.from_user.id, t)


# --- private: /poll step by step ------------------------------------------------------------------------

DRAFT_STATES = (PollForm.question, PollForm.options, PollForm.settings, PollForm.close_typed, PollForm.chat)


async def _draft(state: FSMContext) -> PollDraft:
    return PollDraft.from_state(await state.get_data())


async def _show_settings(message: Message, t: Translate, state: FSMContext, draft: PollDraft) -> None:
    """The draft with its setting buttons, as a new message."""
    await state.set_state(PollForm.settings)
    await state.update_data(**draft.to_state())
    await message.answer(draft_text(t, draft), reply_markup=poll_settings_kb(t, draft))


@private_staff.message(Command("poll"))
async def cmd_poll_private(message: Message, command: CommandObject, t: Translate, state: FSMContext) -> None:
    args = (command.args or "").strip()
    if args:  # the one-line form works here too: straight to the settings and the choice of chat
        try:
            draft = parse_one_line(args)
        except PollProblem as problem:
            await message.answer(_problem(t, problem) + "\n" + t("poll-help-short"))
            return
        await state.set_data({})
        await _show_settings(message, t, state, draft)
        return
    await state.set_state(PollForm.question)
    await state.set_data({})
    await message.answer(t("poll-ask-question", max=QUESTION_MAX))


@private_staff.message(StateFilter(PollForm.question), NOT_COMMAND)
async def draft_question(message: Message, t: Translate, state: FSMContext) -> None:
    if not message.text:
        await message.answer(t("poll-need-text"))
        return
    try:
        question = check_question(message.text)
    except PollProblem as problem:
        await message.answer(_problem(t, problem))
        return
    await state.set_state(PollForm.options)
    await state.update_data(question=question, options=[])
    await message.answer(t("poll-ask-options", min=OPTIONS_MIN, max=OPTIONS_MAX))


@private_staff.message(StateFilter(PollForm.options), NOT_COMMAND)
async def draft_option(message: Message, t: Translate, state: FSMContext, bot: Bot) -> None:
    if not message.text:
        await message.answer(t("poll-need-text"))
        return
    data = await state.get_data()
    draft = PollDraft.from_state(data)
    options = list(draft.options)
    try:
        for line in (line for line in message.text.split("\n") if line.strip()):
            if len(options) >= OPTIONS_MAX:
                raise PollProblem("poll-err-options-many", max=OPTIONS_MAX, count=len(options) + 1)
            options.append(check_option(line, len(options) + 1, options))
    except PollProblem as problem:
        await message.answer(_problem(t, problem))
        return
    previous = data.get("ack")  # the last answer that carries the Done button: it moves to the newest one
    if isinstance(previous, int):
        try:
            await bot.edit_message_reply_markup(chat_id=message.chat.id, message_id=previous, reply_markup=None)
        except TelegramBadRequest as exc:
            log.debug("keyboard of %s not removed: %s", previous, exc.message)
    draft.options = options
    if len(options) == OPTIONS_MAX:
        await message.answer(t("poll-options-full", max=OPTIONS_MAX))
        await _show_settings(message, t, state, draft)
        return
    ready = len(options) >= OPTIONS_MIN
    ack = await message.answer(
        t("poll-option-added", count=len(options), min=OPTIONS_MIN, max=OPTIONS_MAX),
        reply_markup=poll_options_done_kb(t) if ready else None,
    )
    await state.update_data(options=options, ack=ack.message_id if ready else None)


@private_staff.message(StateFilter(PollForm.close_typed), NOT_COMMAND)
async def draft_close_typed(message: Message, t: Translate, state: FSMContext) -> None:
    raw = message.text or ""
    try:
        close_after = check_close_after(parse_duration(raw), raw)
    except PollProblem as problem:
        await message.answer(_problem(t, problem))
        return
    draft = await _draft(state)
    draft.close_after = close_after
    await _show_settings(message, t, state, draft)


@private_staff.message(StateFilter(PollForm.settings, PollForm.chat), NOT_COMMAND)
async def draft_use_buttons(message: Message, t: Translate, state: FSMContext, repos: Repos) -> None:
    """The hint carries the buttons it asks for (the question's own message may never have arrived)."""
    if await state.get_state() == PollForm.chat.state:
        chats = await _posting_chats(repos)
        markup = poll_chats_kb(t, [(c.chat_id, _chat_label(c)) for c in chats])
    else:
        markup = poll_settings_kb(t, await _draft(state))
    await message.answer(t("poll-use-buttons"), reply_markup=markup)


@private_staff.callback_query(PollDraftCb.filter(F.action == DraftAction.DROP), StateFilter(*DRAFT_STATES))
async def draft_drop(callback: CallbackQuery, t: Translate, state: FSMContext) -> None:
    await state.clear()
    await callback.answer()
    await settle(callback.message, t("poll-cancelled"))


@private_staff.callback_query(PollDraftCb.filter(F.action == DraftAction.DONE), StateFilter(PollForm.options))
async def draft_options_done(callback: CallbackQuery, t: Translate, state: FSMContext) -> None:
    draft = await _draft(state)
    if len(draft.options) < OPTIONS_MIN:
        await callback.answer(t("poll-err-options-few", min=OPTIONS_MIN), show_alert=True)
        return
    await callback.answer()
    await settle(callback.message, t("poll-options-saved", count=len(draft.options)))
    if isinstance(callback.message, Message):
        await _show_settings(callback.message, t, state, draft)


DRAFT_SETTINGS = {
    DraftAction.ANONYMOUS,
    DraftAction.MULTIPLE,
    DraftAction.CORRECT,
    DraftAction.NO_QUIZ,
    DraftAction.CLOSE_AFTER,
    DraftAction.CLOSE_TYPED,
    DraftAction.BACK,
}


@private_staff.callback_query(
    PollDraftCb.filter(F.action.in_(DRAFT_SETTINGS)), StateFilter(PollForm.settings, PollForm.chat)
)
async def draft_setting(callback: CallbackQuery, callback_data: PollDraftCb, t: Translate, state: FSMContext) -> None:
    draft = await _draft(state)
    action = callback_data.action
    note: str | None = None
    if action == DraftAction.ANONYMOUS:
        draft.anonymous = not draft.anonymous
    elif action == DraftAction.MULTIPLE:
        draft.multiple = not draft.multiple
        if draft.multiple and draft.correct is not None:
            draft.correct = None
            note = t("poll-quiz-off")
    elif action == DraftAction.CORRECT:
        if not 0 <= callback_data.option < len(draft.options):
            await callback.answer(t("button-outdated"), show_alert=True)
            return
        draft.correct = callback_data.option
        if draft.multiple:
            draft.multiple = False
            note = t("poll-multi-off")
    elif action == DraftAction.NO_QUIZ:
        draft.correct = None
    elif action == DraftAction.CLOSE_TYPED:
        await state.set_state(PollForm.close_typed)
        await callback.answer()
        await settle(callback.message, draft_text(t, draft))
        if isinstance(callback.message, Message):
            await callback.message.answer(
                t(
                    "poll-ask-close",
                    min=duration_text(t, CLOSE_MIN, CLOSE_WORDS),
                    max=duration_text(t, CLOSE_MAX, CLOSE_WORDS),
                )
            )
        return
    elif action == DraftAction.CLOSE_AFTER:
        if callback_data.minutes not in POLL_CLOSE_CHOICES:
            await callback.answer(t("button-outdated"), show_alert=True)
            return
        draft.close_after = timedelta(minutes=callback_data.minutes) if callback_data.minutes else None
    await state.set_state(PollForm.settings)
    await state.update_data(**draft.to_state())
    await callback.answer(note)
    await show(callback.message, draft_text(t, draft), poll_settings_kb(t, draft))


@private_staff.callback_query(
    PollDraftCb.filter(F.action.in_({DraftAction.QUIZ, DraftAction.CLOSE})), StateFilter(PollForm.settings)
)
async def draft_submenu(callback: CallbackQuery, callback_data: PollDraftCb, t: Translate, state: FSMContext) -> None:
    draft = await _draft(state)
    await callback.answer()
    if callback_data.action == DraftAction.QUIZ:
        text, markup = draft_text(t, draft) + "\n\n" + t("poll-ask-correct"), poll_quiz_kb(t, len(draft.options))
    else:
        text, markup = draft_text(t, draft) + "\n\n" + t("poll-ask-close-choice"), poll_close_kb(t)
    await show(callback.message, text, markup)


async def _posting_chats(repos: Repos) -> list[PostingChat]:
    return await repos.polls.posting_chats(now())


@private_staff.callback_query(
    PollDraftCb.filter(F.action == DraftAction.CHATS), StateFilter(PollForm.settings, PollForm.chat)
)
async def draft_pick_chat(callback: CallbackQuery, t: Translate, state: FSMContext, repos: Repos) -> None:
    chats = await _posting_chats(repos)
    await callback.answer()
    await state.set_state(PollForm.chat)
    await state.update_data(chat_id=None)
    text = t("poll-ask-chat") if chats else t("poll-no-chats")
    await show(callback.message, text, poll_chats_kb(t, [(c.chat_id, _chat_label(c)) for c in chats]))


@private_staff.callback_query(PollDraftCb.filter(F.action == DraftAction.CHAT), StateFilter(PollForm.chat))
async def draft_chat(
    callback: CallbackQuery,
    callback_data: PollDraftCb,
    t: Translate,
    state: FSMContext,
    repos: Repos,
    settings: Settings,
) -> None:
    chats = await _posting_chats(repos)
    chat = next((c for c in chats if c.chat_id == callback_data.chat_id), None)
    if chat is None:
        await callback.answer(t("poll-chat-gone"), show_alert=True)
        await show(callback.message, t("poll-ask-chat") if chats else t("poll-no-chats"),
                   poll_chats_kb(t, [(c.chat_id, _chat_label(c)) for c in chats]))  # fmt: skip
        return
    await state.update_data(chat_id=chat.chat_id)
    await callback.answer()
    draft = await _draft(state)
    confirm = t(
        "poll-confirm",
        chat=chat.chat_title or str(chat.chat_id),
        session=chat.session.title,
        when=when_text(chat.session, settings.tz),
    )
    await show(callback.message, draft_text(t, draft) + "\n\n" + confirm, poll_confirm_kb(t))


@private_staff.callback_query(PollDraftCb.filter(F.action == DraftAction.POST), StateFilter(PollForm.chat))
async def draft_post(
    callback: CallbackQuery, t: Translate, state: FSMContext, repos: Repos, polls: PollService
) -> None:
    data = await state.get_data()
    chats = await _posting_chats(repos)
    chat = next((c for c in chats if c.chat_id == data.get("chat_id")), None)
    if chat is None:
        await callback.answer(t("poll-chat-gone"), show_alert=True)
        return
    draft = PollDraft.from_state(data)
    try:
        check_question(draft.question)
        draft.options = check_options(draft.options)
        check_draft(draft)
    except PollProblem as problem:
        await callback.answer(_problem(t, problem), show_alert=True)
        return
    try:
        poll = await polls.post(draft, chat.chat_id, chat.session.id, callback.from_user.id)
    except TelegramAPIError as exc:
        log.warning("poll draft of %s refused in %s: %s", callback.from_user.id, chat.chat_id, exc)
        await callback.answer(t("poll-post-failed"), show_alert=True)
        return
    await state.clear()
    await callback.answer()
    link = message_link(poll.chat_id, poll.message_id or 0)
    title = chat.chat_title or str(chat.chat_id)
    text = t("poll-posted", number=poll.id, chat=title)
    if link:
        text += "\n" + t("poll-posted-link", link=link)
    await settle(callback.message, text)


@private_staff.callback_query(PollDraftCb.filter())
async def draft_gone(callback: CallbackQuery, t: Translate) -> None:
    """A draft button whose step is over (published, dropped, or another step is on)."""
    await callback.answer(t("poll-draft-gone"), show_alert=True)


@private_staff.callback_query(BindSessionCb.filter())
async def private_button_outdated(callback: CallbackQuery, t: Translate) -> None:
    await callback.answer(t("button-outdated"), show_alert=True)


# --- everyone else ---------------------------------------------------------------------------------------
# /poll and /results from non-staff are refused by roles.refusal_router (organizer commands).


@refusals.message(Command("bind_session", "close_poll"))
async def refuse_command(message: Message, t: Translate, command: CommandObject) -> None:
    log.info("refused /%s from %s", command.command, message.from_user.id if message.from_user else None)
    await message.reply(t("roles-refused-organizer", command="/" + command.command))


@refusals.callback_query(BindSessionCb.filter())
@refusals.callback_query(ResultsCb.filter())
@refusals.callback_query(PollDraftCb.filter())
async def refuse_press(callback: CallbackQuery, t: Translate) -> None:
    log.info("refused poll button from %s: %s", callback.from_user.id, callback.data)
    await callback.answer(t("not-allowed"), show_alert=True)
