"""Idempotent submission and re-prompts that carry their buttons (issue 12.5)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.fake_telegram import FakeTelegram
from tests.support.scenarios import onboard, write_idea

TEXT = "Поставить лавочки и урны вдоль набережной Урала у моста"
GENERIC = "Что-то пошло не так на нашей стороне"


def ideas_of(db_path: Path, author: int) -> list[int]:
    with sqlite3.connect(db_path) as conn:
        return [r[0] for r in conn.execute("SELECT id FROM ideas WHERE author_id = ? ORDER BY id", (author,))]


async def test_send_again_after_a_lost_confirmation_gives_the_same_number(
    fake: FakeTelegram, db_path: Path, start_bot
) -> None:
    await start_bot(request_timeout=1)
    resident = fake.user(8101, first_name="Нина", language_code="ru")
    await onboard(resident)
    summary = await write_idea(resident, TEXT)
    send_data = summary.button_data["📨 Отправить"]
    # The "#N" message leaves but Telegram never answers (and never delivers it).
    fake.fail_next("sendMessage", "timeout", chat_id=resident.user_id, delay=1.5)
    await resident.press(summary, "📨 Отправить")
    told = await resident.expect_message(timeout=10)
    assert GENERIC in told.text
    assert summary.buttons[0] == ["📨 Отправить"]  # the summary keeps its Send button
    [number] = ideas_of(db_path, resident.user_id)

    answer = await resident.press(summary, "📨 Отправить")  # the resident tries again, as told
    assert answer.text == "Эта идея уже отправлена."
    sent = await resident.expect_message()
    assert sent.text.startswith(f"✅ Идея #{number} отправлена кураторам направления")
    assert (await resident.expect_edit(summary)).buttons == []  # now it is done
    assert ideas_of(db_path, resident.user_id) == [number]

    # Pressed a third time (a re-delivered update, an impatient thumb): still the same idea.
    await resident.press_data(summary.chat_id, summary.message_id, send_data)
    again = await resident.expect_message()
    assert again.text.startswith(f"✅ Идея #{number} отправлена")
    assert ideas_of(db_path, resident.user_id) == [number]


async def test_two_presses_of_send_at_once_make_one_idea(fake: FakeTelegram, db_path: Path, start_bot) -> None:
    await start_bot()
    resident = fake.user(8102, first_name="Олег", language_code="ru")
    await onboard(resident)
    summary = await write_idea(resident, TEXT)
    data = summary.button_data["📨 Отправить"]
    first = fake.new_callback(resident, resident.chat, summary.raw, summary.message_id, data)
    second = fake.new_callback(resident, resident.chat, summary.raw, summary.message_id, data)
    await first.future
    await second.future
    one, two = await resident.expect_message(), await resident.expect_message()
    [number] = ideas_of(db_path, resident.user_id)
    assert one.text.startswith(f"✅ Идея #{number} отправлена") and two.text.startswith(f"✅ Идея #{number} отправлена")


async def test_hints_carry_the_buttons_they_ask_for(fake: FakeTelegram, db_path: Path, start_bot) -> None:
    await start_bot()
    resident = fake.user(8103, first_name="Лена", language_code="ru")
    await resident.send_command("/start")
    await resident.expect_message()
    await resident.expect_message()  # the consent text, whose buttons the resident never saw (say)
    await resident.send("да")
    hint = await resident.expect_message()
    assert hint.text == "Сначала ответьте на вопрос о согласии: кнопки — ниже."
    assert hint.buttons[0][0] == "✅ Согласен(на)"
    await resident.press(hint, "✅ Согласен(на)")
    await resident.expect_edit(hint)
    ask = await resident.expect_message()
    assert "Где вы живёте" in ask.text

    resident2 = fake.user(8104, first_name="Юра", language_code="ru")
    await onboard(resident2)
    summary = await write_idea(resident2, TEXT)
    await resident2.send("ну что там?")
    hint = await resident2.expect_message()
    assert hint.text.startswith("Проверьте идею выше и нажмите «Отправить», «Изменить» или «Отмена» ниже.")
    assert hint.buttons[0] == ["📨 Отправить"]
    await resident2.press(hint, "📨 Отправить")
    sent = await resident2.expect_message()
    [number] = ideas_of(db_path, resident2.user_id)
    assert sent.text.startswith(f"✅ Идея #{number} отправлена")
    assert summary.buttons[0] == ["📨 Отправить"]  # the older copy of the buttons …
    await resident2.press(summary, "📨 Отправить")  # … gives the same idea
    assert (await resident2.expect_message()).text.startswith(f"✅ Идея #{number} отправлена")
    assert ideas_of(db_path, resident2.user_id) == [number]
