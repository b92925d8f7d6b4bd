"""Sessions as residents see them: /sessions, the card (also behind t.me/<bot>?start=session_<id>),
registration, the waitlist and its offers, tickets; check-in links (start=checkin_<token>).

One message per browsing: the list, a card and the cancel question edit it in place. Every press
re-reads the session and the person's registration; the change itself happens in one transaction
(RegistrationService), and the card the person pressed on is redrawn from what is true afterwards.

Who may do what is decided by the routers' filters: anyone may open a card or the list from a link;
registering needs consent to the current version of the text, nothing more (a newcomer is led through the
consent and registered at once; someone with an older version is asked for the new one first); check-in links
mark attendance only for staff. The handlers get the person's language and the
hub's settings as one ``screen`` (see `Screens`).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from aiogram import F
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InaccessibleMessage, InlineKeyboardMarkup, Message

from bot.clock import now
from bot.handlers.onboarding.gate import Visit, ask_renewal, show_session_consent, visiting
from bot.handlers.onboarding.keyboards import consent_review_kb
from bot.handlers.sessions.callbacks import SessionAction, SessionCb
from bot.handlers.sessions.screens import (
    PAGE_SIZE,
    Screen,
    Screens,
    is_staff,
    list_view,
    open_card,
    place_answer,
    session_payload,
    unregister_view,
)
from bot.services.lifecycle import SessionLifecycle
from bot.services.registration import CHECKIN_OPENS, RegistrationService
from bot.services.timetext import local, until_text
from bot.storage.models import User
from bot.storage.registrations import PlaceChange, Registration
from bot.storage.repositories import Repos
from bot.storage.sessions import Session
from bot.telegram.filters import ConsentCurrent, HasConsent, IsStaff, Magic, MenuButton
from bot.telegram.i18n import Translate
from bot.telegram.messages import show
from bot.telegram.routes import Routes

log = logging.getLogger(__name__)

router = Routes(name="sessions")
router.message.filter(Magic(F.chat.type == "private"), Screens())
router.callback_query.filter(Magic(F.message.chat.type == "private"), Screens())
checkin_staff = Routes(name="sessions-checkin-staff")
checkin_staff.message.filter(IsStaff())
checkin_others = Routes(name="sessions-checkin-others")
# Consented: may register (taking a place needs the current version of the consent, `register_after_renewal`).
residents = Routes(name="sessions-residents")
residents.message.filter(HasConsent())
residents.callback_query.filter(HasConsent())
strangers = Routes(name="sessions-strangers")  # no consent (yet, or any more)
router.include_routers(checkin_staff, checkin_others, residents, strangers)

SESSION_LINK = CommandStart(deep_link=True, magic=F.args.startswith("session_"))
CHECKIN_LINK = CommandStart(deep_link=True, magic=F.args.startswith("checkin_"))
BROWSING = {SessionAction.VIEW, SessionAction.LIST}
TAKING = {SessionAction.REGISTER, SessionAction.WAIT, SessionAction.ACCEPT_OFFER}  # presses that take a place
TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
MAX_TOKEN = 40


# --- rendering ----------------------------------------------------------------------------------


async def render_list(screen: Screen, repos: Repos, user_id: int, page: int) -> tuple[str, InlineKeyboardMarkup]:
    page = max(0, min(page, 10_000))
    sessions, total = await repos.registrations.upcoming(now(), PAGE_SIZE, page * PAGE_SIZE)
    if not sessions and page > 0:  # the list got shorter since the button was drawn
        page = max(0, -(-total // PAGE_SIZE) - 1)
        sessions, total = await repos.registrations.upcoming(now(), PAGE_SIZE, page * PAGE_SIZE)
    statuses = await repos.registrations.statuses(user_id, [s.id for s in sessions])
    return list_view(screen.t, sessions, statuses, page, total, screen.tz)


def _member(user: User | None) -> bool:
    return user is not None and user.has_consent


async def _redraw(
    message: Message | InaccessibleMessage | None,
    screen: Screen,
    repos: Repos,
    user_id: int,
    member: bool,
    session_id: int,
    page: int,
) -> None:
    """Show the card as it is now in the message pressed on (the list if the session is gone)."""
    view = await open_card(screen, repos, session_id, user_id, member, page)
    if view is None:
        view = await render_list(screen, repos, user_id, page)
    await show(message, *view)


# --- anyone: a card from a link, browsing ----------------------------------------------------------


@router.message(SESSION_LINK)
async def session_link(
    message: Message, command: CommandObject, screen: Screen, repos: Repos, user: User | None, state: FSMContext
) -> None:
    """The session's card; a newcomer (no consent) sees the card's text, then the consent framed for the
    registration, and is registered as soon as they accept (gate.py `Visit.resume`)."""
    assert message.from_user is not None
    session_id = session_payload(command.args)
    view = (
        await open_card(screen, repos, session_id, message.from_user.id, _member(user))
        if session_id is not None
        else None
    )
    if view is None or session_id is None:
        text, markup = await render_list(screen, repos, message.from_user.id, 0)
        await message.answer(screen.t("session-not-found"))
        await message.answer(text, reply_markup=markup if markup.inline_keyboard else None)
        return
    if not _member(user) and not await is_staff(repos, screen.settings, message.from_user.id):
        # (Staff without consent keep the card: its button to manage the session.)
        await message.answer(view[0])
        session = await repos.sessions.get(session_id)
        if session is not None and session.registration_open(now()):
            await show_session_consent(message, screen.t, state, session_id)
        # (Registration closed, the session over or cancelled: the card says so; no consent to a registration that
        # cannot follow.)
        return
    await message.answer(view[0], reply_markup=view[1])


@router.callback_query(SessionCb.filter(F.action == SessionAction.LIST))
async def list_page(callback: CallbackQuery, callback_data: SessionCb, screen: Screen, repos: Repos) -> None:
    await callback.answer()
    text, markup = await render_list(screen, repos, callback.from_user.id, callback_data.page)
    await show(callback.message, text, markup)


@router.callback_query(SessionCb.filter(F.action == SessionAction.VIEW))
async def view_card(
    callback: CallbackQuery, callback_data: SessionCb, screen: Screen, repos: Repos, user: User | None
) -> None:
    view = await open_card(
        screen, repos, callback_data.session_id, callback.from_user.id, _member(user), callback_data.page
    )
    if view is None:
        await callback.answer(screen.t("session-gone-missing"), show_alert=True)
        await show(callback.message, *await render_list(screen, repos, callback.from_user.id, callback_data.page))
        return
    await callback.answer()
    await show(callback.message, *view)


# --- check-in links ---------------------------------------------------------------------------------


@checkin_staff.message(CHECKIN_LINK)
async def check_in(
    message: Message,
    command: CommandObject,
    screen: Screen,
    registration: RegistrationService,
    lifecycle: SessionLifecycle,
) -> None:
    assert message.from_user is not None
    t = screen.t
    token = (command.args or "").removeprefix("checkin_")
    if not token or len(token) > MAX_TOKEN or not set(token) <= TOKEN_CHARS:
        await message.answer(t("checkin-unknown"))
        return
    result = await registration.check_in(token, message.from_user.id)
    target = result.target
    if target is None:
        await message.answer(t("checkin-unknown"))
        return
    if result.outcome == "called_off":
        await message.answer(t("checkin-session-cancelled", name=target.name, title=target.title))
        return
    if result.outcome == "not_registered":
        await message.answer(t("checkin-not-registered", name=target.name, title=target.title))
        return
    if result.outcome == "too_early":
        hours = int(CHECKIN_OPENS.total_seconds() // 3600)
        await message.answer(t("checkin-too-early", name=target.name, title=target.title, hours=hours))
        return
    moment = result.attended_at or now()
    if result.outcome == "already":
        await message.answer(t("checkin-already", name=target.name, title=target.title, time=local(moment, screen.tz)))
        return
    await message.answer(
        t("checkin-done", name=target.name, title=target.title, time=until_text(moment, screen.tz, now()))
    )
    await lifecycle.attended_late(target.session_id, target.user_id)  # after the end: feedback asked too


@checkin_others.message(CHECKIN_LINK)
async def check_in_refused(message: Message, t: Translate) -> None:
    await message.answer(t("checkin-personal"))


# --- residents: the list and the presses ------------------------------------------------------------


@residents.message(Command("sessions"))
@residents.message(MenuButton("menu-sessions"))
async def cmd_sessions(message: Message, screen: Screen, repos: Repos) -> None:
    assert message.from_user is not None
    text, markup = await render_list(screen, repos, message.from_user.id, 0)
    await message.answer(text, reply_markup=markup if markup.inline_keyboard else None)


def _blocked(session: Session | None, mine: Registration | None, until: str) -> str | None:
    """Why a press on a registrant's button cannot be served now (None: it can).

    until: "start" (cancelling needs the session not started yet) or "end" (tickets are useful till the end).
    """
    if session is None:
        return "missing"
    if session.status == "cancelled":
        return "called_off"
    if mine is None or mine.status != "registered":
        return "stale"
    if not session.dates_ok:  # a time stored broken: a place can be given up, no ticket made
        return "unset" if until == "end" else None
    limit = session.starts_at if until == "start" else session.ends_at
    if session.status != "scheduled" or now() >= limit:
        return "started"
    return None


async def _settle_press(
    callback: CallbackQuery, callback_data: SessionCb, change: PlaceChange, screen: Screen, repos: Repos
) -> None:
    """Answer the press with what happened and redraw the card it was pressed on."""
    text, alert = place_answer(screen.t, change)
    await callback.answer(text, show_alert=alert)
    await _redraw(
        callback.message, screen, repos, callback.from_user.id, True, callback_data.session_id, callback_data.page
    )


async def _registered(
    callback: CallbackQuery, callback_data: SessionCb, screen: Screen, repos: Repos, user: User, until: str
) -> tuple[Session, Registration] | None:
    """The session a registrant's button is about and their place in it; None (the press answered why, the card
    redrawn) when the press cannot be served now (see `_blocked`)."""
    session = await repos.sessions.get(callback_data.session_id)
    mine = await repos.registrations.get(callback_data.session_id, user.id)
    blocked = _blocked(session, mine, until)
    if blocked is not None or session is None or mine is None:
        await _settle_press(callback, callback_data, PlaceChange(blocked or "missing", mine), screen, repos)
        return None
    return session, mine


@residents.callback_query(SessionCb.filter(F.action == SessionAction.UNREGISTER))
async def ask_unregister(
    callback: CallbackQuery, callback_data: SessionCb, screen: Screen, repos: Repos, user: User
) -> None:
    found = await _registered(callback, callback_data, screen, repos, user, "start")
    if found is None:
        return
    session, _ = found
    await callback.answer()
    direction = await repos.directions.get(session.direction_id)
    view = unregister_view(screen.t, session, direction, screen.lang, screen.tz, callback_data.page)
    await show(callback.message, *view)


@residents.callback_query(SessionCb.filter(F.action.in_(TAKING)), ~ConsentCurrent(), visiting)
async def register_after_renewal(callback: CallbackQuery, callback_data: SessionCb, visit: Visit) -> None:
    """Consent to an older version only (asked once already, declined or let be): the new version first, then the
    place is taken at once. Giving a place up, the tickets and the card need no more than the older consent."""
    await callback.answer()
    if not isinstance(callback.message, Message):
        return
    await callback.message.answer(visit.t("session-need-renewal"))
    await ask_renewal(callback.message, visit.t, visit.state, f"join_{callback_data.session_id}")


# A press that takes a place (the waitlist's, when the session is full) or gives one up: what it asks of the
# registration.
PLACE_CHANGES: dict[SessionAction, Callable[[RegistrationService, int, int], Awaitable[PlaceChange]]] = {
    SessionAction.REGISTER: RegistrationService.request_place,
    SessionAction.WAIT: RegistrationService.request_place,
    SessionAction.ACCEPT_OFFER: RegistrationService.accept_offer,
    SessionAction.UNREGISTER_YES: RegistrationService.cancel,
    SessionAction.LEAVE: RegistrationService.leave_waitlist,
    SessionAction.DECLINE_OFFER: RegistrationService.decline_offer,
}


@residents.callback_query(SessionCb.filter(F.action.in_(PLACE_CHANGES.keys())))
async def change_place(
    callback: CallbackQuery,
    callback_data: SessionCb,
    screen: Screen,
    repos: Repos,
    registration: RegistrationService,
    user: User,
) -> None:
    """The press answered and the card redrawn; a place taken brings the tickets, a place given up a message."""
    session_id = callback_data.session_id
    change = await PLACE_CHANGES[callback_data.action](registration, session_id, user.id)
    await _settle_press(callback, callback_data, change, screen, repos)
    if change.outcome == "registered":
        await registration.send_tickets(user.id, session_id, screen.t)
    elif change.outcome == "cancelled" and isinstance(callback.message, Message):
        session = await repos.sessions.get(session_id)
        if session is not None:
            await callback.message.answer(screen.t("session-cancelled", title=session.title))


@residents.callback_query(SessionCb.filter(F.action.in_({SessionAction.ICS, SessionAction.QR})))
async def resend_ticket(
    callback: CallbackQuery,
    callback_data: SessionCb,
    screen: Screen,
    repos: Repos,
    registration: RegistrationService,
    user: User,
) -> None:
    found = await _registered(callback, callback_data, screen, repos, user, "end")
    if found is None:
        return
    session, mine = found
    await callback.answer()
    if callback_data.action == SessionAction.ICS:
        await registration.send_ics(user.id, session, screen.t)
    else:
        await registration.send_qr(user.id, session, mine.checkin_token, screen.t)


@residents.callback_query(SessionCb.filter())
async def unknown_action(callback: CallbackQuery, t: Translate) -> None:
    await callback.answer(t("button-outdated"), show_alert=True)


# --- without consent: through the consent, then the registration -------------------------------------------------


@strangers.callback_query(SessionCb.filter(~F.action.in_(BROWSING)), visiting)
async def register_after_consent(callback: CallbackQuery, callback_data: SessionCb, visit: Visit) -> None:
    """No consent: the consent, framed for this session's registration; registered as soon as it is given."""
    await callback.answer()
    if isinstance(callback.message, Message):
        await show_session_consent(callback.message, visit.t, visit.state, callback_data.session_id)


@strangers.message(Command("sessions"))
@strangers.message(MenuButton("menu-sessions"))
async def sessions_need_consent(message: Message, t: Translate) -> None:
    await message.answer(t("session-list-need-consent"), reply_markup=consent_review_kb(t))
