"""Fluent translations. Every user-visible string lives in locales/<lang>/*.ftl.

Messages are sent with parse_mode=HTML, so every string argument is escaped
here; a value that is already safe HTML must be wrapped in `Html`.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from aiogram import html
from fluent.runtime import FluentBundle
from fluent.syntax import FluentParser, ast

from bot.config import SUPPORTED_LOCALES

log = logging.getLogger(__name__)

LOCALES_DIR = Path(__file__).resolve().parents[2] / "locales"

# Telegram language codes that should get the Russian interface.
RUSSIAN_SPEAKING = {"ru", "uk", "be", "kk", "uz", "ky", "tt", "ba", "tg", "az", "hy", "ka"}


# Fluent refuses an argument longer than this (2500 characters: a guard against huge inputs) and then renders the
# whole message as "{???}". An idea's text or a session's description, escaped, can be longer ("&" is "&amp;"):
# such an argument goes in as a short marker, replaced by the value once the message is formatted.
PLACEABLE_MAX = 2000

# Arguments that are identifiers (idea #N, broadcast №N, user ids): shown as plain digits, never grouped
# like counts ("#12345", not "#12 345").
IDENTIFIERS = frozenset({"number", "original", "first", "id", "target"})


class Html(str):
    """A string that is already valid Telegram HTML and must not be escaped again."""


class Translate(Protocol):
    def __call__(self, key: str, /, **kwargs: Any) -> str: ...

    def __hash__(self) -> int: ...  # functions are: a keyboard built from one can be cached (lru_cache)


class Translator:
    def __init__(self, locales_dir: Path = LOCALES_DIR, default: str = "ru") -> None:
        self.default = default
        self.bundles: dict[str, FluentBundle] = {}
        self.key_sets: dict[str, set[str]] = {}
        self._variants: dict[str, frozenset[str]] = {}
        self._translates: dict[str, Translate] = {}
        # Without source positions (spans) and comments, which the bundle never reads: the parsed messages of
        # both languages take a third less memory for the life of the process.
        parser = FluentParser(with_spans=False)
        for lang in SUPPORTED_LOCALES:
            bundle = FluentBundle([lang], use_isolating=False)
            keys: set[str] = set()
            for path in sorted((locales_dir / lang).glob("*.ftl")):
                resource = parser.parse(path.read_text(encoding="utf-8"))
                for entry in resource.body:
                    if isinstance(entry, ast.Message | ast.Term):
                        entry.comment = None
                keys.update(entry.id.name for entry in resource.body if isinstance(entry, ast.Message))
                bundle.add_resource(resource)
            self.bundles[lang] = bundle
            self.key_sets[lang] = keys

    @staticmethod
    def pick_language(telegram_code: str | None, default: str) -> str:
        if not telegram_code:
            return default
        base = telegram_code.lower().split("-")[0]
        if base in SUPPORTED_LOCALES:
            return base
        return "ru" if base in RUSSIAN_SPEAKING else "en"

    def get(self, lang: str, key: str, /, **kwargs: Any) -> str:
        bundle = self.bundles.get(lang) or self.bundles[self.default]
        if not bundle.has_message(key):
            log.error("missing translation %s for %s", key, lang)
            bundle = self.bundles[self.default]
            if not bundle.has_message(key):
                return key
        message = bundle.get_message(key)
        if message.value is None:
            return key
        args = {
            name: (
                str(value)
                if name in IDENTIFIERS and isinstance(value, int)
                else value
                if isinstance(value, Html) or not isinstance(value, str)
                else html.quote(value)
            )
            for name, value in kwargs.items()
        }
        long_values: dict[str, str] = {}
        for name, value in args.items():
            if isinstance(value, str) and len(value) > PLACEABLE_MAX:
                marker = f"\ue000{secrets.token_hex(8)}\ue001"  # in no translation, guessed by nobody
                long_values[marker] = value
                args[name] = marker
        text, errors = bundle.format_pattern(message.value, args)
        for error in errors:
            log.error("translation %s/%s: %s", lang, key, error)
        text = str(text)
        for marker, value in long_values.items():
            text = text.replace(marker, value)
        return text

    def for_lang(self, lang: str) -> Translate:
        """The same function for a language each time (keyboards built from it can be kept: see lru_cache uses)."""
        found = self._translates.get(lang)
        if found is None:

            def translate(key: str, /, **kwargs: Any) -> str:
                return self.get(lang, key, **kwargs)

            found = self._translates[lang] = translate
        return found

    def all_variants(self, key: str) -> frozenset[str]:
        """The text of one key in every language (to match reply-keyboard buttons)."""
        found = self._variants.get(key)
        if found is None:
            found = self._variants[key] = frozenset(self.get(lang, key) for lang in self.bundles)
        return found


TranslateFactory = Callable[[str], Translate]
