"""The organizers' side of sessions end to end through the fake Bot API: /new_session with every kind of
bad input, the summary and a double confirm, editing, rescheduling, cancelling, registrants and
attendance, the CSV export, /announce, and refusals for residents."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import sqlite3
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.clock import to_iso
from tests.fake_telegram import FakeTelegram, ScriptedUser
from tests.support.clock import local_day, typed, utc_now
from tests.support.scenarios import answer_step, create_session
from tests.support.seeding import Resident, make_reachable, seed_residents
from tests.support.settings import ADMIN_ID

pytestmark = pytest.mark.usefixtures("pinned_clock")  # the bot's clock reads 10:00 in TIMEZONE, at any hour

TZ = ZoneInfo("Asia/Yekaterinburg")
URBAN = 3  # 🌳 Развитие городской среды
LINK = "https://t.me/ideas_bot?start=session_{}"


def db_rows(db_path: Path, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    with sqlite3.connect(db_path, timeout=10) as conn:
        return [tuple(r) for r in conn.execute(sql, params).fetchall()]


def register(
    db_path: Path, session_id: int, user_ids: list[int], status: str = "registered", first_seq: int = 1
) -> None:
    """Registrations written straight into the database (the residents' side is tested elsewhere)."""
    stamp = to_iso(utc_now())
    with sqlite3.connect(db_path, timeout=10) as conn:
        conn.executemany(
            "INSERT INTO registrations (session_id, user_id, status, seq, checkin_token, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (session_id, uid, status, first_seq + n, f"t{session_id}x{uid}", stamp, stamp)
                for n, uid in enumerate(user_ids)
            ],
        )


