"""The bot as a process an operator starts once and forgets.

Start-up goes in phases, and a process that cannot start says why in one line and exits:

1. storage: take the one-bot-per-database lock (bot/instance.py), open the database, check it, back it up
   and migrate it. A second bot on the same database, or a problem the operator must fix
   (a folder that cannot be created, a file that is not writable or not a database, a schema newer
   than this code) → one line, exit code 2.
2. Telegram: getMe. A rejected token (401) → one line, exit code 2. Telegram unreachable, answering
   5xx or flood control → one line per attempt, the next attempt 1, 2, 4 … up to STARTUP_RETRY_MAX
   seconds later, until it answers (or STARTUP_GIVE_UP seconds passed: exit code 3).
3. polling, with aiogram's start-up hook (menus, resumed broadcasts, timers) and its own retries.

SIGTERM and SIGINT are ours in every phase (aiogram's own handlers only exist while it polls, so a
process stuck before that could not be stopped but with SIGKILL). Before polling, a signal cancels
whatever is awaited. While polling, it stops polling and the shutdown hook runs (updates in flight,
the broadcast message in flight, buffered votes); SHUTDOWN_TIMEOUT seconds later, or at a second
signal, what is left of it is cut short. In every case the database is closed before the process ends.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import time
from collections.abc import Callable
from pathlib import Path

from aiogram import Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import (
    TelegramConflictError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramUnauthorizedError,
)
from aiogram.methods import GetUpdates, Response, TelegramMethod
from aiogram.methods.base import TelegramType
from aiogram.types import User

from bot.app import App, build_app, create_bot
from bot.config import Settings
from bot.health import heartbeat_path
from bot.instance import InstanceLock
from bot.storage.db import StorageError
from bot.telegram.speed import freeze_when_started

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_UNEXPECTED = 1
EXIT_FIX_SETTINGS = 2  # the operator must fix something (configuration, token, storage)
EXIT_GAVE_UP = 3  # Telegram stayed unreachable for STARTUP_GIVE_UP seconds
EXIT_CONFLICT = 4  # another process kept polling with this token for CONFLICT_GIVE_UP seconds
FIRST_RETRY = 1.0  # seconds before the second attempt to reach Telegram
BEAT_EVERY = 1.0  # seconds: at most one touch of the heartbeat file per second, however busy the bot is


class StartupError(Exception):
    """Start-up cannot go on: one line for the operator."""

    def __init__(self, line: str, code: int = EXIT_FIX_SETTINGS) -> None:
        super().__init__(line)
        self.code = code


class Stopper:
    """SIGTERM/SIGINT in every phase: cancel while starting, stop polling gracefully, then cut it short."""

    SIGNALS = (signal.SIGTERM, signal.SIGINT)

    def __init__(self, main: asyncio.Task[int], shutdown_timeout: float) -> None:
        self.main = main
        self.shutdown_timeout = shutdown_timeout
        self.graceful: Callable[[], object] | None = None  # set once polling runs
        self.requested = False
        self.exit_code = EXIT_OK
        self.on_cut: Callable[[], object] | None = None
        self._force: asyncio.TimerHandle | None = None

    def install(self) -> None:
        loop = asyncio.get_running_loop()
        for sig in self.SIGNALS:
            loop.add_signal_handler(sig, self._on_signal, sig)

    def uninstall(self) -> None:
        loop = asyncio.get_running_loop()
        for sig in self.SIGNALS:
            loop.remove_signal_handler(sig)
        if self._force is not None:
            self._force.cancel()

    def _on_signal(self, sig: signal.Signals) -> None:
        first = not self.requested
        self.requested = True
        if first and self.graceful is not None:
            log.info("%s: stopping (at most %.0f s; a second signal stops at once)", sig.name, self.shutdown_timeout)
            self.graceful()
            self._force = asyncio.get_running_loop().call_later(self.shutdown_timeout, self.cut_short, "time is up")
        elif first:
            log.info("%s: stopping", sig.name)
            self.main.cancel()
        else:
            self.cut_short(f"{sig.name} again")

    def fail(self, line: str, code: int = EXIT_CONFLICT) -> None:
        """The process must end with a non-zero code (e.g. another bot polls with this token): one line, then a
        quick stop."""
        if self.requested:
            return
        log.critical("%s", line)
        self.requested = True
        self.exit_code = code
        if self.on_cut is not None:
            self.on_cut()
        self.main.cancel()

    def cut_short(self, why: str) -> None:
        log.warning("graceful shutdown cut short (%s)", why)
        if self.on_cut is not None:
            self.on_cut()  # steps not begun yet are quick too (the cancellation lands in only one of them)
        self.main.cancel()


class Heartbeat(BaseRequestMiddleware):
    """A request middleware on the bot's session that watches getUpdates.

    After each answered one it touches the heartbeat file that ``python -m bot health`` reads (bot/health.py).
    A 409 Conflict means someone else polls Telegram with this token: said once, clearly (aiogram's own line
    per retry is held back meanwhile), and if it goes on for CONFLICT_GIVE_UP seconds, ``on_conflict`` ends
    the process.
    """

    def __init__(
        self, path: Path, conflict_give_up: float = 60.0, on_conflict: Callable[[str], object] | None = None
    ) -> None:
        self.path = path
        self.last = float("-inf")
        self.failed = False
        self.conflict_give_up = conflict_give_up
        self.on_conflict = on_conflict
        self.conflict_since: float | None = None

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        polling = isinstance(method, GetUpdates)  # (a plain bool: no narrowing of `method` for the type checker)
        if not polling:
            return await make_request(bot, method)
        try:
            response = await make_request(bot, method)
        except TelegramConflictError:
            self.conflict()
            raise
        if self.conflict_since is not None:
            log.info("the other process polling with this token has stopped: polling again")
            self.conflict_since = None
        self.beat()
        return response

    def conflict(self) -> None:
        now = time.monotonic()
        if self.conflict_since is None:
            self.conflict_since = now
            log.error(
                "another process is polling Telegram with this BOT_TOKEN (409 Conflict): stop it, or give each bot"
                " its own token; this one stops if it goes on for %.0f s",
                self.conflict_give_up,
            )
        elif now - self.conflict_since >= self.conflict_give_up and self.on_conflict is not None:
            self.on_conflict(
                f"another process kept polling Telegram with this BOT_TOKEN for {now - self.conflict_since:.0f} s"
                " (409 Conflict): stopping; run one bot per token"
            )

    def quiet(self, record: logging.LogRecord) -> bool:
        """A logging filter for aiogram's dispatcher: its line per failed poll adds nothing during a conflict."""
        return self.conflict_since is None

    def beat(self) -> None:
        now = time.monotonic()
        if now - self.last < BEAT_EVERY:
            return
        self.last = now
        try:
            if not self.path.exists():
                temporary = self.path.with_name(self.path.name + ".new")
                temporary.write_text(f"{os.getpid()}\n", encoding="ascii")
                os.replace(temporary, self.path)
            # Stamped with the process's own clock, the one `health` compares it with (not the file system's).
            stamp = time.time()
            os.utime(self.path, (stamp, stamp))
            self.failed = False
        except OSError as exc:
            if not self.failed:  # once per failure, not every second
                log.warning("cannot write the heartbeat file %s: %s", self.path, exc.strerror or exc)
            self.failed = True

    def clear(self) -> None:
        """At start-up (a file left by an earlier run says nothing about this one) and at shutdown."""
        try:
            if self.path.exists():
                self.path.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            log.warning("cannot remove the heartbeat file %s: %s", self.path, exc.strerror or exc)


