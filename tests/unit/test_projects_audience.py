"""Issue 15, points 7 and 9 without Telegram: the projects' audiences count exactly their people, a session's
projects count their registrants, and /audit names a project's residents by first name only (no last name, no
@username: their contact consent is for the leader and curators' project screens, not the log)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.services.roles import render_audit
from bot.storage.broadcasts import Audience
from bot.storage.db import Database
from bot.storage.projects import Help, Role
from bot.storage.repositories import Repos
from bot.telegram.i18n import Translator

NOW = "2026-12-01T00:00:00+00:00"
AUTHOR, ANNA, BORIS, VERA, CURATOR = 1, 2, 3, 4, 9
URBAN, OTHER = 3, 1


@pytest.fixture
async def repos(tmp_path: Path) -> AsyncIterator[Repos]:
    db = Database(tmp_path / "audience.sqlite3")
    await db.connect()
    people = ((AUTHOR, "Автор", None, None), (ANNA, "Анна", "Смирнова", "anna_s"), (BORIS, "Борис", "Петров", "bp"))
    for user_id, first, last, username in (*people, (VERA, "Вера", None, None)):
        await db.execute(
            "INSERT INTO users (id, first_name, last_name, username, consent_status, announcements, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, 'accepted', 1, ?, ?)",
            (user_id, first, last, username, NOW, NOW),
        )
    for direction in (URBAN, OTHER):
        await db.execute(
            "INSERT INTO ideas (author_id, text, direction_id, status, created_at, updated_at) "
            "VALUES (?, 'a park', ?, 'accepted', ?, ?)",
            (AUTHOR, direction, NOW, NOW),
        )
    yield Repos(db)
    await db.close()


async def test_leaders_and_teams_of_a_direction(repos: Repos) -> None:
    projects = repos.projects
    await projects.appoint_leader(1, ANNA, CURATOR, None)
    await projects.offer(1, BORIS, Role.MEMBER, (Help.HANDS,), None, None)
    await projects.offer(2, VERA, Role.MEMBER, (Help.HANDS,), None, None)
    count = repos.broadcasts.count_audience
    assert (await count(Audience("leaders", str(URBAN))), await count(Audience("teams", str(URBAN)))) == (1, 1)
    await projects.decide(1, BORIS, Role.MEMBER, True, ANNA)
    await projects.decide(2, VERA, Role.MEMBER, True, CURATOR)  # another direction's team
    assert (await count(Audience("leaders", str(URBAN))), await count(Audience("teams", str(URBAN)))) == (1, 2)
    assert await count(Audience("teams", str(OTHER))) == 1 and await count(Audience("leaders", str(OTHER))) == 0
    await repos.db.execute("UPDATE users SET banned_at = ? WHERE id = ?", (NOW, BORIS))
    assert await count(Audience("teams", str(URBAN))) == 1  # bans respected like everywhere
    await projects.drop_leader(1, CURATOR, "ушла")
    assert await count(Audience("leaders", str(URBAN))) == 0 and await count(Audience("teams", str(URBAN))) == 0


async def test_the_audit_names_a_projects_people_by_first_name_only(repos: Repos) -> None:
    await repos.projects.offer(1, BORIS, Role.MEMBER, (Help.SKILLS,), "юрист", None)  # no contact consent
    await repos.projects.appoint_leader(1, ANNA, CURATOR, "опыт")
    await repos.projects.decide(1, BORIS, Role.MEMBER, True, ANNA)
    text = await render_audit(await repos.audit.last(20), repos, Translator(), "ru", ZoneInfo("Asia/Yekaterinburg"))
    assert "житель: Борис" in text and "лидер: Анна" in text and "назначен лидер проекта" in text
    for hidden in ("Петров", "bp", "Смирнова", "anna_s", "project_"):
        assert hidden not in text
