"""Onboarding: language, consent, territory, subscriptions; /start with deep links; /language.

Each step's handler records the answer and hands over to `Visit.resume` (gate.py), which asks what comes next.
"""

from __future__ import annotations

import logging
import re

from aiogram import F
from aiogram.filters import Command, CommandObject, CommandStart, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.consent import CONSENT_EDITION
from bot.handlers.account.profile import back_button, in_settings, settings_view
from bot.handlers.onboarding.callbacks import (
    ConsentAction,
    ConsentCb,
    LangCb,
    SubsAction,
    SubsCb,
    TerritoryAction,
    TerritoryCb,
)
from bot.handlers.onboarding.gate import JOIN, Visit, show_consent, visiting, with_lead
from bot.handlers.onboarding.keyboards import consent_kb, language_kb, main_menu, subscriptions_kb, territory_kb
from bot.handlers.onboarding.staff import is_staff, welcome_staff
from bot.handlers.onboarding.states import Onboarding
from bot.services.roles import RoleService
from bot.services.territories import Territories
from bot.storage.models import User
from bot.storage.repositories import Repos
from bot.telegram.filters import Magic, Typed
from bot.telegram.i18n import Translate, Translator
from bot.telegram.messages import drop_keyboard, set_keyboard, settle, show
from bot.telegram.routes import Routes
from bot.text import INVISIBLE, has_visible

log = logging.getLogger(__name__)
router = Routes(name="start")
router.message.filter(Magic(F.chat.type == "private"), visiting)
router.callback_query.filter(Magic(F.message.chat.type == "private"), visiting)

PAYLOAD_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
KNOWN_PAYLOADS = {"idea"}


@router.message(CommandStart())
async def cmd_start(message: Message, command: CommandObject, visit: Visit, roles: RoleService) -> None:
    t, state = visit.t, visit.state
    payload = (command.args or "").strip()
    writing = await visit.writing_idea()
    if not payload and not writing and await is_staff(visit):
        # Staff are not walked through the residents' set-up; they may opt in from their welcome.
        await welcome_staff(message, visit, roles)
        return
    if not payload and writing:
        # An unfinished idea is not thrown away by /start: show where it stopped.
        await message.answer(t("welcome-back", name=visit.person.first_name), reply_markup=main_menu(t))
        await visit.begin_idea(message)
        return
    await state.set_state(None)
    if payload:
        if PAYLOAD_RE.match(payload) and payload in KNOWN_PAYLOADS:
            await state.set_data({"payload": payload})
        else:
            log.info("unknown deep-link payload from %s: %r", visit.person.id, payload[:80])
            await state.set_data({})
            await message.answer(t("deeplink-unknown"))
    else:
        await state.set_data({})
    await visit.resume(message)


@router.message(Command("language"))
async def cmd_language(message: Message, t: Translate) -> None:
    await message.answer(t("language-choose"), reply_markup=language_kb())


@router.callback_query(LangCb.filter())
async def pick_language(
    callback: CallbackQuery, callback_data: LangCb, visit: Visit, translator: Translator, roles: RoleService
) -> None:
    """The language set; the main menu again in it (for someone set up). Picked in /settings: the settings
    screen comes back in the new language too."""
    repos, person = visit.repos, callback.from_user
    if callback_data.code not in translator.bundles:
        await callback.answer(translator.get(translator.default, "button-outdated"), show_alert=True)
        return
    await repos.users.set_language(person.id, callback_data.code)
    t = translator.for_lang(callback_data.code)
    await callback.answer()
    if person.id in visit.settings.admin_ids or await repos.roles.is_organizer(person.id):
        # The staff command menu is per person and per language.
        await roles.refresh_menu(person.id)
    user = await repos.users.get(person.id)
    markup = main_menu(t) if user is not None and user.onboarded_at else None
    if not isinstance(callback.message, Message):
        return
    if user is not None and user.has_consent and in_settings(callback.message):
        await show(callback.message, *await settings_view(t, callback_data.code, repos, visit.territories, user))
    else:
        await drop_keyboard(callback.message)  # a choice made: the picker's buttons go
    await callback.message.answer(t("language-set"), reply_markup=markup)


@router.callback_query(ConsentCb.filter(F.action == ConsentAction.SHOW))
async def consent_show(callback: CallbackQuery, t: Translate, state: FSMContext) -> None:
    await callback.answer()
    if isinstance(callback.message, Message):
        await show_consent(callback.message, t, state)


@router.callback_query(ConsentCb.filter(F.action == ConsentAction.LANGUAGE))
async def consent_switch_language(callback: CallbackQuery, lang: str, repos: Repos, translator: Translator) -> None:
    new_lang = "en" if lang == "ru" else "ru"
    await repos.users.set_language(callback.from_user.id, new_lang)
    t = translator.for_lang(new_lang)
    await callback.answer(t("language-set"))
    if isinstance(callback.message, Message):
        await callback.message.edit_text(t("consent-text", version=CONSENT_EDITION), reply_markup=consent_kb(t))


