"""Finding ideas end to end (issue 14, point 7): /ideas search by words, and "near me" from a shared location."""

from __future__ import annotations

from bot.handlers.ideas.callbacks import FindAction, FindCb, FindMode
from bot.storage.models import IdeaDraft
from fake_telegram import BotMessage, FakeTelegram, ScriptedUser
from tests.support.in_process import InProcessBot
from tests.support.locale_text import button, en, lead, ru
from tests.support.scenarios import onboarded, start_idea
from tests.support.settings import ADMIN_ID

URBAN, SOCIAL = 3, 2
URBAN_LABEL = "🌳 Развитие городской среды"
ORENBURG = (51.7682, 55.0969)  # the point the resident shares
METRES_PER_DEGREE = 111_195.0  # of latitude


async def publish(
    bot: InProcessBot,
    author_id: int,
    text: str,
    territory: str | None = "orenburg",
    *,
    point: tuple[float, float] | None = None,
    address: str | None = None,
    status: str = "accepted",
    supports: int = 0,
) -> int:
    """An idea moderators already moved to ``status`` (``new``: not yet reviewed), with ``supports``."""
    repos = bot.dp["repos"]
    await repos.users.ensure(author_id)
    lat, lon = point if point else (None, None)
    draft = IdeaDraft(text=text, direction_id=URBAN, latitude=lat, longitude=lon, address=address)
    idea_id = int(await repos.ideas.submit(author_id, draft, territory, 1000))
    await repos.db.execute("DELETE FROM outbox WHERE kind = 'card' AND ref = ?", (idea_id,))
    await repos.db.execute("UPDATE ideas SET card_pending = 0 WHERE id = ?", (idea_id,))
    if status != "new":
        assert await repos.moderation.set_status(idea_id, "accepted", ADMIN_ID)
    for user_id in range(author_id * 100, author_id * 100 + supports):
        await repos.users.ensure(user_id)
        await repos.public.support(idea_id, user_id, 10_000)
    return idea_id


def numbers_in(message: BotMessage) -> list[int]:
    return [int(b.split("\u00a0")[1]) for row in message.buttons for b in row if b.startswith("№\u00a0")]


def item(number: int, text: str, territory: str, supports: int = 0) -> str:
    """An idea as the list of /ideas shows it."""
    return ru(
        "public-list-item",
        number=number,
        supports=supports,
        status=ru("public-status-accepted"),
        excerpt=text,
        direction=URBAN_LABEL,
        territory=territory,
    )


async def open_list(user: ScriptedUser) -> BotMessage:
    await user.send_command("/ideas")
    listing = await user.expect_message()
    assert [button("ru", "find-btn-search"), button("ru", "find-btn-near")] in listing.buttons
    return listing


async def search_for(user: ScriptedUser, words: str) -> BotMessage:
    await user.send_command(f"/ideas {words}")
    return await user.expect_message()


LIGHT = "Фонари и новое освещение в парке Победы"
TREE = "Освещённая ёлка на площади у парка"
BENCHES = "Скамейки во дворе"


