"""Memory bench: does the bot's memory stay flat as ever more distinct people write to it?

Run from the project root::

    .venv/bin/python bench/memory_bench.py [--users 100000] [--concurrency 100]

The real bot (``python -m bot``, with its flood guard on) runs against the fake Bot API of tests/fake_telegram
(hosted in this process). ``--users`` different people each send /start once (the bot answers with its
greeting and the consent question: two messages), ``--concurrency`` at a time. The bot's RSS (VmRSS from
/proc) is printed at checkpoints. Everything the bot keeps per person in memory is bounded (the user cache:
20,000 people; handled update ids: 10,000; per-chat locks and the flood guard: only people active right now),
so RSS should level off once the caches are full and stay flat to the end.

The exit status is non-zero only if something breaks (a reply that does not come, a dead process).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.load import ADMIN_ID, TOKEN, BenchFake, read_status  # noqa: E402

FIRST_USER = 50_000_000


def bot_env(fake_url: str, db_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "DATABASE_", "TELEGRAM_"))}
    env.update(
        {
            "BOT_TOKEN": TOKEN,
            "ADMIN_IDS": str(ADMIN_ID),
            "DATABASE_PATH": str(db_path),
            "TELEGRAM_API_URL": fake_url,
            "LOG_LEVEL": "WARNING",
            "BACKUP_TIME": "",
            "TELEGRAM_RATE": "0",  # 100k people each answered at once: the bot's memory is measured, not the limits
            "PYTHONPATH": str(ROOT),
        }
    )
    return env


async def main(args: argparse.Namespace) -> int:
    fake = BenchFake()
    await fake.start(host="127.0.0.1", port=0)
    work = Path(tempfile.mkdtemp(prefix="memory-bench-"))
    env = bot_env(fake.base_url, work / "bot.sqlite3")
    before = fake.count_requests("getUpdates")
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", cwd=work, env=env, stdin=asyncio.subprocess.DEVNULL
    )
    await fake.wait_for_request("getUpdates", after=before, timeout=60)
    await fake.wait_polling(timeout=30)
    print(f"cores: {os.cpu_count()}; {args.users:,} distinct people, {args.concurrency} at a time")
    checkpoints = sorted({1_000, 10_000, 20_000, 40_000, 60_000, 80_000, args.users} - {0})
    checkpoints = [c for c in checkpoints if c <= args.users]
    print(f"{'people':>8} {'RSS MB':>8} {'updates/s':>10}")
    print(f"{0:>8,} {read_status(proc.pid).get('VmRSS', 0) / 1024:>8.1f} {'':>10}")
    done = 0
    started = time.perf_counter()
    next_user = FIRST_USER
    lock = asyncio.Lock()

    async def worker(limit: int) -> None:
        nonlocal done, next_user
        while True:
            async with lock:
                if next_user >= FIRST_USER + limit:
                    return
                user_id = next_user
                next_user += 1
            user = fake.user(user_id, first_name=f"Житель {user_id}", language_code="ru")
            await user.send("/start")
            await user.expect_message(timeout=60)
            await user.expect_message(timeout=60)
            done += 1

    for checkpoint in checkpoints:
        await asyncio.gather(*(worker(checkpoint) for _ in range(args.concurrency)))
        if proc.returncode is not None:
            print(f"the bot exited with {proc.returncode}")
            return 1
        rate = done / (time.perf_counter() - started)
        print(f"{done:>8,} {read_status(proc.pid).get('VmRSS', 0) / 1024:>8.1f} {rate:>10.0f}")
    peak = read_status(proc.pid).get("VmHWM", 0) / 1024
    proc.terminate()
    code = await proc.wait()
    await fake.stop()
    print(f"peak RSS {peak:.1f} MB; the bot exited with {code}")
    return 0 if code == 0 else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--concurrency", type=int, default=100)
    sys.exit(asyncio.run(main(parser.parse_args())))
