"""Organizers' data bench: the bot's memory, /stats and /export on a database of 100,000 residents and 10,000 ideas.

Run from the project root::

    .venv/bin/python bench/data_bench.py [--residents 100000] [--ideas 10000] [--json out.json]

1. Builds a database with the bot's own migrations, then fills it with plain ``sqlite3`` (the triggers keep
   ``supports_count`` as the bot would): ``--residents`` consenting residents spread over the region's
   territories (a few per cent blocked the bot, a few banned, with subscriptions), ``--ideas`` ideas over the
   four directions and all statuses, supports on the public ideas (a long tail: a few ideas collect most),
   and one finished broadcast to every eligible resident with its delivery results.
2. Starts the bare aiogram echo bot (bench/echo_bot.py) and then the real bot (``python -m bot``), each as its
   own process against the fake Bot API server of tests/fake_telegram (hosted in this process, as in
   bench/load.py, whose helpers are reused). The echo bot gets the same messages (one echo each).
3. A superadmin runs /stats (timed from the injected command to the arrival of both messages: the text and the
   chart) and then /export with each kind of data in each format (timed from the button press to the arrival
   of the document); every file is checked (CSV: BOM and row count; XLSX: a zip with the right row count).
4. Prints peak RSS (VmHWM from /proc, read just before SIGTERM) of both processes and the bot's excess over the
   echo bot against the target (≤ 60 MB).

Exit status is non-zero only if something breaks (a process dies, a reply does not come, a file is wrong),
never for a missed target.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import io
import json
import os
import random
import sqlite3
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.load import ADMIN_ID, TARGETS, TOKEN, BenchFake, BotProcess  # noqa: E402
from bot.consent import CONSENT_VERSION  # noqa: E402
from bot.services.territories import Territories  # noqa: E402
from bot.storage.db import Database  # noqa: E402

TARGET_RSS_DELTA_MB = 60.0
EXPORT_BUTTONS = [
    (kind, label, fmt)
    for kind, label in (
        ("ideas", "Идеи"),
        ("residents", "Жители"),
        ("supports", "Поддержки"),
        ("deliveries", "Рассылки"),
    )
    for fmt in ("CSV", "XLSX")
]
RESIDENT_BASE = 10_000_000
FIRST = ["Анна", "Иван", "Мария", "Алексей", "Елена", "Дмитрий", "Ольга", "Сергей", "Наталья", "Артём", "Дарья"]
LAST = ["Иванов", "Смирнова", "Кузнецов", "Попова", "Соколов", "Лебедева", "Козлов", "Новикова", None, None]
IDEA_TEXTS = (
    "Поставить скамейки и урны вдоль набережной Урала, сейчас там негде присесть",
    "Сделать освещение в сквере у школы, вечером там совсем темно и небезопасно",
    "Открыть бесплатный кружок робототехники для школьников в библиотеке",
    "Отремонтировать детскую площадку во дворе дома на улице Советской",
    "Организовать субботник и высадить деревья у дома культуры",
    "Стажировки для студентов колледжа на местных предприятиях с наставниками",
    "Пандус и тактильная плитка у поликлиники, чтобы колясочники могли войти сами",
)
STATUSES = (("new", 15), ("accepted", 40), ("in_progress", 10), ("implemented", 5), ("rejected", 25), ("duplicate", 5))
T0 = "2026-09-01T06:00:00+00:00"


# --------------------------------------------------------------------------- the database


@dataclass
class Seeded:
    residents: int = 0
    subscriptions: int = 0
    ideas: int = 0
    supports: int = 0
    deliveries: int = 0
    seconds: float = 0.0
    size_mb: float = 0.0


def _stamp(rng: random.Random) -> str:
    return f"2026-{rng.randint(9, 11):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00+00:00"


async def _migrate(path: Path) -> None:
    db = Database(path)
    await db.connect()  # runs the bot's migrations: the schema is exactly the bot's
    await db.close()


def build_database(path: Path, residents: int, ideas: int, seed: int = 7) -> Seeded:
    started = time.perf_counter()
    rng = random.Random(seed)
    codes = [t.code for t in Territories.load().items] + ["other"]
    weights = [1 / (i + 1) ** 0.9 for i in range(len(codes))]  # Orenburg first and largest
    out = Seeded()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    with conn:
        users = []
        subs = []
        for n in range(residents):
            uid = RESIDENT_BASE + n
            last = rng.choice(LAST)
            users.append(
                (
                    uid,
                    "ru" if rng.random() < 0.9 else "en",
                    "accepted",
                    CONSENT_VERSION,
                    T0,
                    rng.choice(FIRST),
                    last,
                    f"user{uid}" if rng.random() < 0.6 else None,
                    rng.choices(codes, weights)[0],
                    T0,
                    0 if rng.random() < 0.04 else 1,  # blocked the bot
                    T0 if rng.random() < 0.005 else None,  # banned
                    0 if rng.random() < 0.03 else 1,  # announcements
                    T0,
                    T0,
                )
            )
            for direction in (1, 2, 3, 4):
                if rng.random() < 0.35:
                    subs.append((uid, direction, T0))
        conn.executemany(
            "INSERT INTO users (id, language, consent_status, consent_version, consent_at, first_name, last_name, "
            "username, territory_code, onboarded_at, is_active, banned_at, announcements, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            users,
        )
        conn.executemany("INSERT INTO subscriptions (user_id, direction_id, created_at) VALUES (?, ?, ?)", subs)
        out.residents, out.subscriptions = residents, len(subs)
        del users, subs

        statuses = [s for s, _ in STATUSES]
        status_weights = [w for _, w in STATUSES]
        rows = []
        public: list[int] = []
        for idea_id in range(1, ideas + 1):
            status = rng.choices(statuses, status_weights)[0]
            text = rng.choice(IDEA_TEXTS) + ". " + " ".join(rng.choice(IDEA_TEXTS) for _ in range(rng.randint(0, 3)))
            created = _stamp(rng)
            decided = None if status == "new" else created
            rows.append(
                (
                    idea_id,
                    RESIDENT_BASE + rng.randrange(residents),
                    text,
                    rng.choices(codes, weights)[0],
                    rng.randint(1, 4),
                    status,
                    decided,
                    created,
                    created,
                )
            )
            if status in ("accepted", "in_progress", "implemented"):
                public.append(idea_id)
        conn.executemany(
            "INSERT INTO ideas (id, author_id, text, territory_code, direction_id, status, decided_at, card_pending, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
            rows,
        )
        out.ideas = ideas
        del rows

        supports = []
        for idea_id in public:
            count = min(residents, int(rng.paretovariate(1.1) * 8) - 4)
            if count <= 0:
                continue
            for user in rng.sample(range(residents), count):
                supports.append((idea_id, RESIDENT_BASE + user, T0))
        conn.executemany("INSERT INTO supports (idea_id, user_id, created_at) VALUES (?, ?, ?)", supports)
        out.supports = len(supports)
        del supports

        eligible = [
            r[0]
            for r in conn.execute(
                "SELECT id FROM users WHERE consent_status = 'accepted' AND is_active = 1 AND announcements = 1 "
                "AND banned_at IS NULL ORDER BY id"
            )
        ]
        conn.execute(
            "INSERT INTO broadcasts (id, token, created_by, source_chat_id, source_message_id, audience_kind, total, "
            "status, report_sent, created_at, finished_at) VALUES (1, 'bench', ?, ?, 1, 'all', ?, 'done', 1, ?, ?)",
            (ADMIN_ID, ADMIN_ID, len(eligible), T0, T0),
        )
        deliveries = []
        for seq, uid in enumerate(eligible, start=1):
            roll = rng.random()
            if roll < 0.93:
                status, error = "sent", None
            elif roll < 0.98:
                status, error = "blocked", "Forbidden: bot was blocked by the user"
            elif roll < 0.995:
                status, error = "failed", "Bad Request: chat not found"
            else:
                status, error = "unknown", "timeout"
            deliveries.append((1, seq, uid, status, seq if status == "sent" else None, error, T0))
        conn.executemany(
            "INSERT INTO deliveries (broadcast_id, seq, user_id, status, message_id, error, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            deliveries,
        )
        out.deliveries = len(deliveries)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("ANALYZE")
    conn.close()
    out.seconds = time.perf_counter() - started
    out.size_mb = path.stat().st_size / 1024 / 1024
    return out


# --------------------------------------------------------------------------- the processes


@dataclass
class ExportResult:
    kind: str
    fmt: str
    seconds: float
    rows: int
    size_mb: float


@dataclass
class TargetResult:
    name: str
    startup: float = 0.0
    idle_mb: float = 0.0
    peak_mb: float = 0.0
    stats_seconds: float = 0.0
    stats_chars: int = 0
    chart_kb: float = 0.0
    exports: list[ExportResult] = field(default_factory=list)
    exit_code: int | None = None


def _env(fake: BenchFake, db_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "BOT_TOKEN": TOKEN,
        "ADMIN_IDS": str(ADMIN_ID),
        "DATABASE_PATH": str(db_path),
        "TELEGRAM_API_URL": fake.base_url,
        "POLLING_TIMEOUT": "10",
        "REQUEST_TIMEOUT": "60",
        "LOG_LEVEL": "WARNING",
        "FLOOD_LIMIT": "0",  # simulated people write faster than people do
        "TELEGRAM_RATE": "0",  # the bot's own cost per update is measured, not Telegram's limits
        "PYTHONDONTWRITEBYTECODE": "1",
    }


def check_file(name: str, data: bytes, fmt: str, rows: int) -> None:
    if fmt == "CSV":
        if not data.startswith(b"\xef\xbb\xbf"):
            raise AssertionError(f"{name}: no UTF-8 BOM")
        read = sum(1 for _ in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
        if read != rows + 1:
            raise AssertionError(f"{name}: {read} CSV records, expected {rows} rows and a header")
    else:
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            sheet = book.read("xl/worksheets/sheet1.xml")
        found = sheet.count(b"<row ")
        if found != rows + 1:
            raise AssertionError(f"{name}: {found} XLSX rows, expected {rows} rows and a header")


async def run_target(name: str, db_path: Path, workdir: Path, expected: dict[str, int]) -> TargetResult:
    result = TargetResult(name)
    fake = BenchFake()
    await fake.start(host="127.0.0.1", port=0)
    proc = BotProcess(fake, list(TARGETS[name]), _env(fake, db_path), workdir / f"{name}.log")
    admin = fake.user(ADMIN_ID, first_name="Ольга", last_name="Админова", language_code="ru")
    try:
        result.startup = await proc.start()
        result.idle_mb = proc.idle_rss_kb / 1024
        print(f"[{name}] started in {result.startup:.1f}s (pid {proc.pid}, RSS {result.idle_mb:.0f} MB)")

        started = time.perf_counter()
        await admin.send_command("/stats")
        first = await admin.expect_message(timeout=120)
        if name == "bot":
            chart = await admin.expect_message(timeout=120)
            result.stats_seconds = time.perf_counter() - started
            png = fake.file_data(chart.photo or "") or b""
            if chart.kind != "photo" or not png.startswith(b"\x89PNG\r\n\x1a\n"):
                raise AssertionError(f"/stats: expected a PNG chart, got {chart.summary()}")
            result.stats_chars = len(first.html or "")
            result.chart_kb = len(png) / 1024
            if f"{expected['residents']:,}".replace(",", "\xa0") not in (first.text or ""):
                raise AssertionError(f"/stats does not show {expected['residents']} residents: {first.text}")
        else:
            result.stats_seconds = time.perf_counter() - started
        print(f"[{name}] /stats answered in {result.stats_seconds:.2f}s")

        await admin.send_command("/export")
        menu = await admin.expect_message(timeout=60)
        for kind, label, fmt in EXPORT_BUTTONS:
            started = time.perf_counter()
            if name == "bot":
                await admin.press(menu, f"{label} · {fmt}", timeout=120)
                document = await admin.expect_message(timeout=600)
                seconds = time.perf_counter() - started
                if document.kind != "document" or not document.document_bytes:
                    raise AssertionError(f"export {kind}/{fmt}: expected a document, got {document.summary()}")
                data = document.document_bytes
                check_file(document.document_name or kind, data, fmt, expected[kind])
                result.exports.append(ExportResult(kind, fmt, seconds, expected[kind], len(data) / 1024 / 1024))
                print(f"[{name}] export {kind}/{fmt}: {seconds:.2f}s, {len(data) / 1024 / 1024:.1f} MB")
            else:  # the echo bot gets the same number of messages
                await admin.send(f"/export {kind} {fmt}")
                await admin.expect_message(timeout=60)
        proc.check_alive()
    finally:
        try:
            result.exit_code = await proc.stop()
        finally:
            proc.kill()
            await fake.stop()
        result.peak_mb = proc.peak_kb / 1024
    refused = [(r.method, r.error) for r in fake.refused]
    if refused:
        raise AssertionError(f"{name}: requests refused by the fake: {refused[:3]}")
    return result


def expected_rows(db_path: Path) -> dict[str, int]:
    conn = sqlite3.connect(db_path)
    try:
        one = lambda sql: int(conn.execute(sql).fetchone()[0])  # noqa: E731
        return {
            "residents": one("SELECT count(*) FROM users WHERE consent_status = 'accepted'"),
            "ideas": one("SELECT count(*) FROM ideas"),
            "supports": one("SELECT count(*) FROM supports"),
            "deliveries": one("SELECT count(*) FROM deliveries"),
        }
    finally:
        conn.close()


async def main(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="data-bench-") as tmp:
        workdir = Path(tmp)
        db_path = workdir / "bot.sqlite3"
        await _migrate(db_path)
        seeded = await asyncio.to_thread(build_database, db_path, args.residents, args.ideas)
        print(
            f"database: {seeded.residents} residents, {seeded.subscriptions} subscriptions, {seeded.ideas} ideas, "
            f"{seeded.supports} supports, {seeded.deliveries} deliveries; {seeded.size_mb:.0f} MB, "
            f"built in {seeded.seconds:.1f}s"
        )
        expected = expected_rows(db_path)
        results: dict[str, TargetResult] = {}
        for name in ("echo", "bot"):
            try:
                results[name] = await run_target(name, db_path, workdir, expected)
            except Exception as exc:
                print(f"[{name}] FAILED: {exc!r}", file=sys.stderr)
                log = workdir / f"{name}.log"
                if log.exists():
                    print(f"---- {name} log (tail) ----\n{log.read_text(errors='replace')[-3000:]}", file=sys.stderr)
                return 1
            log_text = (workdir / f"{name}.log").read_text(errors="replace")
            if "Traceback" in log_text or " ERROR " in log_text:
                print(f"[{name}] errors in the log:\n{log_text[-3000:]}", file=sys.stderr)
                return 1
    summary = report(results, seeded, args)
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0 if all(r.exit_code == 0 for r in results.values()) else 1


def report(results: dict[str, TargetResult], seeded: Seeded, args: argparse.Namespace) -> dict[str, Any]:
    bot, echo = results["bot"], results["echo"]
    delta = bot.peak_mb - echo.peak_mb
    print()
    print(f"machine: {os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), Python {sys.version.split()[0]}")
    print("| | bot | echo |\n|---|---|---|")
    print(f"| RSS after start-up, MB | {bot.idle_mb:.1f} | {echo.idle_mb:.1f} |")
    print(f"| peak RSS (VmHWM), MB | {bot.peak_mb:.1f} | {echo.peak_mb:.1f} |")
    met = "yes" if delta <= TARGET_RSS_DELTA_MB else "NO"
    print(f"\nbot − echo peak RSS: {delta:+.1f} MB (target ≤ {TARGET_RSS_DELTA_MB:.0f} MB): {met}")
    print(
        f"/stats: {bot.stats_seconds:.2f}s (command → text and chart), text {bot.stats_chars} chars, chart {bot.chart_kb:.0f} KB"
    )
    print("\n| export | rows | format | seconds | file MB |\n|---|---|---|---|---|")
    for e in bot.exports:
        print(f"| {e.kind} | {e.rows} | {e.fmt} | {e.seconds:.2f} | {e.size_mb:.1f} |")
    return {
        "seeded": seeded.__dict__,
        "nproc": len(os.sched_getaffinity(0)),
        "bot": {**bot.__dict__, "exports": [e.__dict__ for e in bot.exports]},
        "echo": {**echo.__dict__, "exports": []},
        "rss_delta_mb": delta,
        "target_rss_delta_mb": TARGET_RSS_DELTA_MB,
        "args": {"residents": args.residents, "ideas": args.ideas},
    }


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--residents", type=int, default=100_000)
    parser.add_argument("--ideas", type=int, default=10_000)
    parser.add_argument("--json", type=Path, help="also write the summary as JSON here")
    return parser.parse_args()


if __name__ == "__main__":
    sys.exit(asyncio.run(main(parse_args())))
