"""Delivery when Telegram stumbles (issue 12): an outage is a pause, provable failures are sent again,
only a message that may have arrived is "unknown", and the organizer can send those again."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

from fake_telegram import FakeTelegram, ScriptedUser
from tests.support.broadcast import compose, copies, db_counts, db_statuses, send_to_all
from tests.support.locale_text import button, ru
from tests.support.seeding import seed_reachable
from tests.support.settings import ADMIN_ID

FAST = {"progress_interval": 0.5, "outage_backoff_max": 0.25, "request_timeout": 1}


async def test_an_outage_mid_broadcast_is_a_pause_not_a_skip(
    fake: FakeTelegram, db_path: Path, start_bot, admin: ScriptedUser
) -> None:
    ids = list(range(500_000, 500_800))
    await seed_reachable(fake, db_path, ids)
    await start_bot(broadcast_rate=400, **FAST)
    await send_to_all(admin, await compose(admin), expected=len(ids))

    await fake.wait_for_request("copyMessage", after=300, timeout=30)
    await fake.go_offline()  # connections refused: nothing sent in this time can have arrived
    refused_from = fake.count_requests("copyMessage")
    await asyncio.sleep(1.5)  # the outage itself: how long Telegram is away (the scenario, not a wait for anything)
    await fake.go_online()

    report = await admin.expect_message(timeout=60)
    counts = db_counts(db_path)
    got = copies(fake, exclude=ADMIN_ID)
    # At most the one copy in flight when the link dropped is unknown; nobody is skipped or gets two.
    assert counts.get("unknown", 0) <= 1 and counts["sent"] + counts.get("unknown", 0) == len(ids), counts
    assert set(got.values()) == {1} and len(got) >= len(ids) - 1
    assert report.text.startswith(
        ru(
            "bc-report-done",
            number=1,
            sent=counts["sent"],
            total=800,
            blocked=counts.get("blocked", 0),
            failed=counts.get("failed", 0),
            unknown=counts.get("unknown", 0),
            cancelled=counts.get("cancelled", 0),
        )
    )
    assert refused_from < fake.count_requests("copyMessage")  # it went on after the outage


async def test_server_errors_and_timeouts_lose_nothing(
    fake: FakeTelegram, db_path: Path, start_bot, admin: ScriptedUser
) -> None:
    ids = list(range(510_000, 510_500))
    await seed_reachable(fake, db_path, ids)
    await start_bot(broadcast_rate=500, **FAST)
    audience = await compose(admin)
    # 5 % answered 500; 1 % delivered but answered too late (the request left, the answer did not come).
    fake.fail_randomly("copyMessage", {"500": 0.05, "timeout": 0.01}, seed=12, delay=1.3, deliver=True)
    await send_to_all(admin, audience, expected=len(ids))
    report = await admin.expect_message(timeout=120)
    fake.clear_faults()

    timeouts = sum(1 for r in fake.refused if r.method == "copyMessage" and r.error == "timeout (delivered)")
    server_errors = sum(1 for r in fake.refused if r.method == "copyMessage" and r.error_code == 500)
    assert timeouts > 0 and server_errors > 10  # the faults really happened
    got = copies(fake, exclude=ADMIN_ID)
    assert set(got) == set(ids) and set(got.values()) == {1}  # 0 lost, 0 duplicates
    counts = db_counts(db_path)
    assert counts["sent"] + counts.get("unknown", 0) == len(ids)
    # Only a recipient whose answer the bot never got is unknown: an injected timeout, or (on a busy
    # machine) a call the fake answered after the bot's own 1 s had run out. Every injected one is seen so.
    late = {int(r.params["chat_id"]) for r in fake.answered_too_late if r.method == "copyMessage"}
    injected = {int(r.params["chat_id"]) for r in fake.refused if r.error == "timeout (delivered)"}
    assert injected <= late
    unknown_ids = {user for user, status in db_statuses(db_path).items() if status == "unknown"}
    assert unknown_ids <= late, (unknown_ids - late, len(late), timeouts)
    unknown = counts.get("unknown", 0)
    assert report.text.startswith(
        ru(
            "bc-report-done",
            number=1,
            sent=counts["sent"],
            total=len(ids),
            blocked=counts.get("blocked", 0),
            failed=counts.get("failed", 0),
            unknown=unknown,
            cancelled=counts.get("cancelled", 0),
        )
    )
    assert report.buttons == [[button("ru", "bc-resend", n=unknown)]]


async def test_unknown_recipients_are_sent_again_after_one_confirmation(
    fake: FakeTelegram, db_path: Path, start_bot, admin: ScriptedUser
) -> None:
    ids = [520_001, 520_002, 520_003, 520_004]
    users = await seed_reachable(fake, db_path, ids)
    await start_bot(broadcast_rate=100, **FAST)
    audience = await compose(admin)
    # Two requests leave and get no answer in time; neither message arrived.
    fake.fail_next("copyMessage", "timeout", chat_id=520_002, delay=1.5)
    fake.fail_next("copyMessage", "timeout", chat_id=520_004, delay=1.5)
    await send_to_all(admin, audience, expected=4)
    report = await admin.expect_message(timeout=30)
    assert report.text.startswith(
        ru("bc-report-done", number=1, sent=2, total=4, blocked=0, failed=0, unknown=2, cancelled=0)
    )
    assert ru("bc-report-unknown", unknown=2) in report.text
    assert [len(users[i].drain()) for i in ids] == [1, 0, 1, 0]

    await admin.press(report, button("ru", "bc-resend", n=2))
    ask = await admin.expect_message()
    assert ask.text == ru("bc-resend-ask", number=1, n=2)
    assert ask.buttons == [[button("ru", "bc-resend-confirm", n=2)], [button("ru", "bc-resend-keep")]]
    await admin.press(ask, button("ru", "bc-resend-confirm", n=2))
    started = await admin.expect_edit(ask)
    assert started.text == ru("bc-resend-started", number=1, n=2)
    second = await admin.expect_message(timeout=30)
    assert second.text.startswith(
        ru("bc-report-done", number=1, sent=4, total=4, blocked=0, failed=0, unknown=0, cancelled=0)
    )
    assert second.buttons == []
    assert [len(users[i].drain()) for i in ids] == [0, 1, 0, 1]

    # The old button, pressed again, sends nothing twice.
    again = await admin.press(report, button("ru", "bc-resend", n=2))
    assert again.show_alert and again.text == ru("bc-resend-nothing")
    with sqlite3.connect(db_path) as conn:
        audited = conn.execute("SELECT count(*) FROM audit_log WHERE action = 'broadcast_resend'").fetchone()[0]
    assert audited == 1


async def test_the_report_is_not_lost_to_server_errors_or_a_refused_connection(
    fake: FakeTelegram, db_path: Path, start_bot, admin: ScriptedUser
) -> None:
    ids = [530_001, 530_002]
    await seed_reachable(fake, db_path, ids)
    await start_bot(broadcast_rate=100, **FAST)
    await send_to_all(admin, await compose(admin), expected=2)
    await fake.wait_for_request("copyMessage", after=2, timeout=10)  # the preview and both copies
    fake.fail_next("sendMessage", "500", chat_id=ADMIN_ID, times=2)  # the report meets two 500s
    report = await admin.expect_message(timeout=30)
    assert report.text.startswith(
        ru("bc-report-done", number=1, sent=2, total=2, blocked=0, failed=0, unknown=0, cancelled=0)
    )
    assert [r.error_code for r in fake.refused if r.method == "sendMessage"] == [500, 500]
