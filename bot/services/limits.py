"""Telegram's limits on what the bot sends, and screens built from people's data kept within them.

Lengths are UTF-16 code units (an emoji is two, as Telegram counts) of the text as the bot sends it: HTML tags and
escapes included (``&amp;`` is five). Telegram counts what is left once the HTML is parsed, which is never more,
so whatever fits here is accepted there, whatever the names, ideas, titles or options in it.

* ``clip`` shortens one value (a name, an excerpt, a title on a list) to a budget, measured as it will be sent;
* ``shrink`` re-renders a text with its one long value (a description, an idea) shortened just enough to fit;
* ``fit`` lays out a list: a head, as many items as fit, "… and N more" for the rest, a tail;
* ``paginate`` splits a list into pages that each fit;
* ``cap_rows`` keeps a keyboard within Telegram's 100 buttons.
"""

from __future__ import annotations

import html as std_html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from aiogram import html

TEXT_LIMIT = 4096  # a message's text
CAPTION_LIMIT = 1024  # a photo's or document's caption
ANSWER_LIMIT = 200  # the text of an answer to a button press (a toast or an alert)
BUTTONS_LIMIT = 100  # buttons of one inline keyboard
NAME_UNITS = 100  # a person's first and last name in a list, escaped (the @username is added whole)
ELLIPSIS = "…"
TAG_RE = re.compile(r"<[^>]*>")

B = TypeVar("B")


def units(text: str) -> int:
    """UTF-16 code units, as Telegram counts them."""
    return len(text.encode("utf-16-le")) // 2


def escaped_units(value: str) -> int:
    """The units a plain value takes once HTML-escaped (as the translator escapes every argument)."""
    return units(html.quote(value))


def clip(value: str, limit: int, *, escaped: bool = True) -> str:
    """``value`` (plain text) shortened with "…" so that it takes at most ``limit`` units once HTML-escaped (or
    as it is, with ``escaped=False``: a button's label or an answer to a press, which are not HTML)."""
    cost = escaped_units if escaped else units
    if cost(value) <= limit:
        return value
    budget = limit - units(ELLIPSIS)
    if budget < 0:
        return ""
    kept: list[str] = []
    used = 0
    for char in value:
        used += cost(char)
        if used > budget:
            break
        kept.append(char)
    return "".join(kept).rstrip() + ELLIPSIS


def toast(text: str) -> str:
    """An answer to a button press (plain text, at most ANSWER_LIMIT characters)."""
    return clip(text, ANSWER_LIMIT, escaped=False)


def person(first_name: str | None, last_name: str | None, username: str | None, limit: int = NAME_UNITS) -> str:
    """ "First Last (@username)" as plain text: the name shortened to ``limit`` escaped units, the username (at most
    32 letters, digits and underscores) whole, as it is what tells two people apart. Empty if nothing is known."""
    name = clip(" ".join(p for p in (first_name, last_name) if p), limit)
    if name and username:
        return f"{name} (@{username})"
    return name or (f"@{username}" if username else "")


def squeeze(text: str, limit: int = TEXT_LIMIT) -> str:
    """The last resort for an HTML text that would not fit: its plain text, shortened and escaped again (the
    formatting is lost, the message is not). Every screen fits by construction; this only makes sure of it."""
    if units(text) <= limit:
        return text
    plain = std_html.unescape(TAG_RE.sub("", text))
    return html.quote(clip(plain, limit))


def shrink(render: Callable[[str], str], value: str, limit: int = TEXT_LIMIT) -> str:
    """``render(value)``, with the value shortened (with "…") just enough for the whole text to fit ``limit``.

    ``render`` puts the plain value into HTML once, escaped (a translation argument): every unit it loses comes
    off the text.
    """
    text = render(value)
    over = units(text) - limit
    if over <= 0:
        return text
    return squeeze(render(clip(value, max(0, escaped_units(value) - over))), limit)


@dataclass(frozen=True, slots=True)
class Fitted:
    text: str
    shown: int  # how many of the items the text holds (the first ones)


def fit(
    head: Sequence[str] | Callable[[int], Sequence[str]],
    items: Sequence[str],
    *,
    more: Callable[[int], str] | None = None,
    hidden: int = 0,
    tail: Sequence[str] = (),
    sep: str = "\n",
    limit: int = TEXT_LIMIT,
) -> Fitted:
    """A list within ``limit`` units: the head, as many of the items as fit, ``more(n)`` for the n left out (those
    that did not fit and the ``hidden`` ones never rendered, e.g. beyond a query's limit), then the tail; the parts
    joined by ``sep``. ``head`` may depend on how many items are shown (a "last 20" title)."""

    def parts(shown: int) -> list[str]:
        top = head(shown) if callable(head) else head
        left = len(items) - shown + hidden
        return [*top, *items[:shown], *([more(left)] if left and more is not None else []), *tail]

    def size(chunks: list[str]) -> int:
        return sum(units(c) for c in chunks) + units(sep) * max(0, len(chunks) - 1)

    if size(parts(len(items))) <= limit:
        return Fitted(sep.join(parts(len(items))), len(items))
    # An estimate from the items' sizes, then checked (and corrected) on the real text around them.
    shown, used = 0, size(parts(0))
    for item in items:
        used += units(item) + units(sep)
        if used > limit:
            break
        shown += 1
    while shown + 1 < len(items) and size(parts(shown + 1)) <= limit:
        shown += 1
    while shown > 0 and size(parts(shown)) > limit:
        shown -= 1
    return Fitted(squeeze(sep.join(parts(shown)), limit), shown)


def paginate(
    head: Sequence[str] | Callable[[int], Sequence[str]],
    items: Sequence[str],
    *,
    tail: Sequence[str] = (),
    sep: str = "\n",
    limit: int = TEXT_LIMIT,
    most: int | None = None,
) -> list[int]:
    """Where each page of a list starts, when every page shows as many items as fit with the head and the tail (and
    at most ``most``, e.g. one button each): the first item's index per page. Always one page at least."""
    starts: list[int] = []
    start = 0
    while start < len(items) or not starts:
        starts.append(start)
        chunk = items[start : start + most] if most else items[start:]
        start += max(1, fit(head, chunk, tail=tail, sep=sep, limit=limit).shown)
    return starts


def cap_rows(rows: Sequence[Sequence[B]], reserved: int = 0) -> list[list[B]]:
    """The first rows of a keyboard, with at most ``BUTTONS_LIMIT - reserved`` buttons (``reserved``: the buttons
    added after them, such as Back or page turns)."""
    room = BUTTONS_LIMIT - reserved
    kept: list[list[B]] = []
    for row in rows:
        if len(row) > room:
            break
        kept.append(list(row))
        room -= len(row)
    return kept
