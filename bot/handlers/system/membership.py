"""Membership changes: a resident blocking the bot, the bot leaving a curator chat."""

from __future__ import annotations

import logging

from aiogram import F
from aiogram.types import ChatMemberUpdated

from bot.storage.repositories import Repos
from bot.telegram.filters import Magic
from bot.telegram.routes import Routes

log = logging.getLogger(__name__)
router = Routes(name="system")
ACTIVE = {"member", "administrator", "creator", "restricted"}


@router.my_chat_member(Magic(F.chat.type == "private"))
async def private_membership(event: ChatMemberUpdated, repos: Repos) -> None:
    active = event.new_chat_member.status in ACTIVE
    log.info("user %s %s the bot", event.chat.id, "unblocked" if active else "blocked")
    await repos.users.set_active(event.chat.id, active)


@router.my_chat_member()
async def group_membership(event: ChatMemberUpdated, repos: Repos) -> None:
    if event.new_chat_member.status in ACTIVE:
        log.info("bot added to chat %s (%s)", event.chat.id, event.chat.title)
        return
    removed = await repos.curator_chats.unbind_chat(event.chat.id)
    log.warning(
        "bot removed from chat %s (%s); %s curator binding(s) dropped", event.chat.id, event.chat.title, removed
    )
