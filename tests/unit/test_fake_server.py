"""Tests of the fake Telegram Bot API (fake_telegram) against a real aiogram Bot."""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiogram import Bot, Dispatcher, F, Router
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramConflictError,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.methods import TelegramMethod
from aiogram.types import (
    BotCommand,
    BotCommandScopeChat,
    BufferedInputFile,
    CallbackQuery,
    ChatFullInfo,
    ChatMemberAdministrator,
    ChatMemberLeft,
    ChatMemberMember,
    ChatMemberOwner,
    File,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputMediaPhoto,
    InputPollOption,
    Message,
    MessageId,
    Poll,
    ReplyParameters,
    Update,
    User,
)

from fake_telegram import BotMessage, FakeTelegram, ScriptedUser
from fake_telegram.html import HtmlParseError, parse_html
from tests.support.fake_client import FastSession, make_bot

TOKEN = "123456:TEST"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    server = FakeTelegram(token=TOKEN, bot_id=123456, bot_username="ideas_bot", bot_first_name="Ideas")
    await server.start(host="127.0.0.1", port=0)
    yield server
    await server.stop()


@pytest.fixture
async def bot(fake: FakeTelegram) -> AsyncIterator[Bot]:
    client = make_bot(fake)
    yield client
    await client.session.close()


@pytest.fixture
def anna(fake: FakeTelegram) -> ScriptedUser:
    return fake.user(1001, first_name="Анна", last_name=None, username="anna", language_code="ru")


def keyboard(*rows: list[tuple[str, str]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=text, callback_data=data) for text, data in row] for row in rows]
    )


async def raw_call(fake: FakeTelegram, method: str, data: dict[str, str], token: str = TOKEN) -> tuple[int, Any]:
    status, body, _headers = await raw_call_with_headers(fake, method, data, token)
    return status, body


async def raw_call_with_headers(
    fake: FakeTelegram, method: str, data: dict[str, str], token: str = TOKEN
) -> tuple[int, Any, dict[str, str]]:
    async with (
        aiohttp.ClientSession() as session,
        session.post(f"{fake.base_url}/bot{token}/{method}", data=data) as response,
    ):
        return response.status, await response.json(), dict(response.headers)


# --------------------------------------------------------------------------------------------- HTML parser


def test_html_nested_tags_and_entities() -> None:
    text, entities = parse_html("<b>bold <i>both</i></b> &lt;tag&gt; &amp; &quot;q&quot; &#65;&#x42; <u>u</u>")
    assert text == 'bold both <tag> & "q" AB u'
    assert entities == [
        {"type": "bold", "offset": 0, "length": 9},
        {"type": "italic", "offset": 5, "length": 4},
        {"type": "underline", "offset": 25, "length": 1},
    ]


def test_html_utf16_offsets_with_emoji_and_cyrillic() -> None:
    text, entities = parse_html("😀 <b>Привет</b> 👍🏽<i>x</i>")
    assert text == "😀 Привет 👍🏽x"
    # 😀 is a surrogate pair (2 units); 👍🏽 is two astral code points (4 units)
    assert entities == [{"type": "bold", "offset": 3, "length": 6}, {"type": "italic", "offset": 14, "length": 1}]


def test_html_all_supported_tags() -> None:
    source = (
        "<strong>a</strong><em>b</em><ins>c</ins><s>d</s><strike>e</strike><del>f</del>"
        '<span class="tg-spoiler">g</span><tg-spoiler>h</tg-spoiler><a href="https://example.org/x">i</a>'
        "<code>j</code><pre>k</pre>"
        '<pre><code class="language-python">print(1)</code></pre>'
        "<blockquote>m</blockquote><blockquote expandable>n</blockquote>"
        '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>'
    )
    text, entities = parse_html(source)
    assert text == "abcdefghijkprint(1)mn👍"
    types = [(entity["type"], entity["offset"], entity["length"]) for entity in entities]
    assert types == [
        ("bold", 0, 1),
        ("italic", 1, 1),
        ("underline", 2, 1),
        ("strikethrough", 3, 1),
        ("strikethrough", 4, 1),
        ("strikethrough", 5, 1),
        ("spoiler", 6, 1),
        ("spoiler", 7, 1),
        ("text_link", 8, 1),
        ("code", 9, 1),
        ("pre", 10, 1),
        ("pre", 11, 8),
        ("blockquote", 19, 1),
        ("expandable_blockquote", 20, 1),
        ("custom_emoji", 21, 2),
    ]
    assert entities[8]["url"] == "https://example.org/x"
    assert entities[11]["language"] == "python"
    assert entities[14]["custom_emoji_id"] == "5368324170671202286"


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("<b>ok</b> <foo>x</foo>", 'Unsupported start tag "foo" at byte offset 10'),
        ("Привет <foo>", 'Unsupported start tag "foo" at byte offset 13'),
        ("<b>never closed", 'Can\'t find end tag corresponding to start tag "b"'),
        ("text</b>", "Unexpected end tag at byte offset 4"),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
        ("a <b", "Unclosed start tag at byte offset 2"),
        ("Tom & Jerry", 'Unescaped "&" at byte offset 4'),
        ("&nbsp;", 'Unescaped "&" at byte offset 0'),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ("<a href>x</a>", 'Expected equal sign in declaration of an attribute of the tag "a" at byte offset 0'),
    ],
)
def test_html_errors(source: str, reason: str) -> None:
    with pytest.raises(HtmlParseError) as caught:
        parse_html(source)
    assert caught.value.description == f"Bad Request: can't parse entities: {reason}"


