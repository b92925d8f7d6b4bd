"""Load bench: the real bot (``python -m bot``) against a bare aiogram echo bot, through the fake Bot API server.

Run from the project root::

    .venv/bin/python bench/load.py [--residents 200] [--rate 100] [--only bot|echo] [--json out.json]

This process hosts the fake Telegram server (tests/fake_telegram) and the simulated residents; the bot under
test runs as a separate process polling it over 127.0.0.1 (fresh temporary database, ADMIN_IDS = one admin
who sends /help first so idea cards can reach them, LOG_LEVEL=WARNING, IDEAS_PER_DAY=1000, POLLING_TIMEOUT=10 as
in production: under load a long poll returns as soon as an update is queued, so the value only matters when
idle). For each target (the bot, then the echo bot):

* phase 1, full load: ``--residents`` residents run their whole script at once, each step waiting for the
  bot's answer before the next (closed loop). Throughput = updates injected / wall time until all finished.
  The bot's script is /start → consent → territory → subscriptions done → /idea → text → skip photos →
  skip place → first direction → send (10 updates); the echo bot's is 10 text messages, each awaiting its echo.
* phase 2, paced: ``--residents`` fresh residents; a global pacer lets updates out at ``--rate`` per second in
  total (each resident still waits for the answer to its previous step before taking its next slot; a slot no
  resident is ready for is lost, so the achieved rate is printed). Latency of an update = injection → the bot's
  first reply for it in that chat (a message, an edit or the callback answer), both instants taken with
  ``time.perf_counter`` in this process, the reply instant when the fake server handles the bot's request.
* memory: VmRSS sampled every 0.2 s and VmHWM (peak RSS) read from /proc/<pid>/status just before SIGTERM;
  CPU time of the process (all threads) from /proc/<pid>/stat.

Correctness is checked cheaply (ideas stored, residents onboarded, cards delivered, nothing refused by the fake,
no errors logged, clean exit). Exit status is non-zero only when something breaks (a process dies, a resident
gets no answer, a check fails), never for a missed target.

Diagnostics (their figures are not comparable with a plain run): ``--profile py-spy|py-spy-native|cprofile``
prints where the processes spend their time; ``--counts`` runs them through bench/bot_runner.py and prints per
update counts (Bot API calls, database round trips, thread hops, GC); ``--patches`` runs what-if experiments
(see bench/bot_runner.py).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import pstats
import shutil
import signal
import sqlite3
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.fake_telegram import BotMessage, FakeTelegram, ScriptedUser  # noqa: E402
from tests.fake_telegram.models import UploadedFile  # noqa: E402

TOKEN = "123456:BENCH-token_for-fake"
BOT_ID = 123456
ADMIN_ID = 9001
PHASE1_BASE = 1_000_000
PHASE2_BASE = 2_000_000
STEPS_PER_RESIDENT = 10
CLK_TCK = os.sysconf("SC_CLK_TCK")

# What the residents press and look for (Russian interface, as tests/scenarios.py).
ACCEPT = "✅ Согласен(на)"
DONE = "Готово"
SKIP = "Пропустить"
SEND = "📨 Отправить"
TERRITORY = "Оренбург"

TARGETS = {
    "bot": [sys.executable, "-m", "bot"],
    "echo": [sys.executable, str(ROOT / "bench" / "echo_bot.py")],
}
TARGET_RATIO = 0.75
TARGET_P95_MS = 50.0
TARGET_RSS_DELTA_MB = 40.0

IDEAS = (
    "Поставить скамейки и урны вдоль набережной Урала, сейчас там негде присесть",
    "Сделать освещение в сквере у школы номер {n}, вечером там совсем темно",
    "Открыть бесплатный кружок робототехники для школьников в библиотеке",
    "Отремонтировать детскую площадку во дворе дома {n} на улице Советской",
    "Организовать субботник и высадить деревья у дома культуры",
)


# --------------------------------------------------------------------------- the fake, instrumented


class Watch:
    """Per chat: when the bot first reacted since the last injection, and who waits for the next reaction."""

    __slots__ = ("first", "waiter")

    def __init__(self) -> None:
        self.first = 0.0
        self.waiter: asyncio.Future[None] | None = None


class BenchFake(FakeTelegram):
    """The fake server without request recording/update validation, stamping the first reply per chat."""

    def __init__(self) -> None:
        super().__init__(
            token=TOKEN,
            bot_id=BOT_ID,
            bot_username="ideas_bot",
            bot_first_name="Ideas",
            record_requests=False,
            validate_updates=False,
        )
        self.watches: dict[int, Watch] = {}

    def _touch(self, chat_id: int) -> None:
        watch = self.watches.get(chat_id)
        if watch is None:
            return
        if watch.first == 0.0:
            watch.first = time.perf_counter()
        waiter = watch.waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    def _notify(self, chat: Any) -> None:  # every new, edited or deleted bot message
        super()._notify(chat)
        self._touch(chat.id)

    def _answer_callback_query(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> bool:
        pending = self._callbacks.get(str(params.get("callback_query_id")))
        result = super()._answer_callback_query(params, files)
        if pending is not None and pending.chat_id is not None:
            self._touch(pending.chat_id)
        return result


# --------------------------------------------------------------------------- residents


class Pacer:
    """Global slots at ``rate`` per second; a slot nobody is ready to take is lost (open loop)."""

    def __init__(self, rate: float) -> None:
        self.interval = 1.0 / rate
        self.next: float | None = None

    async def slot(self) -> None:
        now = time.perf_counter()
        if self.next is None:
            self.next = now
        at = max(self.next, now)
        self.next = at + self.interval
        if at > now:
            await asyncio.sleep(at - now)


@dataclass
class PhaseStats:
    latencies: list[float] = field(default_factory=list)
    by_step: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    injected_at: list[float] = field(default_factory=list)
    idea_numbers: list[int] = field(default_factory=list)


class Resident:
    """A lean driver: inject one update, wait for the message the step ends with, note the first-reply latency."""

    def __init__(self, fake: BenchFake, user_id: int, stats: PhaseStats, pacer: Pacer | None) -> None:
        self.fake = fake
        self.user: ScriptedUser = fake.user(user_id, first_name=f"Житель{user_id % 100_000}", language_code="ru")
        self.chat = self.user.chat
        self.watch = Watch()
        fake.watches[user_id] = self.watch
        self.cursor = len(self.chat.inbox)
        self.stats = stats
        self.pacer = pacer

    async def _next_message(self, wanted: Callable[[BotMessage], bool]) -> BotMessage:
        loop = asyncio.get_running_loop()
        while True:
            inbox = self.chat.inbox
            for index in range(self.cursor, len(inbox)):
                if wanted(inbox[index]):
                    self.cursor = index + 1
                    return inbox[index]
            self.cursor = len(inbox)
            waiter = loop.create_future()
            self.watch.waiter = waiter
            try:
                await waiter
            finally:
                self.watch.waiter = None

    async def _step(
        self, name: str, inject: Callable[[], Awaitable[Any]], wanted: Callable[[BotMessage], bool]
    ) -> BotMessage:
        if self.pacer is not None:
            await self.pacer.slot()
        self.watch.first = 0.0
        started = time.perf_counter()
        result = await inject()  # synchronous inside: the update is queued when this returns
        self.stats.injected_at.append(started)
        message = await self._next_message(wanted)
        future = getattr(result, "future", None)
        if future is not None:  # a button press: the step also needs the callback answer
            await future
        latency = self.watch.first - started
        self.stats.latencies.append(latency)
        self.stats.by_step[name].append(latency)
        return message

    async def send(self, name: str, text: str, expect: str | None = None) -> BotMessage:
        return await self._step(name, lambda: self.user.send(text), _contains(expect))

    async def press(self, name: str, message: BotMessage, button: str | None, expect: str) -> BotMessage:
        buttons = [b for b in message.inline_buttons if "callback_data" in b]
        if button is None:
            chosen = buttons[0] if buttons else None
        else:
            chosen = next((b for b in buttons if b.get("text") == button), None) or next(
                (b for b in buttons if button in str(b.get("text", ""))), None
            )
        if chosen is None:
            raise AssertionError(f"user {self.user.id}: no button {button!r} in {message.summary()}")
        data = str(chosen["callback_data"])
        raw, message_id = message.raw, message.message_id

        async def inject() -> Any:
            return self.fake.new_callback(self.user, self.chat, raw, message_id, data)

        return await self._step(name, inject, _contains(expect))


def _contains(fragment: str | None) -> Callable[[BotMessage], bool]:
    if fragment is None:
        return lambda message: True
    return lambda message: fragment in (message.text or "")


async def bot_script(resident: Resident, number: int) -> None:
    """/start through a sent text idea: 10 updates."""
    m = await resident.send("/start", "/start", "Согласие на обработку")
    m = await resident.press("consent", m, ACCEPT, "Где вы живёте")
    m = await resident.press("territory", m, TERRITORY, "О каких направлениях")
    m = await resident.press("subs done", m, DONE, "Всё готово")
    m = await resident.send("/idea", "/idea", "Опишите идею")
    m = await resident.send("idea text", IDEAS[number % len(IDEAS)].format(n=number % 97 + 1), "Добавьте фото")
    m = await resident.press("skip photos", m, SKIP, "Где это")
    m = await resident.press("skip place", m, SKIP, "🧭")
    m = await resident.press("direction", m, None, "Проверьте идею")
    m = await resident.press("send", m, SEND, "#")
    resident.stats.idea_numbers.append(int((m.text or "").split("#", 1)[1].split()[0]))


async def echo_script(resident: Resident, number: int) -> None:
    """10 text messages, each awaiting its echo."""
    for step in range(STEPS_PER_RESIDENT):
        text = f"Сообщение {step + 1} от жителя {number}"
        await resident._step(
            f"text {step + 1}", lambda text=text: resident.user.send(text), lambda m, text=text: m.text == text
        )


# --------------------------------------------------------------------------- the process under test


def read_status(pid: int) -> dict[str, int]:
    """VmRSS / VmHWM (kB) of a live process."""
    values: dict[str, int] = {}
    with contextlib.suppress(OSError), open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0])
    return values


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (all threads), from /proc/<pid>/stat."""
    with contextlib.suppress(OSError), open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK
    return 0.0


