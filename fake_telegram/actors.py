"""Scripted users and groups: the people and chats a test uses to talk to the bot."""

from __future__ import annotations

import asyncio
import itertools
import re
from typing import TYPE_CHECKING, Any

from .html import utf16_len
from .models import BotMessage, CallbackResult

if TYPE_CHECKING:
    from .server import FakeTelegram
    from .state import ChatState

JsonDict = dict[str, Any]

_COMMAND = re.compile(r"(?<![\w/])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?")
_media_groups = itertools.count(1)
_blobs = itertools.count(1)


def command_entities(text: str) -> list[JsonDict]:
    """bot_command entities, as Telegram adds them to a user's message."""
    entities: list[JsonDict] = []
    for match in _COMMAND.finditer(text):
        entities.append(
            {"type": "bot_command", "offset": utf16_len(text[: match.start()]), "length": utf16_len(match.group())}
        )
    return entities


def _fake_bytes(kind: str, extension: str = "") -> bytes:
    number = next(_blobs)
    if kind == "photo":
        return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + f"fake-photo-{number}".encode() + b"\xff\xd9"
    if kind == "document" and extension == "pdf":
        return f"%PDF-1.4\n% fake document {number}\n%%EOF\n".encode()
    return f"fake-{kind}-{number}".encode()


def _raw_of(message: BotMessage | JsonDict | None) -> JsonDict | None:
    if message is None:
        return None
    if isinstance(message, BotMessage):
        return message.raw
    return message


def _recent(messages: list[BotMessage], limit: int = 5) -> str:
    if not messages:
        return "none"
    shown = [message.summary() for message in messages[-limit:]]
    more = f" (+{len(messages) - limit} earlier)" if len(messages) > limit else ""
    return "; ".join(shown) + more


class _Expecting:
    """Shared waiting logic for users (private chat) and groups."""

    _fake: FakeTelegram

    @property
    def fake(self) -> FakeTelegram:
        """The fake Telegram this person or group lives in."""
        return self._fake

    def _refusals(self) -> str:
        refused = self._fake.refused[-5:]
        if not refused:
            return "none"
        return "; ".join(f"{r.method}: {r.error}" for r in refused)

    async def _next_in(
        self,
        chat: ChatState,
        cursors: dict[Any, int],
        key: Any,
        thread_id: int | None,
        seconds: float,
        who: str,
    ) -> BotMessage:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        while True:
            inbox = chat.inbox
            for index in range(cursors.get(key, 0), len(inbox)):
                if thread_id is None or inbox[index].thread_id == thread_id:
                    cursors[key] = index + 1
                    return inbox[index]
            cursors[key] = len(inbox)  # scanned messages never match this cursor's filter
            if not await self._fake.wait_chat_change(chat, deadline):
                where = "" if thread_id is None else f" in thread {thread_id}"
                raise AssertionError(
                    f"{who} expected a new bot message{where} within {seconds}s but none came. "
                    f"Received so far ({len(inbox)}): {_recent(inbox)}. Recent refused requests: {self._refusals()}"
                )

    async def _expect_edit(self, chat: ChatState, message: BotMessage, seconds: float) -> BotMessage:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        while True:
            if len(message.edits) > message.edits_seen:
                message.edits_seen = len(message.edits)
                return message
            if message.deleted:
                raise AssertionError(f"message {message.summary()} was deleted instead of edited")
            if not await self._fake.wait_chat_change(chat, deadline):
                raise AssertionError(
                    f"message {message.summary()} was not edited within {seconds}s. "
                    f"Recent refused requests: {self._refusals()}"
                )

    async def _expect_nothing(self, chat: ChatState, start: int, within: float, who: str) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while loop.time() < deadline:
            if len(chat.inbox) > start:
                raise AssertionError(f"{who} expected no bot message but got: {_recent(chat.inbox[start:])}")
            await self._fake.wait_chat_change(chat, deadline)
        if len(chat.inbox) > start:
            raise AssertionError(f"{who} expected no bot message but got: {_recent(chat.inbox[start:])}")