def test_html_lenient_ampersand_like_telegram() -> None:
    assert parse_html("Tom & Jerry", strict_ampersand=False) == ("Tom & Jerry", [])


# --------------------------------------------------------------------------------------------- every method


async def test_every_method_parses_in_aiogram(fake: FakeTelegram, bot: Bot, anna: ScriptedUser) -> None:
    group = fake.group(-1001234, title="Curators", is_forum=False)
    fake.add_member(group, anna, status="creator")
    await anna.send_command("/start")

    me = await bot.get_me()
    assert isinstance(me, User) and me.username == "ideas_bot" and me.id == 123456
    updates = await bot.get_updates(timeout=0)
    assert [type(update) for update in updates] == [Update]
    assert updates[0].message is not None and updates[0].message.text == "/start"
    assert await bot.delete_webhook(drop_pending_updates=False) is True

    assert await bot.set_my_commands([BotCommand(command="start", description="Начать")]) is True
    assert await bot.set_my_commands(
        [BotCommand(command="curate", description="Curate")], scope=BotCommandScopeChat(chat_id=group.chat_id)
    )
    commands = await bot.get_my_commands()
    assert [(command.command, command.description) for command in commands] == [("start", "Начать")]
    assert fake.commands[("default", "")] == [{"command": "start", "description": "Начать"}]
    assert ('{"chat_id":-1001234,"type":"chat"}', "") in fake.commands
    assert await bot.delete_my_commands() is True
    assert await bot.get_my_commands() == []

    text = await bot.send_message(anna.id, "<b>Hi</b>", reply_markup=keyboard([("Go", "go")]))
    assert isinstance(text, Message) and text.text == "Hi" and text.reply_markup is not None
    photo = await bot.send_photo(anna.id, BufferedInputFile(b"\xff\xd8photo", "p.jpg"), caption="<i>pic</i>")
    assert photo.photo is not None and photo.caption == "pic"
    again = await bot.send_photo(anna.id, photo.photo[-1].file_id)
    assert again.photo is not None
    document = await bot.send_document(anna.id, BufferedInputFile(b"%PDF-1.4", "idea.pdf"))
    assert document.document is not None and document.document.file_name == "idea.pdf"
    album = await bot.send_media_group(
        anna.id,
        [
            InputMediaPhoto(media=BufferedInputFile(b"one", "1.jpg"), caption="first"),
            InputMediaPhoto(media=photo.photo[-1].file_id),
        ],
    )
    assert len(album) == 2 and all(isinstance(item, Message) for item in album)
    assert album[0].media_group_id is not None and album[0].media_group_id == album[1].media_group_id
    location = await bot.send_location(anna.id, latitude=51.77, longitude=55.10)
    assert location.location is not None and location.location.latitude == pytest.approx(51.77)
    venue = await bot.send_venue(anna.id, 51.77, 55.10, title="Точка кипения", address="Оренбург")
    assert venue.venue is not None and venue.venue.title == "Точка кипения"
    assert await bot.send_chat_action(anna.id, "typing") is True
    copied = await bot.copy_message(group.chat_id, from_chat_id=anna.id, message_id=text.message_id)
    assert isinstance(copied, MessageId)
    forwarded = await bot.forward_message(group.chat_id, from_chat_id=anna.id, message_id=text.message_id)
    assert forwarded.forward_origin is not None

    edited = await bot.edit_message_text("<b>Hi again</b>", chat_id=anna.id, message_id=text.message_id)
    assert isinstance(edited, Message) and edited.text == "Hi again" and edited.edit_date is not None
    caption = await bot.edit_message_caption(chat_id=anna.id, message_id=photo.message_id, caption="new")
    assert isinstance(caption, Message) and caption.caption == "new"
    markup = await bot.edit_message_reply_markup(
        chat_id=anna.id, message_id=text.message_id, reply_markup=keyboard([("New", "new")])
    )
    assert isinstance(markup, Message) and markup.reply_markup is not None
    assert await bot.delete_message(anna.id, location.message_id) is True

    bot_message = anna.inbox[0]
    press = asyncio.create_task(anna.press(bot_message, "New"))
    query_id = await next_callback_query_id(bot)
    assert await bot.answer_callback_query(query_id, text="ok") is True
    assert (await press).text == "ok"

    chat = await bot.get_chat(group.chat_id)
    assert isinstance(chat, ChatFullInfo) and chat.title == "Curators"
    private = await bot.get_chat(anna.id)
    assert isinstance(private, ChatFullInfo) and private.first_name == "Анна"
    assert isinstance(await bot.get_chat_member(group.chat_id, anna.id), ChatMemberOwner)
    assert isinstance(await bot.get_chat_member(group.chat_id, fake.bot_id), ChatMemberAdministrator)
    assert isinstance(await bot.get_chat_member(anna.id, anna.id), ChatMemberMember)
    fake.user(1002, first_name="Борис")
    assert isinstance(await bot.get_chat_member(group.chat_id, 1002), ChatMemberLeft)
    admins = await bot.get_chat_administrators(group.chat_id)
    assert {type(admin) for admin in admins} == {ChatMemberOwner, ChatMemberAdministrator}

    poll_message = await bot.send_poll(
        group.chat_id,
        question="Куда поставить скамейки?",
        options=[InputPollOption(text="Парк"), InputPollOption(text="Набережная")],
        is_anonymous=False,
    )
    assert poll_message.poll is not None and poll_message.poll.options[0].persistent_id
    stopped = await bot.stop_poll(group.chat_id, poll_message.message_id)
    assert isinstance(stopped, Poll) and stopped.is_closed

    file = await bot.get_file(document.document.file_id)
    assert isinstance(file, File) and file.file_path
    downloaded = await bot.download_file(file.file_path)
    assert downloaded is not None and downloaded.read() == b"%PDF-1.4"

    assert await bot.log_out() is True
    assert await bot.close() is True
    assert fake.refused == []


