"""The projects' dialogue states. Each part appends its groups under its own heading."""

from __future__ import annotations

# --- audience ---
from aiogram.fsm.state import State, StatesGroup


class SessionProjectsInput(StatesGroup):
    number = State()  # the number of an idea to tie to the session (its id is in the dialogue's data)
