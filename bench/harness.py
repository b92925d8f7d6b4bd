"""What every bench needs, once: the fake Bot API server, the bot as its own process, the organizers' data set
and counting its rows, RSS and CPU of a process, py-spy profiles, printing the figures, the common flags.
Residents seeded with a chat the bot can reach come from tests/support/seeding.py (``seed_reachable``), as in
the tests.

A bench runs the real bot (``python -m bot``, or the bare echo bot ``python -m bench.echo_bot``) as a child
process with a fresh database in a temporary folder, against the fake Bot API of fake_telegram hosted in
the bench process (without request recording or update validation, which would cost more than the bot).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import random
import shutil
import signal
import sqlite3
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any, NoReturn, Self

from bot.config import Settings
from bot.consent import CONSENT_VERSION
from bot.services.territories import Territories
from fake_telegram import FakeTelegram, ScriptedUser
from fake_telegram.models import UploadedFile
from tests.support.seeding import migrate

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456:BENCH-token_for-fake"
BOT_ID = 123456
ADMIN_ID = 9001  # the superadmin (ADMIN_IDS), who plays the organizer
CLK_TCK = os.sysconf("SC_CLK_TCK")

BOT = [sys.executable, "-m", "bot"]
ECHO = [sys.executable, "-m", "bench.echo_bot"]  # the reference: a bare aiogram echo bot


def runner(target: str) -> list[str]:
    """The bot or the echo bot through bench/bot_runner.py (bench-only counters and what-if patches)."""
    return [sys.executable, "-m", "bench.bot_runner", target]


# --------------------------------------------------------------------------- the fake Bot API server


class QuietFake(FakeTelegram):
    """The fake server without request recording or update validation. ``async with QuietFake() as fake``
    serves on 127.0.0.1 (a free port) for the block."""

    def __init__(self) -> None:
        super().__init__(
            token=TOKEN,
            bot_id=BOT_ID,
            bot_username="ideas_bot",
            bot_first_name="Ideas",
            record_requests=False,
            validate_updates=False,
        )

    async def __aenter__(self) -> Self:
        await self.start(host="127.0.0.1", port=0)
        return self


class CopyStampingFake(QuietFake):
    """Stamps every broadcast copy (``copyMessage``) that reaches a recipient other than the organizer, and counts
    duplicates: the achieved rate is measured here, from the first to the last copy."""

    def __init__(self) -> None:
        super().__init__()
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

    def achieved_rate(self) -> float:
        """Copies per second from the first to the last one."""
        stamps = self.stamps
        return (len(stamps) - 1) / (stamps[-1] - stamps[0]) if len(stamps) > 1 else 0.0


def organizer(fake: FakeTelegram, **details: Any) -> ScriptedUser:
    """The superadmin (ADMIN_ID), writing in Russian."""
    return fake.user(ADMIN_ID, **{"first_name": "Ольга", "language_code": "ru", **details})


# --------------------------------------------------------------------------- the bot as a process


def clean_environ() -> dict[str, str]:
    """This process's environment without any of the bot's settings (an operator's BOT_TOKEN or TELEGRAM_PROXY
    must not change the figures), with the project importable from any folder."""
    names = {name.upper() for name in Settings.model_fields}
    env = {key: value for key, value in os.environ.items() if key.upper() not in names}
    env["PYTHONPATH"] = str(ROOT)
    return env


def bot_env(fake: FakeTelegram, db_path: Path, **settings: str | None) -> dict[str, str]:
    """The bot's environment against ``fake``: the superadmin, WARNING logs, no flood guard (simulated people
    write faster than people), no daily backup. ``settings`` add or override; ``None`` drops one (its default)."""
    env = {
        **clean_environ(),
        "BOT_TOKEN": TOKEN,
        "ADMIN_IDS": str(ADMIN_ID),
        "DATABASE_PATH": str(db_path),
        "TELEGRAM_API_URL": fake.base_url,
        "POLLING_TIMEOUT": "10",  # production's: under load a long poll returns as soon as an update is queued
        "REQUEST_TIMEOUT": "30",
        "LOG_LEVEL": "WARNING",
        "FLOOD_LIMIT": "0",
        "BACKUP_TIME": "",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    for name, value in settings.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def read_status(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak RSS), kB, of a live process."""
    values: dict[str, int] = {}
    with contextlib.suppress(OSError), open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0])
    return values


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (all threads), from /proc/<pid>/stat."""
    with contextlib.suppress(OSError), open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK
    return 0.0


class BotProcess:
    """The bot (or ``cmd``) as a child process polling ``fake``; its output goes to ``log_path``, and it runs in
    that file's folder (not the checkout: an operator's .env there must not change the figures).

    ``start()`` returns once it made its first getUpdates; its RSS is sampled every 0.2 s meanwhile
    (``max_rss_kb``), and ``stop()`` reads the peak (VmHWM) just before SIGTERM. ``async with`` starts it and
    always stops it."""

    def __init__(self, fake: FakeTelegram, env: dict[str, str], log_path: Path, cmd: Sequence[str] = BOT) -> None:
        self.fake = fake
        self.env = env
        self.log_path = log_path
        self.cmd = list(cmd)
        self.proc: asyncio.subprocess.Process | None = None
        self.startup = 0.0  # seconds from the start to the first getUpdates
        self.idle_rss_kb = 0  # right after start-up
        self.max_rss_kb = 0
        self.peak_kb = 0
        self.stop_seconds = 0.0  # SIGTERM → exit
        self.exit_code: int | None = None
        self._sampler: asyncio.Task[None] | None = None

    @property
    def pid(self) -> int:
        assert self.proc is not None, "start() first"
        return self.proc.pid

    def cpu_seconds(self) -> float:
        return cpu_seconds(self.pid)

    async def start(self, timeout: float = 60.0) -> float:  # noqa: ASYNC109
        polls_before = self.fake.count_requests("getUpdates")
        started = time.perf_counter()
        with self.log_path.open("ab") as log:
            self.proc = await asyncio.create_subprocess_exec(
                *self.cmd,
                cwd=self.log_path.parent,
                env=self.env,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=log,
                stderr=log,
            )
        while self.fake.count_requests("getUpdates") <= polls_before:
            if self.proc.returncode is not None:
                raise RuntimeError(f"{self.cmd} exited with {self.proc.returncode} at start-up; see {self.log_path}")
            if time.perf_counter() - started > timeout:
                raise RuntimeError(f"{self.cmd} did not poll within {timeout}s; see {self.log_path}")
            with contextlib.suppress(AssertionError):  # not yet: look at the process again
                await self.fake.wait_for_request("getUpdates", after=polls_before, timeout=0.1)
        self.startup = time.perf_counter() - started
        self.idle_rss_kb = read_status(self.pid).get("VmRSS", 0)
        self._sampler = asyncio.create_task(self._sample())
        return self.startup

    async def _sample(self) -> None:
        while self.proc is not None and self.proc.returncode is None:
            self.max_rss_kb = max(self.max_rss_kb, read_status(self.proc.pid).get("VmRSS", 0))
            await asyncio.sleep(0.2)

    def check_alive(self) -> None:
        if self.proc is None or self.proc.returncode is not None:
            raise RuntimeError(f"{self.cmd} died (exit {self.proc and self.proc.returncode}); see {self.log_path}")

    async def stop(self, timeout: float = 20.0) -> int:  # noqa: ASYNC109
        """SIGTERM, then SIGKILL after ``timeout`` seconds; the exit code."""
        if self.proc is None:
            return self.exit_code or 0
        proc = self.proc
        if proc.returncode is None:
            status = read_status(proc.pid)
            self.peak_kb = status.get("VmHWM", 0)
            self.max_rss_kb = max(self.max_rss_kb, status.get("VmRSS", 0))
            signalled = time.perf_counter()
            proc.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(proc.wait(), timeout)
            except TimeoutError:
                proc.kill()
                await proc.wait()
            self.stop_seconds = time.perf_counter() - signalled
        if self._sampler is not None:
            self._sampler.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._sampler
        self.exit_code = proc.returncode
        self.proc = None
        return proc.returncode if proc.returncode is not None else -1

    def kill(self) -> None:
        if self.proc is not None and self.proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.proc.kill()

    async def __aenter__(self) -> BotProcess:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        try:
            await self.stop()
        finally:
            self.kill()

    def log_text(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""

    def log_errors(self) -> int:
        """Tracebacks and ERROR lines in the process's log."""
        text = self.log_text()
        return text.count("Traceback") + text.count(" ERROR ") + text.count("ERROR:")

    def log_tail(self, chars: int = 3000) -> str:
        return f"---- {self.log_path.name} (tail) ----\n{self.log_text()[-chars:]}"


