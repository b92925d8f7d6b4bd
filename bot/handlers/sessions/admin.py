"""Organizers' side of project sessions: /new_session, the management screen, /announce.

Every button carries the session's number; each press re-reads the session and acts only if its state
still allows it. Creating and announcing are confirmed with a token kept in the draft, so a double
press (or an update re-delivered after a restart) creates one session or one announcement.

The handlers get the organizer's language and the hub's settings as one ``screen`` (see `Screens`); those that
manage a session get a ``desk`` (see `Desk`): the screen with the bot and the `SessionAdmin` through which they
read the session they manage and make every change.
"""

from __future__ import annotations

import asyncio
import logging
import math
import re
import secrets
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import Bot, F
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command, CommandObject, StateFilter, or_f
from aiogram.fsm.context import FSMContext
from aiogram.types import (
    CallbackQuery,
    FSInputFile,
    InaccessibleMessage,
    InlineKeyboardMarkup,
    Message,
    TelegramObject,
)

from bot.clock import now, to_iso
from bot.handlers.projects.keyboards import announce_projects_rows, session_projects_button
from bot.handlers.sessions.admin_screens import (
    announce_audience_kb,
    announce_confirm_kb,
    announce_pick_kb,
    back_kb,
    cancel_ask_view,
    draft_deadline_kb,
    draft_directions_kb,
    draft_fields_kb,
    draft_summary_kb,
    edit_ask_view,
    edit_deadline_kb,
    edit_directions_kb,
    manage_kb,
    manage_text,
    overview_kb,
    overview_text,
    people_kb,
    people_text,
    summary_text,
    waitlist_text,
)
from bot.handlers.sessions.callbacks import (
    AnnounceAction,
    AnnounceCb,
    DraftAction,
    ManageAction,
    PeopleAction,
    SessionDraftCb,
    SessionManageCb,
    SessionPeopleCb,
)
from bot.handlers.sessions.screens import Screen, Screens, announcement_kb, card_text
from bot.handlers.sessions.states import SessionAnnounce, SessionDraft, SessionEdit
from bot.handlers.staff.broadcast import launch
from bot.services.broadcast import BroadcastWorker
from bot.services.lifecycle import SessionLifecycle
from bot.services.limits import toast
from bot.services.registration import CHECKIN_OPENS
from bot.services.sessions_admin import (
    CAPACITY_MAX,
    DESCRIPTION_MAX,
    EDIT_FIELDS,
    LENGTH_WORDS,
    LIST_PAGE,
    PEOPLE_PAGE,
    PLACE_MAX,
    RECENT_DAYS,
    STEPS,
    TITLE_MAX,
    WAITLIST_SHOWN,
    Draft,
    Read,
    SessionAdmin,
    deep_link,
    notice_for,
    person_name,
    problem_key,
    read_capacity,
    read_deadline,
    read_duration,
    read_start,
    read_text,
    write_people_csv,
)
from bot.services.timetext import DATE, FILE_STAMP, duration_text, local
from bot.services.when import latest, too_far
from bot.storage.broadcasts import Audience
from bot.storage.repositories import Repos
from bot.storage.sessions import Change, Session
from bot.telegram.bundles import bundle
from bot.telegram.filters import IsStaff, Magic, Typed
from bot.telegram.i18n import Html, Translate
from bot.telegram.messages import drop_keyboard, set_keyboard, settle, show
from bot.telegram.routes import Routes

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Desk:
    """An organizer at the sessions' management: their screen, the bot (the sessions' links) and `SessionAdmin`."""

    screen: Screen
    bot: Bot
    sessions_admin: SessionAdmin

    @property
    def t(self) -> Translate:
        return self.screen.t

    async def load(self, callback: CallbackQuery, session_id: int, scheduled: bool = False) -> Session | None:
        """The session a button is about, re-read; None (and the person told why) if it is gone or closed."""
        session = await self.sessions_admin.session(session_id)
        if session is None:
            await callback.answer(self.t("sadm-session-missing"), show_alert=True)
            return None
        if scheduled and session.status != "scheduled":
            await callback.answer(self.t("sadm-session-closed"), show_alert=True)
            return None
        return session

    async def view(self, session: Session) -> tuple[str, InlineKeyboardMarkup]:
        """The session's management screen."""
        me = await self.bot.me()
        direction = await self.sessions_admin.direction(session.direction_id)
        at = now()
        link = deep_link(me.username, session.id)
        repos = self.sessions_admin.repos
        tied = await repos.session_projects.of_session(session.id)
        projects = (tied, await repos.session_projects.people(session.id) if tied else 0)
        text = manage_text(self.t, session, direction, self.screen.lang, self.screen.tz, link, at, projects)
        extra = [[session_projects_button(self.t, session.id, len(tied))]]  # issue 15: the session's projects
        return text, manage_kb(self.t, session, at, extra)

    async def redraw(self, callback: CallbackQuery, session: Session) -> None:
        """The management screen, as it is now, in the message pressed on."""
        await show(callback.message, *await self.view(session))