async def test_new_session_step_by_step_with_bad_inputs_and_one_session_on_a_double_press(
    fake: FakeTelegram, db_path: Path, start_bot, admin: ScriptedUser
) -> None:
    await start_bot()
    start = local_day(40)
    await admin.send_command("/new_session")
    intro = await admin.expect_message()
    assert intro.text.startswith("🗓 Новая проектная сессия") and "/cancel" in intro.text
    ask = await admin.expect_message()
    assert ask.text == "Как называется сессия? До 120 символов."

    await answer_step(admin, "Д" * 121, "Слишком длинно: не больше 120 символов")
    await answer_step(admin, "Двор <мечты> & сквер", "Опишите сессию")
    await admin.send_photo()
    assert (await admin.expect_message()).text == "Пришлите ответ текстом. Отменить: /cancel"
    directions = await answer_step(admin, "Проектируем двор вместе с жителями.", "К какому направлению")
    assert len(directions.buttons) == 4
    await answer_step(admin, "городская среда", "Выберите вариант кнопками")
    await admin.press(directions, "Развитие городской среды")
    picked = await admin.expect_edit(directions)
    assert picked.text == "Направление: 🌳 Развитие городской среды" and picked.buttons == []
    ask_start = await admin.expect_message()
    assert ask_start.text.startswith("Когда начало? Дата и время (Asia/Yekaterinburg)")

    await answer_step(admin, "завтра вечером", "Не понял дату и время")
    await answer_step(admin, "31.02.2031 18:00", "Такой даты нет")
    await answer_step(admin, "05.12.2031 25:00", "Такого времени нет")
    await answer_step(admin, typed(local_day(-2)), "Это время уже прошло")
    await answer_step(admin, typed(start), "Сколько длится сессия?")

    await answer_step(admin, "0", "Длительность — от 15 минут до 3 суток")
    await answer_step(admin, "долго", "Не понял длительность")
    await answer_step(admin, "1,5 ч", "Где пройдёт сессия?")
    await answer_step(admin, "Оренбург, ул. Советская, 1", "Сколько мест?")

    await answer_step(admin, "abc", "Нужно целое число мест")
    await answer_step(admin, "-1", "не может быть отрицательным")
    ask_deadline = await answer_step(admin, "2", "До какого момента открыта регистрация?")
    assert ask_deadline.buttons == [["⏱ До начала"]]

    await answer_step(admin, typed(start + timedelta(hours=1)), "не может быть позже начала")
    summary = await answer_step(admin, typed(start - timedelta(days=1)), "Проверьте сессию")
    assert "<b>Двор &lt;мечты&gt; &amp; сквер</b>" in summary.html  # escaped, the title in bold
    assert "Длительность: 1 ч 30 мин" in summary.text
    assert f"Когда: {typed(start)}–19:30" in summary.text
    assert "Свободно мест: 2 из 2" in summary.text
    assert f"Регистрация до {typed(start - timedelta(days=1))}" in summary.text
    assert summary.buttons == [["✅ Создать сессию"], ["✏️ Изменить поле"], ["✖ Отменить"]]

    # Change a field from the summary: the places, then straight back to a new summary.
    await admin.press(summary, "Изменить поле")
    fields = await admin.expect_edit(summary)
    assert fields.buttons[-1] == ["← Назад"] and ["Места", "Срок регистрации"] in fields.buttons
    await admin.press(fields, "Места")
    await admin.expect_edit(fields)  # its buttons are gone
    await admin.expect_message()  # how many places?
    summary = await answer_step(admin, "3", "Проверьте сессию")
    assert "Свободно мест: 3 из 3" in summary.text

    # Two quick presses of Create: one session.
    first, second = await asyncio.gather(
        admin.press(summary, "Создать сессию"), admin.press(summary, "Создать сессию", require_answer=False)
    )
    alerts = [r.text for r in (first, second) if r.text]
    assert alerts in ([], ["Этот черновик уже создан или отменён. Новая сессия — /new_session"])
    created = await admin.expect_edit(summary)
    assert created.text == "✅ Сессия №1 создана." and created.buttons == []
    manage = await admin.expect_message()
    assert manage.text.startswith("⚙️ Сессия №1 · запланирована")
    assert LINK.format(1) in manage.text
    assert "👥 Записались: 0 · в листе ожидания: 0" in manage.text
    assert manage.buttons == [
        ["✏️ Изменить", "🕒 Перенести"],
        ["👥 Записались (0)", "⏳ Ожидают (0)"],
        ["📄 Выгрузка CSV", "📣 Анонс"],
        ["🔗 Ссылка", "❌ Отменить сессию"],
        ["⬅ Все сессии"],
    ]
    await admin.expect_no_message()

    rows = db_rows(db_path, "SELECT title, direction_id, duration_min, capacity, starts_at, deadline_at FROM sessions")
    assert rows == [
        (
            "Двор <мечты> & сквер",
            URBAN,
            90,
            3,
            to_iso(start),
            to_iso(start - timedelta(days=1)),
        )
    ]
    assert db_rows(db_path, "SELECT action, target FROM audit_log") == [("session_create", "1")]

    # The list of all sessions, reachable from the management screen.
    await admin.press(manage, "Все сессии")
    overview = await admin.expect_edit(manage)
    assert overview.text.startswith("🗂 Сессии: предстоящие и за последние 30 дней")
    assert "#1 · " in overview.text and "запланирована, мест: 0/3, ожидают: 0" in overview.text
    await admin.press(overview, "#1 · ")
    again = await admin.expect_edit(overview)
    assert again.text.startswith("⚙️ Сессия №1")


