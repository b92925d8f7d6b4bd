"""Poll-ingest bench: the real bot (`python -m bot`) taking votes through the fake Bot API server.

The organizer ties a group to a session and posts a non-anonymous poll with `/poll`, like a person. Then
N voters (10,000 by default) vote: each vote is what Telegram sends for it, a `poll` update (the new counts)
and a `poll_answer` update (the person's choice), so the bot handles 2·N updates. The votes are injected into
the fake as fast as it takes them, in chunks, so the bot's getUpdates can run between chunks. A share of the
voters (``--changes``) change their vote afterwards and some retract it, as people do.

Measured: from the first vote injected until every vote is in the database (poll_votes rows with each
person's final choice, read from this process through SQLite), the ingest rate in votes per second (target
≥ 1,000/s on 2 cores) and the bot's CPU per vote. At the end /close_poll posts the results, which are checked
against the votes. Exit status 1 only if something is wrong (a vote missing or wrong, wrong counts).

    .venv/bin/python bench/poll_bench.py
    .venv/bin/python bench/poll_bench.py --voters 20000 --changes 0.1 --profile
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import sqlite3
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for path in (ROOT, ROOT / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from load import (  # noqa: E402
    ADMIN_ID,
    BOT_ID,
    TOKEN,
    BotProcess,
    cpu_seconds,
    print_py_spy,
    start_py_spy,
    stop_py_spy,
)

from tests.fake_telegram import BotMessage, FakeTelegram  # noqa: E402
from tests.session_helpers import add_session  # noqa: E402

FIRST_VOTER = 700_000
GROUP_ID = -1001000009000
OPTIONS = ("Свет", "Лавки", "Деревья", "Велодорожки")
CHUNK = 250  # votes injected between two yields to the event loop
WAIT_STEP = 0.02  # seconds between two reads of the database while waiting for the last vote


class QuietFake(FakeTelegram):
    """The fake without request recording or update validation (they would cost more than the bot)."""

    def __init__(self) -> None:
        super().__init__(
            token=TOKEN,
            bot_id=BOT_ID,
            bot_username="ideas_bot",
            bot_first_name="Ideas",
            record_requests=False,
            validate_updates=False,
        )


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


async def run(args: argparse.Namespace, workdir: Path) -> Result:
    result = Result(args.voters, int(args.voters * args.changes))
    fake = QuietFake()
    await fake.start(host="127.0.0.1", port=0)
    db_path = workdir / "polls.sqlite3"
    env = {
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
    }
    bot = BotProcess(fake, [sys.executable, "-m", "bot"], env, workdir / "bot.log")  # type: ignore[arg-type]
    organizer = fake.user(ADMIN_ID, first_name="Ольга", language_code="ru")
    group = fake.group(GROUP_ID, title="Бенч: чат сессии")
    fake.add_member(group, organizer, status="administrator")
    rng = random.Random(4)
    try:
        await bot.start()
        session_id = add_session(db_path, title="Бенч")  # the bot made the schema at start-up
        await organizer.send_in(group, f"/bind_session {session_id}")
        bound = await group.expect_message(timeout=30)
        assert "✅" in (bound.text or ""), bound.text
        await organizer.send_in(group, "/poll Что важнее во дворе? | " + " | ".join(OPTIONS))
        poll: BotMessage = await group.expect_message(timeout=30)
        assert poll.poll is not None, poll.text

        voters = [fake.user(FIRST_VOTER + i, first_name=f"Житель{i}") for i in range(args.voters)]
        plan: list[tuple[int, list[int]]] = [(i, [rng.randrange(len(OPTIONS))]) for i in range(args.voters)]
        changers = rng.sample(range(args.voters), result.changes)
        for index, who in enumerate(changers):  # every fifth one retracts, the others change their mind
            plan.append((who, [] if index % 5 == 0 else [rng.randrange(len(OPTIONS))]))
        expected = {FIRST_VOTER + who: json.dumps(choice) for who, choice in plan}
        result.updates = 2 * len(plan)

        spy = await start_py_spy(bot.pid, workdir / "bot.pyspy.txt") if args.profile else None
        cpu_before = cpu_seconds(bot.pid)
        started = time.perf_counter()
        for offset in range(0, len(plan), CHUNK):
            for who, choice in plan[offset : offset + CHUNK]:
                fake.vote(voters[who], poll, choice)
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
        result.cpu_ms_per_vote = (cpu_seconds(bot.pid) - cpu_before) * 1000 / len(plan)
        if spy is not None:
            await stop_py_spy(spy)
            print_py_spy(workdir / "bot.pyspy.txt")
        stored = stored_votes(db_path)
        result.wrong = sum(1 for user, choice in expected.items() if stored.get(user) != choice)
        result.rate = len(plan) / result.ingest_s

        # The results the organizer gets match the votes.
        await organizer.send_in(group, "/close_poll", reply_to=poll)
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
        result.results_ok = shown == counts and total is not None and int(re.sub(r"\D", "", total.group(1))) == voted
        result.rss_kb = bot.max_rss_kb
    finally:
        await bot.stop()
        await fake.stop()
    return result


def show(r: Result) -> None:
    print(f"\n{r.voters} voters ({r.changes} of them change or retract their vote afterwards), {r.updates} updates")
    print(f"  injection into the fake              {r.inject_s:8.2f} s")
    print(f"  first vote → every vote stored       {r.ingest_s:8.2f} s")
    print(
        f"  ingest rate                          {r.rate:8.0f} votes/s   target ≥ 1000: "
        f"{'met' if r.rate >= 1000 else 'MISSED'}"
    )
    print(f"  bot CPU per vote                     {r.cpu_ms_per_vote:8.3f} ms")
    print(f"  bot peak RSS                         {r.rss_kb / 1024:8.1f} MB")
    print(f"  votes missing or wrong               {r.wrong:8d}")
    print(f"  /close_poll results match the votes  {'yes' if r.results_ok else 'NO'}")
    print("  " + r.results_text.replace("\n", "\n  "))


async def main(args: argparse.Namespace) -> int:
    print(f"{os.cpu_count()} cores (nproc), Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="poll-bench-") as tmp:
        result = await run(args, Path(tmp))
    show(result)
    return 0 if result.wrong == 0 and result.results_ok else 1


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--voters", type=int, default=10_000)
    parser.add_argument("--changes", type=float, default=0.0, help="share of voters who vote again (0..1)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for every vote")
    parser.add_argument("--profile", action="store_true", help="sample the bot with py-spy (slows it down)")
    return parser.parse_args()


if __name__ == "__main__":
    sys.exit(asyncio.run(main(parse_args())))
