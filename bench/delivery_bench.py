"""Delivery when Telegram stumbles: the real bot (`python -m bot`) broadcasting through the fake Bot API.

Two runs, each on a fresh database of seeded residents, with the fake enforcing Telegram's limits
and BROADCAST_RATE=25 (the production setting):
  1. outage: 800 recipients; after 300 copies Telegram becomes unreachable for 15 s (connections
     refused, open ones cut). Target: 0 lost, ≤ 1 unknown.
  2. faults: 1,000 recipients; 5 % of copies answered 500, 1 % delivered but answered after the
     bot's request timeout. Target: 0 lost, unknowns ≤ the timeouts, offered for resend.

"Lost" is a recipient who got no copy and is not counted "unknown" (so not offered for resend).
Prints the figures; exit status 1 if a target is missed.

    .venv/bin/python -m bench.delivery_bench                # both runs, about 3 minutes
    .venv/bin/python -m bench.delivery_bench --only outage --outage 30
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import time
from pathlib import Path

from bench.harness import (
    BotProcess,
    CopyStampingFake,
    Figures,
    bot_env,
    organizer,
    parser,
    run,
    workdir,
)
from fake_telegram import RateLimits
from tests.support.broadcast import compose, send_to_all
from tests.support.seeding import seed_reachable

FIRST_ID = 600_000
REQUEST_TIMEOUT = 5


async def deliver(out: Figures, name: str, recipients: int, work: Path, outage: float) -> None:
    paused = resumed = 0.0
    async with CopyStampingFake() as fake:
        fake.rate_limit = True
        fake.rate_limits = RateLimits(chat_burst=5)  # the scripted organizer answers faster than a person
        db_path = work / f"{name}.sqlite3"
        ids = list(await seed_reachable(fake, db_path, range(FIRST_ID, FIRST_ID + recipients)))
        env = bot_env(fake, db_path, REQUEST_TIMEOUT=str(REQUEST_TIMEOUT), BROADCAST_RATE="25")
        admin = organizer(fake)
        async with BotProcess(fake, env, work / f"{name}.log"):
            audience = await compose(admin)
            if name == "faults":
                fake.fail_randomly(
                    "copyMessage", {"500": 0.05, "timeout": 0.01}, seed=7, delay=REQUEST_TIMEOUT + 1, deliver=True
                )
            started = time.perf_counter()
            await send_to_all(admin, audience, expected=recipients)
            if name == "outage":
                await fake.wait_for_request("copyMessage", after=300, timeout=120)
                await fake.go_offline()
                down = time.perf_counter()
                await asyncio.sleep(outage)
                await fake.go_online()
                back = time.perf_counter()
                before = len(fake.stamps)
                while len(fake.stamps) == before:
                    await fake.wait_for_request("copyMessage", after=fake.count_requests("copyMessage"), timeout=120)
                paused = fake.stamps[before] - down
                resumed = fake.stamps[before] - back
            report = await admin.expect_message(timeout=recipients / 25 * 3 + 180)
            wall = time.perf_counter() - started
            fake.clear_faults()
    with sqlite3.connect(db_path) as conn:
        statuses = dict(conn.execute("SELECT user_id, status FROM deliveries WHERE broadcast_id = 1").fetchall())
    unknown = {u for u, s in statuses.items() if s == "unknown"}
    lost = [u for u in ids if u not in fake.recipients and u not in unknown]
    timeouts = sum(1 for r in fake.refused if r.method == "copyMessage" and r.error == "timeout (delivered)")
    errors = sum(1 for r in fake.refused if r.method == "copyMessage" and r.error_code == 500)
    out.section(f"[{name}] {recipients} recipients, BROADCAST_RATE=25, Telegram's limits on")
    if name == "faults":
        out.figure("injected 500 answers", errors)
        out.figure("injected timeouts (delivered)", timeouts)
    else:
        out.figure("Telegram unreachable", outage, "s")
        out.figure("sending paused", paused, "s")
        out.figure("first copy after Telegram answered again", resumed, "s")
    out.figure("reached", len(fake.recipients))
    out.figure("lost", len(lost))
    out.figure("unknown (offered for resend)", len(unknown))
    out.figure("duplicates", fake.duplicates)
    out.figure("429 answers provoked", fake.stats.rate_limited)
    out.figure("wall time (confirm → report)", wall, "s")
    out.note(f"report: {report.text!r}; buttons {report.buttons}")
    limit = 1 if name == "outage" else timeouts
    out.check(
        f"{name}: 0 lost, ≤ {limit} unknown, 0 duplicates",
        not lost and len(unknown) <= limit and fake.duplicates == 0,
        f"{len(lost)} lost, {len(unknown)} unknown, {fake.duplicates} duplicates",
    )


async def main(args: argparse.Namespace) -> int:
    out = Figures("delivery")
    with workdir("delivery-bench") as work:
        if args.only in {"both", "outage"}:
            await deliver(out, "outage", 800, work, args.outage)
        if args.only in {"both", "faults"}:
            await deliver(out, "faults", 1000, work, 0)
    return out.finish(args.json)


def flags() -> argparse.ArgumentParser:
    result = parser(__doc__, only=("both", "outage", "faults"))
    result.add_argument("--outage", type=float, default=15.0, help="seconds Telegram is unreachable")
    return result


if __name__ == "__main__":
    run(main, flags())
