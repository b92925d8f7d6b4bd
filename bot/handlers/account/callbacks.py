"""Button factories of the account feature: /delete_me and /settings."""

from __future__ import annotations

from enum import StrEnum

from bot.telegram.callbacks import Strict


class DeleteMeAnswer(StrEnum):
    DELETE = "1"
    KEEP = "0"


class DeleteMeCb(Strict, prefix="delme1"):
    answer: DeleteMeAnswer


class SettingsAction(StrEnum):
    ANNOUNCEMENTS = "announcements"


class SettingsCb(Strict, prefix="set1"):
    action: SettingsAction
    on: bool = False
