"""Access-control filters, attached to routers (messages and callbacks alike)."""

from __future__ import annotations

from typing import Any

from aiogram.filters import BaseFilter
from aiogram.types import CallbackQuery, Message, TelegramObject
from magic_filter import MagicFilter

from bot.config import Settings
from bot.consent import CONSENT_VERSION
from bot.storage.models import User
from bot.storage.repositories import Repos
from bot.telegram.i18n import Translator


def _actor_id(event: TelegramObject) -> int | None:
    if isinstance(event, Message | CallbackQuery) and event.from_user is not None:
        return event.from_user.id
    return None


class IsSuperAdmin(BaseFilter):
    async def __call__(self, event: TelegramObject, settings: Settings) -> bool:
        actor = _actor_id(event)
        return actor is not None and actor in settings.admin_ids


class IsStaff(BaseFilter):
    """Superadmins and organizers."""

    async def __call__(self, event: TelegramObject, settings: Settings, repos: Repos) -> bool:
        actor = _actor_id(event)
        if actor is None:
            return False
        return actor in settings.admin_ids or await repos.roles.is_organizer(actor)


class HasConsent(BaseFilter):
    async def __call__(self, event: TelegramObject, user: User | None = None, **_: Any) -> bool:
        return user is not None and user.has_consent


class IsOnboarded(BaseFilter):
    async def __call__(self, event: TelegramObject, user: User | None = None, **_: Any) -> bool:
        return user is not None and user.has_consent and user.onboarded_at is not None


class ConsentCurrent(BaseFilter):
    """Consent given to the current version of the text (what session registrations, ratings and votes need)."""

    async def __call__(self, event: TelegramObject, user: User | None = None, **_: Any) -> bool:
        return user is not None and user.consents_to(CONSENT_VERSION)


class RenewalDue(BaseFilter):
    """Consent given to an older version only, and not yet asked about the current one."""

    async def __call__(self, event: TelegramObject, user: User | None = None, **_: Any) -> bool:
        return user is not None and user.to_ask(CONSENT_VERSION)


# The main menu's buttons (onboarding's `main_menu`) and the commands they stand for: a step of a dialogue never takes
# one as its answer (`Typed`), and the dialogue's rule treats one as its command (system/dialogue.py).
MENU_COMMANDS = {
    "menu-idea": "idea",
    "menu-ideas": "ideas",
    "menu-my": "my",
    "menu-sessions": "sessions",
    "menu-settings": "settings",
    "menu-help": "help",
}


def menu_command(text: str | None, translator: Translator) -> str | None:
    """The command a main-menu button stands for (in any language), None for any other text."""
    if not text:
        return None
    return next((name for key, name in MENU_COMMANDS.items() if text in translator.all_variants(key)), None)


class Typed(BaseFilter):
    """What a dialogue's step may take as its answer: anything but a command or a main-menu button (those go on to
    their own handlers). ``text``: a text message only (else photos and the like pass too, to be told to type)."""

    def __init__(self, text: bool = False) -> None:
        self.text = text

    async def __call__(self, message: Message, translator: Translator) -> bool:
        if message.text is None:
            return not self.text
        return not message.text.startswith("/") and menu_command(message.text, translator) is None


class MenuButton(BaseFilter):
    """A reply-keyboard button, in whatever language the person's keyboard shows."""

    def __init__(self, key: str) -> None:
        self.key = key

    async def __call__(self, message: Message, translator: Translator) -> bool:
        return message.text is not None and message.text in translator.all_variants(self.key)


class Magic(BaseFilter):
    """An aiogram magic filter (``F...``) evaluated inline.

    aiogram 3.31 runs a bare ``F...`` filter through ``asyncio.to_thread`` on every
    check; wrapped in this async filter it costs a function call instead of a hop
    to the thread pool (measured in bench/: it was most of the bot's time per update).
    """

    def __init__(self, rule: MagicFilter) -> None:
        self.rule = rule

    async def __call__(self, event: TelegramObject) -> bool:
        return bool(self.rule.resolve(event))
