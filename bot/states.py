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
