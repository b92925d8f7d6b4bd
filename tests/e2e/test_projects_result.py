"""Projects' results end to end (issue 15, points 6 and 8): «Получилось?» once to the author, the team, followers
and supporters when a project is implemented; answers and a comment seen by the curators (/moderate #N), on the
idea page and in /stats; «Как там сейчас?» three weeks later, once, across restarts; /export of projects and
their teams, names only with contact consent."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta

from bot.storage.projects import Help, Role
from bot.storage.surveys import Answer, Round
from fake_telegram import BotMessage, FakeTelegram, ScriptedUser
from tests.support.clock import move_clock_to, utc_now
from tests.support.exports import read_csv, read_xlsx
from tests.support.in_process import InProcessBot
from tests.support.locale_text import button, en, ru
from tests.support.scenarios import card_to_implemented, curator_chat, onboarded, send_idea, write_idea

URBAN = "Развитие городской среды"
IDEA = "Благоустроить сквер у школы № 5: лавочки, освещение и новые деревья вдоль аллеи."
MODERATOR = "Модератор"
CONSENT = "2026-12-05"  # a contact consent's version (bot/consent.py CONTACT_CONSENT_VERSION)


async def survey_among(user: ScriptedUser, text: str, limit: int = 4) -> BotMessage:
    """The survey among the next few messages (the author's notice, followers' news come around it)."""
    for _ in range(limit):
        message = await user.expect_message()
        if message.text == text:
            return message
    raise AssertionError(f"no survey for {user.user_id}: {[m.text for m in user.inbox]}")


def times(user: ScriptedUser, text: str) -> int:
    """How many messages came with this text (as sent: an answered survey's text is edited since)."""
    return sum(1 for m in user.inbox if (m.edits[0]["text"] if m.edits else m.text) == text)


async def answer(user: ScriptedUser, survey: BotMessage, key: str) -> BotMessage:
    await user.press(survey, button("ru", key))
    return await user.expect_edit(survey)


async def restart(bot: InProcessBot, start_bot: Callable[..., Awaitable[InProcessBot]]) -> InProcessBot:
    await bot.stop()
    return await start_bot()


async def test_result_survey_once_then_followup_across_restarts(
    fake: FakeTelegram,
    start_bot: Callable[..., Awaitable[InProcessBot]],
    admin: ScriptedUser,
    pinned_clock: float,
) -> None:
    bot = await start_bot()
    repos = bot.dp["repos"]
    curators = await curator_chat(fake, admin, -100500, "Кураторы среды")
    author = await onboarded(fake, 5001, "Автор")
    n = await send_idea(author, await write_idea(author, IDEA, direction=URBAN))
    assert f"№\u00a0{n}" in (await curators.expect_message()).text  # the idea's card
    mod = await onboarded(fake, 5002, MODERATOR)
    await repos.roles.grant(mod.user_id, "organizer", granted_by=admin.user_id)
    supporter = await onboarded(fake, 5003, "Сторонник")
    follower = await onboarded(fake, 5004, "Jane", "en", territory="Orsk")  # reads English
    member = await onboarded(fake, 5005, "Участник")
    applicant = await onboarded(fake, 5006, "Заявитель")
    leader = await onboarded(fake, 5007, "Лидер", last_name="Лидерова", username="lead_er")

    await mod.send_command("/moderate")
    card = await mod.expect_message()
    await mod.press(card, button("ru", "mod-btn-approve"))
    await mod.expect_edit(card)
    assert (await mod.expect_message()).text == ru("mod-queue-empty")
    # The project's people (joining and choosing the leader are other parts' screens).
    await repos.public.support(n, supporter.user_id, threshold=10)
    await repos.follows.set_following(n, follower.user_id, True)
    await repos.projects.offer(n, leader.user_id, Role.LEADER, (), "Веду такие проекты пять лет, знаю подрядчиков.", CONSENT)
    await repos.projects.appoint_leader(n, leader.user_id, mod.user_id, None)
    await repos.projects.offer(n, member.user_id, Role.MEMBER, (Help.HANDS, Help.SKILLS), None, None)
    await repos.projects.decide(n, member.user_id, Role.MEMBER, True, leader.user_id)
    await repos.projects.offer(n, applicant.user_id, Role.MEMBER, (Help.RESOURCES,), None, CONSENT)  # not accepted
    await repos.projects.set_needs(n, "юрист, 5 волонтёров на субботник", leader.user_id)

    await mod.send_command("/moderate", f"#{n}")
    view = await mod.expect_message()
    panel_head = ru("choose-panel-head", number=str(n))
    assert (await mod.expect_message()).text.startswith(panel_head)  # the project's panel follows: it has people
    await card_to_implemented(mod, view, who=MODERATOR)

    # «Получилось?» reaches the author, the team, the supporter and the follower; not an applicant.
    ask = ru("survey-result-ask", number=str(n), text=IDEA)
    ask_en = en("survey-result-ask", number=str(n), text=IDEA)
    asked = [author, leader, member, supporter, follower]
    surveys = {user.user_id: await survey_among(user, ask_en if user is follower else ask) for user in asked}
    assert surveys[follower.user_id].buttons == [[button("en", f"survey-btn-{a}") for a in ("yes", "partly", "no")]]
    assert surveys[author.user_id].buttons == [[button("ru", f"survey-btn-{a}") for a in ("yes", "partly", "no")]]
    assert times(applicant, ask) == 0 and not await repos.surveys.answer(n, Round.RESULT, applicant.user_id, Answer.YES)
    planned = bot.dp["timers"].planned()[f"followup-{n}"]
    assert timedelta(days=21) - timedelta(minutes=1) < planned - utc_now() <= timedelta(days=21)

    # Answers: a comment, a skip, no comment at all.
    answered = await answer(author, surveys[author.user_id], "survey-btn-yes")
    assert answered.text == ru("survey-answered", answer=button("ru", "survey-btn-yes"), limit=500)
    await author.send("Сквер стал живым, по вечерам светло.")
    assert (await author.expect_message()).text == ru("survey-comment-thanks")
    told = await curators.expect_message()  # a comment reaches the curators' chat; no name
    assert told.text == ru(
        "survey-curators-result",
        number=str(n),
        answer=button("ru", "survey-btn-yes"),
        comment="Сквер стал живым, по вечерам светло.",
        counts=ru("survey-result-counts", yes=1, partly=0, no=0),
    )
    answered = await answer(supporter, surveys[supporter.user_id], "survey-btn-partly")
    await supporter.press(answered, button("ru", "survey-btn-skip"))
    done = await supporter.expect_edit(answered)
    assert done.text == ru("survey-thanks", answer=button("ru", "survey-btn-partly")) and done.buttons == []
    await follower.press(surveys[follower.user_id], button("en", "survey-btn-no"))
    answered = await follower.expect_edit(surveys[follower.user_id])
    assert answered.text == en("survey-answered", answer=button("en", "survey-btn-no"), limit=500)
    await answer(member, surveys[member.user_id], "survey-btn-yes")
    await curators.expect_no_message()  # answers without a comment are only counted

    # The idea page, the curators' /moderate #N and /stats show the results.
    counts = ru("survey-result-counts", yes=2, partly=1, no=1)
    await follower.send_command("/start", f"idea_{n}")
    page = await follower.expect_message()
    assert en("survey-result-counts", yes=2, partly=1, no=1) in page.text, page.text
    await mod.send_command("/moderate", f"#{n}")
    opened = await mod.expect_message()
    assert (await mod.expect_message()).text.startswith(panel_head)
    assert counts in opened.text
    assert ru("survey-comment-line", answer=button("ru", "survey-btn-yes"), comment="Сквер стал живым, по вечерам светло.") in opened.text
    await mod.send_command("/stats")
    stats = (await mod.expect_message()).text
    await mod.expect_message()  # the chart
    for line in (
        ru("stats-projects", leaders=1),
        ru("stats-project-stage", stage=ru("stats-project-stage-implemented"), count=1),
        ru("stats-projects-teams", total=1, average="1.0"),
        ru("stats-projects-needs", count=0),
        counts,
    ):
        assert line in stats, (line, stats)

    # A restart asks nobody again; three weeks later (and another restart) «Как там сейчас?» once each.
    bot = await restart(bot, start_bot)
    move_clock_to(utc_now() + timedelta(days=21, minutes=1))
    bot = await restart(bot, start_bot)
    again = ru("survey-followup-ask", number=str(n), text=IDEA)
    again_en = en("survey-followup-ask", number=str(n), text=IDEA)
    followups = {
        user.user_id: await survey_among(user, again_en if user is follower else again, limit=1) for user in asked
    }
    answered = await answer(member, followups[member.user_id], "survey-btn-partly")
    assert answered.text == ru("survey-answered", answer=button("ru", "survey-btn-partly"), limit=500)
    bot = await restart(bot, start_bot)
    await author.expect_no_message()
    for user in asked:
        first, later = (ask_en, again_en) if user is follower else (ask, again)
        assert times(user, first) == 1 and times(user, later) == 1, user.user_id
    assert times(applicant, again) == 0
    repos = bot.dp["repos"]
    assert (await repos.surveys.counts(n, Round.FOLLOWUP)).partly == 1
    assert f"followup-{n}" not in bot.dp["timers"].planned()

    # /export: the project and its people; names only with the contact consent.
    files = {}
    for kind, fmt in (("projects", "CSV"), ("team", "XLSX")):
        await mod.send_command("/export")
        menu = await mod.expect_message()
        await mod.press(menu, f"{button('ru', f'export-kind-{kind}')} · {fmt}")
        document = await mod.expect_message(timeout=15)
        assert document.kind == "document" and document.document_bytes, document
        files[kind] = document.document_bytes
    projects = read_csv(files["projects"])
    assert projects[0][:2] == [button("ru", "export-col-number"), button("ru", "export-col-text")]
    assert projects[1][0] == str(n) and projects[1][4] == button("ru", "stats-project-stage-implemented")
    assert projects[1][5] == "Лидер Лидерова @lead_er" and projects[1][6] == "1"
    assert projects[1][9:] == ["2", "1", "1", "0", "1", "0"]
    values, _types = read_xlsx(files["team"])
    rows = {r[1]: r for r in values[1:]}
    assert set(rows) == {"Лидер", "Участник", "Заявитель"}
    assert rows["Участник"][2:4] == [None, None]  # no contact consent: first name only
    assert rows["Участник"][4] == f"{button('ru', 'export-help-hands')}; {button('ru', 'export-help-skills')}"
    assert rows["Лидер"][2:4] == ["Лидер Лидерова", "lead_er"]
    assert rows["Заявитель"][6] == button("ru", "export-offer-applied")
