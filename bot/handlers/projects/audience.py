"""Sessions and projects (issue 15, point 7): /announce of a session to the leaders or the teams of its
direction's projects, and the organizers' «Проекты сессии» screen that ties projects to a session.

(/broadcast's two audiences of the same kinds live with the others: bot/services/audiences.py.)
"""

from __future__ import annotations

import logging
import re
import secrets

from aiogram import F
from aiogram.filters import StateFilter, or_f
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.handlers.projects.callbacks import (
    AnnounceProjectsCb,
    SessionProjectsAction,
    SessionProjectsCb,
)
from bot.handlers.projects.keyboards import session_projects_kb
from bot.handlers.projects.states import SessionProjectsInput
from bot.handlers.sessions.admin import Desk, _announce_refusal, desking
from bot.handlers.sessions.admin_screens import announce_confirm_kb
from bot.handlers.sessions.screens import Screen, Screens, announcement_kb, card_text
from bot.handlers.sessions.states import SessionAnnounce
from bot.services.public import excerpt
from bot.storage.broadcasts import Audience
from bot.storage.repositories import Repos
from bot.storage.session_projects import SESSION_PROJECTS_MAX
from bot.telegram.filters import IsStaff, Magic, Typed
from bot.telegram.i18n import Translate
from bot.telegram.messages import settle, show
from bot.telegram.routes import Routes

log = logging.getLogger(__name__)

router = Routes(name="projects-audience")

staff = Routes(name="projects-audience-staff")
staff.message.filter(IsStaff(), Magic(F.chat.type == "private"), Screens())
staff.callback_query.filter(IsStaff(), Screens())

refusals = Routes(name="projects-audience-refusals")

router.include_routers(staff, refusals)

LINE_EXCERPT = 80  # characters of a project's idea on the screen
NUMBER = re.compile(r"^\s*(?:№|#)?\s*([0-9]{1,9})\s*$")
BUTTONS = or_f(AnnounceProjectsCb.filter(), SessionProjectsCb.filter())


# --- /announce to the leaders or the teams of the direction's projects ------------------------------------


@staff.callback_query(AnnounceProjectsCb.filter())
async def announce_to_projects(
    callback: CallbackQuery, callback_data: AnnounceProjectsCb, screen: Screen, state: FSMContext, repos: Repos
) -> None:
    """Like /announce's other audiences: the preview and Send (sent by the sessions' own «Отправить»)."""
    t, lang = screen.t, screen.lang
    session = await repos.sessions.get(callback_data.session_id)
    refusal = _announce_refusal(t, session)
    if refusal is not None or session is None or not isinstance(callback.message, Message):
        await callback.answer(refusal or t("sadm-session-missing"), show_alert=True)
        return
    direction = await repos.directions.get(session.direction_id)
    audience = Audience(callback_data.group.value, str(session.direction_id))
    label = t(f"bc-label-{audience.kind}", direction=direction.label(lang) if direction else "?")
    count = await repos.broadcasts.count_audience(audience)
    await state.set_state(SessionAnnounce.confirm)
    await state.set_data(
        {"token": secrets.token_hex(8), "session_id": session.id, "kind": audience.kind, "value": audience.value}
    )
    await callback.answer()
    await settle(callback.message, t("sadm-announce-picked", number=session.id, audience=label))
    projects = await repos.session_projects.of_session(session.id)
    await callback.message.answer(
        card_text(t, session, direction, lang, screen.tz, projects=projects),
        reply_markup=announcement_kb(t, session.id),
    )
    key = "sadm-announce-preview" if count else "sadm-announce-nobody"
    await callback.message.answer(
        t(key, audience=label, n=count), reply_markup=announce_confirm_kb(t, session.id, count)
    )


# --- «Проекты сессии» ------------------------------------------------------------------------------------