async def next_callback_query_id(bot: Bot) -> str:
    updates = await bot.get_updates(timeout=2, allowed_updates=["callback_query"])
    queries = [update.callback_query for update in updates if update.callback_query is not None]
    assert queries, updates
    return queries[-1].id


async def test_updates_of_every_kind_validate(fake: FakeTelegram, bot: Bot, anna: ScriptedUser) -> None:
    group = fake.group(-100777, title="Forum", is_forum=True)
    channel = fake.channel(-100888, title="News")
    topic = group.create_topic("Ideas", creator=anna)
    message = await anna.send("hello")
    await anna.edit(message, "hello, edited")
    await anna.send_photo(caption="look")
    await anna.send_album(n=3)
    await anna.send_location(51.77, 55.10)
    await anna.send_sticker()
    await anna.send_voice()
    await anna.send_video()
    await anna.send_document(file_name="plan.pdf")
    await anna.send_contact()
    await anna.send_in(group, "/start@ideas_bot in topic", thread_id=topic)
    await channel.post("channel news")
    sent = await bot.send_message(anna.id, "pick", reply_markup=keyboard([("A", "a")]))
    await anna.press_data(anna.id, sent.message_id, "a", require_answer=False, timeout=0.01)
    await anna.block()
    await anna.unblock()
    poll = await bot.send_poll(anna.id, "Q?", options=["x", "y"], is_anonymous=False)
    await anna.vote(anna.inbox[-1], [1])

    # the kinds of update made above: asked for, and each expected back
    made = ["message", "edited_message", "callback_query", "my_chat_member", "channel_post", "poll", "poll_answer"]
    async with aiohttp.ClientSession() as session:
        url = f"{fake.base_url}/bot{TOKEN}/getUpdates"
        allowed = json.dumps(made)
        async with session.post(url, data={"allowed_updates": allowed, "timeout": "0"}) as response:
            body = await response.json()
    kinds = [next(key for key in update if key != "update_id") for update in body["result"]]
    for update in body["result"]:
        Update.model_validate(update)
    assert set(kinds) == set(made)
    album = [u["message"] for u in body["result"] if "message" in u and "media_group_id" in u["message"]]
    assert len(album) == 3 and len({item["media_group_id"] for item in album}) == 1
    topic_message = next(
        u["message"] for u in body["result"] if u.get("message", {}).get("chat", {}).get("id") == -100777
    )
    assert topic_message["message_thread_id"] == topic and topic_message["is_topic_message"] is True
    assert topic_message["entities"][0] == {"type": "bot_command", "offset": 0, "length": 16}
    answers = [u["poll_answer"] for u in body["result"] if "poll_answer" in u]
    assert answers[0]["option_ids"] == [1] and answers[0]["poll_id"] == poll.poll.id  # type: ignore[union-attr]
    # aiogram parses the same batch
    parsed = await bot.get_updates(timeout=0)
    assert len(parsed) == len(body["result"])


# --------------------------------------------------------------------------------------------- refusals


async def expect_bad_request(call: Any, description: str) -> None:
    with pytest.raises(TelegramBadRequest) as caught:
        await call
    assert caught.value.message == description


async def test_chat_not_found_and_blocked(fake: FakeTelegram, bot: Bot, anna: ScriptedUser) -> None:
    await expect_bad_request(bot.send_message(anna.id, "hi"), "Bad Request: chat not found")  # never wrote
    await expect_bad_request(bot.send_message(555, "hi"), "Bad Request: chat not found")
    await anna.send_command("/start")
    await bot.send_message(anna.id, "hi")
    await anna.block()
    with pytest.raises(TelegramForbiddenError) as caught:
        await bot.send_message(anna.id, "still there?")
    assert caught.value.message == "Forbidden: bot was blocked by the user"
    await anna.unblock()
    await bot.send_message(anna.id, "welcome back")
    assert [m.text for m in anna.inbox] == ["hi", "welcome back"]
    assert [r.error for r in fake.refused] == [
        "Bad Request: chat not found",
        "Bad Request: chat not found",
        "Forbidden: bot was blocked by the user",
    ]


