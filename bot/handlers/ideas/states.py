"""states."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


class IdeaForm(StatesGroup):
    text = State()
    similar = State()  # similar public ideas shown: support one instead, or continue
    photos = State()
    place = State()
    direction = State()
    confirm = State()


class PageAnswer(StatesGroup):
    text = State()  # staff: the curators' public answer on an idea, typed after the page's button


class FindIdeas(StatesGroup):
    """/ideas search: waiting for the words, or for the location; the dialogue before it resumes after."""

    words = State()
    place = State()
