"""Poll-ingest bench: the real bot (`python -m bot`) taking votes through the fake Bot API server.

The organizer ties a group to a session and posts a non-anonymous poll with `/poll`, like a person. Then
N voters (10,000 by default; residents with consent, as only their choices are stored per person) vote: each
vote is what Telegram sends for it, a `poll` update (the new counts) and a `poll_answer` update (the person's
choice), so the bot handles 2·N updates. The votes are injected into the fake as fast as it takes them, in
chunks, so the bot's getUpdates can run between chunks. A share of the voters (``--changes``) change their vote
afterwards and some retract it, as people do.

Measured: from the first vote injected until every vote is in the database (poll_votes rows with each
person's final choice, read from this process through SQLite), the ingest rate in votes per second (target
≥ 1,000/s on 2 cores) and the bot's CPU per vote. At the end /close_poll posts the results, which are checked
against the votes. Exit status 1 only if something is wrong (a vote missing or wrong, wrong counts).

    .venv/bin/python -m bench.poll_bench
    .venv/bin/python -m bench.poll_bench --voters 20000 --changes 0.1 --profile
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from bench.harness import BotProcess, Figures, QuietFake, bot_env, organizer, parser, py_spy, run, workdir
from fake_telegram import BotMessage
from tests.support.seeding import add_residents, add_session

FIRST_VOTER = 700_000
GROUP_ID = -1001000009000
OPTIONS = ("Свет", "Лавки", "Деревья", "Велодорожки")
CHUNK = 250  # votes injected between two yields to the event loop
WAIT_STEP = 0.02  # seconds between two reads of the database while waiting for the last vote


@dataclass
class Result:
    voters: int
    changes: int
    updates: int = 0
    inject_s: float = 0.0
    ingest_s: float = 0.0
    rate: float = 0.0
    cpu_ms_per_vote: float = 0.0
    rss_kb: int = 0
    wrong: int = 0
    results_ok: bool = False
    results_text: str = ""


def stored_votes(db_path: Path) -> dict[int, str]:
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as conn:
        return {int(u): str(o) for u, o in conn.execute("SELECT user_id, option_ids FROM poll_votes")}


def count_rows(db_path: Path) -> int:
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as conn:
        row = conn.execute("SELECT count(*) FROM poll_votes").fetchone()
        return int(row[0]) if row else 0


def all_final(db_path: Path, expected: dict[int, str]) -> bool:
    """Every voter's stored choice is their final one."""
    stored = stored_votes(db_path)
    return all(stored.get(user) == choice for user, choice in expected.items())


async def ingest(args: argparse.Namespace, work: Path) -> Result:
    result = Result(args.voters, int(args.voters * args.changes))
    rng = random.Random(4)
    async with QuietFake() as fake:
        db_path = work / "polls.sqlite3"
        admin = organizer(fake)
        group = fake.group(GROUP_ID, title="Бенч: чат сессии")
        fake.add_member(group, admin, status="administrator")
        async with BotProcess(fake, bot_env(fake, db_path), work / "bot.log") as bot:
            session_id = add_session(db_path, title="Бенч")  # the bot made the schema at start-up
            await admin.send_in(group, f"/bind_session {session_id}")
            bound = await group.expect_message(timeout=30)
            assert "✅" in (bound.text or ""), bound.text
            await admin.send_in(group, "/poll Что важнее во дворе? | " + " | ".join(OPTIONS))
            poll: BotMessage = await group.expect_message(timeout=30)
            assert poll.poll is not None, poll.text

            voters = [fake.user(FIRST_VOTER + i, first_name=f"Житель{i}") for i in range(args.voters)]
            # Residents with consent: only their choices are stored per person (everyone is in the counts).
            add_residents(db_path, (voter.user_id for voter in voters))
            plan: list[tuple[int, list[int]]] = [(i, [rng.randrange(len(OPTIONS))]) for i in range(args.voters)]
            changers = rng.sample(range(args.voters), result.changes)
            for index, who in enumerate(changers):  # every fifth one retracts, the others change their mind
                plan.append((who, [] if index % 5 == 0 else [rng.randrange(len(OPTIONS))]))
            expected = {FIRST_VOTER + who: json.dumps(options) for who, options in plan}
            result.updates = 2 * len(plan)

            async with py_spy(bot.pid if args.profile else None, work / "bot.pyspy.txt"):
                cpu_before = bot.cpu_seconds()
                started = time.perf_counter()
                for offset in range(0, len(plan), CHUNK):
                    for who, options in plan[offset : offset + CHUNK]:
                        fake.vote(voters[who], poll, options)
                    await asyncio.sleep(0)  # let the fake answer the bot's getUpdates meanwhile
                result.inject_s = time.perf_counter() - started
                deadline = started + args.timeout
                # A cheap count until every voter has a row, then the full comparison (changed votes come last).
                while count_rows(db_path) < len(expected) or not all_final(db_path, expected):
                    bot.check_alive()
                    if time.perf_counter() > deadline:
                        break
                    await asyncio.sleep(WAIT_STEP)
                result.ingest_s = time.perf_counter() - started
                result.cpu_ms_per_vote = (bot.cpu_seconds() - cpu_before) * 1000 / len(plan)
            stored = stored_votes(db_path)
            result.wrong = sum(1 for user, choice in expected.items() if stored.get(user) != choice)
            result.rate = len(plan) / result.ingest_s

            # The results the organizer gets match the votes.
            await admin.send_in(group, "/close_poll", reply_to=poll)
            text = await group.expect_message(timeout=30)
            await group.expect_message(timeout=30)  # the chart
            result.results_text = text.text or ""
            counts = [0] * len(OPTIONS)
            for choice in expected.values():
                for option in json.loads(choice):
                    counts[option] += 1
            voted = sum(1 for choice in expected.values() if choice != "[]")
            shown = [int(re.sub(r"\D", "", n)) for n in re.findall(r"— ([\d\s]+) \(", result.results_text)]
            total = re.search(r"Проголосовали: ([\d\s]+)", result.results_text)
            result.results_ok = (
                shown == counts and total is not None and int(re.sub(r"\D", "", total.group(1))) == voted
            )
            result.rss_kb = bot.max_rss_kb
    return result


def show(out: Figures, r: Result) -> None:
    out.section(f"{r.voters} voters ({r.changes} of them change or retract their vote afterwards), {r.updates} updates")
    out.figure("injection into the fake", r.inject_s, "s", digits=2)
    out.figure("first vote → every vote stored", r.ingest_s, "s", digits=2)
    out.figure("ingest rate", r.rate, "votes/s", digits=0, target="≥ 1000", met=r.rate >= 1000)
    out.figure("bot CPU per vote", r.cpu_ms_per_vote, "ms", digits=3)
    out.figure("bot peak RSS", r.rss_kb / 1024, "MB")
    out.note(r.results_text.replace("\n", "\n  "))
    out.check("no vote missing or wrong", r.wrong == 0, f"{r.wrong}")
    out.check("/close_poll results match the votes", r.results_ok)


async def main(args: argparse.Namespace) -> int:
    out = Figures("poll")
    with workdir("poll-bench") as work:
        result = await ingest(args, work)
    show(out, result)
    return out.finish(args.json)


def flags() -> argparse.ArgumentParser:
    result = parser(__doc__, profile=True)
    result.add_argument("--voters", type=int, default=10_000)
    result.add_argument("--changes", type=float, default=0.0, help="share of voters who vote again (0..1)")
    result.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for every vote")
    return result


if __name__ == "__main__":
    run(main, flags())
