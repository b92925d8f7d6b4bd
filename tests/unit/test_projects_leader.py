"""A project leader's tools (issue 15, point 3) without Telegram: who gets a project update, one a day, once per
draft, the curators' Stop; and the fake server's invite links (createChatInviteLink, joining by a link)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import TelegramBadRequest

from bot.services.project_updates import Posted, ProjectUpdates, TooSoon
from bot.storage.db import Database
from bot.storage.projects import Role
from bot.storage.repositories import Repos
from fake_telegram import FakeTelegram
from tests.support.settings import bot_settings

NOW = "2026-12-01T00:00:00+00:00"
AUTHOR, LEADER, MEMBER, SUPPORTER, FOLLOWER, UNFOLLOWED, MUTED, CURATOR = 1, 2, 3, 4, 5, 6, 7, 9


class Engine:
    """The broadcast worker as the service sees it: woken, told of a cancel."""

    def __init__(self) -> None:
        self.woken = 0
        self.cancelled: list[int] = []

    def wake(self) -> None:
        self.woken += 1

    def cancel(self, broadcast_id: int) -> None:
        self.cancelled.append(broadcast_id)


@pytest.fixture
async def repos(tmp_path: Path) -> AsyncIterator[Repos]:
    db = Database(tmp_path / "leader.sqlite3")
    await db.connect()
    for user_id in (AUTHOR, LEADER, MEMBER, SUPPORTER, FOLLOWER, UNFOLLOWED, MUTED):
        await db.execute(
            "INSERT INTO users (id, first_name, consent_status, notify_followed, created_at, updated_at) "
            "VALUES (?, 'x', 'accepted', ?, ?, ?)",
            (user_id, int(user_id != MUTED), NOW, NOW),
        )
    await db.execute(
        "INSERT INTO ideas (author_id, text, direction_id, status, created_at, updated_at) "
        "VALUES (?, 'a park', 3, 'accepted', ?, ?)",
        (AUTHOR, NOW, NOW),
    )
    for user_id in (SUPPORTER, UNFOLLOWED, MUTED, LEADER):
        await db.execute("INSERT INTO supports (idea_id, user_id, created_at) VALUES (1, ?, ?)", (user_id, NOW))
    await db.execute("INSERT INTO follows (idea_id, user_id, created_at) VALUES (1, ?, ?)", (FOLLOWER, NOW))
    await db.execute(
        "INSERT INTO follows (idea_id, user_id, following, created_at) VALUES (1, ?, 0, ?)", (UNFOLLOWED, NOW)
    )
    yield Repos(db)
    await db.close()


async def test_an_update_reaches_team_supporters_and_followers_once_a_day(repos: Repos, tmp_path: Path) -> None:
    await repos.projects.appoint_leader(1, LEADER, CURATOR, None)
    await repos.projects.offer(1, MEMBER, Role.MEMBER, (), None, None)
    await repos.projects.decide(1, MEMBER, Role.MEMBER, True, LEADER)
    engine = Engine()
    settings = bot_settings("http://127.0.0.1:1", tmp_path / "x.sqlite3")
    updates = ProjectUpdates(repos, engine, settings)  # type: ignore[arg-type]

    assert await updates.next_at(1) is None
    posted = await updates.post(1, LEADER, "Субботник в субботу", "draft1")
    assert isinstance(posted, Posted) and posted.update is not None and engine.woken == 1
    deliveries = await repos.broadcasts.next_deliveries(posted.broadcast, 0, 100)
    # Not the leader (its author), not the idea's author, not who stopped following, not who turned news off.
    assert sorted(d.user_id for d in deliveries if d.eligible) == [MEMBER, SUPPORTER, FOLLOWER]
    assert posted.broadcast.kind == "project" and posted.broadcast.total == 3

    again = await updates.post(1, LEADER, "Субботник в субботу", "draft1")  # the same draft: the same broadcast
    assert isinstance(again, Posted) and again.update is None and again.broadcast.id == posted.broadcast.id
    refused = await updates.post(1, LEADER, "Ещё одна новость", "draft2")
    assert isinstance(refused, TooSoon) and refused.next_at == await updates.next_at(1)
    rows = await repos.db.fetchall("SELECT action FROM audit_log WHERE action LIKE 'project_update%'")
    assert [r[0] for r in rows] == ["project_update"]

    # Curators stop it while it is going out; once finished there is nothing to stop.
    stopped = await updates.stop(posted.update.id, CURATOR)
    assert stopped is not None and engine.cancelled == [posted.broadcast.id]
    await repos.broadcasts.finish(posted.broadcast.id, "cancelled")
    assert await updates.stop(posted.update.id, CURATOR) is None
    rows = await repos.db.fetchall("SELECT actor_id FROM audit_log WHERE action = 'project_update_stop'")
    assert [r[0] for r in rows] == [CURATOR]


async def test_the_team_chat_is_bound_to_one_project(repos: Repos) -> None:
    await repos.project_team.bind_chat(1, -100, LEADER)
    assert await repos.project_team.by_chat(-100) == 1
    project = await repos.projects.get(1)
    assert project is not None and project.team_chat_id == -100


async def test_fake_invite_links_as_telegram_makes_them(fake: FakeTelegram) -> None:
    bot = Bot(fake.token, session=AiohttpSession(api=TelegramAPIServer.from_base(fake.base_url)))
    try:
        member = fake.group(-200, title="Plain", bot_status="member")
        with pytest.raises(TelegramBadRequest, match="not enough rights"):
            await bot.create_chat_invite_link(member.chat_id, member_limit=1)
        group = fake.group(-201, title="Team")
        with pytest.raises(TelegramBadRequest, match="join requests"):
            await bot.create_chat_invite_link(group.chat_id, member_limit=1, creates_join_request=True)
        link = await bot.create_chat_invite_link(group.chat_id, member_limit=1, creates_join_request=False)
        assert link.member_limit == 1 and not link.creates_join_request and link.creator.id == 123456
        anna, boris = fake.user(1, first_name="Анна"), fake.user(2, first_name="Борис")
        assert await anna.join_by_link(link.invite_link)
        assert group.chat.members[1] == "member"
        assert not await boris.join_by_link(link.invite_link)  # used up
        assert 2 not in group.chat.members
    finally:
        await bot.session.close()