async def test_cancel_at_every_kind_of_step_and_until_the_start(
    fake: FakeTelegram, db_path: Path, start_bot, admin: ScriptedUser
) -> None:
    await start_bot()
    await admin.send_command("/new_session")
    await admin.expect_message()
    await admin.expect_message()
    await answer_step(admin, "Двор", "Опишите сессию")
    await admin.send_command("/cancel")
    assert (await admin.expect_message()).text == "Создание сессии отменено, ничего не сохранено."
    assert db_rows(db_path, "SELECT count(*) FROM sessions") == [(0,)]

    # "Until the start" as a button; the summary's Cancel drops the draft; its old buttons then refuse.
    start = local_day(10)
    await admin.send_command("/new_session")
    await admin.expect_message()
    await admin.expect_message()
    await answer_step(admin, "Двор", "Опишите сессию")
    directions = await answer_step(admin, "Описание", "К какому направлению")
    await admin.press(directions, "Социальные проекты")
    await admin.expect_edit(directions)
    await admin.expect_message()
    await answer_step(admin, typed(start), "Сколько длится")
    await answer_step(admin, "45", "Где пройдёт")
    await answer_step(admin, "https://meet.example/abc", "Сколько мест")
    ask_deadline = await answer_step(admin, "0", "До какого момента")
    await admin.press(ask_deadline, "До начала")
    settled = await admin.expect_edit(ask_deadline)
    assert settled.text == "Регистрация — до начала сессии."
    summary = await admin.expect_message()
    assert f"Регистрация до {typed(start)}" in summary.text and "Мест без ограничений" in summary.text
    await admin.press(summary, "✖ Отменить")
    dropped = await admin.expect_edit(summary)
    assert dropped.text == "Создание сессии отменено, ничего не сохранено."
    late = await admin.press_data(summary.chat_id, summary.message_id, "sadm1:nok:0:0:0")
    assert late.show_alert and late.text == "Этот черновик уже создан или отменён. Новая сессия — /new_session"
    assert db_rows(db_path, "SELECT count(*) FROM sessions") == [(0,)]