async def desking(event: TelegramObject, **data: Any) -> dict[str, Desk]:
    """A router filter that hands the handlers their `desk` (it comes after `Screens`)."""
    return {"desk": bundle(Desk, data)}


router = Routes(name="sessions_admin")

staff = Routes(name="sessions-admin-staff")
staff.message.filter(IsStaff(), Magic(F.chat.type == "private"), Screens(), desking)
staff.callback_query.filter(IsStaff(), Screens(), desking)

# Everyone else pressing a session management button (an old message, a forged callback): refused.
# /new_session and /announce from residents are refused by roles.refusal_router (organizer commands).
refusals = Routes(name="sessions-admin-refusals")

router.include_routers(staff, refusals)

TYPED = Typed()  # anything but a command (non-text messages too: told to type)
TEXT_STEPS = (
    SessionDraft.title,
    SessionDraft.description,
    SessionDraft.start,
    SessionDraft.duration,
    SessionDraft.place,
    SessionDraft.capacity,
    SessionDraft.deadline,
)
ANNOUNCE_SHOWN = 20
DRAFT_STATE = {step: getattr(SessionDraft, step) for step in STEPS}
TEXT_LIMITS = {"title": TITLE_MAX, "description": DESCRIPTION_MAX, "place": PLACE_MAX}


# --- /new_session: step by step ----------------------------------------------------------------------


@staff.message(Command("new_session"))
async def cmd_new_session(message: Message, desk: Desk, state: FSMContext) -> None:
    await state.set_state(SessionDraft.title)
    await state.set_data({"draft": {}})
    await message.answer(desk.t("sadm-new-intro"))
    await _ask_step(message, desk, "title")


@staff.message(StateFilter(*TEXT_STEPS), TYPED)
async def draft_typed(message: Message, desk: Desk, state: FSMContext) -> None:
    current = await state.get_state()
    step = (current or "").rsplit(":", 1)[-1]
    data = await state.get_data()
    draft = Draft.load(data)
    read = _read(step, message.text, desk.screen.tz, draft.start)
    if read.value is None:
        # The deadline's problems name its button ("Until the start"): the hint carries it.
        markup = draft_deadline_kb(desk.t) if step == "deadline" else None
        await message.answer(_problem_text(desk.screen, step, read), reply_markup=markup)
        return
    _store(draft, step, read.value)
    await state.update_data(draft=draft.dump())
    await _advance(message, desk, state)


@staff.message(StateFilter(SessionDraft.direction, SessionDraft.confirm, SessionAnnounce.confirm), TYPED)
async def draft_wants_a_button(message: Message, desk: Desk, state: FSMContext, repos: Repos) -> None:
    """The hint carries the buttons it asks for (the question's own message may never have arrived)."""
    t = desk.t
    current = await state.get_state()
    markup: InlineKeyboardMarkup
    if current == SessionDraft.direction.state:
        markup = draft_directions_kb(await desk.sessions_admin.directions(), desk.screen.lang)
    elif current == SessionDraft.confirm.state:
        markup = draft_summary_kb(t)
    else:
        data = await state.get_data()
        count = await repos.broadcasts.count_audience(Audience(data["kind"], data.get("value")))
        markup = announce_confirm_kb(t, int(data["session_id"]), count)
    await message.answer(t("sadm-use-buttons"), reply_markup=markup)


@staff.callback_query(SessionDraftCb.filter(F.action == DraftAction.DIRECTION), StateFilter(SessionDraft.direction))
async def draft_direction(
    callback: CallbackQuery, callback_data: SessionDraftCb, desk: Desk, state: FSMContext
) -> None:
    direction = await desk.sessions_admin.direction(callback_data.direction_id)
    if direction is None:
        await callback.answer(desk.t("button-outdated"), show_alert=True)
        return
    draft = Draft.load(await state.get_data())
    draft.direction_id = direction.id
    await _picked(
        callback, desk, state, draft, desk.t("sadm-direction-picked", direction=direction.label(desk.screen.lang))
    )


@staff.callback_query(SessionDraftCb.filter(F.action == DraftAction.UNTIL_START), StateFilter(SessionDraft.deadline))
async def draft_until_start(callback: CallbackQuery, desk: Desk, state: FSMContext) -> None:
    draft = Draft.load(await state.get_data())
    draft.deadline = "start"
    await _picked(callback, desk, state, draft, desk.t("sadm-deadline-picked-start"))


