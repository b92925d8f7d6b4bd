"""Messages: sendMessage, sendLocation, sendVenue, sendContact, sendChatAction, copyMessage,
forwardMessage, editMessageText/Caption/ReplyMarkup, deleteMessage and pinning.

Photos, documents and other files are in :mod:`.media`, polls in :mod:`.polls`.
"""

from __future__ import annotations

from . import errors as e
from .core import FakeCore
from .errors import bad_request
from .models import BotMessage, UploadedFile
from .state import CONTENT_KEYS, ChatState, Handler, JsonDict, content_kind
from .validation import TEXT_LIMIT, as_float, as_int, check_length, inline_part, required

CHAT_ACTIONS = frozenset(
    (
        "typing upload_photo record_video upload_video record_voice upload_voice upload_document "
        "choose_sticker find_location record_video_note upload_video_note cancel"
    ).split()
)


class MessagesMixin(FakeCore):
    """Sending, copying, forwarding, editing and deleting messages."""

    def _messages_api(self) -> dict[str, Handler]:
        return {
            "sendMessage": self._send_message,
            "sendLocation": self._send_location,
            "sendVenue": self._send_venue,
            "sendContact": self._send_contact,
            "sendChatAction": self._send_chat_action,
            "copyMessage": self._copy_message,
            "forwardMessage": self._forward_message,
            "editMessageText": self._edit_message_text,
            "editMessageCaption": self._edit_message_caption,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "deleteMessage": self._delete_message,
            "pinChatMessage": self._pin_chat_message,
            "unpinChatMessage": self._unpin_chat_message,
        }

    def _text(self, params: JsonDict) -> tuple[str, str, list[JsonDict]]:
        """The ``text`` of a message to send or edit, checked: as sent, as shown, and its entities."""
        raw_text = params.get("text")
        if raw_text is None or raw_text == "":
            raise bad_request(e.TEXT_EMPTY)
        text, entities = self._formatted(params, "text", "entities")
        if not text:
            raise bad_request(e.TEXT_MUST_BE_NON_EMPTY)
        check_length(text, TEXT_LIMIT, e.TEXT_TOO_LONG)
        return str(raw_text), text, entities

    def _send_message(self, params: JsonDict, files: dict[str, UploadedFile]) -> JsonDict:
        chat = self._chat_for_send(params)
        raw_text, text, entities = self._text(params)
        content: JsonDict = {"text": text}
        if entities:
            content["entities"] = entities
        message = self._store_bot_message(
            chat,
            "text",
            content,
            method="sendMessage",
            html=raw_text,
            parse_mode=params.get("parse_mode"),
            **self._send_options(chat, params),
        )
        return message.raw

    def _location(self, params: JsonDict) -> JsonDict:
        latitude = as_float(params.get("latitude"), "latitude")
        longitude = as_float(params.get("longitude"), "longitude")
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise bad_request("wrong location specified")  # TDLib: "Wrong location specified"
        location: JsonDict = {"latitude": latitude, "longitude": longitude}
        if params.get("horizontal_accuracy") is not None:
            location["horizontal_accuracy"] = float(params["horizontal_accuracy"])
        if params.get("live_period") is not None:
            location["live_period"] = int(params["live_period"])
        return location

    def _send_location(self, params: JsonDict, files: dict[str, UploadedFile]) -> JsonDict:
        chat = self._chat_for_send(params)
        location = self._location(params)
        options = self._send_options(chat, params)
        return self._store_bot_message(chat, "location", {"location": location}, method="sendLocation", **options).raw

    def _send_venue(self, params: JsonDict, files: dict[str, UploadedFile]) -> JsonDict:
        chat = self._chat_for_send(params)
        location = self._location(params)
        title = str(required(params, "title"))
        address = str(required(params, "address"))
        venue: JsonDict = {"location": location, "title": title, "address": address}
        for key in ("foursquare_id", "foursquare_type", "google_place_id", "google_place_type"):
            if params.get(key):
                venue[key] = params[key]
        options = self._send_options(chat, params)
        return self._store_bot_message(
            chat, "venue", {"venue": venue, "location": location}, method="sendVenue", **options
        ).raw

    def _send_contact(self, params: JsonDict, files: dict[str, UploadedFile]) -> JsonDict:
        chat = self._chat_for_send(params)
        contact: JsonDict = {
            "phone_number": str(required(params, "phone_number")),
            "first_name": str(required(params, "first_name")),
        }
        if params.get("last_name"):
            contact["last_name"] = params["last_name"]
        options = self._send_options(chat, params)
        return self._store_bot_message(chat, "contact", {"contact": contact}, method="sendContact", **options).raw

    def _send_chat_action(self, params: JsonDict, files: dict[str, UploadedFile]) -> bool:
        chat = self._chat_for_send(params)
        action = params.get("action")
        if not isinstance(action, str) or action.lower() not in CHAT_ACTIONS:
            raise bad_request(e.CHAT_ACTION_INVALID)
        self._thread(chat, params)
        return True

    def _source_message(
        self, params: JsonDict, not_found: str, refused: str
    ) -> tuple[ChatState, JsonDict, JsonDict, str]:
        """The message to copy or forward: its chat, itself, its content and the content's kind (``not_found``
        and ``refused``: Telegram's errors for a message that is not there and for one without content)."""
        if params.get("from_chat_id") is None:
            raise bad_request('parameter "from_chat_id" is required')
        source_chat = self._lookup_chat(params.get("from_chat_id"))
        message_id = params.get("message_id")
        if message_id is None:
            raise bad_request(e.MESSAGE_ID_NOT_SPECIFIED)
        source = source_chat.messages.get(as_int(message_id, not_found))
        if source is None:
            raise bad_request(not_found)
        content = {key: source[key] for key in CONTENT_KEYS if key in source}
        kind = content_kind(content)
        if kind is None:
            raise bad_request(refused)
        return source_chat, source, content, kind

    def _copy_message(self, params: JsonDict, files: dict[str, UploadedFile]) -> JsonDict:
        chat = self._chat_for_send(params)
        source_chat, source, content, kind = self._source_message(
            params, e.MESSAGE_TO_COPY_NOT_FOUND, e.MESSAGE_CANT_BE_COPIED
        )
        html = content.get("text") if kind == "text" else content.get("caption")
        parse_mode = None
        if kind != "text" and "caption" in params:
            content.pop("caption", None)
            content.pop("caption_entities", None)
            content.update(self._caption(params))
            html = params.get("caption")
            parse_mode = params.get("parse_mode")
        options = self._send_options(chat, params)
        message = self._store_bot_message(
            chat, kind, content, method="copyMessage", html=html, parse_mode=parse_mode, **options
        )
        message.copied_from = (source_chat.id, int(source["message_id"]))
        return {"message_id": message.message_id}

    def _forward_message(self, params: JsonDict, files: dict[str, UploadedFile]) -> JsonDict:
        chat = self._chat_for_send(params)
        source_chat, source, content, kind = self._source_message(
            params, e.MESSAGE_TO_FORWARD_NOT_FOUND, "the message can't be forwarded"
        )
        if "forward_origin" in source:
            origin = source["forward_origin"]
        elif source_chat.type == "channel":
            origin = {
                "type": "channel",
                "chat": source_chat.as_chat(),
                "message_id": source["message_id"],
                "date": source["date"],
            }
        else:
            origin = {"type": "user", "sender_user": source["from"], "date": source["date"]}
        thread_id = self._thread(chat, params)
        message = self._store_bot_message(
            chat,
            kind,
            content,
            method="forwardMessage",
            thread_id=thread_id,
            html=content.get("text") or content.get("caption"),
            extra={"forward_origin": origin},
        )
        message.forwarded_from = (source_chat.id, int(source["message_id"]))
        return message.raw

    def _message_to_edit(self, params: JsonDict) -> tuple[ChatState, BotMessage]:
        if params.get("inline_message_id"):
            raise bad_request("MESSAGE_ID_INVALID")
        chat = self._lookup_chat(params.get("chat_id"))
        if params.get("message_id") is None:
            raise bad_request(e.MESSAGE_ID_NOT_SPECIFIED)
        message_id = as_int(params.get("message_id"), e.MESSAGE_TO_EDIT_NOT_FOUND)
        if message_id not in chat.messages:
            raise bad_request(e.MESSAGE_TO_EDIT_NOT_FOUND)
        message = chat.bot_messages.get(message_id)
        if message is None or message.deleted:
            raise bad_request(e.MESSAGE_CANT_BE_EDITED)
        return chat, message

    def _edit_message_text(self, params: JsonDict, files: dict[str, UploadedFile]) -> JsonDict:
        _chat, message = self._message_to_edit(params)
        if "text" not in message.raw:
            raise bad_request(e.MESSAGE_NO_TEXT_TO_EDIT)
        raw_text, text, entities = self._text(params)
        markup = self._edit_markup(params)
        if (
            text == message.raw.get("text")
            and entities == message.raw.get("entities", [])
            and inline_part(markup) == message.raw.get("reply_markup")
        ):
            raise bad_request(e.MESSAGE_NOT_MODIFIED)
        raw = self._edit(message, "editMessageText", {"text": text, "entities": entities or None}, markup)
        message.html = raw_text
        message.parse_mode = params.get("parse_mode")
        return raw

    def _edit_message_caption(self, params: JsonDict, files: dict[str, UploadedFile]) -> JsonDict:
        _chat, message = self._message_to_edit(params)
        if "text" in message.raw or content_kind(message.raw) in (None, "location", "venue", "poll", "contact"):
            raise bad_request(e.MESSAGE_NO_CAPTION_TO_EDIT)
        caption = self._caption(params)
        markup = self._edit_markup(params)
        if (
            caption.get("caption") == message.raw.get("caption")
            and caption.get("caption_entities", []) == message.raw.get("caption_entities", [])
            and inline_part(markup) == message.raw.get("reply_markup")
        ):
            raise bad_request(e.MESSAGE_NOT_MODIFIED)
        changes = {"caption": caption.get("caption"), "caption_entities": caption.get("caption_entities")}
        raw = self._edit(message, "editMessageCaption", changes, markup)
        message.html = params.get("caption")
        message.parse_mode = params.get("parse_mode")
        return raw

    def _edit_message_reply_markup(self, params: JsonDict, files: dict[str, UploadedFile]) -> JsonDict:
        _chat, message = self._message_to_edit(params)
        markup = self._edit_markup(params)
        if inline_part(markup) == message.raw.get("reply_markup"):
            raise bad_request(e.MESSAGE_NOT_MODIFIED)
        return self._edit(message, "editMessageReplyMarkup", {}, markup)

    def _delete_message(self, params: JsonDict, files: dict[str, UploadedFile]) -> bool:
        chat = self._lookup_chat(params.get("chat_id"))
        if params.get("message_id") is None:
            raise bad_request(e.MESSAGE_ID_NOT_SPECIFIED)
        message_id = as_int(params.get("message_id"), e.MESSAGE_TO_DELETE_NOT_FOUND)
        raw = chat.messages.get(message_id)
        if raw is None:
            raise bad_request(e.MESSAGE_TO_DELETE_NOT_FOUND)
        message = chat.bot_messages.get(message_id)
        if message is None and chat.type != "private" and chat.bot_status not in ("administrator", "creator"):
            raise bad_request(e.MESSAGE_CANT_BE_DELETED)
        del chat.messages[message_id]
        if message is not None:
            message.deleted = True
        self._notify(chat)
        return True

    def _pin_chat_message(self, params: JsonDict, files: dict[str, UploadedFile]) -> bool:
        chat = self._lookup_chat(params.get("chat_id"))
        self._check_can_send(chat)
        message_id = as_int(params.get("message_id"), "message to pin not found")
        if message_id not in chat.messages:
            raise bad_request("message to pin not found")
        if chat.type != "private" and chat.bot_status not in ("administrator", "creator"):
            raise bad_request("not enough rights to manage pinned messages in the chat")
        return True

    def _unpin_chat_message(self, params: JsonDict, files: dict[str, UploadedFile]) -> bool:
        chat = self._lookup_chat(params.get("chat_id"))
        if params.get("message_id") is not None:
            message_id = as_int(params.get("message_id"), "message to unpin not found")
            if message_id not in chat.messages:
                raise bad_request("message to unpin not found")
        return True
