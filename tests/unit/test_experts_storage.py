"""Experts, similar experience and calls for help in storage (issue 15, points 4 and 5)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.storage.db import Database
from bot.storage.projects import Role
from bot.storage.repositories import Repos

NOW = "2026-12-01T00:00:00+00:00"
AUTHOR, NEAR, MUTED, FAR, OFFERED, CURATOR = 1, 2, 3, 4, 5, 9


@pytest.fixture
async def repos(tmp_path: Path) -> AsyncIterator[Repos]:
    db = Database(tmp_path / "experts.sqlite3")
    await db.connect()
    people = [(AUTHOR, "orenburg", 1), (NEAR, "orenburg", 1), (MUTED, "orenburg", 0), (FAR, "orsk", 1)]
    for user_id, territory, announcements in [*people, (OFFERED, "orenburg", 1)]:
        await db.execute(
            "INSERT INTO users (id, first_name, consent_status, territory_code, announcements, created_at, updated_at) "
            "VALUES (?, 'Житель', 'accepted', ?, ?, ?, ?)",
            (user_id, territory, announcements, NOW, NOW),
        )
        await db.execute(
            "INSERT INTO subscriptions (user_id, direction_id, created_at) VALUES (?, 3, ?)", (user_id, NOW)
        )
    await db.execute(
        "INSERT INTO ideas (author_id, text, direction_id, territory_code, status, created_at, updated_at) "
        "VALUES (?, 'a park', 3, 'orenburg', 'accepted', ?, ?)",
        (AUTHOR, NOW, NOW),
    )
    yield Repos(db)
    await db.close()


async def test_a_call_goes_to_the_subscribed_residents_of_the_territory_once_per_needs(repos: Repos) -> None:
    assert await repos.projects.offer(1, OFFERED, Role.MEMBER, (), None, None)  # on the project already
    assert await repos.broadcasts.count_call(1) == 1  # NEAR: not the author, the muted, the far, the offered
    call, made = await repos.calls.request(1, "юрист", CURATOR)
    assert made
    again, made_again = await repos.calls.request(1, "юрист", CURATOR)
    assert not made_again and again.id == call.id and again.status == "pending"
    assert await repos.calls.decide(call.id, True, CURATOR)
    assert not await repos.calls.decide(call.id, False, CURATOR)  # decided already
    broadcast, created = await repos.broadcasts.create_call(call.id, 1, CURATOR)
    assert created and broadcast.total == 1 and broadcast.kind == "call" and broadcast.is_system
    assert not (await repos.broadcasts.create_call(call.id, 1, CURATOR))[1]
    deliveries = await repos.broadcasts.next_deliveries(broadcast, 0, 10)
    assert [d.user_id for d in deliveries] == [NEAR]
    # The same needs are not called for twice; new needs are.
    assert not (await repos.calls.request(1, "юрист", CURATOR))[1]
    assert (await repos.calls.request(1, "юрист и дизайнер", CURATOR))[1]


async def test_experts_consent_attachment_and_removal(repos: Repos) -> None:
    shown = await repos.experts.add("Мария", "юрист", None, "+7 900", True, None, CURATOR)
    hidden = await repos.experts.add("Иван", "дизайнер", "Оренбург", "@ivan", False, 77, CURATOR)
    assert await repos.experts.attach(1, shown, CURATOR) and await repos.experts.attach(1, hidden, CURATOR)
    assert not await repos.experts.attach(1, shown, CURATOR)
    assert [e.name for e in await repos.experts.of_project(1)] == ["Мария"]
    assert [e.name for e in await repos.experts.of_project(1, consented_only=False)] == ["Мария", "Иван"]
    experts, total = await repos.experts.page(0, 10)
    assert total == 2 and [e.name for e in experts] == ["Иван", "Мария"]
    assert await repos.experts.remove(shown, CURATOR) and not await repos.experts.remove(shown, CURATOR)
    assert await repos.experts.of_project(1) == [] and (await repos.experts.page(0, 10))[1] == 1
    item = await repos.experience.add(1, "Двор", "Татарстан", None, "соседи решали сами", CURATOR)
    assert [e.title for e in await repos.experience.of_project(1)] == ["Двор"]
    assert await repos.experience.remove(item, CURATOR) == 1 and await repos.experience.remove(item, CURATOR) is None
    actions = {e.action for e in await repos.audit.last(20)}
    assert {"expert_added", "project_expert", "expert_removed", "project_experience"} <= actions
