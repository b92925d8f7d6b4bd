"""states."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


class CuratorReject(StatesGroup):
    reason = State()  # the reason, as a reply to the prompt (in a group)
    confirm = State()  # its preview shown: Send / Edit / Back


class ModerationInput(StatesGroup):
    reason = State()  # the reason for rejecting an idea from /moderate
    confirm = State()  # its preview shown: Send / Edit / Back
    duplicate = State()  # the number #M of the idea this one duplicates
    ban_person = State()  # /ban or /unban without a person: a forwarded message, an @username or an id
