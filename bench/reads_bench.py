"""Residents while an organizer reads heavily (issue 12.7): reply latency at 100 updates/s during /stats and exports.

Builds the data bench's database (bench/data_bench.py: 100,000 residents, 10,000 ideas, supports, a finished
broadcast), starts the real bot (`python -m bot`) against the fake Bot API, and has residents from that
database send /help at a steady 100 updates a second (open loop: each message is sent on time, whatever the
replies do). Two phases of equal length:

  quiet  – residents only;
  heavy  – meanwhile the superadmin runs /stats, then the residents export as XLSX, then the ideas as XLSX.

Prints p50/p95/max of "resident's message → bot's reply" per phase (target: p95 under 100 ms during the
heavy phase) and how long /stats and the exports took. Exit status 1 if a reply or a file does not come.

    .venv/bin/python bench/reads_bench.py [--residents 100000] [--rate 100] [--seconds 20]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for path in (ROOT, ROOT / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from data_bench import _env, _migrate, build_database  # noqa: E402
from load import ADMIN_ID, BenchFake, BotProcess, percentile  # noqa: E402

from tests.fake_telegram import ScriptedUser  # noqa: E402


async def ask(user: ScriptedUser, latencies: list[float], lost: list[int]) -> None:
    started = time.perf_counter()
    await user.send_command("/help")
    try:
        await user.expect_message(timeout=30)
    except AssertionError:
        lost.append(user.id)
        return
    latencies.append(time.perf_counter() - started)


async def residents_phase(users: list[ScriptedUser], rate: float, seconds: float, lost: list[int]) -> list[float]:
    latencies: list[float] = []
    tasks = []
    started = time.perf_counter()
    n = 0
    while (elapsed := time.perf_counter() - started) < seconds:
        due = n / rate
        if due > elapsed:
            await asyncio.sleep(due - elapsed)
        tasks.append(asyncio.create_task(ask(users[n % len(users)], latencies, lost)))
        n += 1
    await asyncio.gather(*tasks)
    return latencies


async def organizer_reads(admin: ScriptedUser, timings: dict[str, float]) -> None:
    started = time.perf_counter()
    await admin.send_command("/stats")
    await admin.expect_message(timeout=120)
    await admin.expect_message(timeout=120)  # the chart
    timings["/stats"] = time.perf_counter() - started
    for label in ("Жители · XLSX", "Идеи · XLSX"):
        await admin.send_command("/export")
        menu = await admin.expect_message(timeout=60)
        started = time.perf_counter()
        await admin.press(menu, label, timeout=120)
        document = await admin.expect_message(timeout=600)
        if document.kind != "document":
            raise AssertionError(f"export {label}: expected a document, got {document.summary()}")
        timings[f"export {label}"] = time.perf_counter() - started


def show(name: str, latencies: list[float]) -> float:
    p95 = percentile(latencies, 0.95) * 1000
    print(
        f"  {name:6} {len(latencies):5d} replies: p50 {percentile(latencies, 0.5) * 1000:6.1f} ms, "
        f"p95 {p95:6.1f} ms, max {max(latencies) * 1000:6.1f} ms"
    )
    return p95


async def main(args: argparse.Namespace) -> int:
    print(f"{os.cpu_count()} cores (nproc), Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="reads-bench-") as tmp:
        workdir = Path(tmp)
        db_path = workdir / "reads.sqlite3"
        await _migrate(db_path)
        seeded = build_database(db_path, args.residents, args.ideas)
        print(f"database: {seeded.residents} residents, {seeded.ideas} ideas, {seeded.size_mb:.0f} MB")
        fake = BenchFake()
        await fake.start(host="127.0.0.1", port=0)
        bot = BotProcess(fake, [sys.executable, "-m", "bot"], _env(fake, db_path), workdir / "bot.log")
        with sqlite3.connect(db_path) as conn:  # residents who get answers (not banned)
            ids = [r[0] for r in conn.execute("SELECT id FROM users WHERE banned_at IS NULL ORDER BY id LIMIT 200")]
        users = [fake.user(uid, first_name=f"Житель {uid}", language_code="ru") for uid in ids]
        admin = fake.user(ADMIN_ID, first_name="Ольга", language_code="ru")
        lost: list[int] = []
        timings: dict[str, float] = {}
        try:
            await bot.start()
            await residents_phase(users, args.rate, 2, lost)  # warm-up
            quiet = await residents_phase(users, args.rate, args.seconds, lost)
            reads = asyncio.create_task(organizer_reads(admin, timings))
            heavy = await residents_phase(users, args.rate, args.seconds, lost)
            while not reads.done():  # the exports outlast the phase: keep residents coming until they end
                heavy += await residents_phase(users, args.rate, 2, lost)
            await reads
        finally:
            await bot.stop()
            await fake.stop()
    print(f"\nresidents sending /help at {args.rate:g} updates/s ({args.residents} residents in the database)")
    show("quiet", quiet)
    p95 = show("heavy", heavy)
    for name, seconds in timings.items():
        print(f"  {name}: {seconds:.1f} s")
    print(f"  target p95 < 100 ms during the heavy reads: {'met' if p95 < 100 else 'MISSED'}")
    if lost:
        print(f"  LOST replies: {len(lost)}")
    return 1 if lost else 0


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--residents", type=int, default=100_000)
    parser.add_argument("--ideas", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=100.0)
    parser.add_argument("--seconds", type=float, default=20.0)
    return parser.parse_args()


if __name__ == "__main__":
    sys.exit(asyncio.run(main(parse_args())))
