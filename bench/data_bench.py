"""Organizers' data bench: the bot's memory, /stats and /export on a database of 100,000 residents and 10,000 ideas.

Run from the project root::

    .venv/bin/python -m bench.data_bench [--residents 100000] [--ideas 10000] [--json out.json]

1. Builds the organizers' data set (``bench.harness.build_database``): a database with the bot's own
   migrations filled with ``--residents`` consenting residents spread over the region's territories (a few
   per cent blocked the bot, a few banned, with subscriptions), ``--ideas`` ideas over the four directions and
   all statuses, supports on the public ideas (a long tail: a few ideas collect most), and one finished
   broadcast to every eligible resident with its delivery results; then (``seed_projects``) about a third of the
   public ideas become projects (issue 15) with a leader, people who offered to help, needs, experts and survey
   answers on the implemented ones.
2. Starts the bare aiogram echo bot (``python -m bench.echo_bot``) and then the real bot (``python -m bot``),
   each as its own process against the fake Bot API server of fake_telegram (hosted in this process).
   The echo bot gets the same messages (one echo each).
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
import csv
import io
import random
import sqlite3
import sys
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from bench.harness import (
    BOT,
    DATA_RESIDENT_BASE,
    ECHO,
    BotProcess,
    Figures,
    QuietFake,
    bot_env,
    data_set,
    organizer,
    parser,
    row_counts,
    run,
    workdir,
)

TARGET_RSS_DELTA_MB = 60.0
TARGETS = {"bot": BOT, "echo": ECHO}
SETTINGS = {"REQUEST_TIMEOUT": "60", "TELEGRAM_RATE": "0"}  # the bot's own cost is measured, not Telegram's limits
EXPORT_BUTTONS = [
    (kind, label, fmt)
    for kind, label in (
        ("ideas", "Идеи"),
        ("residents", "Жители"),
        ("supports", "Поддержки"),
        ("deliveries", "Рассылки"),
        ("projects", "Проекты"),
        ("team", "Команды"),
    )
    for fmt in ("CSV", "XLSX")
]


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


async def run_target(name: str, db_path: Path, work: Path, expected: dict[str, int]) -> TargetResult:
    result = TargetResult(name)
    async with QuietFake() as fake:
        proc = BotProcess(fake, bot_env(fake, db_path, **SETTINGS), work / f"{name}.log", TARGETS[name])
        admin = organizer(fake, last_name="Админова")
        async with proc:
            result.startup = proc.startup
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
        result.exit_code = proc.exit_code
        result.peak_mb = proc.peak_kb / 1024
    refused = [(r.method, r.error) for r in fake.refused]
    if refused:
        raise AssertionError(f"{name}: requests refused by the fake: {refused[:3]}")
    if proc.log_errors():
        raise AssertionError(f"{name}: errors in the log\n{proc.log_tail()}")
    return result


PROJECT_SHARE = 0.3  # of the public ideas
STAGES = ("seeking_leader", "gathering_team", "in_work", "paused")
HELP = ('["hands"]', '["skills"]', '["resources", "contacts"]', "[]")
PEOPLE_STATUSES = ("applied", "accepted", "accepted", "declined", "left")
ANSWERS = ("yes", "yes", "partly", "no", None)
EXPERTS = 20
STAMP = "2026-10-01T06:00:00+00:00"


def seed_projects(path: Path, residents: int, seed: int = 15) -> int:
    """Projects on about PROJECT_SHARE of the public ideas: a leader (on all but those still looking for one),
    0–12 people who offered (every status), needs, up to three experts, and on implemented ideas their people's
    survey answers. Returns the number of projects."""
    rng = random.Random(seed)
    people: list[tuple[object, ...]] = []
    projects: list[tuple[object, ...]] = []
    attached: list[tuple[object, ...]] = []
    surveys: list[tuple[object, ...]] = []
    with sqlite3.connect(path) as conn:
        ideas = conn.execute(
            "SELECT id, status FROM ideas WHERE status IN ('accepted', 'in_progress', 'implemented') "
            "AND hidden_at IS NULL ORDER BY id"
        ).fetchall()
        conn.executemany(
            "INSERT INTO experts (id, name, field, region, contact, consented, created_by, created_at) "
            "VALUES (?, ?, ?, ?, ?, 1, 1, ?)",
            [
                (n + 1, f"Эксперт {n + 1}", "право", None if n % 3 else "Оренбург", "+7 900 000-00-00", STAMP)
                for n in range(EXPERTS)
            ],
        )
        for idea_id, status in ideas:
            if rng.random() >= PROJECT_SHARE:
                continue
            stage = (
                "implemented"
                if status == "implemented"
                else "in_work"
                if status == "in_progress"
                else rng.choice(STAGES)
            )
            who = rng.sample(range(residents), min(residents, rng.randint(1, 13)))
            leader = None if stage == "seeking_leader" else DATA_RESIDENT_BASE + who[0]
            if leader is not None:
                people.append(
                    (
                        idea_id,
                        leader,
                        "leader",
                        "accepted",
                        "[]",
                        "Веду дворовые проекты.",
                        STAMP if rng.random() < 0.5 else None,
                        STAMP,
                    )
                )
            for n in who[1:]:
                people.append(
                    (
                        idea_id,
                        DATA_RESIDENT_BASE + n,
                        "member",
                        rng.choice(PEOPLE_STATUSES),
                        rng.choice(HELP),
                        None,
                        STAMP if rng.random() < 0.5 else None,
                        STAMP,
                    )
                )
            needs = "юрист, 5 волонтёров на субботник" if rng.random() < 0.4 else None
            projects.append((idea_id, stage, leader, needs, STAMP, STAMP))
            for expert in rng.sample(range(1, EXPERTS + 1), rng.randint(0, 3)):
                attached.append((idea_id, expert, 1, STAMP))
            if status == "implemented":
                for n in who:
                    surveys.append((idea_id, DATA_RESIDENT_BASE + n, "result", rng.choice(ANSWERS), STAMP))
        conn.executemany(
            "INSERT INTO projects (idea_id, stage, leader_id, needs, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
            projects,
        )
        conn.executemany(
            "INSERT INTO project_people (idea_id, user_id, role, status, help, note, contact_ok, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            people,
        )
        conn.executemany("INSERT INTO project_experts VALUES (?, ?, ?, ?)", attached)
        conn.executemany(
            "INSERT INTO project_surveys (idea_id, user_id, round, answer, asked_at) VALUES (?, ?, ?, ?, ?)", surveys
        )
    print(f"projects: {len(projects)}, with {len(people)} people who offered, {len(surveys)} survey rows")
    return len(projects)


def expected_rows(db_path: Path) -> dict[str, int]:
    return row_counts(
        db_path,
        residents="SELECT count(*) FROM users WHERE consent_status = 'accepted'",
        ideas="SELECT count(*) FROM ideas",
        supports="SELECT count(*) FROM supports",
        deliveries="SELECT count(*) FROM deliveries",
        projects="SELECT count(*) FROM ideas WHERE status IN ('accepted', 'in_progress', 'implemented') "
        "AND hidden_at IS NULL",
        team="SELECT count(*) FROM project_people",
    )


async def main(args: argparse.Namespace) -> int:
    out = Figures("data")
    with workdir("data-bench") as work:
        db_path = work / "bot.sqlite3"
        await data_set(db_path, args.residents, args.ideas)
        seed_projects(db_path, args.residents)
        expected = expected_rows(db_path)
        results: dict[str, TargetResult] = {}
        for name in ("echo", "bot"):
            try:
                results[name] = await run_target(name, db_path, work, expected)
            except Exception as exc:
                print(f"[{name}] FAILED: {exc!r}", file=sys.stderr)
                log = work / f"{name}.log"
                if log.exists():
                    print(f"---- {name} log (tail) ----\n{log.read_text(errors='replace')[-3000:]}", file=sys.stderr)
                return 1
    report(out, results)
    return out.finish(args.json)


def report(out: Figures, results: dict[str, TargetResult]) -> None:
    bot, echo = results["bot"], results["echo"]
    delta = bot.peak_mb - echo.peak_mb
    out.section("memory")
    out.table(
        ["bot", "echo"],
        [
            ("RSS after start-up, MB", [bot.idle_mb, echo.idle_mb], ""),
            ("peak RSS (VmHWM), MB", [bot.peak_mb, echo.peak_mb], ""),
        ],
    )
    out.figure(
        "peak RSS bot − echo", delta, "MB", target=f"≤ {TARGET_RSS_DELTA_MB:.0f} MB", met=delta <= TARGET_RSS_DELTA_MB
    )
    out.section("/stats (command → text and chart)")
    out.figure("/stats", bot.stats_seconds, "s", digits=2)
    out.figure("text", bot.stats_chars, "chars")
    out.figure("chart", bot.chart_kb, "KB", digits=0)
    out.section("exports (button → document)")
    out.table(
        ["seconds", "file MB"],
        [(f"{e.kind} {e.fmt} ({e.rows} rows)", [e.seconds, e.size_mb], "") for e in bot.exports],
        digits=2,
    )
    out.check("both processes exited cleanly", all(r.exit_code == 0 for r in results.values()))


def flags() -> argparse.ArgumentParser:
    result = parser(__doc__)
    result.add_argument("--residents", type=int, default=100_000)
    result.add_argument("--ideas", type=int, default=10_000)
    return result


if __name__ == "__main__":
    run(main, flags())