async def test_text_limits(fake: FakeTelegram, bot: Bot, anna: ScriptedUser) -> None:
    await anna.send("hi")
    await expect_bad_request(bot.send_message(anna.id, ""), "Bad Request: message text is empty")
    await expect_bad_request(bot.send_message(anna.id, "<b> </b>"), "Bad Request: message must be non-empty")
    await expect_bad_request(bot.send_message(anna.id, "x" * 4097), "Bad Request: message is too long")
    await bot.send_message(anna.id, "x" * 4096)
    await bot.send_message(anna.id, "<b>" + "x" * 4096 + "</b>")  # counted after parsing
    await bot.send_message(anna.id, "😀" * 2048)  # 4096 UTF-16 code units
    await expect_bad_request(bot.send_message(anna.id, "😀" * 2049), "Bad Request: message is too long")
    image = BufferedInputFile(b"img", "a.jpg")
    await expect_bad_request(
        bot.send_photo(anna.id, image, caption="c" * 1025), "Bad Request: message caption is too long"
    )
    await expect_bad_request(
        bot.send_message(anna.id, "<b>open"),
        "Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\"",
    )
    await expect_bad_request(
        bot.send_message(anna.id, "Идея <script>"),
        'Bad Request: can\'t parse entities: Unsupported start tag "script" at byte offset 9',
    )
    await expect_bad_request(
        bot.send_message(anna.id, "x</i>"), "Bad Request: can't parse entities: Unexpected end tag at byte offset 1"
    )
    await bot.send_message(anna.id, "1 < 2 & 3", parse_mode=None)  # plain text is not parsed
    assert anna.inbox[-1].text == "1 < 2 & 3"


async def test_entities_passed_as_json(fake: FakeTelegram, bot: Bot, anna: ScriptedUser) -> None:
    from aiogram.utils.formatting import Bold, Text

    await anna.send("hi")
    content = Text("Привет, ", Bold("мир"), " 😀")
    message = await bot.send_message(anna.id, **content.as_kwargs())
    assert message.text == "Привет, мир 😀"
    sent = anna.inbox[-1]
    assert sent.entities == [{"type": "bold", "offset": 8, "length": 3}]
    assert sent.parse_mode is None


async def test_reply_markup_refusals(fake: FakeTelegram, bot: Bot, anna: ScriptedUser) -> None:
    await anna.send("hi")
    await expect_bad_request(
        bot.send_message(anna.id, "x", reply_markup=keyboard([("Long", "d" * 65)])), "Bad Request: BUTTON_DATA_INVALID"
    )
    await expect_bad_request(
        bot.send_message(anna.id, "x", reply_markup=keyboard([("Кириллица", "я" * 33)])),
        "Bad Request: BUTTON_DATA_INVALID",
    )
    await bot.send_message(anna.id, "x", reply_markup=keyboard([("Max", "d" * 64)]))
    no_action = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="Nothing")]])
    await expect_bad_request(
        bot.send_message(anna.id, "x", reply_markup=no_action),
        "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
    )
    await expect_bad_request(
        bot.send_message(anna.id, "x", reply_markup=keyboard([("Empty", "")])),
        "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
    )
    status, body = await raw_call(fake, "sendMessage", {"chat_id": str(anna.id), "text": "x", "reply_markup": "{oops"})
    assert (status, body["description"]) == (400, "Bad Request: can't parse reply keyboard markup JSON object")
    status, body = await raw_call(
        fake, "sendMessage", {"chat_id": str(anna.id), "text": "x", "reply_markup": '{"inline_keyboard": [1]}'}
    )
    assert (
        body["description"]
        == 'Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays'
    )


async def test_callback_answers(fake: FakeTelegram, bot: Bot, anna: ScriptedUser) -> None:
    await anna.send("hi")
    sent = await bot.send_message(anna.id, "pick", reply_markup=keyboard([("Yes", "yes")]))
    message = anna.inbox[-1]
    expired = "Bad Request: query is too old and response timeout expired or query ID is invalid"
    await expect_bad_request(bot.answer_callback_query("12345"), expired)

    press = asyncio.create_task(anna.press(message, "Yes"))
    query_id = await next_callback_query_id(bot)
    await bot.answer_callback_query(query_id, text="Принято", show_alert=True)
    result = await press
    assert (result.text, result.show_alert, result.answered) == ("Принято", True, True)
    await expect_bad_request(bot.answer_callback_query(query_id), expired)  # answered twice

    now = fake.clock()
    fake.clock = lambda: now
    late = asyncio.create_task(anna.press_data(anna.id, sent.message_id, "yes", timeout=0.5, require_answer=False))
    query_id = await next_callback_query_id(bot)
    fake.clock = lambda: now + 16
    await expect_bad_request(bot.answer_callback_query(query_id), expired)
    assert (await late).answered is False
    fake.callback_answer_timeout = 60
    press = asyncio.create_task(anna.press(message, "Ye"))  # partial text match
    query_id = await next_callback_query_id(bot)
    fake.clock = lambda: now + 50
    await bot.answer_callback_query(query_id)
    assert (await press).text is None


async def test_press_unknown_button_lists_buttons(fake: FakeTelegram, bot: Bot, anna: ScriptedUser) -> None:
    await anna.send("hi")
    await bot.send_message(anna.id, "pick", reply_markup=keyboard([("Yes", "y"), ("No", "n")]))
    message = await anna.expect_message()
    with pytest.raises(AssertionError, match=r"no inline button 'Maybe'.*\[\['Yes', 'No'\]\]"):
        await anna.press(message, "Maybe")
    assert message.buttons == [["Yes", "No"]]
    assert message.button_data == {"Yes": "y", "No": "n"}


