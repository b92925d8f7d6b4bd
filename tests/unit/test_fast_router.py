"""FastRouter (bot/telegram/fast_router.py) routes every update to the same handler as aiogram's own Router.

A tree with every kind of filter the index reads (commands, deep links, button data factories, states, state
groups, any-state filters) and some it does not (magic filters, router filters), fed a grid of updates in every
state, once through plain `Router`s and once through `FastRouter`s: the handler that answers must be the same.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from aiogram import BaseMiddleware, Bot, Dispatcher, F, Router
from aiogram.client.session.base import BaseSession
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.filters import Command, CommandStart, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.state import State, StatesGroup
from aiogram.fsm.storage.base import StorageKey
from aiogram.fsm.storage.memory import MemoryStorage
from aiogram.methods import GetMe, TelegramMethod
from aiogram.types import CallbackQuery, Chat, Message, Update, User

from bot.telegram.fast_router import FastRouter, handler_needs

BOT_ID = 42


class Meonly(BaseSession):
    async def make_request(self, bot: Bot, method: TelegramMethod[Any], timeout: int | None = None) -> Any:  # noqa: ASYNC109
        assert isinstance(method, GetMe), method
        return User(id=BOT_ID, is_bot=True, first_name="Bot", username="the_bot")

    async def stream_content(self, *args: Any, **kwargs: Any) -> Any:  # pragma: no cover - never called
        yield b""

    async def close(self) -> None:
        return None


class Form(StatesGroup):
    name = State()
    photo = State()


class Other(StatesGroup):
    step = State()


class PickCb(CallbackData, prefix="pk1"):
    item: int


class ActCb(CallbackData, prefix="ac1"):
    action: str


def tree(kind: type[Router]) -> Router:
    """Handlers answer with their own name; the order below is part of what is compared."""

    def named(name: str) -> Any:
        async def handler(event: Any, tag: str = "") -> str:
            return name + tag

        return handler

    def skipping(name: str) -> Any:
        async def handler(event: Any) -> str:
            raise SkipHandler

        return handler

    root = kind(name="root")
    private = kind(name="private")
    private.message.filter(F.chat.type == "private")
    private.message.register(named("help"), Command("help"))
    private.message.register(named("cancel anywhere"), Command("cancel"), StateFilter("*"))
    private.message.register(named("form name text"), Form.name)
    private.message.register(named("help or about in form"), Command("help", "about"), StateFilter(Form))
    private.message.register(skipping("skips itself"))
    private.callback_query.register(named("pick"), PickCb.filter())
    private.callback_query.register(named("act x in other"), ActCb.filter(F.action == "x"), Other.step)
    links = kind(name="links")
    links.message.register(named("start with link"), CommandStart(deep_link=True))
    links.message.register(named("hello"), F.text == "hello")
    links.message.register(named("any form state"), StateFilter(Form.photo, Other))
    links.callback_query.register(named("raw data"), F.data == "raw")
    links.callback_query.register(named("act any"), ActCb.filter())
    empty = kind(name="empty")  # nothing of its own: only a child
    deep = kind(name="deep")
    deep.message.register(named("start without link"), CommandStart(deep_link=False))
    deep.message.register(named("start"), CommandStart())
    deep.message.middleware(Tagging("deep"))  # an inner middleware: it still wraps the handler that answers
    deep.message.register(named("about upper"), Command("ABOUT", ignore_case=True))
    deep.message.register(named("caption photo"), F.photo)
    empty.include_router(deep)
    fallback = kind(name="fallback")
    fallback.message.register(named("any message"))
    fallback.callback_query.register(named("any press"))
    root.include_routers(private, links, empty, fallback)
    return root


TEXTS = [
    "/help",
    "/help@the_bot",
    "/help x",
    "/start",
    "/start abc",
    "/start   ",
    "/start@the_bot abc",
    "/start@other abc",
    "/cancel",
    "/about",
    "/AbOuT",
    "hello",
    "/nope",
    "plain",
]


class Tagging(BaseMiddleware):
    def __init__(self, tag: str) -> None:
        self.tag = tag

    async def __call__(self, handler: Any, event: Any, data: dict[str, Any]) -> Any:
        data["tag"] = f" [{self.tag}]"
        return await handler(event, data)


DATA = ["pk1:5", "pk1:x", "ac1:x", "ac1:y", "raw", "zz9:1", ""]
STATES: list[State | None] = [None, Form.name, Form.photo, Other.step]


def updates() -> list[tuple[str, Update]]:
    found: list[tuple[str, Update]] = []
    number = 0
    for chat_type in ("private", "group"):
        chat = Chat(id=1 if chat_type == "private" else -5, type=chat_type)
        person = User(id=1, is_bot=False, first_name="A")
        for text in TEXTS:
            number += 1
            message = Message(message_id=number, date=datetime.now(UTC), chat=chat, from_user=person, text=text)
            found.append((f"{chat_type} {text!r}", Update(update_id=number, message=message)))
        number += 1
        caption = Message(message_id=number, date=datetime.now(UTC), chat=chat, from_user=person, caption="/help")
        found.append((f"{chat_type} caption", Update(update_id=number, message=caption)))
        for data in DATA:
            number += 1
            anchor = Message(message_id=1, date=datetime.now(UTC), chat=chat, text="x")
            press = CallbackQuery(id=str(number), from_user=person, chat_instance="c", message=anchor, data=data)
            found.append((f"{chat_type} press {data!r}", Update(update_id=number, callback_query=press)))
    return found


async def answers(kind: type[Router]) -> list[str]:
    storage = MemoryStorage()
    dp = Dispatcher(storage=storage)
    dp.include_router(tree(kind))
    bot = Bot("42:TEST", session=Meonly())
    seen = []
    for state in STATES:
        for label, update in updates():
            chat_id = update.message.chat.id if update.message else -5 if "group" in label else 1
            await storage.set_state(StorageKey(bot_id=BOT_ID, chat_id=chat_id, user_id=1), state)
            result = await dp.feed_update(bot, update)
            seen.append(f"{state and state.state} | {label} -> {result}")
    return seen


async def test_fast_router_answers_every_update_with_the_same_handler_as_aiogram() -> None:
    plain, fast = await answers(Router), await answers(FastRouter)
    assert fast == plain
    # The grid reaches every handler kind (a grid that missed them would prove nothing).
    reached = {line.rsplit("-> ", 1)[1] for line in plain}
    assert {"help", "cancel anywhere", "form name text", "help or about in form", "pick", "act x in other"} <= reached
    assert {"start with link", "hello", "any form state", "raw data", "act any", "about upper [deep]"} <= reached
    assert "start without link [deep]" in reached
    assert {"caption photo", "any message", "any press"} - reached == {"caption photo"}  # no photos in the grid


def test_what_the_index_reads_from_filters() -> None:
    root = tree(FastRouter)
    assert isinstance(root, FastRouter)
    private, links, _, _ = root.sub_routers
    needs = [handler_needs(handler, "message") for handler in private.message.handlers]
    assert needs == [
        (frozenset({"help", "help …"}), None),  # with or without arguments
        (frozenset({"cancel", "cancel …"}), None),  # StateFilter("*"): any state
        (None, frozenset({"Form:name"})),
        (frozenset({"help", "help …", "about", "about …"}), frozenset({"Form:name", "Form:photo"})),
        (None, None),  # a handler that skips itself
    ]
    link_needs = [handler_needs(handler, "message") for handler in links.message.handlers]
    assert link_needs[0] == (frozenset({"start …"}), None)  # a deep link: arguments required
    assert link_needs[1] == (None, None)  # a magic filter: might pass
    assert link_needs[2] == (None, frozenset({"Form:photo", "Other:step"}))
    presses = [handler_needs(handler, "callback_query") for handler in private.callback_query.handlers]
    assert presses == [(frozenset({"pk1"}), None), (frozenset({"ac1"}), frozenset({"Other:step"}))]
