"""Keyboards of the account feature: /delete_me and /settings."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup

from bot.handlers.account.callbacks import DeleteMeAnswer, DeleteMeCb, SettingsAction, SettingsCb
from bot.telegram.i18n import Translate
from bot.telegram.keyboards import button, markup


def delete_me_kb(t: Translate) -> InlineKeyboardMarkup:
    return markup(
        [
            [
                button(t("delete-yes"), DeleteMeCb(answer=DeleteMeAnswer.DELETE)),
                button(t("delete-no"), DeleteMeCb(answer=DeleteMeAnswer.KEEP)),
            ]
        ]
    )


def settings_kb(t: Translate, announcements: bool) -> InlineKeyboardMarkup:
    key = "settings-announcements-turn-off" if announcements else "settings-announcements-turn-on"
    return markup([[button(t(key), SettingsCb(action=SettingsAction.ANNOUNCEMENTS, on=not announcements))]])
