"""The projects' dialogue states. Each part appends its groups under its own heading."""

from __future__ import annotations

# --- leader ---
from aiogram.fsm.state import State, StatesGroup


class LeaderInput(StatesGroup):
    needs = State()  # what help is still needed
    update = State()  # a project update's text
    confirm = State()  # the update's preview
