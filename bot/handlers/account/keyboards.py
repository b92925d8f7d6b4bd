"""keyboards."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup

from bot.handlers.account.callbacks import DeleteMeCb, SettingsCb
from bot.telegram.i18n import Translate
from bot.telegram.keyboards import _button


def delete_me_kb(t: Translate) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                _button(t("delete-yes"), DeleteMeCb(confirm=True).pack()),
                _button(t("delete-no"), DeleteMeCb(confirm=False).pack()),
            ]
        ]
    )


def settings_kb(t: Translate, announcements: bool) -> InlineKeyboardMarkup:
    key = "settings-announcements-turn-off" if announcements else "settings-announcements-turn-on"
    return InlineKeyboardMarkup(
        inline_keyboard=[[_button(t(key), SettingsCb(action="announcements", on=not announcements).pack())]]
    )
