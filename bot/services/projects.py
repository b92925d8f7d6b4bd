"""Projects (issue 15): the curators choose a project's leader, and a project moves through its stages.

The curators' cards and /moderate (bot/handlers/projects/choose.py) and, later, the leader's own tools call the same
methods. A choice is recorded with the notices of the people concerned in one transaction (the outbox sends them,
kind ``leader_notice``); a stage that has an idea status of its own («в работе», «реализован») moves the idea too,
through the moderation service, so the author's notice and the followers' news go as for any status step.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from aiogram import Bot

from bot.config import Settings
from bot.services.limits import clip, person
from bot.services.moderation import Decision, ModerationService, Step, Verdict
from bot.storage.models import Idea
from bot.storage.outbox import OutboxItem
from bot.storage.projects import Offer, Person, Project, Role, Stage
from bot.storage.repositories import Repos
from bot.telegram.i18n import Translator

log = logging.getLogger(__name__)

NAME_UNITS = 60  # a person's name on the curators' panel
# The stages in their order (the /ideas filter and the buttons name a stage by its place here).
STAGES: tuple[Stage, ...] = tuple(Stage)
# Where a stage may go by a curator's (or the leader's) hand. «Приостановлен» goes back by `resume`.
NEXT: dict[Stage, tuple[Stage, ...]] = {
    Stage.SEEKING_LEADER: (Stage.IN_WORK, Stage.PAUSED),
    Stage.GATHERING_TEAM: (Stage.IN_WORK, Stage.PAUSED),
    Stage.IN_WORK: (Stage.GATHERING_TEAM, Stage.IMPLEMENTED, Stage.PAUSED),
    Stage.PAUSED: (),
    Stage.IMPLEMENTED: (),
}
# The idea status a stage brings, and the statuses the idea may come from.
IDEA_STEP: dict[Stage, tuple[Step, tuple[str, ...]]] = {
    Stage.IN_WORK: (Step.IN_PROGRESS, ("accepted",)),
    Stage.IMPLEMENTED: (Step.IMPLEMENTED, ("accepted", "in_progress")),
}


class Chosen(Enum):
    """What a curator's choice came to."""

    DONE = "done"
    MISSING = "missing"  # the idea is not public (gone, hidden, rejected)
    NOT_OFFERED = "not_offered"  # the person no longer offers to lead (withdrew, or their data is gone)
    ALREADY = "already"  # they lead it already / nobody leads it / the stage is there or cannot be reached


@dataclass(frozen=True, slots=True)
class Applicants:
    """A project as the curators see it when choosing its leader."""

    idea: Idea
    project: Project
    stage: Stage  # as shown (`shown_stage`)
    leader: Person | None
    candidates: list[Person]  # who offered to lead, except the leader: those waiting first, then those not chosen
    members_applied: int
    members_accepted: int
    leader_offers: int  # offers to lead still waiting


def shown_stage(project: Project, idea_status: str) -> Stage:
    """The stage to show: an implemented idea's project is implemented (however it got there: the card's own
    «Реализована» too), else the project's (as bot/storage/projects.py STAGE_OF_IDEA)."""
    return Stage.IMPLEMENTED if idea_status == "implemented" else project.stage


def name_of(someone: Person, limit: int = NAME_UNITS) -> str:
    """How the leader and curators see someone who offered: first name only, unless they agreed to show their
    contacts (then the full name and @username)."""
    if someone.contact_ok:
        return person(someone.first_name, someone.last_name, someone.username, limit) or "—"
    return clip((someone.first_name or "").strip(), limit) or "—"


