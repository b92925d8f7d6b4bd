"""Keyboards of the account feature: /delete_me and /settings."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup

from bot.handlers.account.callbacks import DeleteMeAnswer, DeleteMeCb, SettingsAction, SettingsCb
from bot.handlers.projects.callbacks import JoinAction, JoinCb
from bot.handlers.sessions.callbacks import MineAction, MineCb
from bot.storage.models import Notice, User
from bot.telegram.i18n import Translate
from bot.telegram.keyboards import button, markup

# The notice toggles in the order shown: (the column, its toggle's action, its label).
NOTICES = (
    (Notice.ANNOUNCEMENTS, SettingsAction.ANNOUNCEMENTS, "profile-notice-announcements"),
    (Notice.FOLLOWED, SettingsAction.FOLLOWED, "profile-notice-followed"),
    (Notice.REMINDERS, SettingsAction.REMINDERS, "profile-notice-reminders"),
)


def delete_me_kb(t: Translate) -> InlineKeyboardMarkup:
    return markup(
        [
            [
                button(t("delete-yes"), DeleteMeCb(answer=DeleteMeAnswer.DELETE)),
                button(t("delete-no"), DeleteMeCb(answer=DeleteMeAnswer.KEEP)),
            ]
        ]
    )


def settings_kb(t: Translate) -> InlineKeyboardMarkup:
    """The settings screen's buttons, two to a row."""
    return markup(
        [
            [
                button(t("profile-btn-territory"), SettingsCb(action=SettingsAction.TERRITORY)),
                button(t("profile-btn-directions"), SettingsCb(action=SettingsAction.SUBSCRIPTIONS)),
            ],
            [
                button(t("profile-btn-notices"), SettingsCb(action=SettingsAction.NOTICES)),
                button(t("profile-btn-language"), SettingsCb(action=SettingsAction.LANGUAGE)),
            ],
            [
                button(t("profile-btn-sessions"), MineCb(action=MineAction.LIST, back=True)),
                button(t("projects-join-btn-mine"), JoinCb(action=JoinAction.MINE, back=True)),  # projects/join.py
            ],
        ]
    )


def notices_kb(t: Translate, user: User) -> InlineKeyboardMarkup:
    """One toggle per kind of notice (✅ on, ⬜ off; a press sets the other value), then «Назад»."""
    rows = []
    for kind, action, label in NOTICES:
        on = user.notice(kind)
        rows.append([button(f"{'✅' if on else '⬜'} {t(label)}", SettingsCb(action=action, on=not on))])
    rows.append([button(t("btn-back"), SettingsCb(action=SettingsAction.MAIN))])
    return markup(rows)