@contextlib.contextmanager
def workdir(name: str) -> Iterator[Path]:
    """A temporary folder for the databases and logs of one bench run, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix=f"{name}-", ignore_cleanup_errors=True) as tmp:
        yield Path(tmp)


# --------------------------------------------------------------------------- the organizers' data set


@dataclass
class Seeded:
    residents: int = 0
    subscriptions: int = 0
    ideas: int = 0
    supports: int = 0
    deliveries: int = 0
    seconds: float = 0.0
    size_mb: float = 0.0


DATA_RESIDENT_BASE = 10_000_000
_FIRST = ["Анна", "Иван", "Мария", "Алексей", "Елена", "Дмитрий", "Ольга", "Сергей", "Наталья", "Артём", "Дарья"]
_LAST = ["Иванов", "Смирнова", "Кузнецов", "Попова", "Соколов", "Лебедева", "Козлов", "Новикова", None, None]
_IDEA_TEXTS = (
    "Поставить скамейки и урны вдоль набережной Урала, сейчас там негде присесть",
    "Сделать освещение в сквере у школы, вечером там совсем темно и небезопасно",
    "Открыть бесплатный кружок робототехники для школьников в библиотеке",
    "Отремонтировать детскую площадку во дворе дома на улице Советской",
    "Организовать субботник и высадить деревья у дома культуры",
    "Стажировки для студентов колледжа на местных предприятиях с наставниками",
    "Пандус и тактильная плитка у поликлиники, чтобы колясочники могли войти сами",
)
_STATUSES = (("new", 15), ("accepted", 40), ("in_progress", 10), ("implemented", 5), ("rejected", 25), ("duplicate", 5))
_T0 = "2026-09-01T06:00:00+00:00"


def _stamp(rng: random.Random) -> str:
    return f"2026-{rng.randint(9, 11):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00+00:00"


def build_database(path: Path, residents: int, ideas: int, seed: int = 7) -> Seeded:
    """Fill a migrated database (``migrate``) with the organizers' data set, through plain ``sqlite3`` (the
    triggers keep ``supports_count`` as the bot would): ``residents`` consenting residents over the region's
    territories and "another place" (4 % blocked the bot, 0.5 % banned, ~1.4 subscriptions each), ``ideas``
    ideas over the four directions and all six statuses, supports on the public ideas (a long tail: a few ideas
    collect most), and one finished broadcast to every eligible resident with its delivery results."""
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
            uid = DATA_RESIDENT_BASE + n
            last = rng.choice(_LAST)
            users.append(
                (
                    uid,
                    "ru" if rng.random() < 0.9 else "en",
                    "accepted",
                    CONSENT_VERSION,
                    _T0,
                    rng.choice(_FIRST),
                    last,
                    f"user{uid}" if rng.random() < 0.6 else None,
                    rng.choices(codes, weights)[0],
                    _T0,
                    0 if rng.random() < 0.04 else 1,  # blocked the bot
                    _T0 if rng.random() < 0.005 else None,  # banned
                    0 if rng.random() < 0.03 else 1,  # announcements
                    _T0,
                    _T0,
                )
            )
            for direction in (1, 2, 3, 4):
                if rng.random() < 0.35:
                    subs.append((uid, direction, _T0))
        conn.executemany(
            "INSERT INTO users (id, language, consent_status, consent_version, consent_at, first_name, last_name, "
            "username, territory_code, onboarded_at, is_active, banned_at, announcements, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            users,
        )
        conn.executemany("INSERT INTO subscriptions (user_id, direction_id, created_at) VALUES (?, ?, ?)", subs)
        out.residents, out.subscriptions = residents, len(subs)
        del users, subs

        statuses = [s for s, _ in _STATUSES]
        status_weights = [w for _, w in _STATUSES]
        rows = []
        public: list[int] = []
        for idea_id in range(1, ideas + 1):
            status = rng.choices(statuses, status_weights)[0]
            text = rng.choice(_IDEA_TEXTS) + ". " + " ".join(rng.choice(_IDEA_TEXTS) for _ in range(rng.randint(0, 3)))
            created = _stamp(rng)
            decided = None if status == "new" else created
            rows.append(
                (
                    idea_id,
                    DATA_RESIDENT_BASE + rng.randrange(residents),
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
                supports.append((idea_id, DATA_RESIDENT_BASE + user, _T0))
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
            (ADMIN_ID, ADMIN_ID, len(eligible), _T0, _T0),
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
            deliveries.append((1, seq, uid, status, seq if status == "sent" else None, error, _T0))
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


async def data_set(path: Path, residents: int, ideas: int) -> Seeded:
    """``migrate`` and ``build_database`` (in a worker thread), printing what was built."""
    await migrate(path)
    seeded = await asyncio.to_thread(build_database, path, residents, ideas)
    print(
        f"database: {seeded.residents} residents, {seeded.subscriptions} subscriptions, {seeded.ideas} ideas, "
        f"{seeded.supports} supports, {seeded.deliveries} deliveries; {seeded.size_mb:.0f} MB, "
        f"built in {seeded.seconds:.1f}s"
    )
    return seeded


def row_counts(path: Path, **queries: str) -> dict[str, int]:
    """What each ``SELECT count(*) …`` query finds in the database at ``path``, by the query's name."""
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return {name: int(conn.execute(sql).fetchone()[0]) for name, sql in queries.items()}


