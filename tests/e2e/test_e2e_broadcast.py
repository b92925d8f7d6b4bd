"""Broadcasts end to end through the fake Bot API: audiences, formatting, faults, cancel, settings."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from fake_telegram import FakeTelegram, ScriptedUser
from tests.support.broadcast import compose, copies, db_counts, db_statuses, send_formatted, send_to_all
from tests.support.locale_text import MARK, before_mark, button, ru
from tests.support.scenarios import notice_button, open_notices
from tests.support.seeding import Resident, make_reachable, seed_reachable, seed_residents
from tests.support.settings import ADMIN_ID

TEXT = "Новости: субботник в парке <в 10:00> & чай"


def report_done(number: int, sent: int, total: int, cancelled: int = 0) -> str:
    """The report of a finished broadcast where nobody blocked the bot, failed or is unknown."""
    return ru(
        "bc-report-done", number=number, sent=sent, total=total, blocked=0, failed=0, unknown=0, cancelled=cancelled
    )


async def test_broadcast_to_a_territory_arrives_intact(fake: FakeTelegram, db_path: Path, start_bot, admin) -> None:
    await seed_residents(
        db_path,
        [Resident(1001), Resident(1002), Resident(1003, announcements=False), Resident(1004, territory="orsk")],
    )
    users = make_reachable(fake, [1001, 1002, 1003, 1004])
    await start_bot(broadcast_rate=200, progress_interval=0.2)

    audience = await compose(admin, TEXT)
    assert audience.buttons[0] == [button("ru", "bc-aud-all", n=3)]  # 1003 turned announcements off
    await admin.press(audience, button("ru", "bc-aud-territory"))
    places = await admin.expect_edit(audience)
    assert places.text == ru("bc-ask-territory")
    assert places.buttons[0] == ["Оренбург · 2", "Орск · 1"]
    await admin.press(places, "Оренбург · 2")
    picked = await admin.expect_edit(places)
    # whole-screen check: the wording itself is under test
    assert picked.text == "Получатели: жители территории «Оренбург». Так сообщение увидят жители:"
    preview = await admin.expect_message()
    assert preview.method == "copyMessage" and preview.text == TEXT
    prompt = await admin.expect_message()
    assert prompt.text == ru("bc-preview", audience=ru("bc-label-territory", territory="Оренбург"), n=2)
    assert prompt.buttons == [
        [button("ru", "bc-confirm", n=2)],
        [button("ru", "bc-change-audience")],
        [button("ru", "bc-drop")],
    ]
    await admin.press(prompt, button("ru", "bc-confirm", n=2))
    started = await admin.expect_edit(prompt)
    assert started.text == ru("bc-started", number=1, n=2)
    progress = await admin.expect_message()
    assert progress.text.startswith(ru("bc-progress-title-sending", number=1))
    assert progress.buttons == [[button("ru", "bc-stop")]]
    report = await admin.expect_message()
    assert report.text == report_done(1, sent=2, total=2)
    assert progress.text.startswith(ru("bc-progress-title-done", number=1))
    assert ru("bc-progress-sent", sent=2, total=2) in progress.text
    assert "▓▓▓▓▓▓▓▓▓▓ 100%" in progress.text and progress.buttons == []

    for user_id in (1001, 1002):
        [copy] = users[user_id].drain()
        assert copy.text == TEXT  # <, > and & intact
        assert copy.entities == [{"type": "bold", "offset": 9, "length": 9}]  # the organizer's formatting
    assert users[1003].inbox == [] and users[1004].inbox == []
    assert not [r for r in fake.refused if r.method in {"copyMessage", "sendMessage", "editMessageText"}]
    with sqlite3.connect(db_path) as conn:
        action, details = conn.execute("SELECT action, details FROM audit_log").fetchone()
    assert action == "broadcast" and json.loads(details) == {
        "audience": "territory",
        "value": "orenburg",
        "recipients": 2,
    }


async def test_every_fault_is_handled_and_nothing_stops_the_broadcast(
    fake: FakeTelegram, db_path: Path, start_bot, admin: ScriptedUser
) -> None:
    ids = [2001, 2002, 2003, 2004, 2005, 2006]
    await seed_residents(db_path, [Resident(i) for i in ids])
    users = make_reachable(fake, [2001, 2002, 2003, 2005, 2006])  # 2004 never opened a chat: "chat not found"
    users[2002].chat.blocked = True  # blocked the bot while it was down: 403
    fake.fail_next("copyMessage", "429", retry_after=1, chat_id=2003)  # flood control on 2003, once
    fake.fail_next("copyMessage", "timeout", chat_id=2005, delay=2.5, deliver=True)  # arrives, but times out
    await start_bot(broadcast_rate=100, progress_interval=0.2, request_timeout=2)

    audience = await compose(admin, TEXT)
    progress = await send_to_all(admin, audience, expected=6)
    report = await admin.expect_message(timeout=15)
    # whole-screen check: the wording itself is under test
    assert report.text == (
        "Итог рассылки №\u00a01: доставлено 3 из 6. Заблокировали бота: 1, ошибки: 1, неизвестно: 1.\n\n"
        "Про 1 получателя неизвестно, дошло ли сообщение: Telegram не ответил. "
        "Повторно оно не отправлялось, чтобы не прийти дважды."
    )
    assert report.buttons == [[button("ru", "bc-resend", n=1)]]
    assert ru("bc-progress-problems", blocked=1, failed=1, unknown=1) in progress.text

    assert db_statuses(db_path) == {
        2001: "sent",
        2002: "blocked",
        2003: "sent",
        2004: "failed",
        2005: "unknown",
        2006: "sent",
    }
    got = copies(fake, exclude=ADMIN_ID)
    assert got == {2001: 1, 2003: 1, 2005: 1, 2006: 1}  # 2005's copy arrived once and was not re-sent
    # The 429 paused everything for retry_after and then retried the same recipient.
    calls = [r for r in fake.requests_for("copyMessage") if r.params["chat_id"] != ADMIN_ID]
    limited = next(r for r in calls if r.error_code == 429)
    after = [r for r in calls if r.at > limited.at]
    assert after[0].params["chat_id"] == 2003 and after[0].at - limited.at >= 0.95
    with sqlite3.connect(db_path) as conn:
        active, blocked_at = conn.execute("SELECT is_active, blocked_at FROM users WHERE id = 2002").fetchone()
        failed_error = conn.execute("SELECT error FROM deliveries WHERE user_id = 2004").fetchone()[0]
    assert active == 0 and blocked_at is not None
    assert "chat not found" in failed_error


async def test_stop_button_is_honoured_within_a_second(
    fake: FakeTelegram, db_path: Path, start_bot, admin: ScriptedUser
) -> None:
    ids = list(range(3001, 3301))
    await seed_reachable(fake, db_path, ids)
    await start_bot(broadcast_rate=50, progress_interval=0.5)
    audience = await compose(admin, TEXT)
    progress = await send_to_all(admin, audience, expected=300)
    await fake.wait_for_request("copyMessage", after=20, timeout=10)

    answer = await admin.press(progress, button("ru", "bc-stop"))
    assert answer.text == ru("bc-stopping")
    pressed_at = fake.clock()
    report = await admin.expect_message(timeout=5)
    stopped = ru("bc-report-cancelled", number=1, sent=MARK, total=MARK, cancelled=MARK, blocked=0, failed=0, unknown=0)
    assert report.text.startswith(before_mark(stopped))
    calls = [r for r in fake.requests_for("copyMessage") if r.params["chat_id"] != ADMIN_ID]
    assert all(r.at < pressed_at + 1.0 for r in calls)  # nothing sent later than a second after the press
    counts = db_counts(db_path)
    sent = sum(copies(fake, exclude=ADMIN_ID).values())
    assert counts["sent"] == sent and counts["cancelled"] == 300 - sent and sent < 300
    assert report.text == ru(
        "bc-report-cancelled",
        number=1,
        sent=sent,
        total=300,
        cancelled=300 - sent,
        blocked=counts.get("blocked", 0),
        failed=counts.get("failed", 0),
        unknown=counts.get("unknown", 0),
    )
    assert progress.text.startswith(ru("bc-progress-title-cancelled", number=1)) and progress.buttons == []
    # Pressing again after the end changes nothing.
    again = await admin.press_data(progress.chat_id, progress.message_id, "bc1:stop::1")
    assert again.text == ru("bc-already-finished") and again.show_alert


async def test_cancel_pressed_while_the_bot_was_down_is_honoured_after_restart(
    fake: FakeTelegram, db_path: Path, start_bot, admin: ScriptedUser
) -> None:
    ids = list(range(4001, 4201))
    await seed_reachable(fake, db_path, ids)
    first = await start_bot(broadcast_rate=40, progress_interval=0.5)
    audience = await compose(admin, TEXT)
    progress = await send_to_all(admin, audience, expected=200)
    await fake.wait_for_request("copyMessage", after=15, timeout=10)
    await first.stop()
    stopped_with = sum(copies(fake, exclude=ADMIN_ID).values())
    counts = db_counts(db_path)
    assert counts["sent"] == stopped_with and counts.get("sending", 0) == 0  # a clean stop leaves nothing in flight

    await admin.press(progress, button("ru", "bc-stop"), require_answer=False)  # queued while the bot is down
    await start_bot(broadcast_rate=40, progress_interval=0.5)
    report = await admin.expect_message(timeout=10)
    stopped = ru("bc-report-cancelled", number=1, sent=MARK, total=MARK, cancelled=MARK, blocked=0, failed=0, unknown=0)
    assert report.text.startswith(before_mark(stopped))
    total_sent = sum(copies(fake, exclude=ADMIN_ID).values())
    assert total_sent - stopped_with <= 40  # at most a second's worth before the press was handled
    assert db_counts(db_path)["sent"] == total_sent
    assert max(copies(fake, exclude=ADMIN_ID).values()) == 1


async def test_resident_turns_announcements_off_and_blocking_is_tracked(
    fake: FakeTelegram, db_path: Path, start_bot, admin: ScriptedUser
) -> None:
    users = await seed_reachable(fake, db_path, [5001, 5002])
    await start_bot(broadcast_rate=100, progress_interval=0.2)
    resident = users[5001]
    screen = await open_notices(resident)
    announcements = "profile-notice-announcements"
    assert screen.buttons[0] == [notice_button(announcements, True)]
    answer = await resident.press(screen, notice_button(announcements, True))
    assert answer.text == ru("settings-saved")
    off = await resident.expect_edit(screen)
    assert off.text == ru("profile-notices-ask")
    assert off.buttons[0] == [notice_button(announcements, False)]

    await users[5002].block()  # my_chat_member: kicked
    await fake.wait_for_request("getUpdates", after=fake.count_requests("getUpdates") + 1)
    audience = await compose(admin, TEXT)
    assert audience.buttons[0] == [button("ru", "bc-aud-all", n=0)]
    await admin.send_command("/cancel")
    assert (await admin.expect_message()).text == ru("bc-dropped")

    await users[5002].unblock()
    await resident.press(off, notice_button(announcements, False))
    on = await resident.expect_edit(off)
    assert on.buttons[0] == [notice_button(announcements, True)]
    audience = await compose(admin, TEXT)
    assert audience.buttons[0] == [button("ru", "bc-aud-all", n=2)]


async def test_only_staff_can_press_broadcast_buttons(
    fake: FakeTelegram, db_path: Path, start_bot, admin: ScriptedUser
) -> None:
    ids = list(range(6001, 6101))
    users = await seed_reachable(fake, db_path, ids)
    await start_bot(broadcast_rate=20, progress_interval=0.5)
    audience = await compose(admin, TEXT)
    progress = await send_to_all(admin, audience, expected=100)
    intruder = users[6001]
    forged = await intruder.press_data(progress.chat_id, progress.message_id, "bc1:stop::1")
    assert forged.show_alert and forged.text == ru("not-allowed")
    confirm = await intruder.press_data(progress.chat_id, progress.message_id, "bc1:confirm::0")
    assert confirm.show_alert and confirm.text == forged.text
    assert progress.text.startswith(ru("bc-progress-title-sending", number=1))
    await admin.press(progress, button("ru", "bc-stop"))
    await admin.expect_message(timeout=5)
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM broadcasts").fetchone()[0] == 1
        actions = [r[0] for r in conn.execute("SELECT actor_id FROM audit_log WHERE action = 'broadcast_cancel'")]
    assert actions == [ADMIN_ID]


async def test_double_confirm_makes_one_broadcast(
    fake: FakeTelegram, db_path: Path, start_bot, admin: ScriptedUser
) -> None:
    await seed_reachable(fake, db_path, [7001])
    await start_bot(broadcast_rate=100, progress_interval=0.2)
    audience = await compose(admin, TEXT)
    await admin.press(audience, button("ru", "bc-aud-all", n=1))
    await admin.expect_edit(audience)
    await admin.expect_message()  # preview
    prompt = await admin.expect_message()
    data = prompt.inline_buttons[0]["callback_data"]
    first = await admin.press_data(prompt.chat_id, prompt.message_id, data)
    second = await admin.press_data(prompt.chat_id, prompt.message_id, data)
    assert first.text is None
    assert second.text == ru("bc-draft-gone")
    await admin.expect_edit(prompt)
    await admin.expect_message()  # progress
    await admin.expect_message()  # report
    assert copies(fake, exclude=ADMIN_ID) == {7001: 1}
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM broadcasts").fetchone()[0] == 1


async def test_unsupported_input_while_composing(fake: FakeTelegram, db_path: Path, start_bot, admin) -> None:
    await seed_reachable(fake, db_path, [8001])
    await start_bot()
    await admin.send_command("/broadcast")
    await admin.expect_message()
    await admin.send_sticker()
    assert (await admin.expect_message()).text == ru("bc-unsupported")
    await admin.send_album(3, caption="альбом")
    assert (await admin.expect_message()).text == ru("bc-album")
    await admin.expect_no_message(within=0.5)  # one answer per album, not per photo
    await send_formatted(admin, "Текст", "Текст")
    audience = await admin.expect_message()
    await admin.send("ещё текст")
    assert (await admin.expect_message()).text == ru("bc-use-buttons")
    await admin.press(audience, button("ru", "bc-drop"))
    assert (await admin.expect_edit(audience)).text == ru("bc-dropped")


async def test_several_lanes_deliver_each_recipient_once(
    fake: FakeTelegram, db_path: Path, start_bot, admin: ScriptedUser
) -> None:
    ids = list(range(9101, 9161))
    await seed_reachable(fake, db_path, ids)
    fake.fail_next("copyMessage", "429", retry_after=1, chat_id=9130)
    await start_bot(broadcast_rate=300, broadcast_in_flight=3, progress_interval=0.2)
    audience = await compose(admin, TEXT)
    await send_to_all(admin, audience, expected=60)
    report = await admin.expect_message(timeout=15)
    assert report.text == report_done(1, sent=60, total=60)
    assert copies(fake, exclude=ADMIN_ID) == {i: 1 for i in ids}
    assert db_counts(db_path) == {"sent": 60}


async def test_opt_out_after_confirm_is_respected_and_a_second_broadcast_queues(
    fake: FakeTelegram, db_path: Path, start_bot, admin: ScriptedUser
) -> None:
    ids = list(range(9201, 9301))
    users = await seed_reachable(fake, db_path, ids)
    await start_bot(broadcast_rate=40, progress_interval=0.5)
    audience = await compose(admin, TEXT)
    await send_to_all(admin, audience, expected=100)
    late = users[9300]  # the last in line turns announcements off while the broadcast runs
    screen = await open_notices(late)
    await late.press(screen, notice_button("profile-notice-announcements", True))

    second = await compose(admin, "Второе: субботник переносится")
    await admin.press(second, button("ru", "bc-aud-all", n=99))
    await admin.expect_edit(second)
    await admin.expect_message()  # preview
    prompt = await admin.expect_message()
    assert prompt.text == ru("bc-preview", audience=ru("bc-label-all"), n=99)
    await admin.press(prompt, button("ru", "bc-confirm", n=99))
    await admin.expect_edit(prompt)
    queued = await admin.expect_message()
    assert queued.text.startswith(ru("bc-progress-title-queued", number=2))
    assert queued.buttons == [[button("ru", "bc-stop")]]

    first_report = await admin.expect_message(timeout=15)
    assert first_report.text == report_done(1, sent=99, total=100, cancelled=1)  # the one who opted out
    second_report = await admin.expect_message(timeout=15)
    assert second_report.text == report_done(2, sent=99, total=99)
    assert queued.text.startswith(ru("bc-progress-title-done", number=2))
    assert copies(fake, exclude=ADMIN_ID)[9300] == 0 and copies(fake, exclude=ADMIN_ID)[9201] == 2
