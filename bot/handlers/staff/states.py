"""Dialogue states of the staff feature: the broadcast draft, adding an organizer."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


class BroadcastDraft(StatesGroup):
    message = State()
    audience = State()
    confirm = State()


class RolesAdd(StatesGroup):
    person = State()  # waiting for a forwarded message, an @username or an id
