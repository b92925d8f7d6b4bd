"""Load bench: the real bot (``python -m bot``) against a bare aiogram echo bot, through the fake Bot API server.

Run from the project root::

    .venv/bin/python -m bench.load [--scenario flow|start] [--residents 200] [--rate 100] [--only bot|echo]
                                   [--json out.json]

This process hosts the fake Telegram server (fake_telegram) and the simulated residents; the bot under
test runs as a separate process polling it over 127.0.0.1 (fresh temporary database, ADMIN_IDS = one admin
who sends /help first so idea cards can reach them, LOG_LEVEL=WARNING, IDEAS_PER_DAY=1000, POLLING_TIMEOUT=10 as
in production: under load a long poll returns as soon as an update is queued, so the value only matters when
idle). For each target (the bot, then the echo bot):

* phase 1, full load: ``--residents`` residents run their whole script at once, each step waiting for the
  bot's answer before the next (closed loop). Throughput = updates injected / wall time until all finished.
  ``--scenario flow`` (the default), the whole resident flow: /start → consent → territory → subscriptions
  done → /idea → text → skip photos → skip place → first direction → send (10 updates); ``--scenario start``:
  ``--messages`` (20) × /start by a resident who has not consented (the bot answers with 2 messages, the
  consent's introduction and its text). The echo bot's script is as many text messages, each awaiting the
  echo's last message.
* the echo bot is call-matched (``--echo-calls auto``, the default): it runs after the bot and makes, per
  message, as many Bot API calls as the bot made per update in its full-load phase (getUpdates not counted).
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
prints where the processes spend their time; ``--counts`` runs them through ``python -m bench.bot_runner`` and
prints per update counts (Bot API calls, database round trips, thread hops, GC); ``--patches`` runs what-if
experiments (see bench/bot_runner.py); ``--echo-calls X`` makes the echo bot a call-matched one.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import pstats
import sys
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from bench.harness import (
    ADMIN_ID,
    BOT,
    ECHO,
    BotProcess,
    Figures,
    QuietFake,
    Value,
    bot_env,
    cpu_seconds,
    parser,
    percentile,
    py_spy,
    row_counts,
    run,
    runner,
    workdir,
)
from fake_telegram import BotMessage, ScriptedUser
from fake_telegram.models import UploadedFile

PHASE1_BASE = 1_000_000
PHASE2_BASE = 2_000_000
STEPS_PER_RESIDENT = 10  # the flow scenario's updates per resident

# What the residents press and look for (Russian interface, as tests/scenarios.py).
ACCEPT = "✅ Согласие даю"
DONE = "Готово"
SKIP = "Пропустить"
SEND = "📨 Отправить"
TERRITORY = "Оренбург"

TARGETS = {"bot": BOT, "echo": ECHO}
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


class WatchingFake(QuietFake):
    """The quiet fake, stamping the bot's first reply per chat since the last injection."""

    def __init__(self) -> None:
        super().__init__()
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

    def __init__(self, fake: WatchingFake, user_id: int, stats: PhaseStats, pacer: Pacer | None) -> None:
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


def _equals(text: str) -> Callable[[BotMessage], bool]:
    return lambda message: message.text == text


async def bot_script(resident: Resident, number: int) -> None:
    """/start through a sent text idea: 10 updates."""
    m = await resident.send("/start", "/start", "Согласие на обработку")
    m = await resident.press("consent", m, ACCEPT, "Где вы живёте")
    m = await resident.press("territory", m, TERRITORY, "О каких направлениях")
    m = await resident.press("subs done", m, DONE, "Всё готово")
    m = await resident.send("/idea", "/idea", "Опишите идею")
    m = await resident.send("idea text", IDEAS[number % len(IDEAS)].format(n=number % 97 + 1), "Добавьте фото")
    m = await resident.press("skip photos", m, SKIP, "Где это")
    m = await resident.press("skip place", m, SKIP, "направлени")
    m = await resident.press("direction", m, None, "Проверьте идею")
    m = await resident.press("send", m, SEND, "№")
    resident.stats.idea_numbers.append(int((m.text or "").split("№", 1)[1].split()[0]))


