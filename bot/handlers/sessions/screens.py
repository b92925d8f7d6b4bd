"""What residents see of sessions (the list, a card and its buttons, the waitlist's offer), and `Screen`: what
every sessions screen is written with, handed to the handlers by the `Screens` router filter."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from aiogram.filters import BaseFilter
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message, TelegramObject

from bot.clock import now
from bot.config import Settings
from bot.handlers.sessions.callbacks import ManageAction, SessionAction, SessionCb, SessionManageCb
from bot.services.limits import TEXT_LIMIT, clip, shrink
from bot.services.public import excerpt
from bot.services.registration import RegistrationService
from bot.services.timetext import as_stored, local, until_text, when_text
from bot.storage.models import Direction
from bot.storage.registrations import PlaceChange, Registration, is_full
from bot.storage.repositories import Repos
from bot.storage.session_projects import SessionProject
from bot.storage.sessions import Session
from bot.telegram.i18n import Translate
from bot.telegram.keyboards import button, markup

PAGE_SIZE = 5


LIST_TITLE = 60  # characters of a title on a list button


# Units (bot/services/limits.py) of a title and a place as a card shows them (120 and 300 characters allowed:
# all emoji fit, all "&" would not), and of the whole card, leaving room for what goes around it (its title
# again in a question, a notice's header, status lines, the management screen's link).
TITLE_UNITS = 480


PLACE_UNITS = 1200


CARD_LIMIT = TEXT_LIMIT - 1200


SESSION_PAYLOAD_RE = re.compile(r"^session_(\d{1,12})$")


@dataclass(frozen=True, slots=True)
class Screen:
    """What a sessions screen is written with: the person's language (``t``, ``lang``) and the hub's settings
    (its time zone; who the superadmins are)."""

    t: Translate
    lang: str
    settings: Settings

    @property
    def tz(self) -> ZoneInfo:
        return self.settings.tz


class Screens(BaseFilter):
    """A router filter that always passes and hands the handlers below it ``screen``: one parameter where
    ``t``, ``lang`` and ``settings`` would be three."""

    async def __call__(self, event: TelegramObject, t: Translate, lang: str, settings: Settings) -> dict[str, Screen]:
        return {"screen": Screen(t, lang, settings)}


def dates_warning(t: Translate, session: Session, tz: ZoneInfo) -> str | None:
    """For organizers: what is wrong with a session's stored time and how to fix it; None when
    nothing is (or the session is over or cancelled: nothing to plan any more)."""
    problem = session.dates_problem
    if problem is None or session.status != "scheduled":
        return None
    if problem == "duration":
        stored = t("sadm-duration-m", m=session.duration_min)
    else:
        moment = as_stored(session.starts_at if problem == "start" else session.deadline_at, tz)
        stored = moment or t("sadm-dates-unreadable")
    return t("sadm-dates-broken-" + problem, stored=stored)


def places_text(t: Translate, session: Session) -> str:
    if session.unlimited:
        return t("session-places-unlimited", registered=session.registered)
    if is_full(session):
        return t("session-places-full", capacity=session.capacity, waiting=session.waiting)
    return t("session-places-free", free=session.free_places or 0, capacity=session.capacity)


def card_text(
    t: Translate,
    session: Session,
    direction: Direction | None,
    lang: str,
    tz: ZoneInfo,
    limit: int = CARD_LIMIT,
    projects: Sequence[SessionProject] = (),
) -> str:
    """The card, within ``limit`` units whatever was typed (the description gives way first); ``projects``: the
    projects the session works on (issue 15)."""

    def render(description: str) -> str:
        lines = [
            t("session-card-title", title=clip(session.title, TITLE_UNITS)),
            t("session-card-description", description=description),
            "",
            t("session-card-direction", direction=direction.label(lang) if direction else "—"),
            t("session-card-when", when=when_text(session, tz)),
            t("session-card-place", place=clip(session.place, PLACE_UNITS)),
            *([projects_line(t, projects)] if projects else []),
            places_text(t, session),
            t("session-card-deadline", deadline=local(session.deadline_at, tz)),
        ]
        if session.status == "cancelled":
            lines.insert(0, t("session-card-cancelled"))
        return "\n".join(lines)

    return shrink(render, session.description, limit)


PROJECT_EXCERPT = 40  # characters of each project's idea on a session's card


def projects_line(t: Translate, projects: Sequence[SessionProject]) -> str:
    """«Проекты: № 12 Сквер у ДК, № 15 …»."""
    shown = ", ".join(
        f"{t('number-label', number=p.idea_id)} {excerpt(p.text, PROJECT_EXCERPT)}" for p in projects
    )
    return t("pja-card-projects", projects=shown, n=len(projects))


def announcement_kb(t: Translate, session_id: int) -> InlineKeyboardMarkup:
    """The announcement's one button: open the card with Register (works for anyone, any time)."""
    return markup(
        [[button(t("session-btn-register"), SessionCb(action=SessionAction.REGISTER, session_id=session_id))]]
    )


