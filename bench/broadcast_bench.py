"""Broadcast bench: the real bot (`python -m bot`) broadcasting through the fake Bot API server.

Two runs, each on a fresh database of seeded residents (all reachable):
  1. the fake enforcing Telegram's limits (30 messages/s overall, burst 30; 1/s per chat) and
     BROADCAST_RATE=25: the achieved rate (target ≥ 95 % of 25/s) and the 429 answers provoked (target 0);
  2. limits off and BROADCAST_RATE=1000 (what paid broadcasts allow): the achieved rate (target ≥ 900/s).

The achieved rate is measured inside the fake, from the first to the last copy a recipient received.
The organizer drives /broadcast like a person (tests/broadcast_helpers.py) and the run ends with the
bot's final report. Prints the figures; exit status 1 only if something breaks (a count is wrong).

    .venv/bin/python bench/broadcast_bench.py                     # both runs, 3,000 recipients each
    .venv/bin/python bench/broadcast_bench.py --only fast --recipients 10000
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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

from tests.broadcast_helpers import Resident, compose, make_reachable, seed_residents, send_to_all  # noqa: E402
from tests.fake_telegram import FakeTelegram, RateLimits  # noqa: E402
from tests.fake_telegram.models import UploadedFile  # noqa: E402

FIRST_ID = 500_000


class StampingFake(FakeTelegram):
    """The fake without request recording; stamps every copy that reaches a recipient."""

    def __init__(self) -> None:
        super().__init__(
            token=TOKEN,
            bot_id=BOT_ID,
            bot_username="ideas_bot",
            bot_first_name="Ideas",
            record_requests=False,
            validate_updates=False,
        )
        self.stamps: list[float] = []
        self.recipients: set[int] = set()
        self.duplicates = 0

    def _copy_message(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> dict[str, Any]:
        result = super()._copy_message(params, files)
        chat_id = int(params["chat_id"])
        if chat_id != ADMIN_ID:
            self.stamps.append(time.perf_counter())
            if chat_id in self.recipients:
                self.duplicates += 1
            self.recipients.add(chat_id)
        return result


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


async def run(
    name: str, recipients: int, rate: float, limits: bool, workdir: Path, profile: bool = False, in_flight: int = 1
) -> RunResult:
    result = RunResult(name, recipients, rate, limits)
    fake = StampingFake()
    fake.rate_limit = limits
    # The organizer's own dialogue sends 4 messages to one chat within a fraction of a second (the scripted
    # organizer answers instantly); Telegram tolerates such short bursts, the fake's default burst of 3 does not.
    # The global limit, which is what this bench is about, stays at Telegram's 30/s with a burst of 30.
    fake.rate_limits = RateLimits(chat_burst=5)
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
        "REQUEST_TIMEOUT": "30",
        "LOG_LEVEL": "WARNING",
        "FLOOD_LIMIT": "0",  # simulated people write faster than people do
        "BROADCAST_RATE": str(rate),
        "BROADCAST_IN_FLIGHT": str(in_flight),
        "BROADCAST_PAID": "true" if rate > 30 else "false",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    bot = BotProcess(fake, [sys.executable, "-m", "bot"], env, workdir / f"{name}.log")
    organizer = fake.user(ADMIN_ID, first_name="Ольга", language_code="ru")
    try:
        await bot.start()
        audience = await compose(organizer)
        spy_pid = os.getpid() if os.environ.get("PROFILE_FAKE") else bot.pid
        spy = await start_py_spy(spy_pid, workdir / f"{name}.pyspy.txt") if profile else None
        cpu_before = cpu_seconds(bot.pid)
        own_before = time.process_time()
        started = time.perf_counter()
        await send_to_all(organizer, audience, expected=recipients)
        report = await organizer.expect_message(timeout=recipients / rate * 3 + 60)
        result.wall = time.perf_counter() - started
        cpu = cpu_seconds(bot.pid) - cpu_before
        result.fake_cpu_ms_per_message = (time.process_time() - own_before) * 1000 / max(1, len(fake.stamps))
        if spy is not None:
            await stop_py_spy(spy)
            print_py_spy(workdir / f"{name}.pyspy.txt")
        result.report = report.text or ""
        stamps = fake.stamps
        result.delivered = len(fake.recipients)
        result.duplicates = fake.duplicates
        if len(stamps) > 1:
            result.achieved = (len(stamps) - 1) / (stamps[-1] - stamps[0])
        result.rate_limited = fake.stats.rate_limited
        result.cpu_ms_per_message = cpu * 1000 / max(1, len(stamps))
    finally:
        await bot.stop()
        await fake.stop()
    return result


def show(r: RunResult) -> None:
    target = 0.95 * r.rate_set if r.limits else 900.0
    print(
        f"\n[{r.name}] {r.recipients} recipients, BROADCAST_RATE={r.rate_set:g}, fake limits {'on' if r.limits else 'off'}"
    )
    print(
        f"  achieved rate (first → last copy)   {r.achieved:8.1f} msg/s   target ≥ {target:g}: "
        f"{'met' if r.achieved >= target else 'MISSED'}"
    )
    print(f"  wall time (confirm → report)        {r.wall:8.2f} s")
    print(
        f"  429 answers provoked                {r.rate_limited:8d}       target 0: "
        f"{'met' if r.rate_limited == 0 else 'MISSED'}"
        if r.limits
        else f"  429 answers                         {r.rate_limited:8d}"
    )
    print(f"  recipients reached / duplicates     {r.delivered:8d} / {r.duplicates}")
    print(f"  bot CPU per message                 {r.cpu_ms_per_message:8.2f} ms")
    print(f"  fake server (bench process) CPU per message {r.fake_cpu_ms_per_message:.2f} ms")
    print(f"  report: {r.report}")


async def main(args: argparse.Namespace) -> int:
    print(f"{os.cpu_count()} cores (nproc), Python {sys.version.split()[0]}")
    results = []
    with tempfile.TemporaryDirectory(prefix="broadcast-bench-") as tmp:
        workdir = Path(tmp)
        if args.only in {"both", "limited"}:
            results.append(await run("limited", args.recipients, 25.0, True, workdir, args.profile))
            show(results[-1])
        if args.only in {"both", "fast"}:
            results.append(await run("fast", args.recipients, 1000.0, False, workdir, args.profile, args.in_flight))
            show(results[-1])
    broken = [r.name for r in results if r.delivered != r.recipients or r.duplicates]
    if broken:
        print(f"\nBROKEN: {broken} (not every recipient got exactly one copy)")
        return 1
    return 0


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--recipients", type=int, default=3000)
    parser.add_argument("--profile", action="store_true", help="sample the bot with py-spy (slows it down)")
    parser.add_argument(
        "--in-flight", type=int, default=1, help="BROADCAST_IN_FLIGHT for the fast run (1: the crash guarantee)"
    )
    parser.add_argument("--only", choices=("both", "limited", "fast"), default="both")
    return parser.parse_args()


if __name__ == "__main__":
    sys.exit(asyncio.run(main(parse_args())))
