"""Chats and members: getChat, getChatMember, getChatAdministrators, getChatMemberCount,
banChatMember/unbanChatMember, createChatInviteLink and forum topics."""

from __future__ import annotations

import secrets

from . import errors as e
from .core import FakeCore
from .errors import bad_request
from .models import UploadedFile
from .state import ADMIN_RIGHTS, ChatState, Handler, JsonDict
from .validation import as_bool, as_int, required

NO_GIFTS = {
    "unlimited_gifts": False,
    "limited_gifts": False,
    "unique_gifts": False,
    "premium_subscription": False,
    "gifts_from_channels": False,
}


class ChatsMixin(FakeCore):
    """What the bot may learn about chats and their members, and what it may do to members."""

    def _chats_api(self) -> dict[str, Handler]:
        return {
            "getChat": self._get_chat,
            "getChatMember": self._get_chat_member,
            "getChatAdministrators": self._get_chat_administrators,
            "getChatMemberCount": self._get_chat_member_count,
            "banChatMember": self._ban_chat_member,
            "unbanChatMember": self._unban_chat_member,
            "createForumTopic": self._create_forum_topic,
            "createChatInviteLink": self._create_chat_invite_link,
        }

    def create_topic(self, chat: ChatState, name: str, creator: JsonDict | None = None) -> int:
        """A forum topic in ``chat`` (made by ``creator``, else the bot); returns its message_thread_id."""
        message_id = chat.take_message_id()
        chat.topics[message_id] = name
        chat.messages[message_id] = {
            "message_id": message_id,
            "from": creator or self.bot_user,
            "chat": chat.as_chat(),
            "date": int(self.clock()),
            "message_thread_id": message_id,
            "forum_topic_created": {"name": name, "icon_color": 7322096},
            "is_topic_message": True,
        }
        return message_id

    # ------------------------------------------------------------------ Bot API methods

    def _get_chat(self, params: JsonDict, files: dict[str, UploadedFile]) -> JsonDict:
        chat = self._lookup_chat(params.get("chat_id"))
        info: JsonDict = {
            **chat.as_chat(),
            "accent_color_id": chat.id % 7,
            "max_reaction_count": 11,
            "accepted_gift_types": dict(NO_GIFTS),
        }
        if chat.type != "private":
            info["permissions"] = {
                "can_send_messages": True,
                "can_send_audios": True,
                "can_send_documents": True,
                "can_send_photos": True,
                "can_send_videos": True,
                "can_send_video_notes": True,
                "can_send_voice_notes": True,
                "can_send_polls": True,
                "can_send_other_messages": True,
                "can_add_web_page_previews": True,
                "can_change_info": False,
                "can_invite_users": True,
                "can_pin_messages": False,
                "can_manage_topics": False,
            }
        return info

    def _member(self, chat: ChatState, user: JsonDict, status: str) -> JsonDict:
        member: JsonDict = {"status": status, "user": user}
        if status == "creator":
            member["is_anonymous"] = False
        elif status == "administrator":
            member.update(ADMIN_RIGHTS)
        elif status == "kicked":
            member["until_date"] = 0
        elif status == "restricted":
            member.update(
                is_member=True,
                can_send_messages=False,
                can_send_audios=False,
                can_send_documents=False,
                can_send_photos=False,
                can_send_videos=False,
                can_send_video_notes=False,
                can_send_voice_notes=False,
                can_send_polls=False,
                can_send_other_messages=False,
                can_add_web_page_previews=False,
                can_react_to_messages=False,
                can_edit_tag=False,
                can_change_info=False,
                can_invite_users=False,
                can_pin_messages=False,
                can_manage_topics=False,
                until_date=0,
            )
        return member

    def _get_chat_member(self, params: JsonDict, files: dict[str, UploadedFile]) -> JsonDict:
        chat = self._lookup_chat(params.get("chat_id"))
        user_id = as_int(params.get("user_id"), e.USER_ID_INVALID)
        if user_id == self.bot_id:
            status = "member" if chat.type == "private" else chat.bot_status
            return self._member(chat, self.bot_user, status)
        user = self._users.get(user_id)
        if user is None:
            raise bad_request(e.USER_NOT_FOUND)
        if chat.type == "private":
            if user_id != chat.id:
                raise bad_request("member not found")
            return self._member(chat, user.as_user(), "member")
        return self._member(chat, user.as_user(), chat.members.get(user_id, "left"))

    def _member_to_restrict(self, params: JsonDict) -> tuple[ChatState, int]:
        """A group member the bot may ban or unban, as Telegram checks it."""
        chat = self._lookup_chat(params.get("chat_id"))
        user_id = as_int(params.get("user_id"), e.USER_ID_INVALID)
        if chat.type == "private":
            raise bad_request("can't ban members in private chats")
        if chat.bot_status not in ("administrator", "creator"):
            raise bad_request("not enough rights to restrict/unrestrict chat member")
        if user_id not in self._users:
            raise bad_request(e.USER_NOT_FOUND)
        return chat, user_id

    def _ban_chat_member(self, params: JsonDict, files: dict[str, UploadedFile]) -> bool:
        chat, user_id = self._member_to_restrict(params)
        status = chat.members.get(user_id, "left")
        if status == "creator":
            raise bad_request("can't remove chat owner")
        if status == "administrator":
            raise bad_request("user is an administrator of the chat")
        chat.members[user_id] = "kicked"
        return True

    def _unban_chat_member(self, params: JsonDict, files: dict[str, UploadedFile]) -> bool:
        chat, user_id = self._member_to_restrict(params)
        status = chat.members.get(user_id, "left")
        if status == "kicked":
            chat.members[user_id] = "left"
        elif not params.get("only_if_banned") and status in ("member", "restricted"):
            chat.members[user_id] = "left"  # Telegram: unbanning a member removes them, unless only_if_banned
        return True

    def _get_chat_administrators(self, params: JsonDict, files: dict[str, UploadedFile]) -> list[JsonDict]:
        chat = self._lookup_chat(params.get("chat_id"))
        if chat.type == "private":
            raise bad_request(e.NO_ADMINS_IN_PRIVATE)
        admins: list[JsonDict] = []
        for user_id, status in chat.members.items():
            if status in ("creator", "administrator"):
                admins.append(self._member(chat, self._users[user_id].as_user(), status))
        if chat.bot_status in ("creator", "administrator"):
            admins.append(self._member(chat, self.bot_user, chat.bot_status))
        return admins

    def _get_chat_member_count(self, params: JsonDict, files: dict[str, UploadedFile]) -> int:
        chat = self._lookup_chat(params.get("chat_id"))
        if chat.type == "private":
            return 2
        members = sum(1 for status in chat.members.values() if status not in ("left", "kicked"))
        return members + (1 if chat.bot_status not in ("left", "kicked") else 0)

    def _create_forum_topic(self, params: JsonDict, files: dict[str, UploadedFile]) -> JsonDict:
        chat = self._chat_for_send(params)
        if not chat.is_forum:
            raise bad_request("the chat is not a forum")
        name = str(required(params, "name"))
        if len(name) > 128:
            raise bad_request("topic name is too long")
        thread_id = self.create_topic(chat, name)
        return {"message_thread_id": thread_id, "name": name, "icon_color": 7322096}

    def _create_chat_invite_link(self, params: JsonDict, files: dict[str, UploadedFile]) -> JsonDict:
        """An extra invite link, as Telegram makes it: only by an administrator that may invite users, in a group,
        supergroup or channel; ``member_limit`` 1 to 99999 and never together with ``creates_join_request``."""
        chat = self._lookup_chat(params.get("chat_id"))
        if chat.type == "private":
            raise bad_request("can't invite members to a private chat")
        if chat.bot_status not in ("administrator", "creator"):
            raise bad_request("not enough rights to manage chat invite link")
        name = params.get("name")
        if name is not None and len(str(name)) > 32:
            raise bad_request("invite link name is too long")
        limit = params.get("member_limit")
        member_limit = None if limit is None else as_int(limit, "member limit is invalid")
        if member_limit is not None and not 1 <= member_limit <= 99_999:
            raise bad_request("member limit is invalid")
        join_request = as_bool(params.get("creates_join_request", False))
        if join_request and member_limit is not None:
            raise bad_request("can't use member limit with join requests")
        link = f"https://t.me/+{secrets.token_urlsafe(12)}"
        invite: JsonDict = {
            "invite_link": link,
            "creator": self.bot_user,
            "creates_join_request": join_request,
            "is_primary": False,
            "is_revoked": False,
        }
        if name is not None:
            invite["name"] = str(name)
        if member_limit is not None:
            invite["member_limit"] = member_limit
        chat.invite_links[link] = {**invite, "uses": 0}
        return invite
