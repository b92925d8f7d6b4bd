"""The outbox worker: one sender for the rows of the outbox table (bot/storage/outbox.py), retried like money.

Each kind has a sender (registered at start-up) that renders and sends its row and raises what
Telegram raised. The outcome is classified (bot/services/failures.py):

- sent, or refused for good (403: the person is marked unreachable; 400: logged) → the row ends;
- not sent (never left, 5xx, 429) → the same row again later; while failures come in a row the
  whole worker pauses with growing waits (an outage is a pause, not a skip), and nothing is ever
  given up: each retry is a log line;
- it may have arrived (a read timeout) → 'unknown', not resent (a duplicate notice is worse than a
  late look at /my), logged; a card is sent again (curators rather see it twice than never);
- a 5xx → the row waits and is tried again (others go on), up to SERVER_ATTEMPTS times, then ends with
  an error line.

Sends go through the shared budget at the OUTBOX priority: after replies to people, before
broadcast copies. Handlers never wait on it: they queue (or a trigger does) and wake it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta

from aiogram.exceptions import AiogramError, TelegramRetryAfter

from bot import logs
from bot.clock import iso_ago, now, parse_iso, to_iso
from bot.services import budget
from bot.services.failures import Failure, backoff, classify
from bot.services.workers import finish
from bot.storage.outbox import KEEP_DAYS, OutboxItem
from bot.storage.repositories import Repos

log = logging.getLogger(__name__)

Sender = Callable[[OutboxItem], Awaitable[None]]
BUG_RETRY_MAX = 3600.0  # a sender that fails for a reason of its own is retried at most hourly (and logged)
IDLE_CHECK = 60.0
ABOUT_AN_IDEA = frozenset({"card", "notice"})
# Kinds sent again when a request left without an answer: curators rather see a card twice than never.
AGAIN_IF_UNSURE = frozenset({"card"})
SERVER_ATTEMPTS = 10  # 5xx answers for one row before it ends (logged as an error)


class NotYet(Exception):
    """Raised by a sender that cannot send its row now for a reason of the bot's own (tried again later)."""


