"""Delivery under faults (issue 12): the real bot (`python -m bot`) broadcasting through the fake Bot API.

Two runs, each on a fresh database of seeded residents, with the fake enforcing Telegram's limits
and BROADCAST_RATE=25 (the production setting):
  1. outage: 800 recipients; after 300 copies Telegram becomes unreachable for 15 s (connections
     refused, open ones cut). Target: 0 lost, ≤ 1 unknown.
  2. faults: 1,000 recipients; 5 % of copies answered 500, 1 % delivered but answered after the
     bot's request timeout. Target: 0 lost, unknowns ≤ the timeouts, offered for resend.

"Lost" is a recipient who got no copy and is not counted "unknown" (so not offered for resend).
Prints the figures; exit status 1 if a target is missed.

    .venv/bin/python bench/delivery_bench.py
    .venv/bin/python bench/delivery_bench.py --only outage --outage 30
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

from broadcast_bench import StampingFake  # noqa: E402
from load import ADMIN_ID, TOKEN, BotProcess  # noqa: E402

from tests.broadcast_helpers import Resident, compose, make_reachable, seed_residents, send_to_all  # noqa: E402
from tests.fake_telegram import RateLimits  # noqa: E402

FIRST_ID = 600_000
REQUEST_TIMEOUT = 5


async def run(name: str, recipients: int, workdir: Path, outage: float) -> bool:
    fake = StampingFake()
    fake.rate_limit = True
    fake.rate_limits = RateLimits(chat_burst=5)  # the scripted organizer answers faster than a person
    await fake.start(host="127.0.0.1", port=0)
    db_path = workdir / f"{name}.sqlite3"
    ids = list(range(FIRST_ID, FIRST_ID + recipients))
    await seed_residents(db_path, [Resident(i) for i in ids])
    make_reachable(fake, ids)
    env = {
        **os.environ,
        "BOT_TOKEN": TOKEN,
        "ADMIN_IDS": str(ADMIN_ID),
        "DATABASE_PATH": str(db_path),
        "TELEGRAM_API_URL": fake.base_url,
        "POLLING_TIMEOUT": "10",
        "REQUEST_TIMEOUT": str(REQUEST_TIMEOUT),
        "LOG_LEVEL": "WARNING",
        "FLOOD_LIMIT": "0",
        "BACKUP_TIME": "",
        "BROADCAST_RATE": "25",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    bot = BotProcess(fake, [sys.executable, "-m", "bot"], env, workdir / f"{name}.log")
    organizer = fake.user(ADMIN_ID, first_name="Ольга", language_code="ru")
    paused = 0.0
    try:
        await bot.start()
        audience = await compose(organizer)
        if name == "faults":
            fake.fail_randomly(
                "copyMessage", {"500": 0.05, "timeout": 0.01}, seed=7, delay=REQUEST_TIMEOUT + 1, deliver=True
            )
        started = time.perf_counter()
        await send_to_all(organizer, audience, expected=recipients)
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
            print(f"\n[outage] Telegram down {back - down:.1f} s; first copy after it {fake.stamps[before] - back:.1f} s later")
        report = await organizer.expect_message(timeout=recipients / 25 * 3 + 180)
        wall = time.perf_counter() - started
        fake.clear_faults()
    finally:
        await bot.stop()
        await fake.stop()
    with sqlite3.connect(db_path) as conn:
        statuses = dict(conn.execute("SELECT user_id, status FROM deliveries WHERE broadcast_id = 1").fetchall())
    unknown = {u for u, s in statuses.items() if s == "unknown"}
    lost = [u for u in ids if u not in fake.recipients and u not in unknown]
    timeouts = sum(1 for r in fake.refused if r.method == "copyMessage" and r.error == "timeout (delivered)")
    errors = sum(1 for r in fake.refused if r.method == "copyMessage" and r.error_code == 500)
    print(f"\n[{name}] {recipients} recipients, BROADCAST_RATE=25, Telegram's limits on")
    if name == "faults":
        print(f"  injected: {errors} × 500, {timeouts} timeouts after the request left (delivered)")
    else:
        print(f"  sending paused for {paused:.1f} s (outage {outage:g} s)")
    print(f"  reached {len(fake.recipients)}, lost {len(lost)}, unknown {len(unknown)}, duplicates {fake.duplicates}")
    print(f"  429 answers provoked {fake.stats.rate_limited}; wall time (confirm → report) {wall:.1f} s")
    print(f"  report: {report.text!r}; buttons {report.buttons}")
    limit = 1 if name == "outage" else timeouts
    ok = not lost and len(unknown) <= limit and fake.duplicates == 0
    print(f"  target 0 lost, ≤ {limit} unknown, 0 duplicates: {'met' if ok else 'MISSED'}")
    return ok


async def main(args: argparse.Namespace) -> int:
    print(f"{os.cpu_count()} cores (nproc), Python {sys.version.split()[0]}")
    ok = True
    with tempfile.TemporaryDirectory(prefix="delivery-bench-") as tmp:
        if args.only in {"both", "outage"}:
            ok &= await run("outage", 800, Path(tmp), args.outage)
        if args.only in {"both", "faults"}:
            ok &= await run("faults", 1000, Path(tmp), 0)
    return 0 if ok else 1


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", choices=("both", "outage", "faults"), default="both")
    parser.add_argument("--outage", type=float, default=15.0, help="seconds Telegram is unreachable")
    return parser.parse_args()


if __name__ == "__main__":
    sys.exit(asyncio.run(main(parse_args())))
