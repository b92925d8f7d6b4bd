"""/settings: whether a resident receives the hub's announcements (broadcasts)."""

from __future__ import annotations

from aiogram import F
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from bot.handlers.account.callbacks import SettingsAction, SettingsCb
from bot.handlers.account.keyboards import settings_kb
from bot.storage.models import User
from bot.storage.repositories import Repos
from bot.telegram.filters import HasConsent, Magic
from bot.telegram.i18n import Translate
from bot.telegram.messages import show
from bot.telegram.routes import Routes

router = Routes(name="settings")

residents = Routes(name="settings-residents")
residents.message.filter(HasConsent(), Magic(F.chat.type == "private"))
residents.callback_query.filter(HasConsent())

refusals = Routes(name="settings-refusals")

router.include_routers(residents, refusals)


def _settings_text(t: Translate, announcements: bool) -> str:
    return t("settings-text", announcements=t("settings-on" if announcements else "settings-off"))


@residents.message(Command("settings"))
async def cmd_settings(message: Message, t: Translate, user: User) -> None:
    await message.answer(_settings_text(t, user.announcements), reply_markup=settings_kb(t, user.announcements))


@residents.callback_query(SettingsCb.filter(F.action == SettingsAction.ANNOUNCEMENTS))
async def settings_announcements(
    callback: CallbackQuery, callback_data: SettingsCb, t: Translate, user: User, repos: Repos
) -> None:
    if user.announcements != callback_data.on:
        await repos.users.set_announcements(user.id, callback_data.on)
    await callback.answer(t("settings-saved"))
    await show(callback.message, _settings_text(t, callback_data.on), settings_kb(t, callback_data.on))


# --- without consent ---------------------------------------------------------------------


@refusals.message(Command("settings"), Magic(F.chat.type == "private"))
async def settings_without_consent_cmd(message: Message, t: Translate) -> None:
    await message.answer(t("consent-required-short"))


@refusals.callback_query(SettingsCb.filter())
async def settings_without_consent(callback: CallbackQuery, t: Translate) -> None:
    await callback.answer(t("consent-required-short"), show_alert=True)
