"""«Мои записи» (/my_sessions, and the button on /settings): a person's places and waitlist places in upcoming
sessions, each with «Отменить» → a question → the cancellation through `RegistrationService` (a place given up
goes to the waitlist as from the card). Past sessions are not listed.

One message: the list, the question and the list again (what was cancelled on top) edit it in place. Opened from
/settings (``back``), it has «Назад» there.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from aiogram import F
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.clock import now
from bot.handlers.account.profile import back_button
from bot.handlers.sessions.callbacks import MineAction, MineCb, SessionAction, SessionCb
from bot.handlers.sessions.screens import LIST_TITLE, PLACE_ANSWERS, TITLE_UNITS, Screen, Screens
from bot.services.limits import clip
from bot.services.registration import RegistrationService
from bot.services.timetext import when_text
from bot.storage.models import User
from bot.storage.registrations import PlaceChange, Registration
from bot.storage.repositories import Repos
from bot.storage.sessions import Session
from bot.telegram.filters import HasConsent, Magic
from bot.telegram.i18n import Translate
from bot.telegram.keyboards import button, markup
from bot.telegram.messages import show
from bot.telegram.routes import Routes

router = Routes(name="my-sessions")
residents = Routes(name="my-sessions-residents")
residents.message.filter(Magic(F.chat.type == "private"), HasConsent(), Screens())
residents.callback_query.filter(HasConsent(), Screens())
refusals = Routes(name="my-sessions-refusals")
router.include_routers(residents, refusals)

# What the person holds → (the question, its «Yes», the line on top of the list afterwards, what the registration
# is asked to do).
Withdraw = Callable[[RegistrationService, int, int], Awaitable[PlaceChange]]
BY_STATUS: dict[str, tuple[str, str, str, Withdraw]] = {
    "registered": ("mine-ask-cancel", "mine-btn-yes-cancel", "mine-cancelled", RegistrationService.cancel),
    "waitlist": ("mine-ask-leave", "mine-btn-yes-leave", "mine-left", RegistrationService.leave_waitlist),
    "offered": ("mine-ask-decline", "mine-btn-yes-decline", "mine-declined", RegistrationService.decline_offer),
}
DONE = {"cancelled", "left", "declined"}


def _label(title: str) -> str:
    return title if len(title) <= LIST_TITLE else title[: LIST_TITLE - 1] + "…"


def _status_line(t: Translate, mine: Registration) -> str:
    if mine.status == "waitlist":
        return t("mine-waitlist", position=mine.position)
    return t("mine-offered" if mine.status == "offered" else "mine-registered")


def _tail(t: Translate, back: bool) -> list[list[InlineKeyboardButton]]:
    rows = [[button(t("mine-btn-all"), SessionCb(action=SessionAction.LIST))]]
    if back:
        rows.append([back_button(t)])
    return rows


def mine_view(
    t: Translate, items: Sequence[tuple[Session, Registration]], tz: ZoneInfo, back: bool, lead: str | None = None
) -> tuple[str, InlineKeyboardMarkup]:
    """The person's upcoming places, soonest first, each with its «Отменить»; ``lead``: what was just done."""
    if not items:
        text = t("mine-empty")
        return (f"{lead}\n\n{text}" if lead else text), markup(_tail(t, back))
    blocks = [lead] if lead else []
    blocks.append(t("mine-head"))
    rows: list[list[InlineKeyboardButton]] = []
    for number, (session, mine) in enumerate(items, start=1):
        title = clip(session.title, TITLE_UNITS)
        blocks.append(
            t("mine-item", number=number, title=title, when=when_text(session, tz)) + "\n" + _status_line(t, mine)
        )
        cb = MineCb(action=MineAction.ASK, session_id=session.id, back=back)
        rows.append([button(t("mine-btn-cancel", number=number, title=_label(session.title)), cb)])
    return "\n\n".join(blocks), markup(rows + _tail(t, back))