async def test_edit_and_delete_refusals(fake: FakeTelegram, bot: Bot, anna: ScriptedUser) -> None:
    user_message = await anna.send("hi")
    sent = await bot.send_message(anna.id, "<b>same</b>", reply_markup=keyboard([("A", "a")]))
    not_modified = (
        "Bad Request: message is not modified: specified new message content and reply markup are exactly the "
        "same as a current content and reply markup of the message"
    )
    await expect_bad_request(
        bot.edit_message_text(
            "<b>same</b>", chat_id=anna.id, message_id=sent.message_id, reply_markup=keyboard([("A", "a")])
        ),
        not_modified,
    )
    await expect_bad_request(
        bot.edit_message_reply_markup(chat_id=anna.id, message_id=sent.message_id, reply_markup=keyboard([("A", "a")])),
        not_modified,
    )
    # Same text without the keyboard is a change: an edit without reply_markup removes the keyboard.
    await bot.edit_message_text("<b>same</b>", chat_id=anna.id, message_id=sent.message_id)
    message = anna.inbox[-1]
    assert message.reply_markup is None and len(message.edits) == 1
    await expect_bad_request(
        bot.edit_message_text("x", chat_id=anna.id, message_id=9999), "Bad Request: message to edit not found"
    )
    await expect_bad_request(
        bot.edit_message_text("x", chat_id=anna.id, message_id=user_message["message_id"]),
        "Bad Request: message can't be edited",
    )
    await expect_bad_request(bot.delete_message(anna.id, 9999), "Bad Request: message to delete not found")
    await bot.delete_message(anna.id, sent.message_id)
    assert message.deleted
    await expect_bad_request(bot.delete_message(anna.id, sent.message_id), "Bad Request: message to delete not found")
    await expect_bad_request(
        bot.edit_message_text("x", chat_id=anna.id, message_id=sent.message_id),
        "Bad Request: message to edit not found",
    )
    photo = await bot.send_photo(anna.id, BufferedInputFile(b"img", "a.jpg"))
    await expect_bad_request(
        bot.edit_message_text("x", chat_id=anna.id, message_id=photo.message_id),
        "Bad Request: there is no text in the message to edit",
    )


async def test_media_group_and_thread_and_poll_limits(fake: FakeTelegram, bot: Bot, anna: ScriptedUser) -> None:
    forum = fake.group(-100555, title="Forum", is_forum=True)
    topic = forum.create_topic("Ideas")
    photo = await bot.send_photo(forum.chat_id, BufferedInputFile(b"img", "a.jpg"), message_thread_id=topic)
    assert photo.message_thread_id == topic
    file_id = photo.photo[-1].file_id  # type: ignore[index]
    with pytest.raises(TelegramBadRequest, match="2-10"):
        await bot.send_media_group(forum.chat_id, [InputMediaPhoto(media=file_id)])
    await expect_bad_request(
        bot.send_media_group(forum.chat_id, [InputMediaPhoto(media=file_id)] * 11),
        "Bad Request: too many messages to send as an album",
    )
    await expect_bad_request(
        bot.send_media_group(forum.chat_id, [InputMediaPhoto(media=file_id), InputMediaPhoto(media="bogus")]),
        'Bad Request: failed to send message #2 with the error message "Wrong file identifier/HTTP URL specified"',
    )
    await expect_bad_request(
        bot.send_message(forum.chat_id, "x", message_thread_id=4242), "Bad Request: message thread not found"
    )
    await expect_bad_request(
        bot.send_poll(forum.chat_id, "Q" * 301, options=["a", "b"]),
        "Bad Request: poll question length must not exceed 300",
    )
    await expect_bad_request(
        bot.send_poll(forum.chat_id, "Q", options=["a"]), "Bad Request: poll must have at least 2 option"
    )
    await expect_bad_request(
        bot.send_poll(forum.chat_id, "Q", options=[str(i) for i in range(13)]),
        "Bad Request: poll can't have more than 12 options",
    )
    await expect_bad_request(
        bot.send_poll(forum.chat_id, "Q", options=["a", "b" * 101]),
        "Bad Request: poll options length must not exceed 100",
    )
    await bot.send_poll(forum.chat_id, "Q" * 300, options=[str(i) for i in range(12)])