@dataclass(frozen=True, slots=True)
class Viewer:
    """Who looks at a card: their registration (any status) and whether they may manage sessions."""

    registration: Registration | None = None
    staff: bool = False

    @property
    def status(self) -> str | None:
        return self.registration.status if self.registration else None


def _phase(session: Session, at: datetime) -> str:
    """open (registration open) | closed (deadline passed) | running | over | cancelled |
    unset (the time is stored broken: organizers are fixing it)."""
    if session.status == "cancelled":
        return "cancelled"
    if session.status == "ended":
        return "over"
    if not session.dates_ok:
        return "unset"
    if at >= session.ends_at:
        return "over"
    if at >= session.starts_at:
        return "running"
    return "open" if at < session.deadline_at else "closed"


def status_lines(t: Translate, session: Session, viewer: Viewer, tz: ZoneInfo, at: datetime) -> list[str]:
    phase = _phase(session, at)
    reg = viewer.registration
    lines: list[str] = []
    if phase == "running":
        lines.append(t("session-started"))
    elif phase == "over":
        lines.append(t("session-ended"))
    elif phase == "unset":
        lines.append(t("session-dates-unset"))
    if reg is not None and phase != "cancelled":
        if reg.status == "registered":
            if reg.attended_at is not None:
                lines.append(t("session-you-attended", time=local(reg.attended_at, tz)))
            elif phase != "over":
                lines.append(t("session-you-registered"))
        elif reg.status == "waitlist" and phase in ("open", "closed"):
            lines.append(t("session-you-waitlist", position=reg.position))
        elif reg.status == "offered" and reg.offer_expires_at is not None and phase in ("open", "closed"):
            lines.append(t("session-you-offered", until=until_text(reg.offer_expires_at, tz, at)))
    if phase == "closed" and viewer.status not in ("registered", "waitlist", "offered"):
        lines.append(t("session-closed"))
    return lines


def card_kb(t: Translate, session: Session, viewer: Viewer, page: int, at: datetime) -> InlineKeyboardMarkup:
    phase = _phase(session, at)
    sid = session.id

    def cb(action: SessionAction) -> SessionCb:
        return SessionCb(action=action, session_id=sid, page=page)

    rows: list[list[InlineKeyboardButton]] = []
    status = viewer.status
    if status == "registered" and phase == "unset":
        # No tickets for a time being fixed.
        rows.append([button(t("session-btn-unregister"), cb(SessionAction.UNREGISTER))])
    elif status == "registered" and phase in ("open", "closed", "running"):
        rows.append(
            [button(t("session-btn-ics"), cb(SessionAction.ICS)), button(t("session-btn-qr"), cb(SessionAction.QR))]
        )
        if phase != "running":
            rows.append([button(t("session-btn-unregister"), cb(SessionAction.UNREGISTER))])
    elif phase in ("open", "closed"):
        if status == "offered":
            rows.append([button(t("session-btn-accept"), cb(SessionAction.ACCEPT_OFFER))])
            rows.append([button(t("session-btn-decline"), cb(SessionAction.DECLINE_OFFER))])
        elif status == "waitlist":
            rows.append([button(t("session-btn-leave"), cb(SessionAction.LEAVE))])
        elif phase == "open":
            if is_full(session):
                rows.append([button(t("session-btn-waitlist"), cb(SessionAction.WAIT))])
            else:
                rows.append([button(t("session-btn-register"), cb(SessionAction.REGISTER))])
    if viewer.staff:
        rows.append([button(t("session-btn-manage"), SessionManageCb(action=ManageAction.OPEN, session_id=sid))])
    rows.append([button(t("session-btn-back"), SessionCb(action=SessionAction.LIST, page=page))])
    return markup(rows)


