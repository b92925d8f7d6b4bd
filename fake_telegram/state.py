"""What every family of the fake shares: the JSON types, the record of a chat, and message content kinds."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .models import BotMessage, UploadedFile

if TYPE_CHECKING:
    from .actors import ScriptedUser
    from .faults import TokenBucket

JsonDict = dict[str, Any]
Handler = Callable[[JsonDict, dict[str, UploadedFile]], Any]
AsyncHandler = Callable[[JsonDict, dict[str, UploadedFile]], Awaitable[Any]]

CONTENT_KINDS = (
    "text",
    "photo",
    "document",
    "video",
    "audio",
    "voice",
    "animation",
    "sticker",
    "venue",
    "location",
    "poll",
    "contact",
    "dice",
)
CONTENT_KEYS = (*CONTENT_KINDS, "entities", "caption", "caption_entities", "has_media_spoiler")
ADMIN_RIGHTS = {
    "can_be_edited": False,
    "is_anonymous": False,
    "can_manage_chat": True,
    "can_delete_messages": True,
    "can_manage_video_chats": True,
    "can_restrict_members": True,
    "can_promote_members": False,
    "can_change_info": True,
    "can_invite_users": True,
    "can_post_stories": False,
    "can_edit_stories": False,
    "can_delete_stories": False,
    "can_send_welcome_messages": False,
    "can_pin_messages": True,
    "can_manage_topics": True,
}


@dataclass(eq=False)
class ChatState:
    """A chat as the fake keeps it: a user's private chat, a group or a channel, with every message in it
    (``messages``, raw) and the bot's (``bot_messages``; ``inbox`` in the order they came)."""

    id: int
    type: str
    title: str | None = None
    user: ScriptedUser | None = None
    is_forum: bool = False
    username: str | None = None
    known: bool = False
    blocked: bool = False
    bot_status: str = "member"
    members: dict[int, str] = field(default_factory=dict)
    next_message_id: int = 1
    messages: dict[int, JsonDict] = field(default_factory=dict)
    bot_messages: dict[int, BotMessage] = field(default_factory=dict)
    inbox: list[BotMessage] = field(default_factory=list)
    topics: dict[int, str] = field(default_factory=dict)
    invite_links: dict[str, JsonDict] = field(default_factory=dict)  # createChatInviteLink's, by link; with "uses"
    waiters: list[asyncio.Future[None]] = field(default_factory=list)
    # Bumped at every change a client would show (a message in or out, an edit, a deletion, a vote count).
    version: int = 0
    bucket: TokenBucket | None = None

    def as_chat(self) -> JsonDict:
        if self.type == "private" and self.user is not None:
            chat: JsonDict = {"id": self.id, "type": "private", "first_name": self.user.first_name}
            if self.user.last_name:
                chat["last_name"] = self.user.last_name
            if self.user.username:
                chat["username"] = self.user.username
            return chat
        chat = {"id": self.id, "type": self.type, "title": self.title or ""}
        if self.username:
            chat["username"] = self.username
        if self.is_forum:
            chat["is_forum"] = True
        return chat

    def take_message_id(self) -> int:
        message_id = self.next_message_id
        self.next_message_id += 1
        return message_id


def content_kind(content: JsonDict) -> str | None:
    for kind in CONTENT_KINDS:
        if kind in content:
            return kind
    return None