async def test_auth_and_unknown_method(fake: FakeTelegram) -> None:
    wrong = FakeTelegram(token="999:WRONG")
    wrong.base_url = fake.base_url
    client = make_bot(wrong)
    with pytest.raises(TelegramUnauthorizedError):
        await client.get_me()
    await client.session.close()
    status, body = await raw_call(fake, "getMe", {}, token="999:WRONG")
    assert (status, body) == (401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
    status, body = await raw_call(fake, "sendTelepathy", {})
    assert (status, body) == (404, {"ok": False, "error_code": 404, "description": "Not Found"})
    status, body = await raw_call(fake, "GETME", {})
    assert status == 200 and body["result"]["username"] == "ideas_bot"
    async with aiohttp.ClientSession() as session, session.get(f"{fake.base_url}/bot{TOKEN}/getMe") as response:
        assert (await response.json())["ok"] is True


# --------------------------------------------------------------------------------------------- faults


async def test_injected_faults(fake: FakeTelegram, bot: Bot, anna: ScriptedUser) -> None:
    await anna.send("hi")
    fake.fail_next("sendMessage", error="429", retry_after=2)
    with pytest.raises(TelegramRetryAfter) as retry:
        await bot.send_message(anna.id, "x")
    assert retry.value.retry_after == 2
    assert "Original description: Too Many Requests: retry after 2" in retry.value.message
    fake.fail_next("sendMessage", error="429", retry_after=3)
    status, body, headers = await raw_call_with_headers(fake, "sendMessage", {"chat_id": str(anna.id), "text": "x"})
    assert status == 429 and body["parameters"] == {"retry_after": 3} and headers["Retry-After"] == "3"
    assert body["description"] == "Too Many Requests: retry after 3"

    fake.fail_next("sendMessage", error="403", chat_id=anna.id)
    other = fake.user(1002, started=True)
    await bot.send_message(other.id, "not affected")
    with pytest.raises(TelegramForbiddenError, match="bot was blocked by the user"):
        await bot.send_message(anna.id, "x")
    fake.fail_next("sendMessage", error="400", description="Bad Request: chat not found", times=2)
    for _ in range(2):
        await expect_bad_request(bot.send_message(anna.id, "x"), "Bad Request: chat not found")
    await bot.send_message(anna.id, "works again")
    fake.fail_next("getMe", error="500")
    with pytest.raises(TelegramServerError):
        await bot.get_me()
    assert len(fake.refused) == 6
    assert anna.inbox[-1].text == "works again"


async def test_timeout_fault_may_still_deliver(fake: FakeTelegram, anna: ScriptedUser) -> None:
    await anna.send("hi")
    impatient = make_bot(fake, timeout=0.2)
    fake.fail_next("sendMessage", error="timeout", delay=0.6, deliver=True)
    with pytest.raises(TelegramNetworkError):
        await impatient.send_message(anna.id, "delivered anyway")
    assert (await anna.expect_message(timeout=0.1)).text == "delivered anyway"
    fake.fail_next("sendMessage", error="timeout", delay=0.6, deliver=False)
    with pytest.raises(TelegramNetworkError):
        await impatient.send_message(anna.id, "lost")
    await anna.expect_no_message(within=0.1)
    await impatient.session.close()
    assert [r.error for r in fake.refused] == ["timeout (delivered)", "timeout"]


async def test_rate_limit(fake: FakeTelegram, bot: Bot) -> None:
    users = [fake.user(2000 + i, started=True) for i in range(40)]
    now = fake.clock()
    fake.clock = lambda: now  # frozen time: buckets do not refill
    fake.rate_limit = True
    for _ in range(3):  # a short burst into one chat is fine
        await bot.send_message(users[0].id, "burst")
    with pytest.raises(TelegramRetryAfter) as caught:
        await bot.send_message(users[0].id, "too fast")
    assert caught.value.retry_after >= 1
    sent = 3
    with pytest.raises(TelegramRetryAfter):
        for user in users[1:]:
            await bot.send_message(user.id, "broadcast")
            sent += 1
    assert sent == 30  # global bucket: ~30 messages per second
    fake.clock = lambda: now + 1.0
    await bot.send_message(users[39].id, "a second later")
    assert fake.stats.rate_limited == 2


# --------------------------------------------------------------------------------------------- long polling


async def test_long_polling_wakes_up_and_respects_offset(fake: FakeTelegram, bot: Bot, anna: ScriptedUser) -> None:
    await anna.send("first")
    first = await bot.get_updates(timeout=0)
    assert [u.message.text for u in first if u.message] == ["first"]
    again = await bot.get_updates(timeout=0)
    assert [u.update_id for u in again] == [first[0].update_id]  # not confirmed yet

    loop = asyncio.get_running_loop()
    started = loop.time()
    poll = asyncio.create_task(bot.get_updates(offset=first[-1].update_id + 1, timeout=10))
    await fake.wait_polling()
    await anna.send("second")
    second = await poll
    assert loop.time() - started < 2
    assert [u.message.text for u in second if u.message] == ["second"]
    assert fake.pending_updates() == 1
    assert await bot.get_updates(offset=second[-1].update_id + 1, timeout=0) == []
    assert fake.pending_updates() == 0

    # allowed_updates applies to updates created after the call (as on Telegram)
    assert await bot.get_updates(timeout=0, allowed_updates=["callback_query"]) == []
    await anna.send("filtered out")
    assert await bot.get_updates(timeout=0, allowed_updates=["message"]) == []
    await anna.send("wanted")
    assert [u.message.text for u in await bot.get_updates(timeout=0) if u.message] == ["wanted"]
    assert fake.stats.updates_dropped == 1


async def test_second_poller_conflicts(fake: FakeTelegram, bot: Bot) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=5))
    await fake.wait_polling()
    other = make_bot(fake)
    assert await other.get_updates(timeout=0) == []
    with pytest.raises(TelegramConflictError) as caught:
        await first
    assert caught.value.message == (
        "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
    )
    await other.session.close()


# --------------------------------------------------------------------------------------------- a real dispatcher


def echo_router() -> Router:
    router = Router()

    @router.message(F.text)
    async def echo(message: Message) -> None:
        await message.answer(
            f"Вы написали: <b>{message.text}</b>",
            reply_markup=keyboard([("👍 Нравится", "like:1"), ("Удалить", "delete")]),
        )

    @router.callback_query(F.data.startswith("like:"))
    async def like(callback: CallbackQuery) -> None:
        assert isinstance(callback.message, Message)
        await callback.message.edit_text("Спасибо!", reply_markup=keyboard([("Отменить", "unlike")]))
        await callback.answer("Лайк учтён")

    @router.callback_query()
    async def other(callback: CallbackQuery) -> None:
        await callback.answer("Неизвестная кнопка", show_alert=True)

    @router.message(F.photo)
    async def photo(message: Message) -> None:
        assert message.photo is not None
        await message.reply_photo(message.photo[-1].file_id, caption="Фото получено")

    return router


