"""states."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


class PollForm(StatesGroup):
    """/poll step by step in a private chat (handlers.py); the draft is in the state data."""

    question = State()
    options = State()  # one option per message, then Done
    settings = State()  # anonymous, several answers, quiz, closing: buttons on one message
    close_typed = State()  # waiting for a typed duration ("45 минут")
    chat = State()  # picking the session chat, then Publish
