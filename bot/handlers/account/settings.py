"""/settings (also the main menu's «Настройки»): a resident's profile on one message.

The screen lists the current values (territory, subscribed directions, the three kinds of notices, language)
with a button for each, and «Мои записи» (bot/handlers/sessions/mine.py). Every sub-screen edits the same
message and has «Назад». The territory, subscriptions and language pickers are onboarding's own
(bot/handlers/onboarding/start.py): opened from here their keyboard carries «Назад» to this screen, and their
handlers, seeing it, come back here instead of going on with the set-up.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiogram import F
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.handlers.account.callbacks import SettingsAction, SettingsCb
from bot.handlers.account.keyboards import NOTICES, notices_kb
from bot.handlers.account.profile import back_button, settings_view
from bot.handlers.onboarding.keyboards import language_kb, subscriptions_kb, territory_kb
from bot.services.territories import Territories
from bot.storage.models import User
from bot.storage.repositories import Repos
from bot.telegram.bundles import Bundled
from bot.telegram.filters import HasConsent, Magic, MenuButton
from bot.telegram.i18n import Translate
from bot.telegram.messages import show
from bot.telegram.routes import Routes

router = Routes(name="settings")


@dataclass(frozen=True)
class Profile:
    """What the settings screens are drawn with: the person and their language, the repositories, the places."""

    user: User
    t: Translate
    lang: str
    repos: Repos
    territories: Territories

    async def fresh(self) -> User:
        return await self.repos.users.get(self.user.id) or self.user

    async def view(self, user: User | None = None) -> tuple[str, InlineKeyboardMarkup]:
        return await settings_view(self.t, self.lang, self.repos, self.territories, user or self.user)


residents = Routes(name="settings-residents")
residents.message.filter(HasConsent(), Magic(F.chat.type == "private"), Bundled("profile", Profile))
residents.callback_query.filter(HasConsent(), Bundled("profile", Profile))

refusals = Routes(name="settings-refusals")

router.include_routers(residents, refusals)

TOGGLES = {action: kind for kind, action, _ in NOTICES}


@residents.message(Command("settings"))
@residents.message(MenuButton("menu-settings"))
async def cmd_settings(message: Message, profile: Profile) -> None:
    text, markup = await profile.view()
    await message.answer(text, reply_markup=markup)


@residents.callback_query(SettingsCb.filter(F.action == SettingsAction.MAIN))
async def settings_main(callback: CallbackQuery, profile: Profile) -> None:
    await callback.answer()
    await show(callback.message, *await profile.view())


@residents.callback_query(SettingsCb.filter(F.action == SettingsAction.TERRITORY))
async def settings_territory(callback: CallbackQuery, profile: Profile) -> None:
    t = profile.t
    await callback.answer()
    markup = territory_kb(t, profile.territories, 0, profile.lang, back=back_button(t))
    await show(callback.message, t("profile-territory-ask"), markup)


@residents.callback_query(SettingsCb.filter(F.action == SettingsAction.SUBSCRIPTIONS))
async def settings_subscriptions(callback: CallbackQuery, profile: Profile) -> None:
    t, repos = profile.t, profile.repos
    directions = await repos.directions.all()
    selected = await repos.users.subscriptions(profile.user.id)
    await callback.answer()
    markup = subscriptions_kb(t, directions, selected, profile.lang, back=back_button(t))
    await show(callback.message, t("profile-subs-ask"), markup)


@residents.callback_query(SettingsCb.filter(F.action == SettingsAction.LANGUAGE))
async def settings_language(callback: CallbackQuery, profile: Profile) -> None:
    await callback.answer()
    await show(callback.message, profile.t("language-choose"), language_kb(back=back_button(profile.t)))


@residents.callback_query(SettingsCb.filter(F.action == SettingsAction.NOTICES))
async def settings_notices(callback: CallbackQuery, profile: Profile) -> None:
    await callback.answer()
    await show(callback.message, profile.t("profile-notices-ask"), notices_kb(profile.t, await profile.fresh()))


@residents.callback_query(SettingsCb.filter(F.action.in_(TOGGLES.keys())))
async def settings_toggle(callback: CallbackQuery, callback_data: SettingsCb, profile: Profile) -> None:
    """A notice turned on or off (the button says which value to set: a double tap sets it once)."""
    kind = TOGGLES[callback_data.action]
    user = await profile.fresh()
    if user.notice(kind) != callback_data.on:
        await profile.repos.users.set_notice(user.id, kind, callback_data.on)
        user = await profile.fresh()
    await callback.answer(profile.t("settings-saved"))
    await show(callback.message, profile.t("profile-notices-ask"), notices_kb(profile.t, user))


# --- without consent ---------------------------------------------------------------------


@refusals.message(Command("settings"), Magic(F.chat.type == "private"))
@refusals.message(MenuButton("menu-settings"), Magic(F.chat.type == "private"))
async def settings_without_consent_cmd(message: Message, t: Translate) -> None:
    await message.answer(t("consent-required-short"))


@refusals.callback_query(SettingsCb.filter())
async def settings_without_consent(callback: CallbackQuery, t: Translate) -> None:
    await callback.answer(t("consent-required-short"), show_alert=True)
