"""Broadcast delivery: one worker, paced, resumable, cancellable, with a live progress message.

The journal is the `deliveries` table: every recipient has a row before the first send. The worker
walks the rows in order and, before each send, records in ONE statement the previous recipient's
outcome and marks the next one 'sending'. So at any moment at most one row is 'sending', and it is
written before its message leaves: after a crash that single row is sent again (the only possible
duplicate) and every row after it is still 'pending' (nothing skipped).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar, Protocol
from urllib.parse import urlencode

import aiohttp
from aiogram import Bot
from aiogram.exceptions import (
    AiogramError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
)
from aiogram.methods import CopyMessage, SendMessage, TelegramMethod
from aiogram.types import InlineKeyboardMarkup

from bot import logs
from bot.clock import to_iso
from bot.config import Settings
from bot.services.budget import BROADCAST, SendBudget
from bot.services.failures import Failure, backoff, classify
from bot.services.workers import finish
from bot.storage.broadcasts import Broadcast, Delivery, Outcome
from bot.storage.repositories import Repos
from bot.telegram.i18n import Translate, Translator
from bot.telegram.proxy import PROXY_FAILURES
from bot.telegram.sender import deliver, settle

log = logging.getLogger(__name__)

BATCH = 32  # deliveries read at a time; recipients are re-checked (ban, opt-out) per batch
BAR_WIDTH = 10
MAX_FINAL_WAIT = 30  # seconds the final progress edit may wait out a 429
MAX_PAUSE = 300  # seconds: a retry_after beyond this is capped (then asked again)
SOURCE_GONE = "message to copy not found"
CONNECT_TIMEOUT = 10.0  # seconds to open a connection to the Bot API (or the proxy)
SERVER_RETRIES = 3  # 5xx answers for one message before it counts as unknown
PROBE_AFTER = 2  # failures in a row (an unknown among them) before the next send waits for a probe
NETWORK_FAILURES: tuple[type[BaseException], ...] = (aiohttp.ClientError, *PROXY_FAILURES)

KeyboardFactory = Callable[[Translate, int], InlineKeyboardMarkup]
ReportKeyboard = Callable[[Translate, int, int], InlineKeyboardMarkup | None]  # (t, broadcast id, unknown)


class Renderer(Protocol):
    """Renders the bot-made kinds (session cards, notices, reminders, feedback requests) per language."""

    async def render(self, broadcast: Broadcast, lang: str) -> tuple[str, str | None] | None:
        """(HTML text, inline keyboard as JSON) or None when there is nothing to send any more."""


class KindRenderers:
    """One renderer per bot-made kind (an idea's news, the sessions' messages), ``default`` for the rest."""

    def __init__(self, default: Renderer, by_kind: dict[str, Renderer]) -> None:
        self.default = default
        self.by_kind = by_kind

    async def render(self, broadcast: Broadcast, lang: str) -> tuple[str, str | None] | None:
        return await self.by_kind.get(broadcast.kind, self.default).render(broadcast, lang)


class CopyTransport:
    """copyMessage for the broadcast worker, on the bot's own HTTP session and Bot API server.

    The same request aiogram would send (a urlencoded form post) and the same answer handling
    (the session's public ``check_response``, which raises aiogram's TelegramRetryAfter,
    TelegramForbiddenError, TelegramBadRequest…), without building and validating a request
    model per message: with one message in flight (the crash guarantee), the per-call cost is
    the broadcast's speed limit (bench/broadcast_bench.py).
    """

    FORM: ClassVar[dict[str, str]] = {"Content-Type": "application/x-www-form-urlencoded"}

    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        self.url = bot.session.api.api_url(token=bot.token, method="copyMessage")
        self.send_url = bot.session.api.api_url(token=bot.token, method="sendMessage")
        total = float(bot.session.timeout)
        # A connect timeout of its own: it raises aiohttp's ConnectionTimeoutError, which says the request
        # never left (sent again safely), where the total timeout cannot tell.
        self.timeout = aiohttp.ClientTimeout(total=total, sock_connect=min(total, CONNECT_TIMEOUT))

    async def copy(self, chat_id: int, from_chat_id: int, message_id: int, paid: bool) -> int:
        fields: dict[str, str | int] = {"chat_id": chat_id, "from_chat_id": from_chat_id, "message_id": message_id}
        if paid:
            fields["allow_paid_broadcast"] = "true"
        return await self._post(self.url, fields, CopyMessage)

    async def send(self, chat_id: int, text: str, reply_markup: str | None, paid: bool) -> int:
        """sendMessage with HTML text and an inline keyboard (JSON), as aiogram would post it."""
        fields: dict[str, str | int] = {"chat_id": chat_id, "text": text, "parse_mode": "HTML"}
        if reply_markup:
            fields["reply_markup"] = reply_markup
        if paid:
            fields["allow_paid_broadcast"] = "true"
        return await self._post(self.send_url, fields, SendMessage)

    async def _post(self, url: str, fields: dict[str, str | int], method: type[CopyMessage] | type[SendMessage]) -> int:
        session = await self.bot.session.create_session()  # type: ignore[attr-defined]
        try:
            async with session.post(
                url, data=urlencode(fields).encode(), headers=self.FORM, timeout=self.timeout
            ) as response:
                raw = await response.read()  # Telegram answers UTF-8 JSON: no charset sniffing
                status = response.status
            content = raw.decode("utf-8", errors="replace")
        except TimeoutError as exc:
            raise TelegramNetworkError(method=self._method(method, fields), message="Request timeout error") from exc
        except NETWORK_FAILURES as exc:
            raise TelegramNetworkError(
                method=self._method(method, fields), message=f"{type(exc).__name__}: {exc}"
            ) from exc
        if status == 200:
            answer = json.loads(content)
            if answer.get("ok") and isinstance(answer.get("result"), dict) and "message_id" in answer["result"]:
                return int(answer["result"]["message_id"])
        # Anything else goes through aiogram's own answer handling, which raises its exceptions.
        result = self.bot.session.check_response(
            bot=self.bot, method=self._method(method, fields), status_code=status, content=content
        )
        return int(result.result.message_id) if result.result is not None else 0

    @staticmethod
    def _method(method: type[CopyMessage] | type[SendMessage], fields: dict[str, str | int]) -> TelegramMethod[Any]:
        return method.model_construct(**fields)  # type: ignore[arg-type,no-any-return]  # the exceptions' context


class Pacer:
    """Spaces sends evenly at `rate` per second; a 429 pauses everything for its retry_after."""

    def __init__(self, rate: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.interval = 1.0 / rate
        self.clock = clock
        self.next_at = 0.0
        self.paused_until = 0.0

    def pause(self, seconds: float) -> None:
        self.paused_until = max(self.paused_until, self.clock() + seconds)

    def reserve(self) -> float:
        """Take the next send slot; returns how long to wait for it.

        Lateness under one interval is absorbed (the long-run rate stays `rate`); after a longer
        stall the schedule restarts from now instead of bursting to catch up.
        """
        now = self.clock()
        base = max(self.next_at, self.paused_until)
        if base < now - self.interval:
            base = now
        self.next_at = base + self.interval
        return max(0.0, base - now)


def progress_bar(done: int, total: int, width: int = BAR_WIDTH) -> str:
    share = 1.0 if total <= 0 else min(1.0, done / total)
    filled = round(share * width)
    return "▓" * filled + "░" * (width - filled) + f" {int(share * 100)}%"


def eta_seconds(remaining: int, rate: float) -> int:
    return 0 if remaining <= 0 or rate <= 0 else int(remaining / rate + 0.999)


def format_eta(seconds: int, t: Translate) -> str:
    if seconds < 60:
        return t("bc-eta-seconds", n=seconds)
    minutes, sec = divmod(seconds, 60)
    if minutes < 60:
        return t("bc-eta-minutes", m=minutes, s=sec)
    hours, minutes = divmod(minutes, 60)
    return t("bc-eta-hours", h=hours, m=minutes)


def progress_text(t: Translate, number: int, counts: Counter[str], total: int, rate: float, state: str) -> str:
    """The organizer's progress message. state: queued | sending | done | cancelled | aborted."""
    done = sum(counts[s] for s in ("sent", "blocked", "failed", "unknown", "cancelled"))
    lines = [
        t(f"bc-progress-title-{state}", number=number),
        progress_bar(done, total),
        t("bc-progress-sent", sent=counts["sent"], total=total),
        t(
            "bc-progress-problems",
            blocked=counts["blocked"],
            failed=counts["failed"],
            unknown=counts["unknown"],
        ),
    ]
    if counts["cancelled"]:
        lines.append(t("bc-progress-cancelled", n=counts["cancelled"]))
    if state == "sending":
        lines.append(t("bc-progress-eta", eta=format_eta(eta_seconds(total - done, rate), t)))
    return "\n".join(lines)


