"""Acceptance of issue 14, point by point, written from the issue's text alone: what residents (in Russian and
English), organizers, superadmins and curators in a group see when they use the bot as the issue describes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from fake_telegram import BotMessage, FakeTelegram, ScriptedUser
from tests.support.in_process import InProcessBot
from tests.support.locale_text import button, ru
from tests.support.scenarios import (
    accept_consent,
    curator_chat,
    onboarded,
    send_idea,
    start_idea,
    write_idea,
)
from tests.support.seeding import add_residents, add_session
from tests.support.waiting import wait_for, watch

URBAN = "Развитие городской среды"
BENCHES = "Поставить лавочки и урны вдоль улицы Советской, а то присесть негде."
SQUARE = (
    "Благоустроить сквер у Дворца культуры металлургов в Орске: поставить лавочки, фонари и урны, посадить деревья."
)
NEAR_COPY = "Благоустроить сквер у ДК металлургов в Орске, поставить лавочки и фонари."  # the near-copy
NBSP = "\u00a0"


def labels(message: BotMessage) -> list[str]:
    return [label for row in message.buttons for label in row]


# --- 1 and 2: commands mid-dialogue; staff without the residents' onboarding ---------------------------------


async def test_points_1_2_commands_go_through_and_staff_skip_onboarding(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser
) -> None:
    # 1. A newcomer at the territory question taps /idea: not taken as a place; told plainly to finish first.
    anna = fake.user(5001, first_name="Анна", language_code="ru")
    await accept_consent(anna)
    await anna.send_command("/idea")
    told = await anna.expect_message()
    assert "/idea" not in told.text and "Не нашёл" not in told.text
    assert "закончим настройку" in told.text
    again = await anna.expect_message()
    assert "Где вы живёте" in again.text and again.buttons[0] == ["Оренбург", "Орск"]

    # 2. The superadmin's /start: their own welcome, no consent; every command of their menu listed.
    await admin.send_command("/start")
    welcome = await admin.expect_message()
    assert "Согласие на обработку" not in welcome.text
    for command in ("/moderate", "/broadcast", "/stats", "/export", "/audit", "/organizers", "/new_session"):
        assert command in welcome.text
    assert welcome.buttons == [[button("ru", "staff-btn-resident")]]

    # 2. Someone who pressed /start but never consented becomes an organizer: no «ещё не запускал(а)» refusal.
    petr = fake.user(5002, first_name="Пётр", language_code="ru")
    await petr.send_command("/start")
    await petr.expect_message()
    consent = await petr.expect_message()
    assert "Согласие на обработку" in consent.text
    await admin.send_command("/organizers", "add 5002")
    added = await admin.expect_message()
    assert added.text.startswith("✅ id 5002 теперь организатор"), added.text
    assert "запускал" not in added.text and "(а)" not in added.text
    appointed = await petr.expect_message()
    assert "назначены организатором" in appointed.text and "/moderate" in appointed.text
    # 12. The organizer's welcome lists every command of the menu set for them (and only those).
    menus = [
        r.params
        for r in fake.requests_for("setMyCommands")
        if (r.params.get("scope") or {}).get("chat_id") == petr.user_id
        and (r.params.get("language_code") in (None, "ru"))
    ]
    assert menus, "no menu set for the new organizer"
    menu = [c["command"] for c in menus[-1]["commands"]]
    listed = [line.split(" — ")[0].lstrip("/") for line in appointed.text.splitlines() if line.startswith("/")]
    assert listed == menu, (listed, menu)
    # 1+2. The new organizer, onboarding unfinished, types /moderate: the command runs.
    await petr.send_command("/moderate")
    queue = await petr.expect_message()
    assert queue.text == "🎉 Новых идей в очереди нет.", queue.text


# --- 3, 4, 5: rejection with a preview; the idea page; following an idea --------------------------------------


async def test_points_3_4_5_reject_preview_idea_page_and_following(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser
) -> None:
    await admin.send_command("/start")
    await admin.expect_message()
    group = await curator_chat(fake, admin, -1001, "Кураторы среды")
    anna = await onboarded(fake, 5101, "Анна")
    first = await send_idea(
        anna, await write_idea(anna, BENCHES, photos=2, address="ул. Советская, 10", direction=URBAN)
    )
    second = await send_idea(anna, await write_idea(anna, SQUARE, address="Орск, сквер у ДК", direction=URBAN))
    cards = []
    for _ in range(2):
        album = [await group.expect_message(), await group.expect_message()] if not cards else []
        assert all(m.kind == "media_group_item" for m in album)
        cards.append(await group.expect_message())
    card = cards[1]
    assert f"Идея №{NBSP}{second}" in card.text and "Место: Орск, сквер у ДК" in card.text

    # 3. «Нет» as a reply to the reason prompt backs out: nothing reaches the author.
    await admin.press(card, "Отклонить")
    prompt = await group.expect_message()
    assert prompt.reply_markup == {"force_reply": True, "selective": True}  # privacy mode: answered by reply
    assert "ответьте на это сообщение" in prompt.text and "от 10 до 500 символов" in prompt.text
    await admin.send_in(group, "Нет", reply_to=prompt)
    backed = await group.expect_message()
    assert "отменено" in backed.text and "автору ничего не отправлено" in backed.text
    # 3. Too short a reason is refused; a real one is previewed with Send / Edit / Back, then sent.
    await admin.press(card, "Отклонить")
    prompt = await group.expect_message()
    await admin.send_in(group, "Плохо", reply_to=prompt)
    short = await group.expect_message()
    assert "слишком короткая" in short.text and "симв." not in short.text
    reason = "Такое уже есть в плане благоустройства на следующий год."
    await admin.send_in(group, reason, reply_to=short)
    preview = await group.expect_message()
    assert preview.text.startswith("Проверьте, что получит автор") and f"Причина: {reason}" in preview.text
    assert preview.buttons == [["📨 Отправить"], ["✏️ Изменить", "Назад"]]
    await admin.press(preview, "Отправить")
    rejected = await anna.expect_message()
    assert f"№{NBSP}{second}" in rejected.text and f"Причина: {reason}" in rejected.text
    assert "Причина: Нет" not in rejected.text

    # 4. The first idea (two photos, an address) accepted; its page by the deep link, in English and Russian.
    await admin.press(cards[0], "Принять")
    accepted = await anna.expect_message()
    assert f"№{NBSP}{first}" in accepted.text and "приняли" in accepted.text
    boris = await onboarded(fake, 5102, "Boris", "en", territory="Orsk")
    await boris.send_command("/start", payload=f"idea_{first}")
    album = [await boris.expect_message(), await boris.expect_message()]
    assert [m.kind for m in album] == ["media_group_item", "media_group_item"]
    page_en = await boris.expect_message()
    assert page_en.text.startswith(f"💡 Idea #{first} · accepted"), page_en.text
    for line in ("Direction: 🌳 Urban environment", "Territory: Orenburg", "Place: ул. Советская, 10", "History"):
        assert line in page_en.text
    assert labels(page_en)[:2] == ["👍 Support", "🔔 Follow"] and "Share" in labels(page_en)
    await boris.press(page_en, "👍 Support")

    vera = await onboarded(fake, 5103, "Вера")
    await vera.send_command("/start", payload=f"idea_{second}")  # a rejected idea is not public
    assert "не опубликована" in (await vera.expect_message()).text
    await vera.send_command("/start", payload=f"idea_{first}")
    await vera.expect_message()  # its two photos come first, as an album
    await vera.expect_message()
    page = await vera.expect_message()
    assert page.text.startswith(f"💡 Идея №{NBSP}{first} · принята")
    assert "Фото выше: 2" in page.text and "Место: ул. Советская, 10" in page.text
    assert "Поддержали: 1 человек" in page.text  # Boris's support
    assert "— подана" in page.text and "— принята" in page.text  # the status history with dates
    await vera.press(page, "🔔 Следить")

    # 4. From /my: a list whose numbers open the same page.
    await anna.send_command("/my")
    mine = await anna.expect_message()
    assert labels(mine) == [f"№{NBSP}{first}", f"№{NBSP}{second}"] or labels(mine) == [
        f"№{NBSP}{second}",
        f"№{NBSP}{first}",
    ]
    await anna.press(mine, f"№{NBSP}{first}")
    own = [await anna.expect_message() for _ in range(3)][-1]  # the photos, then the page
    assert own.text.startswith(f"💡 Идея №{NBSP}{first} · принята") and "Это ваша идея." in own.text

    # 5. «В работу» on the card: the supporter (English) and the follower (Russian) are told, with one switch.
    card = await group.expect_edit(cards[0])
    await admin.press(card, "В работу")
    news_en = await boris.expect_message()
    assert news_en.text.startswith(f"🛠 Idea #{first}, which you follow, is now in progress.")
    news = await vera.expect_message()
    assert news.text.startswith(f"🛠 Идея №{NBSP}{first}, за которой вы следите, теперь в работе.")
    assert news.buttons == [["Открыть идею"], ["Не присылать такие уведомления"]]
    assert (await anna.expect_message()).text.startswith(f"Вашу идею №{NBSP}{first} взяли в работу")
    await vera.press(news, "Не присылать такие уведомления")
    stopped = await vera.expect_message()
    assert stopped.text.startswith("Уведомления об идеях") and "выключены" in stopped.text
    card = await group.expect_edit(card)
    await admin.press(card, "Реализована")
    done_en = await boris.expect_message()
    assert f"Idea #{first}" in done_en.text and "implemented" in done_en.text
    await vera.expect_no_message(0.3)  # switched off


# --- 6, 7, 8: settings; finding ideas; hints with their buttons ----------------------------------------------


async def test_points_6_7_8_settings_find_and_hints(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser, db_path: Path
) -> None:
    anna = await onboarded(fake, 5401, "Анна")
    # 8. «фото нет, пропустите» is understood; a photo sent as a file counts; every hint carries its buttons.
    ask = await start_idea(anna, SQUARE)
    assert ask.buttons[0] == ["Пропустить"]
    await anna.send_document("square.jpg")
    ack = await anna.expect_message()
    assert "1" in ack.text and "Готово" in ack.text and ack.buttons[0] == ["Готово"], ack.text
    await anna.press(ack, "Готово")
    place = await anna.expect_message()
    assert "Где это" in place.text and place.buttons[0] == ["Пропустить"]
    await anna.send_location(51.2290, 58.4750)  # Orsk
    route = await anna.expect_message()
    if not any(URBAN in b for b in labels(route)):
        await anna.press(route, "…")
        route = await anna.expect_edit(route)
    await anna.press(route, URBAN)
    summary = await anna.expect_message()
    assert "51.229" not in summary.text and "58.475" not in summary.text  # no raw coordinates
    number = await send_idea(anna, summary)
    await admin.send_command("/moderate")
    card = await admin.expect_message()
    while not card.buttons:  # the idea's photo comes before its card
        card = await admin.expect_message()
    await admin.press(card, "Принять")
    await admin.expect_edit(card)

    boris = await onboarded(fake, 5402, "Борис")
    ask = await start_idea(boris, BENCHES)
    await boris.send("фото нет, пропустите")
    place = await boris.expect_message()
    assert "Где это" in place.text and place.buttons[0] == ["Пропустить"]
    await boris.send_command("/cancel")
    menu = await boris.expect_message()  # 6. the main menu comes back with the idea dropped
    assert ["📋 Мои идеи", "📅 Сессии"] in menu.buttons and ["⚙️ Настройки", "❓ Помощь"] in menu.buttons
    said = await boris.send("Привет")
    await boris.expect_message()
    await boris.edit(said, "Привет!")
    edited = await boris.expect_message()
    assert "Изменённые сообщения" in edited.text
    await boris.send_command("/language")
    picker = await boris.expect_message()
    await boris.press(picker, "🇷🇺 Русский")
    await boris.expect_message()
    assert (await boris.expect_edit(picker)).buttons == []

    # 7. Search by words, and «рядом со мной» from a shared location.
    await boris.send_command("/ideas")
    ideas = await boris.expect_message()
    assert ["🔎 Поиск", "📍 Рядом со мной"] in ideas.buttons
    await boris.press(ideas, "🔎 Поиск")
    await boris.expect_message()
    await boris.send("фонари сквер")
    found = await boris.expect_message()
    assert found.text.startswith("🔎 Поиск: «фонари сквер»") and f"№{NBSP}{number}" in found.text
    await boris.send_command("/ideas")
    ideas = await boris.expect_message()
    await boris.press(ideas, "📍 Рядом со мной")
    await boris.expect_message()
    await boris.send_location(51.2300, 58.4760)
    await boris.expect_message()  # «Место получено», the main keyboard back
    near = await boris.expect_message()
    assert near.text.startswith("📍 Идеи рядом с вами") and f"№{NBSP}{number}" in near.text, near.text
    assert "м от вас" in near.text
    # 4. The idea's page names the place in words; the Telegram location comes on request.
    await boris.send_command("/start", payload=f"idea_{number}")
    await boris.expect_message()  # the photo sent as a file, shown above the page
    page = await boris.expect_message()
    assert "Место: точка на карте" in page.text and "58.47" not in page.text
    await boris.press(page, "📍 Показать на карте")
    pin = await boris.expect_message()
    assert pin.kind == "location"

    # 6. /settings (also in the main menu): territory, directions, notices, language, «Мои записи» with cancel.
    session = add_session(db_path, capacity=5)
    await boris.send_command("/start", payload=f"session_{session}")
    shown = await boris.expect_message()
    await boris.press(shown, "Записаться")
    assert (await boris.expect_message()).text.startswith("✅ Вы записаны")
    assert (await boris.expect_message()).kind == "document"  # the calendar file
    assert (await boris.expect_message()).kind == "photo"  # the QR code
    await boris.send("⚙️ Настройки")
    settings = await boris.expect_message()
    assert settings.text.startswith("⚙️ Настройки")
    for line in ("Город или район: Оренбург", "Объявления и анонсы", "Новости об идеях", "Напоминания о сессиях"):
        assert line in settings.text
    await boris.press(settings, "Мои записи")
    regs = await boris.expect_edit(settings)
    assert regs.text.startswith("📋 Мои записи") and "Хакатон городских идей" in regs.text, regs.text
    assert "Вы записаны." in regs.text
    cancel = next(b for b in labels(regs) if b.startswith("✖ Отменить"))
    await boris.press(regs, cancel)
    confirm = await boris.expect_edit(regs)
    assert confirm.text.startswith("❓") and "Хакатон городских идей" in confirm.text
    assert confirm.buttons[-1] == ["« Назад"]
    # Directions one by one, the territory, the language: each on the same settings message.
    await boris.send_command("/settings")
    settings = await boris.expect_message()
    await boris.press(settings, "Направления")
    directions = await boris.expect_edit(settings)
    await boris.press(directions, URBAN)
    directions = await boris.expect_edit(directions)
    assert f"✅ 🌳 {URBAN}" in labels(directions)
    await boris.press(directions, "« Назад")
    back = await boris.expect_edit(directions)
    assert f"Направления: {URBAN}" in back.text
    await boris.press(back, "Город или район")
    places = await boris.expect_edit(back)
    await boris.press(places, "Орск")
    moved = await boris.expect_edit(places)
    assert moved.text.startswith("Город или район изменён: Орск.")
    await boris.press(moved, "Язык")
    languages = await boris.expect_edit(moved)
    await boris.press(languages, "🇬🇧 English")
    english = await boris.expect_edit(languages)
    assert english.text.startswith("⚙️ Settings") and "Town or district: Orsk" in english.text


# --- 9, 10, 11, 13: session links for newcomers; consent; similar ideas; no superadmin; after /delete_me ---------


async def test_points_9_10_11_13_session_link_consent_similar_and_leftovers(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 9. A newcomer by a session link: the session, a consent framed for it, registered right after.
    session = add_session(db_path, capacity=5)
    nina = fake.user(5301, first_name="Нина", language_code="ru")
    await nina.send_command("/start", payload=f"session_{session}")
    assert (await nina.expect_message()).text.startswith("Хакатон городских идей")
    framed = await nina.expect_message()
    assert "записать вас на эту сессию" in framed.text and "иде" not in framed.text.lower()
    consent = await nina.expect_message()
    for purpose in ("записей на проектные сессии", "отметок о приходе", "оценок", "голосов"):  # 10
        assert purpose in consent.text
    await nina.press(consent, "✅ Согласие даю")
    assert (await nina.expect_message()).text.startswith("Спасибо, согласие принято")
    assert (await nina.expect_message()).text.startswith("✅ Вы записаны на «Хакатон городских идей»")

    # 9. In English too; the idea set-up is left for when the person wants to send an idea.
    jane = fake.user(5304, first_name="Jane", language_code="en")
    await jane.send_command("/start", payload=f"session_{session}")
    await jane.expect_message()
    framed = await jane.expect_message()
    assert framed.text.startswith("📝 To register you for this session") and "idea" not in framed.text
    await jane.press(await jane.expect_message(), "✅ I agree")
    assert (await jane.expect_message()).text.startswith("Thank you, your consent is recorded")
    assert (await jane.expect_message()).text.startswith("✅ You are registered for “Хакатон городских идей”")
    await jane.expect_message()  # the calendar file
    await jane.expect_message()  # the QR code
    await jane.send_command("/idea")
    assert (await jane.expect_message()).text == "Let's finish the set-up first — it takes half a minute."
    assert (await jane.expect_message()).text.startswith("📍 Where do you live?")

    # 10. Someone who accepted the old consent is asked once, at the next action; /privacy summarises.
    add_residents(db_path, [5302])
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE users SET consent_version = '2025-01-01' WHERE id = 5302")
    oleg = fake.user(5302, first_name="Олег", language_code="ru")
    await oleg.send_command("/ideas")
    renewed = await oleg.expect_message()
    assert "Согласие на обработку персональных данных обновлено" in renewed.text
    await oleg.press(renewed, "✅ Принимаю")
    thanks = await oleg.expect_message()
    assert thanks.text.startswith("Спасибо, новая редакция согласия принята.")
    await oleg.send_command("/privacy")
    privacy = await oleg.expect_message()
    assert privacy.text.startswith("Персональные данные") and len(privacy.text) < len(consent.text)

    # 13. No superadmin has ever pressed Start: an organizer hears that cards go nowhere, at the first chance
    # (here /help) and in /stats.
    put_off = watch(monkeypatch, bot.dp["repos"].outbox, "later")  # a card the outbox could not send to anyone
    org = await onboarded(fake, 5400, "Орг")
    await bot.dp["repos"].roles.grant(org.user_id, "organizer", granted_by=admin.user_id)
    anna = await onboarded(fake, 5401, "Анна")
    number = await send_idea(anna, await write_idea(anna, SQUARE, direction=URBAN))

    async def one_card_waits() -> bool:
        return (await bot.dp["repos"].staff_notices.unrouted()).count == 1

    await wait_for(one_card_waits, on=put_off, what="the card waiting for someone")
    await org.send_command("/help")
    assert (await org.expect_message()).text.startswith("Что я умею")
    notice = await org.expect_message()
    assert notice.text.startswith("⚠️ 1 идея ждёт кураторов: у направления «Развитие городской среды» нет чата")
    await org.send_command("/stats")
    stats = await org.expect_message()
    assert "⚠️ Идеи без кураторов: 1" in stats.text, stats.text
    assert (await org.expect_message()).kind == "photo"  # the chart

    # 11. The 75-character near-copy of an accepted idea is matched.
    await org.send_command("/moderate")
    card = await org.expect_message()
    await org.press(card, "Принять")
    boris = await onboarded(fake, 5402, "Борис")
    similar = await start_idea(boris, NEAR_COPY)
    assert similar.text.startswith("🔍 Похожие идеи") and f"№{NBSP}{number}" in similar.text

    # 13. After /delete_me, /my does not talk about consent for ideas as if nothing happened.
    await boris.send_command("/cancel")
    await boris.expect_message()
    await boris.send_command("/delete_me")
    confirm = await boris.expect_message()
    await boris.press(confirm, "Да, удалить")
    await boris.expect_message()
    await boris.send_command("/my")
    mine = await boris.expect_message()
    assert "/delete_me" in mine.text and "согласи" not in mine.text.lower(), mine.text


# --- 12: one voice in Russian -------------------------------------------------------------------------------


async def test_point_12_one_voice(fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser) -> None:
    forms = {
        n: ru("public-threshold-reached", number=1, direction="Среда", supports=n) for n in (1, 2, 5, 11, 21, 22, 25)
    }
    assert "поддержал уже 1 житель." in forms[1] and "поддержал уже 21 житель." in forms[21]
    for n in (2, 22):
        assert f"поддержали уже {n} жителя." in forms[n]
    for n in (5, 11, 25):
        assert f"поддержали уже {n} жителей." in forms[n]
    assert button("ru", "mod-btn-approve") == "✅ Принять" and button("ru", "mod-btn-reject") == "❌ Отклонить"
    # The organizer's /audit after a status change: no raw keys.
    anna = await onboarded(fake, 5501, "Анна")
    number = await send_idea(anna, await write_idea(anna, BENCHES, direction=URBAN))
    await admin.send_command("/moderate")
    card = await admin.expect_message()
    await admin.press(card, "Принять")
    card = await admin.expect_edit(card)
    await admin.press(card, "В работу")
    await admin.expect_edit(card)
    # The curators' public answer from the idea page, and a new organizer: both in /audit.
    await admin.send_command("/start", payload=f"idea_{number}")
    page = await admin.expect_message()
    while not page.text.startswith("💡"):  # after what /moderate left (the queue is empty now)
        page = await admin.expect_message()
    await admin.press(page, "Ответ автору и жителям")
    ask = await admin.expect_message()
    await admin.send("Лавочки поставим весной. Спасибо за идею!", reply_to=ask)
    assert (await admin.expect_message()).text.startswith("Ответ опубликован")
    told = await anna.expect_message()
    while "ответили" not in told.text:
        told = await anna.expect_message()
    await admin.send_command("/organizers", "add 5501")
    await admin.expect_message()
    await admin.send_command("/audit")
    audit = await admin.expect_message()
    assert "ответ: Лавочки поставим весной" in audit.text, audit.text
    for raw in ("in_progress", "accepted", "status:", "direction:", "urban", "youth", "answer:", "name:"):
        assert raw not in audit.text, audit.text
    await admin.send_command("/results")
    results = await admin.expect_message()
    assert "Чьи итоги" not in results.text
