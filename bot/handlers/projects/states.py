"""The projects' dialogue states. Each part appends its groups under its own heading."""

from __future__ import annotations

# --- experts ---
from aiogram.fsm.state import State, StatesGroup


class ExpertAdd(StatesGroup):
    name = State()
    field = State()
    region = State()
    contact = State()
    consent = State()
    telegram = State()  # their Telegram id: a forwarded message, a number, or none


class ExpertAttach(StatesGroup):
    idea = State()  # the project's number


class ExperienceAdd(StatesGroup):
    text = State()  # four lines: title, region, link or «-», what to take from it