async def test_edit_reschedule_and_cancel_tell_the_registrants(
    fake: FakeTelegram, db_path: Path, start_bot, admin: ScriptedUser
) -> None:
    await seed_residents(db_path, [Resident(7001), Resident(7002), Resident(7003, language="en")])
    residents = make_reachable(fake, [7001, 7002, 7003])
    await start_bot(broadcast_rate=100)
    start = local_day(20)
    number, manage = await create_session(admin, start=start, capacity="3", deadline=typed(start - timedelta(hours=3)))
    register(db_path, number, [7001, 7002])
    register(db_path, number, [7003], status="waitlist", first_seq=3)

    # Edit the place: saved, registrants and the waitlist are told.
    await admin.press(manage, "Изменить")
    menu = await admin.expect_edit(manage)
    assert menu.text == f"Что изменить в сессии №{number} «Двор мечты»?"
    await admin.press(menu, "Место")
    ask = await admin.expect_message()
    assert ask.text.startswith(f"Сессия №{number}, сейчас: Оренбург, ул. Советская, 1")
    saved = await answer_step(admin, "Оренбург, пр. Победы, 10", "✅ Сохранено.")
    assert saved.text == "✅ Сохранено. Записавшимся и ожидающим придёт уведомление (3 чел.)."
    manage = await admin.expect_message()
    assert "Где: Оренбург, пр. Победы, 10" in manage.text
    for uid in (7001, 7002):
        notice = await residents[uid].expect_message(timeout=10)
        assert notice.text.startswith("✏️ В сессии «Двор мечты» изменилось: место.")
        assert "Оренбург, пр. Победы, 10" in notice.text
    english = await residents[7003].expect_message(timeout=10)
    assert english.text.startswith("✏️") and "place" in english.text

    # Capacity below the two registered: refused with what to do, the question stays; then a valid one.
    await admin.press(manage, "Изменить")
    menu = await admin.expect_edit(manage)
    await admin.press(menu, "Места")
    await admin.expect_message()
    await answer_step(admin, "1", "обещаны из листа ожидания: 2 чел. — мест не может быть меньше")
    saved = await answer_step(admin, "5", "✅ Сохранено.")
    assert saved.text == "✅ Сохранено."  # the capacity alone is no news for those registered
    manage = await admin.expect_message()
    assert db_rows(db_path, "SELECT capacity, version FROM sessions WHERE id = ?", (number,)) == [(5, 1)]
    # More places: the first on the waitlist is offered one (the residents' side takes it from there).
    offer = await residents[7003].expect_message(timeout=10)
    assert offer.text.startswith("🎟") and offer.buttons[0] == ["✅ Take the place"]
    for user in residents.values():
        await user.expect_no_message(within=0.3)

    # Reschedule: a day later; the version goes up, the deadline keeps its distance, everyone is told.
    await admin.press(manage, "Перенести")
    ask = await admin.expect_message()
    assert ask.text.startswith(f"Сессия №{number}, сейчас: {typed(start)}") and "Новые дата и время" in ask.text
    await answer_step(admin, typed(local_day(-1)), "Это время уже прошло")
    new_start = start + timedelta(days=1)
    saved = await answer_step(admin, typed(new_start), "✅ Сохранено.")
    assert "(3 чел.)" in saved.text
    manage = await admin.expect_message()
    assert f"Когда: {typed(new_start)}–20:00" in manage.text
    stored = db_rows(db_path, "SELECT starts_at, deadline_at, version FROM sessions WHERE id = ?", (number,))
    assert stored == [(to_iso(new_start), to_iso(new_start - timedelta(hours=3)), 2)]
    for uid in (7001, 7002):
        notice = await residents[uid].expect_message(timeout=10)
        assert notice.text.startswith(
            f"🕒 Сессия «Двор мечты» перенесена: было {typed(start)}, теперь {typed(new_start)}"
        )
    await residents[7003].expect_message(timeout=10)

    # Cancel: asked first; "No" goes back; "Yes" cancels and everyone is told.
    await admin.press(manage, "Отменить сессию")
    ask_cancel = await admin.expect_edit(manage)
    assert ask_cancel.text.startswith(f"Отменить сессию №{number} «Двор мечты»? Записались: 2, ожидают: 1")
    await admin.press(ask_cancel, "Нет, назад")
    manage = await admin.expect_edit(ask_cancel)
    assert manage.text.startswith(f"⚙️ Сессия №{number} · запланирована")
    await admin.press(manage, "Отменить сессию")
    ask_cancel = await admin.expect_edit(manage)
    answer = await admin.press(ask_cancel, "Да, отменить")
    assert answer.text == "Сессия отменена. Уведомление получат 3 чел." and answer.show_alert
    manage = await admin.expect_edit(ask_cancel)
    assert manage.text.startswith(f"⚙️ Сессия №{number} · отменена") and "Сессия отменена" in manage.text
    assert ["✏️ Изменить", "🕒 Перенести"] not in manage.buttons and ["⬅ Все сессии"] in manage.buttons
    for uid in (7001, 7002):
        notice = await residents[uid].expect_message(timeout=10)
        assert notice.text.startswith("❌ Сессия «Двор мечты»") and "отменена" in notice.text
    await residents[7003].expect_message(timeout=10)

    # A second cancel from an old button, and editing a cancelled session: refused, nothing changes.
    again = await admin.press_data(manage.chat_id, manage.message_id, f"sadm1:cancel_yes:{number}:0:0")
    assert again.show_alert and again.text == "Сессия отменена или уже прошла — её нельзя изменить."
    edit = await admin.press_data(manage.chat_id, manage.message_id, f"sadm1:field:{number}:0:0")
    assert edit.text == "Сессия отменена или уже прошла — её нельзя изменить."
    for user in residents.values():
        await user.expect_no_message(within=0.3)

    audit = db_rows(db_path, "SELECT action, target, details FROM audit_log ORDER BY id")
    assert [a[0] for a in audit] == [
        "session_create",
        "session_edit",
        "session_edit",
        "session_reschedule",
        "session_cancel",
    ]
    assert json.loads(str(audit[3][2])) == {"from": to_iso(start), "to": to_iso(new_start)}
    notices = db_rows(db_path, "SELECT kind, payload FROM broadcasts ORDER BY id")
    assert [(k, json.loads(str(p))["change"]) for k, p in notices] == [
        ("notice", "updated"),
        ("notice", "rescheduled"),
        ("notice", "cancelled"),
    ]


