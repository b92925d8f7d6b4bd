"""Projects' results (issue 15, point 6): «Получилось?» once when a project is implemented, «Как там сейчас?»
once FOLLOWUP_AFTER later.

Marking an idea implemented queues an outbox row of kind ``survey`` in the same transaction (and a
``project_followups`` row): the outbox hands it here, and here it becomes one broadcast of kind ``survey`` (once
per idea and round: a second mark, a restart, a retry make nothing new). The follow-up is a timer planned from
that row, re-planned at every start-up (bot/services/timers.py), so a restart in the three weeks loses nothing.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from aiogram import Bot

from bot.clock import read_stored
from bot.services.broadcast import BroadcastWorker
from bot.services.public import excerpt
from bot.storage.outbox import OutboxItem
from bot.storage.repositories import Repos
from bot.storage.surveys import Round
from bot.telegram.i18n import Translator

log = logging.getLogger(__name__)


COMMENT_SHOWN = 300  # characters of a comment in the curators' chat


class Surveys:
    def __init__(
        self, bot: Bot, repos: Repos, translator: Translator, broadcaster: BroadcastWorker, followup_after: int,
        lang: str,
    ) -> None:  # fmt: skip
        self.bot = bot
        self.repos = repos
        self.translator = translator
        self.broadcaster = broadcaster
        self.followup_after = timedelta(seconds=followup_after)
        self.lang = lang  # the curators' chat's language (DEFAULT_LOCALE)
        self.plan = lambda idea_id, due: None  # the timers' planner, wired in bot/app.py

    async def tell_curators(self, item: OutboxItem) -> None:
        """The outbox's row of a comment on a project's result: one line in the direction's curators' chat (answers
        without a comment are counted on the page, in /moderate #N and /stats). Raises what Telegram raised."""
        idea = await self.repos.ideas.get(item.ref or 0)
        if idea is None:
            return
        target = await self.repos.curator_chats.for_direction(idea.direction_id)
        if target is None:
            return  # no curators' chat: /moderate #N shows the comments
        round_ = Round(str(item.args["round"]))
        given = await self.repos.surveys.given(idea.id, round_, int(item.args["user"]))
        if given is None or not given[1]:
            return  # their data deleted since
        answer, comment = given[0], given[1]
        t = self.translator.for_lang(self.lang)
        counts = await self.repos.surveys.counts(idea.id, round_)
        text = t(
            f"survey-curators-{round_.value}",
            number=str(idea.id),
            answer=t(f"survey-btn-{answer.value}"),
            comment=excerpt(comment, COMMENT_SHOWN),
            counts=t(f"survey-{round_.value}-counts", yes=counts.yes, partly=counts.partly, no=counts.no),
        )
        await self.bot.send_message(target.chat_id, text, message_thread_id=target.thread_id)

    def due(self, implemented_at: str) -> datetime | None:
        moment = read_stored(implemented_at)
        return None if moment is None else moment + self.followup_after

    async def send(self, item: OutboxItem) -> None:
        """The outbox's row: the survey's broadcast, made once; then the follow-up planned."""
        if item.ref is None:
            return
        round_ = Round(str(item.args.get("round", Round.RESULT.value)))
        await self._make(item.ref, round_)
        if round_ is Round.RESULT:
            implemented = await self.repos.surveys.implemented_at(item.ref)
            due = self.due(implemented) if implemented else None
            if due is not None:
                self.plan(item.ref, due)

    async def followup(self, idea_id: int) -> None:
        """The timer's job: «Как там сейчас?» for the people the first survey reached, once."""
        idea = await self.repos.ideas.get(idea_id)
        if idea is not None and idea.status == "implemented" and idea.hidden_at is None:
            await self._make(idea_id, Round.FOLLOWUP)
        await self.repos.surveys.followup_sent(idea_id)

    async def _make(self, idea_id: int, round_: Round) -> None:
        broadcast, created = await self.repos.broadcasts.create_survey(idea_id, round_.value)
        if created:
            log.info("project #%s %s survey: %s person(s) to ask", idea_id, round_.value, broadcast.total)
            self.broadcaster.wake()
