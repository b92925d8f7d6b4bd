"""Public ideas end to end: /ideas browsing, supports, the author's threshold notice, similar ideas, reports."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from bot.handlers.ideas.callbacks import PubAction, PubCb, ReportReason
from bot.services.ideas import TEXT_MAX, TEXT_MIN
from bot.storage.models import IdeaDraft
from fake_telegram import BotMessage, FakeTelegram, ScriptedUser
from tests.support.in_process import InProcessBot
from tests.support.locale_text import button, en, pattern, ru, shown
from tests.support.scenarios import onboard, onboarded, send_idea, start_idea
from tests.support.settings import ADMIN_ID

URBAN, SOCIAL, TECH, YOUTH = 3, 2, 1, 4
BIKES = "Сделать велодорожку вдоль набережной Урала и поставить велопарковки у входа в Зауральную рощу."
URBAN_LABEL = {"ru": "🌳 Развитие городской среды", "en": "🌳 Urban environment"}  # the direction's label: data
DATE = r"\d\d\.\d\d\.\d{4}"  # 05.12.2026


def list_head(lang: str, total: int, page: int = 1, pages: int = 1, newest: bool = False, where: str = "") -> str:
    """The head of a page of /ideas: all ideas unless `where` (a filter's label) says which, most supported first
    unless `newest`."""
    return shown(
        lang,
        "public-list-head",
        filter=where or shown(lang, "public-filter-all"),
        sort=shown(lang, "public-sort-date" if newest else "public-sort-supports"),
        total=total,
        page=page,
        pages=pages,
    )


def list_lead(lang: str) -> str:
    """The head of /ideas up to the filter's label (what every page of the list starts with)."""
    mark = "\ue000"  # a private-use character: in no text
    return shown(lang, "public-list-head", filter=mark, sort="", total=0, page=0, pages=0).split(mark)[0]


def idea_screen(lang: str, number: int, text: str, supports: int, territory: str, *notes: str) -> str:
    """An approved idea of the urban direction opened from /ideas, as a regular expression (its date not pinned),
    with the notes (locale keys) under it."""
    body = pattern(
        lang,
        "public-detail",
        {"date": DATE},
        number=number,
        status=shown(lang, "public-status-accepted"),
        text=text,
        direction=URBAN_LABEL[lang],
        territory=territory,
        supports=supports,
    )
    under = "\n".join(shown(lang, key) for key in notes)
    return body + (re.escape("\n\n" + under) if notes else "")


async def publish(
    bot: InProcessBot,
    author_id: int,
    text: str,
    direction_id: int = URBAN,
    territory: str | None = "orenburg",
    status: str = "accepted",
) -> int:
    """An idea of ``author_id`` (created if unknown) that moderators already moved to ``status``."""
    repos = bot.dp["repos"]
    await repos.users.ensure(author_id)
    idea_id = await repos.ideas.submit(author_id, IdeaDraft(text=text, direction_id=direction_id), territory, 1000)
    # Its curator card went out back then (the tests here are about residents): not queued again.
    await repos.db.execute("DELETE FROM outbox WHERE kind = 'card' AND ref = ?", (idea_id,))
    await repos.db.execute("UPDATE ideas SET card_pending = 0 WHERE id = ?", (idea_id,))
    if status != "new":
        assert await repos.moderation.set_status(idea_id, "accepted", ADMIN_ID)
    if status in ("in_progress", "implemented"):
        assert await repos.moderation.set_status(idea_id, status, ADMIN_ID)
    return int(idea_id)


async def supporters(bot: InProcessBot, idea_id: int, count: int, first_id: int) -> None:
    repos = bot.dp["repos"]
    for user_id in range(first_id, first_id + count):
        await repos.users.ensure(user_id)
        await repos.public.support(idea_id, user_id, 10_000)


async def open_list(user: ScriptedUser) -> BotMessage:
    await user.send_command("/ideas")
    listing = await user.expect_message()
    assert listing.text.startswith((list_lead("ru"), list_lead("en"))), listing.text
    return listing


async def open_idea(user: ScriptedUser, listing: BotMessage, number: int) -> BotMessage:
    labels = [label for row in listing.buttons for label in row]
    await user.press(listing, f"№\u00a0{number}" if f"№\u00a0{number}" in labels else f"#{number}")
    return await user.expect_edit(listing)


def numbers_in(message: BotMessage) -> list[int]:
    return [int(b.lstrip("#№\u00a0")) for row in message.buttons for b in row if b.startswith(("#", "№"))]


async def test_browse_filters_sorting_and_pages(fake: FakeTelegram, bot: InProcessBot) -> None:
    ids = []
    for n, (direction, territory) in enumerate(
        [
            (URBAN, "orenburg"),
            (SOCIAL, "orsk"),
            (URBAN, "orsk"),
            (TECH, "buzuluk"),
            (YOUTH, "orenburg"),
            (URBAN, "orenburg"),
            (SOCIAL, None),
        ]
    ):
        ids.append(
            await publish(bot, 50 + n, f"Идея номер {n}: <скамейки> & фонари в сквере {n}", direction, territory)
        )
    await supporters(bot, ids[3], 3, 900)  # the most supported
    await supporters(bot, ids[5], 2, 910)
    await bot.dp["repos"].moderation.set_status(ids[6], "implemented", ADMIN_ID)
    # never listed: new, rejected, hidden by reports
    await publish(bot, 60, "Новая идея, ещё не рассмотрена модераторами", status="new")
    rejected = await publish(bot, 61, "Отклонённая идея про парковку", status="new")
    await bot.dp["repos"].moderation.set_status(rejected, "rejected", ADMIN_ID, "нет")
    hidden = await publish(bot, 62, "Скрытая жалобами идея")
    await bot.dp["repos"].db.execute("UPDATE ideas SET hidden_at = '2026-01-01T00:00:00+00:00' WHERE id = ?", (hidden,))

    user = await onboarded(fake, 5001, "Читатель")
    listing = await open_list(user)
    assert listing.text.startswith(list_head("ru", total=7, page=1, pages=2))
    first_page = numbers_in(listing)
    assert first_page[:2] == [ids[3], ids[5]] and len(first_page) == 5
    assert "<скамейки> & фонари" in listing.text  # user text escaped, shown as typed
    most_supported = ru(
        "public-list-item",
        number=ids[3],
        supports=3,
        status=ru("public-status-accepted"),
        excerpt="Идея номер 3: <скамейки> & фонари в сквере 3",
        direction="🚀 Технологическое лидерство",
        territory="Бузулук",
    )
    assert most_supported in listing.text

    await user.press(listing, "▶")
    page2 = await user.expect_edit(listing)
    assert page2.text.startswith(list_head("ru", total=7, page=2, pages=2))
    second_page = numbers_in(page2)
    assert sorted(first_page + second_page) == sorted(ids)

    await user.press(page2, button("ru", "public-btn-sort-date"))
    newest = await user.expect_edit(listing)
    assert numbers_in(newest) == sorted(ids, reverse=True)[:5]
    assert newest.text.startswith(list_head("ru", total=7, page=1, pages=2, newest=True))
    assert ru("public-status-implemented") in newest.text  # ids[6] is the newest public one

    await user.press(newest, button("ru", "public-btn-filter"))
    menu = await user.expect_edit(listing)
    await user.press(menu, button("ru", "public-btn-by-territory"))
    places = await user.expect_edit(listing)
    assert any("Орск · 2" in b for row in places.buttons for b in row)
    assert any("Оренбург · 3" in b for row in places.buttons for b in row)  # new, rejected, hidden not counted
    await user.press(places, "Орск · 2")
    orsk = await user.expect_edit(listing)
    assert sorted(numbers_in(orsk)) == [ids[1], ids[2]]
    in_orsk = ru("public-filter-territory", name="Орск")
    assert orsk.text.startswith(list_head("ru", total=2, newest=True, where=in_orsk))  # the sort chosen before is kept

    await user.press(orsk, button("ru", "public-btn-filter"))
    await user.press(await user.expect_edit(listing), button("ru", "public-btn-by-direction"))
    directions = await user.expect_edit(listing)
    await user.press(directions, "Социальные проекты")
    social = await user.expect_edit(listing)
    assert sorted(numbers_in(social)) == [ids[1], ids[6]]

    await user.press(social, button("ru", "public-btn-filter"))
    await user.press(await user.expect_edit(listing), button("ru", "public-btn-all"))
    everything = await user.expect_edit(listing)
    assert everything.text.startswith(list_head("ru", total=7, page=1, pages=2, newest=True))

    # the page counter does nothing; a forged page far beyond the end shows the last page
    before = len(listing.edits)
    result = await user.press(everything, "1 / 2")
    assert result.text is None and not result.show_alert
    forged = PubCb(action="page", page=99, sort="s").pack()
    await user.press_data(listing.chat_id, listing.message_id, forged)
    last = await user.expect_edit(listing)
    assert last.text.startswith(list_head("ru", total=7, page=2, pages=2)) and len(listing.edits) == before + 1
    # a number too large for the database (still within 64 bytes) is just an out-of-date button
    huge = f"pub1:open:{10**20}:a::s:0:"  # the factory itself refuses to pack it
    refused = await user.press_data(listing.chat_id, listing.message_id, huge)
    assert refused.text == ru("button-outdated")
    assert fake.refused == []


async def test_empty_list_and_the_menu_button(fake: FakeTelegram, bot: InProcessBot) -> None:
    user = await onboarded(fake, 5002, "Первый", "en", territory="Orsk")
    await user.send(button("en", "menu-ideas"))
    listing = await user.expect_message()
    assert listing.text.startswith(list_head("en", total=0)) and listing.text.endswith(en("public-list-empty"))


async def test_support_withdraw_and_threshold_notice_once(fake: FakeTelegram, start_bot: Any) -> None:
    bot = await start_bot(support_threshold=2)
    author = await onboarded(fake, 5101, "Автор", territory="Орск")
    number = await publish(bot, author.user_id, BIKES, territory="orsk")
    anna = await onboarded(fake, 5102, "Анна")
    boris = await onboarded(fake, 5103, "Борис", "en", territory="Orenburg")

    listing = await open_list(anna)
    detail = await open_idea(anna, listing, number)
    assert re.fullmatch(idea_screen("ru", number, BIKES, 0, "Орск"), detail.text), detail.text
    support_data = detail.button_data[button("ru", "public-btn-support")]
    result = await anna.press(detail, button("ru", "public-btn-support"))
    assert result.text == ru("public-supported", number=number)
    supported = await anna.expect_edit(listing)
    assert re.fullmatch(idea_screen("ru", number, BIKES, 1, "Орск", "public-detail-supported"), supported.text)
    assert button("ru", "public-btn-withdraw") in supported.button_data
    # the same Support button once more (an old copy of the message): counted once
    again = await anna.press_data(listing.chat_id, listing.message_id, support_data)
    assert again.text == ru("public-already-supported", number=number)
    assert (await bot.dp["repos"].public.get(number)).supports_count == 1

    b_list = await open_list(boris)
    b_detail = await open_idea(boris, b_list, number)
    assert re.fullmatch(idea_screen("en", number, BIKES, 1, "Orsk"), b_detail.text), b_detail.text
    await boris.press(b_detail, button("en", "public-btn-support"))
    supported_by_two = idea_screen("en", number, BIKES, 2, "Orsk", "public-detail-supported")
    assert re.fullmatch(supported_by_two, (await boris.expect_edit(b_list)).text)
    notice = await author.expect_message()
    assert notice.text == ru("public-threshold-reached", number=number, direction=URBAN_LABEL["ru"], supports=2)

    await boris.press(b_list, button("en", "public-btn-withdraw"))
    withdrawn = await boris.expect_edit(b_list)
    assert re.fullmatch(idea_screen("en", number, BIKES, 1, "Orsk"), withdrawn.text)
    assert button("en", "public-btn-support") in withdrawn.button_data
    await boris.press(withdrawn, button("en", "public-btn-support"))
    assert re.fullmatch(supported_by_two, (await boris.expect_edit(b_list)).text)
    await author.expect_no_message(within=0.5)  # reaching the threshold again tells nobody

    # the author sees their idea without Support / Report, and a forged press changes nothing
    a_list = await open_list(author)
    own = await open_idea(author, a_list, number)
    assert re.fullmatch(idea_screen("ru", number, BIKES, 2, "Орск", "public-detail-own"), own.text)
    assert list(own.button_data) == [button("ru", "idea-page-btn-more"), button("ru", "public-btn-list")]
    forged = await author.press_data(a_list.chat_id, a_list.message_id, support_data)
    assert forged.show_alert and forged.text == ru("public-own-support")
    assert (await bot.dp["repos"].public.get(number)).supports_count == 2
    assert fake.refused == []


async def test_concurrent_supports_notify_the_author_once(fake: FakeTelegram, start_bot: Any) -> None:
    bot = await start_bot(support_threshold=3)
    author = await onboarded(fake, 5201, "Автор", "en", territory="Orenburg")
    number = await publish(bot, author.user_id, BIKES)
    people = [fake.user(5210 + n, first_name=f"R{n}", language_code="ru") for n in range(5)]
    details = []
    for person in people:
        await onboard(person)
        listing = await open_list(person)
        details.append(await open_idea(person, listing, number))
    support = button("ru", "public-btn-support")
    await asyncio.gather(*(p.press(d, support) for p, d in zip(people, details, strict=True)))
    notice = await author.expect_message()
    assert notice.text == en("public-threshold-reached", number=number, direction=URBAN_LABEL["en"], supports=3)
    await author.expect_no_message(within=0.5)
    assert (await bot.dp["repos"].public.get(number)).supports_count == 5


async def test_similar_idea_supported_instead(fake: FakeTelegram, bot: InProcessBot) -> None:
    number = await publish(bot, 70, BIKES)
    await publish(bot, 71, "Открыть кружок робототехники для школьников в Орске", TECH, "orsk")
    user = await onboarded(fake, 5301, "Вера")
    offer = await start_idea(user, "Нужны велодорожки вдоль набережной реки Урал, чтобы ездить на работу")
    assert offer.text.startswith(ru("idea-similar")) and f"№\u00a0{number}" in offer.text
    assert "велодорожку вдоль набережной Урала" in offer.text and "робототехники" not in offer.text
    # /idea in the middle shows where the draft stopped
    await user.send_command("/idea")
    hint = await user.expect_message()
    assert hint.text == ru("idea-similar-need")
    assert button("ru", "idea-similar-support", number=number) in hint.button_data

    await user.press(offer, button("ru", "idea-similar-support", number=number))
    done = await user.expect_edit(offer)
    assert done.text == ru("idea-similar-supported", number=number) and done.buttons == []
    stale = await user.press(hint, button("ru", "idea-similar-continue"))
    assert stale.text == ru("button-outdated")
    repos = bot.dp["repos"]
    assert (await repos.public.get(number)).supports_count == 1
    assert (await repos.public.viewer(number, user.user_id))[0]
    _ideas, total = await repos.ideas.by_author(user.user_id)
    assert total == 0
    await user.send_command("/idea")
    assert (await user.expect_message()).text == ru("idea-ask-text", min=TEXT_MIN, max=TEXT_MAX)  # a fresh draft
    assert fake.refused == []


async def test_similar_idea_shown_then_continue_with_own(fake: FakeTelegram, bot: InProcessBot) -> None:
    number = await publish(bot, 72, "Build a cycle path along the Ural river embankment with bike parking")
    user = await onboarded(fake, 5302, "Глеб", "en", territory="Orenburg")
    offer = await start_idea(user, "A cycle path along the Ural embankment with bike racks near the grove", "en")
    assert offer.text.startswith(en("idea-similar")) and f"#{number}" in offer.text
    await user.press(offer, button("en", "idea-similar-continue"))
    assert (await user.expect_edit(offer)).buttons == []
    photos = await user.expect_message()
    assert photos.text == en("idea-ask-photos", max=10)
    await user.press(photos, button("en", "btn-skip"))
    place = await user.expect_message()
    await user.press(place, button("en", "btn-skip"))
    route = await user.expect_message()
    direction = route.buttons[0][0]
    await user.press(route, direction)
    summary = await user.expect_message()
    assert summary.text == en(
        "idea-summary",
        text="A cycle path along the Ural embankment with bike racks near the grove",
        photos=0,
        place=en("idea-place-none"),
        territory="Orenburg",
        direction=direction,
    )
    mine = await send_idea(user, summary, "en")
    assert mine != number

    # a text about something else goes straight on to the photos
    ask = await start_idea(user, "Open a robotics club for school children in the library", "en")
    assert ask.text == en("idea-ask-photos", max=10)
    # (the new idea's card went to the superadmin, who never opened the bot: "chat not found")
    assert [r for r in fake.refused if r.params.get("chat_id") != ADMIN_ID] == []


async def test_own_public_idea_is_not_offered(fake: FakeTelegram, bot: InProcessBot) -> None:
    user = await onboarded(fake, 5303, "Дина")
    await publish(bot, user.user_id, BIKES)
    assert (await start_idea(user, BIKES)).text == ru("idea-ask-photos", max=10)


async def test_reports_hide_the_idea_and_tell_the_staff(
    fake: FakeTelegram, start_bot: Any, admin: ScriptedUser
) -> None:
    # Every report counts here; whose reports count is tested in test_reports_of_new_residents_do_not_hide.
    bot = await start_bot(reports_to_hide=2, report_min_age=0, report_min_actions=0)
    await onboard(admin)
    author = await onboarded(fake, 5401, "Автор")
    number = await publish(bot, author.user_id, "Реклама <b>магазина</b> & скидки, звоните!")
    other = await publish(bot, 80, BIKES)
    first = await onboarded(fake, 5402, "Первый")
    second = await onboarded(fake, 5403, "Second", "en", territory="Orenburg")

    # the author has no Report button, and a forged report is refused
    a_list = await open_list(author)
    own = await open_idea(author, a_list, number)
    assert button("ru", "public-btn-report") not in own.button_data
    forged = PubCb(action=PubAction.REPORT_REASON, idea=number, reason=ReportReason.SPAM).pack()
    refused = await author.press_data(a_list.chat_id, a_list.message_id, forged)
    assert refused.show_alert and refused.text == ru("public-own-report")

    listing = await open_list(first)
    detail = await open_idea(first, listing, number)
    report_data = detail.button_data[button("ru", "public-btn-report")]
    await first.press(detail, button("ru", "public-btn-report"))
    reasons = await first.expect_edit(listing)
    assert reasons.text == ru("public-report-ask", number=number)
    spam_data = reasons.button_data[button("ru", "public-reason-spam")]
    result = await first.press(reasons, button("ru", "public-reason-spam"))
    assert result.text == ru("public-reported", number=number)
    after = await first.expect_edit(listing)
    assert ru("public-detail-reported") in after.text and button("ru", "public-btn-report") not in after.button_data
    again = await first.press_data(listing.chat_id, listing.message_id, spam_data)
    assert again.text == ru("public-already-reported", number=number)
    again = await first.press_data(listing.chat_id, listing.message_id, report_data)
    assert again.show_alert and again.text == ru("public-already-reported", number=number)
    await admin.expect_no_message(within=0.3)  # one report of two: still public

    s_list = await open_list(second)
    await open_idea(second, s_list, number)
    await second.press(s_list, button("en", "public-btn-report"))
    reasons = await second.expect_edit(s_list)
    await second.press(reasons, button("en", "public-reason-none"))
    hidden = await second.expect_edit(s_list)
    assert hidden.text == en("public-hidden-now", number=number)

    staff = await admin.expect_message()
    text = "Реклама <b>магазина</b> & скидки, звоните!"  # escaped, shown as typed
    assert staff.text == ru("public-staff-hidden", number=number, reports=2, text=text)
    told = await author.expect_message()  # the author hears of the change too
    assert told.text == ru("notify-hidden", number=number)
    repos = bot.dp["repos"]
    stored = await repos.ideas.get(number)
    assert stored.hidden_at is not None and stored.reports_count == 2
    rows = await repos.db.fetchall("SELECT user_id, reason FROM reports WHERE idea_id = ? ORDER BY user_id", (number,))
    assert [tuple(r) for r in rows] == [(first.user_id, "spam"), (second.user_id, None)]

    # gone from the list; its old buttons answer clearly and change nothing
    fresh = await open_list(first)
    assert numbers_in(fresh) == [other]
    stale = await first.press(after, button("ru", "public-btn-support"))
    assert stale.show_alert and stale.text == ru("public-not-public", number=number)
    assert await repos.public.viewer(number, first.user_id) == (False, True)
    assert fake.refused == []


async def report(user: ScriptedUser, number: int, reason: str) -> str:
    """/ideas → the idea → Report → a reason (its button label); returns the toast."""
    listing = await open_list(user)
    await open_idea(user, listing, number)
    await user.press(listing, button("ru", "public-btn-report"))
    reasons = await user.expect_edit(listing)
    answer = await user.press(reasons, reason)
    await user.expect_edit(listing)
    return answer.text or ""


async def test_reports_count_from_established_residents_and_vanish_with_them(
    fake: FakeTelegram, start_bot: Any, admin: ScriptedUser
) -> None:
    """Three fresh accounts cannot hide an idea; two residents of some standing can, the moderators see who
    reported, and when a reporter deletes their data the idea is public again (author and staff told)."""
    bot = await start_bot(reports_to_hide=2)
    await onboard(admin)
    author = await onboarded(fake, 5451, "Автор")
    number = await publish(bot, author.user_id, "Осветить дорожку через Зауральную рощу к остановке.")
    other = await publish(bot, 81, BIKES)
    anna = fake.user(5452, first_name="Анна", last_name="Ким", username="anna_kim", language_code="ru")
    boris = fake.user(5453, first_name="Борис", language_code="ru")
    vera = fake.user(5454, first_name="Вера", language_code="ru")
    for resident in (anna, boris, vera):
        await onboard(resident)
    for resident in (anna, boris):  # an action of their own: Vera has none
        await bot.dp["repos"].public.support(other, resident.user_id, 100)
    await bot.stop()
    # Two days later (the bot's clock moved on): newcomers arrive.
    bot = await start_bot(reports_to_hide=2, clock_shift=2 * 86400)
    admin.drain()  # the curator cards of the two ideas, posted at start-up (no curator chat is bound)
    reported = ru("public-reported", number=number)
    spam = button("ru", "public-reason-spam")
    assert await report(vera, number, button("ru", "public-reason-offtopic")) == reported
    newcomers = [fake.user(5460 + i, first_name=f"Новичок{i}", language_code="ru") for i in range(3)]
    for newcomer in newcomers:
        await onboard(newcomer)
        await bot.dp["repos"].public.support(other, newcomer.user_id, 100)
        assert await report(newcomer, number, spam) == reported
    assert await report(anna, number, spam) == reported
    await admin.expect_no_message(within=0.3)  # of these only Анна's counts: still public
    assert (await bot.dp["repos"].public.get(number)) is not None

    listing = await open_list(boris)
    await open_idea(boris, listing, number)
    await boris.press(listing, button("ru", "public-btn-report"))
    await boris.press(await boris.expect_edit(listing), button("ru", "public-reason-none"))
    assert (await boris.expect_edit(listing)).text == ru("public-hidden-now", number=number)
    staff = await admin.expect_message()
    text = "Осветить дорожку через Зауральную рощу к остановке."
    assert staff.text == ru("public-staff-hidden", number=number, reports=2, text=text)
    assert (await author.expect_message()).text == ru("notify-hidden", number=number)

    await admin.send_command("/moderate")
    queue = await admin.expect_message()
    await admin.press(queue, button("ru", "mod-btn-hidden", n=1))
    card = await admin.expect_message()
    assert ru("mod-hidden-note", reports=2, supports=0) in card.text
    # whole-screen check: the wording itself is under test (who reported, which reports count, as moderators read it)
    assert (
        "🚩 Кто пожаловался (6):\n"
        "• Анна Ким (@anna_kim) — Спам или реклама\n"
        "• Борис — Без причины\n"
        "• Вера — Не по теме (не учтена)\n"
        "• Новичок0 — Спам или реклама (не учтена)\n"
        "• Новичок1 — Спам или реклама (не учтена)\n"
        "• Новичок2 — Спам или реклама (не учтена)\n"
        "Не учтены жалобы тех, кто недавно в боте или ещё ничего в нём не делал: они идею не скрывают."
    ) in card.text
    assert str(anna.user_id) not in card.text

    # Анна deletes her data: one counted report is left, fewer than two, so the idea is public again.
    await anna.send_command("/delete_me")
    await anna.press(await anna.expect_message(), button("ru", "delete-yes"))
    assert (await anna.expect_message()).text == ru("delete-done")
    back = await author.expect_message()
    assert back.text == ru("notify-restored-auto", number=number)
    told = await admin.expect_message()
    assert told.text == ru("public-staff-restored", number=number, threshold=2, text=text)
    assert numbers_in(await open_list(vera)) == [other, number]
    idea = await bot.dp["repos"].ideas.get(number)
    assert idea is not None and idea.hidden_at is None and idea.reports_count == 1
    # Борис leaving too changes nothing more: the idea is public already.
    await boris.send_command("/delete_me")
    await boris.press(await boris.expect_message(), button("ru", "delete-yes"))
    assert (await boris.expect_message()).text == ru("delete-done")
    await author.expect_no_message(within=0.3)
    assert fake.refused == []


async def test_forged_and_outdated_presses(fake: FakeTelegram, bot: InProcessBot) -> None:
    waiting = await publish(bot, 90, "Идея ещё ждёт модерации, её нельзя поддержать", status="new")
    user = await onboarded(fake, 5501, "Хакер")
    listing = await open_list(user)
    for action in ("open", "sup", "uns", "rep"):
        data = PubCb(action=action, idea=waiting).pack()
        result = await user.press_data(listing.chat_id, listing.message_id, data)
        assert result.show_alert and result.text == ru("public-not-public", number=waiting), action
    missing = await user.press_data(listing.chat_id, listing.message_id, PubCb(action="open", idea=99999).pack())
    assert missing.show_alert and "№\u00a099999" in missing.text
    bad_reason = f"pub1:rr:{waiting}:a::s:0:x"  # a reason the bot never offers
    assert (await user.press_data(listing.chat_id, listing.message_id, bad_reason)).text == ru("button-outdated")
    assert listing.edits == []
    repos = bot.dp["repos"]
    assert await repos.public.viewer(waiting, user.user_id) == (False, False)
    assert (await repos.ideas.get(waiting)).supports_count == 0

    # someone without consent: /ideas and buttons are refused with what to do
    stranger = fake.user(5502, first_name="Гость", language_code="ru")
    await stranger.send_command("/ideas")
    assert "/start" in (await stranger.expect_message()).text
    await stranger.send_command("/start")
    await stranger.expect_message()
    await stranger.expect_message()
    pressed = await stranger.press_data(stranger.chat_id, 1, PubCb(action="page").pack())
    assert pressed.show_alert and "/start" in pressed.text


async def test_similar_ideas_follow_the_public_set(fake: FakeTelegram, bot: InProcessBot) -> None:
    """The cached vectors notice an idea becoming public and leaving the public list."""
    user = await onboarded(fake, 5304, "Ева")
    text = "Нужны велодорожки вдоль набережной реки Урал"

    async def offered() -> bool:
        await user.send_command("/idea")
        assert (await user.expect_message()).text == ru("idea-ask-text", min=TEXT_MIN, max=TEXT_MAX)
        await user.send(text)
        answer = await user.expect_message()
        await user.send_command("/cancel")
        await user.expect_message()
        return answer.text.startswith(ru("idea-similar"))

    assert not await offered()
    number = await publish(bot, 73, BIKES)
    assert await offered()
    await bot.dp["repos"].db.execute("UPDATE ideas SET hidden_at = '2026-01-01T00:00:00+00:00' WHERE id = ?", (number,))
    assert not await offered()
    await bot.dp["repos"].db.execute("UPDATE ideas SET hidden_at = NULL WHERE id = ?", (number,))
    assert await offered()


async def test_an_idea_hidden_by_reports_that_no_longer_count_is_public_again_at_start(
    fake: FakeTelegram, start_bot: Any, admin: ScriptedUser
) -> None:
    bot = await start_bot(reports_to_hide=3)
    await onboard(admin)
    author = await onboarded(fake, 5451, "Автор")
    number = await publish(bot, author.user_id, BIKES)
    # As an older version left it: hidden, its reports gone with their authors' /delete_me.
    await bot.dp["repos"].db.execute("UPDATE ideas SET hidden_at = '2026-01-01T00:00:00+00:00' WHERE id = ?", (number,))
    await bot.stop()
    admin.drain()
    author.drain()

    restarted = await start_bot(reports_to_hide=3)
    told = await author.expect_message(timeout=10)
    assert told.text == ru("notify-restored-auto", number=number)
    staff = await admin.expect_message(timeout=10)
    assert staff.text == ru("public-staff-restored", number=number, threshold=3, text=BIKES)
    idea = await restarted.dp["repos"].ideas.get(number)
    assert idea is not None and idea.hidden_at is None