class BotProcess:
    def __init__(self, fake: BenchFake, cmd: list[str], env: dict[str, str], log_path: Path) -> None:
        self.fake = fake
        self.cmd = cmd
        self.env = env
        self.log_path = log_path
        self.proc: asyncio.subprocess.Process | None = None
        self.max_rss_kb = 0
        self.idle_rss_kb = 0
        self.peak_kb = 0
        self.exit_code: int | None = None
        self._sampler: asyncio.Task[None] | None = None

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    async def start(self, timeout: float = 60.0) -> float:  # noqa: ASYNC109
        polls_before = self.fake.count_requests("getUpdates")
        started = time.perf_counter()
        with self.log_path.open("ab") as log:
            self.proc = await asyncio.create_subprocess_exec(
                *self.cmd,
                cwd=self.log_path.parent,  # not the checkout: an operator's .env there must not change the figures
                env={**self.env, "PYTHONPATH": str(ROOT)},
                stdin=asyncio.subprocess.DEVNULL,
                stdout=log,
                stderr=log,
            )
        while self.fake.count_requests("getUpdates") <= polls_before:
            if self.proc.returncode is not None:
                raise RuntimeError(f"{self.cmd} exited with {self.proc.returncode} at start-up; see {self.log_path}")
            if time.perf_counter() - started > timeout:
                raise RuntimeError(f"{self.cmd} did not poll within {timeout}s; see {self.log_path}")
            await asyncio.sleep(0.05)
        self.idle_rss_kb = read_status(self.pid).get("VmRSS", 0)
        self._sampler = asyncio.create_task(self._sample())
        return time.perf_counter() - started

    async def _sample(self) -> None:
        while self.proc is not None and self.proc.returncode is None:
            self.max_rss_kb = max(self.max_rss_kb, read_status(self.proc.pid).get("VmRSS", 0))
            await asyncio.sleep(0.2)

    def check_alive(self) -> None:
        if self.proc is None or self.proc.returncode is not None:
            raise RuntimeError(f"{self.cmd} died (exit {self.proc and self.proc.returncode}); see {self.log_path}")

    async def stop(self) -> int:
        if self.proc is None:
            return self.exit_code or 0
        proc = self.proc
        if proc.returncode is None:
            status = read_status(proc.pid)
            self.peak_kb = status.get("VmHWM", 0)
            self.max_rss_kb = max(self.max_rss_kb, status.get("VmRSS", 0))
            proc.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(proc.wait(), 20)
            except TimeoutError:
                proc.kill()
                await proc.wait()
        if self._sampler is not None:
            self._sampler.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._sampler
        self.exit_code = proc.returncode
        self.proc = None
        return proc.returncode if proc.returncode is not None else -1

    def kill(self) -> None:
        if self.proc is not None and self.proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.proc.kill()