async def test_search_by_words(fake: FakeTelegram, bot: InProcessBot) -> None:
    light = await publish(bot, 51, LIGHT, supports=2)
    tree = await publish(bot, 52, TREE, "orsk")
    benches = await publish(bot, 53, BENCHES, "orsk", address="ул. Парковая, 5")
    await publish(bot, 54, "Освещение парка, ещё не рассмотрена", status="new")  # never found: not public
    bikes = [await publish(bot, 60 + n, f"Велосипедная дорожка номер {n}") for n in range(6)]

    user = await onboarded(fake, 7001, "Искатель")
    # A draft under way: the search interrupts it, and it resumes after.
    ask_photos = await start_idea(user, "Поставить питьевые фонтанчики на вокзале")
    assert "Добавьте фото" in ask_photos.text
    listing = await open_list(user)
    await user.press(listing, button("ru", "find-btn-search"))
    ask = await user.expect_message()
    assert ask.text == ru("find-ask", word=3)
    assert ask.reply_markup == {"force_reply": True, "input_field_placeholder": button("ru", "find-placeholder")}

    await user.send("в ё")  # no word of three letters
    assert (await user.expect_message()).text == ru("find-too-short", word=3)
    await user.send("ОСВЕЩЕНИЕ, парке")  # any case; endings do not matter; all the words
    found = await user.expect_message()
    assert found.text.startswith(ru("find-head", query="ОСВЕЩЕНИЕ, парке", total=2, page="1", pages="1"))
    assert numbers_in(found) == [light, tree]  # the most supported first
    assert item(light, LIGHT, "Оренбург", supports=2) in found.text
    assert found.text.endswith(ru("public-list-hint"))
    assert found.buttons[-1] == [button("ru", "find-btn-again"), button("ru", "public-btn-all")]

    await user.send_command("/idea")  # the draft waits where it stopped
    assert "Добавьте фото" in (await user.expect_message()).text
    await user.press(found, button("ru", "find-btn-again"))
    assert (await user.expect_message()).text == ru("find-ask", word=3)
    await user.send_command("/cancel")  # the search only
    assert (await user.expect_message()).text == ru("find-cancelled")
    await user.send_command("/idea")
    assert "Добавьте фото" in (await user.expect_message()).text

    # ё as е, a territory's name, an address
    assert numbers_in(await search_for(user, "елка Орск")) == [tree]
    assert numbers_in(await search_for(user, "парк")) == [light, benches, tree]  # then the newest
    assert numbers_in(await search_for(user, "парковая скамейка")) == [benches]

    # pages; an opened idea is the idea of /ideas
    bikes_found = await search_for(user, "велосипеды")
    assert bikes_found.text.startswith(ru("find-head", query="велосипеды", total=6, page="1", pages="2"))
    assert numbers_in(bikes_found) == sorted(bikes, reverse=True)[:5]
    await user.press(bikes_found, "▶")
    second = await user.expect_edit(bikes_found)
    assert second.text.startswith(ru("find-head", query="велосипеды", total=6, page="2", pages="2"))
    assert numbers_in(second) == [bikes[0]]
    back = second.button_data["◀"]
    await user.press(second, button("ru", "number-label", number=bikes[0]))
    opened = await user.expect_edit(bikes_found)
    assert opened.text.startswith(lead("public-detail", "status", number=bikes[0])) and "Велосипедная дорожка номер 0" in opened.text
    assert [button("ru", "public-btn-support")] in opened.buttons

    # nothing found: search again, or all ideas
    nothing = await search_for(user, "телепорт")
    assert nothing.text == ru("find-empty", query="телепорт")
    await user.press(nothing, button("ru", "public-btn-all"))
    everything = await user.expect_edit(nothing)
    assert everything.text.startswith("🗳 Идеи жителей") and len(numbers_in(everything)) == 5
    await user.press(await search_for(user, "телепорт"), button("ru", "find-btn-again"))
    assert (await user.expect_message()).text == ru("find-ask", word=3)
    await user.send("<b>скамейки</b> & двор")  # the query shown back as typed, never as markup
    shown = await user.expect_message()
    assert shown.text.startswith(ru("find-head", query="<b>скамейки</b> & двор", total=1, page="1", pages="1"))

    # too long; a button of an older search is out of date (the query is not on the button)
    assert (await search_for(user, "слово " * 20)).text == ru("find-too-long", max=100)
    await user.send("велосипед")
    newer = await user.expect_message()
    assert numbers_in(newer) == sorted(bikes, reverse=True)[:5]
    stale = await user.press_data(bikes_found.chat_id, bikes_found.message_id, back)
    assert stale.text == ru("button-outdated") and stale.show_alert
    assert all("велос" not in data for data in newer.button_data.values())
    assert fake.refused == []


def north(metres: float) -> tuple[float, float]:
    return ORENBURG[0] + metres / METRES_PER_DEGREE, ORENBURG[1]