async def test_other_fields_direction_duration_and_the_deadline(
    fake: FakeTelegram, db_path: Path, start_bot, admin: ScriptedUser
) -> None:
    await start_bot()
    start = local_day(15)
    number, _ = await create_session(admin, start=start)
    # The card behind the deep link shows organizers a Manage button: the screen comes as a message of its own.
    await admin.send_command("/start", f"session_{number}")
    card = await admin.expect_message()
    await admin.press(card, "⚙️ Управление")
    manage = await admin.expect_message()
    assert manage.text.startswith(f"⚙️ Сессия №{number} · запланирована") and card.edits == []
    await admin.press(manage, "Изменить")
    menu = await admin.expect_edit(manage)
    await admin.press(menu, "Направление")
    picker = await admin.expect_edit(menu)
    assert ["✅ 🌳 Развитие городской среды"] in picker.buttons
    answer = await admin.press(picker, "Молодые профессионалы")
    assert answer.text == "✅ Сохранено."
    manage = await admin.expect_edit(picker)
    assert "Молодые профессионалы" in manage.text

    await admin.press(manage, "Изменить")
    menu = await admin.expect_edit(manage)
    await admin.press(menu, "Длительность")
    ask = await admin.expect_message()
    assert "сейчас: 2 ч" in ask.text
    await answer_step(admin, "73 ч", "от 15 минут до 3 суток")
    await answer_step(admin, "3h", "✅ Сохранено.")
    manage = await admin.expect_message()
    assert "Длительность: 3 ч" in manage.text
    # A new duration moves the end, not the start: the version (what reminders count from) stays.
    assert db_rows(db_path, "SELECT duration_min, version, direction_id FROM sessions") == [(180, 1, 4)]

    await admin.press(manage, "Изменить")
    menu = await admin.expect_edit(manage)
    await admin.press(menu, "Срок регистрации")
    ask = await admin.expect_message()
    assert ask.buttons == [["⏱ До начала"]]
    await answer_step(admin, typed(start + timedelta(minutes=30)), "не может быть позже начала")
    saved = await answer_step(admin, typed(start - timedelta(days=2)), "✅ Сохранено.")
    assert saved.text == "✅ Сохранено."
    manage = await admin.expect_message()
    assert f"Регистрация до {typed(start - timedelta(days=2))}" in manage.text

    await admin.press(manage, "Изменить")
    menu = await admin.expect_edit(manage)
    await admin.press(menu, "Срок регистрации")
    ask = await admin.expect_message()
    await admin.press(ask, "До начала")
    settled = await admin.expect_edit(ask)
    assert settled.text == "Регистрация — до начала сессии."
    assert (await admin.expect_message()).text == "✅ Сохранено."
    manage = await admin.expect_message()
    assert f"Регистрация до {typed(start)}" in manage.text

    # /cancel while typing a new value leaves the session as it was.
    await admin.press(manage, "Изменить")
    menu = await admin.expect_edit(manage)
    await admin.press(menu, "Название")
    await admin.expect_message()
    await admin.send_command("/cancel")
    assert (await admin.expect_message()).text == "Изменение отменено, сессия осталась прежней."
    assert db_rows(db_path, "SELECT title FROM sessions") == [("Двор мечты",)]


