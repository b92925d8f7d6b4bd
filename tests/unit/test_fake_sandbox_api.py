"""The fake Bot API's client view (fake_telegram/client.py and the chat versions in core.py), which the sandbox's
web chat shows: the command menu Telegram would pick for a person, the reply keyboard and forced reply the bot
left, uploads the bot can fetch with getFile, poll votes, and a long poll on a chat's changes. Also: the tokens
of the fake and of the sandbox are tokens bot/config.py accepts."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiogram import Bot
from aiogram.types import (
    BotCommand,
    BotCommandScopeAllChatAdministrators,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    BotCommandScopeChatMember,
    ForceReply,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)

from bot.config import PLACEHOLDER_TOKEN, TOKEN_RE, token_given
from fake_telegram import FakeTelegram, ScriptedUser
from tests.support.fake_client import make_bot

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
async def bot(fake: FakeTelegram) -> AsyncIterator[Bot]:
    client = make_bot(fake, html=False)
    yield client
    await client.session.close()


@pytest.fixture
def anna(fake: FakeTelegram) -> ScriptedUser:
    return fake.user(1001, first_name="Анна", language_code="ru", started=True)


def names(commands: list[dict[str, str]]) -> list[str]:
    return [command["command"] for command in commands]


# --------------------------------------------------------------------------------------------- command menu


async def test_commands_for_picks_the_narrowest_scope_and_the_persons_language(
    fake: FakeTelegram, bot: Bot, anna: ScriptedUser
) -> None:
    john = fake.user(1002, first_name="John", language_code="en", started=True)
    olga = fake.user(1003, first_name="Ольга", language_code="ru")
    group = fake.group(-100101, "Кураторы")
    fake.add_member(group, anna, status="administrator")
    fake.add_member(group, olga)
    assert fake.commands_for(anna.id, anna.id, "ru") == []  # nothing set yet

    await bot.set_my_commands([BotCommand(command="start", description="default")])
    await bot.set_my_commands([BotCommand(command="idea", description="Идея")], scope=BotCommandScopeAllPrivateChats())
    await bot.set_my_commands(
        [BotCommand(command="idea", description="Idea")], scope=BotCommandScopeAllPrivateChats(), language_code="en"
    )
    await bot.set_my_commands(
        [BotCommand(command="bind_direction", description="Привязать")], scope=BotCommandScopeAllChatAdministrators()
    )
    await bot.set_my_commands(
        [BotCommand(command="moderate", description="Модерация")], scope=BotCommandScopeChat(chat_id=anna.id)
    )

    assert fake.commands_for(anna.id, anna.id, "ru") == [{"command": "moderate", "description": "Модерация"}]
    assert fake.commands_for(john.id, john.id, "en") == [{"command": "idea", "description": "Idea"}]
    assert fake.commands_for(john.id, john.id, "de") == [{"command": "idea", "description": "Идея"}]  # no German
    assert names(fake.commands_for(group.chat_id, anna.id, "ru")) == ["bind_direction"]  # an administrator there
    assert names(fake.commands_for(group.chat_id, olga.id, "ru")) == ["start"]  # a member: the default menu

    await bot.set_my_commands(
        [BotCommand(command="poll", description="Опрос")],
        scope=BotCommandScopeChatMember(chat_id=group.chat_id, user_id=olga.id),
    )
    assert names(fake.commands_for(group.chat_id, olga.id, "ru")) == ["poll"]
    await bot.delete_my_commands(scope=BotCommandScopeChat(chat_id=anna.id))
    assert names(fake.commands_for(anna.id, anna.id, "ru")) == ["idea"]
    assert fake.commands_for(-1, anna.id, "ru") == []  # a chat the fake does not have


# --------------------------------------------------------------------------------------------- keyboards


async def test_reply_keyboard_stays_until_removed_or_used_once(
    fake: FakeTelegram, bot: Bot, anna: ScriptedUser
) -> None:
    assert fake.reply_keyboard(anna.id) is None
    markup = ReplyKeyboardMarkup(
        keyboard=[[KeyboardButton(text="📍 Место", request_location=True)], [KeyboardButton(text="Отмена")]],
        resize_keyboard=True,
        input_field_placeholder="Где это?",
    )
    sent = await bot.send_message(anna.id, "Где это?", reply_markup=markup)
    await bot.send_message(anna.id, "Без клавиатуры")  # a later message without one leaves it shown
    shown = fake.reply_keyboard(anna.id)
    assert shown is not None and shown["message_id"] == sent.message_id
    assert shown["keyboard"][0][0] == {"text": "📍 Место", "request_location": True}
    assert shown["input_field_placeholder"] == "Где это?"
    await anna.send("Отмена")
    assert fake.reply_keyboard(anna.id) is not None  # not one-time: still there

    await bot.send_message(anna.id, "Убрана", reply_markup=ReplyKeyboardRemove())
    assert fake.reply_keyboard(anna.id) is None

    once = ReplyKeyboardMarkup(keyboard=[[KeyboardButton(text="Да")]], one_time_keyboard=True)
    await bot.send_message(anna.id, "Точно?", reply_markup=once)
    assert fake.reply_keyboard(anna.id) is not None
    await anna.send("Да")
    assert fake.reply_keyboard(anna.id) is None  # one-time: hidden once used


async def test_force_reply_until_someone_answers(fake: FakeTelegram, bot: Bot, anna: ScriptedUser) -> None:
    assert fake.force_reply(anna.id) is None
    asked = await bot.send_message(
        anna.id, "Причина?", reply_markup=ForceReply(force_reply=True, input_field_placeholder="Причина")
    )
    assert fake.force_reply(anna.id) == {"message_id": asked.message_id, "input_field_placeholder": "Причина"}
    await anna.send("Потому что", reply_to=fake.chat_state(anna.id).messages[asked.message_id])
    assert fake.force_reply(anna.id) is None
    again = await bot.send_message(anna.id, "Ещё?", reply_markup=ForceReply(force_reply=True))
    assert fake.force_reply(anna.id) == {"message_id": again.message_id, "input_field_placeholder": None}
    await bot.send_message(anna.id, "Неважно")  # the bot went on: no longer asked
    assert fake.force_reply(anna.id) is None


# --------------------------------------------------------------------------------------------- files and polls


async def test_uploads_are_files_the_bot_can_fetch(fake: FakeTelegram, bot: Bot, anna: ScriptedUser) -> None:
    photo = fake.upload("photo", b"\x89PNG\r\n\x1a\nphoto-bytes")
    raw = fake.user_message(anna, anna.chat, {**photo, "caption": "Фонтан"})
    largest = raw["photo"][-1]["file_id"]
    file = await bot.get_file(largest)
    assert file.file_path is not None
    downloaded = await bot.download_file(file.file_path)
    assert downloaded is not None and downloaded.read() == b"\x89PNG\r\n\x1a\nphoto-bytes"

    document = fake.upload("document", b"a;b\n1;2\n", file_name="list.csv", mime_type="text/csv")
    assert document["document"]["file_name"] == "list.csv" and document["document"]["file_size"] == 8
    stored = fake.stored_file(document["document"]["file_id"])
    assert stored is not None and stored.data == b"a;b\n1;2\n" and stored.mime_type == "text/csv"
    file = await bot.get_file(document["document"]["file_id"])
    assert file.file_path is not None and file.file_path.endswith(".csv")
    assert fake.stored_file("no-such-file") is None


async def test_poll_votes_by_person(fake: FakeTelegram, bot: Bot) -> None:
    group = fake.group(-100102, "Сессия")
    anna, john = fake.user(1001, "Анна"), fake.user(1002, "John")
    sent = await bot.send_poll(group.chat_id, "Когда?", ["Утром", "Вечером"], is_anonymous=False)
    assert sent.poll is not None
    message = fake.chat_state(group.chat_id).bot_messages[sent.message_id]
    assert fake.poll_votes(sent.poll.id) == {}
    await anna.vote(message, [1])
    await john.vote(message, [0])
    assert fake.poll_votes(sent.poll.id) == {anna.id: [1], john.id: [0]}
    await anna.vote(message, [])
    assert fake.poll_votes(sent.poll.id) == {john.id: [0]}
    assert fake.poll_votes("no-such-poll") == {}


# --------------------------------------------------------------------------------------------- watching chats


async def test_every_visible_change_bumps_the_chat_version(fake: FakeTelegram, bot: Bot, anna: ScriptedUser) -> None:
    seen: list[int] = []
    fake.add_chat_listener(lambda chat: seen.append(chat.id))
    chat = fake.chat_state(anna.id)
    versions = [chat.version]

    def bumped() -> bool:
        versions.append(chat.version)
        return versions[-1] > versions[-2]

    await anna.send("Привет")
    assert bumped()
    sent = await bot.send_message(anna.id, "Здравствуйте")
    assert bumped()
    await bot.edit_message_text("Здравствуйте!", chat_id=anna.id, message_id=sent.message_id)
    assert bumped()
    await bot.delete_message(anna.id, sent.message_id)
    assert bumped()
    poll = await bot.send_poll(anna.id, "Да?", ["Да", "Нет"])
    assert bumped()
    await anna.vote(chat.bot_messages[poll.message_id], [0])
    assert bumped()
    assert seen and set(seen) == {anna.id}

    fake.remove_chat_listener(seen.append)  # not registered: nothing happens
    before = len(seen)
    listener = seen.append
    fake.add_chat_listener(listener)
    fake.remove_chat_listener(listener)
    await anna.send("Ещё")
    assert len(seen) == before + 1  # only the first listener is left


# --------------------------------------------------------------------------------------------- tokens


def test_the_fakes_and_the_sandboxs_tokens_are_tokens_the_bot_accepts(monkeypatch: pytest.MonkeyPatch) -> None:
    from fake_telegram.__main__ import _parse_args
    from sandbox.runner import sandbox_token

    monkeypatch.setattr(sys, "argv", ["python -m fake_telegram"])
    assert TOKEN_RE.match(_parse_args().token)
    assert TOKEN_RE.match(FakeTelegram().token)
    assert TOKEN_RE.match(sandbox_token()) and sandbox_token() != sandbox_token()


def test_the_placeholder_is_env_examples_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    assert f"BOT_TOKEN={PLACEHOLDER_TOKEN}\n" in example
    monkeypatch.delenv("BOT_TOKEN", raising=False)
    env_file = tmp_path / ".env"
    assert not token_given(env_file)  # no .env at all
    env_file.write_text(example, encoding="utf-8")
    assert not token_given(env_file)  # .env.example copied as is
    env_file.write_text("BOT_TOKEN=42:real\n", encoding="utf-8")
    assert token_given(env_file)
    monkeypatch.setenv("BOT_TOKEN", "  ")
    assert not token_given(env_file)  # the environment wins, even empty
    monkeypatch.setenv("BOT_TOKEN", PLACEHOLDER_TOKEN)
    assert not token_given(env_file)
    monkeypatch.setenv("BOT_TOKEN", "42:real")
    assert token_given(tmp_path / "missing.env")