async def test_dispatcher_conversation(fake: FakeTelegram, anna: ScriptedUser) -> None:
    bot = make_bot(fake)
    dispatcher = Dispatcher()
    dispatcher.include_router(echo_router())
    polling = asyncio.create_task(dispatcher.start_polling(bot, handle_signals=False, polling_timeout=5))
    try:
        await anna.send("Скамейки в парке")
        reply = await anna.expect_message()
        assert reply.text == "Вы написали: Скамейки в парке"
        assert reply.html == "Вы написали: <b>Скамейки в парке</b>"
        assert reply.entities == [{"type": "bold", "offset": 13, "length": 16}]
        assert reply.buttons == [["👍 Нравится", "Удалить"]]

        result = await anna.press(reply, "Нравится")
        assert (result.text, result.show_alert) == ("Лайк учтён", False)
        edited = await anna.expect_edit(reply)
        assert edited is reply and reply.text == "Спасибо!" and reply.buttons == [["Отменить"]]
        assert reply.edits[0]["text"] == "Вы написали: Скамейки в парке"

        forged = await anna.press_data(anna.id, reply.message_id, "forged:data")
        assert (forged.text, forged.show_alert) == ("Неизвестная кнопка", True)

        await anna.send_photo()
        photo = await anna.expect_message()
        assert photo.kind == "photo" and photo.caption == "Фото получено" and photo.reply_to_message_id is not None

        with pytest.raises(AssertionError, match="expected a new bot message"):
            await anna.expect_message(timeout=0.05)
        assert fake.refused == []
        assert [r.method for r in fake.requests if r.method != "getUpdates"] == [
            "getMe",
            "sendMessage",
            "editMessageText",
            "answerCallbackQuery",
            "answerCallbackQuery",
            "sendPhoto",
        ]
    finally:
        await dispatcher.stop_polling()
        await polling


async def test_groups_and_topics_with_dispatcher(fake: FakeTelegram, anna: ScriptedUser) -> None:
    forum = fake.group(-1001234, title="Curators", is_forum=True)
    fake.add_member(forum, anna, status="administrator")
    topic = forum.create_topic("Новые идеи")
    router = Router()

    @router.message(F.text)
    async def answer(message: Message) -> None:
        await message.reply("Принято", reply_markup=keyboard([("Взять", "take")]))

    @router.callback_query(F.data == "take")
    async def take(callback: CallbackQuery) -> None:
        assert isinstance(callback.message, Message)
        await callback.message.edit_reply_markup(reply_markup=None)
        await callback.answer()

    bot = make_bot(fake)
    dispatcher = Dispatcher()
    dispatcher.include_router(router)
    polling = asyncio.create_task(dispatcher.start_polling(bot, handle_signals=False, polling_timeout=5))
    try:
        await anna.send_in(forum, "Идея про сквер", thread_id=topic)
        reply = await forum.expect_message(thread_id=topic)
        assert reply.thread_id == topic and reply.chat_id == forum.chat_id
        assert reply.raw["is_topic_message"] is True
        result = await anna.press(reply, "Взять")
        assert result.answered
        await forum.expect_edit(reply)
        assert reply.reply_markup is None
        assert forum.inbox == [reply]
        assert fake.refused == []
    finally:
        await dispatcher.stop_polling()
        await polling


# --------------------------------------------------------------------------------------------- files and misc


async def test_multipart_document_is_recorded_with_bytes(fake: FakeTelegram, bot: Bot, anna: ScriptedUser) -> None:
    await anna.send("hi")
    payload = "Идея;Адрес\nскамейки;парк\n".encode()
    await bot.send_document(anna.id, BufferedInputFile(payload, filename="ideas.csv"), caption="<b>Выгрузка</b>")
    request = fake.requests_for("sendDocument")[0]
    assert request.params["chat_id"] == anna.id
    assert request.params["document"].startswith("attach://")
    key = request.params["document"].removeprefix("attach://")
    assert request.files[key].data == payload and request.files[key].filename == "ideas.csv"
    message = await anna.expect_message()
    assert (message.kind, message.document_name, message.document_bytes) == ("document", "ideas.csv", payload)
    assert (message.caption, message.html) == ("Выгрузка", "<b>Выгрузка</b>")


async def test_bot_downloads_what_the_user_sent(fake: FakeTelegram, bot: Bot, anna: ScriptedUser) -> None:
    sent = await anna.send_document(file_name="plan.pdf", data=b"%PDF-1.7 plan")
    file = await bot.get_file(sent["document"]["file_id"])
    assert file.file_path is not None and file.file_path.endswith(".pdf")
    assert (await bot.download_file(file.file_path)).read() == b"%PDF-1.7 plan"  # type: ignore[union-attr]
    photo = await anna.send_photo()
    sizes = photo["photo"]
    assert len(sizes) == 3 and len({size["file_id"] for size in sizes}) == 3
    await expect_bad_request(bot.get_file("nope"), "Bad Request: invalid file_id")
    await expect_bad_request(bot.send_photo(anna.id, "nope"), "Bad Request: wrong file identifier/HTTP URL specified")


