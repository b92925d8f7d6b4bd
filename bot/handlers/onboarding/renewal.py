"""A new version of the consent text (bot/consent.py), asked once of whoever accepted an older one.

The question comes at the person's next action in the private chat (a message or a button; /help, /privacy,
/cancel, /delete_me and the language are answered without it; so is staff work — a staff command, a step
of a staff dialogue, a staff button). What they were doing is remembered
and resumed once they accept: a session's registration, its card, or the idea form. Declining keeps the older
consent for its own purposes (ideas and news) — 152-FZ asks consent per purpose, and a refusal of the new ones
is not a withdrawal of the old ones; registering for sessions, rating them and voting then need the new version
(asked again when the person reaches for them, or accepted from /privacy). The question is asked once: the
version asked about is stored with the person, so neither a restart nor a later message asks again.
"""

from __future__ import annotations

from aiogram import F
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from bot.consent import CONSENT_EDITION, CONSENT_VERSION
from bot.handlers.ideas.page_screen import idea_payload
from bot.handlers.ideas.states import IdeaForm
from bot.handlers.onboarding.callbacks import ConsentCb, LangCb, RenewAction, RenewCb
from bot.handlers.onboarding.gate import RENEW, Visit, ask_renewal, visiting
from bot.handlers.sessions.callbacks import SessionAction, SessionCb
from bot.handlers.sessions.screens import session_payload
from bot.handlers.system.staff_work import StaffAtWork
from bot.storage.models import User
from bot.telegram.filters import Magic, MenuButton, RenewalDue
from bot.telegram.i18n import Translate, Translator
from bot.telegram.messages import drop_keyboard
from bot.telegram.routes import Routes

router = Routes(name="renewal")
router.message.filter(Magic(F.chat.type == "private"), visiting)
router.callback_query.filter(Magic(F.message.chat.type == "private"), visiting)

# Commands answered without the question: they need no consent, or are the way out of it.
FREE = ("help", "privacy", "cancel", "delete_me", "language")
# Presses that take a place: resumed as the registration itself.
TAKING = {SessionAction.REGISTER, SessionAction.WAIT, SessionAction.ACCEPT_OFFER}


async def _pending_message(message: Message, visit: Visit, translator: Translator) -> str | None:
    """What a message asked for, to resume after the consent: an idea, an idea's page or a session's card (None:
    nothing)."""
    text = message.text or ""
    if text.startswith("/start"):
        args = text.split(maxsplit=1)[1].strip() if " " in text else ""
        wanted = args == "idea" or session_payload(args) is not None or idea_payload(args) is not None
        return args if wanted else None
    if text.split("@", 1)[0].split(maxsplit=1)[:1] == ["/idea"] or text in translator.all_variants("menu-idea"):
        return "idea"
    current = await visit.state.get_state()
    return "idea" if current and current.startswith(IdeaForm.__name__) else None


@router.callback_query(RenewCb.filter(F.action == RenewAction.TEXT))
async def full_text(callback: CallbackQuery, t: Translate) -> None:
    await callback.answer()
    if isinstance(callback.message, Message):
        await callback.message.answer(t("consent-text", version=CONSENT_EDITION))


@router.callback_query(RenewCb.filter(F.action == RenewAction.ACCEPT))
async def renewal_accept(callback: CallbackQuery, visit: Visit, user: User | None) -> None:
    if user is None or not user.has_consent:  # withdrawn since: the consent is given through /start again
        await callback.answer(visit.t("button-outdated"), show_alert=True)
        return
    await callback.answer()
    newly = await visit.accept_consent(user)
    data = await visit.state.get_data()
    pending = data.pop(RENEW, None)
    await visit.state.set_data(data)
    if not isinstance(callback.message, Message):
        return
    await drop_keyboard(callback.message)
    if newly:
        await visit.proceed(callback.message, pending, visit.t("consent-renewed"))


@router.callback_query(RenewCb.filter(F.action == RenewAction.DECLINE))
async def renewal_decline(callback: CallbackQuery, visit: Visit, user: User | None) -> None:
    if user is None or not user.has_consent or user.consents_to(CONSENT_VERSION):
        await callback.answer(visit.t("button-outdated"), show_alert=True)
        return
    await callback.answer()
    await visit.repos.users.refuse_renewal(user.id, CONSENT_VERSION)
    data = await visit.state.get_data()
    pending = data.pop(RENEW, None)
    await visit.state.set_data(data)
    if isinstance(callback.message, Message):
        await drop_keyboard(callback.message)
        await callback.message.answer(visit.t("consent-renew-declined"))
        await visit.open_idea(callback.message, pending)  # a shared idea's page needs no consent: still shown


# --- the question, once, at the next action ---------------------------------------------------------------------


@router.message(RenewalDue(), ~Command(*FREE), ~MenuButton("menu-help"), ~StaffAtWork())
async def ask_at_message(message: Message, visit: Visit, user: User, translator: Translator) -> None:
    await visit.repos.users.ask_renewal(user.id, CONSENT_VERSION)
    await ask_renewal(message, visit.t, visit.state, await _pending_message(message, visit, translator))


@router.callback_query(RenewalDue(), SessionCb.filter())
async def ask_at_session_press(callback: CallbackQuery, callback_data: SessionCb, visit: Visit, user: User) -> None:
    """A session's button: the registration (or the card) follows the consent."""
    kind = "join" if callback_data.action in TAKING else "session"
    await _ask_at_press(callback, visit, user, f"{kind}_{callback_data.session_id}")


@router.callback_query(RenewalDue(), ~ConsentCb.filter(), ~LangCb.filter(), ~StaffAtWork())
async def ask_at_press(callback: CallbackQuery, visit: Visit, user: User) -> None:
    await _ask_at_press(callback, visit, user, None)


async def _ask_at_press(callback: CallbackQuery, visit: Visit, user: User, pending: str | None) -> None:
    await visit.repos.users.ask_renewal(user.id, CONSENT_VERSION)
    await callback.answer()
    if isinstance(callback.message, Message):
        await ask_renewal(callback.message, visit.t, visit.state, pending)
