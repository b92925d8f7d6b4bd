"""Issue 14, points 2 and 13, the pure parts: which command a staff message is, the staff welcome's commands, and
when a staff member is due a notice about ideas whose cards wait (once per wave, kept in the database)."""

from __future__ import annotations

from pathlib import Path

from aiogram.types import Chat, Message

from bot.handlers.onboarding.staff import staff_welcome_view
from bot.storage.db import Database
from bot.storage.repositories import Repos
from bot.storage.staff_notices import UNROUTED
from bot.telegram.commands import staff_command_names
from bot.telegram.i18n import Translator
from bot.telegram.staff_notice import command_of


def message(text: str) -> Message:
    return Message.model_validate({"message_id": 1, "date": 0, "chat": Chat(id=1, type="private"), "text": text})


def test_command_of_a_staff_message() -> None:
    assert command_of(message("/stats")) == "stats"
    assert command_of(message("/moderate@ideas_bot 12")) == "moderate"
    assert command_of(message("/")) is None
    assert command_of(message("/ stats")) is None
    assert command_of(message("статистика")) is None


def test_the_welcome_lists_every_command_of_the_menu() -> None:
    t = Translator().for_lang("ru")
    for superadmin in (True, False):
        text, _ = staff_welcome_view(t, superadmin, resident=False)
        listed = [line.split(" ", 1)[0] for line in text.splitlines() if line.startswith("/")]
        assert listed == ["/" + name for name in staff_command_names(superadmin)]
    assert "/organizers" not in staff_welcome_view(t, False, resident=True)[0]


async def test_a_wave_of_waiting_cards_is_told_once(tmp_path: Path) -> None:
    db = Database(tmp_path / "bot.sqlite3")
    await db.connect()
    try:
        repos = Repos(db)
        notices = repos.staff_notices
        assert not await notices.unrouted()
        await db.execute(
            "INSERT INTO ideas (author_id, text, direction_id, created_at, updated_at, card_pending) "
            "VALUES (NULL, 'Идея', 3, '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00', 1)"
        )
        await db.execute("DELETE FROM outbox")  # queued by the trigger, not tried yet: not waiting for no one
        await db.execute(
            "INSERT INTO outbox (kind, ref, attempts, created_at) VALUES ('card', 1, 1, '2026-01-01T00:00:01+00:00')"
        )
        waiting = await notices.unrouted()
        assert (waiting.count, waiting.direction_ids, waiting.since) == (1, (3,), "2026-01-01T00:00:01+00:00")
        assert await notices.told_at(7, UNROUTED) is None
        await notices.told(7, UNROUTED)
        told = await notices.told_at(7, UNROUTED)
        assert told is not None and told > str(waiting.since)  # told after the wave began: not due again
        await db.execute(
            "INSERT INTO curator_chats (direction_id, chat_id, title, bound_by, bound_at) "
            "VALUES (3, -100, 'Кураторы', 1, '2026-01-01T00:00:02+00:00')"
        )
        assert not await notices.unrouted()  # a chat is bound: the card goes there
    finally:
        await db.close()