def describe_failure(exc: BaseException) -> str:
    """What went wrong, in a few words, without a traceback (and without the token: see bot/logs.py)."""
    text = str(exc).strip().replace("\n", " ")
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


async def wait_for_telegram(bot: Bot, settings: Settings) -> User:
    """getMe until Telegram answers; a token it rejects is the operator's to fix."""
    delay = FIRST_RETRY
    started = time.monotonic()
    attempt = 0
    while True:
        attempt += 1
        try:
            return await bot.me()
        except TelegramUnauthorizedError as exc:
            raise StartupError(
                f"BOT_TOKEN was rejected by Telegram (401 {exc.message}): check the token from @BotFather"
            ) from exc
        except TelegramNotFound as exc:
            raise StartupError(
                f"TELEGRAM_API_URL {settings.telegram_api_url} answered 404 to getMe: is it a Bot API server?"
            ) from exc
        except TelegramRetryAfter as exc:
            wait = float(exc.retry_after)
            reason = f"flood control (retry after {exc.retry_after} s)"
        except Exception as exc:  # network, 5xx, a proxy that refuses: all mean "not reachable now"
            wait = delay
            delay = min(delay * 2, settings.startup_retry_max)
            reason = describe_failure(exc)
        elapsed = time.monotonic() - started
        if settings.startup_give_up and elapsed + wait > settings.startup_give_up:
            raise StartupError(
                f"Telegram did not answer for {elapsed:.0f} s (STARTUP_GIVE_UP={settings.startup_give_up:g}): {reason}",
                code=EXIT_GAVE_UP,
            )
        log.warning("cannot reach Telegram (attempt %s): %s; next attempt in %.1f s", attempt, reason, wait)
        await asyncio.sleep(wait)


