"""Telegram's HTML parse mode, following TDLib's ``parse_html`` (td/telegram/MessageEntity.cpp).

``parse_html(text)`` returns the plain text and a list of MessageEntity dicts whose offsets and
lengths count UTF-16 code units, as the Bot API does. Markup Telegram refuses raises
:class:`HtmlParseError`, whose ``description`` is the Bot API's
``Bad Request: can't parse entities: ...`` with TDLib's wording and UTF-8 byte offsets.

One deliberate difference: Telegram keeps a raw ``&`` that starts no known entity as a literal
character; with ``strict_ampersand=True`` (the default) this parser refuses it, because a bot that
sends one almost always forgot to escape user input (which breaks as soon as the input holds ``<``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .errors import ApiError

__all__ = [
    "HtmlParseError",
    "escape_html",
    "finalize_text",
    "parse_html",
    "utf16_len",
]

_PREFIX = "Bad Request: can't parse entities: "
_SPECIAL = re.compile(r"[<&]")
_SPACES = frozenset(" \t\r\n\0\v\f")
_ALLOWED_TAGS = frozenset("a b strong i em s strike del u ins tg-spoiler tg-emoji span pre code blockquote".split())
_SIMPLE_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "u": "underline",
    "ins": "underline",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
}
# TDLib orders entities that cover the same text by type priority (lower first).
_TYPE_PRIORITY = {
    "blockquote": 0,
    "expandable_blockquote": 0,
    "pre": 11,
    "code": 20,
    "text_link": 49,
    "text_mention": 49,
    "bold": 90,
    "italic": 91,
    "underline": 92,
    "strikethrough": 93,
    "spoiler": 94,
    "custom_emoji": 99,
}
_URL_SCHEMES = ("http://", "https://", "tg://", "ton://", "tonsite://")
_DOMAIN = re.compile(r"^[\w-]+(\.[\w-]+)+(:\d+)?([/?#].*)?$", re.UNICODE)
_TG_USER = re.compile(r"^tg://user\?id=(\d+)$")


class HtmlParseError(ApiError):
    """Markup Telegram refuses; ``description`` is the full Bot API error text."""

    def __init__(self, reason: str) -> None:
        super().__init__(400, _PREFIX + reason)
        self.reason = reason


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units, the unit of Telegram's entity offsets."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le")) // 2


@dataclass
class _Open:
    tag: str
    argument: str
    utf16_offset: int
    text_index: int  # index into the output pieces, to recover the link text of <a> without href
    begin: int  # character index of "<" in the source, for error offsets


def _ascii_lower(value: str) -> str:
    return value.lower() if value.isascii() else "".join(c.lower() if c.isascii() else c for c in value)


def _decode_entity(s: str, pos: int) -> tuple[str, int] | None:
    """Decode the HTML entity at ``s[pos] == '&'``: (character, end position) or None."""
    n = len(s)
    end = pos + 1
    if end < n and s[end] == "#":
        end += 1
        value = 0
        if end < n and s[end] == "x":
            end += 1
            while end < n and s[end] in "0123456789abcdefABCDEF":
                value = value * 16 + int(s[end], 16)
                end += 1
                if value >= 0x10FFFF:
                    return None
        else:
            while end < n and s[end].isascii() and s[end].isdigit():
                value = value * 10 + int(s[end])
                end += 1
                if value >= 0x10FFFF:
                    return None
        if value == 0 or end - pos >= 10 or 0xD800 <= value <= 0xDFFF:
            return None
        char = chr(value)
    else:
        while end < n and s[end].isascii() and s[end].isalpha():
            end += 1
        name = s[pos + 1 : end]
        char_or_none = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}.get(name)
        if char_or_none is None:
            return None
        char = char_or_none
    if end < n and s[end] == ";":
        end += 1
    return char, end


def _check_url(url: str) -> str | None:
    url = url.strip()
    if not url or any(c in url for c in " \t\r\n<>\"'"):
        return None
    lowered = url.lower()
    if lowered.startswith(_URL_SCHEMES):
        return url
    if "://" in url:
        return None
    if _DOMAIN.match(url):
        return "http://" + url
    return None


def parse_html(source: str, *, strict_ampersand: bool = True) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram HTML into (text, entities). Raises :class:`HtmlParseError` like Telegram."""
    if "<" not in source and "&" not in source:
        return source, []
    s = source
    n = len(s)

    def byte_offset(index: int) -> int:
        return len(s[:index].encode("utf-8", "surrogatepass"))

    def at(index: int) -> str:
        return s[index] if index < n else "\0"

    pieces: list[str] = []
    utf16 = 0
    entities: list[dict[str, Any]] = []
    stack: list[_Open] = []
    i = 0
    while i < n:
        match = _SPECIAL.search(s, i)
        j = match.start() if match else n
        if j > i:
            chunk = s[i:j]
            pieces.append(chunk)
            utf16 += utf16_len(chunk)
            i = j
            if i >= n:
                break
        if s[i] == "&":
            decoded = _decode_entity(s, i)
            if decoded is None:
                if strict_ampersand:
                    raise HtmlParseError(f'Unescaped "&" at byte offset {byte_offset(i)}')
                pieces.append("&")
                utf16 += 1
                i += 1
                continue
            char, i = decoded
            pieces.append(char)
            utf16 += utf16_len(char)
            continue

        # s[i] == "<"
        begin = i
        i += 1
        if at(i) != "/":
            while at(i) not in _SPACES and at(i) != ">":
                i += 1
            if at(i) == "\0":
                raise HtmlParseError(f"Unclosed start tag at byte offset {byte_offset(begin)}")
            tag = _ascii_lower(s[begin + 1 : i])
            if tag not in _ALLOWED_TAGS:
                raise HtmlParseError(f'Unsupported start tag "{tag}" at byte offset {byte_offset(begin)}')
            argument = ""
            while at(i) != ">":
                while at(i) != "\0" and at(i) in _SPACES:
                    i += 1
                if at(i) == ">":
                    break
                attribute_begin = i
                while at(i) not in _SPACES and at(i) != "=" and at(i) != ">":
                    i += 1
                attribute_name = s[attribute_begin:i]
                if not attribute_name:
                    raise HtmlParseError(f'Empty attribute name in the tag "{tag}" at byte offset {byte_offset(begin)}')
                while at(i) != "\0" and at(i) in _SPACES:
                    i += 1
                if at(i) != "=":
                    if tag == "blockquote" and attribute_name == "expandable":
                        argument = "1"
                        continue
                    raise HtmlParseError(
                        f'Expected equal sign in declaration of an attribute of the tag "{tag}" '
                        f"at byte offset {byte_offset(begin)}"
                    )
                i += 1
                while at(i) != "\0" and at(i) in _SPACES:
                    i += 1
                if at(i) == "\0":
                    raise HtmlParseError(f'Unclosed start tag "{tag}" at byte offset {byte_offset(begin)}')
                if at(i) not in "'\"":
                    token_begin = i
                    while at(i).isascii() and (at(i).isalnum() or at(i) in ".-"):
                        i += 1
                    value = _ascii_lower(s[token_begin:i])
                    if at(i) not in _SPACES and at(i) != ">":
                        raise HtmlParseError(f"Unexpected end of name token at byte offset {byte_offset(token_begin)}")
                else:
                    quote = s[i]
                    i += 1
                    value_chars: list[str] = []
                    while at(i) != quote and at(i) != "\0":
                        if s[i] == "&":
                            decoded = _decode_entity(s, i)
                            if decoded is not None:
                                value_chars.append(decoded[0])
                                i = decoded[1]
                                continue
                        value_chars.append(s[i])
                        i += 1
                    if at(i) == quote:
                        i += 1
                    value = "".join(value_chars)
                if at(i) == "\0":
                    raise HtmlParseError(f"Unclosed start tag at byte offset {byte_offset(begin)}")
                if tag == "a" and attribute_name == "href":
                    argument = value
                elif tag == "code" and attribute_name == "class" and value.startswith("language-"):
                    argument = value[len("language-") :]
                elif tag == "span" and attribute_name == "class" and value.startswith("tg-"):
                    argument = value[len("tg-") :]
                elif tag == "tg-emoji" and attribute_name == "emoji-id":
                    argument = value
                elif tag == "blockquote" and attribute_name == "expandable":
                    argument = "1"
            if tag == "span" and argument != "spoiler":
                raise HtmlParseError(f'Tag "span" must have class "tg-spoiler" at byte offset {byte_offset(begin)}')
            stack.append(_Open(tag, argument, utf16, len(pieces), begin))
            i += 1  # skip ">"
            continue

        # end tag
        if not stack:
            raise HtmlParseError(f"Unexpected end tag at byte offset {byte_offset(begin)}")
        while at(i) not in _SPACES and at(i) != ">":
            i += 1
        end_tag = s[begin + 2 : i]
        while at(i) != "\0" and at(i) in _SPACES:
            i += 1
        if at(i) != ">":
            raise HtmlParseError(f"Unclosed end tag at byte offset {byte_offset(begin)}")
        opened = stack.pop()
        if end_tag and end_tag != opened.tag:
            raise HtmlParseError(
                f'Unmatched end tag at byte offset {byte_offset(begin)}, expected "</{opened.tag}>", '
                f'found "</{end_tag}>"'
            )
        i += 1  # skip ">"
        if utf16 <= opened.utf16_offset:
            continue
        offset = opened.utf16_offset
        length = utf16 - offset
        tag = opened.tag
        if tag in _SIMPLE_TYPES:
            entities.append({"type": _SIMPLE_TYPES[tag], "offset": offset, "length": length})
        elif tag == "a":
            url = opened.argument or "".join(pieces[opened.text_index :])
            user = _TG_USER.match(url)
            if user:
                entities.append(
                    {
                        "type": "text_mention",
                        "offset": offset,
                        "length": length,
                        "user": {"id": int(user.group(1)), "is_bot": False, "first_name": ""},
                    }
                )
            else:
                checked = _check_url(url)
                if checked is not None:
                    entities.append({"type": "text_link", "offset": offset, "length": length, "url": checked})
        elif tag == "pre":
            code = _just_closed(entities, "code", offset, length)
            if code is not None and code.get("language"):
                code["type"] = "pre"
            else:
                entities.append({"type": "pre", "offset": offset, "length": length})
        elif tag == "code":
            pre = _just_closed(entities, "pre", offset, length)
            if pre is not None and opened.argument:
                pre["language"] = opened.argument
            else:
                entity: dict[str, Any] = {"type": "code", "offset": offset, "length": length}
                if opened.argument:
                    entity["language"] = opened.argument  # dropped below unless a <pre> claims it
                entities.append(entity)
        elif tag == "tg-emoji":
            if not opened.argument.isdigit() or int(opened.argument) == 0 or int(opened.argument) >= 2**63:
                raise HtmlParseError("Invalid custom emoji identifier specified")
            entities.append(
                {"type": "custom_emoji", "offset": offset, "length": length, "custom_emoji_id": opened.argument}
            )
        elif tag == "blockquote":
            kind = "expandable_blockquote" if opened.argument else "blockquote"
            entities.append({"type": kind, "offset": offset, "length": length})

    if stack:
        raise HtmlParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].tag}"')

    for entity in entities:
        if entity["type"] == "code":
            entity.pop("language", None)
    return "".join(pieces), sort_entities(_drop_nested_in_code(entities))


