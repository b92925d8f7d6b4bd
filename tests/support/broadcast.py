"""Driving an organizer through /broadcast, and what a broadcast left behind (copies, delivery rows)."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

from fake_telegram import BotMessage, FakeTelegram, ScriptedUser


def ru_number(n: int) -> str:
    """A number as the Russian locale shows it (thousands grouped with a no-break space)."""
    return f"{n:,}".replace(",", "\u00a0")


def copies(fake: FakeTelegram, exclude: int) -> Counter[int]:
    """How many broadcast copies each chat received (the organizer's preview excluded)."""
    return Counter(m.chat_id for m in fake.sent_messages() if m.method == "copyMessage" and m.chat_id != exclude)


def db_counts(db_path: Path, broadcast_id: int = 1) -> dict[str, int]:
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute(
            "SELECT status, count(*) FROM deliveries WHERE broadcast_id = ? GROUP BY status", (broadcast_id,)
        ).fetchall()
    return {status: n for status, n in rows}


def db_statuses(db_path: Path, broadcast_id: int = 1) -> dict[int, str]:
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute("SELECT user_id, status FROM deliveries WHERE broadcast_id = ?", (broadcast_id,)).fetchall()
    return {user_id: status for user_id, status in rows}


async def send_formatted(organizer: ScriptedUser, text: str, bold: str) -> dict:
    """A text message with a bold part, as a Telegram client sends it (entities, not markup)."""
    offset = len(text[: text.index(bold)].encode("utf-16-le")) // 2
    length = len(bold.encode("utf-16-le")) // 2
    content = {"text": text, "entities": [{"type": "bold", "offset": offset, "length": length}]}
    return await organizer.send_content(content)


async def compose(organizer: ScriptedUser, text: str = "Новости: субботник в парке <в 10:00> & чай") -> BotMessage:
    """/broadcast → the message; returns the audience question."""
    await organizer.send_command("/broadcast")
    ask = await organizer.expect_message()
    assert "Пришлите сообщение для рассылки" in ask.text
    await send_formatted(organizer, text, "субботник")
    audience = await organizer.expect_message()
    assert audience.text == "Кому отправить?"
    return audience


async def send_to_all(organizer: ScriptedUser, audience: BotMessage, expected: int) -> BotMessage:
    """Picks "all residents", checks the preview, confirms; returns the progress message."""
    n = ru_number(expected)
    await organizer.press(audience, "Всем жителям")
    picked = await organizer.expect_edit(audience)
    assert picked.text.startswith("Получатели: все жители.") and picked.buttons == []
    preview = await organizer.expect_message()
    assert preview.method == "copyMessage"
    prompt = await organizer.expect_message()
    assert f"все жители — {n} человек" in prompt.text, prompt.text
    await organizer.press(prompt, f"Отправить ({n})")
    started = await organizer.expect_edit(prompt)
    assert f"получателей — {n}" in started.text and started.buttons == []
    progress = await organizer.expect_message()
    assert "идёт" in progress.text and progress.buttons == [["⏹ Остановить рассылку"]]
    return progress
