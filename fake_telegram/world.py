"""The world around the bot: scripted users and groups, and what they do that reaches the bot as updates.

These are the entry points :mod:`.actors` and the tests use to make people write, join groups and
change the bot's membership; each queues the update Telegram would send.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from .actors import ScriptedGroup, ScriptedUser
from .state import ADMIN_RIGHTS, ChatState, JsonDict, content_kind
from .updates import UpdatesMixin

if TYPE_CHECKING:
    from .server import FakeTelegram


class WorldMixin(UpdatesMixin):
    """Scripted users and groups, and the updates they make."""

    def user(
        self,
        user_id: int,
        first_name: str | None = None,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = None,
        *,
        is_premium: bool | None = None,
        started: bool = False,
    ) -> ScriptedUser:
        """The scripted user with this id (created on first call; later calls return the same object).

        ``started=True`` makes the private chat known at once, as if the user had pressed Start.
        """
        existing = self._users.get(user_id)
        if existing is not None:
            if started:
                self.private_chat(existing).known = True
            return existing
        user = ScriptedUser(
            cast("FakeTelegram", self),  # this mixin is always part of a FakeTelegram
            user_id,
            first_name or f"User{user_id}",
            last_name=last_name,
            username=username,
            language_code=language_code,
            is_premium=is_premium,
        )
        self._users[user_id] = user
        # Private chats can't be addressed as @username: Telegram answers "chat not found".
        self.private_chat(user).known = started
        return user

    def group(
        self,
        chat_id: int,
        title: str = "Group",
        is_forum: bool = False,
        *,
        bot_status: str = "administrator",
        username: str | None = None,
        chat_type: str = "supergroup",
    ) -> ScriptedGroup:
        """A supergroup (or channel, ``chat_type="channel"``) the bot is in with ``bot_status``."""
        existing = self._groups.get(chat_id)
        if existing is not None:
            return existing
        chat = ChatState(
            id=chat_id,
            type=chat_type,
            title=title,
            is_forum=is_forum,
            username=username,
            known=True,
            bot_status=bot_status,
        )
        self._chats[chat_id] = chat
        if username:
            self._chats_by_username[username.lower()] = chat
        group = ScriptedGroup(cast("FakeTelegram", self), chat)
        self._groups[chat_id] = group
        return group

    def channel(self, chat_id: int, title: str = "Channel", *, username: str | None = None) -> ScriptedGroup:
        return self.group(chat_id, title, chat_type="channel", username=username, bot_status="administrator")

    def add_member(self, group: ScriptedGroup, user: ScriptedUser, status: str = "member") -> None:
        if status not in ("creator", "administrator", "member", "restricted", "left", "kicked"):
            raise ValueError(f"unknown chat member status {status!r}")
        group.chat.members[user.id] = status

    def join(self, group: ScriptedGroup, *users: ScriptedUser, by: ScriptedUser | None = None) -> JsonDict:
        """People join a group: the ``new_chat_members`` service message (one for all of them, as Telegram sends
        when someone adds several people at once; ``by`` is who added them, else the first joined by link)."""
        if not users:
            raise ValueError("join() needs at least one user")
        chat = group.chat
        for user in users:
            chat.members[user.id] = "member"
        actor = by or users[0]
        return self.user_message(actor, chat, {"new_chat_members": [user.as_user() for user in users]})

    def join_by_link(self, user: ScriptedUser, link: str) -> bool:
        """``user`` opens an invite link the bot made (createChatInviteLink) and joins its chat, as Telegram lets
        them: not when the link is revoked or its ``member_limit`` is used up, nor when they are banned there (False
        then, nothing sent). Joining queues the ``new_chat_members`` service message and, where the bot is an
        administrator (Telegram sends member changes to administrators only), a ``chat_member`` update that
        carries the link."""
        chat = next((c for c in self._chats.values() if link in c.invite_links), None)
        if chat is None:
            raise ValueError(f"no chat has the invite link {link!r}")
        invite = chat.invite_links[link]
        limit = invite.get("member_limit")
        old = chat.members.get(user.id, "left")
        if invite["is_revoked"] or (limit is not None and invite["uses"] >= limit) or old == "kicked":
            return False
        if old in ("creator", "administrator", "member"):
            return True  # already there: Telegram opens the chat, nothing changes
        invite["uses"] += 1
        chat.members[user.id] = "member"
        self.user_message(user, chat, {"new_chat_members": [user.as_user()]})
        if chat.bot_status in ("administrator", "creator"):
            shown = {k: v for k, v in invite.items() if k != "uses"}
            self.queue_update(
                "chat_member",
                {
                    "chat": chat.as_chat(),
                    "from": user.as_user(),
                    "date": int(self.clock()),
                    "old_chat_member": {"status": "left", "user": user.as_user()},
                    "new_chat_member": {"status": "member", "user": user.as_user()},
                    "invite_link": shown,
                },
            )
        return True

    def user_message(
        self,
        user: ScriptedUser,
        chat: ChatState,
        content: JsonDict,
        *,
        thread_id: int | None = None,
        reply_to: JsonDict | None = None,
        media_group_id: str | None = None,
        edited_kind: str = "message",
    ) -> JsonDict:
        """``user`` writes ``content`` (the Message fields: ``text``, ``photo``, ...) in ``chat``: the message
        is kept in the chat and queued as an ``edited_kind`` update; returns the Message dict."""
        message_id = chat.take_message_id()
        raw: JsonDict = {
            "message_id": message_id,
            "from": user.as_user(),
            "chat": chat.as_chat(),
            "date": int(self.clock()),
        }
        if thread_id is not None:
            raw["message_thread_id"] = thread_id
            if chat.is_forum:
                raw["is_topic_message"] = True
        if reply_to is not None:
            raw["reply_to_message"] = {k: v for k, v in reply_to.items() if k != "reply_to_message"}
        if media_group_id is not None:
            raw["media_group_id"] = media_group_id
        raw.update(content)
        chat.messages[message_id] = raw
        self._changed(chat)
        if not self.bot_sees(chat, raw):
            self.stats.updates_dropped += 1  # kept in the chat, never delivered (privacy mode)
            return raw
        self.queue_update(edited_kind, raw)
        return raw

    def bot_sees(self, chat: ChatState, raw: JsonDict) -> bool:
        """Whether a person's message in ``chat`` reaches the bot: always, unless privacy mode is on and ``chat``
        is a group where the bot is not an administrator; then only commands, replies to the bot's messages,
        messages that mention it (@username) and service messages (no text or media of a person)."""
        if not self.privacy_mode or chat.type not in ("group", "supergroup") or chat.bot_status in (
            "administrator",
            "creator",
        ):
            return True
        text = str(raw.get("text") or raw.get("caption") or "")
        entities = raw.get("entities") or raw.get("caption_entities") or []
        if any(entity.get("type") == "bot_command" for entity in entities):
            return True
        replied = raw.get("reply_to_message")
        if replied is not None and (replied.get("from") or {}).get("id") == self.bot_id:
            return True
        if f"@{self.bot_username}".lower() in text.lower():
            return True
        return content_kind(raw) is None  # a service message (someone joined, left, ...)

    def chat_member_update(self, chat: ChatState, actor: ScriptedUser, old: str, new: str) -> int:
        """The bot's status in ``chat`` went from ``old`` to ``new`` by ``actor``: a ``my_chat_member`` update."""

        def member(status: str) -> JsonDict:
            value: JsonDict = {"status": status, "user": self.bot_user}
            if status == "kicked":
                value["until_date"] = 0
            if status == "administrator":
                value.update(ADMIN_RIGHTS)
            return value

        payload = {
            "chat": chat.as_chat(),
            "from": actor.as_user(),
            "date": int(self.clock()),
            "old_chat_member": member(old),
            "new_chat_member": member(new),
        }
        return self.queue_update("my_chat_member", payload)
