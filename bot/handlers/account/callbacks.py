"""callbacks."""

from __future__ import annotations

from typing import Literal

from bot.telegram.callbacks import Strict


class DeleteMeCb(Strict, prefix="delme1"):
    confirm: bool


class SettingsCb(Strict, prefix="set1"):
    action: Literal["announcements"]
    on: bool = False
