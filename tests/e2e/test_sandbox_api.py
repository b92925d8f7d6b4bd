"""The sandbox as a newcomer starts it: `python -m bot sandbox` (and `./scripts/run` without a token) as a real
process, driven through the page's JSON API as the page drives it: the bot answers in the personas' chats,
buttons, photos, the time machine (the bot restarts, the chats stay), start over, and a port already taken."""

from __future__ import annotations

import asyncio
import html
import os
import re
import signal
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.config import token_given
from tests.support.locale_text import ru

ROOT = Path(__file__).resolve().parents[2]
LINE = re.compile(r"^Sandbox: open (http://127\.0\.0\.1:(\d+)) — no Telegram needed$")
START = 90.0  # importing aiogram on a busy 2-core machine takes many seconds
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64

Message = dict[str, Any]


def sandbox_env(**extra: str) -> dict[str, str]:
    """The test's environment without any bot setting: the sandbox must not need one."""
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith(("BOT_", "SANDBOX_", "DATABASE_"))}
    env.pop("PYTHONPATH", None)
    return {**env, **extra}


def text_of(message: Message) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", message["html"].replace("<br>", "\n")))


class Sandbox:
    def __init__(self, proc: asyncio.subprocess.Process, url: str, port: int, session: aiohttp.ClientSession) -> None:
        self.proc, self.url, self.port, self.http = proc, url, port, session

    async def get(self, path: str) -> Any:
        async with self.http.get(self.url + path) as response:
            assert response.status == 200, await response.text()
            return await response.json()

    async def post(self, path: str, body: Any = None, *, status: int = 200, **kwargs: Any) -> Any:
        async with self.http.post(self.url + path, json=body, **kwargs) as response:
            assert response.status == status, await response.text()
            return await response.json()

    async def chat(self, persona: str, version: int | None = None, member: int | None = None) -> dict[str, Any]:
        query = f"?version={version}&wait=10" if version is not None else ""
        if member is not None:
            query += ("&" if query else "?") + f"member={member}"
        return await self.get(f"/api/chats/{persona}{query}")

    async def wait_for(
        self, persona: str, found: Callable[[list[Message]], Message | None], seconds: float = 15.0
    ) -> Message:
        """Long-poll the persona's chat until ``found`` picks a message."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        view = await self.chat(persona)
        while True:
            hit = found(view["messages"])
            if hit is not None:
                return hit
            assert loop.time() < deadline, f"not found in {persona}: {[text_of(m)[:60] for m in view['messages']]}"
            view = await self.chat(persona, view["version"])

    async def bot_says(self, persona: str, words: str, after: int = 0) -> Message:
        def pick(messages: list[Message]) -> Message | None:
            return next(
                (m for m in messages if m["from"] == "bot" and m["id"] > after and words in text_of(m)), None
            )

        return await self.wait_for(persona, pick)

    async def send(self, persona: str, text: str) -> int:
        return int((await self.post(f"/api/chats/{persona}/send", {"text": text}))["message_id"])

    async def press(self, persona: str, message: Message, text: str) -> dict[str, Any]:
        buttons = [b for row in message["inline_keyboard"] or [] for b in row]
        button = next((b for b in buttons if text in b["text"]), None)
        assert button is not None, f"no button {text!r} in {buttons}"
        body = {"message_id": message["id"], "data": button["callback_data"]}
        return await self.post(f"/api/chats/{persona}/press", body)


async def start_sandbox(
    http: aiohttp.ClientSession, *args: str, env: dict[str, str] | None = None, command: list[str] | None = None
) -> Sandbox:
    proc = await asyncio.create_subprocess_exec(
        *(command or [sys.executable, "-m", "bot", "sandbox", *args]),
        cwd=ROOT,
        env=env or sandbox_env(),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    assert proc.stdout is not None
    try:
        line = (await asyncio.wait_for(proc.stdout.readline(), START)).decode().rstrip("\n")
    except TimeoutError:
        proc.kill()
        raise
    found = LINE.match(line)
    if found is None:
        stderr = (await proc.stderr.read()).decode() if proc.stderr is not None and proc.returncode else ""
        raise AssertionError(f"unexpected first line {line!r}; stderr: {stderr}")
    return Sandbox(proc, found.group(1), int(found.group(2)), http)


async def stop_sandbox(sandbox: Sandbox, sig: int = signal.SIGTERM) -> tuple[int, bytes]:
    sandbox.proc.send_signal(sig)
    code = await asyncio.wait_for(sandbox.proc.wait(), 30)
    assert sandbox.proc.stdout is not None
    rest = await sandbox.proc.stdout.read()
    return code, rest


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=90)) as session:
        yield session


@pytest.mark.timeout(120)
async def test_the_sandbox_through_its_api(tmp_path: Path, http: aiohttp.ClientSession) -> None:
    data = tmp_path / "data"
    sandbox = await start_sandbox(http, "--port", "0", "--data-dir", str(data))
    try:
        state = await sandbox.get("/api/state")
        assert [p["id"] for p in state["personas"]] == ["anna", "john", "admin", "curators", "session"]
        assert state["bot"] == "running" and state["clock"]["shift_seconds"] == 0
        group = next(p for p in state["personas"] if p["id"] == "session")
        assert group["kind"] == "group" and {m["name"] for m in group["members"]} >= {"Анна", "John", "Ольга"}
        async with http.get(sandbox.url + "/") as page:
            assert page.status == 200 and "text/html" in page.content_type

        # Anna's /start: the consent with its button, as the page shows it; pressing it goes on.
        await sandbox.send("anna", "/start")
        consent = await sandbox.wait_for(
            "anna", lambda ms: next((m for m in ms if m["inline_keyboard"] and m["from"] == "bot"), None)
        )
        assert "Согласие на обработку" in text_of(consent) and "<b>" in consent["html"]
        assert (await sandbox.press("anna", consent, "Согласие даю"))["answer"] is not None
        where = await sandbox.bot_says("anna", "Где вы живёте", after=consent["id"])
        view = await sandbox.chat("anna")
        assert next(m for m in view["messages"] if m["id"] == consent["id"])["inline_keyboard"] is None  # edited
        assert {"command": "start", "description": ru("cmd-start")} in view["commands"]
        await sandbox.press("anna", where, "Оренбург")
        subscriptions = await sandbox.bot_says("anna", "О каких направлениях", after=where["id"])
        await sandbox.press("anna", subscriptions, "Готово")
        await sandbox.bot_says("anna", "Всё готово", after=subscriptions["id"])

        # An idea with a photo uploaded from the page: the bot counts it.
        await sandbox.send("anna", "/idea")
        await sandbox.bot_says("anna", "Опишите идею")
        described = await sandbox.send("anna", "Скамейки и тень у фонтана на Советской улице")
        photos = await sandbox.wait_for(
            "anna",
            lambda ms: next(
                (m for m in ms if m["from"] == "bot" and m["id"] > described and m["inline_keyboard"]), None
            ),
        )
        if "🔍" in text_of(photos):  # similar ideas first
            await sandbox.press("anna", photos, "У меня другое")
            photos = await sandbox.bot_says("anna", "Добавьте фото", after=photos["id"])
        assert "Добавьте фото" in text_of(photos)
        form = aiohttp.FormData()
        form.add_field("file", PNG, filename="bench.png", content_type="image/png")
        uploaded = await sandbox.post("/api/chats/anna/photos", data=form)
        [photo_id] = uploaded["message_ids"]
        await sandbox.bot_says("anna", "Фото добавлено: 1", after=photo_id)
        mine = next(m for m in (await sandbox.chat("anna"))["messages"] if m["id"] == photo_id)
        assert mine["from"] == "user" and mine["kind"] == "photo"
        async with http.get(sandbox.url + mine["photos"][0]) as image:
            assert image.status == 200 and await image.read() == PNG
        album = aiohttp.FormData()
        for name in ("a.png", "b.png"):
            album.add_field("file", PNG, filename=name, content_type="image/png")
        first, _ = (await sandbox.post("/api/chats/anna/photos", data=album))["message_ids"]
        await sandbox.bot_says("anna", "Фото добавлено: 3", after=first)
        shown = next(m for m in (await sandbox.chat("anna"))["messages"] if m["id"] == first)
        assert shown["kind"] == "album" and len(shown["photos"]) == 2

        # The time machine: the bot restarts a day later; the chats stay on screen and it answers again.
        before = await sandbox.chat("anna")
        moved = await sandbox.post("/api/clock", {"seconds": 86400})
        assert moved["shift_seconds"] == 86400 and moved["bot"] == "running"
        assert (data / "sandbox-clock.json").is_file()
        after = await sandbox.chat("anna")
        assert [m["id"] for m in after["messages"]] == [m["id"] for m in before["messages"]]
        assert (await sandbox.get("/api/state"))["clock"]["shift_seconds"] == 86400
        sent = await sandbox.send("anna", "/help")
        await sandbox.wait_for("anna", lambda ms: next((m for m in ms if m["from"] == "bot" and m["id"] > sent), None))

        # Errors are one line for the page.
        refused = await sandbox.post("/api/chats/nobody/send", {"text": "hi"}, status=404)
        assert set(refused) == {"error"}
        await sandbox.post("/api/clock", {"seconds": -5}, status=400)

        # Start over: empty chats, the clock back to now, a bot that answers a newcomer's /start.
        reset = await sandbox.post("/api/reset")
        assert reset["bot"] == "running" and reset["clock"]["shift_seconds"] == 0
        assert (await sandbox.chat("anna"))["messages"] == []
        assert not (data / "sandbox-clock.json").exists()
        await sandbox.send("anna", "/start")
        await sandbox.bot_says("anna", "Согласие на обработку")

        # A second sandbox on the same port: one line, exit code 2, no hang.
        second = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "sandbox", "--port", str(sandbox.port), "--data-dir", str(tmp_path / "two"),
            cwd=ROOT, env=sandbox_env(), stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        out, err = await asyncio.wait_for(second.communicate(), 30)
        assert second.returncode == 2 and out == b""
        assert err.decode().count("\n") == 1 and "already in use" in err.decode()
    finally:
        code, rest = await stop_sandbox(sandbox)
    assert code == 0 and rest == b""  # exactly one line on stdout in all
    assert "bot stopped" in (data / "sandbox.log").read_text(encoding="utf-8")
    assert (data / "sandbox.sqlite3").is_file()


@pytest.mark.timeout(120)
@pytest.mark.skipif(token_given(ROOT / ".env"), reason="this checkout's .env holds a real BOT_TOKEN")
async def test_scripts_run_without_a_token_opens_the_sandbox(tmp_path: Path, http: aiohttp.ClientSession) -> None:
    env = sandbox_env(SANDBOX_DATA_DIR=str(tmp_path / "data"), SANDBOX_PORT="0")
    sandbox = await start_sandbox(http, env=env, command=[str(ROOT / "scripts" / "run")])
    try:
        assert (await sandbox.get("/api/state"))["bot"] == "running"
    finally:
        code, _ = await stop_sandbox(sandbox, signal.SIGINT)  # Ctrl-C
    assert code == 0
    assert (tmp_path / "data" / "sandbox.sqlite3").is_file()
