"""Moderation decisions with everything that goes with each: the curator cards updated, the author told
in their language, the audit entry (written by the repository in the decision's own transaction); bans."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from enum import Enum

from aiogram import Bot

from bot.config import Settings
from bot.services.cards import CardService
from bot.services.limits import fit, person
from bot.services.roles import person_label
from bot.storage.models import PUBLIC_STATUSES, Direction
from bot.storage.moderation import Duplicate, Reporter
from bot.storage.repositories import Repos
from bot.storage.roles import Person
from bot.telegram.i18n import Translate, Translator
from bot.telegram.sender import deliver

log = logging.getLogger(__name__)

EXCERPT = 200  # characters of the original idea quoted to the author of a duplicate
REPORTERS_SHOWN = 10  # reporters listed on a hidden idea's card in /moderate (the rest are counted)
REPORTERS_BUDGET = 1000  # units that list may take on the card (at least 5 of the longest names and reasons fit)
REPORTER_NAME_UNITS = 60  # a reporter's name is shortened to this (their @username is shown whole)
NUMBER_RE = re.compile(r"^(?:#|№|No\.?)?\s*(\d{1,9})$", re.IGNORECASE)
# What the author is told after each step (keys in locales/*/main.ftl and moderation.ftl).
NOTICES = {
    "accepted": "notify-accepted",
    "rejected": "notify-rejected",
    "in_progress": "notify-in_progress",
    "implemented": "notify-implemented",
}

REPORT_REASONS = ("spam", "abuse", "offtopic", "dup", "none")  # what a resident may say of a reported idea


def parse_idea_number(text: str) -> int | None:
    """ "12", "#12", "№ 12" → 12; anything else → None."""
    match = NUMBER_RE.match(text.strip())
    if not match:
        return None
    number = int(match.group(1))
    return number if number > 0 else None


def excerpt(text: str, limit: int = EXCERPT) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def reporters_text(t: Translate, reporters: Sequence[Reporter], total: int) -> str:
    """Who reported a hidden idea, as moderators see it: names with @username (never an id), reasons, which did
    not count; within REPORTERS_BUDGET units, the rest counted ("… and N more")."""
    items = []
    for reporter in reporters:
        name = person(reporter.first_name, reporter.last_name, reporter.username, REPORTER_NAME_UNITS)
        reason = t("public-reason-" + (reporter.reason if reporter.reason in REPORT_REASONS else "none"))
        key = "mod-reporter" if reporter.counted else "mod-reporter-uncounted"
        items.append(t(key, name=name or t("mod-reporter-unnamed"), reason=reason))
    uncounted = any(not reporter.counted for reporter in reporters)
    return fit(
        [t("mod-reporters-head", total=total)],
        items,
        more=lambda count: t("mod-reporters-more", count=count),
        hidden=total - len(reporters),
        tail=[t("mod-reporters-uncounted")] if uncounted else [],
        limit=REPORTERS_BUDGET,
    ).text


class Ban(Enum):
    DONE = "done"
    ALREADY = "already"  # banned before / not banned (unban)
    PROTECTED = "protected"  # superadmins and organizers cannot be banned


class ModerationService:
    def __init__(self, bot: Bot, repos: Repos, translator: Translator, settings: Settings, cards: CardService) -> None:
        self.bot = bot
        self.repos = repos
        self.translator = translator
        self.settings = settings
        self.cards = cards

    # --- ideas --------------------------------------------------------------------------

    # Each decision is two steps, so a handler can answer the press between them: record (the guarded
    # transaction; False means another moderator was first and nothing was done), then announce
    # (the curator cards show it, the author is told).

    async def record_status(
        self, idea_id: int, status: str, actor_id: int, reason: str | None = None, from_hidden: bool = False
    ) -> bool:
        """Approve, reject, in progress, implemented."""
        return await self.repos.moderation.set_status(
            idea_id, status, actor_id, reason, from_hidden=from_hidden, notice=NOTICES[status]
        )

    async def announce_status(self, idea_id: int, status: str, who: str, reason: str | None = None) -> None:
        """The cards show the decision; the author's notice was queued with it (the outbox sends it)."""
        self.cards.wake()
        await self.cards.refresh(idea_id, who)

    async def record_duplicate(self, idea_id: int, of_id: int, actor_id: int) -> tuple[Duplicate, int | None]:
        original = await self.repos.ideas.get(of_id)
        public = original is not None and original.status in PUBLIC_STATUSES and not original.hidden_at
        notice = dict(
            original=str(of_id),
            excerpt=excerpt(original.text) if original is not None else "—",
            public="yes" if public else "no",
        )
        return await self.repos.moderation.mark_duplicate(idea_id, of_id, actor_id, notice)

    async def announce_duplicate(self, idea_id: int, of_id: int, who: str) -> None:
        self.cards.wake()  # the author's notice was queued with the decision
        await self.cards.refresh(idea_id, who)

    async def record_move(self, idea_id: int, direction_id: int, actor_id: int) -> Direction | None:
        """Re-route a new idea; returns the direction it left (None: not moved, e.g. decided meanwhile)."""
        idea = await self.repos.ideas.get(idea_id)
        target = await self.repos.directions.get(direction_id)
        if idea is None or target is None:
            return None
        previous = await self.repos.directions.get(idea.direction_id)
        if previous is None or not await self.repos.moderation.move(
            idea_id, target.id, actor_id, target.code, notice=True
        ):
            return None
        return previous

    async def announce_move(self, idea_id: int, previous: Direction, who: str) -> None:
        """The old cards say where the idea went, a new card goes to the new direction's curators."""
        await self.cards.refresh(idea_id, who, moved_from=previous)
        await self.repos.ideas.forget_cards(idea_id)
        await self.cards.deliver(idea_id)  # the author's notice was queued with the move

    async def restore(self, idea_id: int, actor_id: int) -> bool:
        """A hidden idea is shown again (reports cleared); the author, told of the hiding, is told of this."""
        restored = await self.repos.moderation.restore(idea_id, actor_id, notice=True)
        if restored:
            self.cards.wake()  # the author's notice was queued with it
        return restored

    # --- bans ---------------------------------------------------------------------------

    async def is_protected(self, user_id: int) -> bool:
        return user_id in self.settings.admin_ids or await self.repos.roles.is_organizer(user_id)

    async def ban(self, actor_id: int, person: Person, reason: str | None) -> Ban:
        if await self.is_protected(person.id):
            return Ban.PROTECTED
        name = person_label(person.id, person.first_name, person.last_name, person.username)
        if not await self.repos.moderation.ban(person.id, actor_id, reason, name):
            return Ban.ALREADY
        return Ban.DONE

    async def unban(self, actor_id: int, person: Person) -> tuple[Ban, bool]:
        """Returns what happened and whether the person was told."""
        name = person_label(person.id, person.first_name, person.last_name, person.username)
        if not await self.repos.moderation.unban(person.id, actor_id, name):
            return Ban.ALREADY, False
        lang = person.language or self.settings.default_locale
        text = self.translator.get(lang, "ban-lifted")

        async def blocked() -> None:
            await self.repos.users.set_active(person.id, False)

        sent = await deliver(f"unban notice to {person.id}", lambda: self.bot.send_message(person.id, text), blocked)
        return Ban.DONE, sent is not None
