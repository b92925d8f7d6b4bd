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
    MAIN = "main"  # the settings screen (every sub-screen's «Назад»)
    TERRITORY = "terr"  # onboarding's territory picker, with «Назад»
    SUBSCRIPTIONS = "subs"  # onboarding's subscriptions picker, with «Назад»
    NOTICES = "ntc"  # the three notice toggles
    LANGUAGE = "lang"  # onboarding's language picker, with «Назад»
    # Notice toggles (`on`: the value to set). "announcements" is what buttons sent before the profile.
    ANNOUNCEMENTS = "announcements"
    FOLLOWED = "fol"
    REMINDERS = "rem"


class SettingsCb(Strict, prefix="set1"):
    action: SettingsAction
    on: bool = False
