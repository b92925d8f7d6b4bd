"""Sessions bench: the real bot (`python -m bot`) against the fake Bot API server.

Two runs, each on a fresh database of seeded residents (all reachable):
  1. register: N residents open a session's card by its deep link, then press Register, 200 at a time;
     how long until every one is registered (in the database) and has received the confirmation,
     the .ics file and the QR code. Telegram's limits (the fake's and the bot's own send budget,
     TELEGRAM_RATE=0) are off here: this measures the bot.
  2. reminders: N residents registered for a session whose reminder comes 3 s after start-up; the fake
     enforces Telegram's limits (30/s overall, burst 30) and BROADCAST_RATE=25: the achieved rate,
     measured in the fake from the first to the last reminder received (target ≥ 95 % of 25/s), and
     the 429 answers provoked (target 0).

    .venv/bin/python -m bench.session_bench                        # both runs, 5,000 residents each
    .venv/bin/python -m bench.session_bench --only register --residents 1000
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.harness import (
    BotProcess,
    Figures,
    QuietFake,
    bot_env,
    parser,
    percentile,
    run,
    workdir,
)
from bot.clock import to_iso
from fake_telegram import ScriptedUser
from fake_telegram.models import UploadedFile
from tests.support.seeding import add_session, seed_reachable

FIRST_ID = 700_000
REMINDER = "Напоминание"
PRESSING = 200


class TicketStampingFake(QuietFake):
    """The quiet fake, stamping reminders and tickets (the QR code, a registrant's last) as they reach residents."""

    def __init__(self) -> None:
        super().__init__()
        self.reminders: list[float] = []
        self.reminded: set[int] = set()
        self.duplicates = 0
        self.photos: list[float] = []

    def _send_message(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> dict[str, Any]:
        result = super()._send_message(params, files)
        if REMINDER in str(params.get("text", "")):
            chat_id = int(params["chat_id"])
            self.reminders.append(time.perf_counter())
            if chat_id in self.reminded:
                self.duplicates += 1
            self.reminded.add(chat_id)
        return result

    def _method_table(self) -> dict[str, Any]:
        table = super()._method_table()
        send_photo = table["sendPhoto"]

        def stamped(params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
            result = send_photo(params, files)
            self.photos.append(time.perf_counter())  # the QR code: the last of a registrant's tickets
            return result

        table["sendPhoto"] = stamped
        return table


def count_registered(db_path: Path, session_id: int) -> int:
    with sqlite3.connect(db_path, timeout=30) as conn:
        return int(
            conn.execute(
                "SELECT count(*) FROM registrations WHERE session_id = ? AND status = 'registered'", (session_id,)
            ).fetchone()[0]
        )


async def run_register(residents: int, work: Path) -> dict[str, float]:
    figures: dict[str, float] = {}
    async with TicketStampingFake() as fake:
        fake.rate_limit = False
        db_path = work / "register.sqlite3"
        users = await seed_reachable(fake, db_path, range(FIRST_ID, FIRST_ID + residents))
        session_id = add_session(db_path, title="Большой городской хакатон", capacity=0)
        # The bot's send budget off too, as in the load bench: the bot's cost is measured, not Telegram's limits.
        env = bot_env(fake, db_path, TELEGRAM_RATE="0")
        async with BotProcess(fake, env, work / "register.log") as bot:
            started = time.perf_counter()
            cards = await gather_limited([open_card(user, session_id) for user in users.values()], 200)
            figures["cards_s"] = time.perf_counter() - started
            cpu_before = bot.cpu_seconds()
            started = time.perf_counter()
            latencies: list[float] = []

            async def press(user: ScriptedUser, card: Any) -> Any:
                pressed = time.perf_counter()
                answer = await user.press(card, "Записаться", timeout=60)
                latencies.append(time.perf_counter() - pressed)
                return answer

            # PRESSING residents press at a time, each pressing as soon as the one before them got the answer:
            # a crowd, but not one that waits longer than Telegram lets a button press wait for its answer.
            presses = [press(user, card) for user, card in zip(users.values(), cards, strict=True)]
            answers = await gather_limited(presses, PRESSING)
            figures["answered_s"] = time.perf_counter() - started
            while count_registered(db_path, session_id) < residents or len(fake.photos) < residents:
                if time.perf_counter() - started > 600:
                    raise RuntimeError(f"only {count_registered(db_path, session_id)} registered after 600 s")
                await asyncio.sleep(0.05)
            figures["registered_s"] = time.perf_counter() - started
            figures["tickets_s"] = max(fake.photos) - started
            figures["answer_p50_ms"] = percentile(latencies, 0.5) * 1000
            figures["answer_p95_ms"] = percentile(latencies, 0.95) * 1000
            figures["cpu_ms_per_registration"] = (bot.cpu_seconds() - cpu_before) * 1000 / residents
            figures["refused"] = sum(1 for a in answers if not (a.text or "").startswith("✅"))
            figures["peak_rss_mb"] = bot.max_rss_kb / 1024
    return figures


async def open_card(user: ScriptedUser, session_id: int) -> Any:
    await user.send_command("/start", f"session_{session_id}")
    return await user.expect_message(timeout=300)


async def gather_limited(coros: list[Any], limit: int) -> list[Any]:
    gate = asyncio.Semaphore(limit)

    async def one(coro: Any) -> Any:
        async with gate:
            return await coro

    return await asyncio.gather(*(one(c) for c in coros))


async def run_reminders(residents: int, rate: float, work: Path) -> dict[str, float]:
    figures: dict[str, float] = {}
    async with TicketStampingFake() as fake:
        fake.rate_limit = True
        db_path = work / "reminders.sqlite3"
        ids = list(await seed_reachable(fake, db_path, range(FIRST_ID, FIRST_ID + residents)))
        start = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=2)
        session_id = add_session(db_path, title="Сессия «Двор мечты»", starts_at=start)
        now = to_iso(datetime.now(UTC))
        with sqlite3.connect(db_path) as conn:
            conn.executemany(
                "INSERT INTO registrations (session_id, user_id, status, seq, checkin_token, created_at, updated_at) "
                "VALUES (?, ?, 'registered', ?, ?, ?, ?)",
                [(session_id, uid, n, f"t{uid}", now, now) for n, uid in enumerate(ids, 1)],
            )
        # The reminder's moment: a few seconds after the bot is up (start-up itself takes seconds).
        offset = int((start - datetime.now(UTC)).total_seconds()) - 20
        env = bot_env(fake, db_path, REMINDER_OFFSETS=f"{offset}s", BROADCAST_RATE=str(rate))
        async with BotProcess(fake, env, work / "reminders.log") as bot:
            cpu_before = bot.cpu_seconds()
            started = time.perf_counter()
            while len(fake.reminded) < residents:
                if time.perf_counter() - started > residents / rate * 3 + 120:
                    raise RuntimeError(
                        f"only {len(fake.reminded)} reminders after {time.perf_counter() - started:.0f} s"
                    )
                await asyncio.sleep(0.1)
            stamps = fake.reminders
            figures["achieved_per_s"] = (len(stamps) - 1) / (stamps[-1] - stamps[0])
            figures["sending_s"] = stamps[-1] - stamps[0]
            figures["rate_limited"] = fake.stats.rate_limited
            figures["duplicates"] = fake.duplicates
            figures["cpu_ms_per_reminder"] = (bot.cpu_seconds() - cpu_before) * 1000 / residents
    return figures


async def main(args: argparse.Namespace) -> int:
    out = Figures("session")
    with workdir("session-bench") as work:
        if args.only in {"both", "register"}:
            r = await run_register(args.residents, work)
            out.section(f"[register] {args.residents} residents press Register, {PRESSING} at a time (limits off)")
            out.figure("opening the cards by deep link (setup)", r["cards_s"], "s", digits=2)
            out.figure("every press answered", r["answered_s"], "s", digits=2)
            out.figure("all registered, every ticket received", r["registered_s"], "s", digits=2)
            out.figure("registrations per second", args.residents / r["registered_s"], "/s", digits=0)
            out.figure("press → answer p50", r["answer_p50_ms"], "ms", digits=0)
            out.figure("press → answer p95", r["answer_p95_ms"], "ms", digits=0)
            out.figure("bot CPU per registration", r["cpu_ms_per_registration"], "ms", digits=2)
            out.figure("bot peak RSS", r["peak_rss_mb"], "MB")
            out.check("every press registered", r["refused"] == 0, f"{r['refused']:.0f} not registered")
        if args.only in {"both", "reminders"}:
            m = await run_reminders(args.residents, args.rate, work)
            target = 0.95 * args.rate
            out.section(f"[reminders] {args.residents} registrants, BROADCAST_RATE={args.rate:g}, fake limits on")
            out.figure(
                "achieved rate (first → last reminder)",
                m["achieved_per_s"],
                "msg/s",
                target=f"≥ {target:g}",
                met=m["achieved_per_s"] >= target,
            )
            out.figure("sending time", m["sending_s"], "s")
            out.figure("429 answers provoked", int(m["rate_limited"]), target="0", met=m["rate_limited"] == 0)
            out.figure("bot CPU per reminder", m["cpu_ms_per_reminder"], "ms", digits=2)
            out.check("no duplicate reminder", m["duplicates"] == 0, f"{m['duplicates']:.0f} duplicates")
    return out.finish(args.json)


def flags() -> argparse.ArgumentParser:
    result = parser(__doc__, only=("both", "register", "reminders"))
    result.add_argument("--residents", type=int, default=5000)
    result.add_argument("--rate", type=float, default=25.0)
    return result


if __name__ == "__main__":
    run(main, flags())
