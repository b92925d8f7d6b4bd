"""Expected texts from the locale files, as a person sees them in Telegram.

`ru("idea-sent", number=5)` renders the Russian string with the bot's own Translator, then reads its HTML the
way Telegram does (tags become formatting, entities are decoded), so a test compares with what is on the
person's screen without copying the wording. Literal Russian lines stay only in the few whole-screen checks
that pin the voice of a screen.
"""

from __future__ import annotations

from typing import Any

from bot.telegram.i18n import Translator
from tests.fake_telegram.html import finalize_text, parse_html

_translator = Translator()


def shown(lang: str, key: str, /, **args: Any) -> str:
    """The text of `key` in `lang` as the person reads it (no tags, entities decoded)."""
    text, _entities = finalize_text(*parse_html(_translator.get(lang, key, **args)))
    return text


def ru(key: str, /, **args: Any) -> str:
    return shown("ru", key, **args)


def en(key: str, /, **args: Any) -> str:
    return shown("en", key, **args)


def button(lang: str, key: str, /, **args: Any) -> str:
    """A button's label: buttons carry plain text, never HTML."""
    return _translator.get(lang, key, **args)
