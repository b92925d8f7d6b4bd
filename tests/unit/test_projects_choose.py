"""The curators' choice of a project's leader in storage (issue 15, point 2): the people concerned are told through
the outbox in the choice's own transaction, the others who offered to lead are declined; the stage shown and the
/ideas stage filter agree."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.services.projects import NEXT, shown_stage
from bot.storage.db import Database
from bot.storage.projects import LEADER_NOTICE, Offer, Project, Role, Stage
from bot.storage.public import Filter
from bot.storage.repositories import Repos

NOW = "2026-12-01T00:00:00+00:00"
AUTHOR, ANNA, BORIS, CLARA, CURATOR = 1, 2, 3, 4, 9
PITCH = "Десять лет веду дворовые проекты в Орске и знаю, с чего начать."


@pytest.fixture
async def repos(tmp_path: Path) -> AsyncIterator[Repos]:
    db = Database(tmp_path / "choose.sqlite3")
    await db.connect()
    for user_id, name in ((AUTHOR, "Автор"), (ANNA, "Анна"), (BORIS, "Борис"), (CLARA, "Клара")):
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


async def notices(repos: Repos) -> list[tuple[int, str, str]]:
    rows = await repos.projects.db.fetchall(
        "SELECT chat_id, json_extract(args, '$.key'), json_extract(args, '$.reason') FROM outbox WHERE kind = ? "
        "ORDER BY id",
        (LEADER_NOTICE,),
    )
    return [(int(r[0]), str(r[1]), str(r[2])) for r in rows]


async def test_a_choice_tells_the_people_concerned(repos: Repos) -> None:
    assert await repos.moderation.set_status(1, "accepted", CURATOR)
    projects = repos.projects
    for person in (ANNA, BORIS, CLARA):
        assert await projects.offer(1, person, Role.LEADER, (), PITCH, None)
    assert await projects.appoint_leader(1, ANNA, CURATOR, "Опыт", tell=True) is None
    assert await notices(repos) == [
        (ANNA, "choose-told-appointed", "Опыт"),
        (BORIS, "choose-told-not-chosen", "Опыт"),
        (CLARA, "choose-told-not-chosen", "Опыт"),
    ]
    assert [p.status for p in await projects.people(1, Role.LEADER)] == [Offer.ACCEPTED, Offer.DECLINED, Offer.DECLINED]

    # Replaced by someone declined before: the one replaced is told; nobody else was waiting.
    assert await projects.appoint_leader(1, BORIS, CURATOR, "Просьба", tell=True) == ANNA
    assert (await notices(repos))[3:] == [
        (BORIS, "choose-told-appointed", "Просьба"),
        (ANNA, "choose-told-replaced", "Просьба"),
    ]
    assert await projects.drop_leader(1, CURATOR, "Нет времени", tell=True) == BORIS
    assert (await notices(repos))[5:] == [(BORIS, "choose-told-removed", "Нет времени")]
    assert await projects.drop_leader(1, CURATOR, "again", tell=True) is None  # nobody leads: nothing told
    assert len(await notices(repos)) == 6

    # Without `tell` (the leader's own leaving, /delete_me): nothing is queued.
    assert await projects.appoint_leader(1, CLARA, CURATOR, None) is None
    assert await projects.drop_leader(1, CLARA, None) == CLARA
    assert len(await notices(repos)) == 6


async def test_the_stage_shown_and_the_filter_agree(repos: Repos) -> None:
    assert await repos.moderation.set_status(1, "accepted", CURATOR)

    async def listed(stage: Stage) -> list[int]:
        ideas, _ = await repos.public.page(Filter("p", stage.value), "s", 0, 10)
        return [i.id for i in ideas]

    assert await listed(Stage.SEEKING_LEADER) == [1] and await listed(Stage.IN_WORK) == []
    assert await repos.public.count_by_stage() == {"seeking_leader": 1}
    assert await repos.projects.set_stage(1, Stage.IN_WORK, CURATOR)
    assert await listed(Stage.IN_WORK) == [1] and await listed(Stage.SEEKING_LEADER) == []
    # The card's own «Реализована»: the project is implemented, whatever its row says.
    assert await repos.moderation.set_status(1, "in_progress", CURATOR)
    assert await repos.moderation.set_status(1, "implemented", CURATOR)
    assert await listed(Stage.IMPLEMENTED) == [1]
    project = await repos.projects.get(1)
    assert project is not None and shown_stage(project, "implemented") is Stage.IMPLEMENTED
    assert shown_stage(Project(1, Stage.PAUSED, None, None, None), "in_progress") is Stage.PAUSED
    assert NEXT[Stage.IMPLEMENTED] == () and Stage.IMPLEMENTED in NEXT[Stage.IN_WORK]