async def start_script(resident: Resident, number: int, messages: int) -> None:
    """``messages`` × /start by someone who has not consented: each answered with the consent's intro and text."""
    for _ in range(messages):
        await resident.send("/start", "/start", "Согласие на обработку")


async def echo_script(resident: Resident, number: int, messages: int) -> None:
    """``messages`` text messages, each awaiting the echo (the echo bot sends it last)."""
    for step in range(messages):
        text = f"Сообщение {step + 1} от жителя {number}"
        await resident._step(f"text {step + 1}", partial(resident.user.send, text), _equals(text))


def print_counts(name: str, counts: dict[str, dict[str, float]]) -> None:
    updates = sum(counts.get("updates", {}).values()) or 1
    print(f"\n---- {name}: counts over {updates:.0f} updates (whole run, admin and start-up included) ----")
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
        top = ", ".join(f"{k} {v:.0f}" for k, v in sorted(values.items(), key=lambda kv: -kv[1])[:14])
        print(f"  {group}: {total:.0f} = {total / updates:.2f} per update ({top})")


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
    api_calls: int = 0  # Bot API calls other than getUpdates


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


async def run_phase(
    fake: WatchingFake,
    bot: BotProcess,
    script: Callable[[Resident, int], Coroutine[Any, Any, None]],
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
    calls_before = sum(fake.stats.requests.values())
    started = time.perf_counter()
    tasks = [asyncio.create_task(script(person, n)) for n, person in enumerate(people)]
    everyone = asyncio.gather(*tasks, return_exceptions=True)
    assert bot.proc is not None
    death = asyncio.create_task(bot.proc.wait())
    either: list[asyncio.Future[Any]] = [everyone, death]
    await asyncio.wait(either, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
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
    result.api_calls = sum(fake.stats.requests.values()) - calls_before - result.polls
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
    return row_counts(
        path,
        ideas="SELECT COUNT(*) FROM ideas",
        cards_pending="SELECT COUNT(*) FROM ideas WHERE card_pending = 1",
        idea_cards="SELECT COUNT(*) FROM idea_cards",
        onboarded="SELECT COUNT(*) FROM users WHERE onboarded_at IS NOT NULL",
    )


def steps_per_resident(args: argparse.Namespace) -> int:
    return int(args.messages) if args.scenario == "start" else STEPS_PER_RESIDENT


def script_for(name: str, args: argparse.Namespace) -> Callable[[Resident, int], Coroutine[Any, Any, None]]:
    if name == "echo":
        return partial(echo_script, messages=steps_per_resident(args))
    if args.scenario == "start":
        return partial(start_script, messages=args.messages)
    return bot_script


async def run_target(name: str, args: argparse.Namespace, workdir: Path, echo_calls: float = 1.0) -> TargetResult:
    result = TargetResult(name)
    fake = WatchingFake()
    await fake.start(host="127.0.0.1", port=0)
    db_path = workdir / f"{name}.sqlite3"
    log_path = workdir / f"{name}.log"
    result.log_path = str(log_path)
    env = bot_env(
        fake,
        db_path,
        ALBUM_WAIT="1.0",
        POLLING_TIMEOUT=str(args.polling_timeout),
        TELEGRAM_RATE="0",  # the bot's own cost per update is measured, not Telegram's limits
        IDEAS_PER_DAY="1000",
        ECHO_CALLS=str(echo_calls),
    )
    cmd = list(TARGETS[name])
    counts_path = workdir / f"{name}.counts.json"
    if args.counts or args.patches:
        cmd = runner(name)
        if args.counts:
            env["BENCH_COUNTS"] = str(counts_path)
        if args.patches:
            env["BENCH_PATCHES"] = args.patches
    profile_path = workdir / f"{name}.prof"
    if args.profile == "cprofile":
        cmd = [sys.executable, "-m", "cProfile", "-o", str(profile_path), *cmd[1:]]
    bot = BotProcess(fake, env, log_path, cmd)
    script = script_for(name, args)
    spy_path = workdir / f"{name}.pyspy.txt"
    try:
        result.startup = await bot.start()
        print(f"[{name}] started in {result.startup:.1f}s (pid {bot.pid}, RSS {bot.idle_rss_kb / 1024:.0f} MB)")
        # The superadmin writes first so the bot may write to them (idea cards fall back to superadmins).
        admin = Resident(fake, ADMIN_ID, PhaseStats(), None)
        await asyncio.wait_for(admin.send("admin", "/help"), 15)
        spied = bot.pid if args.profile.startswith("py-spy") else None
        async with py_spy(spied, spy_path, native=args.profile == "py-spy-native"):
            steps = steps_per_resident(args)
            phase_timeout = max(60.0, args.residents * steps / 20)
            result.full, _ = await run_phase(fake, bot, script, PHASE1_BASE, args.residents, None, phase_timeout)
            print(
                f"[{name}] full load: {result.full.updates} updates in {result.full.wall:.2f}s "
                f"= {result.full.updates / result.full.wall:.0f}/s"
            )
            paced_timeout = args.residents * steps / args.rate * 1.5 + 30
            result.paced, stats2 = await run_phase(
                fake, bot, script, PHASE2_BASE, args.residents, args.rate, paced_timeout
            )
            print(
                f"[{name}] paced: {result.paced.updates} updates at {result.paced.rate:.1f}/s, "
                f"p95 {percentile(result.paced.latencies, 0.95) * 1000:.1f} ms"
            )
            if name == "bot" and args.scenario == "flow":
                ideas = 2 * args.residents
                cards_ok = await wait_inbox(fake.user(ADMIN_ID), 1 + ideas, 30)  # /help, then one card per idea
                result.checks.append(
                    ("idea cards delivered to the admin chat", cards_ok, f"{len(admin.user.inbox)} msgs")
                )
                numbers = stats2.idea_numbers
                result.checks.append(
                    ("idea numbers unique (phase 2)", len(set(numbers)) == len(numbers) == args.residents, "")
                )
        bot.check_alive()
    finally:
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
    errors = bot.log_errors()
    result.checks.append(("no errors in the process log", errors == 0, f"{errors} in {log_path.name}"))
    if name == "bot" and args.scenario == "start":
        answered = all(
            len(fake.user(base + n).inbox) == 2 * args.messages
            for base in (PHASE1_BASE, PHASE2_BASE)
            for n in range(args.residents)
        )
        result.checks.append(("every /start answered with 2 messages", answered, ""))
    if name == "bot" and args.scenario == "flow":
        counts = db_counts(db_path)
        ideas = 2 * args.residents
        result.checks.append(("ideas stored == residents (both phases)", counts["ideas"] == ideas, str(counts)))
        result.checks.append(("residents onboarded", counts["onboarded"] == ideas, f"{counts['onboarded']} of {ideas}"))
        result.checks.append(
            ("no card left pending", counts["cards_pending"] == 0 and counts["idea_cards"] == ideas, "")
        )
    if counts_path.exists():
        print_counts(name, json.loads(counts_path.read_text(encoding="utf-8")))
    if spy_path.exists() and args.keep_logs:
        (args.keep_logs / spy_path.name).write_bytes(spy_path.read_bytes())
    if args.profile == "cprofile" and profile_path.exists():
        print(f"\n---- cProfile of {name} ({profile_path}) ----")
        report = pstats.Stats(str(profile_path))
        report.sort_stats("tottime").print_stats(30)
        report.sort_stats("cumulative").print_stats(40)
    return result


# --------------------------------------------------------------------------- report


def report(out: Figures, results: dict[str, TargetResult], args: argparse.Namespace) -> None:
    bot, echo = results.get("bot"), results.get("echo")

    def tput(r: TargetResult | None) -> float:
        return r.full.updates / r.full.wall if r and r.full.wall else math.nan

    def lat(r: TargetResult | None, q: float, phase: str = "paced") -> float:
        if r is None:
            return math.nan
        return percentile(getattr(r, phase).latencies, q) * 1000

    def both(value: Callable[[TargetResult], float]) -> list[Value]:
        return [value(bot) if bot else math.nan, value(echo) if echo else math.nan]

    def full_latency(r: TargetResult | None) -> str:
        return "—" if r is None else f"{lat(r, 0.5, 'full'):.0f}/{lat(r, 0.95, 'full'):.0f}"

    out.section(
        f"scenario {args.scenario}: residents {args.residents} × {steps_per_resident(args)} updates per phase, "
        f"paced rate {args.rate:g}/s, POLLING_TIMEOUT={args.polling_timeout}"
    )
    rows: list[tuple[str, list[Value], str]] = [
        ("throughput at full load (updates/s)", [tput(bot), tput(echo)], ""),
        ("  p50 / p95 ms at full load", [full_latency(bot), full_latency(echo)], ""),
        (f"paced rate achieved (target {args.rate:g}/s)", both(lambda r: r.paced.rate), ""),
        ("  p50 ms at paced rate", [lat(bot, 0.5), lat(echo, 0.5)], ""),
        ("  p95 ms at paced rate", [lat(bot, 0.95), lat(echo, 0.95)], ""),
        ("  p99 ms at paced rate", [lat(bot, 0.99), lat(echo, 0.99)], ""),
        ("  max ms at paced rate", [lat(bot, 1.0), lat(echo, 1.0)], ""),
        ("peak RSS MB (VmHWM)", both(lambda r: r.peak_mb), ""),
        ("RSS after start-up MB", both(lambda r: r.idle_rss_mb), ""),
        ("Bot API calls per update (full load, getUpdates aside)", both(_calls_per_update), ""),
        ("process CPU ms per update (full load)", both(lambda r: _cpu_per_update(r)), ""),
        ("process CPU ms per update (paced)", both(lambda r: _cpu_per_update(r, "paced")), ""),
        ("process CPU % of one core (full load)", both(lambda r: _cpu_share(r, "bot_cpu")), ""),
        ("process CPU % of one core (paced)", both(lambda r: _cpu_share(r, "bot_cpu", "paced")), ""),
        ("updates per getUpdates (full load)", both(lambda r: _per_poll(r, "full")), ""),
        ("updates per getUpdates (paced)", both(lambda r: _per_poll(r, "paced")), ""),
        ("bench process CPU % (full load)", both(lambda r: _cpu_share(r, "bench_cpu")), ""),
        ("start-up s (to first getUpdates)", both(lambda r: r.startup), ""),
    ]
    out.table(["bot", "echo"], rows)
    if bot is not None:
        p95 = lat(bot, 0.95)
        out.figure("bot p95 at the paced rate", p95, "ms", target=f"< {TARGET_P95_MS:g} ms", met=p95 < TARGET_P95_MS)
    if bot is not None and echo is not None:
        ratio = tput(bot) / tput(echo)
        out.figure(
            f"throughput ratio bot / echo making {args.echo_calls_used:.2f} calls per message",
            ratio,
            digits=2,
            target=f"≥ {TARGET_RATIO}",
            met=ratio >= TARGET_RATIO,
        )
        delta = bot.peak_mb - echo.peak_mb
        out.figure(
            "peak RSS bot − echo", delta, "MB", target=f"≤ {TARGET_RSS_DELTA_MB:g} MB", met=delta <= TARGET_RSS_DELTA_MB
        )
    if bot is not None and bot.paced.by_step:
        out.section("bot latency by step at the paced rate (ms): p50 / p95 / max")
        for step, values in bot.paced.by_step.items():
            out.note(
                f"{step:14} {percentile(values, 0.5) * 1000:>7.1f} {percentile(values, 0.95) * 1000:>7.1f} "
                f"{max(values) * 1000:>7.1f}"
            )
    out.section("correctness")
    for r in results.values():
        for label, ok, detail in r.checks:
            out.check(f"{r.name}: {label}", ok, detail)


def _calls_per_update(r: TargetResult) -> float:
    return r.full.api_calls / r.full.updates if r.full.updates else math.nan


def _cpu_per_update(r: TargetResult, phase: str = "full") -> float:
    result: PhaseResult = getattr(r, phase)
    return result.bot_cpu / result.updates * 1000 if result.updates else math.nan


def _per_poll(r: TargetResult, phase: str) -> float:
    result: PhaseResult = getattr(r, phase)
    return result.updates / result.polls if result.polls else math.nan


def _cpu_share(r: TargetResult, attr: str, phase: str = "full") -> float:
    result: PhaseResult = getattr(r, phase)
    return getattr(result, attr) / result.wall * 100 if result.wall else math.nan


async def main(args: argparse.Namespace) -> int:
    out = Figures("load")
    names = ["bot", "echo"] if args.only == "both" else [args.only]
    results: dict[str, TargetResult] = {}
    args.echo_calls_used = 1.0 if args.echo_calls == "auto" else float(args.echo_calls)
    with workdir("load-bench") as work:
        for name in names:
            try:
                if name == "echo" and args.echo_calls == "auto" and "bot" in results:
                    args.echo_calls_used = round(_calls_per_update(results["bot"]), 2)
                elif name == "echo" and args.echo_calls == "auto":
                    args.echo_calls_used = 2.0 if args.scenario == "start" else 2.6
                results[name] = await run_target(name, args, work, args.echo_calls_used)
            except Exception as exc:
                print(f"[{name}] FAILED: {exc}", file=sys.stderr)
                log = work / f"{name}.log"
                if log.exists():
                    print(f"---- {name} log (tail) ----\n{log.read_text(errors='replace')[-3000:]}", file=sys.stderr)
                return 1
        if args.keep_logs:
            for name in names:
                log = work / f"{name}.log"
                if log.exists():
                    (args.keep_logs / log.name).write_bytes(log.read_bytes())
    report(out, results, args)
    return out.finish(args.json)


def flags() -> argparse.ArgumentParser:
    result = parser(__doc__, only=("both", "bot", "echo"))
    result.add_argument("--residents", type=int, default=200, help="residents per phase (default 200)")
    result.add_argument("--rate", type=float, default=100.0, help="updates per second in the paced phase")
    result.add_argument("--polling-timeout", type=int, default=10, help="POLLING_TIMEOUT for both bots (default 10)")
    result.add_argument(
        "--profile",
        choices=("none", "py-spy", "py-spy-native", "cprofile"),
        default="none",
        help="profile the processes during both phases: py-spy (sampling at 100 Hz, all threads, idle ones left "
        "out; needs `pip install py-spy` and ptrace), py-spy-native (also C frames: GC, GIL waits), cProfile (main "
        "thread only). Profiling slows the process: its figures are not comparable",
    )
    result.add_argument(
        "--counts",
        action="store_true",
        help="run the processes through bench.bot_runner and print per-update counts (API calls, DB round trips, "
        "thread hops, pydantic classes built)",
    )
    result.add_argument(
        "--patches",
        default="",
        help="what-if experiment through bench.bot_runner, comma-separated: inline-sync, response-cache, "
        "db-one-hop or db-inline (the figures then are not the bot's own)",
    )
    result.add_argument(
        "--echo-calls",
        default="auto",
        help="Bot API calls the echo bot makes per message on average: a number (1: a plain echo) or auto (the "
        "default: as many as the bot made per update in the same run; alone: 2 for start, 2.6 for flow)",
    )
    result.add_argument("--scenario", choices=("flow", "start"), default="flow", help="what residents do (flow)")
    result.add_argument("--messages", type=int, default=20, help="/start messages per resident (scenario start)")
    result.add_argument("--keep-logs", type=Path, help="copy the processes' logs into this directory")
    return result


if __name__ == "__main__":
    run(main, flags())
