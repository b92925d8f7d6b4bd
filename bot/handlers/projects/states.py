"""The projects' dialogue states. Each part appends its groups under its own heading."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup

# --- join ---


class JoinSteps(StatesGroup):
    """An offer to help or to lead: one message awaited at a time (a note, a pitch) or one press (the consent)."""

    note = State()  # a member's optional note (up to NOTE_MAX), or «Пропустить»
    pitch = State()  # a leader's pitch (PITCH_MIN to PITCH_MAX)
    contact = State()  # the contact consent: show name and @username to the leader and curators?


# --- experts ---


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


# --- leader ---


class LeaderInput(StatesGroup):
    needs = State()  # what help is still needed
    update = State()  # a project update's text
    confirm = State()  # the update's preview


# --- choose ---


class ChooseReason(StatesGroup):
    reason = State()  # why a leader is appointed, replaced or removed: a reply to the prompt (in a group)


# --- result ---


class SurveyForm(StatesGroup):
    comment = State()  # an optional comment after answering a project's survey (data: idea_id, round, answer)


# --- audience ---


class SessionProjectsInput(StatesGroup):
    number = State()  # the number of an idea to tie to the session (its id is in the dialogue's data)
