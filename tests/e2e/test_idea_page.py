"""The idea page (issue 14, point 4) and following an idea (point 5), end to end through the fake Bot API.

Residents are seeded (consented and set up) so the time goes to the page and the notices, not to onboarding.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Awaitable, Callable
from pathlib import Path

from fake_telegram import BotMessage, FakeTelegram, ScriptedGroup, ScriptedUser
from tests.support.in_process import InProcessBot
from tests.support.locale_text import button, ru, ru_pattern
from tests.support.scenarios import curator_chat, send_idea, start_idea, write_idea
from tests.support.seeding import Resident, make_reachable, seed_residents

AUTHOR, SUPPORTER, FOLLOWER, MUTED, STRANGER = 5001, 5002, 5003, 5004, 5005
IDEA = "Поставить скамейки и фонари в сквере у школы, вечером там темно и негде присесть."
URBAN = "🌳 Развитие городской среды"
LAT, LON = 51.768199, 55.096955


def step(key: str) -> str:
    """A line of the page's history, whatever its date."""
    return ru_pattern("idea-page-step", patterns={"date": r"[^\n]+"}, step=ru(key))


async def seeded(
    fake: FakeTelegram, db_path: Path, start_bot: Callable[..., Awaitable[InProcessBot]], muted: bool = False
) -> dict[int, ScriptedUser]:
    """Residents set up before the bot starts (MUTED with notices about followed ideas turned off)."""
    ids = [AUTHOR, SUPPORTER, FOLLOWER, MUTED]
    await seed_residents(db_path, [Resident(i) for i in ids])
    if muted:
        with sqlite3.connect(db_path) as conn:
            conn.execute("UPDATE users SET notify_followed = 0 WHERE id = ?", (MUTED,))
    await start_bot()
    return make_reachable(fake, ids)


async def idea_with_photos_and_point(user: ScriptedUser) -> int:
    """/idea with two photos and a Telegram location as its place; returns its number."""
    ask_photos = await start_idea(user, IDEA)
    await user.send_album(2)
    ack = await user.expect_message()
    await user.press(ack, "Готово")
    assert "Где это" in (await user.expect_message()).text
    await user.send_location(LAT, LON)
    route = await user.expect_message()
    await user.press(route, URBAN)
    summary = await user.expect_message()
    assert ask_photos and summary.buttons
    return await send_idea(user, summary)


async def accepted_card(group: ScriptedGroup, admin: ScriptedUser, photos: int = 0) -> BotMessage:
    for _ in range(photos):
        await group.expect_message()  # the album above the card
    card = await group.expect_message()
    await admin.press(card, button("ru", "card-accept"))
    return await admin.expect_edit(card)


