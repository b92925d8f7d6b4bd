"""Curator side end to end: forum topics, roles, faults while posting cards and telling authors."""

from __future__ import annotations

import asyncio

import pytest

from fake_telegram import FakeTelegram, ScriptedUser
from tests.support.in_process import InProcessBot
from tests.support.locale_text import button, en, ru
from tests.support.scenarios import bind_curator_chat, curator_chat, onboarded, send_idea, start_idea, write_idea
from tests.support.waiting import wait_for, watch

IDEA = "Сделать велодорожку вдоль набережной Урала и поставить велопарковки у входа в Зауральную рощу."
URBAN_LABEL = "🌳 Развитие городской среды"  # a direction as the bot names it (emoji and name from the database)


async def test_forum_topic_binding_and_location_card(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser
) -> None:
    forum = fake.group(-1001000000100, title="Точка кипения: кураторы", is_forum=True)
    fake.add_member(forum, admin, status="administrator")
    topic = forum.create_topic("Городская среда", admin)
    await bind_curator_chat(admin, forum, "Развитие городской среды", thread_id=topic)

    user = await onboarded(fake, 3001, "Семён", territory="Новотроицк")
    await user.press(await start_idea(user, IDEA), button("ru", "btn-skip"))
    await user.expect_message()
    await user.send_location(51.7727, 55.0988)
    route = await user.expect_message()
    await user.press(route, "Развитие городской среды")
    number = await send_idea(user, await user.expect_message())

    card = await forum.expect_message(thread_id=topic)
    assert card.thread_id == topic
    assert ru("card-title", number=number, direction=URBAN_LABEL) in card.text and "Новотроицк" in card.text
    assert "51.77270" not in card.text and ru("idea-place-point") in card.text
    links = [e for e in card.entities if e.get("type") == "text_link"]
    assert links and "yandex.ru/maps" in links[0]["url"] and "55.098800,51.772700" in links[0]["url"]
    assert fake.refused == []


async def test_organizer_can_decide_and_removed_organizer_cannot(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser
) -> None:
    group = await curator_chat(fake, admin, -1001000000101, "Youth", "Молодые профессионалы")
    organizer = fake.user(3002, first_name="Орг", language_code="ru")
    fake.add_member(group, organizer, status="member")
    repos = bot.dp["repos"]
    await repos.roles.grant(organizer.user_id, "organizer", granted_by=admin.user_id)

    user = await onboarded(fake, 3003, "Студент", "en", territory="Orsk")
    text = "Internships for students at local factories with mentors from the plant"
    first = await send_idea(user, await write_idea(user, text, lang="en"), "en")
    second = await send_idea(user, await write_idea(user, text + " and a job fair", lang="en"), "en")
    card1 = await group.expect_message()
    card2 = await group.expect_message()
    assert f"№\u00a0{first}" in card1.text and f"№\u00a0{second}" in card2.text

    res = await organizer.press(card1, button("ru", "card-accept"))
    assert res.text == ru("card-accepted-toast")
    assert (await user.expect_message()).text == en("notify-accepted", number=first, direction="🎓 Young professionals")

    await repos.roles.revoke(organizer.user_id, "organizer")
    res = await organizer.press(card2, button("ru", "card-accept"))
    assert res.show_alert and res.text == ru("not-allowed")
    assert card2.edits == []


async def test_two_curators_pressing_at_once_decide_once(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser
) -> None:
    group = await curator_chat(fake, admin, -1001000000102, "Social", "Социальные проекты")
    organizer = fake.user(3004, first_name="Второй", language_code="ru")
    await bot.dp["repos"].roles.grant(organizer.user_id, "organizer", granted_by=admin.user_id)
    user = await onboarded(fake, 3005, "Автор")
    number = await send_idea(
        user,
        await write_idea(user, "Пандус и поручни у поликлиники для людей на колясках", direction="Социальные проекты"),
    )
    card = await group.expect_message()
    accept = button("ru", "card-accept")
    results = await asyncio.gather(admin.press(card, accept), organizer.press(card, accept))
    texts = sorted(r.text for r in results)
    assert sum(t == ru("card-already") for t in texts) == 1, texts
    note = await user.expect_message()
    assert note.text == ru("notify-accepted", number=number, direction="🤝 Социальные проекты")
    await user.send_command("/help")
    assert (await user.expect_message()).text == ru("help")  # and no second notification before it


async def test_double_press_on_send_stores_one_idea(fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser) -> None:
    user = await onboarded(fake, 3006, "Дабл")
    summary = await write_idea(user, IDEA)
    send = button("ru", "idea-send")
    first, second = await asyncio.gather(user.press(summary, send), user.press(summary, send))
    both = (first.text or "") + (second.text or "")
    assert ru("idea-already-sent") in both or ru("button-outdated") in both
    sent = await user.expect_message()
    assert sent.text == ru("idea-sent", number=1, direction=URBAN_LABEL)  # the first idea in a new database
    again = await user.expect_message()  # the second press shows the same number
    assert again.text == sent.text
    await user.send_command("/my")
    my = await user.expect_message()
    assert ru("my-header", total=1) in my.text


async def test_flood_control_while_posting_card_is_waited_out(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser
) -> None:
    group = await curator_chat(fake, admin, -1001000000103, "Urban")
    user = await onboarded(fake, 3007, "Флуд")
    summary = await write_idea(user, IDEA)
    fake.fail_next("sendMessage", error="429", retry_after=1, chat_id=group.chat_id)
    number = await send_idea(user, summary)
    card = await group.expect_message(timeout=10)
    assert ru("card-title", number=number, direction=URBAN_LABEL) in card.text
    refused = [r for r in fake.refused if r.method.lower() == "sendmessage"]
    assert len(refused) == 1 and "retry after 1" in (refused[0].error or "")


async def test_blocked_author_is_marked_inactive_and_decision_stands(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    group = await curator_chat(fake, admin, -1001000000104, "Urban")
    user = await onboarded(fake, 3008, "Ушёл")
    await send_idea(user, await write_idea(user, IDEA))
    card = await group.expect_message()
    repos = bot.dp["repos"]
    marked = watch(monkeypatch, repos.users, "set_active")  # fires when the bot has written it
    fake.fail_next("sendMessage", error="403", chat_id=user.user_id)
    await admin.press(card, button("ru", "card-accept"))
    edited = await admin.expect_edit(card)
    assert ru("card-status-accepted", who="Ольга Админова") in edited.text

    async def inactive() -> bool:
        stored = await repos.users.get(user.user_id)
        return stored is not None and stored.is_active is False

    await wait_for(inactive, on=marked, what="the author stored as inactive")


async def test_timeout_on_author_notice_is_not_resent(
    fake: FakeTelegram,
    start_bot,
    admin: ScriptedUser,  # type: ignore[no-untyped-def]
) -> None:
    await start_bot(request_timeout=2)
    group = await curator_chat(fake, admin, -1001000000105, "Urban")
    user = await onboarded(fake, 3009, "Таймаут")
    number = await send_idea(user, await write_idea(user, IDEA))
    card = await group.expect_message()
    fake.fail_next("sendMessage", error="timeout", delay=3.0, deliver=True, chat_id=user.user_id)
    await admin.press(card, button("ru", "card-accept"))
    note = await user.expect_message(timeout=5)
    assert note.text == ru("notify-accepted", number=number, direction=URBAN_LABEL)
    await user.send_command("/help")
    assert (await user.expect_message()).text == ru("help")  # the notice was delivered once, not twice