class ScriptedUser(_Expecting):
    """A person talking to the bot in a private chat (chat id == user id) and in groups."""

    def __init__(
        self,
        fake: FakeTelegram,
        user_id: int,
        first_name: str,
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = None,
        is_premium: bool | None = None,
    ) -> None:
        self._fake = fake
        self.id = user_id
        self.first_name = first_name
        self.last_name = last_name
        self.username = username
        self.language_code = language_code
        self.is_premium = is_premium
        # Telegram's "Forwarded messages" privacy setting: forwards of this person's messages
        # then carry only their name (forward_origin of type "hidden_user"), not their account.
        self.hides_forwards = False
        self._cursors: dict[Any, int] = {}

    def __repr__(self) -> str:
        return f"ScriptedUser(id={self.id}, first_name={self.first_name!r})"

    # --------------------------------------------------------------- state

    @property
    def chat_id(self) -> int:
        return self.id

    @property
    def user_id(self) -> int:
        return self.id

    @property
    def chat(self) -> ChatState:
        return self._fake.private_chat(self)

    @property
    def inbox(self) -> list[BotMessage]:
        """All bot messages sent to this user's private chat, in order."""
        return self.chat.inbox

    @property
    def blocked(self) -> bool:
        return self.chat.blocked

    def as_user(self) -> JsonDict:
        user: JsonDict = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.last_name:
            user["last_name"] = self.last_name
        if self.username:
            user["username"] = self.username
        if self.language_code:
            user["language_code"] = self.language_code
        if self.is_premium:
            user["is_premium"] = True
        return user

    def _open_chat(self) -> ChatState:
        chat = self.chat
        if chat.blocked:
            # Writing to a blocked bot (pressing Start) unblocks it, as in Telegram clients.
            chat.blocked = False
            self._fake.chat_member_update(chat, self, "kicked", "member")
        chat.known = True
        return chat

    # --------------------------------------------------------------- sending

    async def send(self, text: str, *, reply_to: BotMessage | JsonDict | None = None) -> JsonDict:
        """Send a text message to the bot; returns the Message dict the bot receives."""
        content: JsonDict = {"text": text}
        entities = command_entities(text)
        if entities:
            content["entities"] = entities
        return self._fake.user_message(self, self._open_chat(), content, reply_to=_raw_of(reply_to))

    async def send_content(self, content: JsonDict, *, reply_to: BotMessage | JsonDict | None = None) -> JsonDict:
        """Send the bot a message with these fields as a Telegram client builds them (e.g. ``text`` with
        ``entities``), in the private chat; returns the Message dict the bot receives."""
        return self._fake.user_message(self, self._open_chat(), content, reply_to=_raw_of(reply_to))

    async def send_command(self, command: str, payload: str | None = None) -> JsonDict:
        text = command if command.startswith("/") else "/" + command
        if payload:
            text = f"{text} {payload}"
        return await self.send(text)

    async def send_photo(self, caption: str | None = None, media_group_id: str | None = None) -> JsonDict:
        sizes = self._fake.new_photo(_fake_bytes("photo"))
        content: JsonDict = {"photo": sizes}
        if caption:
            content["caption"] = caption
        return self._fake.user_message(self, self._open_chat(), content, media_group_id=media_group_id)

    async def send_album(self, n: int = 3, caption: str | None = None) -> list[JsonDict]:
        group_id = str(14_000_000_000_000_000 + next(_media_groups))
        return [
            await self.send_photo(caption=caption if index == 0 else None, media_group_id=group_id)
            for index in range(n)
        ]

    async def send_location(self, latitude: float, longitude: float) -> JsonDict:
        content = {"location": {"latitude": latitude, "longitude": longitude}}
        return self._fake.user_message(self, self._open_chat(), content)

    async def _send_file(self, kind: str, content_extra: JsonDict | None = None, **file_args: Any) -> JsonDict:
        stored = self._fake.new_file(kind, **file_args)
        content = self._fake.media_content(kind, stored)
        if content_extra:
            content.update(content_extra)
        return self._fake.user_message(self, self._open_chat(), content)

    async def send_sticker(self, emoji: str = "👍") -> JsonDict:
        stored = self._fake.new_file("sticker", _fake_bytes("sticker"), mime_type="image/webp")
        stored.extra["emoji"] = emoji
        return self._fake.user_message(self, self._open_chat(), self._fake.media_content("sticker", stored))

    async def send_voice(self, duration: int = 3) -> JsonDict:
        stored = self._fake.new_file("voice", _fake_bytes("voice"), mime_type="audio/ogg")
        stored.extra["duration"] = duration
        return self._fake.user_message(self, self._open_chat(), self._fake.media_content("voice", stored))

    async def send_video(self, caption: str | None = None) -> JsonDict:
        stored = self._fake.new_file("video", _fake_bytes("video"), mime_type="video/mp4")
        content = self._fake.media_content("video", stored)
        if caption:
            content["caption"] = caption
        return self._fake.user_message(self, self._open_chat(), content)

    async def send_document(
        self,
        file_name: str = "a.pdf",
        data: bytes | None = None,
        mime_type: str | None = None,
        caption: str | None = None,
    ) -> JsonDict:
        extension = file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
        if mime_type is None:
            mime_type = {"pdf": "application/pdf", "txt": "text/plain", "jpg": "image/jpeg", "png": "image/png"}.get(
                extension, "application/octet-stream"
            )
        stored = self._fake.new_file(
            "document",
            data if data is not None else _fake_bytes("document", extension),
            file_name=file_name,
            mime_type=mime_type,
        )
        content = self._fake.media_content("document", stored)
        if caption:
            content["caption"] = caption
        return self._fake.user_message(self, self._open_chat(), content)

    async def send_contact(self, phone_number: str = "+79991234567", first_name: str | None = None) -> JsonDict:
        contact: JsonDict = {
            "phone_number": phone_number,
            "first_name": first_name or self.first_name,
            "user_id": self.id,
        }
        if self.last_name and first_name is None:
            contact["last_name"] = self.last_name
        return self._fake.user_message(self, self._open_chat(), {"contact": contact})

    async def forward(self, author: ScriptedUser, text: str = "Привет!") -> JsonDict:
        """Forward to the bot a text message ``author`` wrote elsewhere.

        ``forward_origin`` is set as Telegram sets it: the author's account ("user"), or only their
        name ("hidden_user") when they hide their account in forwards.
        """
        date = int(self._fake.clock()) - 60
        origin: JsonDict
        if author.hides_forwards:
            name = " ".join(p for p in (author.first_name, author.last_name) if p)
            origin = {"type": "hidden_user", "date": date, "sender_user_name": name}
        else:
            origin = {"type": "user", "date": date, "sender_user": author.as_user()}
        content: JsonDict = {"text": text, "forward_origin": origin}
        return self._fake.user_message(self, self._open_chat(), content)

    async def edit(self, message: JsonDict, new_text: str) -> JsonDict:
        """Edit one of this user's text messages (an ``edited_message`` update)."""
        chat = self._fake.chat_state(int(message["chat"]["id"]))
        current = chat.messages.get(int(message["message_id"]), message)
        edited = {k: v for k, v in current.items() if k not in ("entities", "caption_entities")}
        key = "text" if "text" in current else "caption"
        edited[key] = new_text
        entities = command_entities(new_text) if key == "text" else []
        if entities:
            edited["entities"] = entities
        edited["edit_date"] = int(self._fake.clock())
        chat.messages[int(message["message_id"])] = edited
        kind = "edited_channel_post" if chat.type == "channel" else "edited_message"
        self._fake.queue_update(kind, edited)
        return edited

    async def send_in(
        self,
        group: ScriptedGroup,
        text: str,
        thread_id: int | None = None,
        reply_to: BotMessage | JsonDict | None = None,
    ) -> JsonDict:
        """Post ``text`` in a group (as a member), optionally in a forum topic or as a reply."""
        chat = group.chat
        if chat.is_forum and thread_id is not None and thread_id not in chat.topics:
            raise AssertionError(f"group {chat.id} has no topic {thread_id}; topics: {chat.topics}")
        if chat.members.get(self.id) in (None, "left", "kicked"):
            chat.members[self.id] = "member"
        content: JsonDict = {"text": text}
        entities = command_entities(text)
        if entities:
            content["entities"] = entities
        return self._fake.user_message(self, chat, content, thread_id=thread_id, reply_to=_raw_of(reply_to))

    # --------------------------------------------------------------- buttons

    async def press(
        self,
        message: BotMessage,
        button_text: str,
        *,
        timeout: float = 5.0,  # noqa: ASYNC109
        require_answer: bool = True,
    ) -> CallbackResult:
        """Press an inline button (exact text, else the first containing it) of the message as it is now.

        Waits for the bot's answerCallbackQuery; if none comes within ``timeout``, raises
        AssertionError (or returns ``answered=False`` with ``require_answer=False``).
        """
        if message.deleted:
            raise AssertionError(f"cannot press {button_text!r}: message {message.summary()} was deleted")
        buttons = message.inline_buttons
        candidates = [b for b in buttons if b.get("text") == button_text] or [
            b for b in buttons if button_text in str(b.get("text", ""))
        ]
        if not candidates:
            raise AssertionError(
                f"no inline button {button_text!r} in message {message.summary()}; buttons: {message.buttons}"
            )
        button = candidates[0]
        if "callback_data" not in button:
            raise AssertionError(f"button {button.get('text')!r} is not a callback button: {button}")
        chat = self._fake.chat_state(message.chat_id)
        return await self._callback(
            chat, message.raw, message.message_id, str(button["callback_data"]), timeout, require_answer
        )

    async def press_data(
        self,
        chat_id: int,
        message_id: int,
        data: str,
        *,
        timeout: float = 5.0,  # noqa: ASYNC109
        require_answer: bool = True,
    ) -> CallbackResult:
        """A callback query with arbitrary (possibly forged) data for a message."""
        chat = self._fake.find_chat(chat_id)
        if chat is None:
            raise AssertionError(f"unknown chat {chat_id}")
        return await self._callback(chat, chat.messages.get(message_id), message_id, data, timeout, require_answer)

    async def _callback(
        self,
        chat: ChatState,
        raw: JsonDict | None,
        message_id: int,
        data: str,
        seconds: float,
        require_answer: bool,
    ) -> CallbackResult:
        pending = self._fake.new_callback(self, chat, raw, message_id, data)
        try:
            return await asyncio.wait_for(asyncio.shield(pending.future), seconds)
        except TimeoutError:
            if require_answer:
                raise AssertionError(
                    f"the bot did not answer callback query {data!r} (user {self.id}) within {seconds}s. "
                    f"Recent refused requests: {self._refusals()}"
                ) from None
            return CallbackResult(None, False, answered=False, query_id=pending.query_id)

    # --------------------------------------------------------------- expectations

    async def expect_message(self, timeout: float = 5.0) -> BotMessage:  # noqa: ASYNC109
        """The next bot message to this private chat this user has not consumed yet."""
        return await self._next_in(self.chat, self._cursors, None, None, timeout, f"user {self.id}")

    async def expect_edit(self, message: BotMessage, timeout: float = 5.0) -> BotMessage:  # noqa: ASYNC109
        """Wait until ``message`` is edited (returns immediately for edits not yet awaited)."""
        return await self._expect_edit(self._fake.chat_state(message.chat_id), message, timeout)

    async def expect_no_message(self, within: float = 0.3) -> None:
        chat = self.chat
        await self._expect_nothing(chat, max(self._cursors.get(None, 0), 0), within, f"user {self.id}")

    def drain(self) -> list[BotMessage]:
        """Consume and return every bot message not yet consumed."""
        start = self._cursors.get(None, 0)
        inbox = self.chat.inbox
        self._cursors[None] = len(inbox)
        return inbox[start:]

    # --------------------------------------------------------------- blocking and polls

    async def join_by_link(self, link: str) -> bool:
        """Open an invite link (``createChatInviteLink``'s) and join its chat; False when the link no longer lets
        anyone in (revoked, its member limit used up) or they are banned there."""
        return self._fake.join_by_link(self, link)

    async def block(self) -> None:
        chat = self.chat
        if chat.blocked:
            return
        chat.blocked = True
        self._fake.chat_member_update(chat, self, "member", "kicked")

    async def unblock(self) -> None:
        chat = self.chat
        if not chat.blocked:
            return
        chat.blocked = False
        chat.known = True
        self._fake.chat_member_update(chat, self, "kicked", "member")

    async def vote(self, message: BotMessage, option_ids: list[int]) -> None:
        """Vote in a poll the bot sent (empty list retracts the vote)."""
        self._fake.vote(self, message, option_ids)


