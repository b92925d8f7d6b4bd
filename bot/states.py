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
