"""Public ideas: supports with the author's threshold notice, reports that hide an idea, similar ideas.

Plain logic over the repositories (no handlers): the handlers of /ideas and of the idea form call it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import timedelta

from aiogram import Bot

from bot.config import Settings
from bot.services.cards import CardService
from bot.services.similar import DEFAULT_LIMIT, DEFAULT_THRESHOLD, SimilarIndex, terms
from bot.storage.models import Idea
from bot.storage.public import Outcome, ReporterRule, ReportResult, SupportResult
from bot.storage.repositories import Repos
from bot.telegram.i18n import Translator
from bot.telegram.sender import deliver

log = logging.getLogger(__name__)
STAFF_EXCERPT = 300
STEM_INLINE = 20  # more new public texts than this: the index is built anew in a worker thread


def excerpt(text: str, limit: int) -> str:
    """The first ``limit`` characters of a text on one line, cut at a word where possible."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,.;:—-") + "…"


class PublicIdeas:
    def __init__(self, bot: Bot, repos: Repos, translator: Translator, settings: Settings, cards: CardService) -> None:
        self.bot = bot
        self.repos = repos
        self.translator = translator
        self.settings = settings
        self.cards = cards
        self._index = SimilarIndex()
        self._fingerprint: tuple[int, int, int] | None = None
        self._building = asyncio.Lock()

    # --- similar ideas (duplicate prevention) ----------------------------------------------

    def invalidate(self) -> None:
        """Check the public set on the next query (it is also noticed by itself, see _current_index)."""
        self._fingerprint = None

    async def _current_index(self, fingerprint: tuple[int, int, int]) -> SimilarIndex:
        """The public ideas' vectors, brought up to date only when the public set changed.

        One aggregate over the partial index of public ideas tells whether it changed (texts are
        never edited). Then only the ideas that left are dropped and only those that came are
        stemmed, in a worker thread when there are many (the first query after a start), so the
        event loop keeps serving others meanwhile.
        """
        if fingerprint == self._fingerprint:
            return self._index
        async with self._building:
            if fingerprint == self._fingerprint:
                return self._index
            public = await self.repos.public.ids()
            known = self._index.ids()
            added = sorted(public - known)
            if len(added) > STEM_INLINE:
                # Many new texts (the first query after a start): a fresh index built in a worker
                # thread, so the event loop keeps serving others; nobody else holds the new object.
                texts = await self.repos.public.texts(sorted(public))
                self._index = await asyncio.to_thread(SimilarIndex, texts)
            else:
                for gone in known - public:
                    self._index.remove(gone)
                texts = await self.repos.public.texts(added)
                self._index.add_many((idea_id, terms(text)) for idea_id, text in texts)
            self._fingerprint = fingerprint
            return self._index

    async def similar(
        self, text: str, limit: int = DEFAULT_LIMIT, threshold: float = DEFAULT_THRESHOLD, exclude_author: int = 0
    ) -> list[Idea]:
        """Public ideas whose text is like ``text``, most similar first (the author's own left out)."""
        fingerprint = await self.repos.public.fingerprint()
        if fingerprint[0] == 0:
            return []  # nothing public: one query and no index
        index = await self._current_index(fingerprint)
        matches = index.query(text, limit=limit + 3, threshold=threshold)
        ideas = await self.repos.public.many([m.idea_id for m in matches])
        return [i for i in ideas if not exclude_author or i.author_id != exclude_author][:limit]

    # --- supports ----------------------------------------------------------------------------

    async def support(self, idea_id: int, user_id: int) -> SupportResult:
        result = await self.repos.public.support(idea_id, user_id, self.settings.support_threshold)
        if result.threshold_reached:
            await self.cards.notify_author(idea_id, "public-threshold-reached", supports=result.supports)
        return result

    async def withdraw(self, idea_id: int, user_id: int) -> SupportResult:
        return await self.repos.public.withdraw(idea_id, user_id)

    # --- reports -----------------------------------------------------------------------------

    async def report(self, idea_id: int, user_id: int, reason: str | None) -> ReportResult:
        """A report; it counts toward hiding the idea only if the reporter is an established resident."""
        result = await self.repos.public.report(
            idea_id,
            user_id,
            reason,
            self.settings.reports_to_hide,
            ReporterRule(timedelta(seconds=self.settings.report_min_age), self.settings.report_min_actions),
        )
        if result.outcome is Outcome.DONE and result.hidden:
            self.invalidate()
            await self._tell_staff(idea_id, "public-staff-hidden", reports=result.reports)
            await self.cards.notify_author(idea_id, "notify-hidden")
        return result

    async def reports_withdrawn(self, idea_ids: Sequence[int]) -> None:
        """Hidden ideas public again because reports that hid them were deleted with their authors' data
        (/delete_me): the author and the staff are told, as they were of the hiding."""
        if not idea_ids:
            return
        self.invalidate()
        for idea_id in idea_ids:
            log.info("idea %s is public again: the reports that hid it were withdrawn", idea_id)
            await self._tell_staff(idea_id, "public-staff-restored", threshold=self.settings.reports_to_hide)
            await self.cards.notify_author(idea_id, "notify-restored-auto")

    async def _tell_staff(self, idea_id: int, key: str, **args: object) -> None:
        """Superadmins and organizers, privately: an idea was hidden by reports (or is public again)."""
        idea = await self.repos.ideas.get(idea_id)
        if idea is None:
            return
        staff = sorted(set(self.settings.admin_ids) | await self.repos.roles.organizer_ids())
        for person_id in staff:
            person = await self.repos.users.get(person_id)
            lang = (person.language if person else None) or self.settings.default_locale
            text = self.translator.get(lang, key, number=idea.id, text=excerpt(idea.text, STAFF_EXCERPT), **args)

            async def blocked(person_id: int = person_id) -> None:
                await self.repos.users.set_active(person_id, False)

            await deliver(
                f"tell staff {person_id} about reports on #{idea_id}",
                lambda person_id=person_id, text=text: self.bot.send_message(person_id, text),  # type: ignore[misc]
                blocked,
            )
