"""What a person can see in a text: the one place that counts visible characters.

A text made only of zero-width or other invisible characters (U+200B, U+200C, U+200D, U+2060, U+FEFF,
U+00AD…), blanks, or combining marks with nothing to sit on looks empty on the screen, so it must not pass
as an idea, an address, a title, a reason or a poll question. Every free-text step asks `visible_length`
(or `has_visible`) instead of `len(text.strip())`.

Visible characters are those a person would count: letters, digits, punctuation, symbols and emoji. Not
counted: blanks and line breaks (Z*), control and format characters (Cc, Cf: the zero-width ones, the soft
hyphen, direction marks, tags), combining marks (M*: they belong to the letter before them, so "й" typed as
"и" + U+0306 counts once), surrogates, and the few letters and symbols that fonts draw as nothing (the
Hangul fillers, the blank Braille pattern).

Telegram's own limits count UTF-16 code units (bot/services/polls.py `text_length`); they stay as they are.
"""

from __future__ import annotations

import unicodedata

INVISIBLE = "text-invisible"  # the locale key every free-text step answers invisible-only text with

# Categories that draw nothing on their own.
# Co (private use) and Cn (unassigned): no glyph anyone can rely on.
HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp", "Mn", "Mc", "Me"})
# Assigned to visible categories, yet drawn as blank space (popular for "invisible" names).
BLANK_LOOKING = frozenset({"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"})
# What `tidy` takes off both ends: blanks, invisible format and control characters, blank-looking letters.
# Never combining marks: a trailing U+FE0F or accent belongs to the character before it.
EDGE_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})


def is_visible(char: str) -> bool:
    return char not in BLANK_LOOKING and unicodedata.category(char) not in HIDDEN_CATEGORIES


def visible_length(text: str | None) -> int:
    """How many characters of the text a person sees."""
    return sum(1 for char in text or "" if is_visible(char))


def has_visible(text: str | None) -> bool:
    """At least one visible character (a text that is not blank on the screen)."""
    return any(is_visible(char) for char in text or "")


def _edge(char: str) -> bool:
    return char in BLANK_LOOKING or unicodedata.category(char) in EDGE_CATEGORIES


def tidy(text: str | None) -> str:
    """The text without blanks and invisible characters at either end (those inside stay: a ZWJ joins emoji)."""
    value = text or ""
    start, end = 0, len(value)
    while start < end and _edge(value[start]):
        start += 1
    while end > start and _edge(value[end - 1]):
        end -= 1
    return value[start:end]


def too_long(text: str, limit: int) -> int | None:
    """The length to tell the person if the text is over `limit` visible characters, else None.

    Invisible characters don't count towards the limit, but they still take room in the messages the text
    is shown in: a text padded with more than `limit` of them is too long as well (its full length is told).
    """
    shown = visible_length(text)
    if shown > limit:
        return shown
    if len(text) > 2 * limit:
        return len(text)
    return None
