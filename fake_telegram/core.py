"""The core of the fake: the state every method family shares and the helpers they all use.

It keeps the bot's identity, what was asked of the fake (requests, refusals, counters), the world
(scripted users, groups and their chats), the files Telegram holds, and the bot's messages with
their waiters. Method families (:mod:`.messages`, :mod:`.media`, ...) are mixins on top of it;
:class:`~fake_telegram.server.FakeTelegram` puts them together and serves them over HTTP.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web

from . import errors as e
from .errors import ApiError, bad_request
from .models import BotMessage, FakeStats, RecordedRequest, StoredFile
from .state import AsyncHandler, ChatState, Handler, JsonDict
from .validation import CAPTION_LIMIT, as_bool, as_int, check_length, format_text, inline_part, parse_reply_markup

if TYPE_CHECKING:
    from .actors import ScriptedGroup, ScriptedUser


class FakeCore:
    """Shared state and helpers of the fake Bot API (see :class:`~fake_telegram.server.FakeTelegram`)."""

    def __init__(
        self,
        token: str = "123456:TEST",
        bot_id: int | None = None,
        bot_username: str = "test_bot",
        bot_first_name: str = "Test Bot",
        *,
        record_requests: bool = True,
        validate_updates: bool = True,
    ) -> None:
        self.token = token
        if bot_id is None:
            bot_id = int(token.split(":", 1)[0])
        self.bot_id = bot_id
        self.bot_username = bot_username
        self.bot_first_name = bot_first_name
        self.record_requests = record_requests
        self.validate_updates = validate_updates

        self.requests: list[RecordedRequest] = []
        self.refused: list[RecordedRequest] = []
        # Calls whose answer was ready only after the bot had closed the connection (it timed out first).
        self.answered_too_late: list[RecordedRequest] = []
        self.internal_errors: list[str] = []
        self.stats = FakeStats()

        self.clock: Callable[[], float] = time.time
        self.strict_ampersand: bool = True
        # BotFather's /setprivacy: in a group where the bot is not an administrator it then receives only commands,
        # replies to its own messages, messages mentioning it and service messages (off: everything, as before).
        self.privacy_mode: bool = False

        self._users: dict[int, ScriptedUser] = {}
        self._groups: dict[int, ScriptedGroup] = {}
        self._chats: dict[int, ChatState] = {}
        self._chats_by_username: dict[str, ChatState] = {}
        self._files: dict[str, StoredFile] = {}
        self._sent: list[BotMessage] = []
        self._global_waiters: list[asyncio.Future[None]] = []

        self._site: web.TCPSite | None = None
        self._address: tuple[str, int] = ("127.0.0.1", 0)
        self._runner: web.AppRunner | None = None
        self._stopping = asyncio.Event()
        self.base_url = ""

        self._request_waiters: list[asyncio.Future[None]] = []
        self._chat_listeners: list[Callable[[ChatState], None]] = []

        # Bot API methods by lowercased name: (canonical name, handler), from the tables FakeTelegram puts together
        # (a table only names handlers, so it can be read before the method families set up their own state).
        self._methods: dict[str, tuple[str, Handler]] = {
            name.lower(): (name, handler) for name, handler in self._method_table().items()
        }
        self._async_methods: dict[str, tuple[str, AsyncHandler]] = {
            name.lower(): (name, handler) for name, handler in self._async_method_table().items()
        }

    def _method_table(self) -> dict[str, Handler]:
        """The Bot API methods answered at once, by canonical name."""
        return {}

    def _async_method_table(self) -> dict[str, AsyncHandler]:
        """The Bot API methods that wait (a long poll), by canonical name."""
        return {}

    @property
    def bot_user(self) -> JsonDict:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_first_name,
            "username": self.bot_username,
        }

    # ------------------------------------------------------------------ chats

    def private_chat(self, user: ScriptedUser) -> ChatState:
        """The private chat of ``user`` with the bot (chat id == user id), made on first use.

        Its ``known`` flag says whether the bot may write there yet (the user has written to it).
        """
        chat = self._chats.get(user.id)
        if chat is None:
            chat = ChatState(id=user.id, type="private", user=user)
            self._chats[user.id] = chat
        return chat

    def chat_state(self, chat_id: int) -> ChatState:
        """The record of a chat the fake has (a private chat or a group), by id; ``KeyError`` if it has none."""
        return self._chats[chat_id]

    def find_chat(self, chat_id: int) -> ChatState | None:
        """The record of a chat the fake has, by id, or ``None``."""
        return self._chats.get(chat_id)

    def _lookup_chat(self, value: Any) -> ChatState:
        if value is None or value == "":
            raise bad_request(e.CHAT_ID_EMPTY)
        chat: ChatState | None = None
        if isinstance(value, str) and value.startswith("@"):
            chat = self._chats_by_username.get(value[1:].lower())
        else:
            try:
                chat = self._chats.get(int(value))
            except (TypeError, ValueError):
                chat = None
        if chat is None or not chat.known:
            raise bad_request(e.CHAT_NOT_FOUND)
        return chat

    def _check_can_send(self, chat: ChatState) -> None:
        if chat.type == "private":
            if chat.blocked:
                raise ApiError(403, e.BOT_BLOCKED)
            return
        if chat.type == "channel":
            if chat.bot_status == "kicked":
                raise ApiError(403, e.BOT_KICKED_CHANNEL)
            if chat.bot_status not in ("administrator", "creator"):
                if chat.bot_status == "left":
                    raise ApiError(403, e.BOT_NOT_MEMBER_CHANNEL)
                raise bad_request("need administrator rights in the channel chat")
            return
        if chat.bot_status == "kicked":
            raise ApiError(403, e.BOT_KICKED_SUPERGROUP)
        if chat.bot_status == "left":
            raise ApiError(403, e.BOT_NOT_MEMBER_SUPERGROUP)

    def _chat_for_send(self, params: JsonDict) -> ChatState:
        chat = self._lookup_chat(params.get("chat_id"))
        self._check_can_send(chat)
        return chat

    def _thread(self, chat: ChatState, params: JsonDict) -> int | None:
        value = params.get("message_thread_id")
        if value is None:
            return None
        thread_id = as_int(value, e.THREAD_NOT_FOUND)
        if chat.is_forum:
            if thread_id not in chat.topics:
                raise bad_request(e.THREAD_NOT_FOUND)
            return thread_id
        if chat.type == "private":
            return None
        return thread_id if thread_id in chat.messages else None

    def _reply_target(self, chat: ChatState, params: JsonDict) -> JsonDict | None:
        reply = params.get("reply_parameters")
        target_chat = chat
        allow_missing = as_bool(params.get("allow_sending_without_reply", False))
        if isinstance(reply, dict):
            message_id = reply.get("message_id")
            allow_missing = as_bool(reply.get("allow_sending_without_reply", allow_missing))
            if reply.get("chat_id") is not None:
                target_chat = self._lookup_chat(reply.get("chat_id"))
        elif reply is not None:
            raise bad_request("can't parse reply parameters JSON object")
        else:
            message_id = params.get("reply_to_message_id")
        if message_id is None:
            return None
        try:
            target = target_chat.messages.get(int(message_id))
        except (TypeError, ValueError):
            target = None
        if target is None:
            if allow_missing:
                return None
            raise bad_request(e.REPLY_NOT_FOUND)
        return {k: v for k, v in target.items() if k != "reply_to_message"}

    # ------------------------------------------------------------------ the bot's messages

    def sent_messages(self, chat_id: int | None = None) -> list[BotMessage]:
        """Messages the bot sent, in order (all chats, or one)."""
        if chat_id is None:
            return list(self._sent)
        chat = self._chats.get(chat_id)
        return list(chat.inbox) if chat is not None else []

    def _send_options(self, chat: ChatState, params: JsonDict) -> JsonDict:
        """The topic, keyboard and reply a message to send asks for (checked in this order), as keyword
        arguments of :meth:`_store_bot_message`."""
        return {
            "thread_id": self._thread(chat, params),
            "markup": parse_reply_markup(params.get("reply_markup")),
            "reply_to": self._reply_target(chat, params),
        }

    def _store_bot_message(
        self,
        chat: ChatState,
        kind: str,
        content: JsonDict,
        *,
        method: str,
        thread_id: int | None = None,
        reply_to: JsonDict | None = None,
        markup: JsonDict | None = None,
        html: str | None = None,
        parse_mode: str | None = None,
        media_group_id: str | None = None,
        extra: JsonDict | None = None,
    ) -> BotMessage:
        now = self.clock()
        message_id = chat.take_message_id()
        raw: JsonDict = {"message_id": message_id}
        if chat.type == "channel":
            raw["sender_chat"] = chat.as_chat()
        else:
            raw["from"] = self.bot_user
        raw["chat"] = chat.as_chat()
        raw["date"] = int(now)
        if thread_id is not None:
            raw["message_thread_id"] = thread_id
            if chat.is_forum:
                raw["is_topic_message"] = True
        if reply_to is not None:
            raw["reply_to_message"] = reply_to
        if media_group_id is not None:
            raw["media_group_id"] = media_group_id
        if extra:
            raw.update(extra)
        raw.update(content)
        inline = inline_part(markup)
        if inline is not None:
            raw["reply_markup"] = inline
        message = BotMessage(
            message_id=message_id,
            chat_id=chat.id,
            kind=kind,
            raw=raw,
            method=method,
            thread_id=thread_id,
            html=html,
            parse_mode=parse_mode,
            reply_markup=markup,
            media_group_id=media_group_id,
            reply_to_message_id=reply_to["message_id"] if reply_to else None,
            index=len(self._sent),
            sent_at=now,
        )
        self._fill_from_raw(message)
        chat.messages[message_id] = raw
        chat.bot_messages[message_id] = message
        chat.inbox.append(message)
        self._sent.append(message)
        self._notify(chat)
        return message

    def _fill_from_raw(self, message: BotMessage) -> None:
        raw = message.raw
        if "text" in raw:
            message.text = raw["text"]
            message.entities = list(raw.get("entities", []))
            message.caption = None
        else:
            message.caption = raw.get("caption")
            message.text = message.caption
            message.entities = list(raw.get("caption_entities", []))
        if "photo" in raw:
            message.photo = raw["photo"][-1]["file_id"]
            message.file_id = message.photo
        for kind in ("document", "video", "audio", "voice", "animation", "sticker"):
            if kind in raw:
                message.file_id = raw[kind]["file_id"]
                if kind == "document":
                    stored = self._files.get(message.file_id)
                    message.document_name = raw[kind].get("file_name")
                    message.document_bytes = stored.data if stored is not None else None
        if "location" in raw:
            message.location = raw["location"]
        if "venue" in raw:
            message.venue = raw["venue"]
        if "poll" in raw:
            message.poll = raw["poll"]
            message.text = raw["poll"]["question"]

    # ------------------------------------------------------------------ watching chats (a client's view)

    def add_chat_listener(self, listener: Callable[[ChatState], None]) -> None:
        """Call ``listener(chat)`` after every change a Telegram client would show in a chat: a message of the
        bot or of a person, an edit, a deletion, a poll's new counts (each also bumps ``chat.version``)."""
        self._chat_listeners.append(listener)

    def remove_chat_listener(self, listener: Callable[[ChatState], None]) -> None:
        with contextlib.suppress(ValueError):
            self._chat_listeners.remove(listener)

    def _changed(self, chat: ChatState) -> None:
        """Something a client shows changed in ``chat`` (see :meth:`add_chat_listener`)."""
        chat.version += 1
        for listener in list(self._chat_listeners):
            listener(chat)

    def _notify(self, chat: ChatState) -> None:
        self._changed(chat)
        if chat.waiters:
            waiters, chat.waiters = chat.waiters, []
            for waiter in waiters:
                if not waiter.done():
                    waiter.set_result(None)
        if self._global_waiters:
            waiters, self._global_waiters = self._global_waiters, []
            for waiter in waiters:
                if not waiter.done():
                    waiter.set_result(None)

    async def wait_chat_change(self, chat: ChatState, deadline: float) -> bool:
        """Wait until something happens in ``chat`` (new, edited or deleted bot message)."""
        loop = asyncio.get_running_loop()
        remaining = deadline - loop.time()
        if remaining <= 0:
            return False
        waiter: asyncio.Future[None] = loop.create_future()
        chat.waiters.append(waiter)
        try:
            await asyncio.wait_for(waiter, remaining)
        except TimeoutError:
            return False
        return True

    async def _wait_any_change(self, seconds: float) -> None:
        loop = asyncio.get_running_loop()
        waiter: asyncio.Future[None] = loop.create_future()
        self._global_waiters.append(waiter)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(waiter, seconds)

    def _edit(self, message: BotMessage, method: str, changes: JsonDict, markup: JsonDict | None) -> JsonDict:
        message.edits.append(
            {
                "method": method,
                "text": message.text,
                "html": message.html,
                "entities": message.entities,
                "caption": message.caption,
                "reply_markup": message.reply_markup,
                "raw": message.raw,
                "at": self.clock(),
            }
        )
        raw = {k: v for k, v in message.raw.items() if k != "reply_markup"}
        for key, value in changes.items():
            if value is None:
                raw.pop(key, None)
            else:
                raw[key] = value
        raw["edit_date"] = int(self.clock())
        inline = inline_part(markup)
        if inline is not None:
            raw["reply_markup"] = inline
        message.raw = raw
        message.reply_markup = markup
        self._fill_from_raw(message)
        chat = self._chats[message.chat_id]
        chat.messages[message.message_id] = raw
        self._notify(chat)
        return raw

    # ------------------------------------------------------------------ text, captions and markup

    def _formatted(self, params: JsonDict, text_key: str, entities_key: str) -> tuple[str, list[JsonDict]]:
        raw = params.get(text_key)
        if raw is None:
            return "", []
        return format_text(
            str(raw), params.get("parse_mode"), params.get(entities_key), strict_ampersand=self.strict_ampersand
        )

    def _caption(self, params: JsonDict) -> JsonDict:
        text, entities = self._formatted(params, "caption", "caption_entities")
        check_length(text, CAPTION_LIMIT, e.CAPTION_TOO_LONG)
        content: JsonDict = {}
        if text:
            content["caption"] = text
            if entities:
                content["caption_entities"] = entities
        return content

    @staticmethod
    def _edit_markup(params: JsonDict) -> JsonDict | None:
        markup = parse_reply_markup(params.get("reply_markup"))
        if markup is not None and "inline_keyboard" not in markup:
            raise bad_request("inline keyboard expected")
        return markup