class OutboxWorker:
    def __init__(self, repos: Repos, backoff_max: float) -> None:
        self.repos = repos
        self.backoff_max = backoff_max
        self.senders: dict[str, Sender] = {}
        self.sent = 0
        self._streak = 0  # failures in a row (Telegram unreachable or failing)
        self._wake = asyncio.Event()
        self._idle = asyncio.Event()
        self._stopping = False
        self._task: asyncio.Task[None] | None = None

    def register(self, kind: str, sender: Sender) -> None:
        self.senders[kind] = sender

    def start(self) -> None:
        if self._task is None:
            self._stopping = False
            self._task = asyncio.create_task(self._run(), name="outbox-worker")

    def wake(self) -> None:
        self._idle.clear()
        self._wake.set()

    async def wait_idle(self) -> None:
        """For tests and benches: until nothing is due (rows waiting for a retry may remain)."""
        await self._idle.wait()

    async def stop(self, timeout: float) -> None:  # noqa: ASYNC109
        """Let the message in flight finish and its outcome be written, then stop."""
        if self._task is None:
            return
        self._stopping = True
        self._wake.set()
        await finish(self._task, timeout, "outbox worker", log)
        self._task = None

    async def _run(self) -> None:
        budget.priority.set(budget.OUTBOX)  # this task's sends yield to replies
        try:
            forgotten = await self.repos.outbox.forget_old(iso_ago(timedelta(days=KEEP_DAYS)))
            if forgotten:
                log.info("outbox: %s finished row(s) older than %s days removed", forgotten, KEEP_DAYS)
        except Exception:
            log.exception("outbox: old rows not removed")
        while not self._stopping:
            self._wake.clear()
            try:
                item = await self.repos.outbox.take(to_iso(now()))
                if item is None:
                    self._idle.set()
                    await self._sleep(await self._until_next())
                    continue
                pause = await self._send(item)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("outbox worker error; again in 5 s")
                pause = 5.0
            if pause:
                await self._sleep(pause)

    async def _until_next(self) -> float:
        due = await self.repos.outbox.next_due_at()
        if due is None:
            return IDLE_CHECK
        return max(0.05, min(IDLE_CHECK, (parse_iso(due) - now()).total_seconds()))

    async def _sleep(self, seconds: float) -> None:
        try:
            async with asyncio.timeout(seconds):
                await self._wake.wait()
        except TimeoutError:
            pass

    async def _send(self, item: OutboxItem) -> float:
        """Send one row and write its outcome; returns how long the worker should pause before the next."""
        sender = self.senders.get(item.kind)
        outbox = self.repos.outbox
        with logs.bound(idea=item.ref if item.kind in ABOUT_AN_IDEA else None):
            what = f"outbox {item.kind} #{item.id}"
            if sender is None:
                log.error("%s: no sender for this kind; kept for a version that has one", what)
                await outbox.later(item.id, to_iso(now() + timedelta(hours=1)), "no sender")
                return 0.0
            try:
                await sender(item)
            except TelegramRetryAfter as exc:
                log.warning("%s: flood control, again in %s s", what, exc.retry_after)
                await outbox.later(item.id, to_iso(now() + timedelta(seconds=exc.retry_after)), "429")
                return 0.0
            except AiogramError as exc:
                return await self._failed(item, what, exc, classify(exc))
            except NotYet as exc:  # the sender has no one to send it to yet (no curators' chat, no one reachable)
                wait = backoff(item.attempts, BUG_RETRY_MAX)
                log.warning("%s: %s; again in %.0f s", what, exc, wait)
                await outbox.later(item.id, to_iso(now() + timedelta(seconds=wait)), str(exc)[:500])
                return 0.0
            except Exception as exc:  # a bug or bad data in a sender: never dropped silently
                log.exception("%s failed (attempt %s)", what, item.attempts)
                wait = backoff(item.attempts, BUG_RETRY_MAX)
                await outbox.later(item.id, to_iso(now() + timedelta(seconds=wait)), repr(exc)[:500])
                return 0.0
            self._streak = 0
            self.sent += 1
            await outbox.finish(item.id, "sent")
            return 0.0

    async def _failed(self, item: OutboxItem, what: str, exc: AiogramError, kind: Failure) -> float:
        outbox = self.repos.outbox
        error = str(exc)[:500]
        if kind is Failure.BLOCKED:
            self._streak = 0
            log.info("%s: recipient unreachable: %s", what, error)
            if item.chat_id is not None and item.chat_id > 0:
                await self.repos.users.set_active(item.chat_id, False)
            await outbox.finish(item.id, "refused", error)
            return 0.0
        if kind is Failure.REFUSED:
            self._streak = 0
            log.warning("%s: refused by Telegram: %s", what, error)
            await outbox.finish(item.id, "refused", error)
            return 0.0
        if kind is Failure.AMBIGUOUS and item.kind not in AGAIN_IF_UNSURE:
            self._streak += 1
            log.warning("%s: no answer from Telegram; it may have arrived, not sent again: %s", what, error)
            await outbox.finish(item.id, "unknown", error)
            return backoff(self._streak, self.backoff_max) if self._streak > 1 else 0.0
        if kind is Failure.SERVER:
            # Telegram answered that this request failed: a problem of this row more often than an outage. The
            # row waits (others go on); one that keeps failing ends, said as an error.
            if item.attempts >= SERVER_ATTEMPTS:
                log.error("%s: %s server errors from Telegram in a row; given up: %s", what, item.attempts, error)
                await outbox.finish(item.id, "refused", error)
                return 0.0
            wait = backoff(item.attempts, self.backoff_max)
            log.warning("%s: server error (%s); again in %.1f s (attempt %s)", what, error, wait, item.attempts)
            await outbox.later(item.id, to_iso(now() + timedelta(seconds=wait)), error)
            return 0.0
        # Not sent (never left), or a card that may not have arrived (a duplicate card beats a missing one):
        # the same row again; while failures come in a row the whole worker pauses (an outage is a pause).
        self._streak += 1
        wait = backoff(self._streak, self.backoff_max)
        log.warning("%s: %s (%s); again in %.1f s (attempt %s)", what, kind.value, error, wait, item.attempts)
        await outbox.later(item.id, to_iso(now() + timedelta(seconds=wait)), error)
        return wait
