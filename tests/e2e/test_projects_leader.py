"""A project leader's tools (issue 15, point 3), end to end through the fake Bot API: /project with the team and
its applicants, accepting and declining (the applicants told), the help needed, a project update reaching the team,
a follower and a supporter once each (a second the same day refused, saying when), the curators' Stop, /bind_team
with personal invite links and the leader told who joined, and stepping down handing the project back.

The project is seeded (an accepted idea, offers, the leader appointed through the repository) so the time goes to
the leader's side.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Awaitable, Callable
from pathlib import Path

from bot.consent import CONSENT_VERSION
from bot.storage.db import Database
from bot.storage.projects import Help, Role
from bot.storage.repositories import Repos
from fake_telegram import FakeTelegram, ScriptedUser
from tests.support.in_process import InProcessBot
from tests.support.locale_text import button, en, ru, ru_pattern
from tests.support.scenarios import curator_chat
from tests.support.seeding import NOW, Resident, make_reachable, seed_residents

AUTHOR, LEADER, ANNA, BORIS, VERA, SUPPORTER, FOLLOWER, GLEB, CURATOR = (
    7001,
    7002,
    7003,
    7004,
    7005,
    7006,
    7007,
    7008,
    9,
)
IDEA = "Сделать в сквере у школы площадку для воркаута и поставить фонари вдоль дорожек."


async def seeded(fake: FakeTelegram, db_path: Path) -> tuple[int, dict[int, ScriptedUser]]:
    """An accepted idea with a supporter and a follower; LEADER leads it; ANNA (contacts shown) and BORIS (first name
    only) applied to join, GLEB too (answered after the group is bound); VERA is in the team already."""
    ids = [AUTHOR, LEADER, ANNA, BORIS, VERA, SUPPORTER, FOLLOWER, GLEB]
    await seed_residents(
        db_path,
        [Resident(i) for i in ids if i not in (ANNA, VERA)]
        + [Resident(ANNA, first_name="Анна", last_name="Петрова", username="anna_p"), Resident(VERA, language="en")],
    )
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE users SET first_name = 'Борис', last_name = 'Скрытов' WHERE id = ?", (BORIS,))
        conn.execute(
            "INSERT INTO ideas (author_id, text, direction_id, status, card_pending, created_at, updated_at) "
            "VALUES (?, ?, 3, 'accepted', 0, ?, ?)",  # decided: no card owed to the curators
            (AUTHOR, IDEA, NOW, NOW),
        )
        conn.execute("INSERT INTO supports (idea_id, user_id, created_at) VALUES (1, ?, ?)", (SUPPORTER, NOW))
        conn.execute("INSERT INTO follows (idea_id, user_id, created_at) VALUES (1, ?, ?)", (FOLLOWER, NOW))
    db = Database(db_path)
    await db.connect()
    repos = Repos(db)
    await repos.projects.offer(1, LEADER, Role.LEADER, (), "Пять лет веду дворовые проекты в Оренбурге.", None)
    await repos.projects.appoint_leader(1, LEADER, CURATOR, None)
    await repos.projects.offer(1, ANNA, Role.MEMBER, (Help.SKILLS,), "Я юрист", CONSENT_VERSION)
    await repos.projects.offer(1, BORIS, Role.MEMBER, (Help.HANDS,), None, None)
    await repos.projects.offer(1, VERA, Role.MEMBER, (Help.RESOURCES,), None, None)
    await repos.projects.offer(1, GLEB, Role.MEMBER, (), None, None)
    await repos.projects.decide(1, VERA, Role.MEMBER, True, LEADER)
    await db.close()
    fake.user(ANNA, first_name="Анна", last_name="Петрова", username="anna_p", language_code="ru")  # as in Telegram
    fake.user(BORIS, first_name="Борис", last_name="Скрытов", language_code="ru")
    return 1, make_reachable(fake, ids)


async def test_the_leader_runs_the_team_sends_an_update_binds_a_group_and_steps_down(
    fake: FakeTelegram, db_path: Path, start_bot: Callable[..., Awaitable[InProcessBot]], admin: ScriptedUser
) -> None:
    number, people = await seeded(fake, db_path)
    await start_bot()
    curators = await curator_chat(fake, admin, -100501, "Кураторы: городская среда")
    leader = people[LEADER]

    # /project: the team (first name only without contact consent), the applicants with their contacts where given.
    await leader.send_command("/project")
    screen = await leader.expect_message()
    assert screen.text.startswith(ru("pjl-title", number=str(number), stage=ru("pjl-stage-gathering_team")))
    assert ru("pjl-needs-none") in screen.text
    assert ru("pjl-team", count=1) in screen.text
    assert ru("pjl-person", name="Житель 7005", help=ru("pjl-help-resources")) in screen.text
    assert ru("pjl-applicants", count=3) in screen.text
    assert ru("pjl-person", name="Анна Петрова (@anna_p)", help=ru("pjl-help-skills")) in screen.text
    assert ru("pjl-person", name="Борис", help=ru("pjl-help-hands")) in screen.text
    assert "Скрытов" not in screen.text
    assert ru("pjl-group-none") in screen.text

    # Accept Anna, decline Boris: each is told; the screen shows the new team.
    await leader.press(screen, button("ru", "pjl-btn-accept", name="Анна Петрова (@anna_p)"))
    assert (await people[ANNA].expect_message()).text == ru("pjl-accepted-you", number=str(number))
    screen = await leader.expect_edit(screen)
    assert ru("pjl-team", count=2) in screen.text and ru("pjl-applicants", count=2) in screen.text
    await leader.press(screen, button("ru", "pjl-btn-decline", name="Борис"))
    assert (await people[BORIS].expect_message()).text == ru("pjl-declined-you", number=str(number))
    screen = await leader.expect_edit(screen)
    assert ru("pjl-applicants", count=1) in screen.text and "Борис" not in screen.text

    # The help still needed.
    await leader.press(screen, button("ru", "pjl-btn-needs"))
    assert (await leader.expect_message()).text == ru("pjl-needs-ask", number=str(number), max=300)
    await leader.send_command("/project")  # mid-step: the screen afresh, the step dropped
    screen = await leader.expect_message()
    assert screen.text.startswith(ru("pjl-title", number=str(number), stage=ru("pjl-stage-gathering_team")))
    await leader.press(screen, button("ru", "pjl-btn-needs"))
    assert (await leader.expect_message()).text == ru("pjl-needs-ask", number=str(number), max=300)
    await leader.send("нужны: юрист, дизайнер, 5 волонтёров на субботник")
    assert (await leader.expect_message()).text == ru("pjl-needs-saved")
    screen = await leader.expect_message()
    assert ru("pjl-needs", needs="юрист, дизайнер, 5 волонтёров на субботник") in screen.text  # said once

    # An update: previewed, then sent to the team (Anna, Vera), the supporter and the follower, once each.
    await leader.press(screen, button("ru", "pjl-btn-update"))
    assert (await leader.expect_message()).text == ru("pjl-update-ask", number=str(number))
    update = "В субботу в 10:00 размечаем площадку, приходите с перчатками."
    await leader.send(update)
    preview = await leader.expect_message()
    assert preview.text.startswith(ru("pjl-news", number=str(number))) and update in preview.text
    ask = await leader.expect_message()
    await leader.press(ask, button("ru", "pjl-btn-send"))
    assert (await leader.expect_edit(ask)).text == ru("pjl-update-sent", number=str(number))
    notice = await curators.expect_message()
    assert notice.text == ru("pjl-curators-update", number=str(number), count=4)
    for who in (ANNA, SUPPORTER, FOLLOWER):
        news = await people[who].expect_message()
        assert news.text == preview.text, who
    assert news.buttons[0] == [button("ru", "idea-news-btn-open")]
    english = (await people[VERA].expect_message()).text  # in her language
    assert english.startswith(en("pjl-news", number=str(number))) and update in english
    for who in (ANNA, VERA, SUPPORTER, FOLLOWER, AUTHOR, BORIS):
        await people[who].expect_no_message(within=0.1)
    # Too late to stop it now: the curator is told so.
    stop = await admin.press(notice, button("ru", "pjl-btn-stop"))
    assert stop.text == ru("pjl-stop-late")

    # A second update the same day is refused, saying when it is possible again.
    await leader.send_command("/project")
    screen = await leader.expect_message()
    await leader.press(screen, button("ru", "pjl-btn-update"))
    refusal = await leader.expect_message()
    assert re.fullmatch(ru_pattern("pjl-update-too-soon", patterns={"when": r"\d\d\.\d\d \d\d:\d\d"}), refusal.text)
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM project_updates").fetchone()[0] == 1
        actions = [r[0] for r in conn.execute("SELECT action FROM audit_log WHERE target = '#1' ORDER BY id")]
    assert {"project_member_accepted", "project_member_declined", "project_needs", "project_update"} <= set(actions)

    # /bind_team in the team's group: the accepted members get personal one-use links; the leader is told who joined.
    team_group = fake.group(-100777, title="Команда воркаута")
    fake.add_member(team_group, leader, status="creator")
    await leader.send_in(team_group, "/bind_team")
    done = await team_group.expect_message()
    assert done.text == ru("pjl-bind-done", number=str(number), count=2)
    links = {}
    for who, shown in ((ANNA, ru), (VERA, en)):
        invite = await people[who].expect_message()
        assert invite.text == shown("pjl-invite", number=str(number))
        links[who] = invite.reply_markup["inline_keyboard"][0][0]["url"]  # type: ignore[index]
    assert await people[ANNA].join_by_link(links[ANNA])
    joined = await leader.expect_message()
    assert joined.text == ru("pjl-joined", number=str(number), name="Анна Петрова (@anna_p)")
    assert not await people[BORIS].join_by_link(links[ANNA])  # personal: used up
    await leader.expect_no_message(within=0.1)

    # Accepted after the group is bound: the link comes at once.
    await leader.press(screen, button("ru", "pjl-btn-accept", name="Житель 7008"))
    assert (await people[GLEB].expect_message()).text == ru("pjl-accepted-you", number=str(number))
    assert (await people[GLEB].expect_message()).text == ru("pjl-invite", number=str(number))
    screen = await leader.expect_edit(screen)
    assert ru("pjl-group-bound") in screen.text

    # Stepping down: confirmed, the curators told, the team intact.
    await leader.press(screen, button("ru", "pjl-btn-resign"))
    ask = await leader.expect_message()
    assert ask.text == ru("pjl-resign-ask", number=str(number))
    await leader.press(ask, button("ru", "pjl-btn-resign-yes"))
    assert (await leader.expect_edit(ask)).text == ru("pjl-resigned", number=str(number))
    handback = await curators.expect_message()
    assert handback.text == ru("pjl-curators-handback", number=str(number), count=3)
    await leader.send_command("/project")
    assert (await leader.expect_message()).text == ru("pjl-none")
