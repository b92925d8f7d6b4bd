"""Moderation decisions with everything that goes with each: the curator cards updated, the author told
in their language, the audit entry (written by the repository in the decision's own transaction); bans."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from enum import Enum

from aiogram import Bot

from bot.config import Settings
from bot.services.cards import CardService
from bot.services.limits import fit, person
from bot.services.roles import person_label
from bot.storage.models import PUBLIC_STATUSES, Direction, Idea
from bot.storage.moderation import STEP_FROM, Duplicate, Reporter
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


class Step(Enum):
    """A decision on an idea, the same from a curator card and from /moderate (a status step's value is the status)."""

    ACCEPT = "accepted"
    REJECT = "rejected"
    IN_PROGRESS = "in_progress"
    IMPLEMENTED = "implemented"
    DUPLICATE = "duplicate"
    MOVE = "moved"
    RESTORE = "restored"  # a hidden idea shown again


class Verdict(Enum):
    """What a decision came to."""

    DONE = "done"
    MISSING = "missing"  # no such idea
    ALREADY = "already"  # someone else was first, or the step no longer fits the idea
    NO_TARGET = "no_target"  # MOVE: no such direction
    # DUPLICATE, the original (#M) does not fit: the moderator may give another number.
    SELF = "self"  # M == N
    NO_ORIGINAL = "no_original"  # no idea #M
    CHAIN = "chain"  # #M is itself a duplicate
    CLOSED = "closed"  # #M was rejected or is hidden by reports


@dataclass(frozen=True, slots=True)
class Decision:
    step: Step
    idea_id: int
    actor_id: int
    who: str  # the actor's name, shown on the cards
    reason: str | None = None  # REJECT
    from_hidden: bool = False  # REJECT of an idea hidden by reports (it is public, its status is not new)
    target: int = 0  # MOVE: the direction; DUPLICATE: the original's number


@dataclass(frozen=True, slots=True)
class Decided:
    verdict: Verdict
    idea: Idea | None = None  # as it was before the decision
    previous: Direction | None = None  # MOVE: the direction the idea left
    target: Direction | None = None  # MOVE: the direction it went to
    chain: int | None = None  # CHAIN: the idea the original itself duplicates


# Called once a decision is recorded, before the cards show it: the one who decided is answered first.
Answer = Callable[[Decided], Awaitable[None]]

_DUPLICATE_VERDICTS = {
    Duplicate.DONE: Verdict.DONE,
    Duplicate.ALREADY: Verdict.ALREADY,
    Duplicate.MISSING: Verdict.NO_ORIGINAL,
    Duplicate.SELF: Verdict.SELF,
    Duplicate.CHAIN: Verdict.CHAIN,
    Duplicate.CLOSED: Verdict.CLOSED,
}


def is_hidden(idea: Idea) -> bool:
    """Hidden by reports and waiting for review (otherwise public)."""
    return idea.hidden_at is not None and idea.status in PUBLIC_STATUSES


def still_open(idea: Idea, step: Step, from_hidden: bool = False) -> bool:
    """Whether the step can still be taken (worth asking for its reason, the original's number, the direction)."""
    if from_hidden or step is Step.RESTORE:
        return is_hidden(idea)
    return idea.status in STEP_FROM.get(step.value, ("new",))


class ModerationService:
    def __init__(
        self,
        bot: Bot,
        repos: Repos,
        translator: Translator,
        settings: Settings,
        cards: CardService,
    ) -> None:
        self.bot = bot
        self.repos = repos
        self.translator = translator
        self.settings = settings
        self.cards = cards

    # --- ideas --------------------------------------------------------------------------

    async def decide(self, decision: Decision, answer: Answer | None = None) -> Decided:
        """The one path of every decision on an idea, from a curator card or from /moderate.

        Recorded first: the guarded transaction with the idea event, the audit entry and the author's notice
        (a verdict other than DONE: nothing was done). Then ``answer`` (the press is answered, the decider's own
        message updated), then the curator cards show the decision and the outbox sends the notice.
        """
        decided = await self._record(decision)
        if decided.verdict is Verdict.DONE:
            if answer is not None:
                await answer(decided)
            await self._announce(decision, decided)
        return decided

    async def _record(self, decision: Decision) -> Decided:
        idea = await self.repos.ideas.get(decision.idea_id)
        if decision.step is Step.DUPLICATE:
            return await self._record_duplicate(decision, idea)  # its checks of the original come first
        if idea is None:
            return Decided(Verdict.MISSING)
        if decision.step is Step.MOVE:
            return await self._record_move(decision, idea)
        if decision.step is Step.RESTORE:
            done = await self.repos.moderation.restore(idea.id, decision.actor_id, notice=True)
        else:
            status = decision.step.value
            done = await self.repos.moderation.set_status(
                idea.id,
                status,
                decision.actor_id,
                decision.reason,
                from_hidden=decision.from_hidden,
                notice=NOTICES[status],
            )
        return Decided(Verdict.DONE if done else Verdict.ALREADY, idea)

    async def _record_duplicate(self, decision: Decision, idea: Idea | None) -> Decided:
        of_id = decision.target
        original = await self.repos.ideas.get(of_id)
        public = original is not None and original.status in PUBLIC_STATUSES and not original.hidden_at
        notice = dict(
            original=str(of_id),
            excerpt=excerpt(original.text) if original is not None else "—",
            public="yes" if public else "no",
        )
        outcome, chain = await self.repos.moderation.mark_duplicate(decision.idea_id, of_id, decision.actor_id, notice)
        return Decided(_DUPLICATE_VERDICTS[outcome], idea, chain=chain)

    async def _record_move(self, decision: Decision, idea: Idea) -> Decided:
        """Re-route a new idea (a new card goes to the new direction's curators)."""
        target = await self.repos.directions.get(decision.target)
        if target is None:
            return Decided(Verdict.NO_TARGET, idea)
        previous = await self.repos.directions.get(idea.direction_id)
        if previous is None or not await self.repos.moderation.move(
            idea.id, target.id, decision.actor_id, target.code, notice=True
        ):
            return Decided(Verdict.ALREADY, idea)
        return Decided(Verdict.DONE, idea, previous=previous, target=target)

    async def _announce(self, decision: Decision, decided: Decided) -> None:
        """The cards show the decision; the author's notice was queued with it (the outbox sends it)."""
        if decision.step is Step.MOVE:
            # The old cards say where the idea went, a new card goes to the new direction's curators.
            await self.cards.refresh(decision.idea_id, decision.who, moved_from=decided.previous)
            await self.repos.ideas.forget_cards(decision.idea_id)
            await self.cards.deliver(decision.idea_id)
            return
        self.cards.wake()  # the outbox: the author's notice and the followers' news were queued with the decision
        if decision.step is not Step.RESTORE:  # a restored idea's cards show its status as before
            await self.cards.refresh(decision.idea_id, decision.who)

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
