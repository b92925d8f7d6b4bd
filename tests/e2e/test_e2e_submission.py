"""Idempotent submission and re-prompts that carry their buttons (issue 12.5)."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from fake_telegram import FakeTelegram
from tests.support.locale_text import button, ru, ru_pattern
from tests.support.scenarios import onboarded, write_idea

TEXT = "Поставить лавочки и урны вдоль набережной Урала у моста"
GENERIC = ru("error-generic")
SEND = button("ru", "idea-send")


def is_sent(text: str, number: int) -> bool:
    """The confirmation that idea #number went to the curators (of whichever direction was picked)."""
    return re.fullmatch(ru_pattern("idea-sent", {"direction": ".+"}, number=number), text) is not None


def ideas_of(db_path: Path, author: int) -> list[int]:
    with sqlite3.connect(db_path) as conn:
        return [r[0] for r in conn.execute("SELECT id FROM ideas WHERE author_id = ? ORDER BY id", (author,))]


async def test_send_again_after_a_lost_confirmation_gives_the_same_number(
    fake: FakeTelegram, db_path: Path, start_bot
) -> None:
    await start_bot(request_timeout=2)
    resident = await onboarded(fake, 8101, "Нина")
    summary = await write_idea(resident, TEXT)
    send_data = summary.button_data[SEND]
    # The "#N" message leaves but Telegram never answers (and never delivers it).
    fake.fail_next("sendMessage", "timeout", chat_id=resident.user_id, delay=2.5)
    await resident.press(summary, SEND)
    told = await resident.expect_message(timeout=10)
    assert told.text == GENERIC
    assert summary.buttons[0] == [SEND]  # the summary keeps its Send button
    [number] = ideas_of(db_path, resident.user_id)

    answer = await resident.press(summary, SEND)  # the resident tries again, as told
    assert answer.text == ru("idea-already-sent")
    sent = await resident.expect_message()
    assert is_sent(sent.text, number), sent.text
    assert (await resident.expect_edit(summary)).buttons == []  # now it is done
    assert ideas_of(db_path, resident.user_id) == [number]

    # Pressed a third time (a re-delivered update, an impatient thumb): still the same idea.
    await resident.press_data(summary.chat_id, summary.message_id, send_data)
    again = await resident.expect_message()
    assert is_sent(again.text, number), again.text
    assert ideas_of(db_path, resident.user_id) == [number]


async def test_two_presses_of_send_at_once_make_one_idea(fake: FakeTelegram, db_path: Path, start_bot) -> None:
    await start_bot()
    resident = await onboarded(fake, 8102, "Олег")
    summary = await write_idea(resident, TEXT)
    data = summary.button_data[SEND]
    first = fake.new_callback(resident, resident.chat, summary.raw, summary.message_id, data)
    second = fake.new_callback(resident, resident.chat, summary.raw, summary.message_id, data)
    await first.future
    await second.future
    one, two = await resident.expect_message(), await resident.expect_message()
    [number] = ideas_of(db_path, resident.user_id)
    assert is_sent(one.text, number) and is_sent(two.text, number)


async def test_hints_carry_the_buttons_they_ask_for(fake: FakeTelegram, db_path: Path, start_bot) -> None:
    await start_bot()
    resident = fake.user(8103, first_name="Лена", language_code="ru")
    await resident.send_command("/start")
    await resident.expect_message()
    await resident.expect_message()  # the consent text, whose buttons the resident never saw (say)
    await resident.send("да")
    hint = await resident.expect_message()
    assert hint.text == ru("hint-consent")
    assert hint.buttons[0][0] == button("ru", "consent-accept")
    await resident.press(hint, button("ru", "consent-accept"))
    await resident.expect_edit(hint)
    ask = await resident.expect_message()
    assert ru("territory-ask") in ask.text

    resident2 = await onboarded(fake, 8104, "Юра")
    summary = await write_idea(resident2, TEXT)
    await resident2.send("ну что там?")
    hint = await resident2.expect_message()
    assert hint.text == ru("idea-summary-need")
    assert hint.buttons[0] == [SEND]
    await resident2.press(hint, SEND)
    sent = await resident2.expect_message()
    [number] = ideas_of(db_path, resident2.user_id)
    assert is_sent(sent.text, number), sent.text
    assert summary.buttons[0] == [SEND]  # the older copy of the buttons …
    await resident2.press(summary, SEND)  # … gives the same idea
    assert is_sent((await resident2.expect_message()).text, number)
    assert ideas_of(db_path, resident2.user_id) == [number]