@staff.callback_query(SessionDraftCb.filter(F.action == DraftAction.CHANGE), StateFilter(SessionDraft.confirm))
async def draft_change_menu(callback: CallbackQuery, t: Translate) -> None:
    await callback.answer()
    await set_keyboard(callback.message, draft_fields_kb(t))


@staff.callback_query(SessionDraftCb.filter(F.action == DraftAction.BACK), StateFilter(SessionDraft.confirm))
async def draft_change_back(callback: CallbackQuery, t: Translate) -> None:
    await callback.answer()
    await set_keyboard(callback.message, draft_summary_kb(t))


@staff.callback_query(SessionDraftCb.filter(F.action == DraftAction.FIELD), StateFilter(SessionDraft.confirm))
async def draft_change_field(
    callback: CallbackQuery, callback_data: SessionDraftCb, desk: Desk, state: FSMContext
) -> None:
    if not 0 <= callback_data.field < len(STEPS) or not isinstance(callback.message, Message):
        await callback.answer(desk.t("button-outdated"), show_alert=True)
        return
    step = STEPS[callback_data.field]
    await state.set_state(DRAFT_STATE[step])
    await callback.answer()
    await drop_keyboard(callback.message)
    await _ask_step(callback.message, desk, step)


@staff.callback_query(SessionDraftCb.filter(F.action == DraftAction.CREATE), StateFilter(SessionDraft.confirm))
async def draft_confirm(callback: CallbackQuery, desk: Desk, state: FSMContext) -> None:
    t = desk.t
    data = await state.get_data()
    draft = Draft.load(data)
    token = data.get("token")
    if not isinstance(token, str) or draft.missing() is not None or not isinstance(callback.message, Message):
        await callback.answer(t("sadm-draft-gone"), show_alert=True)
        return
    new = draft.complete()
    at = now()
    stale = "start" if new.starts_at <= at else "deadline" if new.deadline_at <= at else None
    if stale is not None or too_far(new.starts_at, at):
        # The summary waited long enough for the moment to pass (or the draft was made before typed dates were
        # checked for being too far ahead): ask again, then back to the summary.
        step = stale or "start"
        await callback.answer()
        await drop_keyboard(callback.message)
        await state.set_state(DRAFT_STATE[step])
        if stale is not None:
            await callback.message.answer(t(f"sadm-bad-{stale}-past"))
        else:
            await callback.message.answer(_problem_text(desk.screen, "start", Read(problem="far")))
        await _ask_step(callback.message, desk, step)
        return
    session, _ = await desk.sessions_admin.create(token, new, callback.from_user.id)
    await state.clear()
    await callback.answer()
    await settle(callback.message, t("sadm-created", number=session.id))
    text, markup = await desk.view(session)
    await callback.message.answer(text, reply_markup=markup)


@staff.callback_query(SessionDraftCb.filter(F.action == DraftAction.DROP), StateFilter(SessionDraft))
async def draft_drop(callback: CallbackQuery, t: Translate, state: FSMContext) -> None:
    await state.clear()
    await callback.answer()
    await settle(callback.message, t("sadm-new-cancelled"))


@staff.callback_query(SessionDraftCb.filter())
async def draft_gone(callback: CallbackQuery, t: Translate) -> None:
    """A draft button pressed after the draft was created, dropped, or moved to another step."""
    await callback.answer(t("sadm-draft-gone"), show_alert=True)


# --- the management screen -------------------------------------------------------------------------------


@staff.callback_query(SessionManageCb.filter(F.action == ManageAction.LIST))
async def sessions_list(callback: CallbackQuery, callback_data: SessionManageCb, screen: Screen, repos: Repos) -> None:
    at = now()
    page = max(callback_data.page, 0)
    sessions, total = await repos.sessions.overview(at - timedelta(days=RECENT_DAYS), at, LIST_PAGE, page * LIST_PAGE)
    if not sessions and page > 0:  # the list shrank since: the first page
        page = 0
        sessions, total = await repos.sessions.overview(at - timedelta(days=RECENT_DAYS), at, LIST_PAGE)
    pages = max(1, math.ceil(total / LIST_PAGE))
    await callback.answer()
    await show(
        callback.message,
        overview_text(screen.t, sessions, screen.tz, at),
        overview_kb(screen.t, sessions, page, pages, screen.tz),
    )


@staff.callback_query(SessionManageCb.filter(F.action == ManageAction.OPEN))
async def manage(callback: CallbackQuery, callback_data: SessionManageCb, desk: Desk) -> None:
    session = await desk.load(callback, callback_data.session_id)
    if session is None:
        return
    await callback.answer()
    if callback_data.in_place:  # from one of these screens
        await desk.redraw(callback, session)
        return
    text, markup = await desk.view(session)
    if isinstance(callback.message, Message):  # from a card elsewhere (/sessions): a message of its own
        await callback.message.answer(text, reply_markup=markup)
    else:
        await desk.bot.send_message(callback.from_user.id, text, reply_markup=markup)