async def test_polls_and_votes(fake: FakeTelegram, bot: Bot, anna: ScriptedUser) -> None:
    group = fake.group(-100999, title="Residents")
    boris = fake.user(1002, first_name="Борис")
    sent = await bot.send_poll(group.chat_id, "Что важнее?", options=["Свет", "Лавки"], is_anonymous=False)
    message = await group.expect_message()
    assert message.kind == "poll" and message.poll is not None
    await anna.vote(message, [0])
    await boris.vote(message, [1])
    await boris.vote(message, [0])
    updates = await bot.get_updates(timeout=0, allowed_updates=["poll", "poll_answer"])
    answers = [u.poll_answer for u in updates if u.poll_answer]
    assert [(a.user.id, a.option_ids) for a in answers if a.user] == [(1001, [0]), (1002, [1]), (1002, [0])]
    assert answers[0].option_persistent_ids == ["0"]
    states = [u.poll for u in updates if u.poll]
    assert [o.voter_count for o in states[-1].options] == [2, 0]
    stopped = await bot.stop_poll(group.chat_id, sent.message_id)
    assert stopped.is_closed and stopped.total_voter_count == 2
    await expect_bad_request(bot.stop_poll(group.chat_id, sent.message_id), "Bad Request: poll has already been closed")


async def test_people_joining_a_group(fake: FakeTelegram, bot: Bot, anna: ScriptedUser) -> None:
    group = fake.group(-100998, title="Session")
    boris = fake.user(1002, first_name="Борис")
    vera = fake.user(1003, first_name="Вера")
    fake.join(group, anna)  # by an invite link: the joiner is the sender
    fake.join(group, boris, vera, by=anna)  # added by someone: one message for all of them
    updates = await bot.get_updates(timeout=0, allowed_updates=["message"])
    messages = [u.message for u in updates if u.message]
    assert [(m.from_user.id, [p.id for p in m.new_chat_members or []]) for m in messages if m.from_user] == [
        (1001, [1001]),
        (1001, [1002, 1003]),
    ]
    assert all(m.chat.id == -100998 and m.text is None for m in messages)
    assert group.chat.members == {1001: "member", 1002: "member", 1003: "member"}
    with pytest.raises(ValueError):
        fake.join(group)


async def test_reply_parameters_and_expectations(fake: FakeTelegram, bot: Bot, anna: ScriptedUser) -> None:
    question = await anna.send("Где взять форму?")
    await bot.send_message(anna.id, "Вот ссылка", reply_parameters=ReplyParameters(message_id=question["message_id"]))
    reply = await anna.expect_message()
    assert reply.reply_to_message_id == question["message_id"]
    await expect_bad_request(
        bot.send_message(anna.id, "x", reply_parameters=ReplyParameters(message_id=999)),
        "Bad Request: message to be replied not found",
    )
    await bot.send_message(
        anna.id, "ok", reply_parameters=ReplyParameters(message_id=999, allow_sending_without_reply=True)
    )
    assert isinstance(await anna.expect_message(), BotMessage)
    with pytest.raises(AssertionError, match=r"Received so far \(2\).*'Вот ссылка'"):
        await anna.expect_message(timeout=0.05)


async def test_every_aiogram_method_class_exists_for_table(fake: FakeTelegram) -> None:
    from aiogram import methods

    names = {name.lower() for name in fake.api_methods}
    api_names = {
        cls.__api_method__.lower()
        for cls in vars(methods).values()
        if isinstance(cls, type) and issubclass(cls, TelegramMethod) and isinstance(cls.__api_method__, str)
    }
    assert names <= api_names, names - api_names


# --------------------------------------------------------------------------------------------- standalone


async def test_standalone_process() -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "fake_telegram",
        "--host",
        "127.0.0.1",
        "--port",
        "0",
        "--token",
        "123:ABC",
        "--username",
        "ideas_bot",
        cwd=str(ROOT),
        stdout=asyncio.subprocess.PIPE,
    )
    try:
        assert process.stdout is not None
        line = (await asyncio.wait_for(process.stdout.readline(), 15)).decode().strip()
        assert line.startswith("READY http://127.0.0.1:")
        base_url = line.split()[1]
        session = FastSession(api=TelegramAPIServer.from_base(base_url))
        client = Bot("123:ABC", session=session)
        me = await client.get_me()
        assert me.username == "ideas_bot"
        async with aiohttp.ClientSession() as http:
            async with http.post(f"{base_url}/_fake/message", json={"user_id": 7, "text": "/start"}) as response:
                injected = await response.json()
            updates = await client.get_updates(timeout=0)
            assert updates[0].update_id == injected["update_id"] and updates[0].message.text == "/start"  # type: ignore[union-attr]
            await client.send_message(7, "Добро пожаловать", reply_markup=keyboard([("Идея", "idea")]))
            async with http.get(f"{base_url}/_fake/sent", params={"chat_id": "7"}) as response:
                sent = (await response.json())["messages"]
            assert [(m["text"], m["buttons"]) for m in sent] == [("Добро пожаловать", [["Идея"]])]
            async with http.post(
                f"{base_url}/_fake/callback",
                json={"user_id": 7, "chat_id": 7, "message_id": sent[0]["message_id"], "data": "idea"},
            ) as response:
                assert (await response.json())["ok"] is True
            async with http.get(f"{base_url}/_fake/stats") as response:
                stats = await response.json()
            assert stats["requests"]["getMe"] == 1 and stats["total_errors"] == 0
        await session.close()
    finally:
        process.terminate()
        await process.wait()
