"""A chat of the fake Bot API as the page shows it: messages as JSON, their text as safe HTML.

The HTML is built from the plain text and its entities (never from what the bot sent), so only the tags
listed in ``TAGS`` can appear, every character of the text is escaped, and links are http(s), tg or mailto.
"""

from __future__ import annotations

import html
import itertools
from typing import Any

from fake_telegram import BotMessage, FakeTelegram
from fake_telegram.state import ChatState

JsonDict = dict[str, Any]

# Entity type → (opening tag, closing tag); text_link is apart (its href).
TAGS = {
    "bold": ("<b>", "</b>"),
    "italic": ("<i>", "</i>"),
    "underline": ("<u>", "</u>"),
    "strikethrough": ("<s>", "</s>"),
    "code": ("<code>", "</code>"),
    "pre": ("<pre>", "</pre>"),
    "blockquote": ("<blockquote>", "</blockquote>"),
    "expandable_blockquote": ("<blockquote>", "</blockquote>"),
    "spoiler": ('<span class="tg-spoiler">', "</span>"),
}
SAFE_SCHEMES = ("http://", "https://", "tg://", "mailto:")


def _utf16_units(text: str) -> list[int]:
    """The UTF-16 offset where each character of ``text`` starts (and the end, last)."""
    offsets = [0]
    for char in text:
        offsets.append(offsets[-1] + (2 if ord(char) > 0xFFFF else 1))
    return offsets


def _link(url: str) -> str | None:
    url = url.strip()
    return url if url.lower().startswith(SAFE_SCHEMES) else None


def safe_html(text: str | None, entities: list[JsonDict] | None) -> str:
    """``text`` with its Telegram entities as page HTML: b, i, u, s, code, pre, a[href], blockquote, spoiler
    spans and <br>; everything else escaped. Overlapping entities are closed and reopened, never misnested."""
    if not text:
        return ""
    offsets = _utf16_units(text)
    index_of = {offset: index for index, offset in enumerate(offsets)}
    spans: list[tuple[int, int, str, str]] = []  # start, end (char indices), opening, closing
    for entity in entities or []:
        kind = entity.get("type")
        try:
            start = index_of.get(int(entity["offset"]))
            end = index_of.get(int(entity["offset"]) + int(entity["length"]))
        except (KeyError, TypeError, ValueError):
            continue
        if start is None or end is None or end <= start:
            continue
        if kind in TAGS:
            opening, closing = TAGS[kind]
        elif kind in ("text_link", "url"):
            href = _link(str(entity.get("url") or text[start:end]))
            if href is None:
                continue
            opening = f'<a href="{html.escape(href, quote=True)}" target="_blank" rel="noopener noreferrer">'
            closing = "</a>"
        else:
            continue
        spans.append((start, end, opening, closing))
    bounds = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    out: list[str] = []
    for left, right in itertools.pairwise(bounds):
        active = sorted(
            (span for span in spans if span[0] <= left and right <= span[1]), key=lambda s: (s[0], -s[1])
        )
        piece = html.escape(text[left:right], quote=False).replace("\n", "<br>")
        out.append("".join(s[2] for s in active) + piece + "".join(s[3] for s in reversed(active)))
    return "".join(out)


def _kind(raw: JsonDict) -> str:
    for kind in ("poll", "venue", "location", "photo", "document", "sticker"):
        if kind in raw:
            return kind
    return "text" if "text" in raw else "other"


def _sender(raw: JsonDict) -> str:
    person = raw.get("from") or raw.get("sender_chat") or {}
    return " ".join(p for p in (person.get("first_name"), person.get("last_name")) if p) or person.get("title") or "?"


def _file_url(file_id: str) -> str:
    return f"/files/{file_id}"


def _location(raw: JsonDict) -> JsonDict | None:
    if "venue" in raw:
        venue = raw["venue"]
        where = venue.get("location") or {}
        title = " — ".join(p for p in (venue.get("title"), venue.get("address")) if p)
        return {"latitude": where.get("latitude"), "longitude": where.get("longitude"), "title": title or None}
    if "location" in raw:
        where = raw["location"]
        return {"latitude": where.get("latitude"), "longitude": where.get("longitude"), "title": None}
    return None


def _poll(fake: FakeTelegram, raw: JsonDict, viewer: int | None) -> JsonDict | None:
    poll = raw.get("poll")
    if poll is None:
        return None
    votes = fake.poll_votes(str(poll["id"]))
    return {
        "id": poll["id"],
        "question": poll.get("question", ""),
        "options": [{"text": o.get("text", ""), "voter_count": o.get("voter_count", 0)} for o in poll["options"]],
        "is_closed": bool(poll.get("is_closed")),
        "is_anonymous": bool(poll.get("is_anonymous", True)),
        "allows_multiple_answers": bool(poll.get("allows_multiple_answers")),
        "total_voter_count": poll.get("total_voter_count", 0),
        "my_option_ids": votes.get(viewer, []) if viewer is not None else [],
    }