class ScriptedGroup(_Expecting):
    """A supergroup (or channel) the bot is in."""

    def __init__(self, fake: FakeTelegram, chat: ChatState) -> None:
        self._fake = fake
        self.chat = chat
        self._cursors: dict[Any, int] = {}

    def __repr__(self) -> str:
        return f"ScriptedGroup(chat_id={self.chat.id}, title={self.chat.title!r})"

    @property
    def chat_id(self) -> int:
        return self.chat.id

    @property
    def title(self) -> str | None:
        return self.chat.title

    @property
    def is_forum(self) -> bool:
        return self.chat.is_forum

    @property
    def inbox(self) -> list[BotMessage]:
        return self.chat.inbox

    def create_topic(self, name: str, creator: ScriptedUser | None = None) -> int:
        """Create a forum topic; returns its message_thread_id."""
        if not self.chat.is_forum:
            raise AssertionError(f"group {self.chat.id} is not a forum")
        return self._fake.create_topic(self.chat, name, creator.as_user() if creator else None)

    async def expect_message(self, thread_id: int | None = None, timeout: float = 5.0) -> BotMessage:  # noqa: ASYNC109
        """The next bot message in this group (in ``thread_id`` if given) not consumed yet."""
        return await self._next_in(self.chat, self._cursors, thread_id, thread_id, timeout, f"group {self.chat.id}")

    async def expect_edit(self, message: BotMessage, timeout: float = 5.0) -> BotMessage:  # noqa: ASYNC109
        return await self._expect_edit(self.chat, message, timeout)

    async def expect_no_message(self, within: float = 0.3) -> None:
        await self._expect_nothing(self.chat, self._cursors.get(None, 0), within, f"group {self.chat.id}")

    async def post(self, text: str) -> JsonDict:
        """A channel post (``chat_type="channel"``): a ``channel_post`` update."""
        chat = self.chat
        message_id = chat.take_message_id()
        raw: JsonDict = {
            "message_id": message_id,
            "sender_chat": chat.as_chat(),
            "chat": chat.as_chat(),
            "date": int(self._fake.clock()),
            "text": text,
        }
        chat.messages[message_id] = raw
        self._fake.queue_update("channel_post" if chat.type == "channel" else "message", raw)
        return raw

    async def set_bot_status(self, status: str, by: ScriptedUser) -> None:
        """Promote, demote, remove (``"left"``) or ban (``"kicked"``) the bot: a my_chat_member update."""
        old = self.chat.bot_status
        self.chat.bot_status = status
        self._fake.chat_member_update(self.chat, by, old, status)
