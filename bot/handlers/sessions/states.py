"""The sessions' dialogue states: a new session step by step, a field being edited, an announcement to confirm,
a comment after a rating."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


class FeedbackForm(StatesGroup):
    comment = State()  # an optional comment after rating a session (data: session_id)


class SessionDraft(StatesGroup):
    """/new_session, step by step (bot/handlers/sessions/admin.py)."""

    title = State()
    description = State()
    direction = State()
    start = State()
    duration = State()
    place = State()
    capacity = State()
    deadline = State()
    confirm = State()


class SessionEdit(StatesGroup):
    value = State()  # a new value typed for one field of an existing session (or its new start)


class SessionAnnounce(StatesGroup):
    confirm = State()  # the announcement's audience is picked: Send or not
