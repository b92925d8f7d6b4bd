"""Issue 16.2: a press to register is answered and confirmed first; the .ics file and the QR code are queued with
the place in the same transaction and follow through the outbox, so they never hold up anyone's answer and
survive a crash that comes right after the answer."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from fake_telegram import FakeTelegram
from tests.support.bot_process import ProcessBot
from tests.support.locale_text import button, ru, ru_pattern
from tests.support.seeding import add_session, seed_reachable

TITLE = "Двор мечты"
REGISTER = button("ru", "session-btn-register")


def outbox_rows(db_path: Path) -> list[tuple[str, int, str]]:
    with sqlite3.connect(db_path) as conn:
        return [
            (str(r[0]), int(r[1]), str(r[2]))
            for r in conn.execute("SELECT kind, chat_id, status FROM outbox WHERE kind IN ('ics', 'qr') ORDER BY id")
        ]


@pytest.mark.usefixtures("pinned_clock")
async def test_the_answer_and_confirmation_come_first_the_tickets_follow_from_the_outbox(
    fake: FakeTelegram, db_path: Path, start_bot
) -> None:
    people = await seed_reachable(fake, db_path, [8601, 8602])
    session_id = add_session(db_path, title=TITLE, capacity=1)
    await start_bot()
    anna, boris = people[8601], people[8602]
    for person in (anna, boris):
        await person.send_command("/start", f"session_{session_id}")
    cards = [await anna.expect_message(), await boris.expect_message()]

    answer = await anna.press(cards[0], REGISTER)
    assert answer.text == ru("session-registered-toast")
    await anna.expect_edit(cards[0])
    confirmation = await anna.expect_message()
    assert re.fullmatch(ru_pattern("session-registered", {"when": ".+"}, title=TITLE), confirmation.text or "")
    ics = await anna.expect_message()
    assert ics.kind == "document" and ics.document_name == f"session-{session_id}.ics"
    assert ics.caption == ru("session-ics-caption", title=TITLE)
    qr = await anna.expect_message()
    assert qr.kind == "photo" and f"«{TITLE}»" in (qr.caption or "")
    await anna.expect_no_message(within=0.3)
    assert outbox_rows(db_path) == [("ics", 8601, "sent"), ("qr", 8601, "sent")]

    # The waitlist takes no tickets: nothing is queued for Boris.
    answer = await boris.press(cards[1], REGISTER)
    assert answer.text == ru("session-waitlisted", position=1)
    await boris.expect_edit(cards[1])
    await boris.expect_no_message(within=0.3)
    assert [row[1] for row in outbox_rows(db_path)] == [8601, 8601]


async def test_a_crash_right_after_the_answer_still_delivers_the_tickets_once(
    fake: FakeTelegram, db_path: Path, process_bot: ProcessBot
) -> None:
    people = await seed_reachable(fake, db_path, [8611])
    session_id = add_session(db_path, title=TITLE)
    vera = people[8611]
    await process_bot.start()
    await vera.send_command("/start", f"session_{session_id}")
    card = await vera.expect_message(timeout=15)
    # The confirmation hangs in Telegram (no answer for 30 s): the bot is killed while it waits, after the answer.
    fake.fail_next("sendMessage", "timeout", chat_id=vera.user_id, delay=30)
    answer = await vera.press(card, REGISTER, timeout=15)
    assert answer.text == ru("session-registered-toast")
    await fake.wait_for_request("sendMessage", after=1, timeout=15)  # the confirmation left
    await process_bot.kill()
    assert outbox_rows(db_path) == [("ics", 8611, "pending"), ("qr", 8611, "pending")]

    await process_bot.start()
    ics = await vera.expect_message(timeout=15)
    assert ics.kind == "document" and ics.document_name == f"session-{session_id}.ics"
    qr = await vera.expect_message(timeout=15)
    assert qr.kind == "photo"
    await vera.expect_no_message(within=0.5)
    assert outbox_rows(db_path) == [("ics", 8611, "sent"), ("qr", 8611, "sent")]