def _just_closed(entities: list[dict[str, Any]], kind: str, offset: int, length: int) -> dict[str, Any] | None:
    """The entity closed last if it is a ``kind`` over the same text (``<pre><code>…</code></pre>`` or the other
    way round: one block of code), else ``None``."""
    last = entities[-1] if entities else None
    if last is not None and last["type"] == kind and last["offset"] == offset and last["length"] == length:
        return last
    return None


def _drop_nested_in_code(entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pre and code entities can't contain other entities; TDLib drops the inner ones."""
    blocks = [e for e in entities if e["type"] in ("pre", "code")]
    if not blocks:
        return entities
    kept: list[dict[str, Any]] = []
    for entity in entities:
        start, end = entity["offset"], entity["offset"] + entity["length"]
        inside = False
        for block in blocks:
            if block is entity:
                continue
            b_start, b_end = block["offset"], block["offset"] + block["length"]
            if b_start <= start and end <= b_end:
                same_range = (b_start, b_end) == (start, end)
                if not same_range or (entity["type"] == "code" and block["type"] == "pre"):
                    inside = True
                    break
        if not inside:
            kept.append(entity)
    return kept


def sort_entities(entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(entities, key=lambda e: (e["offset"], -e["length"], _TYPE_PRIORITY.get(str(e.get("type")), 50)))


_TRIM = " \t\r\n\v\f"


def finalize_text(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Trim surrounding whitespace as Telegram does and clip entities to the remaining text."""
    stripped_left = text.lstrip(_TRIM)
    left = utf16_len(text[: len(text) - len(stripped_left)])
    result = stripped_left.rstrip(_TRIM)
    if not entities:
        return result, []
    total = utf16_len(result)
    fixed: list[dict[str, Any]] = []
    for entity in entities:
        start = max(int(entity["offset"]) - left, 0)
        end = min(int(entity["offset"]) + int(entity["length"]) - left, total)
        if end <= start:
            continue
        clipped = dict(entity)
        clipped["offset"] = start
        clipped["length"] = end - start
        fixed.append(clipped)
    return result, sort_entities(fixed)


def escape_html(text: str) -> str:
    """Escape ``text`` for HTML parse mode (``<``, ``>``, ``&``), as ``aiogram.html.quote`` does."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
