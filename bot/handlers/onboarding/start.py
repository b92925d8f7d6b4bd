"""Onboarding: language, consent, territory, subscriptions; /start with deep links; /language."""

from __future__ import annotations

import logging
import re

from aiogram import F
from aiogram.filters import Command, CommandObject, CommandStart, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.types import User as TgUser

from bot.config import Settings
from bot.consent import CONSENT_VERSION
from bot.handlers.ideas.flow import begin_idea
from bot.handlers.ideas.states import IdeaForm
from bot.handlers.onboarding.callbacks import ConsentCb, LangCb, SubsCb, TerritoryCb
from bot.handlers.onboarding.keyboards import consent_kb, language_kb, main_menu, subscriptions_kb, territory_kb
from bot.handlers.onboarding.states import Onboarding
from bot.handlers.sessions.screens import answer_session_payload
from bot.services.roles import RoleService
from bot.services.territories import Territories
from bot.storage.models import User
from bot.storage.repositories import Repos
from bot.telegram.filters import Magic
from bot.telegram.i18n import Translate, Translator
from bot.telegram.messages import drop_keyboard, set_keyboard, settle
from bot.telegram.routes import Routes
from bot.text import INVISIBLE, has_visible

log = logging.getLogger(__name__)
router = Routes(name="start")
router.message.filter(Magic(F.chat.type == "private"))
router.callback_query.filter(Magic(F.message.chat.type == "private"))

PAYLOAD_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
KNOWN_PAYLOADS = {"idea"}


async def show_consent(message: Message, t: Translate, state: FSMContext) -> None:
    await state.set_state(Onboarding.consent)
    await message.answer(t("consent-intro"))
    await message.answer(t("consent-text", version=CONSENT_VERSION), reply_markup=consent_kb(t))


def with_lead(lead: str | None, text: str) -> str:
    """A step's question, after what the previous step confirmed (one message instead of two)."""
    return f"{lead}\n\n{text}" if lead else text


async def show_territories(
    message: Message, t: Translate, state: FSMContext, territories: Territories, lang: str, lead: str | None = None
) -> None:
    await state.set_state(Onboarding.territory)
    await message.answer(with_lead(lead, t("territory-ask")), reply_markup=territory_kb(t, territories, 0, lang))


async def continue_onboarding(
    message: Message,
    tg_user: TgUser,
    t: Translate,
    lang: str,
    state: FSMContext,
    repos: Repos,
    territories: Territories,
    settings: Settings,
    lead: str | None = None,
) -> None:
    """Take the person to the first step they have not done yet, or run what they came for.

    ``lead`` is what the previous step confirmed; it opens the next question's message.
    """
    user = await repos.users.get(tg_user.id)
    if user is None or not user.has_consent:
        await show_consent(message, t, state)
        return
    if user.territory_code is None:
        await show_territories(message, t, state, territories, lang, lead)
        return
    if user.onboarded_at is None:
        await state.set_state(Onboarding.subscriptions)
        directions = await repos.directions.all()
        selected = await repos.users.subscriptions(user.id)
        await message.answer(
            with_lead(lead, t("subs-ask")), reply_markup=subscriptions_kb(t, directions, selected, lang)
        )
        return
    if lead:
        await message.answer(lead)
    current = await state.get_state()
    if current and current.startswith(IdeaForm.__name__):
        # An old onboarding button pressed while writing an idea: keep the draft, show where it stopped.
        await begin_idea(message, t, state, repos, settings, tg_user.id)
        return
    data = await state.get_data()
    payload = data.get("payload")
    await state.clear()
    if payload == "idea":
        await begin_idea(message, t, state, repos, settings, tg_user.id)
        return
    if await answer_session_payload(message, payload, t, lang, repos, settings, tg_user.id):
        return  # back to the session card the person wanted to register for
    await message.answer(t("welcome-back", name=tg_user.first_name), reply_markup=main_menu(t))