@staff.callback_query(SessionManageCb.filter(F.action == ManageAction.FIELD))
async def edit_field(callback: CallbackQuery, callback_data: SessionManageCb, desk: Desk, state: FSMContext) -> None:
    t = desk.t
    session = await desk.load(callback, callback_data.session_id, scheduled=True)
    if session is None:
        return
    if not 0 <= callback_data.field < len(EDIT_FIELDS) or not isinstance(callback.message, Message):
        await callback.answer(t("button-outdated"), show_alert=True)
        return
    field = EDIT_FIELDS[callback_data.field]
    await callback.answer()
    if field == "direction":
        directions = await desk.sessions_admin.directions()
        await show(
            callback.message,
            t("sadm-ask-direction"),
            edit_directions_kb(t, session.id, directions, session.direction_id, desk.screen.lang),
        )
        return
    await _ask_edit(callback.message, desk.screen, state, session, field)


@staff.callback_query(SessionManageCb.filter(F.action == ManageAction.RESCHEDULE))
async def reschedule(callback: CallbackQuery, callback_data: SessionManageCb, desk: Desk, state: FSMContext) -> None:
    session = await desk.load(callback, callback_data.session_id, scheduled=True)
    if session is None or not isinstance(callback.message, Message):
        return
    await callback.answer()
    await _ask_edit(callback.message, desk.screen, state, session, "start")


@staff.message(StateFilter(SessionEdit.value), TYPED)
async def edit_typed(message: Message, desk: Desk, state: FSMContext) -> None:
    data = await state.get_data()
    field = str(data.get("field", ""))
    session = await desk.sessions_admin.session(int(data.get("session_id", 0)))
    if session is None or session.status != "scheduled" or field not in (*EDIT_FIELDS, "start"):
        await state.clear()
        await message.answer(desk.t("sadm-session-closed" if session is not None else "sadm-session-missing"))
        return
    read = _read(field, message.text, desk.screen.tz, session.starts_at)
    # The deadline's problems name its button ("Until the start"): the hint carries it.
    markup = edit_deadline_kb(desk.t, session.id) if field == "deadline" else None
    if read.value is None:
        await message.answer(_problem_text(desk.screen, field, read), reply_markup=markup)
        return
    by = message.from_user.id if message.from_user else 0
    change = await desk.sessions_admin.edit(session.id, field, read.value, by)
    await _report_change(message, desk, state, change, markup)


@staff.callback_query(SessionManageCb.filter(F.action == ManageAction.DIRECTION))
async def edit_direction(callback: CallbackQuery, callback_data: SessionManageCb, desk: Desk) -> None:
    session = await desk.load(callback, callback_data.session_id, scheduled=True)
    if session is None:
        return
    if await desk.sessions_admin.direction(callback_data.direction_id) is None:
        await callback.answer(desk.t("button-outdated"), show_alert=True)
        return
    change = await desk.sessions_admin.edit(session.id, "direction", callback_data.direction_id, callback.from_user.id)
    await callback.answer(_change_note(desk.t, change))
    await desk.redraw(callback, change.new or session)


@staff.callback_query(SessionManageCb.filter(F.action == ManageAction.UNTIL_START))
async def edit_until_start(
    callback: CallbackQuery, callback_data: SessionManageCb, desk: Desk, state: FSMContext
) -> None:
    session = await desk.load(callback, callback_data.session_id, scheduled=True)
    if session is None or not isinstance(callback.message, Message):
        return
    await callback.answer()
    await settle(callback.message, desk.t("sadm-deadline-picked-start"))
    change = await desk.sessions_admin.edit(session.id, "deadline", session.starts_at, callback.from_user.id)
    await _report_change(callback.message, desk, state, change)


# What is asked about a session still scheduled: which field to edit, whether to cancel it.
QUESTIONS = {ManageAction.EDIT: edit_ask_view, ManageAction.CANCEL: cancel_ask_view}


@staff.callback_query(SessionManageCb.filter(F.action.in_(QUESTIONS.keys())))
async def ask(callback: CallbackQuery, callback_data: SessionManageCb, desk: Desk) -> None:
    session = await desk.load(callback, callback_data.session_id, scheduled=True)
    if session is None:
        return
    await callback.answer()
    await show(callback.message, *QUESTIONS[callback_data.action](desk.t, session))


