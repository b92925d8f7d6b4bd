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
from fake_telegram import FakeTelegram, ScriptedUser
from tests.support.clock import local_day, typed, utc_now
from tests.support.locale_text import button, en, ru, ru_around
from tests.support.scenarios import answer_step, create_session, new_session_to_start
from tests.support.seeding import Resident, make_reachable, seed_reachable, seed_residents
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
    assert intro.text == ru("sadm-new-intro") and "/cancel" in intro.text
    ask = await admin.expect_message()
    assert ask.text == ru("sadm-ask-title", max=120)

    await answer_step(admin, "Д" * 121, ru("sadm-bad-long", max=120))
    await answer_step(admin, "Двор <мечты> & сквер", ru("sadm-ask-description", max=1500))
    await admin.send_photo()
    assert (await admin.expect_message()).text == ru("sadm-bad-not-text")
    directions = await answer_step(admin, "Проектируем двор вместе с жителями.", ru("sadm-ask-direction"))
    assert len(directions.buttons) == 4
    await answer_step(admin, "городская среда", ru("sadm-use-buttons"))
    await admin.press(directions, "Развитие городской среды")
    picked = await admin.expect_edit(directions)
    assert picked.text == ru("sadm-direction-picked", direction="🌳 Развитие городской среды") and picked.buttons == []
    ask_start = await admin.expect_message()
    assert ask_start.text == ru("sadm-ask-start", tz=TZ.key)

    await answer_step(admin, "завтра вечером", ru("sadm-bad-moment-format", tz=TZ.key))
    await answer_step(admin, "31.02.2031 18:00", ru("sadm-bad-moment-date"))
    await answer_step(admin, "05.12.2031 25:00", ru("sadm-bad-moment-time"))
    await answer_step(admin, typed(local_day(-2)), ru("sadm-bad-start-past"))
    await answer_step(admin, typed(start), ru("sadm-ask-duration"))

    await answer_step(admin, "0", ru("sadm-bad-duration-range"))
    await answer_step(admin, "долго", ru("sadm-bad-duration-format"))
    await answer_step(admin, "1,5 ч", ru("sadm-ask-place", max=300))
    await answer_step(admin, "Оренбург, ул. Советская, 1", ru("sadm-ask-capacity", capacity_max=100_000))

    await answer_step(admin, "abc", ru("sadm-bad-capacity-format"))
    await answer_step(admin, "-1", ru("sadm-bad-capacity-negative"))
    ask_deadline = await answer_step(admin, "2", ru("sadm-ask-deadline", tz=TZ.key))
    assert ask_deadline.buttons == [[button("ru", "sadm-btn-until-start")]]

    await answer_step(admin, typed(start + timedelta(hours=1)), ru("sadm-bad-deadline-after-start"))
    summary = await answer_step(admin, typed(start - timedelta(days=1)), ru("sadm-summary"))
    assert "<b>Двор &lt;мечты&gt; &amp; сквер</b>" in summary.html  # escaped, the title in bold
    assert ru("sadm-line-duration", duration=f"{ru('sadm-duration-h', h=1)} {ru('sadm-duration-m', m=30)}") in summary.text
    assert ru("session-card-when", when=f"{typed(start)}–19:30") in summary.text
    assert ru("session-places-free", free=2, capacity=2) in summary.text
    assert ru("session-card-deadline", deadline=typed(start - timedelta(days=1))) in summary.text
    assert summary.buttons == [
        [button("ru", "sadm-btn-create")],
        [button("ru", "sadm-btn-change")],
        [button("ru", "sadm-btn-drop")],
    ]

    # Change a field from the summary: the places, then straight back to a new summary.
    await admin.press(summary, button("ru", "sadm-btn-change"))
    fields = await admin.expect_edit(summary)
    assert fields.buttons[-1] == [button("ru", "sadm-btn-back")]
    assert [button("ru", "sadm-field-capacity"), button("ru", "sadm-field-deadline")] in fields.buttons
    await admin.press(fields, button("ru", "sadm-field-capacity"))
    await admin.expect_edit(fields)  # its buttons are gone
    await admin.expect_message()  # how many places?
    summary = await answer_step(admin, "3", ru("sadm-summary"))
    assert ru("session-places-free", free=3, capacity=3) in summary.text

    # Two quick presses of Create: one session.
    first, second = await asyncio.gather(
        admin.press(summary, button("ru", "sadm-btn-create")),
        admin.press(summary, button("ru", "sadm-btn-create"), require_answer=False),
    )
    alerts = [r.text for r in (first, second) if r.text]
    assert alerts in ([], [ru("sadm-draft-gone")])
    created = await admin.expect_edit(summary)
    assert created.text == ru("sadm-created", number=1) and created.buttons == []
    manage = await admin.expect_message()
    assert manage.text.startswith(ru("sadm-manage-title", number=1, status=ru("sadm-status-scheduled")))
    assert LINK.format(1) in manage.text
    assert ru("sadm-manage-people", registered=0, waiting=0) in manage.text
    # whole-screen check: the wording itself is under test (the management screen's keyboard as organizers see it)
    assert manage.buttons == [
        ["✏️ Изменить", "🕒 Перенести"],
        ["👥 Записались (0)", "⏳ Ожидают (0)"],
        ["📄 Выгрузка CSV", "📣 Анонс"],
        ["🔗 Ссылка", "❌ Отменить сессию"],
        ["🧩 Проекты сессии · 0"],
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
    await admin.press(manage, button("ru", "sadm-btn-all"))
    overview = await admin.expect_edit(manage)
    assert overview.text.startswith(ru("sadm-list-title", days=30))
    label = f"№\u00a01 · {start.strftime('%d.%m %H:%M')} · Двор <мечты> & сквер"
    status = ru("sadm-status-scheduled")
    assert ru("sadm-list-line", label=label, status=status, places="0/3", waiting=0) in overview.text
    await admin.press(overview, "№\u00a01 · ")
    again = await admin.expect_edit(overview)
    assert again.text.startswith(ru("sadm-manage-title", number=1, status=ru("sadm-status-scheduled")))


async def test_cancel_at_every_kind_of_step_and_until_the_start(
    fake: FakeTelegram, db_path: Path, start_bot, admin: ScriptedUser
) -> None:
    await start_bot()
    await admin.send_command("/new_session")
    await admin.expect_message()
    await admin.expect_message()
    await answer_step(admin, "Двор", ru("sadm-ask-description", max=1500))
    await admin.send_command("/cancel")
    assert (await admin.expect_message()).text == ru("sadm-new-cancelled")
    assert db_rows(db_path, "SELECT count(*) FROM sessions") == [(0,)]

    # "Until the start" as a button; the summary's Cancel drops the draft; its old buttons then refuse.
    start = local_day(10)
    await new_session_to_start(admin, "Двор", "Описание", "Социальные проекты")
    await answer_step(admin, typed(start), ru("sadm-ask-duration"))
    await answer_step(admin, "45", ru("sadm-ask-place", max=300))
    await answer_step(admin, "https://meet.example/abc", ru("sadm-ask-capacity", capacity_max=100_000))
    ask_deadline = await answer_step(admin, "0", ru("sadm-ask-deadline", tz=TZ.key))
    await admin.press(ask_deadline, button("ru", "sadm-btn-until-start"))
    settled = await admin.expect_edit(ask_deadline)
    assert settled.text == ru("sadm-deadline-picked-start")
    summary = await admin.expect_message()
    assert ru("session-card-deadline", deadline=typed(start)) in summary.text
    assert ru("session-places-unlimited", registered=0) in summary.text
    await admin.press(summary, button("ru", "sadm-btn-drop"))
    dropped = await admin.expect_edit(summary)
    assert dropped.text == ru("sadm-new-cancelled")
    late = await admin.press_data(summary.chat_id, summary.message_id, "sdraft1:nok:0:0")
    assert late.show_alert and late.text == ru("sadm-draft-gone")
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
    await admin.press(manage, button("ru", "sadm-btn-edit"))
    menu = await admin.expect_edit(manage)
    assert menu.text == ru("sadm-edit-ask", number=number, title="Двор мечты")
    await admin.press(menu, button("ru", "sadm-field-place"))
    ask = await admin.expect_message()
    assert ask.text.startswith(ru("sadm-edit-current", number=number, current="Оренбург, ул. Советская, 1"))
    saved = await answer_step(admin, "Оренбург, пр. Победы, 10", ru("sadm-saved"))
    assert saved.text == ru("sadm-saved-told", n=3)
    manage = await admin.expect_message()
    assert ru("session-card-place", place="Оренбург, пр. Победы, 10") in manage.text
    for uid in (7001, 7002):
        notice = await residents[uid].expect_message(timeout=10)
        assert notice.text.startswith(
            ru("session-notice-updated", title="Двор мечты", fields=ru("session-field-place"))
        )
        assert "Оренбург, пр. Победы, 10" in notice.text
    english = await residents[7003].expect_message(timeout=10)
    assert english.text.startswith(en("session-notice-updated", title="Двор мечты", fields=en("session-field-place")))

    # Capacity below the two registered: refused with what to do, the question stays; then a valid one.
    await admin.press(manage, button("ru", "sadm-btn-edit"))
    menu = await admin.expect_edit(manage)
    await admin.press(menu, button("ru", "sadm-field-capacity"))
    await admin.expect_message()
    await answer_step(admin, "1", ru("sadm-bad-capacity-below", n=2))
    saved = await answer_step(admin, "5", ru("sadm-saved"))
    assert saved.text == ru("sadm-saved")  # the capacity alone is no news for those registered
    manage = await admin.expect_message()
    assert db_rows(db_path, "SELECT capacity, version FROM sessions WHERE id = ?", (number,)) == [(5, 1)]
    # More places: the first on the waitlist is offered one (the residents' side takes it from there).
    offer = await residents[7003].expect_message(timeout=10)
    assert offer.text.startswith("🎟") and offer.buttons[0] == [button("en", "session-btn-accept")]
    for user in residents.values():
        await user.expect_no_message(within=0.3)

    # Reschedule: a day later; the version goes up, the deadline keeps its distance, everyone is told.
    await admin.press(manage, button("ru", "sadm-btn-reschedule"))
    ask = await admin.expect_message()
    assert ask.text.startswith(ru("sadm-edit-current", number=number, current=typed(start)))
    assert ru("sadm-ask-reschedule", tz=TZ.key) in ask.text
    await answer_step(admin, typed(local_day(-1)), ru("sadm-bad-start-past"))
    new_start = start + timedelta(days=1)
    saved = await answer_step(admin, typed(new_start), ru("sadm-saved"))
    assert ru("sadm-saved-told", n=3) in saved.text
    manage = await admin.expect_message()
    assert ru("session-card-when", when=f"{typed(new_start)}–20:00") in manage.text
    stored = db_rows(db_path, "SELECT starts_at, deadline_at, version FROM sessions WHERE id = ?", (number,))
    assert stored == [(to_iso(new_start), to_iso(new_start - timedelta(hours=3)), 2)]
    for uid in (7001, 7002):
        notice = await residents[uid].expect_message(timeout=10)
        assert notice.text.startswith(
            ru("session-notice-rescheduled", title="Двор мечты", old=typed(start), new=f"{typed(new_start)}–20:00")
        )
    await residents[7003].expect_message(timeout=10)

    # Cancel: asked first; "No" goes back; "Yes" cancels and everyone is told.
    await admin.press(manage, button("ru", "sadm-btn-cancel-session"))
    ask_cancel = await admin.expect_edit(manage)
    assert ask_cancel.text == ru("sadm-cancel-ask", number=number, title="Двор мечты", registered=2, waiting=1)
    await admin.press(ask_cancel, button("ru", "sadm-btn-cancel-no"))
    manage = await admin.expect_edit(ask_cancel)
    assert manage.text.startswith(ru("sadm-manage-title", number=number, status=ru("sadm-status-scheduled")))
    await admin.press(manage, button("ru", "sadm-btn-cancel-session"))
    ask_cancel = await admin.expect_edit(manage)
    answer = await admin.press(ask_cancel, button("ru", "sadm-btn-cancel-yes"))
    assert answer.text == ru("sadm-cancelled-told", n=3) and answer.show_alert
    manage = await admin.expect_edit(ask_cancel)
    assert manage.text.startswith(ru("sadm-manage-title", number=number, status=ru("sadm-status-cancelled")))
    assert ru("session-card-cancelled") in manage.text
    assert [button("ru", "sadm-btn-edit"), button("ru", "sadm-btn-reschedule")] not in manage.buttons
    assert [button("ru", "sadm-btn-all")] in manage.buttons
    for uid in (7001, 7002):
        notice = await residents[uid].expect_message(timeout=10)
        assert notice.text.startswith(
            ru("session-notice-cancelled", title="Двор мечты", when=f"{typed(new_start)}–20:00")
        )
    await residents[7003].expect_message(timeout=10)

    # A second cancel from an old button, and editing a cancelled session: refused, nothing changes.
    again = await admin.press_data(manage.chat_id, manage.message_id, f"sman1:cancel_yes:{number}:0:0:0:0")
    assert again.show_alert and again.text == ru("sadm-session-closed")
    edit = await admin.press_data(manage.chat_id, manage.message_id, f"sman1:field:{number}:0:0:0:0")
    assert edit.text == ru("sadm-session-closed")
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
    await admin.press(card, button("ru", "session-btn-manage"))
    manage = await admin.expect_message()
    assert manage.text.startswith(ru("sadm-manage-title", number=number, status=ru("sadm-status-scheduled")))
    assert card.edits == []
    await admin.press(manage, button("ru", "sadm-btn-edit"))
    menu = await admin.expect_edit(manage)
    await admin.press(menu, button("ru", "sadm-field-direction"))
    picker = await admin.expect_edit(menu)
    assert ["✅ 🌳 Развитие городской среды"] in picker.buttons
    answer = await admin.press(picker, "Молодые профессионалы")
    assert answer.text == ru("sadm-saved")
    manage = await admin.expect_edit(picker)
    assert "Молодые профессионалы" in manage.text

    await admin.press(manage, button("ru", "sadm-btn-edit"))
    menu = await admin.expect_edit(manage)
    await admin.press(menu, button("ru", "sadm-field-duration"))
    ask = await admin.expect_message()
    assert ask.text.startswith(ru("sadm-edit-current", number=number, current=ru("sadm-duration-h", h=2)))
    await answer_step(admin, "73 ч", ru("sadm-bad-duration-range"))
    await answer_step(admin, "3h", ru("sadm-saved"))
    manage = await admin.expect_message()
    assert ru("sadm-line-duration", duration=ru("sadm-duration-h", h=3)) in manage.text
    # A new duration moves the end, not the start: the version (what reminders count from) stays.
    assert db_rows(db_path, "SELECT duration_min, version, direction_id FROM sessions") == [(180, 1, 4)]

    await admin.press(manage, button("ru", "sadm-btn-edit"))
    menu = await admin.expect_edit(manage)
    await admin.press(menu, button("ru", "sadm-field-deadline"))
    ask = await admin.expect_message()
    assert ask.buttons == [[button("ru", "sadm-btn-until-start")]]
    await answer_step(admin, typed(start + timedelta(minutes=30)), ru("sadm-bad-deadline-after-start"))
    saved = await answer_step(admin, typed(start - timedelta(days=2)), ru("sadm-saved"))
    assert saved.text == ru("sadm-saved")
    manage = await admin.expect_message()
    assert ru("session-card-deadline", deadline=typed(start - timedelta(days=2))) in manage.text

    await admin.press(manage, button("ru", "sadm-btn-edit"))
    menu = await admin.expect_edit(manage)
    await admin.press(menu, button("ru", "sadm-field-deadline"))
    ask = await admin.expect_message()
    await admin.press(ask, button("ru", "sadm-btn-until-start"))
    settled = await admin.expect_edit(ask)
    assert settled.text == ru("sadm-deadline-picked-start")
    assert (await admin.expect_message()).text == ru("sadm-saved")
    manage = await admin.expect_message()
    assert ru("session-card-deadline", deadline=typed(start)) in manage.text

    # /cancel while typing a new value leaves the session as it was.
    await admin.press(manage, button("ru", "sadm-btn-edit"))
    menu = await admin.expect_edit(manage)
    await admin.press(menu, button("ru", "sadm-field-title"))
    await admin.expect_message()
    await admin.send_command("/cancel")
    assert (await admin.expect_message()).text == ru("sadm-edit-cancelled")
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

    await admin.press(manage, button("ru", "sadm-btn-edit"))  # any screen and back refreshes the counts
    menu = await admin.expect_edit(manage)
    await admin.press(menu, button("ru", "sadm-btn-back"))
    manage = await admin.expect_edit(menu)
    assert ru("sadm-manage-people", registered=12, waiting=2) in manage.text

    await admin.press(manage, button("ru", "sadm-btn-people", n=12))
    people = await admin.expect_edit(manage)
    assert people.text.startswith(ru("sadm-people-title", number=number, title="Двор мечты", n=12))
    assert (
        ru_around("sadm-people-line", "at", index=1, name="Житель 8001")[0] in people.text and "11. " not in people.text
    )
    assert (
        len(people.buttons) == 12
        and people.buttons[10] == ["1/2", "▶"]
        and people.buttons[11] == [button("ru", "sadm-btn-back")]
    )
    answer = await admin.press(people, "Житель 8003")
    assert answer.text == ru("sadm-attend-marked", name="Житель 8003")
    people = await admin.expect_edit(people)
    before, after = ru_around("sadm-people-line-attended", "at", index=3, name="Житель 8003")
    assert before in people.text and after in people.text
    assert people.buttons[2] == ["✅ Житель 8003"]
    again = await admin.press(people, "Житель 8003")
    assert again.text == ru("sadm-attend-already", name="Житель 8003")
    await admin.press(people, "▶")
    second = await admin.expect_edit(people)
    assert ru_around("sadm-people-line", "at", index=11, name="Житель 8011")[0] in second.text
    assert ru_around("sadm-people-line", "at", index=12, name="Житель 8012")[0] in second.text
    assert second.buttons[2] == ["◀", "2/2"]
    attended = db_rows(db_path, "SELECT user_id, attended_by FROM registrations WHERE attended_at IS NOT NULL")
    assert attended == [(8003, ADMIN_ID)]
    await admin.press(second, button("ru", "sadm-btn-back"))
    manage = await admin.expect_edit(second)

    await admin.press(manage, button("ru", "sadm-btn-waitlist", n=2))
    queue = await admin.expect_edit(manage)
    assert queue.text.startswith(ru("sadm-waitlist-title", number=number, title="Двор мечты", n=2))
    until = offer_until.astimezone(TZ).strftime("%d.%m.%Y %H:%M")
    assert ru("sadm-waitlist-offered", index=1, name="Житель 8101", until=until) in queue.text
    assert ru_around("sadm-waitlist-line", "at", index=2, name="Житель 8102")[0] in queue.text
    await admin.press(queue, button("ru", "sadm-btn-back"))
    manage = await admin.expect_edit(queue)

    answer = await admin.press(manage, button("ru", "sadm-btn-export"))
    document = await admin.expect_message()
    assert document.document_name is not None and document.document_name.startswith(f"session_{number}_")
    assert document.caption == ru("sadm-export-done", number=number, title="Двор мечты", rows=14)
    raw = document.document_bytes or b""
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert table[0] == [
        ru("sadm-csv-status"),
        ru("sadm-csv-position"),
        ru("sadm-csv-id"),
        ru("sadm-csv-name"),
        ru("sadm-csv-username"),
        ru("sadm-csv-registered-at", tz=TZ.key),
        ru("sadm-csv-attended-at", tz=TZ.key),
        ru("sadm-csv-offer-until", tz=TZ.key),
    ]
    assert [r[:4] for r in table[1:4]] == [
        [ru("sadm-csv-status-registered"), "1", "8001", "Житель 8001"],
        [ru("sadm-csv-status-registered"), "2", "8002", "Житель 8002"],
        [ru("sadm-csv-status-registered"), "3", "8003", "Житель 8003"],
    ]
    assert table[3][6] != "" and table[1][6] == ""
    assert table[13][:3] == [ru("sadm-csv-status-offered"), "1", "8101"]
    assert table[13][7] == offer_until.astimezone(TZ).strftime("%Y-%m-%d %H:%M")
    assert table[14][:3] == [ru("sadm-csv-status-waitlist"), "2", "8102"]
    assert db_rows(db_path, "SELECT action, target FROM audit_log WHERE action = 'export'") == [
        ("export", f"session {number}")
    ]

    await admin.press(manage, button("ru", "sadm-btn-link"))
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
    await admin.press(manage, button("ru", "sadm-btn-cancel-session"))
    ask = await admin.expect_edit(manage)
    await admin.press(ask, button("ru", "sadm-btn-cancel-yes"))
    await admin.expect_edit(ask)

    await admin.send_command("/announce abc")
    assert (await admin.expect_message()).text == ru("sadm-announce-bad-number")
    await admin.send_command(f"/announce {cancelled}")
    assert (await admin.expect_message()).text == ru("sadm-announce-cancelled")
    await admin.send_command("/announce 99")
    assert (await admin.expect_message()).text == ru("sadm-session-missing")

    await admin.send_command("/announce")
    pick = await admin.expect_message()
    assert pick.text == ru("sadm-announce-pick") and len(pick.buttons) == 1  # not the cancelled one
    await admin.press(pick, f"№\u00a0{number} · ")
    audience = await admin.expect_edit(pick)
    assert audience.text == ru("sadm-announce-audience", number=number, title="Двор мечты")
    assert audience.buttons == [
        [button("ru", "sadm-aud-direction", direction="🌳 Развитие городской среды", n=2)],
        [button("ru", "sadm-aud-all", n=3)],
        [button("ru", "pja-aud-leaders", direction="🌳 Развитие городской среды", n=0)],
        [button("ru", "pja-aud-teams", direction="🌳 Развитие городской среды", n=0)],
        [button("ru", "sadm-btn-announce-drop")],
    ]
    await admin.press(audience, button("ru", "sadm-aud-direction", direction="🌳 Развитие городской среды", n=2))
    picked = await admin.expect_edit(audience)
    audience_label = ru("sadm-label-direction", direction="🌳 Развитие городской среды")
    assert picked.text == ru("sadm-announce-picked", number=number, audience=audience_label)
    preview = await admin.expect_message()
    assert preview.text.startswith("Двор мечты") and preview.buttons == [[button("ru", "session-btn-register")]]
    prompt = await admin.expect_message()
    assert prompt.text == ru("sadm-announce-preview", audience=audience_label, n=2)
    assert prompt.buttons == [
        [button("ru", "sadm-btn-announce-send", n=2)],
        [button("ru", "sadm-btn-announce-other")],
        [button("ru", "sadm-btn-announce-drop")],
    ]
    presses = await asyncio.gather(
        admin.press(prompt, button("ru", "sadm-btn-announce-send", n=2)),
        admin.press(prompt, button("ru", "sadm-btn-announce-send", n=2), require_answer=False),
    )
    assert [r.text for r in presses if r.text] in ([], [ru("sadm-announce-gone")])
    started = await admin.expect_edit(prompt)
    # whole-screen check: the wording itself is under test (what an organizer reads after starting a mailing)
    assert started.text == "✅ Анонс запущен (рассылка №\u00a01): получателей — 2."
    for uid in (9101, 9102):
        card = await residents[uid].expect_message(timeout=10)
        assert card.text.startswith("Двор мечты") and card.buttons == [[button("ru", "session-btn-register")]]
    await residents[9103].expect_no_message(within=0.5)
    assert db_rows(db_path, "SELECT kind, session_id, total FROM broadcasts") == [("session", number, 2)]
    assert db_rows(db_path, "SELECT count(*) FROM audit_log WHERE action = 'session_announce'") == [(1,)]


async def test_residents_are_refused_commands_and_buttons(
    fake: FakeTelegram, db_path: Path, start_bot, admin: ScriptedUser
) -> None:
    [resident] = (await seed_reachable(fake, db_path, [9501])).values()
    await start_bot()
    number, _ = await create_session(admin)
    for command in ("/new_session", "/announce", f"/announce {number}"):
        await resident.send_command(command)
        refusal = await resident.expect_message()
        assert refusal.text == ru("roles-refused-organizer", command=command.split()[0]), refusal.text
    mine = await resident.send_command("/help")
    await resident.expect_message()
    for data in (f"sman1:manage:{number}:0:0:0:0", f"sman1:cancel_yes:{number}:0:0:0:0", f"sppl1:people:{number}:0:0"):
        answer = await resident.press_data(resident.chat_id, mine["message_id"], data)
        assert answer.show_alert and answer.text == ru("not-allowed")
    await resident.expect_no_message()
    assert db_rows(db_path, "SELECT status FROM sessions") == [("scheduled",)]