# --------------------------------------------------------------------------- profiling


def py_spy_binary() -> str:
    candidate = Path(sys.executable).with_name("py-spy")
    if candidate.exists():
        return str(candidate)
    found = shutil.which("py-spy")
    if found is None:
        raise RuntimeError("--profile py-spy needs py-spy: .venv/bin/pip install py-spy")
    return found


async def start_py_spy(pid: int, output: Path, native: bool = False) -> asyncio.subprocess.Process:
    # Blocking sampling (the default): --nonblocking reads torn stacks and credits time to the wrong frames.
    spy = await asyncio.create_subprocess_exec(
        py_spy_binary(),
        "record",
        "--pid",
        str(pid),
        "--rate",
        "100",
        "--format",
        "raw",
        *(["--native"] if native else []),
        "--output",
        str(output),
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    await asyncio.sleep(0.5)  # let it attach
    return spy


async def stop_py_spy(spy: asyncio.subprocess.Process) -> None:
    if spy.returncode is None:
        spy.send_signal(signal.SIGINT)
        try:
            await asyncio.wait_for(spy.wait(), 20)
        except TimeoutError:
            spy.kill()
            await spy.wait()


def _frame_key(frame: str) -> str:
    """``func (path/file.py:123)`` -> ``path/file.py:func``."""
    func, _, where = frame.rpartition(" (")
    path = where.rstrip(")").rsplit(":", 1)[0]
    return f"{path}:{func}" if func else frame


def _area(path: str) -> str:
    if path.startswith("bot/"):
        return "bot/ (project code)"
    for name in ("aiogram", "pydantic", "aiohttp", "aiosqlite", "fluent", "asyncio", "json", "sqlite3", "yarl"):
        if f"{name}/" in path or path.startswith(name):
            return name
    return path.split("/", 1)[0] if "/" in path else "other"


# Where a sample goes: the first category whose marker is in its stack (order matters).
CATEGORIES = (
    ("garbage collector (native frames only)", ("gc_collect_main",)),
    ("pydantic builds Response[...] classes again (check_response)", ("create_generic_submodel",)),
    ("database thread (aiosqlite worker: sqlite + queue)", ("_connection_worker_thread",)),
    ("thread-pool workers (sync filters run via to_thread)", ("concurrent/futures/thread.py:_worker",)),
    ("getUpdates: request + parsing the updates", ("Dispatcher._listen_updates",)),
    ("Bot API calls from handlers (form data, HTTP, response parsing)", ("BaseSession.__call__",)),
    ("database calls on the event loop (bot/storage, aiosqlite)", ("bot/storage/", "aiosqlite/")),
    ("dispatching: middlewares, routers, filters, handlers' own code", ("Dispatcher.feed_update",)),
    ("HTTP transport callbacks (aiohttp / asyncio streams)", ("aiohttp/", "selector_events.py")),
    ("event loop machinery (select, call_soon_threadsafe, timers)", ("asyncio/", "selectors.py")),
)


def print_py_spy(path: Path, top: int = 25) -> None:
    """Shares of the sampled busy time: by category, by package, by function (self and inclusive)."""
    inclusive: dict[str, int] = defaultdict(int)
    own: dict[str, int] = defaultdict(int)
    areas: dict[str, int] = defaultdict(int)
    categories: dict[str, int] = defaultdict(int)
    total = 0
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        total += count
        frames = [_frame_key(f) for f in stack.split(";") if f and not f.startswith(("process ", "thread "))]
        if not frames:
            continue
        own[frames[-1]] += count
        category = next((name for name, marks in CATEGORIES if any(m in stack for m in marks)), "other")
        categories[category] += count
        for key in set(frames):
            inclusive[key] += count
        # the package of the innermost frame that is not the standard asyncio/selector machinery
        areas[_area(frames[-1].rsplit(":", 1)[0])] += count
    if not total:
        print(f"py-spy: no samples in {path}")
        return
    print(f"\n---- py-spy {path.name}: {total} samples of busy threads at 100 Hz (waiting threads left out) ----")
    print("by category (first match in the stack):")
    for key, count in sorted(categories.items(), key=lambda kv: -kv[1]):
        print(f"  {count / total * 100:5.1f}%  {key}")
    print("self time by package (innermost frame):")
    for key, count in sorted(areas.items(), key=lambda kv: -kv[1])[:12]:
        print(f"  {count / total * 100:5.1f}%  {key}")
    print(f"self time, top {top} functions:")
    for key, count in sorted(own.items(), key=lambda kv: -kv[1])[:top]:
        print(f"  {count / total * 100:5.1f}%  {key}")
    print(f"inclusive time, top {top} project/library functions:")
    shown = 0
    for key, count in sorted(inclusive.items(), key=lambda kv: -kv[1]):
        if key.startswith(("<frozen", "asyncio/", "threading.py", "runpy.py")) or key.endswith((":<module>", ":main")):
            continue
        print(f"  {count / total * 100:5.1f}%  {key}")
        shown += 1
        if shown >= top:
            break


def print_counts(name: str, counts: dict[str, dict[str, int]]) -> None:
    updates = sum(counts.get("updates", {}).values()) or 1
    print(f"\n---- {name}: counts over {updates} updates (whole run, admin and start-up included) ----")
    for group, values in counts.items():
        if group == "updates":
            continue
        if group == "db_lock_ms":
            run = values.get("run", 0.0) or 1.0
            print(
                f"  db lock: {values.get('acquisitions', 0):.0f} acquisitions, held {values.get('held', 0.0):.0f} ms "
                f"({values.get('held', 0.0) / run * 100:.0f}% of the process lifetime), callers waited "
                f"{values.get('waited', 0.0):.0f} ms in total"
            )
            continue
        if group == "gc":
            parts = [
                f"gen{g}: {values.get(f'gen{g} collections', 0):.0f} collections, {values.get(f'gen{g} ms', 0.0):.0f} ms"
                for g in range(3)
            ]
            print(f"  garbage collector: {'; '.join(parts)}")
            continue
        total = sum(values.values())
        top = ", ".join(f"{k} {v}" for k, v in sorted(values.items(), key=lambda kv: -kv[1])[:14])
        print(f"  {group}: {total} = {total / updates:.2f} per update ({top})")


# --------------------------------------------------------------------------- running one target


@dataclass
class PhaseResult:
    updates: int = 0
    wall: float = 0.0
    rate: float = 0.0
    latencies: list[float] = field(default_factory=list)
    by_step: dict[str, list[float]] = field(default_factory=dict)
    bot_cpu: float = 0.0
    bench_cpu: float = 0.0
    polls: int = 0


@dataclass
class TargetResult:
    name: str
    startup: float = 0.0
    full: PhaseResult = field(default_factory=PhaseResult)
    paced: PhaseResult = field(default_factory=PhaseResult)
    idle_rss_mb: float = 0.0
    max_rss_mb: float = 0.0
    peak_mb: float = 0.0
    checks: list[tuple[str, bool, str]] = field(default_factory=list)
    exit_code: int | None = None
    log_path: str = ""


def percentile(values: list[float], q: float) -> float:
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


async def run_phase(
    fake: BenchFake,
    bot: BotProcess,
    script: Callable[[Resident, int], Awaitable[None]],
    base_id: int,
    residents: int,
    rate: float | None,
    timeout: float,  # noqa: ASYNC109
) -> tuple[PhaseResult, PhaseStats]:
    stats = PhaseStats()
    pacer = Pacer(rate) if rate else None
    people = [Resident(fake, base_id + n, stats, pacer) for n in range(residents)]
    cpu_before, bench_before = cpu_seconds(bot.pid), time.process_time()
    polls_before = fake.count_requests("getUpdates")
    started = time.perf_counter()
    tasks = [asyncio.create_task(script(person, n)) for n, person in enumerate(people)]
    everyone = asyncio.gather(*tasks, return_exceptions=True)
    assert bot.proc is not None
    death = asyncio.create_task(bot.proc.wait())
    await asyncio.wait({everyone, death}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    wall = time.perf_counter() - started
    death.cancel()
    done = [task for task in tasks if task.done()]
    pending = [task for task in tasks if not task.done()]
    for task in pending:
        task.cancel()
    await asyncio.gather(everyone, death, return_exceptions=True)
    done = [task for task in done if not task.cancelled()]
    result = PhaseResult(
        updates=len(stats.latencies),
        wall=wall,
        latencies=stats.latencies,
        by_step=dict(stats.by_step),
        bot_cpu=cpu_seconds(bot.pid) - cpu_before,
        bench_cpu=time.process_time() - bench_before,
        polls=fake.count_requests("getUpdates") - polls_before,
    )
    injected = sorted(stats.injected_at)
    if len(injected) > 1:
        result.rate = (len(injected) - 1) / (injected[-1] - injected[0])
    failures = [task.exception() for task in done if task.exception() is not None]
    if pending or failures:
        bot.check_alive()
        first = failures[0] if failures else None
        raise RuntimeError(
            f"{len(pending)} resident(s) unfinished after {timeout:.0f}s, {len(failures)} failed"
            + (f"; first failure: {first!r}" if first else "")
            + f"; refused requests: {[(r.method, r.error) for r in fake.refused[:5]]}"
        )
    return result, stats


async def wait_inbox(user: ScriptedUser, count: int, timeout: float) -> bool:  # noqa: ASYNC109
    deadline = time.perf_counter() + timeout
    while len(user.inbox) < count:
        if time.perf_counter() > deadline:
            return False
        await asyncio.sleep(0.05)
    return True


def db_counts(path: Path) -> dict[str, int]:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        one = lambda sql: int(conn.execute(sql).fetchone()[0])  # noqa: E731
        return {
            "ideas": one("SELECT COUNT(*) FROM ideas"),
            "cards_pending": one("SELECT COUNT(*) FROM ideas WHERE card_pending = 1"),
            "idea_cards": one("SELECT COUNT(*) FROM idea_cards"),
            "onboarded": one("SELECT COUNT(*) FROM users WHERE onboarded_at IS NOT NULL"),
        }


async def run_target(name: str, args: argparse.Namespace, workdir: Path) -> TargetResult:
    result = TargetResult(name)
    fake = BenchFake()
    await fake.start(host="127.0.0.1", port=0)
    db_path = workdir / f"{name}.sqlite3"
    log_path = workdir / f"{name}.log"
    result.log_path = str(log_path)
    env = {
        **os.environ,
        "BOT_TOKEN": TOKEN,
        "ADMIN_IDS": str(ADMIN_ID),
        "DATABASE_PATH": str(db_path),
        "TELEGRAM_API_URL": fake.base_url,
        "ALBUM_WAIT": "1.0",
        "POLLING_TIMEOUT": str(args.polling_timeout),
        "REQUEST_TIMEOUT": "30",
        "LOG_LEVEL": "WARNING",
        "FLOOD_LIMIT": "0",  # simulated people write faster than people do
        "TELEGRAM_RATE": "0",  # the bot's own cost per update is measured, not Telegram's limits
        "IDEAS_PER_DAY": "1000",
        "PYTHONDONTWRITEBYTECODE": "1",
        "ECHO_CALLS": str(args.echo_calls),
    }
    cmd = list(TARGETS[name])
    counts_path = workdir / f"{name}.counts.json"
    if args.counts or args.patches:
        cmd = [sys.executable, str(ROOT / "bench" / "bot_runner.py"), name]
        if args.counts:
            env["BENCH_COUNTS"] = str(counts_path)
        if args.patches:
            env["BENCH_PATCHES"] = args.patches
    profile_path = workdir / f"{name}.prof"
    if args.profile == "cprofile":
        cmd = [sys.executable, "-m", "cProfile", "-o", str(profile_path), *cmd[1:]]
    bot = BotProcess(fake, cmd, env, log_path)
    script = bot_script if name == "bot" else echo_script
    spy: asyncio.subprocess.Process | None = None
    spy_path = workdir / f"{name}.pyspy.txt"
    try:
        result.startup = await bot.start()
        print(f"[{name}] started in {result.startup:.1f}s (pid {bot.pid}, RSS {bot.idle_rss_kb / 1024:.0f} MB)")
        # The superadmin writes first so the bot may write to them (idea cards fall back to superadmins).
        admin = Resident(fake, ADMIN_ID, PhaseStats(), None)
        await asyncio.wait_for(admin.send("admin", "/help"), 15)
        if args.profile.startswith("py-spy"):
            spy = await start_py_spy(bot.pid, spy_path, native=args.profile == "py-spy-native")

        phase_timeout = max(60.0, args.residents * STEPS_PER_RESIDENT / 20)
        result.full, _ = await run_phase(fake, bot, script, PHASE1_BASE, args.residents, None, phase_timeout)
        print(
            f"[{name}] full load: {result.full.updates} updates in {result.full.wall:.2f}s "
            f"= {result.full.updates / result.full.wall:.0f}/s"
        )
        paced_timeout = args.residents * STEPS_PER_RESIDENT / args.rate * 1.5 + 30
        result.paced, stats2 = await run_phase(fake, bot, script, PHASE2_BASE, args.residents, args.rate, paced_timeout)
        print(
            f"[{name}] paced: {result.paced.updates} updates at {result.paced.rate:.1f}/s, "
            f"p95 {percentile(result.paced.latencies, 0.95) * 1000:.1f} ms"
        )
        if name == "bot":
            ideas = 2 * args.residents
            cards_ok = await wait_inbox(fake.user(ADMIN_ID), 1 + ideas, 30)  # /help, then one card per idea
            result.checks.append(("idea cards delivered to the admin chat", cards_ok, f"{len(admin.user.inbox)} msgs"))
            numbers = stats2.idea_numbers
            result.checks.append(
                ("idea numbers unique (phase 2)", len(set(numbers)) == len(numbers) == args.residents, "")
            )
        bot.check_alive()
    finally:
        if spy is not None:
            await stop_py_spy(spy)
        result.idle_rss_mb = bot.idle_rss_kb / 1024
        try:
            code = await bot.stop()
        finally:
            bot.kill()
            await fake.stop()
        result.exit_code = code
        result.max_rss_mb = bot.max_rss_kb / 1024
        result.peak_mb = bot.peak_kb / 1024

    result.checks.append(("process exited cleanly on SIGTERM", code == 0, f"exit {code}"))
    refused = [(r.method, r.error) for r in fake.refused]
    result.checks.append(("no request refused by the fake", not refused, f"{len(refused)} {refused[:3]}"))
    log_text = log_path.read_text(encoding="utf-8", errors="replace") if log_path.exists() else ""
    errors = log_text.count("Traceback") + log_text.count(" ERROR ") + log_text.count("ERROR:")
    result.checks.append(("no errors in the process log", errors == 0, f"{errors} in {log_path.name}"))
    if name == "bot":
        counts = db_counts(db_path)
        ideas = 2 * args.residents
        result.checks.append(("ideas stored == residents (both phases)", counts["ideas"] == ideas, str(counts)))
        result.checks.append(("residents onboarded", counts["onboarded"] == ideas, f"{counts['onboarded']} of {ideas}"))
        result.checks.append(
            ("no card left pending", counts["cards_pending"] == 0 and counts["idea_cards"] == ideas, "")
        )
    if counts_path.exists():
        print_counts(name, json.loads(counts_path.read_text(encoding="utf-8")))
    if spy_path.exists():
        print_py_spy(spy_path)
        if args.keep_logs:
            (args.keep_logs / spy_path.name).write_bytes(spy_path.read_bytes())
    if args.profile == "cprofile" and profile_path.exists():
        print(f"\n---- cProfile of {name} ({profile_path}) ----")
        report = pstats.Stats(str(profile_path))
        report.sort_stats("tottime").print_stats(30)
        report.sort_stats("cumulative").print_stats(40)
    return result


# --------------------------------------------------------------------------- report


def fmt(value: float, digits: int = 1) -> str:
    return "—" if value is None or math.isnan(value) else f"{value:.{digits}f}"


def report(results: dict[str, TargetResult], args: argparse.Namespace) -> dict[str, Any]:
    bot, echo = results.get("bot"), results.get("echo")

    def tput(r: TargetResult | None) -> float:
        return r.full.updates / r.full.wall if r and r.full.wall else math.nan

    def lat(r: TargetResult | None, q: float, phase: str = "paced") -> float:
        if r is None:
            return math.nan
        return percentile(getattr(r, phase).latencies, q) * 1000

    ratio = tput(bot) / tput(echo) if bot and echo else math.nan
    delta = bot.peak_mb - echo.peak_mb if bot and echo else math.nan
    p95 = lat(bot, 0.95)
    rows = [
        ("throughput at full load (updates/s)", tput(bot), tput(echo), f"bot/echo ≥ {TARGET_RATIO}"),
        ("  ratio bot/echo", ratio, math.nan, "met" if ratio >= TARGET_RATIO else "MISSED"),
        ("  p50 / p95 ms at full load", None, None, ""),
        (
            f"paced rate achieved (target {args.rate:g}/s)",
            bot.paced.rate if bot else math.nan,
            echo.paced.rate if echo else math.nan,
            "",
        ),
        ("  p50 ms at paced rate", lat(bot, 0.5), lat(echo, 0.5), ""),
        (
            "  p95 ms at paced rate",
            p95,
            lat(echo, 0.95),
            f"bot < {TARGET_P95_MS:g} ms: " + ("met" if p95 < TARGET_P95_MS else "MISSED"),
        ),
        ("  p99 ms at paced rate", lat(bot, 0.99), lat(echo, 0.99), ""),
        ("  max ms at paced rate", lat(bot, 1.0), lat(echo, 1.0), ""),
        (
            "peak RSS MB (VmHWM)",
            bot.peak_mb if bot else math.nan,
            echo.peak_mb if echo else math.nan,
            f"delta ≤ {TARGET_RSS_DELTA_MB:g} MB",
        ),
        ("  delta bot − echo MB", delta, math.nan, "met" if delta <= TARGET_RSS_DELTA_MB else "MISSED"),
        ("RSS after start-up MB", bot.idle_rss_mb if bot else math.nan, echo.idle_rss_mb if echo else math.nan, ""),
        ("process CPU ms per update (full load)", _cpu_per_update(bot), _cpu_per_update(echo), ""),
        ("process CPU ms per update (paced)", _cpu_per_update(bot, "paced"), _cpu_per_update(echo, "paced"), ""),
        ("process CPU % of one core (full load)", _cpu_share(bot, "bot_cpu"), _cpu_share(echo, "bot_cpu"), ""),
        (
            "process CPU % of one core (paced)",
            _cpu_share(bot, "bot_cpu", "paced"),
            _cpu_share(echo, "bot_cpu", "paced"),
            "",
        ),
        ("updates per getUpdates (full load)", _per_poll(bot, "full"), _per_poll(echo, "full"), ""),
        ("updates per getUpdates (paced)", _per_poll(bot, "paced"), _per_poll(echo, "paced"), ""),
        ("bench process CPU % (full load)", _cpu_share(bot, "bench_cpu"), _cpu_share(echo, "bench_cpu"), ""),
        ("start-up s (to first getUpdates)", bot.startup if bot else math.nan, echo.startup if echo else math.nan, ""),
    ]
    print()
    print(
        f"residents {args.residents} × {STEPS_PER_RESIDENT} updates per phase, paced rate {args.rate:g}/s, "
        f"{os.cpu_count()} cores, POLLING_TIMEOUT={args.polling_timeout}"
    )
    print(f"{'':42} {'bot':>10} {'echo':>10}   target")
    for label, b, e, note in rows:
        if b is None:
            b_text = f"{fmt(lat(bot, 0.5, 'full'), 0)}/{fmt(lat(bot, 0.95, 'full'), 0)}"
            e_text = f"{fmt(lat(echo, 0.5, 'full'), 0)}/{fmt(lat(echo, 0.95, 'full'), 0)}"
        else:
            digits = 2 if "ratio" in label else 1
            b_text, e_text = fmt(b, digits), fmt(e, digits)
        print(f"{label:42} {b_text:>10} {e_text:>10}   {note}")
    if bot is not None and bot.paced.by_step:
        print("\nbot latency by step at the paced rate (ms): p50 / p95 / max")
        for step, values in bot.paced.by_step.items():
            print(
                f"  {step:14} {fmt(percentile(values, 0.5) * 1000):>7} {fmt(percentile(values, 0.95) * 1000):>7} "
                f"{fmt(max(values) * 1000):>7}"
            )
    print("\ncorrectness")
    for r in results.values():
        for label, ok, detail in r.checks:
            print(f"  [{'ok' if ok else 'FAIL'}] {r.name}: {label} {detail}")
    return {
        "date": time.strftime("%Y-%m-%d %H:%M:%S %z"),
        "cores": os.cpu_count(),
        "residents": args.residents,
        "rate": args.rate,
        "throughput": {"bot": tput(bot), "echo": tput(echo), "ratio": ratio},
        "paced": {
            k: {"rate": r.paced.rate, "p50": lat(r, 0.5), "p95": lat(r, 0.95), "p99": lat(r, 0.99)}
            for k, r in results.items()
        },
        "peak_rss_mb": {k: r.peak_mb for k, r in results.items()},
        "rss_delta_mb": delta,
        "checks_ok": all(ok for r in results.values() for _, ok, _ in r.checks),
    }


def _cpu_per_update(r: TargetResult | None, phase: str = "full") -> float:
    result: PhaseResult | None = getattr(r, phase) if r else None
    return result.bot_cpu / result.updates * 1000 if result and result.updates else math.nan


def _per_poll(r: TargetResult | None, phase: str) -> float:
    result: PhaseResult | None = getattr(r, phase) if r else None
    return result.updates / result.polls if result and result.polls else math.nan


def _cpu_share(r: TargetResult | None, attr: str, phase: str = "full") -> float:
    result: PhaseResult | None = getattr(r, phase) if r else None
    return getattr(result, attr) / result.wall * 100 if result and result.wall else math.nan


async def main(args: argparse.Namespace) -> int:
    names = ["bot", "echo"] if args.only == "both" else [args.only]
    results: dict[str, TargetResult] = {}
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        workdir = Path(tmp)
        for name in names:
            try:
                results[name] = await run_target(name, args, workdir)
            except Exception as exc:
                print(f"[{name}] FAILED: {exc}", file=sys.stderr)
                log = workdir / f"{name}.log"
                if log.exists():
                    print(f"---- {name} log (tail) ----\n{log.read_text(errors='replace')[-3000:]}", file=sys.stderr)
                return 1
        if args.keep_logs:
            for name in names:
                log = workdir / f"{name}.log"
                if log.exists():
                    (args.keep_logs / log.name).write_bytes(log.read_bytes())
    summary = report(results, args)
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0 if summary["checks_ok"] else 1


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--residents", type=int, default=200, help="residents per phase (default 200)")
    parser.add_argument("--rate", type=float, default=100.0, help="updates per second in the paced phase")
    parser.add_argument("--only", choices=("both", "bot", "echo"), default="both")
    parser.add_argument("--polling-timeout", type=int, default=10, help="POLLING_TIMEOUT for both bots (default 10)")
    parser.add_argument(
        "--profile",
        choices=("none", "py-spy", "py-spy-native", "cprofile"),
        default="none",
        help="profile the processes during both phases: py-spy (sampling at 100 Hz, all threads, idle ones left "
        "out; needs `pip install py-spy` and ptrace), py-spy-native (also C frames: GC, GIL waits), cProfile (main "
        "thread only). Profiling slows the process: its figures are not comparable",
    )
    parser.add_argument(
        "--counts",
        action="store_true",
        help="run the processes through bench/bot_runner.py and print per-update counts (API calls, DB round trips, "
        "thread hops, pydantic classes built)",
    )
    parser.add_argument(
        "--patches",
        default="",
        help="what-if experiment through bench/bot_runner.py, comma-separated: inline-sync, response-cache, "
        "db-one-hop or db-inline (the figures then are not the bot's own)",
    )
    parser.add_argument(
        "--echo-calls",
        type=float,
        default=1.0,
        help="Bot API calls the echo bot makes per message on average (default 1: a plain echo)",
    )
    parser.add_argument("--json", type=Path, help="also write the summary as JSON here")
    parser.add_argument("--keep-logs", type=Path, help="copy the processes' logs into this directory")
    return parser.parse_args()


if __name__ == "__main__":
    sys.exit(asyncio.run(main(parse_args())))
