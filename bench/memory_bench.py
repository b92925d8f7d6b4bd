"""Memory bench: does the bot's memory stay flat as ever more distinct people write to it?

Run from the project root::

    .venv/bin/python -m bench.memory_bench [--users 100000] [--concurrency 100]

The real bot (``python -m bot``, with its flood guard on) runs against the fake Bot API of fake_telegram
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
import time

from bench.harness import BotProcess, Figures, QuietFake, bot_env, parser, read_status, run, workdir

FIRST_USER = 50_000_000


async def main(args: argparse.Namespace) -> int:
    out = Figures("memory")
    with workdir("memory-bench") as work:
        async with QuietFake() as fake:
            env = bot_env(
                fake,
                work / "bot.sqlite3",
                FLOOD_LIMIT=None,  # the flood guard on, as in production: it keeps people in memory too
                TELEGRAM_RATE="0",  # 100k people each answered at once: the bot's memory is measured, not the limits
            )
            async with BotProcess(fake, env, work / "bot.log") as bot:
                await fake.wait_polling(timeout=30)
                await people(out, fake, bot, args)
            out.figure("peak RSS (VmHWM)", bot.peak_kb / 1024, "MB")
            out.check("the bot exited cleanly", bot.exit_code == 0, f"exit {bot.exit_code}")
    return out.finish(args.json)


async def people(out: Figures, fake: QuietFake, bot: BotProcess, args: argparse.Namespace) -> None:
    out.section(f"{args.users:,} distinct people, {args.concurrency} at a time")
    checkpoints = sorted({1_000, 10_000, 20_000, 40_000, 60_000, 80_000, args.users} - {0})
    checkpoints = [c for c in checkpoints if c <= args.users]
    columns = ["RSS MB", "people/s"]
    out.table(columns, [("0 people", [read_status(bot.pid).get("VmRSS", 0) / 1024, None], "")])
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
        bot.check_alive()
        rate = done / (time.perf_counter() - started)
        rss = read_status(bot.pid).get("VmRSS", 0) / 1024
        out.table(columns, [(f"{done:,} people", [rss, round(rate)], "")], header=False)


def flags() -> argparse.ArgumentParser:
    result = parser(__doc__)
    result.add_argument("--users", type=int, default=100_000)
    result.add_argument("--concurrency", type=int, default=100)
    return result


if __name__ == "__main__":
    run(main, flags())
