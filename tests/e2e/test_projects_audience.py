"""Issue 15, points 7 and 9 end to end through the fake Bot API: /broadcast and /announce to the leaders or the
teams of a direction's projects (exactly those, announcements and bans respected), a session tied to projects
(its card lists them, its management counts their people), a leader's /delete_me (the project looks for a leader
again, the curators are told) and /audit with the projects' actions in words."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.clock import to_iso
from bot.storage.projects import Help, Role, Stage
from bot.storage.repositories import Repos
from fake_telegram import FakeTelegram, ScriptedUser
from tests.support.broadcast import copies, send_formatted
from tests.support.clock import utc_now
from tests.support.in_process import InProcessBot
from tests.support.locale_text import button, ru
from tests.support.scenarios import curator_chat
from tests.support.seeding import Resident, add_registration, add_session, make_reachable, seed_residents
from tests.support.settings import ADMIN_ID

pytestmark = pytest.mark.usefixtures("pinned_clock")  # the bot's clock reads 10:00 in TIMEZONE, at any hour

URBAN, OTHER = 3, 1
URBAN_LABEL = "🌳 Развитие городской среды"  # the direction's label: data, not wording
LEADER, MEMBER, APPLICANT, QUIET, OTHER_LEADER, OTHER_MEMBER, SUBSCRIBER = 7001, 7002, 7003, 7004, 7005, 7006, 7007
PEOPLE = (LEADER, MEMBER, APPLICANT, QUIET, OTHER_LEADER, OTHER_MEMBER, SUBSCRIBER)
PARK = "Сквер у Дома культуры: скамейки, фонари и детская площадка для всего района"
RINK = "Каток во дворе школы № 5 на зиму"
NB = "\u00a0"


def add_public_idea(db_path: Path, author: int, text: str, direction_id: int) -> int:
    stamp = to_iso(utc_now())
    with sqlite3.connect(db_path, timeout=10) as conn:
        cur = conn.execute(
            "INSERT INTO ideas (author_id, text, direction_id, status, card_pending, created_at, updated_at) "
            "VALUES (?, ?, ?, 'accepted', 0, ?, ?)",
            (author, text, direction_id, stamp, stamp),
        )
        return int(cur.lastrowid or 0)


async def seed_projects(db_path: Path, repos: Repos) -> tuple[int, int]:
    """A park project (urban: a leader, a member, an applicant, a member with announcements off) and a rink
    project in another direction (its leader and member)."""
    park = add_public_idea(db_path, SUBSCRIBER, PARK, URBAN)
    rink = add_public_idea(db_path, SUBSCRIBER, RINK, OTHER)
    projects = repos.projects
    for idea, leader, members in ((park, LEADER, (MEMBER, QUIET)), (rink, OTHER_LEADER, (OTHER_MEMBER,))):
        await projects.offer(idea, leader, Role.LEADER, (), "Давно веду дворовые проекты и знаю, с чего начать.", None)
        await projects.appoint_leader(idea, leader, ADMIN_ID, "Опыт")
        for member in members:
            await projects.offer(idea, member, Role.MEMBER, (Help.HANDS,), None, None)
            await projects.decide(idea, member, Role.MEMBER, True, leader)
    await projects.offer(park, APPLICANT, Role.MEMBER, (Help.SKILLS,), "Юрист", None)  # applied, not in the team
    return park, rink


async def start(
    fake: FakeTelegram, db_path: Path, start_bot, **overrides: object
) -> tuple[InProcessBot, dict[int, ScriptedUser], tuple[int, int]]:
    residents = [Resident(i, subscriptions=(URBAN,)) for i in PEOPLE]
    residents[PEOPLE.index(QUIET)].announcements = False
    await seed_residents(db_path, residents)
    users = make_reachable(fake, PEOPLE)
    bot = await start_bot(**overrides)
    ideas = await seed_projects(db_path, bot.dp["repos"])
    return bot, users, ideas


async def test_broadcast_and_announce_reach_the_leaders_or_the_teams_and_a_session_lists_its_projects(
    fake: FakeTelegram, db_path: Path, start_bot, admin: ScriptedUser
) -> None:
    _, users, (park, rink) = await start(fake, db_path, start_bot, broadcast_rate=100, progress_interval=0.2)

    # /broadcast to the teams of the urban projects: the leader and the accepted member (not the applicant, not
    # the member who turned announcements off, not the other direction's team).
    await admin.send_command("/broadcast")
    await admin.expect_message()
    await send_formatted(admin, "Встреча команд в субботу", "субботу")
    audience = await admin.expect_message()
    assert [button("ru", "bc-aud-leaders")] in audience.buttons and [button("ru", "bc-aud-teams")] in audience.buttons
    await admin.press(audience, button("ru", "bc-aud-teams"))
    directions = await admin.expect_edit(audience)
    assert directions.text == ru("bc-ask-teams")
    assert [f"{URBAN_LABEL} · 2"] in directions.buttons
    await admin.press(directions, f"{URBAN_LABEL} · 2")
    label = ru("bc-label-teams", direction=URBAN_LABEL)
    assert (await admin.expect_edit(directions)).text == ru("bc-audience-picked", audience=label)
    assert (await admin.expect_message()).method == "copyMessage"  # the preview
    prompt = await admin.expect_message()
    assert prompt.text == ru("bc-preview", audience=label, n=2)
    await admin.press(prompt, button("ru", "bc-confirm", n=2))
    await admin.expect_edit(prompt)
    for uid in (LEADER, MEMBER):
        assert (await users[uid].expect_message(timeout=10)).text == "Встреча команд в субботу"
    for uid in (APPLICANT, QUIET, OTHER_LEADER, OTHER_MEMBER, SUBSCRIBER):
        await users[uid].expect_no_message(within=0.1)
    assert copies(fake, exclude=admin.chat_id) == {LEADER: 1, MEMBER: 1}
    while not (await admin.expect_message(timeout=10)).text.startswith("Итог рассылки"):  # progress, then report
        pass

    # A session tied to both projects: the organizer attaches them by number on «Проекты сессии».
    session = add_session(db_path, title="Двор мечты")
    for uid in (LEADER, MEMBER, SUBSCRIBER):
        add_registration(db_path, session, uid)
    mine = await admin.send_command("/help")
    await admin.expect_message()
    await admin.press_data(admin.chat_id, mine["message_id"], f"sman1:manage:{session}:0:0:0:0")
    manage = await admin.expect_message()
    assert ru("pja-manage-in-teams", n=0) not in manage.text  # no projects yet: no count
    await admin.press(manage, button("ru", "pja-btn-session-projects", n=0))
    screen = await admin.expect_edit(manage)
    assert screen.text.startswith(ru("pja-projects-title", number=session, title="Двор мечты"))
    assert ru("pja-projects-ask") in screen.text
    await admin.send("99")
    assert (await admin.expect_message()).text == ru("pja-projects-no-such", number=99)
    await admin.send(str(park))
    attached = await admin.expect_message()
    assert attached.text.startswith(ru("pja-attached", number=park))
    await admin.send(f"№ {rink}")
    attached = await admin.expect_message()
    assert attached.text.startswith(ru("pja-attached", number=rink))
    assert attached.buttons == [
        [button("ru", "pja-btn-detach", number=park)],
        [button("ru", "pja-btn-detach", number=rink)],
        [button("ru", "pja-btn-back")],
    ]
    await admin.press(attached, button("ru", "pja-btn-back"))
    manage = await admin.expect_edit(attached)
    projects_line = f"Проекты: №{NB}{park} Сквер у Дома культуры: скамейки, фонари…, №{NB}{rink} {RINK}"
    assert projects_line in manage.text.splitlines(), manage.text
    # Of the three registrants, the leader and the member are in the teams; the subscriber is not.
    assert ru("pja-manage-in-teams", n=2) in manage.text.splitlines()
    assert [button("ru", "pja-btn-session-projects", n=2)] in manage.buttons
    await admin.send("5")  # the number is no longer awaited once back on the session: nothing is tied
    await admin.expect_message()

    # /announce to the leaders of the urban projects: one leader; the card carries the projects.
    await admin.send_command(f"/announce {session}")
    audience = await admin.expect_message()
    assert audience.buttons[2:4] == [
        [button("ru", "pja-aud-leaders", direction=URBAN_LABEL, n=1)],
        [button("ru", "pja-aud-teams", direction=URBAN_LABEL, n=2)],
    ]
    await admin.press(audience, button("ru", "pja-aud-leaders", direction=URBAN_LABEL, n=1))
    label = ru("bc-label-leaders", direction=URBAN_LABEL)
    assert (await admin.expect_edit(audience)).text == ru("sadm-announce-picked", number=session, audience=label)
    preview = await admin.expect_message()
    assert projects_line in preview.text.splitlines()
    prompt = await admin.expect_message()
    assert prompt.text == ru("sadm-announce-preview", audience=label, n=1)
    await admin.press(prompt, button("ru", "sadm-btn-announce-send", n=1))
    await admin.expect_edit(prompt)
    card = await users[LEADER].expect_message(timeout=10)
    assert card.text.startswith("Двор мечты") and projects_line in card.text.splitlines()
    for uid in (MEMBER, OTHER_LEADER, SUBSCRIBER):
        await users[uid].expect_no_message(within=0.1)
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT session_id, idea_id FROM session_projects ORDER BY idea_id").fetchall() == [
            (session, park),
            (session, rink),
        ]
    await admin.send_command("/audit")
    audit = ""
    while not audit.startswith("📜"):  # the announcement's progress and report come first
        audit = (await admin.expect_message(timeout=10)).text
    target = ru("audit-target", target=ru("audit-target-session", number=session))
    tied = f"{ru('audit-action-session_project_attach')} {target}"
    assert f"{tied} ({ru('audit-field-project')}: №{NB}{park})" in audit
    assert f"{ru('audit-field-audience')}: {ru('bc-label-leaders', direction=URBAN_LABEL)}" in audit


async def test_a_leaders_delete_me_hands_the_project_back_and_the_audit_says_it_in_words(
    fake: FakeTelegram, db_path: Path, start_bot, admin: ScriptedUser
) -> None:
    bot, users, (park, _) = await start(fake, db_path, start_bot)
    curators = await curator_chat(fake, admin, -1001000000915, "Кураторы: город")
    await bot.dp["repos"].projects.set_needs(park, "юрист, 5 волонтёров", LEADER)
    await bot.dp["repos"].projects.set_stage(park, Stage.IN_WORK, LEADER)

    leader = users[LEADER]
    await leader.send_command("/delete_me")
    ask = await leader.expect_message()
    await leader.press(ask, button("ru", "delete-yes"))
    assert (await leader.expect_message()).text == ru("delete-done")
    told = await curators.expect_message()
    assert told.text == ru("pja-leader-gone", number=park, title="Сквер у Дома культуры: скамейки, фонари и детская площадка…")
    # The team is told too (the member with announcements off as well: it is their project), the applicant not.
    for uid in (MEMBER, QUIET):
        assert (await users[uid].expect_message()).text == ru("pja-team-leader-gone", number=park)
    await users[APPLICANT].expect_no_message(within=0.1)
    project = await bot.dp["repos"].projects.get(park)
    assert project is not None and project.leader_id is None and project.stage == "seeking_leader"
    assert [p.user_id for p in await bot.dp["repos"].projects.team(park)] == [MEMBER, QUIET]  # the team intact

    await admin.send_command("/audit")
    audit = (await admin.expect_message()).text
    target = ru("audit-target", target=ru("audit-target-idea", number=park))
    assert f"{ru('audit-action-project_leader_gone')} {target}" in audit
    assert f"{ru('audit-action-project_needs')} {target}" in audit
    assert f"{ru('audit-field-needs')}: юрист, 5 волонтёров" in audit
    assert f"{ru('audit-field-stage')}: {ru('audit-stage-in_work')}" in audit
    # The leader's first name while they were there; "data deleted" once they are gone; never a raw key.
    assert f"{ru('audit-action-project_member_accepted')} {target}" in audit
    assert f"{ru('audit-field-person')}: Житель {MEMBER}" in audit
    assert f"{ru('audit-field-leader')}: {ru('audit-person-gone')}" in audit
    assert "project_" not in audit and "seeking_leader" not in audit