@router.callback_query(ConsentCb.filter(F.action == ConsentAction.ACCEPT))
async def consent_accept(callback: CallbackQuery, visit: Visit, user: User | None) -> None:
    await callback.answer()
    newly = await visit.accept_consent(user)
    if isinstance(callback.message, Message):
        await drop_keyboard(callback.message)  # the consent text itself stays in the chat
        lead = visit.t("consent-accepted", version=CONSENT_EDITION) if newly else None
        await visit.resume(callback.message, lead)


@router.callback_query(ConsentCb.filter(F.action == ConsentAction.DECLINE))
async def consent_decline(callback: CallbackQuery, t: Translate, state: FSMContext, repos: Repos) -> None:
    joining = (await state.get_data()).get(JOIN)
    await repos.users.ensure(callback.from_user.id)
    await repos.users.decline_consent(callback.from_user.id)
    await state.clear()
    await callback.answer()
    if isinstance(callback.message, Message):
        await drop_keyboard(callback.message)
        await callback.message.answer(t("consent-session-declined" if joining else "consent-declined"))


@router.callback_query(TerritoryCb.filter(F.action == TerritoryAction.PAGE))
async def territory_page(
    callback: CallbackQuery, callback_data: TerritoryCb, t: Translate, lang: str, territories: Territories
) -> None:
    await callback.answer()
    if isinstance(callback.message, Message):
        back = back_button(t) if in_settings(callback.message) else None
        markup = territory_kb(t, territories, callback_data.page, lang, back)  # the page is clamped to the pages
        if markup != callback.message.reply_markup:
            await set_keyboard(callback.message, markup)


@router.callback_query(TerritoryCb.filter(F.action == TerritoryAction.PICK))
async def territory_pick(callback: CallbackQuery, callback_data: TerritoryCb, visit: Visit, user: User | None) -> None:
    if visit.territories.get(callback_data.code) is None or user is None or not user.has_consent:
        await callback.answer(visit.t("button-outdated"), show_alert=True)
        return
    await callback.answer()
    if in_settings(callback.message):  # changed in /settings: back to the settings screen, the change on top
        await visit.repos.users.set_territory(user.id, callback_data.code)
        name = visit.territories.name(callback_data.code, visit.lang) or ""
        lead = visit.t("profile-territory-saved", name=name)
        text, markup = await settings_view(visit.t, visit.lang, visit.repos, visit.territories, await visit.fresh())
        await show(callback.message, with_lead(lead, text), markup)
        return
    saved = await visit.save_territory(callback_data.code)
    if isinstance(callback.message, Message):
        await settle(callback.message, saved)
        await visit.resume(callback.message)


@router.message(StateFilter(Onboarding.territory), Typed(text=True))
async def territory_typed(message: Message, visit: Visit) -> None:
    assert message.text is not None
    t = visit.t
    found = visit.territories.match(message.text)
    if found is None:
        # Nothing visible typed (zero-width characters only): say so, rather than "«» not found".
        text = t("territory-not-found", text=message.text[:100]) if has_visible(message.text) else t(INVISIBLE)
        await message.answer(text, reply_markup=territory_kb(t, visit.territories, 0, visit.lang))
        return
    saved = await visit.save_territory(found.code)
    await visit.resume(message, saved)


@router.callback_query(SubsCb.filter(F.action == SubsAction.TOGGLE))
async def subs_toggle(
    callback: CallbackQuery, callback_data: SubsCb, t: Translate, lang: str, repos: Repos, user: User | None
) -> None:
    directions = await repos.directions.all()
    if user is None or not user.has_consent or all(d.id != callback_data.direction_id for d in directions):
        await callback.answer(t("button-outdated"), show_alert=True)
        return
    await repos.users.toggle_subscription(user.id, callback_data.direction_id)
    selected = await repos.users.subscriptions(user.id)
    await callback.answer()
    if isinstance(callback.message, Message):
        back = back_button(t) if in_settings(callback.message) else None
        await set_keyboard(callback.message, subscriptions_kb(t, directions, selected, lang, back))


@router.callback_query(SubsCb.filter(F.action == SubsAction.DONE))
async def subs_done(callback: CallbackQuery, visit: Visit, user: User | None) -> None:
    if user is None or not user.has_consent or user.territory_code is None:
        # The territory comes first: a forged (or stale) "Done" cannot finish the set-up without it.
        await callback.answer(visit.t("button-outdated"), show_alert=True)
        return
    await callback.answer()
    saved = await visit.finish(user)
    if isinstance(callback.message, Message):
        await settle(callback.message, saved)
        await callback.message.answer(visit.t("onboarding-done"), reply_markup=main_menu(visit.t))
        await visit.came_for(callback.message)
