"""The sandbox's JSON API in process (sandbox/api.py), with a bare aiogram Bot in place of the bot child: what
the page sends reaches the fake as a person's message, and what the bot sends comes back in the page's shape."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import (
    BufferedInputFile,
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
)
from aiohttp.test_utils import TestClient, TestServer

from sandbox import api
from sandbox.api import Api
from sandbox.runner import Sandbox


class FastSession(AiohttpSession):
    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()


@pytest.fixture
async def sandbox(tmp_path: Path) -> AsyncIterator[Sandbox]:
    world = Sandbox(tmp_path)
    await world.fake.start("127.0.0.1", 0)
    yield world
    await world.fake.stop()


@pytest.fixture
async def page(sandbox: Sandbox) -> AsyncIterator[TestClient[Any, Any]]:
    client = TestClient(TestServer(Api(sandbox).make_app()))
    await client.start_server()
    yield client
    await client.close()


@pytest.fixture
async def bot(sandbox: Sandbox) -> AsyncIterator[Bot]:
    client = Bot(sandbox.fake.token, session=FastSession(api=TelegramAPIServer.from_base(sandbox.fake.base_url)))
    yield client
    await client.session.close()


async def ok(response: aiohttp.ClientResponse) -> Any:
    assert response.status == 200, await response.text()
    return await response.json()


async def refused(response: aiohttp.ClientResponse, status: int = 400) -> str:
    assert response.status == status, await response.text()
    body = await response.json()
    assert set(body) == {"error"} and "\n" not in body["error"]
    return str(body["error"])


async def test_what_the_page_sends_reaches_the_bot(page: TestClient[Any, Any], sandbox: Sandbox) -> None:
    fake = sandbox.fake
    sent = await ok(await page.post("/api/chats/anna/send", json={"text": "/start hello"}))
    raw = fake.chat_state(1001).messages[sent["message_id"]]
    assert raw["text"] == "/start hello" and raw["entities"][0]["type"] == "bot_command"
    assert raw["from"]["language_code"] == "ru" and fake.pending_updates() == 1

    # In a group, as the member chosen; someone not in the chat is refused.
    await ok(await page.post("/api/chats/session/send", json={"text": "Привет", "member": 1002}))
    assert fake.chat_state(-100102).messages[1]["from"]["first_name"] == "John"
    assert "нет в чате" in await refused(await page.post("/api/chats/curators/send", json={"text": "x", "member": 1001}))

    await ok(await page.post("/api/chats/john/location", json={"latitude": 51.77, "longitude": 55.1}))
    assert fake.chat_state(1002).messages[1]["location"] == {"latitude": 51.77, "longitude": 55.1}
    form = aiohttp.FormData()
    form.add_field("file", b"a;b\n", filename="list.csv", content_type="text/csv")
    form.add_field("caption", "Список")
    await ok(await page.post("/api/chats/admin/document", data=form))
    document = fake.chat_state(1000).messages[1]
    assert document["document"]["file_name"] == "list.csv" and document["caption"] == "Список"
    served = await page.get(f"/files/{document['document']['file_id']}")
    assert await served.read() == b"a;b\n" and served.headers["Content-Type"].startswith("text/csv")
    assert "list.csv" in served.headers["Content-Disposition"]

    assert await refused(await page.post("/api/chats/anna/send", json={"text": "  "}))
    assert await refused(await page.post("/api/chats/anna/send", json={"text": "x" * 5000}))
    assert await refused(await page.post("/api/chats/anna/send", data=b"not json"))
    assert await refused(await page.post("/api/chats/anna/location", json={"latitude": 95, "longitude": 1}))
    assert await refused(await page.post("/api/chats/anna/location", json={"latitude": "nan", "longitude": 1}))
    assert await refused(await page.post("/api/chats/anna/photos", json={}))
    assert await refused(await page.post("/api/chats/nobody/send", json={"text": "x"}), 404)
    assert await refused(await page.get("/files/nothing"), 404)
    assert await refused(await page.get("/../pyproject.toml"), 404)
    assert await refused(await page.post("/api/clock", json={"seconds": 0}))


async def test_what_the_bot_sends_comes_back_in_the_pages_shape(
    page: TestClient[Any, Any], sandbox: Sandbox, bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(api, "PRESS_WAIT", 0.2)
    await ok(await page.post("/api/chats/anna/send", json={"text": "/start"}))
    first = await ok(await page.get("/api/chats/anna"))
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text="✅ Да", callback_data="yes:1")],
            [InlineKeyboardButton(text="Сайт", url="https://example.org")],
        ]
    )
    await bot.send_message(1001, "<b>Идея</b> &lt;3", reply_markup=keyboard, parse_mode="HTML")
    view = await ok(await page.get(f"/api/chats/anna?version={first['version']}&wait=5"))
    assert view["version"] != first["version"]
    message = view["messages"][-1]
    assert message["from"] == "bot" and message["html"] == "<b>Идея</b> &lt;3" and message["kind"] == "text"
    assert message["inline_keyboard"] == [
        [{"text": "✅ Да", "callback_data": "yes:1"}],
        [{"text": "Сайт", "url": "https://example.org"}],
    ]
    # Nothing new: the long poll waits, then answers with the same version.
    same = await ok(await page.get(f"/api/chats/anna?version={view['version']}&wait=0.1"))
    assert same["version"] == view["version"]

    # A press nobody answers: the page hears so after a while (answer null).
    sandbox_press = page.post("/api/chats/anna/press", json={"message_id": message["id"], "data": "yes:1"})
    assert (await ok(await sandbox_press))["answer"] is None
    assert await refused(await page.post("/api/chats/anna/press", json={"message_id": 999, "data": "x"}))

    await bot.send_message(
        1001, "Где это?", reply_markup=ReplyKeyboardMarkup(keyboard=[[KeyboardButton(text="📍", request_location=True)]])
    )
    view = await ok(await page.get("/api/chats/anna"))
    assert view["reply_keyboard"]["rows"] == [[{"text": "📍", "request_location": True, "request_contact": False}]]
    asked = await bot.send_message(1001, "Причина?", reply_markup=ForceReply(force_reply=True))
    assert (await ok(await page.get("/api/chats/anna")))["force_reply"]["message_id"] == asked.message_id
    answer = await ok(await page.post("/api/chats/anna/send", json={"text": "Потому что"}))
    assert sandbox.fake.chat_state(1001).messages[answer["message_id"]]["reply_to_message"]["message_id"] == (
        asked.message_id
    )

    chart = await bot.send_photo(1001, BufferedInputFile(b"\x89PNG-chart", "chart.png"))
    poll = await bot.send_poll(-100102, "Когда?", ["Утром", "Вечером"], is_anonymous=False)
    await bot.delete_message(1001, asked.message_id)
    view = await ok(await page.get("/api/chats/anna"))
    shown = {m["id"]: m for m in view["messages"]}
    assert shown[asked.message_id]["deleted"] is True
    assert shown[chart.message_id]["kind"] == "photo"
    image = await page.get(shown[chart.message_id]["photos"][0])
    assert await image.read() == b"\x89PNG-chart"

    vote = {"message_id": poll.message_id, "option_ids": [1], "member": 1001}
    await ok(await page.post("/api/chats/session/vote", json=vote))
    mine = await ok(await page.get("/api/chats/session?member=1001"))
    assert mine["messages"][-1]["poll"]["my_option_ids"] == [1]
    assert mine["messages"][-1]["poll"]["options"][1]["voter_count"] == 1
    theirs = await ok(await page.get("/api/chats/session?member=1002"))
    assert theirs["messages"][-1]["poll"]["my_option_ids"] == []
    both = {"message_id": poll.message_id, "option_ids": [0, 1], "member": 1002}
    assert "один" in await refused(await page.post("/api/chats/session/vote", json=both))


async def test_the_page_and_its_files_are_served(page: TestClient[Any, Any]) -> None:
    index = await page.get("/")
    assert index.status == 200 and "text/html" in index.headers["Content-Type"]
    state = await ok(await page.get("/api/state"))
    assert state["bot"] == "stopped" and state["next_session"] is None
    assert {p["id"]: p["kind"] for p in state["personas"]} == {
        "anna": "private",
        "john": "private",
        "admin": "private",
        "curators": "group",
        "session": "group",
    }