async def test_ideas_near_a_shared_location(fake: FakeTelegram, bot: InProcessBot) -> None:
    far = await publish(bot, 81, "Сквер у дома культуры", point=(ORENBURG[0], ORENBURG[1] + 0.01742))  # 1.2 km east
    near = await publish(bot, 82, "Пешеходный переход у школы", point=north(350))
    await publish(bot, 83, "Пруд за городом", point=north(5000))  # beyond 3 km
    await publish(bot, 84, "Детская площадка во дворе", address="ул. Советская, 1")  # only an address
    await publish(bot, 85, "Ещё не рассмотрена", point=north(100), status="new")

    user = await onboarded(fake, 7002, "Сосед")
    listing = await open_list(user)
    await user.press(listing, button("ru", "find-btn-near"))
    ask = await user.expect_message()
    assert ask.text == ru("find-near-ask", radius="3\u00a0км")
    assert ask.buttons == [[button("ru", "find-near-share")], [button("ru", "btn-cancel")]]
    assert ask.reply_markup is not None and ask.reply_markup["keyboard"][0][0]["request_location"] is True

    await user.send_location(*ORENBURG)
    got = await user.expect_message()
    assert got.text == ru("find-near-got")
    assert got.buttons[0] == [button("ru", "menu-idea"), button("ru", "menu-ideas")]  # the main menu is back
    around = await user.expect_message()
    assert around.text.startswith(ru("find-near-head", radius="3\u00a0км", total=2, page="1", pages="1"))
    assert numbers_in(around) == [near, far]  # nearest first
    first = (
        item(near, "Пешеходный переход у школы", "Оренбург") + "\n" + ru("find-near-distance", distance="350\u00a0м")
    )
    second = item(far, "Сквер у дома культуры", "Оренбург") + "\n" + ru("find-near-distance", distance="1,2\u00a0км")
    assert first + "\n\n" + second in around.text
    assert "51.7" not in around.text  # no coordinates shown
    assert not any("51." in data or "55." in data for data in around.button_data.values())  # nor on buttons
    await user.press(around, button("ru", "number-label", number=near))
    assert (await user.expect_edit(around)).text.startswith(lead("public-detail", "status", number=near))

    # cancelled: the main menu back, nothing listed
    await user.press(listing, button("ru", "find-btn-near"))
    await user.expect_message()
    await user.send("привет")
    assert (await user.expect_message()).text == ru("find-near-wait")
    await user.send(button("ru", "btn-cancel"))
    cancelled = await user.expect_message()
    assert cancelled.text == ru("find-near-cancelled")
    assert cancelled.buttons[0] == [button("ru", "menu-idea"), button("ru", "menu-ideas")]

    # left by a command: the keyboard's «Отмена», still on screen, cancels what came next (never taken as its text)
    await user.press(listing, button("ru", "find-btn-near"))
    await user.expect_message()
    await user.send("/idea")
    assert (await user.expect_message()).text.startswith(ru("idea-ask-text", min=10, max=2000)[:20])
    await user.send(button("ru", "btn-cancel"))
    dropped = await user.expect_message()
    assert dropped.text == ru("idea-cancelled")
    assert dropped.buttons[0] == [button("ru", "menu-idea"), button("ru", "menu-ideas")]
    await user.send(button("ru", "btn-cancel"))  # pressed again, nothing going on: the menu comes back
    nothing = await user.expect_message()
    assert nothing.text == ru("nothing-to-cancel")
    assert nothing.buttons[0] == [button("ru", "menu-idea"), button("ru", "menu-ideas")]

    # a location sent without the button: the same; far from every idea: said so
    await user.send_location(55.7558, 37.6173)
    assert (await user.expect_message()).text == ru("find-near-got")
    empty = await user.expect_message()
    assert empty.text == ru("find-near-empty", radius="3\u00a0км")
    assert empty.buttons == [[button("ru", "find-btn-again"), button("ru", "public-btn-all")]]
    # in English: the decimal point, "from you"
    english = await onboarded(fake, 7003, "Jane", "en", territory="Orenburg")
    await english.send_location(*ORENBURG)
    assert (await english.expect_message()).text == en("find-near-got")
    listed = await english.expect_message()
    assert listed.text.startswith(en("find-near-head", radius="3\u00a0km", total=2, page="1", pages="1"))
    assert en("find-near-distance", distance="1.2\u00a0km") in listed.text

    forged = FindCb(action=FindAction.PAGE, mode=FindMode.NEAR, token=12345, page=1).pack()
    stale = await user.press_data(empty.chat_id, empty.message_id, forged)
    assert stale.text == ru("button-outdated") and stale.show_alert
    assert fake.refused == []