async def test_page_from_my_with_photos_map_and_history_and_not_public_for_strangers(
    fake: FakeTelegram, db_path: Path, start_bot: Callable[..., Awaitable[InProcessBot]], admin: ScriptedUser
) -> None:
    people = await seeded(fake, db_path, start_bot)
    admin.chat.known = True  # no curators' chat: the card goes to the superadmin privately
    author = people[AUTHOR]
    number = await idea_with_photos_and_point(author)

    # Under review: a stranger who follows a link to it is told it is not public, and sees nothing of it.
    stranger = fake.user(STRANGER, first_name="Чужой", language_code="ru")
    await stranger.send_command("/start", payload=f"idea_{number}")
    refusal = await stranger.expect_message()
    assert refusal.text == ru("idea-page-not-public", number=str(number))
    assert IDEA not in refusal.text
    await stranger.expect_no_message()

    # The author: /my keeps the list and gets a button per idea; it opens the page, photos above it.
    await author.send_command("/my")
    my = await author.expect_message()
    assert ru("my-header", total=1) in my.text and ru("idea-page-my-hint") in my.text
    assert my.buttons == [[button("ru", "idea-page-btn-number", number=str(number))]]
    await author.press(my, button("ru", "idea-page-btn-number", number=str(number)))
    album = [await author.expect_message(), await author.expect_message()]
    assert [m.kind for m in album] == ["media_group_item", "media_group_item"]
    assert album[0].caption == ru("idea-page-photos", number=str(number))
    page = await author.expect_message()
    assert page.text.startswith(ru("idea-page-head", number=str(number), status=ru("idea-page-status-new")))
    assert IDEA in page.text
    assert ru("idea-page-place-point") in page.text and str(LAT)[:5] not in page.text  # never raw coordinates
    assert ru("idea-page-photos-above", count=2) in page.text
    assert re.search(step("idea-page-step-submitted"), page.text)
    assert ru("idea-page-not-public-note") in page.text and ru("idea-page-own") in page.text
    assert page.buttons == [[button("ru", "idea-page-btn-map")], [button("ru", "idea-page-btn-my")]]

    # «Показать на карте» sends the place as a Telegram location.
    await author.press(page, button("ru", "idea-page-btn-map"))
    where = await author.expect_message()
    assert where.kind == "location" and where.location is not None
    assert abs(where.location["latitude"] - LAT) < 1e-4 and abs(where.location["longitude"] - LON) < 1e-4

    # Back to /my, in the page's message.
    await author.press(page, button("ru", "idea-page-btn-my"))
    back = await author.expect_edit(page)
    assert ru("my-header", total=1) in back.text
    assert fake.refused == []


async def test_follow_notices_through_the_broadcast_engine_and_the_switch(
    fake: FakeTelegram, db_path: Path, start_bot: Callable[..., Awaitable[InProcessBot]], admin: ScriptedUser
) -> None:
    people = await seeded(fake, db_path, start_bot, muted=True)
    group = await curator_chat(fake, admin, -1001000000141, "Кураторы городской среды")
    author, supporter, follower, muted = (people[i] for i in (AUTHOR, SUPPORTER, FOLLOWER, MUTED))
    number = await send_idea(
        author, await write_idea(author, IDEA, address="ул. Ленина, 10", direction="городской среды")
    )
    card = await accepted_card(group, admin)
    assert f"?start=idea_{number}" in (card.html or "")  # the card links to the page (a private chat)
    assert ru("notify-accepted", number=number, direction=URBAN) == (await author.expect_message()).text

    # A supporter from the shared link: the page, then Support.
    await supporter.send_command("/start", payload=f"idea_{number}")
    page = await supporter.expect_message()
    assert page.text.startswith(ru("idea-page-head", number=str(number), status=ru("idea-page-status-accepted")))
    assert "ул. Ленина, 10" in page.text and re.search(step("idea-page-step-accepted"), page.text)
    share = next(b for b in page.inline_buttons if b.get("url"))
    assert f"start%3Didea_{number}" in share["url"] and share["url"].startswith("https://t.me/share/url?url=")
    assert (await supporter.press(page, button("ru", "idea-page-btn-support"))).text == ru(
        "public-supported", number=str(number)
    )
    page = await supporter.expect_edit(page)
    assert ru("idea-page-supported", number=str(number)) in page.text and ru("idea-page-following") in page.text
    assert [button("ru", "idea-page-btn-unfollow")] in page.buttons  # supporters follow without asking

    # Someone who only follows; someone who supports with such notices off.
    await follower.send_command("/start", payload=f"idea_{number}")
    page = await follower.expect_message()
    assert (await follower.press(page, button("ru", "idea-page-btn-follow"))).text == ru(
        "idea-page-followed", number=str(number)
    )
    assert ru("idea-page-following") in (await follower.expect_edit(page)).text
    await muted.send_command("/start", payload=f"idea_{number}")
    await muted.press(await muted.expect_message(), button("ru", "idea-page-btn-support"))

    # In progress: the author's own notice; the supporter and the follower one notice each; the muted none.
    await admin.press(card, button("ru", "card-in-progress"))
    await admin.expect_edit(card)
    assert (await author.expect_message()).text == ru("notify-in_progress", number=number, direction=URBAN)
    for person in (supporter, follower):
        news = await person.expect_message()
        assert news.text.startswith(ru("idea-news-in_progress", number=str(number))) and IDEA[:40] in news.text
        assert news.buttons == [[button("ru", "idea-news-btn-open")], [button("ru", "idea-news-btn-stop")]]
    await author.expect_no_message()
    await muted.expect_no_message()
    await supporter.expect_no_message(within=0.1)

    # The follower stops such notices: told how to turn them on again.
    await follower.press(news, button("ru", "idea-news-btn-stop"))
    assert (await follower.expect_edit(news)).buttons == [[button("ru", "idea-news-btn-open")]]
    stopped = await follower.expect_message()
    assert stopped.text == ru("idea-news-stopped") and stopped.buttons == [[button("ru", "idea-news-btn-resume")]]

    # The curators' public answer, from the page the card links to: the author and the supporter hear of it,
    # the follower who stopped such notices does not; the page shows it.
    await admin.send_command("/start", payload=f"idea_{number}")
    staff_page = await admin.expect_message()
    await admin.press(staff_page, button("ru", "idea-page-btn-answer"))
    ask = await admin.expect_message()
    assert ask.text.startswith(ru("idea-answer-ask", number=str(number), max=1000)[:30])
    answer = "Работы начнутся весной, подрядчик выбран."
    await admin.send(answer, reply_to=ask)
    assert (await admin.expect_message()).text == ru("idea-answer-done", number=str(number))
    assert (await author.expect_message()).text == ru("notify-answer", number=number, direction=URBAN, answer=answer)
    news = await supporter.expect_message()
    assert news.text.startswith(ru("idea-news-answer", number=str(number))) and answer in news.text
    await follower.expect_no_message()
    await supporter.press(news, button("ru", "idea-news-btn-open"))
    page = await supporter.expect_message()
    assert answer in page.text and re.search(step("idea-page-step-in_progress"), page.text)
    assert re.search(step("idea-page-step-answer"), page.text)
    await newcomer_from_the_link_supports_after_set_up(fake, number)

    # /ideas → the idea → «Подробнее»: its page.
    await follower.send_command("/ideas")
    listed = await follower.expect_message()
    await follower.press(listed, button("ru", "number-label", number=number))
    detail = await follower.expect_edit(listed)
    await follower.press(detail, button("ru", "idea-page-btn-more"))
    page = await follower.expect_message()
    assert page.text.startswith(ru("idea-page-head", number=str(number), status=ru("idea-page-status-in_progress")))
    assert fake.refused == []