def card_view(
    t: Translate,
    session: Session,
    direction: Direction | None,
    lang: str,
    tz: ZoneInfo,
    viewer: Viewer,
    page: int,
    at: datetime,
    projects: Sequence[SessionProject] = (),
) -> tuple[str, InlineKeyboardMarkup]:
    text = card_text(t, session, direction, lang, tz, projects=projects)
    lines = status_lines(t, session, viewer, tz, at)
    if lines:
        text += "\n\n" + "\n".join(lines)
    return text, card_kb(t, session, viewer, page, at)


def unregister_view(
    t: Translate, session: Session, direction: Direction | None, lang: str, tz: ZoneInfo, page: int
) -> tuple[str, InlineKeyboardMarkup]:
    """The card with the question whether to give the place up."""
    ask = t("session-unreg-ask", title=clip(session.title, TITLE_UNITS))
    text = card_text(t, session, direction, lang, tz) + "\n\n" + ask
    keyboard = markup(
        [
            [
                button(
                    t("session-btn-unreg-yes"),
                    SessionCb(action=SessionAction.UNREGISTER_YES, session_id=session.id, page=page),
                )
            ],
            [button(t("session-btn-unreg-no"), SessionCb(action=SessionAction.VIEW, session_id=session.id, page=page))],
        ]
    )
    return text, keyboard


