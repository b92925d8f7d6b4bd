"""Issue 15 across its parts, end to end: an idea taken «в работе» from the curators' card moves its project into
work (no audit row of the project's own); the summary after a session tied to projects counts their people."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from bot.storage.projects import Help, Role, Stage
from fake_telegram import FakeTelegram, ScriptedUser
from tests.support.clock import utc_now
from tests.support.in_process import InProcessBot
from tests.support.locale_text import button, ru
from tests.support.scenarios import curator_chat, onboarded, send_idea, write_idea
from tests.support.seeding import NOW, Resident, add_registration, add_session, make_reachable, seed_residents
from tests.support.settings import ADMIN_ID

pytestmark = pytest.mark.usefixtures("pinned_clock")

URBAN_LABEL = "🌳 Развитие городской среды"
IDEA = "Поставить в сквере у Дома культуры скамейки, фонари и детскую площадку для всего района."
PITCH = "Живу рядом, договорюсь с управляющей компанией и соберу соседей на субботник."


async def test_in_progress_from_the_card_moves_the_project_and_the_summary_counts_its_people(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser, db_path: Path
) -> None:
    repos = bot.dp["repos"]
    group = await curator_chat(fake, admin, -1001000016100, "Urban")
    author = await onboarded(fake, 16101, "Автор")
    leader = await onboarded(fake, 16102, "Лена")
    member = await onboarded(fake, 16103, "Миша")
    guest = await onboarded(fake, 16104, "Гость")
    number = await send_idea(author, await write_idea(author, IDEA))
    card = await group.expect_message()
    await admin.press(card, button("ru", "card-accept"))
    card = await group.expect_edit(card)
    await author.expect_message()
    await repos.projects.offer(number, leader.user_id, Role.LEADER, (), PITCH, None)
    await repos.projects.appoint_leader(number, leader.user_id, ADMIN_ID, "Опыт")
    await repos.projects.offer(number, member.user_id, Role.MEMBER, (Help.HANDS,), None, None)
    await repos.projects.decide(number, member.user_id, Role.MEMBER, True, leader.user_id)

    # «В работе» on the card: the idea's status and the project's stage together, the author told once.
    await admin.press(card, button("ru", "card-in-progress"))
    card = await group.expect_edit(card)
    assert (await author.expect_message()).text == ru("notify-in_progress", number=number, direction=URBAN_LABEL)
    project = await repos.projects.get(number)
    assert project is not None and project.stage is Stage.IN_WORK
    await guest.send_command("/start", payload=f"idea_{number}")
    page = await guest.expect_message()
    assert ru("choose-page-stage-leader", stage=ru("choose-stage-in_work"), name="Лена") in page.text
    entries = [e for e in reversed(await repos.audit.last(50)) if e.target == f"#{number}"]
    assert [e.action for e in entries if e.action in ("idea_in_progress", "project_stage")] == ["idea_in_progress"]
    # Its leader removed, the project looks for one (the team told); the next leader finds it in work again (the idea is).
    await bot.dp["projects"].remove(number, ADMIN_ID, "Нет времени")
    assert (await leader.expect_message()).text == ru("choose-told-removed", number=number, reason="Нет времени")
    project = await repos.projects.get(number)
    assert project is not None and project.stage is Stage.SEEKING_LEADER
    assert (await member.expect_message()).text == ru("pja-team-leader-gone", number=number)  # the team is told
    await repos.projects.appoint_leader(number, leader.user_id, ADMIN_ID, "Время нашлось")
    project = await repos.projects.get(number)
    assert project is not None and project.stage is Stage.IN_WORK
    # She steps down in /project: the curators and the team are told.
    await leader.send_command("/project")
    screen = await leader.expect_message()
    await leader.press(screen, button("ru", "pjl-btn-resign"))
    ask = await leader.expect_message()
    await leader.press(ask, button("ru", "pjl-btn-resign-yes"))
    assert (await leader.expect_edit(ask)).text == ru("pjl-resigned", number=str(number))
    assert (await group.expect_message()).text == ru("pjl-curators-handback", number=str(number), count=1)
    assert (await member.expect_message()).text == ru("pja-team-leader-gone", number=number)
    await leader.expect_no_message(within=0.1)
    # A paused project taken «в работе» by /moderate's card as well (the step is taken on purpose).
    other = await send_idea(author, await write_idea(author, IDEA.replace("скамейки", "качели")))
    card2 = await group.expect_message()
    await admin.press(card2, button("ru", "card-accept"))
    card2 = await group.expect_edit(card2)
    await author.expect_message()
    assert await repos.projects.set_stage(other, Stage.PAUSED, ADMIN_ID)
    await admin.press(card2, button("ru", "card-in-progress"))
    await group.expect_edit(card2)
    await author.expect_message()
    paused = await repos.projects.get(other)
    assert paused is not None and paused.stage is Stage.IN_WORK

    # A session tied to the project ended: its summary counts the registrants in the team and who of them came.
    past = add_session(
        db_path, title="Субботник в сквере", starts_at=utc_now() - timedelta(hours=3), created_by=ADMIN_ID
    )
    for person in (leader, member, guest):
        add_registration(db_path, past, person.user_id)
    assert await repos.session_projects.attach(past, number, ADMIN_ID)
    await repos.registrations.mark_attended(past, leader.user_id, ADMIN_ID)
    await repos.registrations.mark_attended(past, guest.user_id, ADMIN_ID)
    await repos.projects.offer(other, guest.user_id, Role.MEMBER, (Help.HANDS,), None, None)  # another project's
    await repos.projects.decide(other, guest.user_id, Role.MEMBER, True, ADMIN_ID)
    admin.chat.known = True
    await bot.dp["lifecycle"].end(past, 1)
    summary = await admin.expect_message()
    assert ru("summary-registered", n=3) in summary.text
    # (Lena stepped down: no longer in the team; Misha is, and did not come.)
    assert ru("pja-summary-in-teams", n=1, came=0) in summary.text.splitlines()
    # A session without projects says nothing of teams.
    plain = add_session(db_path, title="Лекция", starts_at=utc_now() - timedelta(hours=3), created_by=ADMIN_ID)
    add_registration(db_path, plain, leader.user_id)
    await bot.dp["lifecycle"].end(plain, 1)
    summary = await admin.expect_message()
    assert ru("summary-registered", n=1) in summary.text and "проектов" not in summary.text
    assert fake.refused == []


AUTHOR, LEADER, MIA, NIK, SUPPORTER = 16201, 16202, 16203, 16204, 16205
PARK = "Сделать в сквере у школы площадку для воркаута и поставить фонари вдоль дорожек."


async def test_residents_join_and_leave_the_project_runs_to_its_end_and_the_staff_see_it(
    fake: FakeTelegram, db_path: Path, start_bot, admin: ScriptedUser
) -> None:
    ids = [AUTHOR, LEADER, MIA, NIK, SUPPORTER]
    await seed_residents(db_path, [Resident(i) for i in ids])
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "INSERT INTO ideas (author_id, text, direction_id, status, card_pending, created_at, updated_at) "
            "VALUES (?, ?, 3, 'accepted', 0, ?, ?)",
            (AUTHOR, PARK, NOW, NOW),
        )
        conn.execute("INSERT INTO supports (idea_id, user_id, created_at) VALUES (1, ?, ?)", (SUPPORTER, NOW))
    bot = await start_bot()
    people = make_reachable(fake, ids)
    repos = bot.dp["repos"]
    number = 1
    await repos.projects.offer(number, LEADER, Role.LEADER, (), PITCH, None)
    await repos.projects.appoint_leader(number, LEADER, ADMIN_ID, "Опыт")
    mia, nik, leader = people[MIA], people[NIK], people[LEADER]

    # Mia joins from the idea's page: her help, no comment, her contacts shown.
    await mia.send_command("/start", payload=f"idea_{number}")
    page = await mia.expect_message()
    await mia.press(page, button("ru", "projects-join-btn-join"))
    kinds = await mia.expect_message()
    await mia.press(kinds, button("ru", "projects-join-help-hands"))
    kinds = await mia.expect_edit(kinds)
    await mia.press(kinds, button("ru", "projects-join-btn-next"))
    await mia.expect_edit(kinds)
    note = await mia.expect_message()
    await mia.press(note, button("ru", "projects-join-btn-skip"))
    await mia.expect_edit(note)
    consent = await mia.expect_message()
    await mia.press(consent, button("ru", "projects-join-btn-contact-yes"))
    await mia.expect_edit(consent)
    assert (await mia.expect_message()).text == ru("projects-join-done-member", number=str(number))

    # The leader accepts her in /project; she is told and her page says she is in the team.
    await leader.send_command("/project")
    screen = await leader.expect_message()
    assert ru("pjl-applicants", count=1) in screen.text
    await leader.press(screen, button("ru", "pjl-btn-accept", name=f"Житель {MIA}"))
    assert (await mia.expect_message()).text == ru("pjl-accepted-you", number=str(number))
    screen = await leader.expect_edit(screen)
    assert ru("pjl-team", count=1) in screen.text
    await mia.send_command("/start", payload=f"idea_{number}")
    page = await mia.expect_message()
    assert ru("projects-join-note-member") in page.text
    # She leaves in one tap; the leader's screen shows the team without her.
    toast = await mia.press(page, button("ru", "projects-join-btn-leave"))
    assert toast.text == ru("projects-join-left-member", number=str(number))
    page = await mia.expect_edit(page)
    assert [button("ru", "projects-join-btn-join")] in page.buttons
    await leader.send_command("/project")
    screen = await leader.expect_message()
    assert f"Житель {MIA}" not in screen.text

    # Nik is accepted, then deletes his data: out of the team, the leader's screen without him.
    await repos.projects.offer(number, NIK, Role.MEMBER, (Help.SKILLS,), None, None)
    await repos.projects.decide(number, NIK, Role.MEMBER, True, LEADER)
    await nik.send_command("/delete_me")
    ask = await nik.expect_message()
    await nik.press(ask, button("ru", "delete-yes"))
    assert (await nik.expect_message()).text == ru("delete-done")
    await leader.send_command("/project")
    screen = await leader.expect_message()
    assert f"Житель {NIK}" not in screen.text
    leader.drain()

    # The curators take the idea into work: the leader's /project says so at once; then implemented: «Получилось?»
    # reaches the author, the supporter and the leader, not Mia (she left) nor Nik (gone).
    admin.chat.known = True
    await admin.send_command("/moderate", f"#{number}")
    card = await admin.expect_message()
    panel = await admin.expect_message()
    assert ru("choose-panel-head", number=number) in panel.text
    await admin.press(card, button("ru", "card-in-progress"))
    card = await admin.expect_edit(card)
    await leader.send_command("/project")
    screen = await leader.expect_message()
    assert screen.text.startswith(ru("pjl-title", number=str(number), stage=ru("pjl-stage-in_work")))
    await admin.press(card, button("ru", "card-implemented"))
    await admin.expect_edit(card)
    ask = ru("survey-result-ask", number=str(number), text=PARK)
    for who in (AUTHOR, SUPPORTER, LEADER):
        for _ in range(4):
            message = await people[who].expect_message()
            if message.text == ask:
                break
        else:
            raise AssertionError(f"no survey for {who}")
    await people[MIA].expect_no_message(within=0.2)
    # The leader's news after it reaches the supporter, not Mia who left; the curators are told.
    await leader.send_command("/project")
    screen = await leader.expect_message()
    assert screen.text.startswith(ru("pjl-title", number=str(number), stage=ru("pjl-stage-implemented")))
    assert ru("pjl-team-empty") in screen.text
    await leader.press(screen, button("ru", "pjl-btn-update"))
    await leader.expect_message()
    await leader.send("Площадка открыта, спасибо всем!")
    preview = await leader.expect_message()
    confirm = await leader.expect_message()
    await leader.press(confirm, button("ru", "pjl-btn-send"))
    assert (await leader.expect_edit(confirm)).text == ru("pjl-update-sent", number=str(number))
    assert (await people[SUPPORTER].expect_message()).text == preview.text
    await people[MIA].expect_no_message(within=0.2)
    assert (await admin.expect_message()).text == ru("pjl-curators-update", number=str(number), count=1)

    # /stats counts the project, /audit says who did what in words (Nik's data gone).
    await admin.send_command("/stats")
    stats = (await admin.expect_message()).text
    assert ru("stats-project-stage", stage=ru("stats-project-stage-implemented"), count=1) in stats
    assert ru("stats-projects-teams", total=0, average="0.0") in stats
    await admin.expect_message()  # the chart
    await admin.send_command("/audit")
    audit = (await admin.expect_message()).text
    target = ru("audit-target", target=ru("audit-target-idea", number=number))
    assert f"{ru('audit-action-project_member_accepted')} {target}" in audit
    assert f"{ru('audit-field-person')}: Житель {MIA}" in audit
    assert f"{ru('audit-field-person')}: {ru('audit-person-gone')}" in audit
    assert str(NIK) not in audit

    # The leader of the implemented project deletes their data: nobody is told it looks for a leader (it does not).
    await leader.send_command("/delete_me")
    ask = await leader.expect_message()
    await leader.press(ask, button("ru", "delete-yes"))
    assert (await leader.expect_message()).text == ru("delete-done")
    await admin.expect_no_message(within=0.3)
    project = await repos.projects.get(number)
    assert project is not None and project.leader_id is None and project.stage is Stage.IMPLEMENTED