async def newcomer_from_the_link_supports_after_set_up(fake: FakeTelegram, number: int) -> None:
    """Someone new to the bot follows a shared link: the page first; Support leads through the set-up and back to
    the page, where the support is one press away."""
    newcomer = fake.user(5006, first_name="Новенький", language_code="ru")
    await newcomer.send_command("/start", payload=f"idea_{number}")
    page = await newcomer.expect_message()
    assert IDEA in page.text and ru("idea-page-join") in page.text
    await newcomer.press(page, button("ru", "idea-page-btn-support"))
    assert (await newcomer.expect_message()).text == ru("idea-page-need-setup")
    await newcomer.expect_message()  # the consent's introduction
    consent = await newcomer.expect_message()
    await newcomer.press(consent, "✅")
    await newcomer.expect_edit(consent)
    territory = await newcomer.expect_message()
    await newcomer.press(territory, "Оренбург")
    await newcomer.expect_edit(territory)
    subscriptions = await newcomer.expect_message()
    await newcomer.press(subscriptions, "Готово")
    await newcomer.expect_edit(subscriptions)
    assert (await newcomer.expect_message()).text.startswith(ru("onboarding-done")[:10])
    page = await newcomer.expect_message()
    assert IDEA in page.text and ru("idea-page-join") not in page.text
    await newcomer.press(page, button("ru", "idea-page-btn-support"))
    assert ru("idea-page-supported") in (await newcomer.expect_edit(page)).text