async def serve(settings: Settings) -> int:
    """Run the bot until a signal stops it. Returns the process's exit code."""
    main = asyncio.current_task()
    assert main is not None
    bot = create_bot(settings)
    app = build_app(settings, bot)
    stopper = Stopper(main, settings.shutdown_timeout)  # type: ignore[arg-type]
    stopper.on_cut = app.hurry.set
    stopper.install()
    heartbeat = Heartbeat(heartbeat_path(settings.database_path), settings.conflict_give_up, stopper.fail)
    logging.getLogger("aiogram.dispatcher").addFilter(heartbeat.quiet)
    lock = InstanceLock(settings.database_path)
    try:
        app.db.prepare_folder()
        try:
            acquired = lock.acquire()
        except OSError as exc:
            folder = settings.database_path.parent
            raise StorageError(f"DATABASE_PATH: cannot write to the folder {folder} ({exc.strerror or exc})") from exc
        if not acquired:
            raise StartupError(
                f"another bot is already running on DATABASE_PATH {settings.database_path}"
                f" (process {lock.holder() or '?'}): stop it first"
            )
        heartbeat.clear()
        await app.db.connect()
        me = await wait_for_telegram(bot, settings)
        log.info("Telegram answered: @%s", me.username)
        bot.session.middleware(heartbeat)
        stopper.graceful = _polling_stopper(app, main)
        if stopper.requested:  # a signal came between the phases
            return EXIT_OK
        freezing = asyncio.create_task(freeze_when_started(app.started))
        try:
            await app.dp.start_polling(
                bot,
                handle_signals=False,
                close_bot_session=False,
                polling_timeout=settings.polling_timeout,
                tasks_concurrency_limit=settings.updates_in_flight,
            )
        finally:
            freezing.cancel()
        return EXIT_OK
    except StorageError as exc:
        log.critical("%s", exc)
        return EXIT_FIX_SETTINGS
    except StartupError as exc:
        log.critical("%s", exc)
        return exc.code
    except asyncio.CancelledError:
        if not stopper.requested:
            raise
        main.uncancel()
        return stopper.exit_code
    except Exception as exc:  # a bug, not the operator's to fix: still one line, and the process ends
        log.critical("stopped by an unexpected error: %s (LOG_LEVEL=DEBUG shows where)", describe_failure(exc))
        log.debug("the unexpected error", exc_info=True)
        return EXIT_UNEXPECTED
    finally:
        try:
            await _close(app, bot, heartbeat, stopper)
        finally:
            lock.release()
            logging.getLogger("aiogram.dispatcher").removeFilter(heartbeat.quiet)


def _polling_stopper(app: App, main: asyncio.Task[int]) -> Callable[[], object]:
    """Ask aiogram to stop polling (its shutdown hook then runs); before polling started, cancel instead."""
    tasks: list[asyncio.Task[None]] = []

    async def stop() -> None:
        if not app.started.is_set():
            # Still in the start-up hook (menus, resumed broadcasts, timers), which may wait on Telegram:
            # aiogram would only look at the stop request after it.
            main.cancel()
            return
        try:
            await app.dp.stop_polling()
        except RuntimeError:  # "Polling is not started": not any more
            main.cancel()

    def request() -> object:
        tasks.append(asyncio.create_task(stop()))
        return tasks[-1]

    return request


async def _close(app: App, bot: Bot, heartbeat: Heartbeat, stopper: Stopper) -> None:
    """What must happen however the process ends: the shutdown steps not yet done, quickly; the database closed
    even when one of those steps fails or a signal interrupts them (its thread would keep the process alive)."""
    try:
        await app.shutdown(quick=True)  # a no-op after a graceful shutdown, the rest of one cut short
        await bot.session.close()
    except asyncio.CancelledError:  # a signal while closing
        main = asyncio.current_task()
        if main is not None:
            main.uncancel()
    except Exception as exc:
        log.error("shutdown step failed: %s", describe_failure(exc))
        log.debug("the failed shutdown step", exc_info=True)
    finally:
        try:
            await app.db.close()
        finally:
            heartbeat.clear()
            stopper.uninstall()
