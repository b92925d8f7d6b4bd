"""Operations bench: how fast the bot starts and stops, what it needs, how long a backup takes.

Run from the project root (after ./scripts/test or ./scripts/run has set up .venv)::

    .venv/bin/python -m bench.ops_bench [--fresh-clone] [--residents 100000]

Prints, each measured here against the fake Bot API of fake_telegram (hosted in this process):

* ``scripts/venv run`` on a set-up checkout (what ./scripts/run costs before Python starts), and with
  ``--fresh-clone`` the first set-up of a new clone (needs the package index);
* ``./scripts/run`` → the bot's first getUpdates, three times; RSS right after start-up;
* SIGTERM → exit while idle, and during a broadcast with one copy held 2 s by Telegram;
* ``python -m bot backup`` of a database of ``--residents`` residents (the organizers' data set, as
  bench/data_bench.py builds it), its size and the copy's size.

The exit status is non-zero only when something breaks (a process that does not start or stop).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.harness import (
    ROOT,
    BotProcess,
    Figures,
    QuietFake,
    bot_env,
    build_database,
    organizer,
    parser,
    run,
    workdir,
)
from tests.support.broadcast import compose, send_to_all
from tests.support.seeding import migrate, seed_reachable

# What an operator's start looks like: the flood guard at its default, byte code written as usual.
OPERATOR = {"FLOOD_LIMIT": None, "PYTHONDONTWRITEBYTECODE": None}


def timed(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def set_up_times(out: Figures, fresh_clone: bool) -> None:
    out.section("set-up")
    if fresh_clone:
        with tempfile.TemporaryDirectory() as tmp:
            clone = Path(tmp) / "clone"
            subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
            out.figure("fresh clone: scripts/venv run, first set-up", timed(["scripts/venv", "run"], clone), "s")
            out.figure("fresh clone: scripts/venv run, then", timed(["scripts/venv", "run"], clone), "s", digits=3)
    checks = sorted(timed(["scripts/venv", "run"], ROOT) for _ in range(5))
    out.figure("scripts/venv run, set-up checkout (median of 5)", statistics.median(checks) * 1000, "ms", digits=0)


async def main(args: argparse.Namespace) -> int:
    out = Figures("ops")
    set_up_times(out, args.fresh_clone)
    with workdir("ops-bench") as work:
        async with QuietFake() as fake:
            db_path = work / "bot.sqlite3"
            out.section("start and stop")
            starts = []
            for n in range(3):
                bot = BotProcess(
                    fake, bot_env(fake, db_path, **OPERATOR), work / "run.log", [str(ROOT / "scripts" / "run")]
                )
                starts.append(await bot.start())
                rss = bot.idle_rss_kb
                await fake.wait_polling(timeout=30)
                code = await bot.stop(timeout=120)
                out.figure(f"./scripts/run → first getUpdates ({n + 1})", bot.startup, "s", digits=2)
                out.figure(f"idle SIGTERM → exit ({n + 1})", bot.stop_seconds, "s", digits=2)
                out.check(f"exit code 0 after an idle SIGTERM ({n + 1})", code == 0, f"exit {code}")
            out.figure("start, median", statistics.median(starts), "s", digits=2)
            out.figure("RSS right after start-up", rss / 1024, "MB")

            await seed_reachable(fake, db_path, range(2_000_000, 2_000_000 + 2_000))
            admin = organizer(fake, username="olga_admin")
            env = bot_env(fake, db_path, BROADCAST_RATE="25", **OPERATOR)
            bot = BotProcess(fake, env, work / "bot.log")
            await bot.start()
            try:
                await send_to_all(admin, await compose(admin), expected=2_000)
                await fake.wait_for_request("copyMessage", after=50, timeout=30)
                fake.fail_next("copyMessage", "timeout", delay=2.0, deliver=True)
                await fake.wait_for_request("copyMessage", after=fake.count_requests("copyMessage"), timeout=10)
                code = await bot.stop(timeout=120)
            finally:
                bot.kill()
            out.figure("SIGTERM → exit in a broadcast (a copy held 2 s)", bot.stop_seconds, "s", digits=2)
            out.check("exit code 0 after a SIGTERM during a broadcast", code == 0, f"exit {code}")

            out.section("backup")
            big = work / "big.sqlite3"
            await migrate(big)
            build_database(big, args.residents, args.residents // 10)
            size = big.stat().st_size / 1_000_000
            copy = work / "big-copy.sqlite3"
            backup = [sys.executable, "-m", "bot", "backup", str(copy)]
            took = await asyncio.to_thread(timed, backup, work, bot_env(fake, big, **OPERATOR))
            out.figure(f"database ({args.residents:,} residents, {args.residents // 10:,} ideas)", size, "MB", digits=0)
            out.figure("python -m bot backup (with integrity check)", took, "s")
            out.figure("the copy", copy.stat().st_size / 1_000_000, "MB", digits=0)
    return out.finish(args.json)


def flags() -> argparse.ArgumentParser:
    result = parser(__doc__)
    result.add_argument("--fresh-clone", action="store_true", help="also time the first set-up of a new clone")
    result.add_argument("--residents", type=int, default=100_000)
    return result


if __name__ == "__main__":
    run(main, flags())