@router.message(CommandStart())
async def cmd_start(
    message: Message,
    command: CommandObject,
    t: Translate,
    lang: str,
    state: FSMContext,
    repos: Repos,
    territories: Territories,
    settings: Settings,
) -> None:
    assert message.from_user is not None
    payload = (command.args or "").strip()
    current = await state.get_state()
    if not payload and current and current.startswith(IdeaForm.__name__):
        # An unfinished idea is not thrown away by /start: show where it stopped.
        await message.answer(t("welcome-back", name=message.from_user.first_name), reply_markup=main_menu(t))
        await begin_idea(message, t, state, repos, settings, message.from_user.id)
        return
    await state.set_state(None)
    if payload:
        if PAYLOAD_RE.match(payload) and payload in KNOWN_PAYLOADS:
            await state.set_data({"payload": payload})
        else:
            log.info("unknown deep-link payload from %s: %r", message.from_user.id, payload[:80])
            await state.set_data({})
            await message.answer(t("deeplink-unknown"))
    else:
        await state.set_data({})
    await continue_onboarding(message, message.from_user, t, lang, state, repos, territories, settings)


@router.message(Command("language"))
async def cmd_language(message: Message, t: Translate) -> None:
    await message.answer(t("language-choose"), reply_markup=language_kb())


@router.callback_query(LangCb.filter())
async def pick_language(
    callback: CallbackQuery,
    callback_data: LangCb,
    repos: Repos,
    translator: Translator,
    settings: Settings,
    roles: RoleService,
) -> None:
    if callback_data.code not in translator.bundles:
        await callback.answer(translator.get(translator.default, "button-outdated"), show_alert=True)
        return
    await repos.users.set_language(callback.from_user.id, callback_data.code)
    t = translator.for_lang(callback_data.code)
    await callback.answer()
    if callback.from_user.id in settings.admin_ids or await repos.roles.is_organizer(callback.from_user.id):
        # The staff command menu is per person and per language.
        await roles.refresh_menu(callback.from_user.id)
    user = await repos.users.get(callback.from_user.id)
    markup = main_menu(t) if user is not None and user.onboarded_at else None
    if isinstance(callback.message, Message):
        await callback.message.answer(t("language-set"), reply_markup=markup)


@router.callback_query(ConsentCb.filter(F.action == "show"))
async def consent_show(callback: CallbackQuery, t: Translate, state: FSMContext) -> None:
    await callback.answer()
    if isinstance(callback.message, Message):
        await show_consent(callback.message, t, state)


@router.callback_query(ConsentCb.filter(F.action == "lang"))
async def consent_switch_language(callback: CallbackQuery, lang: str, repos: Repos, translator: Translator) -> None:
    new_lang = "en" if lang == "ru" else "ru"
    await repos.users.set_language(callback.from_user.id, new_lang)
    t = translator.for_lang(new_lang)
    await callback.answer(t("language-set"))
    if isinstance(callback.message, Message):
        await callback.message.edit_text(t("consent-text", version=CONSENT_VERSION), reply_markup=consent_kb(t))


@router.callback_query(ConsentCb.filter(F.action == "accept"))
async def consent_accept(
    callback: CallbackQuery,
    t: Translate,
    lang: str,
    state: FSMContext,
    repos: Repos,
    territories: Territories,
    settings: Settings,
    user: User | None,
) -> None:
    tg = callback.from_user
    await callback.answer()
    if user is None:
        await repos.users.ensure(tg.id)
    newly = user is None or not user.has_consent
    if newly:
        await repos.users.accept_consent(tg.id, CONSENT_VERSION, lang, tg.first_name, tg.last_name, tg.username)
    if isinstance(callback.message, Message):
        await drop_keyboard(callback.message)  # the consent text itself stays in the chat
        lead = t("consent-accepted", version=CONSENT_VERSION) if newly else None
        await continue_onboarding(callback.message, tg, t, lang, state, repos, territories, settings, lead)


