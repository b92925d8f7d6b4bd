"""Acceptance of issue 15 (leaders and teams), point by point, as residents, a leader and curators see it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from fake_telegram import FakeTelegram, ScriptedUser
from tests.support.in_process import InProcessBot
from tests.support.locale_text import button, en, ru
from tests.support.scenarios import curator_chat, send_idea, write_idea
from tests.support.seeding import URBAN, Resident, make_reachable, seed_residents

PITCH = "Пять лет веду велосипедный клуб, знаю, как договориться с городом о разметке."
NEWS = "Разметка согласована, в субботу красим велодорожку. Нужны волонтёры."
IDEA = "Сделать велодорожку вдоль набережной Урала и поставить велопарковки у входа в Зауральную рощу."
AUTHOR, LEAD1, LEAD2, J1, J2, J3, EN1 = 5101, 5102, 5103, 5104, 5105, 5106, 5107


async def test_points_1_to_3_join_lead_choose_and_team(
    fake: FakeTelegram, db_path: Path, start_bot: Callable[..., Awaitable[InProcessBot]], admin: ScriptedUser
) -> None:
    people = [
        Resident(AUTHOR, first_name="Анна", username="anna_a", subscriptions=(URBAN,)),
        Resident(LEAD1, first_name="Борис", username="boris_b", subscriptions=(URBAN,)),
        Resident(LEAD2, first_name="Вера", username="vera_v"),
        Resident(J1, first_name="Глеб", username="gleb_g"),
        Resident(J2, first_name="Дина", username="dina_d"),
        Resident(J3, first_name="Егор", username="egor_e"),
        Resident(EN1, first_name="Jane", username="jane_j", language="en"),
    ]
    await seed_residents(db_path, people)
    users = make_reachable(fake, [p.id for p in people])
    for p in people:
        users[p.id].first_name = p.first_name  # type: ignore[misc]
    await start_bot()
    group = await curator_chat(fake, admin, -1001000000501, "Урбанисты")
    author, lead1, jane = users[AUTHOR], users[LEAD1], users[EN1]
    number = await send_idea(author, await write_idea(author, IDEA, direction="Развитие городской среды"))
    card = await group.expect_message()
    await admin.press(card, button("ru", "card-accept"))
    card = await group.expect_edit(card)
    assert button("ru", "choose-btn-open") in [b for row in card.buttons for b in row]

    # 1. The author is offered to lead first: in the acceptance notice and on the idea's page.
    told = await author.expect_message()
    assert "Возглавить проект" in told.text
    await author.send_command("/start", payload=f"idea_{number}")
    page = await author.expect_message()
    assert "Проект: " + ru("choose-stage-seeking_leader") in page.text
    assert ru("projects-join-note-author") in page.text
    assert page.buttons[0] == [button("ru", "projects-join-btn-lead")]

    # 1. A resident offers to lead: a pitch of 30–1000 characters, then the contact consent, asked explicitly.
    await lead1.send_command("/start", payload=f"idea_{number}")
    page = await lead1.expect_message()
    await lead1.press(page, button("ru", "projects-join-btn-lead"))
    assert (await lead1.expect_message()).text == ru("projects-join-pitch-ask", number=number, min=30, max=1000)
    await lead1.send("Коротко")
    assert (await lead1.expect_message()).text == ru("projects-join-pitch-short", count=7, min=30)
    await lead1.send(PITCH)
    consent = await lead1.expect_message()
    assert consent.text == ru("projects-join-contact-ask")
    await lead1.press(consent, button("ru", "projects-join-btn-contact-yes"))
    done = await lead1.expect_message()
    assert done.text.startswith(ru("projects-join-done-leader", number=number)[:40])

    # 1. In English, a resident offers help: how (a list), a note (skippable), the consent refused: first name only.
    await jane.send_command("/start", payload=f"idea_{number}")
    page = await jane.expect_message()
    assert "Project: looking for a leader" in page.text
    await jane.press(page, button("en", "projects-join-btn-join"))
    ask = await jane.expect_message()
    assert ask.buttons[-1] == [button("en", "projects-join-btn-next")] and len(ask.buttons) == 5
    await jane.press(ask, ask.buttons[0][0])
    assert (await jane.expect_edit(ask)).buttons[0][0].startswith("✅")
    await jane.press(ask, button("en", "projects-join-btn-next"))
    note = await jane.expect_message()
    assert note.text == en("projects-join-note-ask", max=300)
    await jane.press(note, button("en", "projects-join-btn-skip"))
    consent = await jane.expect_message()
    assert consent.text == en("projects-join-contact-ask")
    await jane.press(consent, button("en", "projects-join-btn-contact-no"))
    assert (await jane.expect_message()).text.startswith("🙋")

    # 2. The curators' panel: applicants (count, pitches); appointing asks a reason the leader is told.
    await admin.press(card, button("ru", "choose-btn-open"))
    panel = await group.expect_message()
    assert ru("choose-panel-counts", applied=1, accepted=0, leaders=1) in panel.text
    assert f"Борис: «{PITCH}»" in panel.text
    await admin.press(panel, button("ru", "choose-btn-appoint", name="Борис"))
    ask = await group.expect_message()
    await admin.send_in(group, "Опыт клуба и план работ", reply_to=ask)
    appointed = await group.expect_message()
    assert appointed.text.startswith(ru("choose-appointed", number=number, name="Борис"))
    assert "Стадия: " + ru("choose-stage-gathering_team") in appointed.text
    told = await lead1.expect_message()
    assert told.text == ru("choose-told-appointed", number=number, reason="Опыт клуба и план работ")

    # 3. The leader's desk: applicants shown by first name only without consent; accepting tells the person.
    await lead1.send_command("/project")
    desk = await lead1.expect_message()
    assert "• Jane — руками" in desk.text and "@jane_j" not in desk.text
    res = await lead1.press(desk, button("ru", "pjl-btn-accept", name="Jane"))
    assert res.text == ru("pjl-decided")
    desk = await lead1.expect_edit(desk)
    assert ru("pjl-team", count=1) in desk.text
    assert (await jane.expect_message()).text == en("pjl-accepted-you", number=number)

    # 3. /bind_team: members get a personal one-use link; the leader is told who joined.
    team = fake.group(-1001000000601, title="Велодорожка")
    fake.add_member(team, lead1, status="administrator")
    await team.set_bot_status("administrator", by=lead1)
    await lead1.send_in(team, "/bind_team")
    assert (await team.expect_message()).text == ru("pjl-bind-done", number=number, count=1)
    invite = await jane.expect_message()
    assert invite.text == en("pjl-invite", number=number)
    assert invite.reply_markup is not None
    url = invite.reply_markup["inline_keyboard"][0][0]["url"]
    assert await jane.join_by_link(url)
    assert (await lead1.expect_message()).text == ru("pjl-joined", number=number, name="Jane")
    assert not await users[J1].join_by_link(url)  # personal: it lets one person in

    # 3. A project update reaches the team and the idea's supporters, once each.
    supporter = users[J2]
    await supporter.send_command("/start", payload=f"idea_{number}")
    page = await supporter.expect_message()
    await supporter.press(page, button("ru", "idea-page-btn-support"))
    await lead1.send_command("/project")
    desk = await lead1.expect_message()
    await lead1.press(desk, button("ru", "pjl-btn-update"))
    assert (await lead1.expect_message()).text == ru("pjl-update-ask", number=number)
    await lead1.send(NEWS)
    assert NEWS in (await lead1.expect_message()).text
    preview = await lead1.expect_message()
    assert preview.text == ru("pjl-update-preview")
    await lead1.press(preview, button("ru", "pjl-btn-send"))
    stop = await group.expect_message()
    assert stop.text == ru("pjl-curators-update", number=number, count=2)
    assert stop.buttons == [[button("ru", "pjl-btn-stop")]]
    got = await jane.expect_message()
    assert got.text.startswith(en("pjl-news", number=number)) and NEWS in got.text
    got = await supporter.expect_message()
    assert got.text.startswith(ru("pjl-news", number=number)) and NEWS in got.text
    await jane.expect_no_message()
    await supporter.expect_no_message()

    # 9. The leader's /delete_me hands the project back to the curators, the team intact.
    await lead1.send_command("/delete_me")
    confirm = await lead1.expect_message()
    assert "заявки и места в командах проектов" in confirm.text  # the person knows they leave the team
    await lead1.press(confirm, confirm.buttons[0][0])
    assert (await lead1.expect_message()).text.startswith("Готово: согласие отозвано")
    handback = await group.expect_message()
    assert handback.text.startswith("🧭 Проект №\u00a01") and "снова ищет лидера" in handback.text
    assert "Команда осталась" in handback.text
    told = await jane.expect_message()
    assert told.text.startswith("🧭 The project of idea #1 is looking for a leader again")