async def test_registrants_attendance_waitlist_and_csv_export(
    fake: FakeTelegram, db_path: Path, start_bot, admin: ScriptedUser
) -> None:
    ids = list(range(8001, 8013))
    await seed_residents(db_path, [Resident(i) for i in [*ids, 8101, 8102]])
    await start_bot()
    number, manage = await create_session(admin, capacity="12")
    register(db_path, number, ids)
    register(db_path, number, [8101, 8102], status="waitlist", first_seq=20)
    soon = utc_now() + timedelta(hours=3)  # check-in opens 6 h before the start
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "UPDATE sessions SET starts_at = ?, deadline_at = ? WHERE id = ?",
            (to_iso(soon), to_iso(soon - timedelta(hours=1)), number),
        )
    offer_until = utc_now().replace(second=0) + timedelta(hours=2)
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "UPDATE registrations SET status = 'offered', offer_expires_at = ? WHERE user_id = 8101",
            (to_iso(offer_until),),
        )

    await admin.press(manage, "Изменить")  # any screen and back refreshes the counts
    menu = await admin.expect_edit(manage)
    await admin.press(menu, "Назад")
    manage = await admin.expect_edit(menu)
    assert "👥 Записались: 12 · в листе ожидания: 2" in manage.text

    await admin.press(manage, "Записались (12)")
    people = await admin.expect_edit(manage)
    assert people.text.startswith(f"👥 Записались на сессию №{number} «Двор мечты» — 12 чел.")
    assert "1. Житель 8001 — " in people.text and "11. " not in people.text
    assert len(people.buttons) == 12 and people.buttons[10] == ["1/2", "▶"] and people.buttons[11] == ["← Назад"]
    answer = await admin.press(people, "Житель 8003")
    assert answer.text == "✅ Отмечено: Житель 8003 пришёл(ла)."
    people = await admin.expect_edit(people)
    assert "3. Житель 8003 — " in people.text and "✅ пришёл(ла)" in people.text
    assert people.buttons[2] == ["✅ Житель 8003"]
    again = await admin.press(people, "Житель 8003")
    assert again.text == "Житель 8003 уже отмечен(а)."
    await admin.press(people, "▶")
    second = await admin.expect_edit(people)
    assert "11. Житель 8011" in second.text and "12. Житель 8012" in second.text
    assert second.buttons[2] == ["◀", "2/2"]
    attended = db_rows(db_path, "SELECT user_id, attended_by FROM registrations WHERE attended_at IS NOT NULL")
    assert attended == [(8003, ADMIN_ID)]
    await admin.press(second, "Назад")
    manage = await admin.expect_edit(second)

    await admin.press(manage, "Ожидают (2)")
    queue = await admin.expect_edit(manage)
    assert queue.text.startswith(f"⏳ Лист ожидания сессии №{number} «Двор мечты» — 2 чел.")
    until = offer_until.astimezone(TZ).strftime("%d.%m.%Y %H:%M")
    assert f"1. Житель 8101 — 🎟 предложено место до {until}" in queue.text
    assert "2. Житель 8102 — в очереди с " in queue.text
    await admin.press(queue, "Назад")
    manage = await admin.expect_edit(queue)

    answer = await admin.press(manage, "Выгрузка CSV")
    document = await admin.expect_message()
    assert document.document_name is not None and document.document_name.startswith(f"session_{number}_")
    assert document.caption == f"📄 Сессия №{number} «Двор мечты»: записавшиеся и лист ожидания, строк: 14."
    raw = document.document_bytes or b""
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert table[0] == [
        "Статус",
        "Место в списке",
        "ID",
        "Имя",
        "Username",
        "Записался (Asia/Yekaterinburg)",
        "Пришёл (Asia/Yekaterinburg)",
        "Место предложено до (Asia/Yekaterinburg)",
    ]
    assert [r[:4] for r in table[1:4]] == [
        ["записан", "1", "8001", "Житель 8001"],
        ["записан", "2", "8002", "Житель 8002"],
        ["записан", "3", "8003", "Житель 8003"],
    ]
    assert table[3][6] != "" and table[1][6] == ""
    assert table[13][:3] == ["предложено место", "1", "8101"]
    assert table[13][7] == offer_until.astimezone(TZ).strftime("%Y-%m-%d %H:%M")
    assert table[14][:3] == ["в листе ожидания", "2", "8102"]
    assert db_rows(db_path, "SELECT action, target FROM audit_log WHERE action = 'export'") == [
        ("export", f"session {number}")
    ]

    await admin.press(manage, "Ссылка")
    link = await admin.expect_message()
    assert link.text.endswith(LINK.format(number))