@router.callback_query(ConsentCb.filter(F.action == "decline"))
async def consent_decline(callback: CallbackQuery, t: Translate, lang: str, state: FSMContext, repos: Repos) -> None:
    await repos.users.ensure(callback.from_user.id)
    await repos.users.decline_consent(callback.from_user.id)
    await state.clear()
    await callback.answer()
    if isinstance(callback.message, Message):
        await drop_keyboard(callback.message)
        await callback.message.answer(t("consent-declined"))


@router.callback_query(TerritoryCb.filter(F.action == "page"))
async def territory_page(
    callback: CallbackQuery, callback_data: TerritoryCb, t: Translate, lang: str, territories: Territories
) -> None:
    await callback.answer()
    page = callback_data.page  # a plain number (bot/callbacks.py), clamped to the pages by territory_kb
    if isinstance(callback.message, Message):
        markup = territory_kb(t, territories, page, lang)
        if markup != callback.message.reply_markup:
            await set_keyboard(callback.message, markup)


async def _save_territory(
    tg_user: TgUser, code: str, t: Translate, lang: str, repos: Repos, territories: Territories
) -> str:
    """Store the territory; returns the confirmation to show."""
    await repos.users.set_territory(tg_user.id, code)
    return t("territory-set", name=territories.name(code, lang) or code)


@router.callback_query(TerritoryCb.filter(F.action == "pick"))
async def territory_pick(
    callback: CallbackQuery,
    callback_data: TerritoryCb,
    t: Translate,
    lang: str,
    state: FSMContext,
    repos: Repos,
    territories: Territories,
    settings: Settings,
    user: User | None,
) -> None:
    if territories.get(callback_data.value) is None or user is None or not user.has_consent:
        await callback.answer(t("button-outdated"), show_alert=True)
        return
    await callback.answer()
    saved = await _save_territory(callback.from_user, callback_data.value, t, lang, repos, territories)
    if isinstance(callback.message, Message):
        await settle(callback.message, saved)
        await continue_onboarding(callback.message, callback.from_user, t, lang, state, repos, territories, settings)


@router.message(StateFilter(Onboarding.territory), Magic(F.text))
async def territory_typed(
    message: Message,
    t: Translate,
    lang: str,
    state: FSMContext,
    repos: Repos,
    territories: Territories,
    settings: Settings,
) -> None:
    assert message.from_user is not None and message.text is not None
    found = territories.match(message.text)
    if found is None:
        # Nothing visible typed (zero-width characters only): say so, rather than "«» not found".
        text = t("territory-not-found", text=message.text[:100]) if has_visible(message.text) else t(INVISIBLE)
        await message.answer(text, reply_markup=territory_kb(t, territories, 0, lang))
        return
    saved = await _save_territory(message.from_user, found.code, t, lang, repos, territories)
    await continue_onboarding(message, message.from_user, t, lang, state, repos, territories, settings, saved)


@router.callback_query(SubsCb.filter(F.action == "toggle"))
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
        await set_keyboard(callback.message, subscriptions_kb(t, directions, selected, lang))


@router.callback_query(SubsCb.filter(F.action == "done"))
async def subs_done(
    callback: CallbackQuery,
    t: Translate,
    lang: str,
    state: FSMContext,
    repos: Repos,
    territories: Territories,
    settings: Settings,
    user: User | None,
) -> None:
    if user is None or not user.has_consent or user.territory_code is None:
        # The territory comes first: a forged (or stale) "Done" cannot finish the set-up without it.
        await callback.answer(t("button-outdated"), show_alert=True)
        return
    await callback.answer()
    directions = await repos.directions.all()
    selected = await repos.users.subscriptions(user.id)
    names = ", ".join(d.name(lang) for d in directions if d.id in selected)
    await repos.users.finish_onboarding(user.id)
    if isinstance(callback.message, Message):
        await settle(callback.message, t("subs-saved", count=len(selected), names=names))
        await callback.message.answer(t("onboarding-done"), reply_markup=main_menu(t))
        payload = (await state.get_data()).get("payload")
        await state.clear()
        if payload == "idea":
            await begin_idea(callback.message, t, state, repos, settings, user.id)
        else:
            await answer_session_payload(callback.message, payload, t, lang, repos, settings, user.id)
