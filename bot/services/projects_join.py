"""Where a person stands with an idea's project (issue 15, point 1): what the idea's page offers them to do."""

from __future__ import annotations

from dataclasses import dataclass

from bot.storage.projects import Offer, Role, Stage
from bot.storage.repositories import Repos

OPEN_STAGES = frozenset({Stage.SEEKING_LEADER, Stage.GATHERING_TEAM, Stage.IN_WORK})  # offers taken
STANDING = frozenset({Offer.APPLIED, Offer.ACCEPTED})  # an offer not taken back, declined or left


@dataclass(frozen=True, slots=True)
class Joining:
    """A person's offers on a project, and what the project takes."""

    stage: Stage
    has_leader: bool
    member: Offer | None = None  # their offer to help (None: never made)
    leader: Offer | None = None  # their offer to lead

    @property
    def open(self) -> bool:
        return self.stage in OPEN_STAGES

    @property
    def leads(self) -> bool:
        return self.leader is Offer.ACCEPTED and self.has_leader


async def joining_of(repos: Repos, idea_id: int, user_id: int) -> Joining | None:
    """Where the person stands with the idea's project; None when the idea is not public."""
    project = await repos.projects.get(idea_id)
    if project is None:
        return None
    member = await repos.projects.offer_of(idea_id, user_id, Role.MEMBER)
    leader = await repos.projects.offer_of(idea_id, user_id, Role.LEADER)
    return Joining(
        stage=project.stage,
        has_leader=project.leader_id is not None,
        member=member.status if member else None,
        leader=leader.status if leader else None,
    )
