"""The projects' dialogue states. Each part appends its groups under its own heading."""

from __future__ import annotations

# --- result ---
from aiogram.fsm.state import State, StatesGroup


class SurveyForm(StatesGroup):
    comment = State()  # an optional comment after answering a project's survey (data: idea_id, round, answer)
