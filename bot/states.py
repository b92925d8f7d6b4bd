from aiogram.fsm.state import State, StatesGroup


class Onboarding(StatesGroup):
    consent = State()
    territory = State()
    subscriptions = State()


class IdeaForm(StatesGroup):
    text = State()
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
