"""Residents during a broadcast (issue 12): the real bot (`python -m bot`) against the fake Bot API with Telegram's
limits on (30 messages/s overall, about 1/s per chat, 20/min per group).

An organizer starts a broadcast to 2,000 residents; meanwhile 200 new residents arrive (one every
0.4 s), go through onboarding and send an idea each, to one of four curators' groups. The bot runs
with its shared send budget (TELEGRAM_RATE=28) and BROADCAST_RATE=25 as a ceiling.

Figures: residents answered (every step of every flow within the scripted person's patience), the
p50/p95 of a reply, duplicate ideas, cards posted (the groups allow 20 a minute each, so the last
cards come minutes later), requests Telegram refused, 429s provoked (target 0), the broadcast's rate
and duration. Exit status 1 if something is lost or refused.

    .venv/bin/python bench/mixed_bench.py
    .venv/bin/python bench/mixed_bench.py --residents 50 --recipients 500
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
from load import ADMIN_ID, TOKEN, BotProcess, percentile  # noqa: E402

from tests.broadcast_helpers import Resident, compose, make_reachable, seed_residents, send_to_all  # noqa: E402
from tests.fake_telegram import RateLimits, ScriptedGroup  # noqa: E402
from tests.scenarios import bind_curator_chat, onboard, send_idea, write_idea  # noqa: E402

ACTIONS = 10  # /start, consent, territory, subscriptions done, /idea, text, photos, place, direction, send
FIRST_RECIPIENT = 700_000
FIRST_RESIDENT = 900_000
DIRECTIONS = ["Технологическое лидерство", "Социальные проекты", "Развитие городской среды", "Молодые профессионалы"]
TEXTS = [
    "Открыть кружок робототехники и программирования для школьников в библиотеке",
    "Организовать волонтёрскую помощь пожилым соседям с покупками продуктов",
    "Благоустроить сквер у школы: лавочки, освещение и новые деревья",
    "Сделать стажировки для студентов в местных компаниях на лето",
]


def posted_cards(groups: list[ScriptedGroup]) -> int:
    return sum(1 for g in groups for m in g.inbox if m.text and m.text.startswith("💡 Идея #"))


async def resident_flow(fake: StampingFake, n: int, latencies: list[float], failures: list[str]) -> None:
    user = fake.user(FIRST_RESIDENT + n, first_name=f"Новый {n}", language_code="ru")
    started = time.perf_counter()
    try:
        await onboard(user)
        summary = await write_idea(user, TEXTS[n % 4] + f" (№{n})", direction=DIRECTIONS[n % 4])
        await send_idea(user, summary)
    except AssertionError as exc:
        failures.append(f"resident {n}: {str(exc)[:300]}")
        return
    latencies.append((time.perf_counter() - started) / ACTIONS)


async def run(args: argparse.Namespace, workdir: Path) -> bool:
    fake = StampingFake()
    fake.rate_limit = True
    fake.rate_limits = RateLimits()  # Telegram's: 30/s overall (burst 30), 1/s per chat (burst 3), 20/min per group
    await fake.start(host="127.0.0.1", port=0)
    db_path = workdir / "mixed.sqlite3"
    ids = list(range(FIRST_RECIPIENT, FIRST_RECIPIENT + args.recipients))
    await seed_residents(db_path, [Resident(i) for i in ids])
    make_reachable(fake, ids)
    env = {
        **os.environ,
        "BOT_TOKEN": TOKEN,
        "ADMIN_IDS": str(ADMIN_ID),
        "DATABASE_PATH": str(db_path),
        "TELEGRAM_API_URL": fake.base_url,
        "LOG_LEVEL": "WARNING",
        "FLOOD_LIMIT": "0",
        "BACKUP_TIME": "",
        "BROADCAST_RATE": "25",
        "TELEGRAM_RATE": "28",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    bot = BotProcess(fake, [sys.executable, "-m", "bot"], env, workdir / "mixed.log")
    organizer = fake.user(ADMIN_ID, first_name="Ольга", language_code="ru")
    groups: list[ScriptedGroup] = []
    latencies: list[float] = []
    failures: list[str] = []
    try:
        await bot.start()
        for i, direction in enumerate(DIRECTIONS):
            group = fake.group(-100_900 - i, f"Кураторы {i}")
            fake.join(group, organizer)
            await bind_curator_chat(organizer, group, direction)
            groups.append(group)
        audience = await compose(organizer)
        started = time.perf_counter()
        await send_to_all(organizer, audience, expected=args.recipients)
        flows = []
        for n in range(args.residents):
            flows.append(asyncio.create_task(resident_flow(fake, n, latencies, failures)))
            await asyncio.sleep(args.arrival)
        await asyncio.gather(*flows)
        residents_done = time.perf_counter() - started
        report = await organizer.expect_message(timeout=args.recipients / 25 * 4 + 300)
        broadcast_wall = time.perf_counter() - started
        deadline = time.perf_counter() + args.residents / 4 / 20 * 60 * 1.5 + 60
        while posted_cards(groups) < args.residents and time.perf_counter() < deadline:
            await fake.wait_for_request("sendMessage", after=fake.count_requests("sendMessage"), timeout=60)
        cards_wall = time.perf_counter() - started
    finally:
        await bot.stop()
        await fake.stop()
    with sqlite3.connect(db_path) as conn:
        ideas = conn.execute("SELECT author_id, count(*) FROM ideas GROUP BY author_id").fetchall()
        outbox = dict(conn.execute("SELECT status, count(*) FROM outbox GROUP BY status").fetchall())
    duplicates = sum(n - 1 for _, n in ideas)
    cards = posted_cards(groups)
    refused = [r for r in fake.refused if r.error_code != 429]
    stamps = fake.stamps
    rate = (len(stamps) - 1) / (stamps[-1] - stamps[0]) if len(stamps) > 1 else 0.0
    print(f"\n{args.residents} residents (one every {args.arrival:g} s) during a broadcast to {args.recipients}")
    print(f"  residents answered through their whole flow   {args.residents - len(failures)} of {args.residents}")
    p50, p95 = percentile(latencies, 0.5), percentile(latencies, 0.95)
    print(f"  seconds per step (a resident's flow time / {ACTIONS} actions) p50 {p50:.2f}, p95 {p95:.2f}")
    print(f"  ideas {len(ideas)} from {args.residents} residents, duplicates {duplicates}")
    print(f"  cards posted {cards} of {len(ideas)} ({cards_wall:.0f} s after the broadcast began); outbox {outbox}")
    print(f"  requests Telegram refused (not 429) {len(refused)}; 429s provoked {fake.stats.rate_limited}")
    print(
        f"  broadcast: {len(fake.recipients)} reached, {fake.duplicates} duplicates, {rate:.1f} msg/s, "
        f"report after {broadcast_wall:.0f} s (residents done after {residents_done:.0f} s)"
    )
    print(f"  report: {report.text!r}")
    for failure in failures[:5]:
        print("  FAILED", failure)
    for r in refused[:5]:
        print("  REFUSED", r.method, r.error)
    return not failures and not duplicates and cards == len(ideas) == args.residents and not refused


async def main(args: argparse.Namespace) -> int:
    print(f"{os.cpu_count()} cores (nproc), Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="mixed-bench-") as tmp:
        return 0 if await run(args, Path(tmp)) else 1


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--residents", type=int, default=200)
    parser.add_argument("--recipients", type=int, default=2000)
    parser.add_argument("--arrival", type=float, default=0.4, help="seconds between two residents arriving")
    return parser.parse_args()


if __name__ == "__main__":
    sys.exit(asyncio.run(main(parse_args())))
