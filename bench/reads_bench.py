"""Residents while an organizer reads heavily: reply latency at 100 updates/s during /stats and exports.

Builds the organizers' data set (as bench/data_bench.py: 100,000 residents, 10,000 ideas, supports, a finished
broadcast), starts the real bot (`python -m bot`) against the fake Bot API, and has residents from that
database send /help at a steady 100 updates a second (open loop: each message is sent on time, whatever the
replies do). Two phases of equal length:

  quiet  – residents only;
  heavy  – meanwhile the superadmin runs /stats, then the residents export as XLSX, then the ideas as XLSX.

Prints p50/p95/max of "resident's message → bot's reply" per phase (target: p95 under 100 ms during the
heavy phase) and how long /stats and the exports took. Exit status 1 if a reply or a file does not come.

    .venv/bin/python -m bench.reads_bench [--residents 100000] [--ideas 10000] [--rate 100] [--seconds 20]
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import time

from bench.harness import (
    BotProcess,
    Figures,
    QuietFake,
    bot_env,
    data_set,
    organizer,
    parser,
    percentile,
    run,
    workdir,
)
from fake_telegram import ScriptedUser

SETTINGS = {"REQUEST_TIMEOUT": "60", "TELEGRAM_RATE": "0"}  # as the data bench


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


def show(out: Figures, name: str, latencies: list[float], target_ms: float | None = None) -> None:
    p95 = percentile(latencies, 0.95) * 1000
    out.figure(f"{name}: replies", len(latencies))
    out.figure(f"{name}: p50", percentile(latencies, 0.5) * 1000, "ms")
    if target_ms is None:
        out.figure(f"{name}: p95", p95, "ms")
    else:
        out.figure(f"{name}: p95", p95, "ms", target=f"< {target_ms:g} ms", met=p95 < target_ms)
    out.figure(f"{name}: max", max(latencies) * 1000, "ms")


async def main(args: argparse.Namespace) -> int:
    out = Figures("reads")
    lost: list[int] = []
    timings: dict[str, float] = {}
    with workdir("reads-bench") as work:
        db_path = work / "reads.sqlite3"
        await data_set(db_path, args.residents, args.ideas)
        with sqlite3.connect(db_path) as conn:  # residents who get answers (not banned)
            ids = [r[0] for r in conn.execute("SELECT id FROM users WHERE banned_at IS NULL ORDER BY id LIMIT 200")]
        async with QuietFake() as fake:
            users = [fake.user(uid, first_name=f"Житель {uid}", language_code="ru") for uid in ids]
            admin = organizer(fake)
            async with BotProcess(fake, bot_env(fake, db_path, **SETTINGS), work / "bot.log"):
                await residents_phase(users, args.rate, 2, lost)  # warm-up
                quiet = await residents_phase(users, args.rate, args.seconds, lost)
                reads = asyncio.create_task(organizer_reads(admin, timings))
                heavy = await residents_phase(users, args.rate, args.seconds, lost)
                while not reads.done():  # the exports outlast the phase: keep residents coming until they end
                    heavy += await residents_phase(users, args.rate, 2, lost)
                await reads
    out.section(f"residents sending /help at {args.rate:g} updates/s ({args.residents} residents in the database)")
    show(out, "quiet", quiet)
    show(out, "heavy", heavy, target_ms=100)
    for name, seconds in timings.items():
        out.figure(name, seconds, "s")
    out.check("every resident got a reply", not lost, f"{len(lost)} lost")
    return out.finish(args.json)


def flags() -> argparse.ArgumentParser:
    result = parser(__doc__)
    result.add_argument("--residents", type=int, default=100_000)
    result.add_argument("--ideas", type=int, default=10_000)
    result.add_argument("--rate", type=float, default=100.0)
    result.add_argument("--seconds", type=float, default=20.0)
    return result


if __name__ == "__main__":
    run(main, flags())
