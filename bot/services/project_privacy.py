"""/delete_me of a project's leader (issue 15, point 9): the project is looking for a leader again, and the curators
of its direction are told (the outbox's kind "leader_gone", queued with the deletion: bot/storage/users.py)."""

from __future__ import annotations

import logging

from aiogram import Bot

from bot.config import Settings
from bot.services.public import excerpt
from bot.storage.outbox import OutboxItem
from bot.storage.repositories import Repos
from bot.telegram.i18n import Translator

log = logging.getLogger(__name__)
EXCERPT = 60  # characters of the idea in the curators' message


class LeaderGone:
    def __init__(self, bot: Bot, repos: Repos, translator: Translator, settings: Settings) -> None:
        self.bot = bot
        self.repos = repos
        self.translator = translator
        self.settings = settings

    async def text(self, idea_id: int) -> str | None:
        """The curators' message (in the curator chats' language); None when the idea is gone."""
        idea = await self.repos.ideas.get(idea_id)
        if idea is None:
            return None
        lang = self.settings.default_locale
        return self.translator.get(lang, "pja-leader-gone", number=idea.id, title=excerpt(idea.text, EXCERPT))

    async def send(self, item: OutboxItem) -> None:
        """The outbox's sender: to the direction's curators' chat, else to its curators and the superadmins
        privately. Raises what Telegram raised (the outbox decides)."""
        idea = await self.repos.ideas.get(item.ref or 0)
        text = await self.text(item.ref or 0)
        if idea is None or text is None:
            return
        chat = await self.repos.curator_chats.for_direction(idea.direction_id)
        if chat is not None:
            await self.bot.send_message(chat.chat_id, text, message_thread_id=chat.thread_id)
            return
        people = dict.fromkeys([*await self.repos.roles.curators_of(idea.direction_id), *self.settings.admin_ids])
        if not people:
            log.warning("idea #%s: its leader is gone and nobody curates its direction", idea.id)
        for user_id in people:
            await self.bot.send_message(user_id, text)
