"""The one way through the set-up: `Visit.resume` takes a person to the first step they have not done yet
(consent, territory, subscriptions) or, once set up, to what they came for (an idea, a session's card).

Whoever sends a person (back) into the set-up goes through it: the onboarding steps themselves, /idea from
someone not set up yet (below), a session's button pressed before the set-up. A `Visit` is what the steps read
and write for one person; the onboarding routers hand it to their handlers (`visiting`, a router filter),
anyone else builds it from what their handler was given.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aiogram import F
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.types import User as TgUser

from bot.config import Settings
from bot.consent import CONSENT_EDITION, CONSENT_VERSION
from bot.handlers.ideas.flow import begin_idea
from bot.handlers.ideas.page_screen import Pager, answer_idea_payload, idea_payload
from bot.handlers.ideas.states import IdeaForm
from bot.handlers.onboarding.keyboards import (
    consent_kb,
    consent_review_kb,
    main_menu,
    renewal_kb,
    subscriptions_kb,
    territory_kb,
)
from bot.handlers.onboarding.states import Onboarding
from bot.handlers.sessions.screens import Screen, answer_session_payload, join_session, session_payload
from bot.services.registration import RegistrationService
from bot.services.territories import Territories
from bot.storage.models import User
from bot.storage.repositories import Repos
from bot.telegram.bundles import bundle
from bot.telegram.filters import Magic, MenuButton
from bot.telegram.i18n import Translate
from bot.telegram.routes import Routes


def with_lead(lead: str | None, text: str) -> str:
    """A step's question, after what the previous step confirmed (one message instead of two)."""
    return f"{lead}\n\n{text}" if lead else text


# A session to register for as soon as the consent is given (FSM data; its value a session's payload, session_<id>).
JOIN = "join"
# What someone asked the new consent version was doing, resumed once they accept (FSM data): "idea", an idea's
# page (idea_<N>), a session's card (session_<id>) or a registration (join_<id>).
RENEW = "renew"


async def show_consent(message: Message, t: Translate, state: FSMContext) -> None:
    await state.set_state(Onboarding.consent)
    data = await state.get_data()
    if session_payload(data.get(JOIN)) is not None:
        # Came to register for a session: the same consent, introduced in terms of the registration.
        await message.answer(t("consent-session-intro"))
    else:
        await message.answer(t("consent-intro"))
    await message.answer(t("consent-text", version=CONSENT_EDITION), reply_markup=consent_kb(t))


async def show_session_consent(message: Message, t: Translate, state: FSMContext, session_id: int) -> None:
    """A newcomer who came to register for a session: the consent, then the registration at once."""
    await state.set_state(None)
    await state.set_data({JOIN: f"session_{session_id}"})
    await show_consent(message, t, state)


async def ask_renewal(message: Message, t: Translate, state: FSMContext, pending: str | None) -> None:
    """The new consent version, asked of someone who accepted an older one; ``pending`` is what they were doing
    (resumed once they accept). Whatever dialogue they are in stays as it is."""
    await state.update_data({RENEW: pending})
    await message.answer(t("consent-renew-ask", version=CONSENT_EDITION), reply_markup=renewal_kb(t))


