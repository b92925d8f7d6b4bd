"""Operations bench: how fast the bot starts and stops, what it needs, how long a backup takes.

Run from the project root (after ./scripts/test or ./scripts/run has set up .venv)::

    .venv/bin/python bench/ops_bench.py [--fresh-clone] [--residents 100000]

Prints, each measured here against the fake Bot API of tests/fake_telegram (hosted in this process):

* ``scripts/venv run`` on a set-up checkout (what ./scripts/run costs before Python starts), and with
  ``--fresh-clone`` the first set-up of a new clone (needs the package index);
* ``./scripts/run`` → the bot's first getUpdates, three times; RSS right after start-up;
* SIGTERM → exit while idle, and during a broadcast with one copy held 2 s by Telegram;
* ``python -m bot backup`` of a database of ``--residents`` residents (built as bench/data_bench.py builds it),
  its size and the copy's size.

The exit status is non-zero only when something breaks (a process that does not start or stop).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.data_bench import _migrate as migrate  # noqa: E402
from bench.data_bench import build_database  # noqa: E402
from bench.load import ADMIN_ID, TOKEN, BenchFake, read_status  # noqa: E402
from tests.broadcast_helpers import Resident, compose, make_reachable, seed_residents, send_to_all  # noqa: E402

SETTING_NAMES = {
    "BOT_TOKEN",
    "ADMIN_IDS",
    "DATABASE_PATH",
    "TELEGRAM_API_URL",
    "TELEGRAM_PROXY",
    "LOG_FORMAT",
    "BACKUP_TIME",
    "BACKUP_DIR",
}


def bot_env(fake_url: str, db_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in SETTING_NAMES}
    env.update(
        {
            "BOT_TOKEN": TOKEN,
            "ADMIN_IDS": str(ADMIN_ID),
            "DATABASE_PATH": str(db_path),
            "TELEGRAM_API_URL": fake_url,
            "POLLING_TIMEOUT": "10",
            "LOG_LEVEL": "WARNING",
            "BACKUP_TIME": "",
            "PYTHONPATH": str(ROOT),
            **extra,
        }
    )
    return env


def timed(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


async def start(fake: BenchFake, cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[asyncio.subprocess.Process, float]:
    before = fake.count_requests("getUpdates")
    started = time.perf_counter()
    proc = await asyncio.create_subprocess_exec(
        *cmd, cwd=cwd, env=env, stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.DEVNULL
    )
    while fake.count_requests("getUpdates") <= before:
        if proc.returncode is not None:
            raise RuntimeError(f"{cmd} exited with {proc.returncode} at start-up")
        await asyncio.sleep(0.01)
    return proc, time.perf_counter() - started


async def stop(proc: asyncio.subprocess.Process) -> tuple[float, int]:
    started = time.perf_counter()
    proc.send_signal(signal.SIGTERM)
    code = await asyncio.wait_for(proc.wait(), 120)
    return time.perf_counter() - started, code


def set_up_times(fresh_clone: bool) -> None:
    if fresh_clone:
        with tempfile.TemporaryDirectory() as tmp:
            clone = Path(tmp) / "clone"
            subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
            first = timed(["scripts/venv", "run"], clone)
            again = timed(["scripts/venv", "run"], clone)
            print(f"fresh clone: scripts/venv run, first set-up {first:.1f} s (needs the index), then {again:.3f} s")
    checks = sorted(timed(["scripts/venv", "run"], ROOT) for _ in range(5))
    print(f"scripts/venv run on a set-up checkout: median {statistics.median(checks) * 1000:.0f} ms (5 runs)")


async def main(args: argparse.Namespace) -> int:
    print(f"cores: {os.cpu_count()}, python {sys.version.split()[0]}")
    set_up_times(args.fresh_clone)

    fake = BenchFake()
    await fake.start(host="127.0.0.1", port=0)
    work = Path(tempfile.mkdtemp(prefix="ops-bench-"))
    try:
        db_path = work / "bot.sqlite3"
        starts = []
        rss = 0
        for _ in range(3):
            proc, took = await start(fake, [str(ROOT / "scripts" / "run")], bot_env(fake.base_url, db_path), work)
            starts.append(took)
            rss = read_status(proc.pid).get("VmRSS", 0)
            await fake.wait_polling(timeout=30)
            idle_stop, code = await stop(proc)
            print(f"./scripts/run → first getUpdates {took:.2f} s; idle SIGTERM → exit {idle_stop:.2f} s (code {code})")
        print(f"start: median {statistics.median(starts):.2f} s; RSS right after start-up {rss / 1024:.1f} MB")

        ids = list(range(2_000_000, 2_002_000))
        await seed_residents(db_path, [Resident(i) for i in ids])
        make_reachable(fake, ids)
        admin = fake.user(ADMIN_ID, first_name="Ольга", username="olga_admin", language_code="ru")
        env = bot_env(fake.base_url, db_path, BROADCAST_RATE="25")
        proc, _ = await start(fake, [sys.executable, "-m", "bot"], env, work)
        await send_to_all(admin, await compose(admin), expected=len(ids))
        await fake.wait_for_request("copyMessage", after=50, timeout=30)
        fake.fail_next("copyMessage", "timeout", delay=2.0, deliver=True)
        await fake.wait_for_request("copyMessage", after=fake.count_requests("copyMessage"), timeout=10)
        busy_stop, code = await stop(proc)
        print(f"SIGTERM during a broadcast (the copy in flight answered after 2 s) → exit {busy_stop:.2f} s (code {code})")

        big = work / "big.sqlite3"
        await migrate(big)
        build_database(big, args.residents, args.residents // 10)
        size = big.stat().st_size / 1_000_000
        copy = work / "big-copy.sqlite3"
        took = await asyncio.to_thread(
            timed, [sys.executable, "-m", "bot", "backup", str(copy)], work, bot_env(fake.base_url, big)
        )
        print(
            f"backup of a {size:.0f} MB database ({args.residents:,} residents, {args.residents // 10:,} ideas):"
            f" {took:.1f} s with the integrity check, copy {copy.stat().st_size / 1_000_000:.0f} MB"
        )
    finally:
        await fake.stop()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fresh-clone", action="store_true", help="also time the first set-up of a new clone")
    parser.add_argument("--residents", type=int, default=100_000)
    sys.exit(asyncio.run(main(parser.parse_args())))
