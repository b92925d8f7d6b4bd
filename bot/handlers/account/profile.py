"""The /settings screen (a person's profile) as one message, and how the pickers it borrows from onboarding
(territory, subscriptions, language) know they were opened from it: their keyboard carries «Назад» to it."""

from __future__ import annotations

from aiogram.types import InaccessibleMessage, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.handlers.account.callbacks import SettingsAction, SettingsCb
from bot.handlers.account.keyboards import settings_kb
from bot.services.territories import Territories
from bot.storage.models import Notice, User
from bot.storage.repositories import Repos
from bot.telegram.i18n import Translate
from bot.telegram.keyboards import button

BACK = SettingsCb(action=SettingsAction.MAIN)


def back_button(t: Translate) -> InlineKeyboardButton:
    """«Назад» to the settings screen: also the mark of a picker opened from /settings."""
    return button(t("btn-back"), BACK)


def in_settings(message: Message | InaccessibleMessage | None) -> bool:
    """Whether a picker's message was opened from /settings (it carries «Назад» to the settings screen)."""
    if not isinstance(message, Message) or message.reply_markup is None:
        return False
    packed = BACK.pack()
    return any(b.callback_data == packed for row in message.reply_markup.inline_keyboard for b in row)


def on_off(t: Translate, on: bool) -> str:
    return t("profile-on" if on else "profile-off")


async def settings_view(
    t: Translate, lang: str, repos: Repos, territories: Territories, user: User
) -> tuple[str, InlineKeyboardMarkup]:
    """The settings screen: the person's current values and a button for each."""
    directions = await repos.directions.all()
    selected = await repos.users.subscriptions(user.id)
    names = ", ".join(d.name(lang) for d in directions if d.id in selected)
    text = t(
        "profile-text",
        territory=territories.name(user.territory_code, lang) or t("profile-territory-none"),
        directions=names or t("profile-directions-none"),
        announcements=on_off(t, user.notice(Notice.ANNOUNCEMENTS)),
        followed=on_off(t, user.notice(Notice.FOLLOWED)),
        reminders=on_off(t, user.notice(Notice.REMINDERS)),
        language=t("lang-name"),
    )
    return text, settings_kb(t)
