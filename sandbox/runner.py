"""The sandbox process: the fake Bot API on loopback, the page and its API, and the bot as a child process.

    python -m bot sandbox [--host 127.0.0.1] [--port 8080] [--data-dir data]

Defaults also come from SANDBOX_HOST, SANDBOX_PORT and SANDBOX_DATA_DIR (:mod:`sandbox.options`). Once the bot
polls it prints one line, «Sandbox: open http://127.0.0.1:8080 — no Telegram needed»; the bot's log goes to
sandbox.log in the data folder. Ctrl-C or SIGTERM stops the bot and the sandbox. A port already taken: one
line, exit code 2.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import logging
import secrets
import signal
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiohttp import web

from bot.services.timetext import as_local
from bot.storage.glance import next_session
from fake_telegram import FakeTelegram
from fake_telegram.state import ChatState

from .api import Api, personas_json
from .child import BotChild
from .clock import ZONE, SandboxClock
from .personas import PEOPLE, SUPERADMIN_IDS, Persona, build_world

log = logging.getLogger("sandbox")

BOT_ID = 7000000001
BOT_USERNAME = "tochka_ideas_sandbox_bot"
BOT_NAME = "Точка кипения: идеи"
EPOCH_STEP = 1_000_000  # a chat's version as the page sees it: epoch * EPOCH_STEP + the fake's version
AFTER = 300  # the time machine lands 5 minutes after a session's start or end: its jobs have run by then


def sandbox_token() -> str:
    """A token in BotFather's shape (bot/config.py's TOKEN_RE), new at every start."""
    return f"{BOT_ID}:SANDBOX{secrets.token_urlsafe(16)}"


class Sandbox:
    """The world (a fake Bot API with the personas), the bot child and the clock, and what the API asks of them."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.clock = SandboxClock(folder)
        self.child = BotChild(folder, SUPERADMIN_IDS)
        self.fake = self._new_fake()
        self.epoch = 1
        self._tick = asyncio.Event()
        self._lock = asyncio.Lock()  # one time machine move or reset at a time

    def _new_fake(self) -> FakeTelegram:
        fake = FakeTelegram(
            token=sandbox_token(),
            bot_id=BOT_ID,
            bot_username=BOT_USERNAME,
            bot_first_name=BOT_NAME,
            record_requests=False,  # a long session would keep every call in memory
            validate_updates=False,
        )
        fake.clock = self.clock.now
        fake.callback_answer_timeout = 15.0
        build_world(fake)
        fake.add_chat_listener(self._changed)
        return fake

    def _changed(self, chat: ChatState | None = None) -> None:
        tick, self._tick = self._tick, asyncio.Event()
        tick.set()

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        if self.child.database.exists():  # they met the bot before this start: their chats with it exist
            for person in PEOPLE:
                self.fake.user(person.user_id, started=True)
        await self.fake.start("127.0.0.1", 0)
        self.child.trim_log()
        await self.child.start(self.fake, self.clock.shift)

    async def stop(self) -> None:
        await self.child.stop()
        await self.fake.stop()
        self._changed()

    async def _restart(self, *, fresh: bool) -> None:
        await self.child.stop()
        self.child.status = "restarting"
        if fresh:
            await self.fake.stop()
            self.child.forget_database()
            self.clock.reset()
            self.fake = self._new_fake()
            self.epoch += 1
            await self.fake.start("127.0.0.1", 0)
        self._changed()
        await self.child.start(self.fake, self.clock.shift, restarting=True)
        await self.child.wait_ready()
        self._changed()

    async def move_clock(self, seconds: float) -> dict[str, object]:
        """The time machine: the bot restarts with its clock ``seconds`` further on (the chats stay)."""
        async with self._lock:
            self.clock.move(seconds)
            await self._restart(fresh=False)
        return self.clock.as_json()

    async def reset(self) -> None:
        """Start over: a new database, the clock back to now, empty chats."""
        async with self._lock:
            await self._restart(fresh=True)

    # ------------------------------------------------------------------ what the page reads

    def version(self, persona: Persona) -> int:
        return self.epoch * EPOCH_STEP + self.fake.chat_state(persona.chat_id).version

    async def wait_change(self, persona: Persona, version: int, wait: float) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + wait
        while self.version(persona) == version:
            remaining = deadline - loop.time()
            if remaining <= 0:
                return
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._tick.wait(), remaining)

    async def state(self) -> dict[str, Any]:
        return {
            "personas": personas_json(),
            "clock": self.clock.as_json(),
            "bot": self.child.status,
            "next_session": await asyncio.to_thread(self.next_session),
        }

    def next_session(self) -> dict[str, Any] | None:
        """The time machine's "to the next session": the first scheduled session that has not ended, and the
        seconds to move the clock to 5 minutes after its start (``None`` once it started) or its end."""
        now = datetime.fromtimestamp(self.clock.now(), UTC)
        found = next_session(self.child.database, now)
        if found is None:
            return None
        to_start = (found.starts_at - now).total_seconds() + AFTER
        return {
            "number": found.id,
            "title": found.title,
            "starts_at": found.starts_at.isoformat(timespec="seconds"),
            "starts_text": as_local(found.starts_at, ZONE),
            "to_start": round(to_start) if to_start > AFTER else None,
            "to_end": round((found.ends_at - now).total_seconds() + AFTER),
        }


# ---------------------------------------------------------------------- the command


def page_url(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


async def serve(host: str, port: int, folder: Path) -> int:
    """Run the sandbox until SIGINT/SIGTERM (``folder``: absolute); the exit code."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    sandbox = Sandbox(folder)
    runner = web.AppRunner(Api(sandbox).make_app(), access_log=None, shutdown_timeout=1.0)
    await runner.setup()
    try:
        site = web.TCPSite(runner, host, port, reuse_address=False)
        await site.start()
    except OSError as exc:
        await runner.cleanup()
        if exc.errno == errno.EADDRINUSE:
            print(f"Sandbox: port {port} on {host} is already in use; try --port {port + 1}", file=sys.stderr)
        else:
            print(f"Sandbox: cannot listen on {host}:{port}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    actual_port = runner.addresses[0][1]
    try:
        await sandbox.start()
        waiting = asyncio.create_task(sandbox.child.wait_ready())
        stopping = asyncio.create_task(stop.wait())
        await asyncio.wait({waiting, stopping}, return_when=asyncio.FIRST_COMPLETED)
        waiting.cancel()
        if not stop.is_set():
            print(f"Sandbox: open {page_url(host, actual_port)} — no Telegram needed", flush=True)
            await stop.wait()
        stopping.cancel()
    finally:
        await sandbox.stop()
        await runner.cleanup()
    return 0


def main(host: str, port: int, folder: Path) -> int:
    logging.basicConfig(level=logging.WARNING, format="Sandbox: %(message)s")
    folder = folder.resolve()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"Sandbox: cannot use the folder {folder}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    try:
        return asyncio.run(serve(host, port, folder))
    except KeyboardInterrupt:
        return 0