class ProjectService:
    def __init__(
        self,
        bot: Bot,
        repos: Repos,
        translator: Translator,
        settings: Settings,
        moderation: ModerationService,
        wake: Callable[[], None] = lambda: None,
    ) -> None:
        self.bot = bot
        self.repos = repos
        self.translator = translator
        self.settings = settings
        self.moderation = moderation
        self.wake = wake  # the outbox worker's: notices were queued

    # --- what the curators see ------------------------------------------------------------------

    async def applicants(self, idea_id: int) -> Applicants | None:
        """None when the idea is not public (there is no project to choose a leader for)."""
        project = await self.repos.projects.get(idea_id)
        idea = await self.repos.ideas.get(idea_id)
        if project is None or idea is None:
            return None
        people = await self.repos.projects.people(idea_id)
        leader = next(
            (p for p in people if p.role is Role.LEADER and p.user_id == project.leader_id and project.leader_id), None
        )
        offers = [p for p in people if p.role is Role.LEADER and p.user_id != project.leader_id]
        waiting = [p for p in offers if p.status is Offer.APPLIED]
        declined = [p for p in offers if p.status is Offer.DECLINED]
        members = [p for p in people if p.role is Role.MEMBER]
        return Applicants(
            idea=idea,
            project=project,
            stage=shown_stage(project, idea.status),
            leader=leader,
            candidates=[*waiting, *declined],
            members_applied=sum(1 for p in members if p.status is Offer.APPLIED),
            members_accepted=sum(1 for p in members if p.status is Offer.ACCEPTED),
            leader_offers=len(waiting),
        )

    @staticmethod
    def next_stages(stage: Stage) -> tuple[Stage, ...]:
        return NEXT[stage]

    # --- the curators' choices ------------------------------------------------------------------

    async def appoint(self, idea_id: int, user_id: int, actor_id: int, reason: str) -> Chosen:
        """Appoint (or replace the leader with) someone who offered to lead; the new leader, the one replaced and
        the others who offered are told, with the reason."""
        project = await self.repos.projects.get(idea_id)
        if project is None:
            return Chosen.MISSING
        if project.leader_id == user_id:
            return Chosen.ALREADY
        offer = await self.repos.projects.offer_of(idea_id, user_id, Role.LEADER)
        if offer is None or offer.status not in (Offer.APPLIED, Offer.DECLINED):
            return Chosen.NOT_OFFERED
        await self.repos.projects.appoint_leader(idea_id, user_id, actor_id, reason, tell=True)
        self.wake()
        return Chosen.DONE

    async def remove(self, idea_id: int, actor_id: int, reason: str) -> Chosen:
        """The leader removed: the project looks for a leader again, its team intact; the leader is told why."""
        if await self.repos.projects.get(idea_id) is None:
            return Chosen.MISSING
        if await self.repos.projects.drop_leader(idea_id, actor_id, reason, tell=True) is None:
            return Chosen.ALREADY
        self.wake()
        return Chosen.DONE

    async def step_down(self, idea_id: int, leader_id: int) -> bool:
        """The leader hands the project back (their /project): it looks for a leader again, its team told. False
        when they no longer lead it."""
        project = await self.repos.projects.get(idea_id)
        if project is None or project.leader_id != leader_id:
            return False
        if await self.repos.projects.drop_leader(idea_id, leader_id, "stepped down") is None:
            return False
        self.wake()
        return True

    async def move(self, idea_id: int, stage: Stage, actor_id: int, who: str) -> Chosen:
        """A project to its next stage («приостановлен» and back: `resume`). The idea's status follows where the
        stage has one: «в работе» → in progress, «реализован» → implemented (the author and followers told)."""
        found = await self.applicants(idea_id)
        if found is None:
            return Chosen.MISSING
        if stage not in NEXT[found.stage]:
            return Chosen.ALREADY
        if not await self.repos.projects.set_stage(idea_id, stage, actor_id):
            return Chosen.ALREADY
        await self._idea_follows(found.idea, stage, actor_id, who)
        return Chosen.DONE

    async def resume(self, idea_id: int, actor_id: int) -> Chosen:
        """A paused project goes on: in work if its idea is in progress, else gathering its team (or looking for
        a leader, without one)."""
        found = await self.applicants(idea_id)
        if found is None:
            return Chosen.MISSING
        if found.stage is not Stage.PAUSED:
            return Chosen.ALREADY
        if found.idea.status == "in_progress":
            stage = Stage.IN_WORK
        else:
            stage = Stage.GATHERING_TEAM if found.project.leader_id is not None else Stage.SEEKING_LEADER
        if not await self.repos.projects.set_stage(idea_id, stage, actor_id):
            return Chosen.ALREADY
        return Chosen.DONE

    async def _idea_follows(self, idea: Idea, stage: Stage, actor_id: int, who: str) -> None:
        step = IDEA_STEP.get(stage)
        if step is None or idea.status not in step[1]:
            return
        decided = await self.moderation.decide(Decision(step[0], idea.id, actor_id, who))
        if decided.verdict is not Verdict.DONE:
            log.info("idea #%s: its status did not follow the project's stage %s (%s)", idea.id, stage, decided.verdict)

    # --- the outbox's sender ---------------------------------------------------------------------

    async def send_notice(self, item: OutboxItem) -> None:
        """A curator's choice told to someone it concerns, in their language. Raises what Telegram raised."""
        if item.chat_id is None or item.ref is None:
            return
        user = await self.repos.users.get(item.chat_id)
        if user is None:
            return  # their data is gone: nobody to tell
        lang = user.language or self.settings.default_locale
        reason = str(item.args.get("reason") or "—")
        text = self.translator.get(lang, str(item.args["key"]), number=item.ref, reason=reason)
        await self.bot.send_message(item.chat_id, text)
