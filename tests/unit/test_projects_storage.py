"""The projects' storage (issue 15): offers to help or to lead, the leader chosen and dropped, the team, /delete_me."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.storage.db import Database
from bot.storage.projects import Help, Offer, Role, Stage
from bot.storage.repositories import Repos

NOW = "2026-12-01T00:00:00+00:00"
AUTHOR, ANNA, BORIS, CURATOR = 1, 2, 3, 9


@pytest.fixture
async def repos(tmp_path: Path) -> AsyncIterator[Repos]:
    db = Database(tmp_path / "projects.sqlite3")
    await db.connect()
    for user_id, name in ((AUTHOR, "Автор"), (ANNA, "Анна"), (BORIS, "Борис")):
        await db.execute(
            "INSERT INTO users (id, first_name, consent_status, created_at, updated_at) VALUES (?, ?, 'accepted', ?, ?)",
            (user_id, name, NOW, NOW),
        )
    await db.execute(
        "INSERT INTO ideas (author_id, text, direction_id, created_at, updated_at) VALUES (?, 'a park', 3, ?, ?)",
        (AUTHOR, NOW, NOW),
    )
    yield Repos(db)
    await db.close()


async def test_a_public_idea_is_a_project_looking_for_its_leader(repos: Repos) -> None:
    assert await repos.projects.get(1) is None  # under review: no project yet
    assert await repos.moderation.set_status(1, "accepted", CURATOR)
    project = await repos.projects.get(1)
    assert project is not None and project.stage is Stage.SEEKING_LEADER and project.leader_id is None


async def test_offers_the_leader_and_the_team(repos: Repos) -> None:
    assert await repos.moderation.set_status(1, "accepted", CURATOR)
    projects = repos.projects
    assert await projects.offer(1, ANNA, Role.LEADER, (), "Десять лет веду дворовые проекты в Орске.", "v1")
    assert not await projects.offer(1, ANNA, Role.LEADER, (), "again", None)  # her offer stands
    assert await projects.offer(1, BORIS, Role.MEMBER, (Help.HANDS, Help.CONTACTS), "По субботам", None)
    assert [p.user_id for p in await projects.people(1, Role.LEADER, Offer.APPLIED)] == [ANNA]

    assert await projects.appoint_leader(1, ANNA, CURATOR, "Опыт и план") is None
    project = await projects.get(1)
    assert project is not None and project.leader_id == ANNA and project.stage is Stage.GATHERING_TEAM
    assert await projects.decide(1, BORIS, Role.MEMBER, True, ANNA)
    assert not await projects.decide(1, BORIS, Role.MEMBER, False, ANNA)  # answered already
    team = await projects.team(1)
    assert [(p.user_id, p.role) for p in team] == [(ANNA, Role.LEADER), (BORIS, Role.MEMBER)]
    assert team[1].help == (Help.HANDS, Help.CONTACTS) and team[1].contact_ok is None
    assert [p.idea_id for p in await projects.offers_of(BORIS)] == [1]

    # The leader leaves: back to the curators, looking for a leader, the team intact.
    assert await projects.set_stage(1, Stage.IN_WORK, ANNA)
    assert await projects.drop_leader(1, ANNA, None) == ANNA
    project = await projects.get(1)
    assert project is not None and project.leader_id is None and project.stage is Stage.SEEKING_LEADER
    assert [p.user_id for p in await projects.team(1)] == [BORIS]
    assert await projects.leave(1, BORIS, Role.MEMBER) and not await projects.leave(1, BORIS, Role.MEMBER)
    actions = [r[0] for r in await repos.db.fetchall("SELECT action FROM audit_log ORDER BY id")]
    assert actions[-4:] == ["project_leader", "project_member_accepted", "project_stage", "project_leader_dropped"]


async def test_delete_me_of_a_leader_gives_the_project_back_to_the_curators(repos: Repos) -> None:
    assert await repos.moderation.set_status(1, "accepted", CURATOR)
    await repos.projects.offer(1, BORIS, Role.MEMBER, (Help.SKILLS,), None, None)
    await repos.projects.appoint_leader(1, ANNA, CURATOR, None)
    assert await repos.users.forget(ANNA, 3) is not None
    assert await repos.users.forget(BORIS, 3) is not None
    project = await repos.projects.get(1)
    assert project is not None and project.leader_id is None and project.stage is Stage.SEEKING_LEADER
    assert await repos.projects.people(1) == []
