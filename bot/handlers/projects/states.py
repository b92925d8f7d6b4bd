"""The projects' dialogue states. Each part appends its groups under its own heading."""

from __future__ import annotations

# --- choose ---
from aiogram.fsm.state import State, StatesGroup


class ChooseReason(StatesGroup):
    reason = State()  # why a leader is appointed, replaced or removed: a reply to the prompt (in a group)