async def _screen(t: Translate, repos: Repos, session_id: int, title: str) -> tuple[str, InlineKeyboardMarkup]:
    projects = await repos.session_projects.of_session(session_id)
    lines = [t("pja-projects-title", number=session_id, title=title), ""]
    if projects:
        lines.extend(t("pja-projects-line", number=p.idea_id, title=excerpt(p.text, LINE_EXCERPT)) for p in projects)
        lines.append("")
    lines.append(t("pja-projects-ask" if len(projects) < SESSION_PROJECTS_MAX else "pja-projects-full"))
    return "\n".join(lines), session_projects_kb(t, session_id, projects)


@staff.callback_query(SessionProjectsCb.filter(F.action == SessionProjectsAction.OPEN))
async def projects_open(
    callback: CallbackQuery, callback_data: SessionProjectsCb, screen: Screen, state: FSMContext, repos: Repos
) -> None:
    session = await repos.sessions.get(callback_data.session_id)
    if session is None:
        await callback.answer(screen.t("sadm-session-missing"), show_alert=True)
        return
    await callback.answer()
    await state.set_state(SessionProjectsInput.number)
    await state.set_data({"session_id": session.id})
    text, markup = await _screen(screen.t, repos, session.id, session.title)
    await show(callback.message, text, markup)


@staff.callback_query(SessionProjectsCb.filter(F.action == SessionProjectsAction.DETACH))
async def projects_detach(
    callback: CallbackQuery, callback_data: SessionProjectsCb, screen: Screen, state: FSMContext, repos: Repos
) -> None:
    session = await repos.sessions.get(callback_data.session_id)
    if session is None:
        await callback.answer(screen.t("sadm-session-missing"), show_alert=True)
        return
    done = await repos.session_projects.detach(session.id, callback_data.idea_id, callback.from_user.id)
    await callback.answer(screen.t("pja-detached", number=callback_data.idea_id) if done else None)
    await state.set_state(SessionProjectsInput.number)
    await state.set_data({"session_id": session.id})
    text, markup = await _screen(screen.t, repos, session.id, session.title)
    await show(callback.message, text, markup)


@staff.callback_query(SessionProjectsCb.filter(F.action == SessionProjectsAction.BACK), desking)
async def projects_back(
    callback: CallbackQuery, callback_data: SessionProjectsCb, desk: Desk, state: FSMContext
) -> None:
    if await state.get_state() == SessionProjectsInput.number.state:
        await state.clear()
    session = await desk.load(callback, callback_data.session_id)
    if session is None:
        return
    await callback.answer()
    await desk.redraw(callback, session)


@staff.message(StateFilter(SessionProjectsInput.number), Typed())
async def projects_attach(message: Message, screen: Screen, state: FSMContext, repos: Repos) -> None:
    t = screen.t
    data = await state.get_data()
    session = await repos.sessions.get(int(data.get("session_id", 0)))
    if session is None:
        await state.clear()
        await message.answer(t("sadm-session-missing"))
        return
    match = NUMBER.match(message.text or "")
    if match is None:
        await message.answer(t("pja-projects-bad-number"))
        return
    idea_id = int(match.group(1))
    if await repos.projects.get(idea_id) is None:
        await message.answer(t("pja-projects-no-such", number=idea_id))
        return
    if await repos.session_projects.attach(session.id, idea_id, message.from_user.id if message.from_user else 0):
        note = t("pja-attached", number=idea_id)
    else:
        note = t("pja-attach-refused", number=idea_id)
    text, markup = await _screen(t, repos, session.id, session.title)
    await message.answer(note + "\n\n" + text, reply_markup=markup)


@staff.callback_query(BUTTONS)
async def unknown_press(callback: CallbackQuery, t: Translate) -> None:
    await callback.answer(t("button-outdated"), show_alert=True)


# --- everyone else ------------------------------------------------------------------------------------------


@refusals.callback_query(BUTTONS)
async def refuse_press(callback: CallbackQuery, t: Translate) -> None:
    log.info("refused a session projects button from %s: %s", callback.from_user.id, callback.data)
    await callback.answer(t("not-allowed"), show_alert=True)
