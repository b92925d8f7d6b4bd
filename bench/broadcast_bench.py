"""Broadcast bench: the real bot (`python -m bot`) broadcasting through the fake Bot API server.

Two runs, each on a fresh database of seeded residents (all reachable):
  1. limited: the fake enforcing Telegram's limits (30 messages/s overall, burst 30; 1/s per chat) and
     BROADCAST_RATE=25: the achieved rate (target ≥ 95 % of 25/s) and the 429 answers provoked (target 0);
  2. fast: limits off and BROADCAST_RATE=1000 (what paid broadcasts allow), BROADCAST_IN_FLIGHT=1 by default:
     the achieved rate (target ≥ 900/s).

The achieved rate is measured inside the fake, from the first to the last copy a recipient received.
The organizer drives /broadcast like a person (tests/broadcast_helpers.py) and the run ends with the
bot's final report. Prints the figures; exit status 1 only if something breaks (a recipient without
exactly one copy).

    .venv/bin/python -m bench.broadcast_bench                     # both runs, 3,000 recipients each
    .venv/bin/python -m bench.broadcast_bench --only fast --recipients 10000 [--in-flight 4]

``--profile`` samples the bot with py-spy (``PROFILE_FAKE=1`` in the environment: this process instead).
"""

from __future__ import annotations

import argparse
import os
import time
from dataclasses import dataclass
from pathlib import Path

from bench.harness import (
    BotProcess,
    CopyStampingFake,
    Figures,
    bot_env,
    organizer,
    parser,
    py_spy,
    run,
    workdir,
)
from fake_telegram import RateLimits
from tests.support.broadcast import compose, send_to_all
from tests.support.seeding import seed_reachable

FIRST_ID = 500_000


@dataclass
class RunResult:
    name: str
    recipients: int
    rate_set: float
    limits: bool
    achieved: float = 0.0
    wall: float = 0.0
    rate_limited: int = 0
    duplicates: int = 0
    delivered: int = 0
    cpu_ms_per_message: float = 0.0
    fake_cpu_ms_per_message: float = 0.0
    report: str = ""


async def broadcast(
    name: str, recipients: int, rate: float, limits: bool, work: Path, profile: bool = False, in_flight: int = 1
) -> RunResult:
    result = RunResult(name, recipients, rate, limits)
    async with CopyStampingFake() as fake:
        fake.rate_limit = limits
        # The organizer's own dialogue sends 4 messages to one chat within a fraction of a second (the scripted
        # organizer answers instantly); Telegram tolerates such short bursts, the fake's default burst of 3 does
        # not. The global limit, which is what this bench is about, stays at Telegram's 30/s with a burst of 30.
        fake.rate_limits = RateLimits(chat_burst=5)
        db_path = work / f"{name}.sqlite3"
        await seed_reachable(fake, db_path, range(FIRST_ID, FIRST_ID + recipients))
        env = bot_env(
            fake,
            db_path,
            BROADCAST_RATE=str(rate),
            BROADCAST_IN_FLIGHT=str(in_flight),
            BROADCAST_PAID="true" if rate > 30 else "false",
        )
        admin = organizer(fake)
        async with BotProcess(fake, env, work / f"{name}.log") as bot:
            audience = await compose(admin)
            spied = (os.getpid() if os.environ.get("PROFILE_FAKE") else bot.pid) if profile else None
            async with py_spy(spied, work / f"{name}.pyspy.txt"):
                cpu_before = bot.cpu_seconds()
                own_before = time.process_time()
                started = time.perf_counter()
                await send_to_all(admin, audience, expected=recipients)
                report = await admin.expect_message(timeout=recipients / rate * 3 + 60)
                result.wall = time.perf_counter() - started
                cpu = bot.cpu_seconds() - cpu_before
                result.fake_cpu_ms_per_message = (time.process_time() - own_before) * 1000 / max(1, len(fake.stamps))
        result.report = report.text or ""
        result.delivered = len(fake.recipients)
        result.duplicates = fake.duplicates
        result.achieved = fake.achieved_rate()
        result.rate_limited = fake.stats.rate_limited
        result.cpu_ms_per_message = cpu * 1000 / max(1, len(fake.stamps))
    return result


def show(out: Figures, r: RunResult) -> None:
    target = 0.95 * r.rate_set if r.limits else 900.0
    out.section(
        f"[{r.name}] {r.recipients} recipients, BROADCAST_RATE={r.rate_set:g}, fake limits {'on' if r.limits else 'off'}"
    )
    out.figure(
        "achieved rate (first → last copy)", r.achieved, "msg/s", target=f"≥ {target:g}", met=r.achieved >= target
    )
    out.figure("wall time (confirm → report)", r.wall, "s", digits=2)
    if r.limits:
        out.figure("429 answers provoked", r.rate_limited, target="0", met=r.rate_limited == 0)
    else:
        out.figure("429 answers", r.rate_limited)
    out.figure("bot CPU per message", r.cpu_ms_per_message, "ms", digits=2)
    out.figure("fake server (this process) CPU per message", r.fake_cpu_ms_per_message, "ms", digits=2)
    out.note(f"report: {r.report}")
    out.check(
        "every recipient got exactly one copy",
        r.delivered == r.recipients and not r.duplicates,
        f"{r.delivered} of {r.recipients} reached, {r.duplicates} duplicates",
    )


async def main(args: argparse.Namespace) -> int:
    out = Figures("broadcast")
    with workdir("broadcast-bench") as work:
        if args.only in {"both", "limited"}:
            show(out, await broadcast("limited", args.recipients, 25.0, True, work, args.profile))
        if args.only in {"both", "fast"}:
            show(out, await broadcast("fast", args.recipients, 1000.0, False, work, args.profile, args.in_flight))
    return out.finish(args.json)


def flags() -> argparse.ArgumentParser:
    result = parser(__doc__, only=("both", "limited", "fast"), profile=True)
    result.add_argument("--recipients", type=int, default=3000)
    result.add_argument(
        "--in-flight", type=int, default=1, help="BROADCAST_IN_FLIGHT for the fast run (1: the crash guarantee)"
    )
    return result


if __name__ == "__main__":
    run(main, flags())