def _document(fake: FakeTelegram, raw: JsonDict) -> JsonDict | None:
    document = raw.get("document")
    if document is None:
        return None
    stored = fake.stored_file(str(document["file_id"]))
    return {
        "name": document.get("file_name") or "file",
        "url": _file_url(str(document["file_id"])),
        "mime": document.get("mime_type") or "application/octet-stream",
        "size": stored.size if stored is not None else document.get("file_size", 0),
    }


def _inline_keyboard(raw: JsonDict) -> list[list[JsonDict]] | None:
    markup = raw.get("reply_markup") or {}
    rows = markup.get("inline_keyboard")
    if not rows:
        return None
    shown: list[list[JsonDict]] = []
    for row in rows:
        buttons: list[JsonDict] = []
        for button in row:
            item: JsonDict = {"text": str(button.get("text", ""))}
            if "callback_data" in button:
                item["callback_data"] = str(button["callback_data"])
            url = _link(str(button.get("url") or "")) if "url" in button else None
            if url:
                item["url"] = url
            buttons.append(item)
        shown.append(buttons)
    return shown


def message_json(fake: FakeTelegram, raw: JsonDict, bot_message: BotMessage | None, viewer: int | None) -> JsonDict:
    """One message as the page shows it (see the contract in :mod:`sandbox.api`)."""
    from_bot = bot_message is not None
    text = raw.get("text") if "text" in raw else raw.get("caption")
    entities = raw.get("entities") if "text" in raw else raw.get("caption_entities")
    photos = [_file_url(str(raw["photo"][-1]["file_id"]))] if raw.get("photo") else []
    reply = raw.get("reply_to_message")
    return {
        "id": raw["message_id"],
        "from": "bot" if from_bot else "user",
        "sender": _sender(raw),
        "sender_id": (raw.get("from") or {}).get("id"),
        "date": raw.get("date", 0),
        "edited": bool(bot_message.edits) if bot_message is not None else "edit_date" in raw,
        "deleted": bool(bot_message.deleted) if bot_message is not None else False,
        "kind": _kind(raw),
        "html": safe_html(text, entities),
        "photos": photos,
        "document": _document(fake, raw),
        "location": _location(raw),
        "poll": _poll(fake, raw, viewer),
        "inline_keyboard": _inline_keyboard(raw),
        "reply_to": reply.get("message_id") if isinstance(reply, dict) else None,
        "media_group_id": raw.get("media_group_id"),
    }


def chat_messages(fake: FakeTelegram, chat: ChatState, viewer: int | None) -> list[JsonDict]:
    """Every message of the chat in order, the bot's deleted ones included (``deleted: true``); the photos of
    an album are one message of kind ``album`` (the id of its first)."""
    ids = sorted(set(chat.messages) | set(chat.bot_messages))
    shown: list[JsonDict] = []
    for message_id in ids:
        bot_message = chat.bot_messages.get(message_id)
        raw = bot_message.raw if bot_message is not None else chat.messages[message_id]
        item = message_json(fake, raw, bot_message, viewer)
        previous = shown[-1] if shown else None
        group = item["media_group_id"]
        if group and previous is not None and previous["media_group_id"] == group:
            previous["kind"] = "album"
            previous["photos"].extend(item["photos"])
            previous["html"] = previous["html"] or item["html"]
            previous["deleted"] = previous["deleted"] and item["deleted"]
            previous["edited"] = previous["edited"] or item["edited"]
            continue
        shown.append(item)
    return shown


def reply_keyboard_json(fake: FakeTelegram, chat: ChatState) -> JsonDict | None:
    """The reply keyboard under the input field: ``{"message_id", "rows": [[{"text", "request_location",
    "request_contact"}]], "one_time", "placeholder"}`` or ``None``."""
    markup = fake.reply_keyboard(chat.id)
    if markup is None:
        return None
    rows = []
    for row in markup.get("keyboard") or []:
        buttons = []
        for button in row:
            if isinstance(button, str):
                button = {"text": button}
            buttons.append(
                {
                    "text": str(button.get("text", "")),
                    "request_location": bool(button.get("request_location")),
                    "request_contact": bool(button.get("request_contact")),
                }
            )
        rows.append(buttons)
    return {
        "message_id": markup["message_id"],
        "rows": rows,
        "one_time": bool(markup.get("one_time_keyboard")),
        "placeholder": markup.get("input_field_placeholder"),
    }


def force_reply_json(fake: FakeTelegram, chat: ChatState) -> JsonDict | None:
    """``{"message_id", "placeholder"}`` when the bot's last message asks for a reply (ForceReply)."""
    forced = fake.force_reply(chat.id)
    if forced is None:
        return None
    return {"message_id": forced["message_id"], "placeholder": forced.get("input_field_placeholder")}
