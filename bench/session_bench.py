"""Sessions bench: the real bot (`python -m bot`) against the fake Bot API server.

Two runs, each on a fresh database of seeded residents (all reachable):
  1. register: N residents open a session's card by its deep link, then press Register, 200 at a time;
     how long until every one is registered (in the database) and has received the confirmation,
     the .ics file and the QR code. The fake's limits are off here: this measures the bot.
  2. reminders: N residents registered for a session whose reminder comes 3 s after start-up; the fake
     enforces Telegram's limits (30/s overall, burst 30) and BROADCAST_RATE=25: the achieved rate,
     measured in the fake from the first to the last reminder received (target ≥ 95 % of 25/s), and
     the 429 answers provoked (target 0).

    .venv/bin/python bench/session_bench.py                        # both runs, 5,000 residents each
    .venv/bin/python bench/session_bench.py --only register --residents 1000
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
for path in (ROOT, ROOT / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from load import ADMIN_ID, BOT_ID, TOKEN, BotProcess, cpu_seconds  # noqa: E402

from bot.clock import to_iso  # noqa: E402
from tests.broadcast_helpers import Resident, make_reachable, seed_residents  # noqa: E402
from tests.fake_telegram import FakeTelegram, ScriptedUser  # noqa: E402
from tests.fake_telegram.models import UploadedFile  # noqa: E402
from tests.session_helpers import add_session  # noqa: E402

FIRST_ID = 700_000
REMINDER = "Напоминание"
PRESSING = 200


class StampingFake(FakeTelegram):
    """The fake without request recording; stamps reminders and tickets as they reach residents."""

    def __init__(self) -> None:
        super().__init__(
            token=TOKEN,
            bot_id=BOT_ID,
            bot_username="ideas_bot",
            bot_first_name="Ideas",
            record_requests=False,
            validate_updates=False,
        )
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


def env_for(fake: FakeTelegram, db_path: Path, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "BOT_TOKEN": TOKEN,
        "ADMIN_IDS": str(ADMIN_ID),
        "DATABASE_PATH": str(db_path),
        "TELEGRAM_API_URL": fake.base_url,
        "POLLING_TIMEOUT": "10",
        "REQUEST_TIMEOUT": "30",
        "LOG_LEVEL": "WARNING",
        "FLOOD_LIMIT": "0",  # simulated people write faster than people do
        "PYTHONDONTWRITEBYTECODE": "1",
        **extra,
    }


def count_registered(db_path: Path, session_id: int) -> int:
    with sqlite3.connect(db_path, timeout=30) as conn:
        return int(
            conn.execute(
                "SELECT count(*) FROM registrations WHERE session_id = ? AND status = 'registered'", (session_id,)
            ).fetchone()[0]
        )


async def run_register(residents: int, workdir: Path) -> dict[str, float]:
    fake = StampingFake()
    fake.rate_limit = False
    await fake.start(host="127.0.0.1", port=0)
    db_path = workdir / "register.sqlite3"
    ids = list(range(FIRST_ID, FIRST_ID + residents))
    await seed_residents(db_path, [Resident(i) for i in ids])
    users = make_reachable(fake, ids)
    session_id = add_session(db_path, title="Большой городской хакатон", capacity=0)
    bot = BotProcess(fake, [sys.executable, "-m", "bot"], env_for(fake, db_path), workdir / "register.log")
    figures: dict[str, float] = {}
    try:
        await bot.start()
        started = time.perf_counter()
        cards = await gather_limited([open_card(users[i], session_id) for i in ids], 200)
        figures["cards_s"] = time.perf_counter() - started
        cpu_before = cpu_seconds(bot.pid)
        started = time.perf_counter()
        latencies: list[float] = []

        async def press(user: ScriptedUser, card: Any) -> Any:
            pressed = time.perf_counter()
            answer = await user.press(card, "Записаться", timeout=60)
            latencies.append(time.perf_counter() - pressed)
            return answer

        # PRESSING residents press at a time, each pressing as soon as the one before them got the answer:
        # a crowd, but not one that waits longer than Telegram lets a button press wait for its answer.
        answers = await gather_limited([press(users[i], card) for i, card in zip(ids, cards, strict=True)], PRESSING)
        figures["answered_s"] = time.perf_counter() - started
        while count_registered(db_path, session_id) < residents or len(fake.photos) < residents:
            if time.perf_counter() - started > 600:
                raise RuntimeError(f"only {count_registered(db_path, session_id)} registered after 600 s")
            await asyncio.sleep(0.05)
        figures["registered_s"] = time.perf_counter() - started
        figures["tickets_s"] = max(fake.photos) - started
        latencies.sort()
        figures["answer_p50_ms"] = latencies[len(latencies) // 2] * 1000
        figures["answer_p95_ms"] = latencies[int(len(latencies) * 0.95)] * 1000
        figures["cpu_ms_per_registration"] = (cpu_seconds(bot.pid) - cpu_before) * 1000 / residents
        figures["refused"] = sum(1 for a in answers if not (a.text or "").startswith("✅"))
        figures["peak_rss_mb"] = bot.max_rss_kb / 1024
    finally:
        await bot.stop()
        await fake.stop()
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


async def run_reminders(residents: int, rate: float, workdir: Path) -> dict[str, float]:
    fake = StampingFake()
    fake.rate_limit = True
    await fake.start(host="127.0.0.1", port=0)
    db_path = workdir / "reminders.sqlite3"
    ids = list(range(FIRST_ID, FIRST_ID + residents))
    await seed_residents(db_path, [Resident(i) for i in ids])
    make_reachable(fake, ids)
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=2)
    session_id = add_session(db_path, title="Сессия «Двор мечты»", starts_at=start)
    now = to_iso(datetime.now(UTC))
    with sqlite3.connect(db_path) as conn:
        conn.executemany(
            "INSERT INTO registrations (session_id, user_id, status, seq, checkin_token, created_at, updated_at) "
            "VALUES (?, ?, 'registered', ?, ?, ?, ?)",
            [(session_id, uid, n, f"t{uid}", now, now) for n, uid in enumerate(ids, 1)],
        )
    figures: dict[str, float] = {}
    bot = BotProcess(fake, [sys.executable, "-m", "bot"], env_for(fake, db_path), workdir / "reminders.log")
    try:
        # The reminder's moment: a few seconds after the bot is up (start-up itself takes seconds).
        offset = int((start - datetime.now(UTC)).total_seconds()) - 20
        bot.env["REMINDER_OFFSETS"] = f"{offset}s"
        bot.env["BROADCAST_RATE"] = str(rate)
        await bot.start()
        cpu_before = cpu_seconds(bot.pid)
        started = time.perf_counter()
        while len(fake.reminded) < residents:
            if time.perf_counter() - started > residents / rate * 3 + 120:
                raise RuntimeError(f"only {len(fake.reminded)} reminders after {time.perf_counter() - started:.0f} s")
            await asyncio.sleep(0.1)
        stamps = fake.reminders
        figures["achieved_per_s"] = (len(stamps) - 1) / (stamps[-1] - stamps[0])
        figures["sending_s"] = stamps[-1] - stamps[0]
        figures["rate_limited"] = fake.stats.rate_limited
        figures["duplicates"] = fake.duplicates
        figures["cpu_ms_per_reminder"] = (cpu_seconds(bot.pid) - cpu_before) * 1000 / residents
    finally:
        await bot.stop()
        await fake.stop()
    return figures


async def main(args: argparse.Namespace) -> int:
    print(f"{os.cpu_count()} cores (nproc), Python {sys.version.split()[0]}, {args.residents} residents")
    broken = False
    with tempfile.TemporaryDirectory(prefix="session-bench-") as tmp:
        workdir = Path(tmp)
        if args.only in {"both", "register"}:
            r = await run_register(args.residents, workdir)
            print(f"\n[register] {args.residents} residents press Register, {PRESSING} at a time (fake limits off)")
            print(f"  opening the cards by deep link (setup)     {r['cards_s']:8.2f} s")
            print(f"  every press answered                       {r['answered_s']:8.2f} s")
            print(
                f"  all registered in the database + tickets   {r['registered_s']:8.2f} s "
                f"({args.residents / r['registered_s']:.0f} registrations/s)"
            )
            print(
                f"  press → answer p50 / p95                   {r['answer_p50_ms']:8.0f} / {r['answer_p95_ms']:.0f} ms"
            )
            print(f"  bot CPU per registration                   {r['cpu_ms_per_registration']:8.2f} ms")
            print(f"  presses not registered                     {r['refused']:8.0f}")
            print(f"  bot peak RSS                               {r['peak_rss_mb']:8.1f} MB")
            broken |= r["refused"] > 0
        if args.only in {"both", "reminders"}:
            m = await run_reminders(args.residents, args.rate, workdir)
            target = 0.95 * args.rate
            print(f"\n[reminders] {args.residents} registrants, BROADCAST_RATE={args.rate:g}, fake limits on")
            print(
                f"  achieved rate (first → last reminder)      {m['achieved_per_s']:8.1f} msg/s   target ≥ {target:g}: "
                f"{'met' if m['achieved_per_s'] >= target else 'MISSED'}"
            )
            print(f"  sending time                               {m['sending_s']:8.1f} s")
            print(
                f"  429 answers provoked                       {m['rate_limited']:8.0f}       target 0: "
                f"{'met' if m['rate_limited'] == 0 else 'MISSED'}"
            )
            print(f"  duplicates                                 {m['duplicates']:8.0f}")
            print(f"  bot CPU per reminder                       {m['cpu_ms_per_reminder']:8.2f} ms")
            broken |= m["duplicates"] > 0
    return 1 if broken else 0


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--residents", type=int, default=5000)
    parser.add_argument("--rate", type=float, default=25.0)
    parser.add_argument("--only", choices=("both", "register", "reminders"), default="both")
    return parser.parse_args()


if __name__ == "__main__":
    sys.exit(asyncio.run(main(parse_args())))