def ask_view(
    t: Translate, session: Session, mine: Registration, tz: ZoneInfo, back: bool
) -> tuple[str, InlineKeyboardMarkup]:
    ask, yes, _, _ = BY_STATUS[mine.status]
    text = t(ask, title=clip(session.title, TITLE_UNITS), when=when_text(session, tz))
    keyboard = markup(
        [
            [button(t(yes), MineCb(action=MineAction.YES, session_id=session.id, back=back))],
            [button(t("btn-back"), MineCb(action=MineAction.LIST, back=back))],
        ]
    )
    return text, keyboard


async def _list(
    screen: Screen, repos: Repos, user_id: int, back: bool, lead: str | None = None
) -> tuple[str, InlineKeyboardMarkup]:
    return mine_view(screen.t, await repos.registrations.mine(user_id, now()), screen.tz, back, lead)


def _blocked(session: Session | None, mine: Registration | None, at: datetime) -> str | None:
    """Why a place cannot be given up any more (an answer of PLACE_ANSWERS), None if it can."""
    if session is None:
        return "missing"
    if session.status == "cancelled":
        return "called_off"
    if session.status != "scheduled" or (session.dates_ok and at >= session.starts_at):
        return "started"
    if mine is None or mine.status not in BY_STATUS:
        return "stale"
    return None


@residents.message(Command("my_sessions"))
async def cmd_my_sessions(message: Message, screen: Screen, repos: Repos, user: User) -> None:
    text, keyboard = await _list(screen, repos, user.id, back=False)
    await message.answer(text, reply_markup=keyboard)


@residents.callback_query(MineCb.filter(F.action == MineAction.LIST))
async def mine_list(callback: CallbackQuery, callback_data: MineCb, screen: Screen, repos: Repos, user: User) -> None:
    await callback.answer()
    await show(callback.message, *await _list(screen, repos, user.id, callback_data.back))


@residents.callback_query(MineCb.filter(F.action == MineAction.ASK))
async def mine_ask(callback: CallbackQuery, callback_data: MineCb, screen: Screen, repos: Repos, user: User) -> None:
    session = await repos.sessions.get(callback_data.session_id)
    mine = await repos.registrations.get(callback_data.session_id, user.id)
    blocked = _blocked(session, mine, now())
    if blocked is not None or session is None or mine is None:
        await callback.answer(screen.t(PLACE_ANSWERS[blocked or "missing"][0], position=0), show_alert=True)
        await show(callback.message, *await _list(screen, repos, user.id, callback_data.back))
        return
    await callback.answer()
    await show(callback.message, *ask_view(screen.t, session, mine, screen.tz, callback_data.back))


@residents.callback_query(MineCb.filter(F.action == MineAction.YES))
async def mine_cancel(
    callback: CallbackQuery,
    callback_data: MineCb,
    screen: Screen,
    repos: Repos,
    registration: RegistrationService,
    user: User,
) -> None:
    """Give up whatever the person holds in the session now (the question named it); the list again, the change
    on top. The freed place goes to the next on the waitlist (the registration's own doing)."""
    t, session_id = screen.t, callback_data.session_id
    session = await repos.sessions.get(session_id)
    mine = await repos.registrations.get(session_id, user.id)
    blocked = _blocked(session, mine, now())
    lead = None
    if blocked is not None or session is None or mine is None:
        outcome = blocked or "missing"
    else:
        _, _, done, withdraw = BY_STATUS[mine.status]
        outcome = (await withdraw(registration, session_id, user.id)).outcome
        if outcome in DONE:
            lead = t(done, title=clip(session.title, TITLE_UNITS))
    key, alert = PLACE_ANSWERS[outcome]
    await callback.answer(t(key, position=0), show_alert=alert)
    await show(callback.message, *await _list(screen, repos, user.id, callback_data.back, lead))


@residents.callback_query(MineCb.filter())
async def mine_unknown(callback: CallbackQuery, t: Translate) -> None:
    await callback.answer(t("button-outdated"), show_alert=True)


# --- without consent ---------------------------------------------------------------------


@refusals.message(Command("my_sessions"), Magic(F.chat.type == "private"))
async def mine_without_consent_cmd(message: Message, t: Translate) -> None:
    await message.answer(t("consent-required-short"))


@refusals.callback_query(MineCb.filter())
async def mine_without_consent(callback: CallbackQuery, t: Translate) -> None:
    await callback.answer(t("consent-required-short"), show_alert=True)
