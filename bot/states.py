from aiogram.fsm.state import State, StatesGroup


class Onboarding(StatesGroup):
    consent = State()
    territory = State()
    subscriptions = State()


class IdeaForm(StatesGroup):
    text = State()
    similar = State()  # similar public ideas shown: support one instead, or continue
    photos = State()
    place = State()
    direction = State()
    confirm = State()


class CuratorReject(StatesGroup):
    reason = State()


class BroadcastDraft(StatesGroup):
    message = State()
    audience = State()
    confirm = State()


class RolesAdd(StatesGroup):
    person = State()  # waiting for a forwarded message, an @username or an id


class ModerationInput(StatesGroup):
    reason = State()  # the reason for rejecting an idea from /moderate
    duplicate = State()  # the number #M of the idea this one duplicates
    ban_person = State()  # /ban or /unban without a person: a forwarded message, an @username or an id


class FeedbackForm(StatesGroup):
    comment = State()  # an optional comment after rating a session (data: session_id)


class SessionDraft(StatesGroup):
    """/new_session, step by step (bot/handlers/sessions_admin.py)."""

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


class PollForm(StatesGroup):
    """/poll step by step in a private chat (bot/handlers/polls.py); the draft is in the state data."""

    question = State()
    options = State()  # one option per message, then Done
    settings = State()  # anonymous, several answers, quiz, closing: buttons on one message
    close_typed = State()  # waiting for a typed duration ("45 минут")
    chat = State()  # picking the session chat, then Publish