@staff.callback_query(SessionManageCb.filter(F.action == ManageAction.CANCEL_YES))
async def cancel_yes(callback: CallbackQuery, callback_data: SessionManageCb, desk: Desk) -> None:
    session = await desk.load(callback, callback_data.session_id, scheduled=True)
    if session is None:
        return
    t = desk.t
    change = await desk.sessions_admin.cancel(session.id, callback.from_user.id)
    if change.status != "done" or change.new is None:
        await callback.answer(t("sadm-session-closed"), show_alert=True)
        return
    told = change.new.registered + change.new.waiting
    await callback.answer(t("sadm-cancelled-told", n=told) if told else t("sadm-cancelled"), show_alert=True)
    await desk.redraw(callback, change.new)


@staff.callback_query(SessionManageCb.filter(F.action == ManageAction.EXPORT))
async def export(callback: CallbackQuery, callback_data: SessionManageCb, desk: Desk, repos: Repos) -> None:
    session = await desk.load(callback, callback_data.session_id)
    if session is None:
        return
    t, settings, bot = desk.t, desk.screen.settings, desk.bot
    await callback.answer(t("export-preparing"))
    chat_id = callback.from_user.id
    everyone = await repos.sessions.people(session.id)
    stamp = now().astimezone(settings.tz).strftime(FILE_STAMP)
    directory = Path(tempfile.mkdtemp(prefix="session-export-"))
    path = directory / f"session_{session.id}_{stamp}.csv"
    try:
        rows = await asyncio.to_thread(write_people_csv, path, everyone, t, settings.tz, settings.timezone)
        # Recorded before the file leaves: a file that reached someone is never missing from the log.
        await repos.audit.record(chat_id, "export", f"session {session.id}", {"format": "csv", "rows": rows})
        try:
            await bot.send_document(
                chat_id,
                FSInputFile(path, filename=path.name),
                caption=t("sadm-export-done", number=session.id, title=session.title, rows=rows),
            )
        except TelegramAPIError as exc:
            log.warning("session export %s could not be sent to %s: %s", path.name, chat_id, exc)
            await bot.send_message(chat_id, t("export-failed"))
    finally:
        shutil.rmtree(directory, ignore_errors=True)


@staff.callback_query(SessionManageCb.filter(F.action == ManageAction.LINK))
async def link(callback: CallbackQuery, callback_data: SessionManageCb, desk: Desk) -> None:
    session = await desk.load(callback, callback_data.session_id)
    if session is None:
        return
    await callback.answer()
    me = await desk.bot.me()
    await desk.bot.send_message(
        callback.from_user.id,
        desk.t("sadm-link", number=session.id, title=session.title, link=deep_link(me.username, session.id)),
    )


# --- who registered, who waits ------------------------------------------------------------------------------


@staff.callback_query(SessionPeopleCb.filter(F.action == PeopleAction.LIST))
async def people(callback: CallbackQuery, callback_data: SessionPeopleCb, desk: Desk, repos: Repos) -> None:
    session = await desk.load(callback, callback_data.session_id)
    if session is None:
        return
    await callback.answer()
    await _show_people(callback, desk.screen, repos, session, callback_data.page)


