"""Residents during a broadcast: the real bot (`python -m bot`) against the fake Bot API with Telegram's
limits on (30 messages/s overall, about 1/s per chat, 20/min per group).

An organizer starts a broadcast to 2,000 residents; meanwhile 200 new residents arrive (one every
0.4 s), go through onboarding and send an idea each, to one of four curators' groups. The bot runs
with its shared send budget (TELEGRAM_RATE=28) and BROADCAST_RATE=25 as a ceiling.

Figures: residents answered (every step of every flow within the scripted person's patience), the
p50/p95 of a reply, duplicate ideas, cards posted (the groups allow 20 a minute each, so the last
cards come minutes later), requests Telegram refused, 429s provoked (target 0), the broadcast's rate
and duration. Exit status 1 if something is lost or refused.

    .venv/bin/python -m bench.mixed_bench
    .venv/bin/python -m bench.mixed_bench --residents 50 --recipients 500
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
    percentile,
    run,
    workdir,
)
from fake_telegram import RateLimits, ScriptedGroup
from tests.support.broadcast import compose, send_to_all
from tests.support.scenarios import curator_chats, newcomer_with_idea
from tests.support.seeding import seed_reachable

ACTIONS = 10  # /start, consent, territory, subscriptions done, /idea, text, photos, place, direction, send
FIRST_RECIPIENT = 700_000
FIRST_RESIDENT = 900_000


def posted_cards(groups: list[ScriptedGroup]) -> int:
    return sum(1 for g in groups for m in g.inbox if m.text and m.text.startswith("Идея №\u00a0"))


async def resident_flow(fake: CopyStampingFake, n: int, latencies: list[float], failures: list[str]) -> None:
    started = time.perf_counter()
    try:
        await newcomer_with_idea(fake, FIRST_RESIDENT + n, n)
    except AssertionError as exc:
        failures.append(f"resident {n}: {str(exc)[:300]}")
        return
    latencies.append((time.perf_counter() - started) / ACTIONS)


async def mixed(out: Figures, args: argparse.Namespace, work: Path) -> None:
    latencies: list[float] = []
    failures: list[str] = []
    async with CopyStampingFake() as fake:
        fake.rate_limit = True
        fake.rate_limits = RateLimits()  # Telegram's: 30/s overall (burst 30), 1/s per chat (burst 3), 20/min per group
        db_path = work / "mixed.sqlite3"
        await seed_reachable(fake, db_path, range(FIRST_RECIPIENT, FIRST_RECIPIENT + args.recipients))
        env = bot_env(fake, db_path, BROADCAST_RATE="25", TELEGRAM_RATE="28")
        admin = organizer(fake)
        async with BotProcess(fake, env, work / "mixed.log"):
            groups = await curator_chats(fake, admin, -100_900)
            audience = await compose(admin)
            started = time.perf_counter()
            await send_to_all(admin, audience, expected=args.recipients)
            flows = []
            for n in range(args.residents):
                flows.append(asyncio.create_task(resident_flow(fake, n, latencies, failures)))
                await asyncio.sleep(args.arrival)
            await asyncio.gather(*flows)
            residents_done = time.perf_counter() - started
            report = await admin.expect_message(timeout=args.recipients / 25 * 4 + 300)
            broadcast_wall = time.perf_counter() - started
            deadline = time.perf_counter() + args.residents / 4 / 20 * 60 * 1.5 + 60
            while posted_cards(groups) < args.residents and time.perf_counter() < deadline:
                await fake.wait_for_request("sendMessage", after=fake.count_requests("sendMessage"), timeout=60)
            cards_wall = time.perf_counter() - started
    with sqlite3.connect(db_path) as conn:
        ideas = conn.execute("SELECT author_id, count(*) FROM ideas GROUP BY author_id").fetchall()
        outbox = dict(conn.execute("SELECT status, count(*) FROM outbox GROUP BY status").fetchall())
    duplicates = sum(n - 1 for _, n in ideas)
    cards = posted_cards(groups)
    refused = [r for r in fake.refused if r.error_code != 429]
    out.section(f"{args.residents} residents (one every {args.arrival:g} s) during a broadcast to {args.recipients}")
    out.figure("residents answered through their whole flow", args.residents - len(failures))
    out.figure(f"s per step (flow time / {ACTIONS} actions), p50", percentile(latencies, 0.5), "s", digits=2)
    out.figure(f"s per step (flow time / {ACTIONS} actions), p95", percentile(latencies, 0.95), "s", digits=2)
    out.figure("ideas", len(ideas))
    out.figure("duplicate ideas", duplicates)
    out.figure("cards posted", cards)
    out.figure("last card posted, after the broadcast began", cards_wall, "s", digits=0)
    out.note(f"outbox {outbox}")
    out.figure("requests Telegram refused (not 429)", len(refused))
    out.figure("429 answers provoked", fake.stats.rate_limited, target="0", met=fake.stats.rate_limited == 0)
    out.figure("broadcast: recipients reached", len(fake.recipients))
    out.figure("broadcast: duplicates", fake.duplicates)
    out.figure("broadcast: average rate", fake.achieved_rate(), "msg/s")
    out.figure("broadcast: report after", broadcast_wall, "s", digits=0)
    out.figure("residents done after", residents_done, "s", digits=0)
    out.note(f"report: {report.text!r}")
    for failure in failures[:5]:
        out.note(f"FAILED {failure}")
    for r in refused[:5]:
        out.note(f"REFUSED {r.method} {r.error}")
    out.check("every resident answered at every step", not failures, f"{len(failures)} failed")
    out.check("no duplicate idea", not duplicates, f"{duplicates}")
    out.check(
        "one idea and one card per resident",
        cards == len(ideas) == args.residents,
        f"{len(ideas)} ideas, {cards} cards, {args.residents} residents",
    )
    out.check("no request refused (but 429)", not refused, f"{len(refused)}")


async def main(args: argparse.Namespace) -> int:
    out = Figures("mixed")
    with workdir("mixed-bench") as work:
        await mixed(out, args, work)
    return out.finish(args.json)


def flags() -> argparse.ArgumentParser:
    result = parser(__doc__)
    result.add_argument("--residents", type=int, default=200)
    result.add_argument("--recipients", type=int, default=2000)
    result.add_argument("--arrival", type=float, default=0.4, help="seconds between two residents arriving")
    return result


if __name__ == "__main__":
    run(main, flags())
