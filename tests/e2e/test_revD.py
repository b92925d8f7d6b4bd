"""Issue 15 across its parts, end to end: an idea taken «в работе» from the curators' card moves its project into
work (no audit row of the project's own); the summary after a session tied to projects counts their people."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bot.storage.projects import Help, Role, Stage
from tests.fake_telegram import FakeTelegram, ScriptedUser
from tests.support.clock import utc_now
from tests.support.in_process import InProcessBot
from tests.support.locale_text import button, ru
from tests.support.scenarios import curator_chat, onboarded, send_idea, write_idea
from tests.support.seeding import add_registration, add_session
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
    past = add_session(db_path, title="Субботник в сквере", starts_at=utc_now() - timedelta(hours=3), created_by=ADMIN_ID)
    for person in (leader, member, guest):
        add_registration(db_path, past, person.user_id)
    assert await repos.session_projects.attach(past, number, ADMIN_ID)
    await repos.registrations.mark_attended(past, leader.user_id, ADMIN_ID)
    await repos.registrations.mark_attended(past, guest.user_id, ADMIN_ID)
    admin.chat.known = True
    await bot.dp["lifecycle"].end(past, 1)
    summary = await admin.expect_message()
    assert ru("summary-registered", n=3) in summary.text
    assert ru("pja-summary-in-teams", n=2, came=1) in summary.text.splitlines()
    # A session without projects says nothing of teams.
    plain = add_session(db_path, title="Лекция", starts_at=utc_now() - timedelta(hours=3), created_by=ADMIN_ID)
    add_registration(db_path, plain, leader.user_id)
    await bot.dp["lifecycle"].end(plain, 1)
    summary = await admin.expect_message()
    assert ru("summary-registered", n=1) in summary.text and "проектов" not in summary.text
    assert fake.refused == []