@staff.callback_query(SessionPeopleCb.filter(F.action == PeopleAction.ATTEND))
async def attend(
    callback: CallbackQuery, callback_data: SessionPeopleCb, desk: Desk, repos: Repos, lifecycle: SessionLifecycle
) -> None:
    session = await desk.load(callback, callback_data.session_id)
    if session is None:
        return
    t = desk.t
    person = await repos.sessions.registrant(session.id, callback_data.user_id)
    # Toasts are plain text: the name goes in as it is (Html: not escaped for a parse mode it won't meet).
    if session.status == "cancelled":
        await callback.answer(t("sadm-attend-cancelled"), show_alert=True)
    elif session.dates_ok and now() < session.starts_at - CHECKIN_OPENS:
        await callback.answer(
            t("sadm-attend-too-early", hours=int(CHECKIN_OPENS.total_seconds() // 3600)), show_alert=True
        )
    elif person is None or person.status != "registered":
        await callback.answer(t("sadm-attend-not-registered"), show_alert=True)
    elif await repos.registrations.mark_attended(session.id, person.user_id, callback.from_user.id):
        await callback.answer(toast(t("sadm-attend-marked", name=Html(person_name(person)))))
        await lifecycle.attended_late(session.id, person.user_id)  # after the end: feedback asked too
    else:
        await callback.answer(toast(t("sadm-attend-already", name=Html(person_name(person)))))
    await _show_people(callback, desk.screen, repos, session, callback_data.page)


@staff.callback_query(SessionPeopleCb.filter(F.action == PeopleAction.WAITLIST))
async def waitlist(callback: CallbackQuery, callback_data: SessionPeopleCb, desk: Desk, repos: Repos) -> None:
    session = await desk.load(callback, callback_data.session_id)
    if session is None:
        return
    queue, total = await repos.sessions.waitlist(session.id, WAITLIST_SHOWN)
    await callback.answer()
    t, tz = desk.t, desk.screen.tz
    await show(callback.message, waitlist_text(t, session, queue, total, tz), back_kb(t, session.id))


# --- /announce -------------------------------------------------------------------------------------------


@staff.message(Command("announce"))
async def cmd_announce(message: Message, command: CommandObject, screen: Screen, repos: Repos) -> None:
    t = screen.t
    arg = (command.args or "").strip().lstrip("#№ ")
    if arg:
        if not re.fullmatch(r"[0-9]{1,9}", arg):  # str.isdigit() also takes "²", int() does not
            await message.answer(t("sadm-announce-bad-number"))
            return
        session = await repos.sessions.get(int(arg))
        refusal = _announce_refusal(t, session)
        if refusal is not None or session is None:
            await message.answer(refusal or t("sadm-session-missing"))
            return
        text, markup = await _audience_view(session, screen, repos)
        await message.answer(text, reply_markup=markup)
        return
    sessions = [s for s in await repos.sessions.announceable(now(), ANNOUNCE_SHOWN) if s.dates_ok]
    if not sessions:
        await message.answer(t("sadm-announce-none"))
        return
    await message.answer(t("sadm-announce-pick"), reply_markup=announce_pick_kb(t, sessions, screen.tz))


@staff.callback_query(AnnounceCb.filter(F.action == AnnounceAction.AUDIENCE))
async def announce_audience(callback: CallbackQuery, callback_data: AnnounceCb, screen: Screen, repos: Repos) -> None:
    session = await repos.sessions.get(callback_data.session_id)
    refusal = _announce_refusal(screen.t, session)
    if refusal is not None or session is None:
        await callback.answer(refusal or screen.t("sadm-session-missing"), show_alert=True)
        return
    await callback.answer()
    text, markup = await _audience_view(session, screen, repos)
    await show(callback.message, text, markup)


@staff.callback_query(AnnounceCb.filter(F.action == AnnounceAction.PREVIEW))
async def announce_preview(
    callback: CallbackQuery, callback_data: AnnounceCb, screen: Screen, state: FSMContext, repos: Repos
) -> None:
    t, lang = screen.t, screen.lang
    session = await repos.sessions.get(callback_data.session_id)
    refusal = _announce_refusal(t, session)
    if refusal is not None or session is None or not isinstance(callback.message, Message):
        await callback.answer(refusal or t("sadm-session-missing"), show_alert=True)
        return
    direction = await repos.directions.get(session.direction_id)
    if callback_data.everyone:
        audience = Audience("all")
        label = t("sadm-label-all")
    else:
        audience = Audience("direction", str(session.direction_id))
        label = t("sadm-label-direction", direction=direction.label(lang) if direction else "?")
    count = await repos.broadcasts.count_audience(audience)
    await state.set_state(SessionAnnounce.confirm)
    await state.set_data(
        {"token": secrets.token_hex(8), "session_id": session.id, "kind": audience.kind, "value": audience.value}
    )
    await callback.answer()
    await settle(callback.message, t("sadm-announce-picked", number=session.id, audience=label))
    # The preview: the card as residents get it (each in their own language), with its Register button.
    projects = await repos.session_projects.of_session(session.id)
    card = card_text(t, session, direction, lang, screen.tz, projects=projects)
    await callback.message.answer(card, reply_markup=announcement_kb(t, session.id))
    key = "sadm-announce-preview" if count else "sadm-announce-nobody"
    await callback.message.answer(
        t(key, audience=label, n=count), reply_markup=announce_confirm_kb(t, session.id, count)
    )


@staff.callback_query(AnnounceCb.filter(F.action == AnnounceAction.SEND), StateFilter(SessionAnnounce.confirm))
async def announce_send(
    callback: CallbackQuery,
    callback_data: AnnounceCb,
    t: Translate,
    state: FSMContext,
    repos: Repos,
    broadcaster: BroadcastWorker,
) -> None:
    data = await state.get_data()
    if not {"token", "session_id", "kind"} <= data.keys() or data["session_id"] != callback_data.session_id:
        await callback.answer(t("sadm-announce-gone"), show_alert=True)
        return
    session = await repos.sessions.get(callback_data.session_id)
    refusal = _announce_refusal(t, session)
    if refusal is not None or session is None:
        await state.clear()
        await callback.answer(refusal or t("sadm-session-missing"), show_alert=True)
        await settle(callback.message, refusal or t("sadm-session-missing"))
        return
    audience = Audience(str(data["kind"]), data.get("value"))
    made = await repos.broadcasts.create_session_announcement(
        str(data["token"]), callback.from_user.id, session.id, audience
    )
    await launch(callback, t, state, broadcaster, made, "sadm-announce-started")


@staff.callback_query(AnnounceCb.filter(F.action == AnnounceAction.SEND))
async def announce_gone(callback: CallbackQuery, t: Translate) -> None:
    await callback.answer(t("sadm-announce-gone"), show_alert=True)


@staff.callback_query(AnnounceCb.filter(F.action == AnnounceAction.DROP))
async def announce_drop(callback: CallbackQuery, t: Translate, state: FSMContext) -> None:
    current = await state.get_state()
    if current is not None and current.startswith(SessionAnnounce.__name__):
        await state.clear()
    await callback.answer()
    await settle(callback.message, t("sadm-announce-dropped"))


ORGANIZER_BUTTONS = or_f(
    SessionDraftCb.filter(), SessionManageCb.filter(), SessionPeopleCb.filter(), AnnounceCb.filter()
)


@staff.callback_query(ORGANIZER_BUTTONS)
async def unknown_press(callback: CallbackQuery, t: Translate) -> None:
    await callback.answer(t("button-outdated"), show_alert=True)


# --- everyone else ------------------------------------------------------------------------------------------


@refusals.callback_query(ORGANIZER_BUTTONS)
async def refuse_press(callback: CallbackQuery, t: Translate) -> None:
    log.info("refused session management button from %s: %s", callback.from_user.id, callback.data)
    await callback.answer(t("not-allowed"), show_alert=True)


# --- helpers -------------------------------------------------------------------------------------------------


async def _audience_view(session: Session, screen: Screen, repos: Repos) -> tuple[str, InlineKeyboardMarkup]:
    direction = await repos.directions.get(session.direction_id)
    label = direction.label(screen.lang) if direction else "?"
    subscribers = await repos.broadcasts.count_audience(Audience("direction", str(session.direction_id)))
    everyone = await repos.broadcasts.count_audience(Audience("all"))
    # Issue 15: the leaders and the teams of the direction's projects.
    leaders = await repos.broadcasts.count_audience(Audience("leaders", str(session.direction_id)))
    teams = await repos.broadcasts.count_audience(Audience("teams", str(session.direction_id)))
    extra = announce_projects_rows(screen.t, session.id, label, leaders, teams)
    return (
        screen.t("sadm-announce-audience", number=session.id, title=session.title),
        announce_audience_kb(screen.t, session.id, label, subscribers, everyone, extra),
    )


def _announce_refusal(t: Translate, session: Session | None) -> str | None:
    if session is None:
        return t("sadm-session-missing")
    if session.status == "cancelled":
        return t("sadm-announce-cancelled")
    if session.status == "scheduled" and not session.dates_ok:
        return t("sadm-announce-broken")
    if session.status != "scheduled" or session.starts_at <= now():
        return t("sadm-announce-past")
    return None


async def _show_people(callback: CallbackQuery, screen: Screen, repos: Repos, session: Session, page: int) -> None:
    page = max(page, 0)
    people_page, total = await repos.sessions.registrants(session.id, PEOPLE_PAGE, page * PEOPLE_PAGE)
    pages = max(1, math.ceil(total / PEOPLE_PAGE))
    if not people_page and page > 0:
        page = pages - 1
        people_page, total = await repos.sessions.registrants(session.id, PEOPLE_PAGE, page * PEOPLE_PAGE)
    await show(
        callback.message,
        people_text(screen.t, session, people_page, total, page * PEOPLE_PAGE, screen.tz),
        people_kb(screen.t, session.id, people_page, page, pages),
    )


def _read(field: str, text: str | None, tz: ZoneInfo, start: datetime | None) -> Read[Any]:
    """What was typed for a field, read and checked."""
    if text is None:
        return Read(problem="not-text")
    at = now()
    if field in TEXT_LIMITS:
        return read_text(text, TEXT_LIMITS[field])
    if field == "start":
        return read_start(text, tz, at)
    if field == "duration":
        return read_duration(text)
    if field == "capacity":
        return read_capacity(text)
    if field == "deadline" and start is not None:
        return read_deadline(text, tz, at, start)
    return Read(problem="format")


def _problem_text(screen: Screen, field: str, read: Read[Any]) -> str:
    return screen.t(
        problem_key(field, read.problem or "format"),
        max=TEXT_LIMITS.get(field, 0),
        capacity_max=CAPACITY_MAX,
        tz=screen.settings.timezone,
        until=latest(now()).astimezone(screen.tz).strftime(DATE),
    )


def _store(draft: Draft, step: str, value: Any) -> None:
    if step == "start":
        draft.starts_at = to_iso(value)
    elif step == "deadline":
        draft.deadline = "start" if draft.start is not None and value == draft.start else to_iso(value)
    elif step == "duration":
        draft.duration_min = value
    else:
        setattr(draft, step, value)


async def _picked(callback: CallbackQuery, desk: Desk, state: FSMContext, draft: Draft, said: str) -> None:
    """A draft's answer given by a button: kept, the question settled with ``said``, on to the next step."""
    await state.update_data(draft=draft.dump())
    await callback.answer()
    await settle(callback.message, said)
    if isinstance(callback.message, Message):
        await _advance(callback.message, desk, state)


async def _advance(message: Message, desk: Desk, state: FSMContext) -> None:
    """The next unanswered step, or the summary (also straight back to it after changing one field)."""
    screen = desk.screen
    data = await state.get_data()
    draft = Draft.load(data)
    if not draft.deadline_fits():
        # The start moved before a deadline given earlier: the deadline is asked again.
        draft.deadline = None
        await state.update_data(draft=draft.dump())
        await message.answer(screen.t("sadm-deadline-refit"))
    step = draft.missing()
    if step is not None:
        await state.set_state(DRAFT_STATE[step])
        await _ask_step(message, desk, step)
        return
    new = draft.complete()
    await state.set_state(SessionDraft.confirm)
    await state.update_data(token=secrets.token_hex(8))
    direction = await desk.sessions_admin.direction(new.direction_id)
    await message.answer(
        summary_text(screen.t, new, direction, screen.lang, screen.tz), reply_markup=draft_summary_kb(screen.t)
    )


async def _ask_step(message: Message | InaccessibleMessage, desk: Desk, step: str) -> None:
    if not isinstance(message, Message):
        return
    screen = desk.screen
    if step == "direction":
        directions = await desk.sessions_admin.directions()
        await message.answer(screen.t("sadm-ask-direction"), reply_markup=draft_directions_kb(directions, screen.lang))
    elif step == "deadline":
        await message.answer(
            screen.t("sadm-ask-deadline", tz=screen.settings.timezone), reply_markup=draft_deadline_kb(screen.t)
        )
    else:
        await message.answer(_question(screen, step))


def _question(screen: Screen, field: str) -> str:
    return screen.t(
        "sadm-ask-" + field,
        max=TEXT_LIMITS.get(field, 0),
        capacity_max=CAPACITY_MAX,
        tz=screen.settings.timezone,
    )


async def _ask_edit(message: Message, screen: Screen, state: FSMContext, session: Session, field: str) -> None:
    """The question for a new value of one field, with the current one (the answer is typed next)."""
    await state.set_state(SessionEdit.value)
    await state.set_data({"session_id": session.id, "field": field})
    t = screen.t
    current: str
    if field == "start":
        current = local(session.starts_at, screen.tz)
    elif field == "deadline":
        current = local(session.deadline_at, screen.tz)
    elif field == "duration":
        current = duration_text(t, session.duration_min, LENGTH_WORDS)
    elif field == "capacity":
        current = str(session.capacity) if session.capacity else t("sadm-capacity-unlimited")
    else:
        current = str(getattr(session, field))
    if field == "start":
        question = t("sadm-ask-reschedule", tz=screen.settings.timezone)
    else:
        question = _question(screen, field)
    text = t("sadm-edit-current", number=session.id, current=current) + "\n\n" + question
    markup = edit_deadline_kb(t, session.id) if field == "deadline" else None
    await message.answer(text, reply_markup=markup)


def _change_note(t: Translate, change: Change) -> str:
    """A short answer to a change: saved (and who is told), nothing changed, or why not."""
    if change.status == "done" and change.new is not None:
        told = change.new.registered + change.new.waiting
        if notice_for(change.fields) is not None and told:
            return t("sadm-saved-told", n=told)
        return t("sadm-saved")
    if change.status == "unchanged":
        return t("sadm-unchanged")
    if change.status == "capacity":
        return t("sadm-bad-capacity-below", n=change.registered)
    if change.status == "deadline":
        return t("sadm-bad-deadline-after-start")
    if change.status == "missing":
        return t("sadm-session-missing")
    return t("sadm-session-closed")


async def _report_change(
    message: Message, desk: Desk, state: FSMContext, change: Change, retry: InlineKeyboardMarkup | None = None
) -> None:
    """Tell the organizer how a change went, then the session. A value that can be fixed keeps the question
    (with ``retry``, the buttons of the question, when the note names one)."""
    note = _change_note(desk.t, change)
    if change.status in {"capacity", "deadline"}:
        await message.answer(note, reply_markup=retry if change.status == "deadline" else None)
        return
    current = await state.get_state()
    if current is not None and current.startswith(SessionEdit.__name__):
        await state.clear()
    await message.answer(note)
    if change.new is not None:
        text, markup = await desk.view(change.new)
        await message.answer(text, reply_markup=markup)