# --------------------------------------------------------------------------- profiling with py-spy


def _py_spy_binary() -> str:
    candidate = Path(sys.executable).with_name("py-spy")
    if candidate.exists():
        return str(candidate)
    found = shutil.which("py-spy")
    if found is None:
        raise RuntimeError("--profile needs py-spy: .venv/bin/pip install py-spy (and ptrace)")
    return found


@contextlib.asynccontextmanager
async def py_spy(pid: int | None, output: Path, native: bool = False) -> AsyncIterator[None]:
    """Sample process ``pid`` at 100 Hz with py-spy during the block (``pid`` None: do nothing), then print where
    its busy time went (``print_py_spy``). ``native`` adds C frames (GC, GIL waits)."""
    if pid is None:
        yield
        return
    # Blocking sampling (the default): --nonblocking reads torn stacks and credits time to the wrong frames.
    spy = await asyncio.create_subprocess_exec(
        _py_spy_binary(),
        "record",
        "--pid",
        str(pid),
        "--rate",
        "100",
        "--format",
        "raw",
        *(["--native"] if native else []),
        "--output",
        str(output),
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    await asyncio.sleep(0.5)  # let it attach
    try:
        yield
    finally:
        if spy.returncode is None:
            spy.send_signal(signal.SIGINT)
            try:
                await asyncio.wait_for(spy.wait(), 20)
            except TimeoutError:
                spy.kill()
                await spy.wait()
    print_py_spy(output)


def _frame_key(frame: str) -> str:
    """``func (path/file.py:123)`` -> ``path/file.py:func``."""
    func, _, where = frame.rpartition(" (")
    path = where.rstrip(")").rsplit(":", 1)[0]
    return f"{path}:{func}" if func else frame


def _area(path: str) -> str:
    if path.startswith("bot/"):
        return "bot/ (project code)"
    for name in ("aiogram", "pydantic", "aiohttp", "aiosqlite", "fluent", "asyncio", "json", "sqlite3", "yarl"):
        if f"{name}/" in path or path.startswith(name):
            return name
    return path.split("/", 1)[0] if "/" in path else "other"


# Where a sample goes: the first category whose marker is in its stack (order matters).
CATEGORIES = (
    ("garbage collector (native frames only)", ("gc_collect_main",)),
    ("pydantic builds Response[...] classes again (check_response)", ("create_generic_submodel",)),
    ("database thread (aiosqlite worker: sqlite + queue)", ("_connection_worker_thread",)),
    ("thread-pool workers (sync filters run via to_thread)", ("concurrent/futures/thread.py:_worker",)),
    ("getUpdates: request + parsing the updates", ("Dispatcher._listen_updates",)),
    ("Bot API calls from handlers (form data, HTTP, response parsing)", ("BaseSession.__call__",)),
    ("database calls on the event loop (bot/storage, aiosqlite)", ("bot/storage/", "aiosqlite/")),
    ("dispatching: middlewares, routers, filters, handlers' own code", ("Dispatcher.feed_update",)),
    ("HTTP transport callbacks (aiohttp / asyncio streams)", ("aiohttp/", "selector_events.py")),
    ("event loop machinery (select, call_soon_threadsafe, timers)", ("asyncio/", "selectors.py")),
)


def print_py_spy(path: Path, top: int = 25) -> None:
    """Shares of the sampled busy time: by category, by package, by function (self and inclusive)."""
    inclusive: dict[str, int] = defaultdict(int)
    own: dict[str, int] = defaultdict(int)
    areas: dict[str, int] = defaultdict(int)
    categories: dict[str, int] = defaultdict(int)
    total = 0
    text = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
    for line in text.splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        total += count
        frames = [_frame_key(f) for f in stack.split(";") if f and not f.startswith(("process ", "thread "))]
        if not frames:
            continue
        own[frames[-1]] += count
        category = next((name for name, marks in CATEGORIES if any(m in stack for m in marks)), "other")
        categories[category] += count
        for key in set(frames):
            inclusive[key] += count
        # the package of the innermost frame that is not the standard asyncio/selector machinery
        areas[_area(frames[-1].rsplit(":", 1)[0])] += count
    if not total:
        print(f"py-spy: no samples in {path}")
        return
    print(f"\n---- py-spy {path.name}: {total} samples of busy threads at 100 Hz (waiting threads left out) ----")
    print("by category (first match in the stack):")
    for key, count in sorted(categories.items(), key=lambda kv: -kv[1]):
        print(f"  {count / total * 100:5.1f}%  {key}")
    print("self time by package (innermost frame):")
    for key, count in sorted(areas.items(), key=lambda kv: -kv[1])[:12]:
        print(f"  {count / total * 100:5.1f}%  {key}")
    print(f"self time, top {top} functions:")
    for key, count in sorted(own.items(), key=lambda kv: -kv[1])[:top]:
        print(f"  {count / total * 100:5.1f}%  {key}")
    print(f"inclusive time, top {top} project/library functions:")
    shown = 0
    for key, count in sorted(inclusive.items(), key=lambda kv: -kv[1]):
        if key.startswith(("<frozen", "asyncio/", "threading.py", "runpy.py")) or key.endswith((":<module>", ":main")):
            continue
        print(f"  {count / total * 100:5.1f}%  {key}")
        shown += 1
        if shown >= top:
            break


# --------------------------------------------------------------------------- figures


def percentile(values: Sequence[float], q: float) -> float:
    """The nearest-rank ``q`` quantile (0..1) of ``values``; NaN when there are none."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


def machine() -> str:
    """Cores and versions, as the figures in bench/README.md are dated."""
    return (
        f"{os.cpu_count()} cores (nproc {len(os.sched_getaffinity(0))}), Python {sys.version.split()[0]}, "
        f"aiogram {version('aiogram')}"
    )


def verdict(met: bool) -> str:
    return "met" if met else "MISSED"


Value = float | int | str | None
LABEL = 48  # width of a figure's label


def _text(value: Value, digits: int) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, bool | str):
        return str(value)
    if isinstance(value, int):
        return f"{value:d}"
    return f"{value:.{digits}f}"


@dataclass
class Figure:
    section: str
    label: str
    value: Value
    unit: str = ""
    target: str = ""
    met: bool | None = None


class Figures:
    """What a bench prints: its figures (a target, when there is one, and whether it was met; a missed target
    never fails the run) and its correctness checks (any failed check makes the exit status 1). ``finish``
    also writes them as JSON (``--json``)."""

    def __init__(self, bench: str) -> None:
        self.bench = bench
        self.section_title = ""
        self.figures: list[Figure] = []
        self.checks: list[tuple[str, bool, str]] = []
        print(machine())

    def section(self, title: str) -> None:
        self.section_title = title
        print(f"\n{title}")

    def figure(
        self, label: str, value: Value, unit: str = "", *, digits: int = 1, target: str = "", met: bool | None = None
    ) -> None:
        self.figures.append(Figure(self.section_title, label, value, unit, target, met))
        line = f"  {label:<{LABEL}} {_text(value, digits):>10} {unit}"
        if target:
            line = f"{line:<{LABEL + 22}} target {target}" + ("" if met is None else f": {verdict(met)}")
        print(line.rstrip())

    def table(
        self,
        columns: Sequence[str],
        rows: Sequence[tuple[str, Sequence[Value], str]],
        digits: int = 1,
        header: bool = True,
    ) -> None:
        """Rows of one figure per column (say bot and echo), each with a note (a target and whether it was met)."""
        if header:
            print(f"  {'':{LABEL}} " + " ".join(f"{c:>10}" for c in columns))
        for label, values, note in rows:
            for column, value in zip(columns, values, strict=True):
                self.figures.append(Figure(self.section_title, f"{label.strip()} [{column}]", value, target=note))
            cells = " ".join(f"{_text(v, digits):>10}" for v in values)
            print(f"  {label:<{LABEL}} {cells}   {note}".rstrip())

    def note(self, text: str) -> None:
        print(f"  {text}")

    def check(self, label: str, ok: bool, detail: str = "") -> bool:
        self.checks.append((label, ok, detail))
        print(f"  [{'ok' if ok else 'FAIL'}] {label}" + (f" ({detail})" if detail else ""))
        return ok

    @property
    def ok(self) -> bool:
        return all(ok for _, ok, _ in self.checks)

    def finish(self, json_path: Path | None = None) -> int:
        """The exit status (1 if a check failed); the figures also go to ``json_path`` if given."""
        if json_path is not None:
            summary = {
                "bench": self.bench,
                "date": time.strftime("%Y-%m-%d %H:%M:%S %z"),
                "machine": machine(),
                "cores": os.cpu_count(),
                "figures": [asdict(f) for f in self.figures],
                "checks": [{"label": label, "ok": ok, "detail": detail} for label, ok, detail in self.checks],
            }
            json_path.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return 0 if self.ok else 1


# --------------------------------------------------------------------------- command line


def parser(doc: str | None, *, only: Sequence[str] = (), profile: bool = False) -> argparse.ArgumentParser:
    """The bench's flags, with the common ones: ``--json`` always, ``--only`` (choices ``only``, the first the
    default) and ``--profile`` (py-spy) when asked for. ``--help`` shows the module's docstring."""
    result = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    if only:
        result.add_argument("--only", choices=tuple(only), default=only[0], help=f"which runs (default {only[0]})")
    if profile:
        result.add_argument("--profile", action="store_true", help="sample the bot with py-spy (slows it down)")
    result.add_argument("--json", type=Path, help="also write the figures and checks as JSON here")
    return result


def run(main: Callable[[argparse.Namespace], Awaitable[int]], flags: argparse.ArgumentParser) -> NoReturn:
    """Parse the flags, run ``main`` on a fresh event loop, exit with its status."""
    args = flags.parse_args()

    async def entry() -> int:
        return await main(args)

    sys.exit(asyncio.run(entry()))
