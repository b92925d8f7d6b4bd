"""A whole project as people run it (issue 15, points 1–3, 5, 6), end to end through the fake Bot API: the author
offers to lead their own accepted idea, a resident offers to help, the curators appoint the author; the author opens
«⚙️ Управление проектом» on the idea's page, accepts the helper, says what help is needed, sees the project's
consented expert, sends an update, moves the project into work and, after a confirmation, to «реализован»; the team
gets «Получилось?». An organizer detaches the expert from the project on the expert's card. Once more in English
for a seeded leader.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from bot.storage.db import Database
from bot.storage.projects import Help, Role
from bot.storage.repositories import Repos
from fake_telegram import BotMessage, FakeTelegram, ScriptedUser
from tests.support.in_process import InProcessBot
from tests.support.locale_text import button, en, ru
from tests.support.scenarios import curator_chat, send_idea, write_idea
from tests.support.seeding import NOW, Resident, make_reachable, seed_residents

AUTHOR, HELPER, STRANGER = 15301, 15302, 15303
IDEA = "Разбить у школы № 5 сквер с лавочками и фонарями, чтобы родители могли ждать детей после уроков."
URBAN = "🌳 Развитие городской среды"
PITCH = "Живу рядом со школой, договорюсь с директором и управой, соберу родителей на субботник."
NEEDS = "нужны: дизайнер, 5 волонтёров на субботник"
UPDATE = "В субботу в 10:00 размечаем сквер, приходите с перчатками."


def b(key: str, **args: object) -> str:
    return button("ru", key, **args)


def data_of(message: BotMessage, key: str) -> str:
    return next(str(x["callback_data"]) for x in message.inline_buttons if x.get("text") == button("en", key))


async def among(user: ScriptedUser, text: str, limit: int = 4) -> BotMessage:
    """The message with this text among the next few (status news and notices come around it)."""
    seen = []
    for _ in range(limit):
        message = await user.expect_message()
        if message.text == text:
            return message
        seen.append(message.text)
    raise AssertionError(f"no {text!r} for {user.user_id}: {seen}")


async def test_the_author_leads_their_idea_to_implemented_and_the_expert_is_detached(
    fake: FakeTelegram, db_path: Path, start_bot: Callable[..., Awaitable[InProcessBot]], admin: ScriptedUser
) -> None:
    await seed_residents(db_path, [Resident(AUTHOR), Resident(HELPER), Resident(STRANGER)])
    bot = await start_bot()
    repos: Repos = bot.dp["repos"]
    people = make_reachable(fake, [AUTHOR, HELPER, STRANGER])
    author, helper, stranger = people[AUTHOR], people[HELPER], people[STRANGER]
    group = await curator_chat(fake, admin, -1001000015301, "Кураторы городской среды")
    number = await send_idea(author, await write_idea(author, IDEA, direction="городской среды"))
    card = await group.expect_message()
    await admin.press(card, b("card-accept"))
    card = await group.expect_edit(card)
    assert (await author.expect_message()).text == ru("notify-accepted", number=number, direction=URBAN)

    # The author offers to lead (from the page a deep link opens), the helper to help with their hands.
    await author.send_command("/start", payload=f"idea_{number}")
    page = await author.expect_message()
    assert page.buttons[0] == [b("projects-join-btn-lead")] and b("revc-btn-manage") not in str(page.buttons)
    await author.press(page, b("projects-join-btn-lead"))
    await author.expect_message()
    await author.send(PITCH)
    consent = await author.expect_message()
    await author.press(consent, b("projects-join-btn-contact-no"))
    await author.expect_edit(consent)
    assert (await author.expect_message()).text == ru("projects-join-done-leader", number=str(number))
    await helper.send_command("/start", payload=f"idea_{number}")
    page = await helper.expect_message()
    await helper.press(page, b("projects-join-btn-join"))
    kinds = await helper.expect_message()
    await helper.press(kinds, b("projects-join-help-hands"))
    kinds = await helper.expect_edit(kinds)
    await helper.press(kinds, b("projects-join-btn-next"))
    await helper.expect_edit(kinds)
    note = await helper.expect_message()
    await helper.press(note, b("projects-join-btn-skip"))
    await helper.expect_edit(note)
    consent = await helper.expect_message()
    await helper.press(consent, b("projects-join-btn-contact-no"))
    await helper.expect_edit(consent)
    assert (await helper.expect_message()).text == ru("projects-join-done-member", number=str(number))

    # The curators appoint the author from the card's project panel, with a reason.
    await admin.press(card, b("choose-btn-open"))
    panel = await group.expect_message()
    await admin.press(panel, b("choose-btn-appoint", name=f"Житель {AUTHOR}"))
    prompt = await group.expect_message()
    reason = "Автор идеи живёт рядом и знает школу"
    await admin.send_in(group, reason, reply_to=prompt)
    await group.expect_message()
    assert (await author.expect_message()).text == ru("choose-told-appointed", number=number, reason=reason)

    # Experts: one consented (the leader sees them), one not (hidden from the leader).
    shown = await repos.experts.add("Ольга Ландшафтова", "ландшафтный дизайн", None, "+7 900 000-00-00", True, None, 9)
    await repos.experts.add("Пётр Скрытный", "электрика", "Оренбург", "@petr", False, None, 9)
    assert await repos.experts.attach(number, shown, 9)
    assert await repos.experts.attach(number, shown + 1, 9)

    # The page shows the leader «Управление проектом» (and only the leader); it opens /project for this project.
    await stranger.send_command("/start", payload=f"idea_{number}")
    assert b("revc-btn-manage") not in str((await stranger.expect_message()).buttons)
    await author.send_command("/start", payload=f"idea_{number}")
    page = await author.expect_message()
    await author.press(page, b("revc-btn-manage"))
    screen = await author.expect_edit(page)
    assert screen.text.startswith(ru("pjl-title", number=str(number), stage=ru("pjl-stage-gathering_team")))
    assert ru("experts-page-head") in screen.text and "Ольга Ландшафтова" in screen.text
    assert ru("experts-contact", contact="+7 900 000-00-00") in screen.text and "Пётр" not in screen.text
    assert [b("revc-btn-stage-in_work")] in screen.buttons and [b("revc-btn-stage-paused")] in screen.buttons
    assert [b("revc-btn-stage-implemented")] not in screen.buttons and [b("call-btn-ask")] not in screen.buttons

    # The team: the helper accepted and told.
    await author.press(screen, b("pjl-btn-accept", name=f"Житель {HELPER}"))
    assert (await helper.expect_message()).text == ru("pjl-accepted-you", number=str(number))
    screen = await author.expect_edit(screen)
    assert ru("pjl-team", count=1) in screen.text

    # What help is needed: «Позвать на помощь» appears on /project.
    await author.press(screen, b("pjl-btn-needs"))
    await author.expect_message()
    await author.send(NEEDS)
    assert (await author.expect_message()).text == ru("pjl-needs-saved")
    screen = await author.expect_message()
    assert ru("pjl-needs", needs=NEEDS.removeprefix("нужны: ")) in screen.text  # «нужны» said once
    assert [b("call-btn-ask")] in screen.buttons
    await author.press(screen, b("call-btn-ask"))
    preview = ru("call-preview", number=str(number), needs=NEEDS.removeprefix("нужны: "), count=0)
    assert (await author.expect_message()).text == preview

    # An update reaches the team.
    await author.press(screen, b("pjl-btn-update"))
    await author.expect_message()
    await author.send(UPDATE)
    await author.expect_message()
    ask = await author.expect_message()
    await author.press(ask, b("pjl-btn-send"))
    await author.expect_edit(ask)
    news = await helper.expect_message()
    assert news.text.startswith(ru("pjl-news", number=str(number))) and UPDATE in news.text

    # Into work: the idea follows (in progress, the author told as for a curator's step).
    toast = await author.press(screen, b("revc-btn-stage-in_work"))
    assert toast.text == ru("revc-stage-toast", number=str(number), stage=ru("pjl-stage-in_work"))
    screen = await author.expect_edit(screen)
    assert screen.text.startswith(ru("pjl-title", number=str(number), stage=ru("pjl-stage-in_work")))
    assert [b("revc-btn-stage-implemented")] in screen.buttons and [b("revc-btn-stage-in_work")] not in screen.buttons
    await among(author, ru("notify-in_progress", number=number, direction=URBAN))
    idea = await repos.ideas.get(number)
    assert idea is not None and idea.status == "in_progress"

    # Paused and resumed from /project.
    await author.press(screen, b("revc-btn-stage-paused"))
    screen = await author.expect_edit(screen)
    assert screen.text.startswith(ru("pjl-title", number=str(number), stage=ru("pjl-stage-paused")))
    assert [b("revc-btn-resume")] in screen.buttons and [b("revc-btn-stage-implemented")] not in screen.buttons
    await author.press(screen, b("revc-btn-resume"))
    screen = await author.expect_edit(screen)
    assert screen.text.startswith(ru("pjl-title", number=str(number), stage=ru("pjl-stage-in_work")))

    # «Реализован» asks first; «Нет» goes back, nothing sent.
    await author.press(screen, b("revc-btn-stage-implemented"))
    confirm = await author.expect_edit(screen)
    assert confirm.text == ru("revc-implemented-ask", number=str(number))
    await author.press(confirm, b("revc-btn-implemented-no"))
    screen = await author.expect_edit(confirm)
    assert screen.text.startswith(ru("pjl-title", number=str(number), stage=ru("pjl-stage-in_work")))
    await helper.expect_no_message(within=0.1)
    await author.press(screen, b("revc-btn-stage-implemented"))
    confirm = await author.expect_edit(screen)
    await author.press(confirm, b("revc-btn-implemented-yes"))
    screen = await author.expect_edit(confirm)
    assert screen.text.startswith(ru("pjl-title", number=str(number), stage=ru("pjl-stage-implemented")))
    assert not any("revc-btn" in str(row) for row in screen.buttons)
    assert all(b(f"revc-btn-stage-{s}") not in str(screen.buttons) for s in ("in_work", "paused", "implemented"))
    idea = await repos.ideas.get(number)
    assert idea is not None and idea.status == "implemented"

    # The survey: the author and the team, once; the answer is on the page.
    ask_text = ru("survey-result-ask", number=str(number), text=IDEA)
    await among(author, ask_text)
    survey = await among(helper, ask_text)
    await helper.press(survey, b("survey-btn-yes"))
    await helper.expect_edit(survey)
    await stranger.send_command("/start", payload=f"idea_{number}")
    assert ru("survey-result-counts", yes=1, partly=0, no=0) in (await stranger.expect_message()).text

    # The expert's card lists their projects; «Открепить от № N» takes them off this one only.
    await admin.send_command("/experts")
    listing = await admin.expect_message()
    await admin.press(listing, "Ольга Ландшафтова")
    expert_card = await admin.expect_edit(listing)
    assert ru("revc-expert-projects", numbers=ru("revc-number", number=str(number))) in expert_card.text
    toast = await admin.press(expert_card, b("revc-btn-detach", number=str(number)))
    assert toast.text == ru("revc-detached", number=str(number))
    expert_card = await admin.expect_edit(expert_card)
    assert ru("revc-expert-no-projects") in expert_card.text
    assert await repos.experts.get(shown) is not None and await repos.experts.of_project(number) == []
    await author.send_command("/project")
    assert "Ольга" not in (await author.expect_message()).text


async def test_an_english_leader_moves_the_stage_and_a_stranger_cannot(
    fake: FakeTelegram, db_path: Path, start_bot: Callable[..., Awaitable[InProcessBot]]
) -> None:
    leader_id, member_id = 15311, 15312
    await seed_residents(db_path, [Resident(leader_id, language="en"), Resident(member_id, language="en")])
    db = Database(db_path)
    await db.connect()
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO ideas (author_id, text, direction_id, status, card_pending, created_at, updated_at) "
            "VALUES (?, ?, 3, 'accepted', 0, ?, ?)",
            (leader_id, IDEA, NOW, NOW),
        )
    repos = Repos(db)
    await repos.projects.offer(1, leader_id, Role.LEADER, (), PITCH, None)
    await repos.projects.appoint_leader(1, leader_id, 9, None)
    await repos.projects.offer(1, member_id, Role.MEMBER, (Help.HANDS,), None, None)
    await repos.projects.decide(1, member_id, Role.MEMBER, True, leader_id)
    await db.close()
    await start_bot()
    people = make_reachable(fake, [leader_id, member_id])
    leader, member = people[leader_id], people[member_id]

    await leader.send_command("/project")
    screen = await leader.expect_message()
    assert screen.text.startswith(en("pjl-title", number="1", stage=en("pjl-stage-gathering_team")))
    assert [button("en", "revc-btn-stage-in_work")] in screen.buttons

    # Someone else pressing the leader's stage button is refused.
    refused = await member.press_data(leader.chat_id, screen.message_id, data_of(screen, "revc-btn-stage-in_work"))
    assert refused.show_alert and refused.text == en("pjl-not-leader")

    await leader.press(screen, button("en", "revc-btn-stage-in_work"))
    screen = await leader.expect_edit(screen)
    assert screen.text.startswith(en("pjl-title", number="1", stage=en("pjl-stage-in_work")))
    await leader.press(screen, button("en", "revc-btn-stage-implemented"))
    confirm = await leader.expect_edit(screen)
    assert confirm.text == en("revc-implemented-ask", number="1")
    yes = data_of(confirm, "revc-btn-implemented-yes")
    await leader.press(confirm, button("en", "revc-btn-implemented-yes"))
    screen = await leader.expect_edit(confirm)
    assert screen.text.startswith(en("pjl-title", number="1", stage=en("pjl-stage-implemented")))
    survey = await among(member, en("survey-result-ask", number="1", text=IDEA))
    assert survey.buttons == [[button("en", f"survey-btn-{a}") for a in ("yes", "partly", "no")]]
    # A stale confirmation changes nothing.
    stale = await leader.press_data(leader.chat_id, confirm.message_id, yes)
    assert stale.show_alert and stale.text == en("revc-stage-already", number="1")