@dataclass(frozen=True)
class Visit:
    """One person on their way through the set-up: who, in which language, their dialogue, and what the steps
    read and write."""

    person: TgUser
    t: Translate
    lang: str
    state: FSMContext
    repos: Repos
    territories: Territories
    settings: Settings
    registration: RegistrationService

    async def resume(self, message: Message, lead: str | None = None) -> None:
        """Take the person to the first step they have not done yet, or run what they came for.

        ``lead`` is what the previous step confirmed; it opens the next question's message.
        """
        t, state = self.t, self.state
        user = await self.repos.users.get(self.person.id)
        if user is None or not user.has_consent:
            await show_consent(message, t, state)
            return
        joining = session_payload((await state.get_data()).get(JOIN))
        if joining is not None:
            # Came by a session's link: registered now; the territory and subscriptions wait until the person
            # comes for ideas (/start or /idea lead through them then).
            await state.clear()
            if lead:
                await message.answer(lead)
            await self.join(message, joining)
            return
        if user.territory_code is None:
            await state.set_state(Onboarding.territory)
            markup = territory_kb(t, self.territories, 0, self.lang)
            await message.answer(with_lead(lead, t("territory-ask")), reply_markup=markup)
            return
        if user.onboarded_at is None:
            await state.set_state(Onboarding.subscriptions)
            directions = await self.repos.directions.all()
            selected = await self.repos.users.subscriptions(user.id)
            markup = subscriptions_kb(t, directions, selected, self.lang)
            await message.answer(with_lead(lead, t("subs-ask")), reply_markup=markup)
            return
        if lead:
            await message.answer(lead)
        if await self.writing_idea():
            # An old onboarding button pressed while writing an idea: keep the draft, show where it stopped.
            await self.begin_idea(message)
            return
        if await self.came_for(message):
            return
        await message.answer(t("welcome-back", name=self.person.first_name), reply_markup=main_menu(t))

    async def join(self, message: Message, session_id: int) -> None:
        screen = Screen(self.t, self.lang, self.settings)
        await join_session(message, screen, self.repos, self.registration, self.person.id, session_id)

    async def open_idea(self, message: Message, pending: object) -> bool:
        """The page of the idea a shared link named (``idea_<N>``), if that is what ``pending`` is."""
        idea_id = idea_payload(pending)
        if idea_id is None or message.bot is None:
            return False
        user = await self.repos.users.get(self.person.id)
        pager = Pager(user, self.t, self.lang, self.repos, self.territories, self.settings, message.bot)
        await pager.open(message, idea_id, self.person.id)
        return True

    async def proceed(self, message: Message, pending: object, lead: str) -> None:
        """After the new consent version is accepted: back to what the person was doing when asked."""
        joining = session_payload(pending.replace("join_", "session_", 1) if isinstance(pending, str) else None)
        if isinstance(pending, str) and pending.startswith("join_") and joining is not None:
            await message.answer(lead)
            await self.join(message, joining)
            return
        if idea_payload(pending) is not None:
            # An idea's page from a shared link: opened now (a draft under way, if any, stays where it was).
            await message.answer(lead)
            await self.open_idea(message, pending)
            return
        if pending == "idea" and await self.writing_idea():
            await message.answer(lead)
            await self.begin_idea(message)
            return
        if pending == "idea" or session_payload(pending) is not None:
            await self.state.update_data(payload=pending)
            await self.resume(message, lead)
            return
        await message.answer(f"{lead}\n\n{self.t('consent-renewed-go-on')}")

    async def fresh(self) -> User:
        """The person as stored now (after a change made by this press)."""
        user = await self.repos.users.get(self.person.id)
        assert user is not None  # a step's handler checked they are known
        return user

    async def writing_idea(self) -> bool:
        current = await self.state.get_state()
        return bool(current and current.startswith(IdeaForm.__name__))

    async def begin_idea(self, message: Message) -> None:
        """A new idea, or the step an unfinished one stopped at."""
        await begin_idea(message, self.t, self.state, self.repos, self.settings, self.person.id)

    async def came_for(self, message: Message) -> bool:
        """Run what the person's deep link asked for (an idea, a session's card); False if it asked for nothing.

        The dialogue ends here either way: the set-up is over.
        """
        payload = (await self.state.get_data()).get("payload")
        await self.state.clear()
        if payload == "idea":
            await self.begin_idea(message)
            return True
        if message.bot is not None:
            user = await self.repos.users.get(self.person.id)
            pager = Pager(user, self.t, self.lang, self.repos, self.territories, self.settings, message.bot)
            if await answer_idea_payload(message, payload, pager, self.person.id):
                return True
        return await answer_session_payload(
            message, payload, self.t, self.lang, self.repos, self.settings, self.person.id
        )

    async def accept_consent(self, user: User | None) -> bool:
        """Record the consent; True if it is new (not a second press)."""
        person = self.person
        if user is None:
            await self.repos.users.ensure(person.id)
        newly = user is None or not user.consents_to(CONSENT_VERSION)
        if newly:
            await self.repos.users.accept_consent(
                person.id, CONSENT_VERSION, self.lang, person.first_name, person.last_name, person.username
            )
        return newly

    async def save_territory(self, code: str) -> str:
        """Store the territory; returns the confirmation to show."""
        await self.repos.users.set_territory(self.person.id, code)
        return self.t("territory-set", name=self.territories.name(code, self.lang) or code)

    async def finish(self, user: User) -> str:
        """The last step done: returns the confirmation of the subscriptions chosen."""
        directions = await self.repos.directions.all()
        selected = await self.repos.users.subscriptions(user.id)
        names = ", ".join(d.name(self.lang) for d in directions if d.id in selected)
        await self.repos.users.finish_onboarding(user.id)
        return self.t("subs-saved", count=len(selected), names=names)


async def visiting(event: Message | CallbackQuery, **data: Any) -> dict[str, Visit] | bool:
    """A router filter that hands the router's handlers a `visit`, made of what the dispatcher and the middlewares
    put into the update's data (it refuses only an update without a sender, which private chats never see)."""
    if event.from_user is None:
        return False
    return {"visit": bundle(Visit, data, person=event.from_user)}


# --- /idea from someone who has not consented or not finished the set-up --------------------------------------

router = Routes(name="gate")
router.message.filter(Magic(F.chat.type == "private"), visiting)


@router.message(Command("idea"))
@router.message(MenuButton("menu-idea"))
async def idea_refused(message: Message, visit: Visit, user: User | None) -> None:
    t = visit.t
    if user is None or not user.has_consent:
        await message.answer(t("consent-required"), reply_markup=consent_review_kb(t))
        return
    await message.answer(t("setup-first"))
    await visit.state.update_data(payload="idea")
    await visit.resume(message)
