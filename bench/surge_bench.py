"""Registration surge bench: the real bot (`python -m bot`) against the fake Bot API with Telegram's limits on.

`--seeded` residents in the database (the organizers' data set of bench/harness.py), `--residents` of them
reachable and subscribed to the session's direction. The organizer announces a session with `--capacity`
places through /announce (the bot's own broadcast, BROADCAST_RATE `--rate`, the bot's send budget at its
default TELEGRAM_RATE=28, the fake enforcing 30/s overall and 1/s per chat). Each resident who receives the
card presses Register with 60 % probability at a random moment within 60 s of receiving it (seeded RNG); 10 %
of those who get a place press Cancel (and confirm) at a random moment within the next 60 s; whoever is offered
a freed place takes it at once. Measured in the fake: press → answer (the callback answer or the first
message to that chat, whichever comes first), p50/p95/p99/max (target p95 < 1 s); registrations per second;
bot CPU per registration; peak RSS of the bot against the echo bot (`bench.echo_bot`, the same presses).

Also measured: press → the confirmation, press → the QR code (the tickets follow through the outbox).
``--window`` narrows the minute (a harder surge).

Checks: every press answered; the card reached every recipient once; each registration has exactly one
confirmation, one .ics and one QR code (someone who cancelled before the tickets went out gets none); capacity exact (registered == min(capacity, demand)); offers went to
the waitlist in its order; no offer left standing; no request refused by the fake (no 429); clean exits.

    .venv/bin/python -m bench.surge_bench [--residents 5000] [--seeded 100000] [--capacity 2000] [--rate 25]
    .venv/bin/python -m bench.surge_bench --residents 500 --seeded 5000 --capacity 200   # a quick check
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import sqlite3
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.harness import (
    ECHO,
    BotProcess,
    Figures,
    QuietFake,
    bot_env,
    data_set,
    organizer,
    parser,
    percentile,
    py_spy,
    run,
    workdir,
)
from fake_telegram import BotMessage, RateLimits, ScriptedUser
from fake_telegram.models import UploadedFile
from tests.support.locale_text import button, ru
from tests.support.seeding import URBAN, Resident, add_session, make_reachable, seed_residents

FIRST_ID = 800_000
TITLE = "Большой городской хакатон"
PRESS_SHARE = 0.6
CANCEL_SHARE = 0.1
DIRECTION = "🌳 Развитие городской среды"

REGISTER = button("ru", "session-btn-register")
UNREGISTER = button("ru", "session-btn-unregister")
UNREGISTER_YES = button("ru", "session-btn-unreg-yes")
ACCEPT = button("ru", "session-btn-accept")
REGISTERED_TOAST = ru("session-registered-toast")
CONFIRMATION = ru("session-registered", title=TITLE, when="WHEN").split("WHEN", 1)[0]


class SurgeFake(QuietFake):
    """The quiet fake, stamping in the fake itself: the answer to a press (the callback answer or the first
    message to the presser's chat, whichever comes first), the session cards, confirmations and tickets per chat."""

    def __init__(self, watched: set[int]) -> None:
        self.watched = watched
        self.pressed: dict[int, tuple[str, float]] = {}  # chat → (what was pressed, when) until answered
        self.taking: dict[int, float] = {}  # chat → when Register (or an offer's Accept) was pressed, till the QR
        self.confirmed: list[float] = []  # press → the confirmation «Вы записаны на …»
        self.ticketed: list[float] = []  # press → the QR code (the last of the tickets)
        self.latencies: dict[str, list[float]] = {}
        self.on_card: Any = None  # called with (chat_id, message_id) when a session card reaches a resident
        self.cards: Counter[int] = Counter()
        self.confirmations: Counter[int] = Counter()
        self.ics: Counter[int] = Counter()
        self.qr: Counter[int] = Counter()
        self.first_ticket = 0.0
        self.last_ticket = 0.0
        super().__init__()  # (builds the method table below)

    def press_started(self, chat_id: int, what: str) -> None:
        self.pressed[chat_id] = (what, time.perf_counter())
        if what in ("register", "accept"):
            self.taking[chat_id] = self.pressed[chat_id][1]

    def _answered(self, chat_id: int | None) -> None:
        if chat_id is None:
            return
        pressed = self.pressed.pop(chat_id, None)
        if pressed is not None:
            self.latencies.setdefault(pressed[0], []).append(time.perf_counter() - pressed[1])

    def _method_table(self) -> dict[str, Any]:
        table = super()._method_table()
        answer, send, send_photo, send_document = (
            table["answerCallbackQuery"],
            table["sendMessage"],
            table["sendPhoto"],
            table["sendDocument"],
        )

        def answered(params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
            pending = self._callbacks.get(str(params.get("callback_query_id")))
            result = answer(params, files)
            self._answered(pending.chat_id if pending is not None else None)
            return result

        def message(params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
            result = send(params, files)
            chat_id = int(params["chat_id"])
            if chat_id in self.watched:
                self._answered(chat_id)
                shown = self.chat_state(chat_id).bot_messages[int(result["message_id"])]
                text = shown.text or ""
                if text.startswith(TITLE) and any(b.get("text") == REGISTER for b in shown.inline_buttons):
                    self.cards[chat_id] += 1
                    if self.cards[chat_id] == 1 and self.on_card is not None:
                        self.on_card(chat_id, int(result["message_id"]))
                elif text.startswith(CONFIRMATION):
                    self.confirmations[chat_id] += 1
                    if chat_id in self.taking:
                        self.confirmed.append(time.perf_counter() - self.taking[chat_id])
            return result

        def ticket(counter: Counter[int], call: Any) -> Any:
            def stamped(params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
                result = call(params, files)
                chat_id = int(params["chat_id"])
                if chat_id in self.watched:
                    self._answered(chat_id)
                    if TITLE in str(params.get("caption", "")):
                        counter[chat_id] += 1
                        if counter is self.qr and chat_id in self.taking:
                            self.ticketed.append(time.perf_counter() - self.taking.pop(chat_id))
                        self.last_ticket = time.perf_counter()
                        self.first_ticket = self.first_ticket or self.last_ticket
                return result

            return stamped

        table["answerCallbackQuery"] = answered
        table["sendMessage"] = message
        table["sendPhoto"] = ticket(self.qr, send_photo)
        table["sendDocument"] = ticket(self.ics, send_document)
        return table


@dataclass
class Plan:
    """What one resident will do, drawn before the run (seeded): press or not, when, and whether to cancel."""

    press: bool
    delay: float
    cancel: bool
    cancel_delay: float


@dataclass
class Crowd:
    fake: SurgeFake
    users: dict[int, ScriptedUser]
    plans: dict[int, Plan]
    busy: int = 0  # residents doing something now (waiting to press, pressing); not those waiting for an offer
    tasks: list[asyncio.Task[None]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    registered: list[int] = field(default_factory=list)  # everyone who got a place (first press or an offer)
    waitlisted: list[int] = field(default_factory=list)
    offered: list[int] = field(default_factory=list)  # in the order the offers arrived
    cancelled: list[int] = field(default_factory=list)
    first_press: float = 0.0
    last_registration: float = 0.0

    async def press(self, user: ScriptedUser, message: BotMessage, label: str, what: str) -> Any:
        self.first_press = self.first_press or time.perf_counter()
        self.fake.press_started(user.chat_id, what)
        return await user.press(message, label, timeout=30)

    def card_arrived(self, chat_id: int, message_id: int) -> None:
        plan = self.plans[chat_id]
        if plan.press:
            self.busy += 1
            self.tasks.append(asyncio.create_task(self.resident(chat_id, message_id, plan)))

    async def resident(self, chat_id: int, message_id: int, plan: Plan) -> None:
        user = self.users[chat_id]
        try:
            await asyncio.sleep(plan.delay)
            card = user.chat.bot_messages[message_id]
            seen = len(user.inbox)
            answer = await self.press(user, card, REGISTER, "register")
            if answer.text == REGISTERED_TOAST:
                await self.got_place(user, card, plan)
                return
            self.waitlisted.append(chat_id)
            self.busy -= 1
            offer = await self.next_with(user, seen, ACCEPT)
            self.busy += 1
            self.offered.append(chat_id)
            answer = await self.press(user, offer, ACCEPT, "accept")
            if answer.text != REGISTERED_TOAST:
                raise AssertionError(f"taking the offer: {answer.text!r}")
            await self.got_place(user, offer, plan)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            self.errors.append(f"{chat_id}: {exc!r}"[:300])
        finally:
            self.busy -= 1

    async def got_place(self, user: ScriptedUser, card: BotMessage, plan: Plan) -> None:
        self.registered.append(user.chat_id)
        self.last_registration = time.perf_counter()
        if not plan.cancel:
            return
        await asyncio.sleep(plan.cancel_delay)
        card.edits_seen = len(card.edits)
        await self.press(user, card, UNREGISTER, "cancel")
        await user.expect_edit(card, timeout=30)
        await self.press(user, card, UNREGISTER_YES, "cancel")
        self.cancelled.append(user.chat_id)

    async def next_with(self, user: ScriptedUser, start: int, label: str) -> BotMessage:
        """The first message from index ``start`` of the inbox with a button ``label`` (waits as long as it takes)."""
        while True:
            for message in user.inbox[start:]:
                if any(b.get("text") == label for b in message.inline_buttons):
                    return message
            await self.fake.wait_chat_change(user.chat, asyncio.get_running_loop().time() + 3600)


def draw_plans(ids: list[int], seed: int, window: float) -> dict[int, Plan]:
    rng = random.Random(seed)
    return {
        uid: Plan(
            rng.random() < PRESS_SHARE, rng.uniform(0, window), rng.random() < CANCEL_SHARE, rng.uniform(0, window)
        )
        for uid in ids
    }


def db_rows(db_path: Path, session_id: int) -> list[tuple[int, str, int]]:
    with contextlib.closing(sqlite3.connect(db_path, timeout=30)) as conn:
        return [
            (int(r[0]), str(r[1]), int(r[2]))
            for r in conn.execute(
                "SELECT user_id, status, seq FROM registrations WHERE session_id = ? ORDER BY seq", (session_id,)
            )
        ]


def outbox_waiting(db_path: Path) -> int:
    with contextlib.closing(sqlite3.connect(db_path, timeout=30)) as conn:
        return int(conn.execute("SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')").fetchone()[0])


async def announce(admin: ScriptedUser, session_id: int, recipients: int) -> None:
    """/announce N to the subscribers of the session's direction, as an organizer does it."""
    await admin.send_command(f"/announce {session_id}")
    audience = await admin.expect_message(timeout=30)
    await admin.press(audience, button("ru", "sadm-aud-direction", direction=DIRECTION, n=recipients), timeout=30)
    await admin.expect_edit(audience, timeout=30)
    await admin.expect_message(timeout=30)  # the preview card
    prompt = await admin.expect_message(timeout=30)
    await admin.press(prompt, button("ru", "sadm-btn-announce-send", n=recipients), timeout=30)
    await admin.expect_edit(prompt, timeout=30)


@dataclass
class Result:
    latencies: dict[str, list[float]]
    rows: list[tuple[int, str, int]]
    crowd: Crowd
    fake: SurgeFake
    wall: float = 0.0
    surge_s: float = 0.0
    cpu_ms_per_registration: float = 0.0
    peak_rss_mb: float = 0.0
    idle_rss_mb: float = 0.0
    rate_limited: int = 0
    refused: int = 0
    exit_code: int | None = None
    log_errors: int = 0
    announced: int = 0


async def run_bot(args: argparse.Namespace, work: Path) -> Result:
    ids = list(range(FIRST_ID, FIRST_ID + args.residents))
    async with SurgeFake(set(ids)) as fake:
        fake.rate_limit = True
        # The organizer's own dialogue sends 4 messages to one chat within a fraction of a second (the scripted
        # organizer answers instantly): Telegram tolerates such bursts, the fake's default of 3 does not. The bot's
        # own budget keeps residents' chats at 3 anyway; the global limit stays at Telegram's 30/s, burst 30.
        fake.rate_limits = RateLimits(chat_burst=5)
        db_path = work / "surge.sqlite3"
        await data_set(db_path, max(0, args.seeded - args.residents), args.ideas)
        with contextlib.closing(sqlite3.connect(db_path)) as conn, conn:
            # the data set's residents are not subscribed to the session's direction: the announcement reaches
            # exactly the reachable residents (all 100,000 stay in the database, in every other query)
            conn.execute("DELETE FROM subscriptions WHERE direction_id = ?", (URBAN,))
        await seed_residents(db_path, [Resident(uid, subscriptions=(URBAN,)) for uid in ids])
        users = make_reachable(fake, ids)
        session_id = add_session(db_path, title=TITLE, capacity=args.capacity)
        crowd = Crowd(fake, users, draw_plans(ids, args.seed, args.window))
        fake.on_card = crowd.card_arrived
        env = bot_env(fake, db_path, BROADCAST_RATE=str(args.rate))
        admin = organizer(fake)
        result = Result(fake.latencies, [], crowd, fake)
        bot = BotProcess(fake, env, work / "surge.log")
        async with bot:
            result.idle_rss_mb = bot.idle_rss_kb / 1024
            cpu_before = bot.cpu_seconds()
            started = time.perf_counter()
            async with py_spy(bot.pid if args.profile else None, work / "surge.pyspy.txt"):
                await announce(admin, session_id, args.residents)
                limit = args.residents / args.rate * 3 + 600
                while True:
                    await asyncio.sleep(0.5)
                    bot.check_alive()
                    if time.perf_counter() - started > limit:
                        raise RuntimeError(f"the surge did not settle in {limit:.0f} s; see {bot.log_path}")
                    if sum(fake.cards.values()) < args.residents or crowd.busy:
                        continue
                    rows = db_rows(db_path, session_id)
                    if any(status == "offered" for _, status, _ in rows) or outbox_waiting(db_path):
                        continue
                    tickets = sum(1 for _, status, _ in rows if status in ("registered", "cancelled"))
                    if sum(fake.qr.values()) >= tickets and sum(fake.ics.values()) >= tickets:
                        break
                result.wall = time.perf_counter() - started
                result.cpu_ms_per_registration = (bot.cpu_seconds() - cpu_before) * 1000 / max(1, len(crowd.registered))
            await asyncio.sleep(1.0)  # anything late (a duplicate) has time to show
            for task in crowd.tasks:
                task.cancel()
            await asyncio.gather(*crowd.tasks, return_exceptions=True)
        result.exit_code = bot.exit_code
        result.peak_rss_mb = bot.peak_kb / 1024
        result.log_errors = bot.log_errors()
        result.rows = db_rows(db_path, session_id)
        result.surge_s = max(crowd.last_registration, fake.last_ticket) - crowd.first_press
        result.rate_limited = fake.stats.rate_limited
        result.refused = len(fake.refused)
        result.announced = sum(fake.cards.values())
    return result


async def run_echo(args: argparse.Namespace, work: Path, presses: int) -> tuple[float, float, int | None]:
    """The echo bot under the same fake, answering as many presses (200 at a time): its peak RSS, the reference."""
    ids = list(range(FIRST_ID, FIRST_ID + args.residents))
    async with SurgeFake(set()) as fake:
        users = make_reachable(fake, ids)
        env = bot_env(fake, work / "echo.sqlite3")
        async with BotProcess(fake, env, work / "echo.log", ECHO) as echo:
            gate = asyncio.Semaphore(200)

            async def press(user: ScriptedUser) -> None:
                async with gate:
                    await user.press_data(user.chat_id, 1, "register", timeout=30)

            await asyncio.gather(*(press(users[uid]) for uid in ids[:presses]))
            idle = echo.idle_rss_kb / 1024
        return echo.peak_kb / 1024, idle, echo.exit_code


async def main(args: argparse.Namespace) -> int:
    out = Figures("surge")
    with workdir("surge-bench") as work:
        r = await run_bot(args, work)
        crowd, fake = r.crowd, r.fake
        presses = sum(len(v) for v in r.latencies.values())
        echo_peak, echo_idle, echo_exit = await run_echo(args, work, presses)

    out.section(
        f"[surge] {args.seeded} residents in the database, {args.residents} reachable get the announcement; "
        f"{PRESS_SHARE:.0%} press Register within {args.window:g} s, {CANCEL_SHARE:.0%} of those with a place cancel; "
        f"capacity {args.capacity}, BROADCAST_RATE={args.rate:g}, Telegram's limits on"
    )
    register = r.latencies.get("register", [])
    everything = [x for values in r.latencies.values() for x in values]
    p95 = percentile(register, 0.95)
    out.figure("presses of Register / of any button", f"{len(register)} / {presses}")
    out.figure("press → answer p50 (Register)", percentile(register, 0.5) * 1000, "ms", digits=0)
    out.figure("press → answer p95 (Register)", p95 * 1000, "ms", digits=0, target="< 1000 ms", met=p95 < 1.0)
    out.figure("press → answer p99 (Register)", percentile(register, 0.99) * 1000, "ms", digits=0)
    out.figure("press → answer max (Register)", max(register, default=float("nan")) * 1000, "ms", digits=0)
    out.figure("press → answer p95 (any button)", percentile(everything, 0.95) * 1000, "ms", digits=0)
    for label, values in (("press → confirmation", fake.confirmed), ("press → QR code (last ticket)", fake.ticketed)):
        out.figure(
            f"{label} p50 / p95 / max",
            " / ".join(f"{percentile(values, q) * 1000:.0f}" for q in (0.5, 0.95, 1.0)),
            "ms",
        )
    out.figure("registrations (first press and offers taken)", len(crowd.registered))
    out.figure("first press → last registration or ticket", r.surge_s, "s")
    out.figure("registrations per second (over that time)", len(crowd.registered) / max(r.surge_s, 1e-9), "/s")
    out.figure("announce → all settled", r.wall, "s")
    out.figure("bot CPU per registration (all work / registrations)", r.cpu_ms_per_registration, "ms", digits=2)
    out.table(
        ["bot", "echo"],
        [
            ("RSS after start-up, MB", [r.idle_rss_mb, echo_idle], ""),
            ("peak RSS (VmHWM), MB", [r.peak_rss_mb, echo_peak], ""),
        ],
    )
    delta = r.peak_rss_mb - echo_peak
    out.figure("peak RSS bot − echo", delta, "MB", target="≤ 40 MB", met=delta <= 40)
    out.figure("429 answers provoked", r.rate_limited)

    rows = r.rows
    status = {uid: s for uid, s, _ in rows}
    seq = {uid: n for uid, _, n in rows}
    counted = Counter(status.values())
    pressers = {uid for uid, plan in crowd.plans.items() if plan.press}
    out.note(f"registrations by status: {dict(counted)}")
    out.check(
        "every resident got the card once",
        r.announced == args.residents and max(fake.cards.values()) == 1,
        f"{r.announced} cards to {len(fake.cards)} residents",
    )
    out.check("no resident's script failed", not crowd.errors, "; ".join(crowd.errors[:3]))
    out.check("every press answered", not fake.pressed, f"{len(fake.pressed)} unanswered")
    out.check("everyone who pressed has a row", set(status) == pressers, f"{len(set(status) ^ pressers)} differ")
    got = set(crowd.registered)
    holding = {uid for uid, s in status.items() if s == "registered"}
    ticketed = {uid for uid in holding if fake.confirmations[uid] == fake.ics[uid] == fake.qr[uid] == 1}
    # Who gave the place up before the tickets went out gets none (the outbox sends them only to a registrant).
    gave_up = got - holding
    partial = {
        uid for uid in gave_up if fake.confirmations[uid] != 1 or fake.ics[uid] > 1 or fake.qr[uid] > fake.ics[uid]
    }
    extra = sum(1 for c in (fake.confirmations, fake.ics, fake.qr) for uid, n in c.items() if uid not in got and n)
    out.check(
        "each registration: one confirmation, .ics and QR (after a cancel: none or one each)",
        ticketed == holding and not partial and not extra,
        f"{len(holding - ticketed)} registered without exactly one set, {len(partial)} cancelled with more, "
        f"{extra} to people who never had a place; {sum(1 for u in gave_up if not fake.qr[u])} cancelled before "
        "their tickets",
    )
    in_db = {uid for uid, s in status.items() if s in ("registered", "cancelled")}
    out.check("places in the database = places answered", in_db == got, f"{len(in_db ^ got)} differ")
    demand = len(pressers) - len(crowd.cancelled)
    out.check(
        "capacity exact: registered == min(capacity, pressers − cancellations)",
        counted["registered"] == min(args.capacity, demand) and counted["offered"] == 0,
        f"{counted['registered']} registered, {counted['offered']} offers standing, expected "
        f"{min(args.capacity, demand)}",
    )
    queue = sorted(crowd.waitlisted, key=lambda uid: seq[uid])
    offered = set(crowd.offered)
    out.check(
        "offers went to the waitlist in its order",
        set(queue[: len(offered)]) == offered and all(status[u] == "waitlist" for u in queue[len(offered) :]),
        f"{len(offered)} offers over a waitlist of {len(queue)}",
    )
    out.check(
        "cancellations recorded",
        sum(1 for u in crowd.cancelled if status[u] == "cancelled") == len(crowd.cancelled),
        f"{len(crowd.cancelled)} cancelled",
    )
    out.check("no request refused by the fake (no 429)", r.refused == 0, f"{r.refused} refused")
    out.check(
        "clean exits (bot, echo), no error in the log",
        r.exit_code == 0 and echo_exit == 0 and not r.log_errors,
        f"bot {r.exit_code}, echo {echo_exit}, {r.log_errors} errors logged",
    )
    return out.finish(args.json)


def flags() -> argparse.ArgumentParser:
    result = parser(__doc__, profile=True)
    result.add_argument("--residents", type=int, default=5000, help="reachable, subscribed: get the announcement")
    result.add_argument("--seeded", type=int, default=100_000, help="residents in the database in all")
    result.add_argument("--ideas", type=int, default=2000, help="ideas in the data set")
    result.add_argument("--capacity", type=int, default=2000)
    result.add_argument("--rate", type=float, default=25.0, help="BROADCAST_RATE")
    result.add_argument("--seed", type=int, default=16)
    result.add_argument(
        "--window", type=float, default=60.0, help="seconds: a press within this of the card, a cancel of the place"
    )
    return result


if __name__ == "__main__":
    run(main, flags())