@dataclass
class _Run:
    """One pass over a broadcast's remaining deliveries, shared by the lanes."""

    broadcast: Broadcast
    counts: Counter[str]
    buffer: deque[Delivery] = field(default_factory=deque)
    refill: asyncio.Lock = field(default_factory=asyncio.Lock)
    after: int = 0
    exhausted: bool = False
    halt: bool = False
    aborted: bool = False
    preempted: bool = False  # a more urgent broadcast (a reminder) is waiting: this one resumes after it
    rendered: dict[str, tuple[str, str | None] | None] = field(default_factory=dict)  # per language
    sent: int = 0
    shown: dict[str, int] = field(default_factory=dict)
    started: float = field(default_factory=time.monotonic)
    last_edit: float = field(default_factory=time.monotonic)


@dataclass
class WorkerStats:
    sent: int = 0
    retry_after: int = 0
    failures: Counter[str] = field(default_factory=Counter)  # by Failure value
    started: float = field(default_factory=time.monotonic)


class BroadcastWorker:
    """The single sender of broadcasts. Started with the bot, resumes unfinished work from the database."""

    def __init__(
        self,
        bot: Bot,
        repos: Repos,
        translator: Translator,
        settings: Settings,
        cancel_keyboard: KeyboardFactory,
        renderer: Renderer | None = None,
        report_keyboard: ReportKeyboard = lambda t, broadcast_id, unknown: None,
        budget: SendBudget | None = None,
    ) -> None:
        self.budget = budget  # shared with replies and the outbox, which go first
        self.bot = bot
        self.renderer = renderer
        self.repos = repos
        self.translator = translator
        self.settings = settings
        self.cancel_keyboard = cancel_keyboard
        self.report_keyboard = report_keyboard
        self.pacer = Pacer(settings.broadcast_rate)
        self.transport = CopyTransport(bot)
        self.stats = WorkerStats()
        self._streak = 0  # failed sends in a row (any recipient)
        self.current: int | None = None
        self._wake = asyncio.Event()
        self._interrupt = asyncio.Event()  # set on stop, or on cancel of the current broadcast
        self._stopping = False
        self._cancelled: set[int] = set()
        self._task: asyncio.Task[None] | None = None
        self._idle = asyncio.Event()
        self._progress_lock = asyncio.Lock()

    # --- control -----------------------------------------------------------------

    def start(self) -> None:
        if self._task is None:
            self._stopping = False
            self._task = asyncio.create_task(self._run(), name="broadcast-worker")

    def wake(self) -> None:
        self._wake.set()

    def cancel(self, broadcast_id: int) -> None:
        """Called after the cancel request was stored; takes effect before the next send."""
        self._cancelled.add(broadcast_id)
        if self.current == broadcast_id:
            self._interrupt.set()

    async def stop(self, timeout: float) -> None:  # noqa: ASYNC109
        """Let the message in flight finish and its outcome be written, then stop."""
        if self._task is None:
            return
        self._stopping = True
        self._interrupt.set()
        self._wake.set()
        try:
            await finish(self._task, timeout, "broadcast worker", log)
        except Exception:
            log.exception("broadcast worker failed while stopping")
        self._task = None

    async def notify_registrants(
        self,
        session_id: int,
        change: str,
        old_starts_at: datetime | None = None,
        fields: tuple[str, ...] | list[str] = (),
        by: int = 0,
    ) -> Broadcast:
        """Tell everyone registered, waitlisted or holding an offer that a session changed.

        change: "rescheduled" | "updated" | "cancelled"; fields: the changed ones among title,
        description, direction, duration, place. Paced and crash-safe like every broadcast.
        """
        payload = {
            "change": change,
            "fields": list(fields),
            "old_starts_at": to_iso(old_starts_at) if old_starts_at else None,
        }
        broadcast, _ = await self.repos.broadcasts.create_session_notice(session_id, by, payload)
        self.wake()
        return broadcast

    async def wait_idle(self) -> None:
        """For tests and benches: until every broadcast has finished and been reported."""
        await self._idle.wait()

    # --- the loop ------------------------------------------------------------------

    async def _run(self) -> None:
        while not self._stopping:
            self._wake.clear()
            try:
                pending = await self.repos.broadcasts.unfinished()
                for broadcast in pending:
                    if self._stopping:
                        break
                    self._idle.clear()
                    if not await self._process(broadcast):
                        break  # preempted by a more urgent one: read the order again
                idle = not self._stopping and not await self.repos.broadcasts.unfinished()
            except asyncio.CancelledError:
                raise
            except Exception:
                # A database or programming error must not end broadcasting for the life of the bot:
                # log it and try again shortly (the journal keeps the place).
                log.exception("broadcast worker error; retrying in 5 s")
                if not self._stopping:
                    self._interrupt.clear()  # a Stop pressed earlier must not turn the wait into a busy loop
                    await self._sleep(5.0)
                continue
            if self._stopping:
                break
            if idle:
                self._idle.set()
                await self._wake.wait()

    async def _sleep(self, seconds: float) -> bool:
        """Sleep unless interrupted; True if the full time passed."""
        if seconds <= 0:
            return not self._interrupt.is_set()
        try:
            async with asyncio.timeout(seconds):
                await self._interrupt.wait()
        except TimeoutError:
            return True
        return False

    def _is_cancelled(self, broadcast: Broadcast) -> bool:
        return broadcast.cancel_requested or broadcast.id in self._cancelled

    async def _process(self, broadcast: Broadcast) -> bool:
        """False when a more urgent broadcast took over (this one resumes later)."""
        with logs.bound(broadcast=broadcast.id):
            return await self._process_one(broadcast)

    async def _process_one(self, broadcast: Broadcast) -> bool:
        repo = self.repos.broadcasts
        t = await self._translate_for(broadcast.created_by)
        if broadcast.status == "sending":
            self.current = broadcast.id
            self._interrupt.clear()
            if self._stopping:
                self._interrupt.set()
            try:
                finished, preempted = await self._send_all(broadcast, t)
            finally:
                self.current = None
            if preempted:
                log.info("broadcast %s paused for a more urgent one", broadcast.id)
                return False
            if not finished:
                return True  # stopping: the journal keeps the place for the next start
            broadcast = await repo.get(broadcast.id) or broadcast
        if broadcast.is_system:
            # Bot-made messages have no organizer's progress message or report.
            if not broadcast.report_sent:
                await repo.mark_reported(broadcast.id)
                log.info(
                    "%s %s for session %s: %s",
                    broadcast.kind,
                    broadcast.id,
                    broadcast.session_id,
                    dict(await repo.counts(broadcast.id)),
                )
            return True
        await self._report(broadcast, t)
        return True

    async def _send_all(self, broadcast: Broadcast, t: Translate) -> tuple[bool, bool]:
        """Send every pending delivery. (finished, preempted): finished when the broadcast ended
        (done, cancelled); not on stop or when a more urgent broadcast is waiting."""
        repo = self.repos.broadcasts
        run = _Run(broadcast, Counter(await repo.counts(broadcast.id)))
        if not broadcast.is_system:
            await self._ensure_progress(broadcast, t, run.counts, "sending")
        run.shown = dict(run.counts)
        # One lane sends one message at a time; BROADCAST_IN_FLIGHT lanes share the queue.
        # A TaskGroup: if one lane fails, the others are cancelled (each writes its last outcome) before retrying.
        if self.settings.broadcast_in_flight == 1:
            await self._lane(run, t)
        else:
            async with asyncio.TaskGroup() as lanes:
                for _ in range(self.settings.broadcast_in_flight):
                    lanes.create_task(self._lane(run, t))
        if self._stopping:
            return False, False
        if run.preempted:
            return False, True
        cancelled = self._is_cancelled(broadcast) or run.aborted
        await repo.finish(broadcast.id, "cancelled" if cancelled else "done")
        if run.aborted:
            log.warning("broadcast %s stopped: its source message is gone", broadcast.id)
        return True, False

    async def _next_delivery(self, run: _Run) -> Delivery | None:
        if not run.buffer and not run.exhausted:
            async with run.refill:
                if not run.buffer and not run.exhausted:
                    if run.after and await self.repos.broadcasts.more_urgent_waiting(run.broadcast):
                        run.halt = run.preempted = True
                        return None
                    batch = await self.repos.broadcasts.next_deliveries(run.broadcast, run.after, BATCH)
                    if batch:
                        run.buffer.extend(batch)
                        run.after = batch[-1].seq
                    else:
                        run.exhausted = True
        return run.buffer.popleft() if run.buffer else None

    async def _lane(self, run: _Run, t: Translate) -> None:
        """Record the previous outcome and mark the next recipient in flight (one statement), then send."""
        repo, broadcast, counts = self.repos.broadcasts, run.broadcast, run.counts
        previous: list[Outcome] = []
        try:
            while not run.halt and not self._stopping and not self._is_cancelled(broadcast):
                delivery = await self._next_delivery(run)
                if delivery is None:
                    break
                if delivery.status == "pending":
                    counts["pending"] -= 1
                else:
                    counts["sending"] -= 1
                if delivery.status == "sending" and broadcast.is_system:
                    # In flight when the bot stopped: it may have arrived. A reminder is never sent twice.
                    previous.append(Outcome(delivery.seq, "unknown", error="in flight at a restart"))
                    counts["unknown"] += 1
                    continue
                if not delivery.eligible:
                    # Banned, blocked, opted out of announcements or withdrew consent since the broadcast
                    # was confirmed: not sent (recorded with the next statement). A row left in flight by a
                    # crash may have arrived, though: that one is 'unknown'.
                    left = "unknown" if delivery.status == "sending" else "cancelled"
                    previous.append(Outcome(delivery.seq, left, error="no longer a recipient"))
                    counts[left] += 1
                    continue
                marked = await repo.advance(broadcast.id, previous, [delivery.seq])
                previous = []
                if delivery.seq not in marked:
                    # The recipient deleted their data (/delete_me) after this batch was read: not sent.
                    left = "unknown" if delivery.status == "sending" else "cancelled"
                    previous.append(Outcome(delivery.seq, left, error="no longer a recipient"))
                    counts[left] += 1
                    continue
                outcome = await self._send_one(run, delivery)
                if outcome.status == "pending":
                    # Cancelled or stopping before it went out. A fresh row goes back to 'pending'; a row left
                    # in flight by a crash stays 'sending' (it may have arrived then: resent on the next start,
                    # or 'unknown' if the broadcast is cancelled).
                    previous = [outcome] if delivery.status == "pending" else []
                    counts[delivery.status] += 1
                    break
                previous = [outcome]
                counts[outcome.status] += 1
                if outcome.status == "sent":
                    run.sent += 1
                    self.stats.sent += 1
                elif outcome.error and SOURCE_GONE in outcome.error:
                    run.halt = run.aborted = True
                now = time.monotonic()
                if (
                    not self._stopping
                    and now - run.last_edit >= self.settings.progress_interval
                    and dict(counts) != run.shown
                ):
                    run.last_edit, run.shown = now, dict(counts)
                    elapsed = now - run.started
                    rate = run.sent / elapsed if elapsed > 2 and run.sent else self.settings.broadcast_rate
                    await self._edit_progress(broadcast, t, counts, "sending", rate)
        finally:
            # Whatever happens after a send (even an unexpected error), its outcome is written before
            # anything else could send that recipient again.
            await repo.advance(broadcast.id, previous, [])

    async def _render(self, run: _Run, lang: str) -> tuple[str, str | None] | None:
        if lang not in run.rendered:
            if self.renderer is None:
                raise RuntimeError(f"no renderer for {run.broadcast.kind} broadcasts")
            run.rendered[lang] = await self.renderer.render(run.broadcast, lang)
        return run.rendered[lang]

    async def _send_one(self, run: _Run, delivery: Delivery) -> Outcome:
        broadcast, seq, user_id = run.broadcast, delivery.seq, delivery.user_id
        paid = self.settings.broadcast_paid
        message: tuple[str, str | None] | None = None
        if broadcast.kind != "copy":
            message = await self._render(run, delivery.language or self.settings.default_locale)
            if message is None:
                return Outcome(seq, "cancelled", error="nothing to send any more")
        server_errors = 0
        if self._streak >= PROBE_AFTER and not await self._wait_until_reachable(broadcast.id):
            return Outcome(seq, "pending")  # cancelled or stopping before it went out
        while True:
            if not await self._sleep(self.pacer.reserve()):
                return Outcome(seq, "pending")  # cancelled or stopping before it went out
            while self.pacer.paused_until > self.pacer.clock():  # another lane hit a 429 meanwhile
                if not await self._sleep(self.pacer.paused_until - self.pacer.clock()):
                    return Outcome(seq, "pending")
            if self.budget is not None and not paid:
                await self.budget.take(user_id, BROADCAST)
            try:
                if message is None:
                    message_id = await self.transport.copy(
                        user_id, broadcast.source_chat_id, broadcast.source_message_id, paid
                    )
                else:
                    message_id = await self.transport.send(user_id, message[0], message[1], paid)
            except TelegramRetryAfter as exc:
                self.stats.retry_after += 1
                wait = min(exc.retry_after, MAX_PAUSE)
                if self.budget is not None:
                    self.budget.flood(user_id, wait)
                log.warning("broadcast %s: flood control, all sending paused for %ss", broadcast.id, wait)
                self.pacer.pause(wait)  # then the same recipient again
                continue
            except TelegramForbiddenError as exc:
                self._streak = 0
                log.info("broadcast %s: recipient %s unreachable: %s", broadcast.id, user_id, exc.message)
                await self.repos.users.set_active(user_id, False)
                return Outcome(seq, "blocked", error=exc.message)
            except TelegramBadRequest as exc:
                self._streak = 0
                log.warning("broadcast %s: recipient %s refused: %s", broadcast.id, user_id, exc.message)
                return Outcome(seq, "failed", error=exc.message)
            except (AiogramError, aiohttp.ClientError, OSError, ValueError) as exc:
                kind = classify(exc)
                if kind is Failure.REFUSED:
                    self._streak = 0
                    log.warning("broadcast %s: recipient %s failed: %s", broadcast.id, user_id, exc)
                    return Outcome(seq, "failed", error=str(exc)[:500])
                self._streak += 1
                self.stats.failures[kind.value] += 1
                if kind is Failure.NOT_SENT or (kind is Failure.SERVER and server_errors < SERVER_RETRIES):
                    # It cannot have arrived (never left, or Telegram said it failed): the same message
                    # again after a pause that grows while failures come in a row (an outage is a pause).
                    server_errors += 1 if kind is Failure.SERVER else 0
                    pause = backoff(self._streak, self.settings.outage_backoff_max)
                    if kind is Failure.SERVER:
                        pause /= 4  # Telegram answered: a hiccup more often than an outage
                    log.warning(
                        "broadcast %s: %s (%s); sending paused, the same message again in %.1f s",
                        broadcast.id,
                        kind.value,
                        exc,
                        pause,
                    )
                    self.pacer.pause(pause)
                    continue
                # The message may or may not have arrived (a read timeout, a dropped connection, an answer
                # that is not Telegram's JSON): sending again could make a duplicate. Only this one is unknown;
                # failures in a row make the next send wait until Telegram answers a probe.
                log.warning("broadcast %s: recipient %s outcome unknown: %s", broadcast.id, user_id, exc)
                return Outcome(seq, "unknown", error=str(exc)[:500])
            self._streak = 0
            return Outcome(seq, "sent", message_id)

    async def _wait_until_reachable(self, broadcast_id: int) -> bool:
        """After failures in a row: probe Telegram (getMe) with growing pauses until it answers.

        False when stopped or cancelled meanwhile. The probe carries no message, so an ambiguous
        probe costs nothing.
        """
        streak = self._streak
        log.warning("broadcast %s: %s failures in a row; sending paused until Telegram answers", broadcast_id, streak)
        started = time.monotonic()
        while True:
            if not await self._sleep(backoff(streak, self.settings.outage_backoff_max)):
                return False
            try:
                await self.bot.get_me(request_timeout=max(1, int(min(10.0, self.settings.request_timeout))))
            except TelegramRetryAfter:
                break  # it answers
            except (AiogramError, aiohttp.ClientError, OSError, ValueError) as exc:
                streak += 1
                log.info("broadcast %s: Telegram still unreachable (%s)", broadcast_id, exc)
                continue
            break
        log.warning(
            "broadcast %s: Telegram answers again after %.1f s; sending goes on",
            broadcast_id,
            time.monotonic() - started,
        )
        self._streak = 0
        return True

    # --- the organizer's view -------------------------------------------------------------

    async def _translate_for(self, user_id: int) -> Translate:
        user = await self.repos.users.get(user_id)
        lang = user.language if user is not None and user.language else self.settings.default_locale
        return self.translator.for_lang(lang)

    async def announce(self, broadcast: Broadcast) -> None:
        """Post the progress message of a broadcast just confirmed (queued if another one is sending)."""
        t = await self._translate_for(broadcast.created_by)
        state = "queued" if self.current is not None and self.current != broadcast.id else "sending"
        await self._ensure_progress(broadcast, t, Counter({"pending": broadcast.total}), state)

    async def _ensure_progress(self, broadcast: Broadcast, t: Translate, counts: Counter[str], state: str) -> None:
        """One progress message per broadcast, whether the confirming handler or the worker gets there first."""
        async with self._progress_lock:
            fresh = await self.repos.broadcasts.get(broadcast.id)
            if fresh is not None and fresh.progress_message_id is not None:
                broadcast.progress_chat_id = fresh.progress_chat_id
                broadcast.progress_message_id = fresh.progress_message_id
                return
            await self._post_progress(broadcast, t, counts, state)

    async def _post_progress(
        self, broadcast: Broadcast, t: Translate, counts: Counter[str], state: str = "sending"
    ) -> None:
        chat_id = broadcast.progress_chat_id or broadcast.created_by
        text = progress_text(t, broadcast.number, counts, broadcast.total, self.settings.broadcast_rate, state)
        message = await deliver(
            f"broadcast {broadcast.id} progress",
            lambda: self.bot.send_message(chat_id, text, reply_markup=self.cancel_keyboard(t, broadcast.id)),
        )
        if message is not None:
            await self.repos.broadcasts.set_progress_message(broadcast.id, chat_id, message.message_id)
            broadcast.progress_chat_id, broadcast.progress_message_id = chat_id, message.message_id

    async def _edit_progress(
        self,
        broadcast: Broadcast,
        t: Translate,
        counts: Counter[str],
        state: str,
        rate: float,
        final: bool = False,
        retry: bool = True,
    ) -> None:
        if broadcast.progress_chat_id is None or broadcast.progress_message_id is None:
            return
        text = progress_text(t, broadcast.number, counts, broadcast.total, rate, state)
        markup = None if final else self.cancel_keyboard(t, broadcast.id)
        try:
            await self.bot.edit_message_text(
                text=text,
                chat_id=broadcast.progress_chat_id,
                message_id=broadcast.progress_message_id,
                reply_markup=markup,
            )
        except TelegramRetryAfter as exc:
            if final and retry and exc.retry_after <= MAX_FINAL_WAIT and not self._stopping:
                # The final state must replace the Stop button: wait out the flood control once.
                await asyncio.sleep(exc.retry_after)
                await self._edit_progress(broadcast, t, counts, state, rate, final=True, retry=False)
                return
            log.info("broadcast %s: progress edit throttled (%ss); next time", broadcast.id, exc.retry_after)
        except TelegramBadRequest as exc:
            if "message is not modified" not in exc.message:
                log.warning("broadcast %s: progress message not updated: %s", broadcast.id, exc.message)
        except AiogramError as exc:  # the progress message is a courtesy: never let it stop the sending
            log.warning("broadcast %s: progress message not updated: %s", broadcast.id, exc)

    async def _report(self, broadcast: Broadcast, t: Translate) -> None:
        """Final state on the progress message (no button) and a report message, once.

        The report is tried until Telegram delivers or refuses it; a stop meanwhile leaves it owed
        for the next start.
        """
        if broadcast.report_sent:
            return
        self._interrupt.clear()  # a Stop pressed while it was sending must not cut the report's retries short
        if self._stopping:
            self._interrupt.set()
        counts: Counter[str] = Counter(await self.repos.broadcasts.counts(broadcast.id))
        aborted = broadcast.status == "cancelled" and not self._is_cancelled(broadcast)
        state = "aborted" if aborted else broadcast.status
        await self._edit_progress(broadcast, t, counts, state, self.settings.broadcast_rate, final=True)
        chat_id = broadcast.progress_chat_id or broadcast.created_by
        key = {"done": "bc-report-done", "cancelled": "bc-report-cancelled"}.get(state, "bc-report-aborted")
        text = t(
            key,
            number=broadcast.number,
            sent=counts["sent"],
            total=broadcast.total,
            blocked=counts["blocked"],
            failed=counts["failed"],
            unknown=counts["unknown"],
            cancelled=counts["cancelled"],
        )
        if counts["unknown"] and state != "aborted" and broadcast.kind == "copy":
            text += "\n\n" + t("bc-report-unknown", unknown=counts["unknown"])
        resendable = await self.repos.broadcasts.resendable(broadcast.id) if broadcast.kind == "copy" else 0
        markup = self.report_keyboard(t, broadcast.id, resendable if state != "aborted" else 0)
        settled, _ = await settle(
            f"broadcast {broadcast.id} report",
            lambda: self.bot.send_message(chat_id, text, reply_markup=markup),
            self._sleep,
            self.settings.outage_backoff_max,
        )
        if not settled:
            return  # stopping: the report is sent at the next start
        await self.repos.broadcasts.mark_reported(broadcast.id)
        self._cancelled.discard(broadcast.id)
        log.info("broadcast %s %s: %s", broadcast.id, broadcast.status, dict(counts))
