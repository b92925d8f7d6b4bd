"""Acceptance of issue 15, points 4–8, from the issue text: what residents, a leader, curators and organizers see.

The project itself (an accepted idea with a leader and what help it needs) is written into the database first:
points 1–3 (how it gets there) are checked in tests/e2e/test_acceptance_issue15.py."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from fake_telegram import FakeTelegram, ScriptedUser
from tests.support.in_process import InProcessBot
from tests.support.locale_text import button, ru
from tests.support.scenarios import curator_chat
from tests.support.seeding import NOW, URBAN, Resident, make_reachable, seed_residents

AUTHOR, LEADER, NEAR, FAR, UNSUBSCRIBED, EXPERT = 300, 301, 302, 303, 304, 305
IDEA_TEXT = "Благоустроить сквер у школы: лавочки, освещение и новые деревья"
NEEDS = "юрист, дизайнер, 5 волонтёров на субботник"


async def seed_project(db_path: Path) -> None:
    await seed_residents(
        db_path,
        [
            Resident(AUTHOR, first_name="Анна"),
            Resident(LEADER, first_name="Лев", username="lev_leader"),
            Resident(NEAR, subscriptions=(URBAN,), first_name="Нина"),
            Resident(FAR, territory="orsk", subscriptions=(URBAN,), first_name="Фёдор"),
            Resident(UNSUBSCRIBED, first_name="Ульяна"),
            Resident(EXPERT, first_name="Expert", language="en"),
        ],
    )
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "INSERT INTO ideas (id, author_id, text, territory_code, direction_id, status, decided_by, decided_at, "
            "card_pending, created_at, updated_at) VALUES (1, ?, ?, 'orenburg', ?, 'accepted', 9001, ?, 0, ?, ?)",
            (AUTHOR, IDEA_TEXT, URBAN, NOW, NOW, NOW),
        )
        conn.execute(
            "INSERT INTO projects (idea_id, stage, leader_id, needs, created_at, updated_at) "
            "VALUES (1, 'gathering_team', ?, ?, ?, ?)",
            (LEADER, NEEDS, NOW, NOW),
        )
        conn.execute(
            "INSERT INTO project_people (idea_id, user_id, role, status, contact_ok, created_at) "
            "VALUES (1, ?, 'leader', 'accepted', NULL, ?)",
            (LEADER, NOW),
        )


def has_button(message: object, label: str) -> bool:
    return any(label == b for row in message.buttons for b in row)  # type: ignore[attr-defined]


async def test_point4_a_call_for_help_reaches_subscribed_residents_of_the_territory_after_curators_approve(
    fake: FakeTelegram,
    db_path: Path,
    start_bot,
    admin: ScriptedUser,  # type: ignore[no-untyped-def]
) -> None:
    await seed_project(db_path)
    people = make_reachable(fake, [AUTHOR, LEADER, NEAR, FAR, UNSUBSCRIBED, EXPERT])
    bot: InProcessBot = await start_bot()
    curators = await curator_chat(fake, admin, -100500, "Кураторы среды")
    leader = people[LEADER]

    # The leader's /project shows what help is needed and offers to call for it.
    await leader.send_command("/project")
    screen = await leader.expect_message()
    assert NEEDS in screen.text
    assert has_button(screen, button("ru", "call-btn-ask")), screen.buttons
    await leader.press(screen, button("ru", "call-btn-ask"))
    preview = await leader.expect_message()
    assert preview.text == ru("call-preview", number="1", needs=NEEDS, count=1), preview.text
    await leader.press(preview, button("ru", "call-btn-send"))
    asked = await leader.expect_edit(preview)
    assert ru("call-asked", number="1") in asked.text

    # The curators decide in their chat.
    card = await curators.expect_message()
    assert card.text == ru("call-card", number="1", needs=NEEDS, count=1, who="Житель 301"), card.text
    await admin.press(card, button("ru", "call-btn-approve"))
    decided = await curators.expect_edit(card)
    assert ru("call-approved-card", who="Ольга", count=1) in decided.text and decided.buttons == []
    told = await leader.expect_message()
    assert told.text == ru("call-approved", number="1", count=1)

    # Only the resident of the project's territory subscribed to its direction gets it, with «Хочу участвовать».
    call = await people[NEAR].expect_message()
    assert ru("call-message", number="1", text=IDEA_TEXT, needs=NEEDS).splitlines()[0] in call.text
    assert NEEDS in call.text and IDEA_TEXT in call.text
    assert has_button(call, "🙋 Хочу участвовать"), call.buttons
    for other in (FAR, UNSUBSCRIBED, AUTHOR):
        await people[other].expect_no_message(within=0.2)
    await people[NEAR].press(call, "🙋 Хочу участвовать")
    follow = await people[NEAR].expect_message()
    assert follow.text, follow.summary()  # the project page or the question how they can help
    del bot


async def test_point5_experts_and_similar_experience(
    fake: FakeTelegram,
    db_path: Path,
    start_bot,
    admin: ScriptedUser,  # type: ignore[no-untyped-def]
) -> None:
    await seed_project(db_path)
    people = make_reachable(fake, [AUTHOR, LEADER, NEAR, EXPERT])
    await start_bot()
    leader, expert = people[LEADER], people[EXPERT]

    # An organizer keeps the list: name, field, region or «федеральный», contact, consent, their Telegram.
    await admin.send_command("/experts")
    empty = await admin.expect_message()
    assert empty.text == ru("experts-empty")
    await admin.press(empty, button("ru", "experts-btn-add"))
    ask = await admin.expect_message()
    assert ru("experts-ask-name", max=100).split("(")[0] in ask.text
    await admin.send("Ирина Юристова")
    await admin.expect_message()  # field?
    await admin.send("юрист по земельным вопросам")
    region = await admin.expect_message()
    await admin.press(region, button("ru", "experts-btn-federal"))
    await admin.expect_message()  # contact?
    await admin.send("+7 900 000-00-00")
    consent = await admin.expect_message()
    assert consent.text == ru("experts-ask-consent")
    await admin.press(consent, button("ru", "experts-btn-consent-yes"))
    tg = await admin.expect_message()
    assert tg.text == ru("experts-ask-telegram")
    await admin.send(str(EXPERT))
    added = await admin.expect_message()
    assert ru("experts-added") in added.text
    line = ru("experts-line", name="Ирина Юристова", field="юрист по земельным вопросам", region="федеральный")
    if line not in added.text:  # the card comes next
        added = await admin.expect_message()
    assert line in added.text, added.text

    # …attaches the expert to the project: the leader is told, the expert gets the project page.
    await admin.press(added, button("ru", "experts-btn-attach"))
    await admin.expect_message()  # which project?
    await admin.send("1")
    attached = await admin.expect_message()
    assert ru("experts-attached", number="1") in attached.text, attached.text
    told = await leader.expect_message()
    assert told.text.startswith(ru("experts-leader-told", number="1"))
    invited = await expert.expect_message()
    assert "#1" in invited.text, invited.text  # in English: they speak English
    page = invited if IDEA_TEXT in invited.text else await expert.expect_message()
    assert IDEA_TEXT in page.text

    # The leader sees the expert on the project page.
    await leader.send_command("/start", payload="idea_1")
    leader_page = await leader.expect_message()
    assert "Ирина Юристова" in leader_page.text and "+7 900 000-00-00" in leader_page.text, leader_page.text

    # A curator attaches similar experience; it is on the page everyone sees.
    await admin.send_command("/start", payload="idea_1")
    admin_page = await admin.expect_message()
    await admin.press(admin_page, button("ru", "experience-btn-open"))
    listed = await admin.expect_message()
    assert listed.text == ru("experience-empty", number="1")
    await admin.press(listed, button("ru", "experience-btn-add"))
    await admin.expect_message()
    await admin.send("Двор за сто дней\nСамарская область\nhttps://example.org/dvor\nсобрать жителей до проекта")
    done = await admin.expect_message()
    assert ru("experience-added", number="1") in done.text
    await people[NEAR].send_command("/start", payload="idea_1")
    resident_page = await people[NEAR].expect_message()
    assert ru("experience-head") in resident_page.text
    assert "Двор за сто дней (Самарская область): собрать жителей до проекта" in resident_page.text
    assert "Ирина Юристова" not in resident_page.text  # experts: the leader and curators only


async def test_point6_and_8_implemented_survey_once_to_author_team_followers_supporters_then_stats(
    fake: FakeTelegram,
    db_path: Path,
    start_bot,
    admin: ScriptedUser,  # type: ignore[no-untyped-def]
) -> None:
    await seed_project(db_path)
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE projects SET stage = 'in_work' WHERE idea_id = 1")
        conn.execute(
            "INSERT INTO project_people (idea_id, user_id, role, status, help, contact_ok, created_at) "
            "VALUES (1, ?, 'member', 'accepted', '[\"hands\"]', NULL, ?)",
            (NEAR, NOW),
        )
        conn.execute("INSERT INTO supports (idea_id, user_id, created_at) VALUES (1, ?, ?)", (FAR, NOW))
        conn.execute(
            "INSERT INTO follows (idea_id, user_id, following, created_at) VALUES (1, ?, 1, ?)", (UNSUBSCRIBED, NOW)
        )
    people = make_reachable(fake, [AUTHOR, LEADER, NEAR, FAR, UNSUBSCRIBED, EXPERT])
    await start_bot()
    curators = await curator_chat(fake, admin, -100501, "Кураторы среды")
    leader = people[LEADER]

    # The leader marks the project implemented, once, after a confirmation.
    await leader.send_command("/project")
    screen = await leader.expect_message()
    await leader.press(screen, button("ru", "revc-btn-stage-implemented"))
    confirm = await leader.expect_edit(screen)
    assert ru("revc-implemented-ask", number="1") in confirm.text, confirm.text
    await leader.press(confirm, button("ru", "revc-btn-implemented-yes"))
    await leader.expect_edit(confirm)

    # Author, team member, supporter and follower: «Получилось?» once each, with да / частично / нет.
    asked = ru("survey-result-ask", number="1", text=IDEA_TEXT)
    surveys = {}
    for who in (AUTHOR, NEAR, FAR, UNSUBSCRIBED):
        got = await people[who].expect_message()
        while asked.splitlines()[0] not in got.text:  # e.g. a notice that the idea is implemented comes too
            got = await people[who].expect_message()
        assert got.buttons == [["Да", "Частично", "Нет"]] or [b for r in got.buttons for b in r] == [
            "Да",
            "Частично",
            "Нет",
        ], got.buttons
        surveys[who] = got
    await people[EXPERT].expect_no_message(within=0.2)

    # A one-tap answer, an optional comment; the curators get the comment, the page and /stats the counts.
    await people[NEAR].press(surveys[NEAR], "Частично")
    answered = await people[NEAR].expect_edit(surveys[NEAR])
    assert "частично" in answered.text.lower(), answered.text
    await people[NEAR].send("Лавочки поставили, а деревья ещё нет")
    thanks = await people[NEAR].expect_message()
    assert thanks.text == ru("survey-comment-thanks")
    comment = await curators.expect_message()
    assert "Лавочки поставили, а деревья ещё нет" in comment.text, comment.text
    await people[AUTHOR].press(surveys[AUTHOR], "Да")
    once = await people[AUTHOR].expect_edit(surveys[AUTHOR])
    assert once.buttons == [[button("ru", "survey-btn-skip")]]  # once: the answer buttons are gone
    await people[AUTHOR].press(once, button("ru", "survey-btn-skip"))
    await people[AUTHOR].expect_edit(once)
    await people[AUTHOR].send_command("/start", payload="idea_1")
    page = await people[AUTHOR].expect_message()
    while IDEA_TEXT not in page.text:
        page = await people[AUTHOR].expect_message()
    assert ru("survey-result-counts", yes=1, partly=1, no=0) in page.text, page.text

    await admin.send_command("/stats")
    stats = await admin.expect_message()
    assert ru("stats-projects", leaders=1).splitlines()[0] in stats.text, stats.text
    assert ru("stats-project-stage", stage=ru("stats-project-stage-implemented"), count=1) in stats.text
    assert "да — 1, частично — 1, нет — 0" in stats.text, stats.text