async def test_announce_to_direction_subscribers(
    fake: FakeTelegram, db_path: Path, start_bot, admin: ScriptedUser
) -> None:
    await seed_residents(
        db_path,
        [Resident(9101, subscriptions=(URBAN,)), Resident(9102, subscriptions=(URBAN, 1)), Resident(9103)],
    )
    residents = make_reachable(fake, [9101, 9102, 9103])
    await start_bot(broadcast_rate=100, progress_interval=0.2)
    number, _ = await create_session(admin)
    cancelled, manage = await create_session(admin, title="Отменённая")
    await admin.press(manage, "Отменить сессию")
    ask = await admin.expect_edit(manage)
    await admin.press(ask, "Да, отменить")
    await admin.expect_edit(ask)

    await admin.send_command("/announce abc")
    assert (await admin.expect_message()).text.startswith("Укажите номер сессии")
    await admin.send_command(f"/announce {cancelled}")
    assert (await admin.expect_message()).text == "Сессия отменена — анонсировать её нельзя."
    await admin.send_command("/announce 99")
    assert (await admin.expect_message()).text == "Такой сессии нет."

    await admin.send_command("/announce")
    pick = await admin.expect_message()
    assert pick.text == "📣 Какую сессию анонсировать?" and len(pick.buttons) == 1  # not the cancelled one
    await admin.press(pick, f"#{number} · ")
    audience = await admin.expect_edit(pick)
    assert audience.text.startswith(f"📣 Анонс сессии №{number} «Двор мечты». Кому отправить?")
    assert audience.buttons == [
        ["🔔 Подписчикам «🌳 Развитие городской среды» · 2"],
        ["👥 Всем жителям · 3"],
        ["✖ Отменить анонс"],
    ]
    await admin.press(audience, "Подписчикам")
    picked = await admin.expect_edit(audience)
    assert picked.text.startswith(f"Анонс сессии №{number}. Получатели: подписчики направления")
    preview = await admin.expect_message()
    assert preview.text.startswith("Двор мечты") and preview.buttons == [["✍️ Записаться"]]
    prompt = await admin.expect_message()
    assert "— 2 чел." in prompt.text
    assert prompt.buttons == [["📣 Отправить (2)"], ["← Выбрать других получателей"], ["✖ Отменить анонс"]]
    presses = await asyncio.gather(
        admin.press(prompt, "Отправить (2)"), admin.press(prompt, "Отправить (2)", require_answer=False)
    )
    assert [r.text for r in presses if r.text] in ([], ["Этот анонс уже отправлен или отменён. Новый — /announce"])
    started = await admin.expect_edit(prompt)
    assert started.text == "✅ Анонс запущен (рассылка №1): получателей — 2."
    for uid in (9101, 9102):
        card = await residents[uid].expect_message(timeout=10)
        assert card.text.startswith("Двор мечты") and card.buttons == [["✍️ Записаться"]]
    await residents[9103].expect_no_message(within=0.5)
    assert db_rows(db_path, "SELECT kind, session_id, total FROM broadcasts") == [("session", number, 2)]
    assert db_rows(db_path, "SELECT count(*) FROM audit_log WHERE action = 'session_announce'") == [(1,)]


async def test_residents_are_refused_commands_and_buttons(
    fake: FakeTelegram, db_path: Path, start_bot, admin: ScriptedUser
) -> None:
    await seed_residents(db_path, [Resident(9501)])
    [resident] = make_reachable(fake, [9501]).values()
    await start_bot()
    number, _ = await create_session(admin)
    for command in ("/new_session", "/announce", f"/announce {number}"):
        await resident.send_command(command)
        refusal = await resident.expect_message()
        assert refusal.text.startswith(f"⛔ Команда {command.split()[0]} доступна только организаторам"), refusal.text
    mine = await resident.send_command("/help")
    await resident.expect_message()
    for data in (f"sadm1:manage:{number}:0:0", f"sadm1:cancel_yes:{number}:0:0", f"sadm1:people:{number}:0:0"):
        answer = await resident.press_data(resident.chat_id, mine["message_id"], data)
        assert answer.show_alert and answer.text == "⛔ Это действие доступно только организаторам."
    await resident.expect_no_message()
    assert db_rows(db_path, "SELECT status FROM sessions") == [("scheduled",)]
