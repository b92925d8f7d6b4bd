"""Expected texts from the locale files, as a person sees them in Telegram.

`ru("idea-sent", number=5)` renders the Russian string with the bot's own Translator, then reads its HTML the
way Telegram does (tags become formatting, entities are decoded), so a test compares with what is on the
person's screen without copying the wording. Literal Russian lines stay only in the few whole-screen checks
that pin the voice of a screen.
"""

from __future__ import annotations

import re
from typing import Any

from bot.telegram.i18n import Translator
from fake_telegram.html import finalize_text, parse_html

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


# --- texts with an argument the test cannot pin (a moment, a count, who acted) ------------------------------

MARK = "\ue000"  # a private-use character, in no text: stands in for one argument, to cut the string there


def pattern(lang: str, key: str, /, patterns: dict[str, str] | None = None, **args: Any) -> str:
    """The text of `key` as a regular expression: an argument named in `patterns` matches its pattern, the rest
    of the text only itself."""
    patterns = patterns or {}
    marks = {name: chr(0xE000 + n) for n, name in enumerate(patterns)}
    text = re.escape(shown(lang, key, **args, **marks))
    for name, mark in marks.items():
        text = text.replace(mark, f"(?:{patterns[name]})")
    return text


def ru_pattern(key: str, /, patterns: dict[str, str] | None = None, **args: Any) -> str:
    return pattern("ru", key, patterns, **args)


def ru_around(key: str, varying: str, /, **args: Any) -> tuple[str, str]:
    """The Russian text of `key` before and after its argument `varying`."""
    before, after = ru(key, **args, **{varying: MARK}).split(MARK)
    return before, after


def lead(key: str, /, arg: str, **args: Any) -> str:
    """The Russian text of `key` up to its argument `arg`."""
    return ru_around(key, arg, **args)[0]


def before_mark(text: str) -> str:
    """A text rendered with MARK as one argument → the text before that argument."""
    return text.partition(MARK)[0]


def around(text: str) -> tuple[str, str]:
    """A text rendered with MARK as one argument → the text before and after that argument."""
    before, _, after = text.partition(MARK)
    return before, after
