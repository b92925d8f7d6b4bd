"""What a Telegram client shows around the messages of a chat: the command menu for a person there, the reply
keyboard and the forced reply the bot left, the files and poll votes behind messages, and files a person
uploads. The sandbox's web chat (:mod:`sandbox`) is such a client; tests may use it too.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, cast

from .core import FakeCore
from .models import StoredFile
from .state import JsonDict

if TYPE_CHECKING:
    from .server import FakeTelegram

ADMIN_STATUSES = ("creator", "administrator")


class ClientViewMixin(FakeCore):
    """Read-only views of a chat as a client shows it, and a person's uploads."""

    @property
    def _whole(self) -> FakeTelegram:
        return cast("FakeTelegram", self)  # this mixin is always part of a FakeTelegram

    # ------------------------------------------------------------------ the command menu

    def commands_for(
        self, chat_id: int, user_id: int | None = None, language_code: str | None = None
    ) -> list[JsonDict]:
        """The commands Telegram shows in ``chat_id`` to ``user_id`` (whose app speaks ``language_code``), by
        its rules: the narrowest scope the bot set wins (chat member, chat administrators, chat, all chat
        administrators, all group chats / all private chats, default), and within a scope the person's
        language wins over the list set without a language."""
        chat = self.find_chat(chat_id)
        if chat is None:
            return []
        lang = (language_code or "")[:2].lower()
        private = chat.type == "private"
        is_admin = not private and user_id is not None and chat.members.get(user_id) in ADMIN_STATUSES
        scopes: list[JsonDict] = []
        if private:
            scopes += [{"type": "chat", "chat_id": chat_id}, {"type": "all_private_chats"}]
        else:
            if user_id is not None:
                scopes.append({"type": "chat_member", "chat_id": chat_id, "user_id": user_id})
            if is_admin:
                scopes.append({"type": "chat_administrators", "chat_id": chat_id})
            scopes.append({"type": "chat", "chat_id": chat_id})
            if is_admin:
                scopes.append({"type": "all_chat_administrators"})
            scopes.append({"type": "all_group_chats"})
        scopes.append({"type": "default"})
        for scope in scopes:
            for language in ((lang, "") if lang else ("",)):
                found = self._commands_of(scope, language)
                if found is not None:
                    return [dict(command) for command in found]
        return []

    def _commands_of(self, scope: JsonDict, language: str) -> list[dict[str, str]] | None:
        for (key, key_language), commands in self._whole.commands.items():
            if key_language != language:
                continue
            stored: Any = {"type": key} if not key.startswith("{") else json.loads(key)
            if _same_scope(stored, scope):
                return commands
        return None

    # ------------------------------------------------------------------ keyboards

    def reply_keyboard(self, chat_id: int) -> JsonDict | None:
        """The reply keyboard a client shows under the input field of ``chat_id``: the last one the bot sent
        (``{"message_id", "keyboard", "one_time_keyboard", "input_field_placeholder", ...}``), unless a later
        message removed it, or it was one-time and a person has written since; ``None`` otherwise."""
        chat = self.find_chat(chat_id)
        if chat is None:
            return None
        shown: JsonDict | None = None
        for message in reversed(chat.inbox):  # the latest keyboard or removal decides
            markup = message.reply_markup or {}
            if "keyboard" in markup:
                shown = {**markup, "message_id": message.message_id}
                break
            if markup.get("remove_keyboard"):
                return None
        if shown is not None and shown.get("one_time_keyboard") and self._person_wrote_after(chat_id, shown):
            return None
        return shown

    def force_reply(self, chat_id: int) -> JsonDict | None:
        """The bot's last message in ``chat_id`` if it asked for a reply (ForceReply) and nobody has written
        since: ``{"message_id", "input_field_placeholder"}``; else ``None``."""
        chat = self.find_chat(chat_id)
        if chat is None or not chat.inbox:
            return None
        last = chat.inbox[-1]  # only the bot's latest message can ask for a reply
        markup = last.reply_markup or {}
        if last.deleted or not markup.get("force_reply"):
            return None
        forced = {"message_id": last.message_id, "input_field_placeholder": markup.get("input_field_placeholder")}
        return None if self._person_wrote_after(chat_id, forced) else forced

    def _person_wrote_after(self, chat_id: int, shown: JsonDict) -> bool:
        chat = self.chat_state(chat_id)
        return any(
            message_id > shown["message_id"] and message_id not in chat.bot_messages for message_id in chat.messages
        )

    # ------------------------------------------------------------------ files and polls

    def upload(
        self, kind: str, data: bytes, *, file_name: str | None = None, mime_type: str | None = None
    ) -> JsonDict:
        """A person's upload (``photo`` or ``document``, ...) kept as Telegram keeps it: the Message fields that
        carry it (``{"photo": [sizes]}``, ``{"document": {...}}``), for :meth:`user_message`. The bot can fetch
        it with getFile."""
        if kind == "photo":
            return {"photo": self._whole.new_photo(data)}
        stored = self._whole.new_file(kind, data, file_name=file_name, mime_type=mime_type)
        return self._whole.media_content(kind, stored)

    def stored_file(self, file_id: str) -> StoredFile | None:
        """A file the fake holds (its bytes, name and type), by file_id."""
        return self._files.get(file_id)

    def poll_votes(self, poll_id: str) -> dict[int, list[int]]:
        """Who voted for what in a poll the bot sent: option ids by user id."""
        state = self._whole._polls.get(poll_id)
        return {user: list(options) for user, options in state.votes.items()} if state is not None else {}


def _same_scope(stored: JsonDict, wanted: JsonDict) -> bool:
    if stored.get("type") != wanted.get("type"):
        return False
    for key in ("chat_id", "user_id"):
        if (key in stored) != (key in wanted):
            return False
        if key in stored and str(stored[key]) != str(wanted[key]):
            return False
    return True
