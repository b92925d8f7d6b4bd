"""Checks Telegram makes on message text, entities and reply markup, with its error texts."""

from __future__ import annotations

import re
from typing import Any

from . import errors as e
from .errors import ApiError, bad_request
from .html import finalize_text, parse_html, sort_entities, utf16_len

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_DATA_LIMIT = 64
MAX_INLINE_BUTTONS = 100

INLINE_ACTIONS = (
    "callback_data",
    "url",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_URL = re.compile(r"^(https?|tg|ton)://\S+$|^[\w-]+(\.[\w-]+)+(:\d+)?([/?#]\S*)?$", re.IGNORECASE)
ENTITY_TYPES = frozenset(
    (
        "mention hashtag cashtag bot_command url email phone_number bold italic underline strikethrough "
        "spoiler blockquote expandable_blockquote code pre text_link text_mention custom_emoji date_time"
    ).split()
)


def format_text(
    raw: str,
    parse_mode: Any,
    entities: Any,
    *,
    strict_ampersand: bool = True,
) -> tuple[str, list[dict[str, Any]]]:
    """Text and entities as Telegram stores them (parse mode wins over ``entities``, then trimmed).

    MarkdownV2 and Markdown are accepted but not parsed by the fake: the text stays as sent.
    """
    mode = parse_mode.lower() if isinstance(parse_mode, str) else ""
    if mode and mode != "none":
        if mode == "html":
            text, parsed = parse_html(raw, strict_ampersand=strict_ampersand)
        elif mode in ("markdown", "markdownv2"):
            text, parsed = raw, []
        else:
            raise bad_request(e.PARSE_MODE_UNSUPPORTED)
        return finalize_text(text, parsed)
    return finalize_text(raw, parse_entities(entities, raw))


def check_length(text: str, limit: int, error: str) -> None:
    if len(text) > limit // 2 and utf16_len(text) > limit:
        raise bad_request(error)


def parse_entities(value: Any, text: str) -> list[dict[str, Any]]:
    """Validate an ``entities``/``caption_entities`` parameter (a JSON array of MessageEntity)."""
    if value is None:
        return []
    if isinstance(value, str):
        raise bad_request("can't parse entities JSON object")
    if not isinstance(value, list):
        raise bad_request("can't parse MessageEntity: expected an Array")
    total = utf16_len(text)
    result: list[dict[str, Any]] = []
    for entity in value:
        if not isinstance(entity, dict):
            raise bad_request("can't parse MessageEntity: expected an Object")
        kind = entity.get("type")
        offset = entity.get("offset")
        length = entity.get("length")
        if not isinstance(kind, str):
            raise bad_request('can\'t parse MessageEntity: Field "type" must be of type String')
        if kind not in ENTITY_TYPES:
            raise bad_request(f"can't parse MessageEntity: Unsupported type specified: {kind}")
        if not isinstance(offset, int) or not isinstance(length, int) or isinstance(offset, bool):
            raise bad_request('can\'t parse MessageEntity: Field "offset" must be a valid Number')
        if kind == "text_link" and not isinstance(entity.get("url"), str):
            raise bad_request('can\'t parse MessageEntity: Field "url" must be of type String')
        if offset < 0 or length <= 0 or offset >= total:
            continue  # Telegram silently drops entities outside the text
        clipped = dict(entity)
        clipped["length"] = min(length, total - offset)
        result.append(clipped)
    return sort_entities(result)


def parse_reply_markup(value: Any) -> dict[str, Any] | None:
    """Validate ``reply_markup``; returns the markup (any kind) or None."""
    if value is None:
        return None
    if isinstance(value, str):
        raise bad_request(e.REPLY_MARKUP_NOT_JSON)
    if not isinstance(value, dict):
        raise bad_request(e.REPLY_MARKUP_NOT_OBJECT)
    if "inline_keyboard" in value:
        return {"inline_keyboard": _inline_rows(value["inline_keyboard"])}
    if "keyboard" in value:
        rows = value["keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise bad_request(e.KEYBOARD_NOT_ARRAY_OF_ARRAYS)
        for row in rows:
            for button in row:
                if isinstance(button, dict):
                    if not isinstance(button.get("text"), str):
                        raise bad_request('can\'t parse keyboard button: Field "text" must be of type String')
                elif not isinstance(button, str):
                    raise bad_request("can't parse keyboard button: KeyboardButton must be a String or an Object")
        return dict(value)
    if "remove_keyboard" in value or "force_reply" in value:
        return dict(value)
    return None


def _inline_rows(rows: Any) -> list[list[dict[str, Any]]]:
    if not isinstance(rows, list):
        raise bad_request(e.INLINE_KEYBOARD_NOT_ARRAY)
    count = 0
    result: list[list[dict[str, Any]]] = []
    for row in rows:
        if not isinstance(row, list):
            raise bad_request(e.INLINE_KEYBOARD_NOT_ARRAY_OF_ARRAYS)
        checked: list[dict[str, Any]] = []
        for button in row:
            checked.append(_inline_button(button))
            count += 1
        result.append(checked)
    if count > MAX_INLINE_BUTTONS:
        raise bad_request(e.REPLY_MARKUP_TOO_LONG)
    return result


def _inline_button(button: Any) -> dict[str, Any]:
    if not isinstance(button, dict):
        raise bad_request(e.BUTTON_NOT_OBJECT)
    if "text" not in button:
        raise bad_request(e.BUTTON_NO_TEXT)
    if not isinstance(button["text"], str):
        raise bad_request(e.BUTTON_TEXT_NOT_STRING)
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str):
            raise bad_request(e.BUTTON_DATA_INVALID)
        if data == "":
            # Telegram treats an empty callback_data as a missing one.
            raise bad_request(e.TEXT_BUTTONS_UNALLOWED)
        if len(data.encode("utf-8")) > CALLBACK_DATA_LIMIT:
            raise bad_request(e.BUTTON_DATA_INVALID)
    if "url" in button:
        url = button["url"]
        if not isinstance(url, str) or not _URL.match(url):
            raise bad_request(e.BUTTON_URL_INVALID)
    if not any(button.get(action) is not None for action in INLINE_ACTIONS):
        raise bad_request(e.TEXT_BUTTONS_UNALLOWED)
    return dict(button)


def inline_part(markup: dict[str, Any] | None) -> dict[str, Any] | None:
    """The part of a markup Telegram echoes back in Message.reply_markup (inline keyboards only)."""
    if markup and "inline_keyboard" in markup:
        return markup
    return None


def required(params: dict[str, Any], name: str) -> Any:
    value = params.get(name)
    if value is None or value == "":
        raise bad_request(f'parameter "{name}" is required')
    return value


def as_int(value: Any, error: str) -> int:
    if isinstance(value, bool):
        raise bad_request(error)
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            pass
    if isinstance(value, float) and value.is_integer():
        return int(value)
    raise bad_request(error)


def as_bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.lower() in ("true", "1")
    return bool(value)


def as_float(value: Any, name: str) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        raise bad_request(f'parameter "{name}" is required') from None


__all__ = [
    "CALLBACK_DATA_LIMIT",
    "CAPTION_LIMIT",
    "TEXT_LIMIT",
    "ApiError",
    "as_bool",
    "as_float",
    "as_int",
    "check_length",
    "format_text",
    "inline_part",
    "parse_entities",
    "parse_reply_markup",
    "required",
]