def list_view(
    t: Translate,
    sessions: Sequence[Session],
    statuses: dict[int, str],
    page: int,
    total: int,
    tz: ZoneInfo,
) -> tuple[str, InlineKeyboardMarkup]:
    """One page of upcoming sessions, soonest first, with the person's marks."""
    pages = max(1, -(-total // PAGE_SIZE))
    if not sessions:
        return t("session-list-empty"), markup([])
    blocks = [t("session-list-head", page=page + 1, pages=pages)]
    buttons: list[list[InlineKeyboardButton]] = []
    for index, session in enumerate(sessions, start=page * PAGE_SIZE + 1):
        mark = {
            "registered": "session-mark-registered",
            "waitlist": "session-mark-waitlist",
            "offered": "session-mark-offered",
        }.get(statuses.get(session.id, ""))
        lines = [
            t("session-list-item", number=index, title=clip(session.title, TITLE_UNITS)),
            t("session-list-when", when=local(session.starts_at, tz), places=places_text(t, session)),
        ]
        if mark:
            lines.append(t(mark))
        blocks.append("\n".join(lines))
        title = session.title if len(session.title) <= LIST_TITLE else session.title[: LIST_TITLE - 1] + "…"
        buttons.append(
            [button(f"{index}. {title}", SessionCb(action=SessionAction.VIEW, session_id=session.id, page=page))]
        )
    if pages > 1:
        nav = []
        if page > 0:
            nav.append(button("◀", SessionCb(action=SessionAction.LIST, page=page - 1)))
        if page < pages - 1:
            nav.append(button("▶", SessionCb(action=SessionAction.LIST, page=page + 1)))
        buttons.append(nav)
    return "\n\n".join(blocks), markup(buttons)


def offer_view(
    t: Translate, session: Session, expires_at: datetime, tz: ZoneInfo, at: datetime
) -> tuple[str, InlineKeyboardMarkup]:
    """The message to the first on the waitlist when a place frees up."""
    text = t(
        "session-offer",
        title=session.title,
        when=when_text(session, tz),
        until=until_text(expires_at, tz, at),
    )
    keyboard = markup(
        [
            [button(t("session-btn-accept"), SessionCb(action=SessionAction.ACCEPT_OFFER, session_id=session.id))],
            [button(t("session-btn-decline"), SessionCb(action=SessionAction.DECLINE_OFFER, session_id=session.id))],
        ]
    )
    return text, keyboard


async def is_staff(repos: Repos, settings: Settings, user_id: int) -> bool:
    return user_id in settings.admin_ids or await repos.roles.is_organizer(user_id)


async def open_card(
    screen: Screen, repos: Repos, session_id: int, user_id: int, member: bool, page: int = 0
) -> tuple[str, InlineKeyboardMarkup] | None:
    """The card of a session as this person sees it now; None if there is no such session."""
    session = await repos.sessions.get(session_id)
    if session is None:
        return None
    direction = await repos.directions.get(session.direction_id)
    viewer = Viewer(
        registration=await repos.registrations.get(session_id, user_id) if member else None,
        staff=await is_staff(repos, screen.settings, user_id),
    )
    projects = await repos.session_projects.of_session(session_id)
    return card_view(screen.t, session, direction, screen.lang, screen.tz, viewer, page, now(), projects)


def session_payload(payload: object) -> int | None:
    """The session id of a deep-link payload session_<id>, else None."""
    match = SESSION_PAYLOAD_RE.match(payload) if isinstance(payload, str) else None
    return int(match.group(1)) if match else None


async def answer_session_payload(
    message: Message, payload: object, t: Translate, lang: str, repos: Repos, settings: Settings, user_id: int
) -> bool:
    """After onboarding: back to the session the person wanted to register for. False if the payload is
    not a session's."""
    session_id = session_payload(payload)
    if session_id is None:
        return False
    view = await open_card(Screen(t, lang, settings), repos, session_id, user_id, member=True)
    if view is None:
        await message.answer(t("session-not-found-plain"))
    else:
        await message.answer(view[0], reply_markup=view[1])
    return True


PLACE_ANSWERS = {
    # outcome: (key, alert)
    "registered": ("session-registered-toast", False),
    "waitlisted": ("session-waitlisted", True),
    "already": ("session-already", False),
    "waiting": ("session-already-waiting", False),
    "cancelled": ("session-cancelled-toast", False),
    "left": ("session-left", False),
    "declined": ("session-declined", False),
    "expired": ("session-offer-expired", True),
    "missing": ("session-gone-missing", True),
    "called_off": ("session-gone-cancelled", True),
    "started": ("session-gone-started", True),
    "closed": ("session-gone-closed", True),
    "unset": ("session-gone-unset", True),
    "stale": ("session-stale", True),
}


def place_answer(t: Translate, change: PlaceChange) -> tuple[str, bool]:
    """What a change of place says (and whether as an alert)."""
    key, alert = PLACE_ANSWERS[change.outcome]
    return t(key, position=change.registration.position if change.registration else 0), alert


async def join_session(
    message: Message, screen: Screen, repos: Repos, registration: RegistrationService, user_id: int, session_id: int
) -> None:
    """Register someone who came by the session's link and has just consented, without another press: the usual
    confirmation and tickets; the waitlist, or why not (full, closed, over), with the card as it is now."""
    change = await registration.request_place(session_id, user_id)
    if change.outcome == "registered":
        await registration.send_tickets(user_id, session_id, screen.t)
        return
    await message.answer(place_answer(screen.t, change)[0])
    view = await open_card(screen, repos, session_id, user_id, member=True)
    if view is not None:
        await message.answer(view[0], reply_markup=view[1])
