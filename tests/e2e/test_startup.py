"""Start-up and shutdown as an operator meets them: every case runs `python -m bot` as a real process
against the fake Bot API (or a closed port) and checks the exit code, the one line, and how long it took."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sqlite3
import subprocess
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from fake_telegram import FakeTelegram, ScriptedUser
from tests.support.bot_process import BotProcess
from tests.support.broadcast import compose, copies, db_counts, send_to_all
from tests.support.clock import local_day, utc_now
from tests.support.locale_text import button, ru
from tests.support.seeding import (
    Resident,
    add_registration,
    add_session,
    make_reachable,
    seed_reachable,
    seed_residents,
)
from tests.support.settings import ADMIN_ID, BOT_ID, TOKEN, bot_settings

pytestmark = pytest.mark.timeout(150)
TZ = ZoneInfo("Asia/Yekaterinburg")

STOP_WITHIN = 5.0  # seconds from SIGTERM/SIGINT to the process's end, in every state
SIGNALS = [signal.SIGTERM, signal.SIGINT]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def database_closed(bot: BotProcess, db_path: Path) -> bool:
    """The bot logs "bot stopped" once its database connection is closed, and nothing kept the process alive
    after; the database it leaves is whole. (Whether SQLite also removed its -wal file at exit depends on when
    Python frees the last statement objects: not a sign either way.)"""
    with closing(sqlite3.connect(db_path)) as conn:
        whole = conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    stopped = [line for line in bot.lines if line.endswith("bot stopped")]
    return whole and len(stopped) == 1 and not any("still running" in line for line in bot.lines)


def problems(bot: BotProcess) -> list[str]:
    return [line for line in bot.lines if any(word in line for word in ("CRITICAL", "ERROR", "Traceback"))]


@pytest.fixture
async def fake_on() -> AsyncIterator[Callable[[int], Awaitable[FakeTelegram]]]:
    """A fake Bot API started later, on a port chosen beforehand (Telegram coming back)."""
    started: list[FakeTelegram] = []

    async def start(port: int) -> FakeTelegram:
        server = FakeTelegram(token=TOKEN, bot_id=BOT_ID, bot_username="ideas_bot", bot_first_name="Ideas")
        await server.start(host="127.0.0.1", port=port)
        started.append(server)
        return server

    yield start
    for server in started:
        await server.stop()


async def polling(bot: BotProcess, fake: FakeTelegram) -> BotProcess:
    before = fake.count_requests("getUpdates")
    await bot.start()
    await fake.wait_for_request("getUpdates", after=before, timeout=45)
    return bot


# --- Telegram at start-up ----------------------------------------------------------------------


async def test_a_token_telegram_rejects_is_one_line_and_exit_code_2(fake: FakeTelegram, db_path: Path) -> None:
    bot = await BotProcess.against(fake.base_url, db_path, BOT_TOKEN="123456:REJECTED-secret-part").start()
    assert await bot.exit_code(timeout=30) == 2  # Python's start-up and one answer from Telegram: seconds
    assert len(problems(bot)) == 1, bot.output
    assert problems(bot)[0].endswith(
        "BOT_TOKEN was rejected by Telegram (401 Unauthorized): check the token from @BotFather"
    )
    assert "Traceback" not in bot.output and "REJECTED-secret-part" not in bot.output
    assert database_closed(bot, db_path)


@pytest.mark.parametrize("sig", SIGNALS, ids=["SIGTERM", "SIGINT"])
async def test_telegram_unreachable_at_start_is_retried_until_it_answers(
    db_path: Path, fake_on: Callable[[int], Awaitable[FakeTelegram]], sig: signal.Signals
) -> None:
    port = free_port()  # nothing listens there yet: connections are refused
    bot = await BotProcess.against(f"http://127.0.0.1:{port}", db_path).start()
    attempts = await bot.wait_for_line(r"cannot reach Telegram \(attempt \d+\)", count=3)
    assert [line.split("(attempt ")[1].split(")")[0] for line in attempts] == ["1", "2", "3"]
    assert all("next attempt in" in line and "Cannot connect to host" in line for line in attempts)
    assert "Traceback" not in bot.output

    fake = await fake_on(port)  # Telegram is back: the bot starts polling on its next attempt
    await fake.wait_for_request("getUpdates", timeout=30)
    await bot.wait_for_line(r"bot @ideas_bot started")
    user = fake.user(5001, first_name="Аня", language_code="ru")
    await user.send("/start")
    assert (await user.expect_message(timeout=10)).text  # it answers people

    bot.send(sig)
    assert await bot.exit_code() == 0
    assert bot.seconds_since_signal() < STOP_WITHIN
    assert database_closed(bot, db_path)
    assert "Traceback" not in bot.output


async def test_telegram_answering_5xx_at_start_is_retried(fake: FakeTelegram, db_path: Path) -> None:
    fake.fail_next("getMe", "500", times=2)
    fake.fail_next("getMe", "timeout", delay=0)  # a 502 from a gateway, not even JSON
    bot = await polling(BotProcess.against(fake.base_url, db_path), fake)
    attempts = await bot.wait_for_line(r"cannot reach Telegram \(attempt \d+\)", count=3)
    assert "Internal Server Error" in attempts[0] and "Internal Server Error" in attempts[1]
    assert "Traceback" not in bot.output and not problems(bot)
    bot.send(signal.SIGTERM)
    assert await bot.exit_code() == 0
    assert bot.seconds_since_signal() < STOP_WITHIN


@pytest.mark.parametrize("sig", SIGNALS, ids=["SIGTERM", "SIGINT"])
async def test_a_signal_between_attempts_ends_the_process(db_path: Path, sig: signal.Signals) -> None:
    bot = await BotProcess.against(f"http://127.0.0.1:{free_port()}", db_path, STARTUP_RETRY_MAX="60").start()
    await bot.wait_for_line(r"cannot reach Telegram \(attempt 3\).*next attempt in 4\.0 s")  # waiting 4 s now
    bot.send(sig)
    assert await bot.exit_code() == 0
    assert bot.seconds_since_signal() < STOP_WITHIN
    assert database_closed(bot, db_path) and "Traceback" not in bot.output


async def test_a_signal_during_the_start_up_hook_ends_the_process(fake: FakeTelegram, db_path: Path) -> None:
    # getMe answered, then Telegram stalls on the first call of the start-up hook (the command menus)
    fake.fail_next("setMyCommands", "timeout", delay=60)
    bot = await BotProcess.against(fake.base_url, db_path, REQUEST_TIMEOUT="60").start()
    await fake.wait_for_request("setMyCommands", timeout=45)
    bot.send(signal.SIGTERM)
    assert await bot.exit_code() == 0
    assert bot.seconds_since_signal() < STOP_WITHIN
    assert database_closed(bot, db_path) and "Traceback" not in bot.output
    assert fake.count_requests("getUpdates") == 0


async def test_a_failing_shutdown_step_still_closes_the_database(
    fake: FakeTelegram, db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from bot.app import build_app, create_bot
    from bot.instance import InstanceLock
    from bot.runtime import Heartbeat, Stopper, _close

    settings = bot_settings(fake.base_url, db_path)
    bot = create_bot(settings)
    app = build_app(settings, bot)
    await app.db.connect()

    async def disk_full(quick: bool = False) -> None:
        raise OSError(28, "No space left on device")

    app.shutdown = disk_full
    main = asyncio.current_task()
    assert main is not None
    await _close(app, bot, Heartbeat(tmp_heartbeat(db_path)), Stopper(main, 1))  # type: ignore[arg-type]
    assert not app.db.is_open
    assert "shutdown step failed: OSError: [Errno 28] No space left on device" in caplog.text
    assert InstanceLock(db_path).acquire()


def tmp_heartbeat(db_path: Path) -> Path:
    return db_path.with_name("heartbeat-for-the-test")


async def test_a_give_up_limit_exits_non_zero(db_path: Path) -> None:
    bot = await BotProcess.against(
        f"http://127.0.0.1:{free_port()}", db_path, STARTUP_RETRY_MAX="0.2", STARTUP_GIVE_UP="1"
    ).start()
    assert await bot.exit_code() == 3
    assert len(problems(bot)) == 1 and "Telegram did not answer for" in problems(bot)[0], bot.output
    assert "STARTUP_GIVE_UP=1" in problems(bot)[0]
    assert database_closed(bot, db_path)


# --- signals in every state ----------------------------------------------------------------------


@pytest.mark.parametrize("sig", SIGNALS, ids=["SIGTERM", "SIGINT"])
async def test_a_signal_while_waiting_for_telegram_ends_the_process(
    fake: FakeTelegram, db_path: Path, sig: signal.Signals
) -> None:
    fake.fail_next("getMe", "timeout", delay=60)  # Telegram accepts the connection and never answers
    bot = await BotProcess.against(fake.base_url, db_path, REQUEST_TIMEOUT="60").start()
    await fake.wait_for_request("getMe", timeout=45)
    bot.send(sig)
    assert await bot.exit_code() == 0
    assert bot.seconds_since_signal() < STOP_WITHIN
    assert database_closed(bot, db_path)
    assert "Traceback" not in bot.output


@pytest.mark.parametrize("sig", SIGNALS, ids=["SIGTERM", "SIGINT"])
async def test_a_signal_while_polling_stops_within_seconds(
    fake: FakeTelegram, db_path: Path, sig: signal.Signals
) -> None:
    bot = await polling(BotProcess.against(fake.base_url, db_path, POLLING_TIMEOUT="10"), fake)
    await fake.wait_polling(timeout=10)  # a long poll is open: the bot is idle
    bot.send(sig)
    assert await bot.exit_code() == 0
    assert bot.seconds_since_signal() < STOP_WITHIN
    await bot.wait_for_line("bot stopped")
    assert database_closed(bot, db_path)
    assert not problems(bot), bot.output


async def test_sigterm_during_a_broadcast_lets_the_message_in_flight_finish_and_loses_nothing(
    fake: FakeTelegram, db_path: Path, admin: ScriptedUser
) -> None:
    ids = list(range(300_000, 300_200))
    await seed_reachable(fake, db_path, ids)
    env = {"BROADCAST_RATE": "40", "PROGRESS_INTERVAL": "0.5"}
    bot = await polling(BotProcess.against(fake.base_url, db_path, **env), fake)
    progress = await send_to_all(admin, await compose(admin), expected=len(ids))
    await fake.wait_for_request("copyMessage", after=40, timeout=30)
    fake.fail_next("copyMessage", "timeout", delay=1.5, deliver=True)  # the next copy is slow but arrives
    await fake.wait_for_request("copyMessage", after=fake.count_requests("copyMessage"), timeout=10)
    bot.send(signal.SIGTERM)
    assert await bot.exit_code() == 0
    assert bot.seconds_since_signal() < 10  # the slow copy's answer, well within SHUTDOWN_TIMEOUT
    assert database_closed(bot, db_path)
    sent_before = copies(fake, exclude=ADMIN_ID)
    assert 40 < sum(sent_before.values()) < len(ids) and set(sent_before.values()) == {1}
    assert db_counts(db_path).get("unknown", 0) == 0  # the slow copy's outcome was written

    await polling(BotProcess.against(fake.base_url, db_path, **env), fake)  # resumes where it stopped
    report = await admin.expect_message(timeout=30)
    assert report.text == ru(
        "bc-report-done", number=1, sent=200, total=200, blocked=0, failed=0, unknown=0, cancelled=0
    )
    assert progress.text.startswith(ru("bc-progress-title-done", number=1))
    got = copies(fake, exclude=ADMIN_ID)
    assert set(got) == set(ids) and set(got.values()) == {1}  # everyone once: nothing lost, nothing twice
    assert db_counts(db_path) == {"sent": len(ids)}


async def test_a_second_signal_cuts_a_slow_shutdown_short(
    fake: FakeTelegram, db_path: Path, admin: ScriptedUser
) -> None:
    ids = list(range(310_000, 310_050))
    await seed_reachable(fake, db_path, ids)
    env = {"BROADCAST_RATE": "40", "REQUEST_TIMEOUT": "60"}
    bot = await polling(BotProcess.against(fake.base_url, db_path, **env), fake)
    await send_to_all(admin, await compose(admin), expected=len(ids))
    await fake.wait_for_request("copyMessage", after=10, timeout=30)
    fake.fail_next("copyMessage", "timeout", delay=60)  # Telegram holds the next copy for a minute
    await fake.wait_for_request("copyMessage", after=fake.count_requests("copyMessage"), timeout=10)
    bot.send(signal.SIGTERM)
    await bot.wait_for_line("SIGTERM: stopping")
    bot.send(signal.SIGTERM)  # the operator does not want to wait for that copy
    assert await bot.exit_code() == 0
    assert bot.seconds_since_signal() < STOP_WITHIN
    assert database_closed(bot, db_path)
    counts = db_counts(db_path)
    # Cut short like a crash: the copy in flight stays 'sending' (the next start sends it again, the one
    # possible duplicate the broadcast journal allows), the rest wait for the next start.
    assert counts.get("sending") == 1 and counts["sent"] + counts["sending"] + counts["pending"] == len(ids)

    await polling(BotProcess.against(fake.base_url, db_path, **env), fake)
    report = await admin.expect_message(timeout=30)
    assert report.text == ru("bc-report-done", number=1, sent=50, total=50, blocked=0, failed=0, unknown=0, cancelled=0)
    got = copies(fake, exclude=ADMIN_ID)
    assert set(got) == set(ids) and set(got.values()) == {1}  # the held copy never arrived: nobody got two


async def test_a_second_bot_on_the_same_database_says_so_and_the_first_goes_on(fake: FakeTelegram, db_path: Path) -> None:
    first = await polling(BotProcess.against(fake.base_url, db_path), fake)
    second = await BotProcess.against(fake.base_url, db_path).start()
    assert await second.exit_code() == 2
    assert first.proc is not None
    assert [line for line in second.lines if "CRITICAL" in line] == [
        next(line for line in second.lines if "CRITICAL" in line)
    ] and f"another bot is already running on DATABASE_PATH {db_path} (process {first.proc.pid})" in second.output
    user = fake.user(5201, first_name="Аня", language_code="ru")
    await user.send("/start")
    assert (await user.expect_message(timeout=10)).text == ru("consent-intro")  # the first one still answers
    first.send(signal.SIGTERM)
    assert await first.exit_code() == 0
    await polling(BotProcess.against(fake.base_url, db_path), fake)  # the lock went with the first process


# --- rows the bot cannot compute with (issue 11) -------------------------------------------------------


def broken_date_warnings() -> list[str]:
    """What the organizers' screen says about a time stored broken: the status, and each warning up to the
    stored value it quotes."""
    mark = "\ue000"  # a private-use character: in no text
    warnings = [ru(f"sadm-dates-broken-{what}", stored=mark) for what in ("start", "duration", "deadline")]
    return [ru("sadm-status-broken"), *(warning.split(mark)[0] for warning in warnings)]


@pytest.mark.usefixtures("pinned_clock")  # a session on a day shown as a date and a time of day
async def test_a_session_dated_31_12_9999_never_stops_start_up_and_the_organizers_are_told(
    fake: FakeTelegram, db_path: Path, admin: ScriptedUser
) -> None:
    """The review's typo, saved before typed dates were checked: a session starting 31.12.9999 23:00 (in the
    hub's zone) for 24 hours, whose end is past the calendar's last day. The bot used to stop with
    OverflowError before polling; now it polls, answers people, tells the organizers once (not again at the
    next start), shows the problem on the session's screen, and a reschedule puts everything right."""
    await seed_residents(db_path, [Resident(7001), Resident(ADMIN_ID)])
    resident = make_reachable(fake, [7001])[7001]
    admin.chat.known = True
    good = add_session(db_path, title="Двор мечты", starts_at=utc_now() + timedelta(days=3))
    broken = add_session(
        db_path,
        title="Опечатка",
        starts_at=datetime(9999, 12, 31, 18, 0, tzinfo=UTC),
        duration_min=24 * 60,
        deadline_at=datetime(9999, 12, 31, 17, 0, tzinfo=UTC),
        created_by=ADMIN_ID,
    )
    add_registration(db_path, broken, 7001)

    bot = await polling(BotProcess.against(fake.base_url, db_path), fake)
    alert = await admin.expect_message(timeout=30)
    broken_start = ru("sadm-dates-broken-start", stored="31.12.9999 23:00")  # it names the fix: "🕒 Перенести"
    assert alert.text == ru("alert-session-dates", number=broken, title="Опечатка") + "\n\n" + broken_start, alert.text
    assert alert.buttons == [[button("ru", "session-btn-manage")]]

    # People are answered: the list leaves the broken session out, its card says its time is being fixed.
    await resident.send_command("/sessions")
    listing = await resident.expect_message(timeout=10)
    assert "Двор мечты" in listing.text and "Опечатка" not in listing.text
    await resident.send_command("/start", f"session_{broken}")
    card = await resident.expect_message(timeout=10)
    assert ru("session-card-when", when="—") in card.text and ru("session-dates-unset") in card.text, card.text
    register = {button("ru", "session-btn-register"), button("ru", "session-btn-waitlist")}
    assert not any(b in register for row in card.buttons for b in row)
    assert [button("ru", "session-btn-unregister")] in card.buttons

    # The organizers' screen says what is wrong and how to fix it.
    await admin.press(alert, button("ru", "session-btn-manage"))
    manage = await admin.expect_message(timeout=10)
    broken_title = ru("sadm-manage-title", number=broken, status=ru("sadm-status-broken"))
    assert manage.text.startswith(broken_title), manage.text
    assert broken_start in manage.text and ru("session-card-when", when="—") in manage.text

    skipped = [line for line in bot.lines if "skipped" in line]
    assert len(skipped) == 1 and f"session {broken} skipped: start" in skipped[0], bot.output
    assert not problems(bot), bot.output

    # A restart with the row still broken: logged again, told nobody again (the alert's token is kept).
    bot.send(signal.SIGTERM)
    assert await bot.exit_code() == 0
    again = await polling(BotProcess.against(fake.base_url, db_path), fake)
    await again.wait_for_line(r"timers: \d+ job\(s\) planned")
    assert [line for line in again.lines if "skipped" in line] and not problems(again)
    with closing(sqlite3.connect(db_path)) as conn:
        alerts = conn.execute("SELECT count(*) FROM broadcasts WHERE kind = 'alert'").fetchone()[0]
    assert alerts == 1

    # Rescheduled to a real date: planned like any other, the registrant told, the warning gone.
    await admin.press(manage, button("ru", "sadm-btn-reschedule"))
    ask = await admin.expect_message(timeout=10)
    assert ask.text.startswith(ru("sadm-edit-current", number=broken, current="—"))
    new_start = local_day(10)
    await admin.send(new_start.strftime("%d.%m.%Y %H:%M"))
    saved = await admin.expect_message(timeout=10)
    assert saved.text == ru("sadm-saved-told", n=1), saved.text
    fixed = await admin.expect_message(timeout=10)
    assert fixed.text.startswith(ru("sadm-manage-title", number=broken, status=ru("sadm-status-scheduled")))
    assert not any(warning in fixed.text for warning in broken_date_warnings()), fixed.text
    notice = await resident.expect_message(timeout=15)
    new_when = f"{new_start:%d.%m.%Y %H:%M}–{new_start + timedelta(days=1):%d.%m.%Y %H:%M}"  # 24 hours long
    rescheduled = ru("session-notice-rescheduled", title="Опечатка", old="—", new=new_when)
    assert notice.text.startswith(rescheduled), notice.text
    await resident.press(notice, button("ru", "session-btn-open"))
    opened = await resident.expect_edit(notice)
    assert ru("session-card-when", when=new_when) in opened.text and ru("session-dates-unset") not in opened.text
    assert good != broken and not problems(again)


# --- storage ------------------------------------------------------------------------------------------


async def storage_refusal(fake: FakeTelegram, db_path: Path) -> str:
    bot = await BotProcess.against(fake.base_url, db_path, cwd=fake_cwd(db_path)).start()
    assert await bot.exit_code() == 2
    assert len(bot.lines) == 1, bot.output  # the one line is all there is
    assert fake.count_requests("getMe") == 0  # it stopped before reaching out to Telegram
    return bot.lines[0]


def fake_cwd(db_path: Path) -> Path:
    """The nearest folder of the database path that exists (the bot runs there)."""
    folder = db_path.parent
    while not folder.is_dir():
        folder = folder.parent
    return folder


def blocked_folder(tmp_path: Path) -> Path:
    (tmp_path / "not-a-folder").write_text("a file where a folder should be")
    return tmp_path / "not-a-folder" / "data" / "bot.sqlite3"


async def test_a_database_folder_that_cannot_be_created(fake: FakeTelegram, tmp_path: Path) -> None:
    line = await storage_refusal(fake, blocked_folder(tmp_path))
    assert "DATABASE_PATH: cannot create the folder" in line and "not-a-folder/data" in line


@contextmanager
def unwritable(db_path: Path) -> Iterator[None]:
    """A database file this process cannot write: read-only, and immutable when we are root (root writes
    read-only files anyway)."""
    with sqlite3.connect(db_path) as conn:
        conn.execute("CREATE TABLE t (x)")
    db_path.chmod(0o444)
    immutable = os.geteuid() == 0
    if immutable and subprocess.run(["chattr", "+i", str(db_path)], capture_output=True).returncode != 0:
        pytest.skip("running as root where chattr +i is not available: cannot make a file unwritable")
    try:
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(db_path)], check=True)


async def test_a_database_file_that_is_not_writable(fake: FakeTelegram, db_path: Path) -> None:
    with unwritable(db_path):
        line = await storage_refusal(fake, db_path)
    assert f"DATABASE_PATH: cannot write to {db_path}" in line and "readonly" in line


@contextmanager
def unwritable_folder(folder: Path) -> Iterator[Path]:
    """A folder this process may not create files in (immutable when we are root), with no database yet."""
    folder.mkdir()
    folder.chmod(0o555)
    immutable = os.geteuid() == 0
    if immutable and subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
        pytest.skip("running as root where chattr +i is not available: cannot make a folder unwritable")
    try:
        yield folder / "bot.sqlite3"
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], check=True)


async def test_a_database_folder_that_is_not_writable(fake: FakeTelegram, tmp_path: Path) -> None:
    with unwritable_folder(tmp_path / "data") as db_path:
        line = await storage_refusal(fake, db_path)
    assert f"DATABASE_PATH: cannot write to the folder {tmp_path / 'data'} (" in line


def not_a_database(db_path: Path) -> Path:
    db_path.write_bytes(b"These are somebody's notes, not a database.\n" * 100)
    return db_path


async def test_a_file_that_is_not_a_database(fake: FakeTelegram, db_path: Path) -> None:
    line = await storage_refusal(fake, not_a_database(db_path))
    assert f"DATABASE_PATH: {db_path} is not an SQLite database" in line


def folder_contents(folder: Path) -> dict[str, bytes]:
    """The database's files (the bot's instance lock aside)."""
    return {p.name: p.read_bytes() for p in folder.iterdir() if not p.name.endswith(".lock")}


def database_from_the_future(db_path: Path) -> dict[str, bytes]:
    """As a newer bot leaves it, closed: WAL mode (so that even a read-only SQLite connection would add -shm and
    -wal files)."""
    with closing(sqlite3.connect(db_path)) as conn, conn:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE from_the_future (x)")
        conn.execute("INSERT INTO from_the_future VALUES (1)")
        conn.execute("PRAGMA user_version = 99")
    contents = folder_contents(db_path.parent)
    assert list(contents) == [db_path.name]
    return contents


async def test_a_schema_newer_than_the_code_is_refused_and_never_touched(fake: FakeTelegram, db_path: Path) -> None:
    before = database_from_the_future(db_path)
    line = await storage_refusal(fake, db_path)
    assert f"DATABASE_PATH: {db_path} has schema version 99, newer than this version of the bot knows" in line
    assert folder_contents(db_path.parent) == before  # not a byte written, no -wal or -shm added


async def test_another_process_polling_with_the_token_is_said_once_and_ends_this_one(
    fake: FakeTelegram, db_path: Path
) -> None:
    bot = await polling(BotProcess.against(fake.base_url, db_path, CONFLICT_GIVE_UP="2"), fake)
    fake.fail_next("getUpdates", "409", times=100_000)  # someone else polls with this token from now on
    assert await bot.exit_code(timeout=30) == 4
    said = [line for line in bot.lines if "409 Conflict" in line]
    assert len(said) == 2 and said[0].endswith(
        "another process is polling Telegram with this BOT_TOKEN (409 Conflict): stop it, or give each bot its own"
        " token; this one stops if it goes on for 2 s"
    )
    assert "CRITICAL" in said[1] and said[1].endswith("(409 Conflict): stopping; run one bot per token")
    assert not [line for line in bot.lines if "Failed to fetch updates" in line]  # not a line per retry
    assert database_closed(bot, db_path) and "Traceback" not in bot.output


async def test_a_short_conflict_passes(fake: FakeTelegram, db_path: Path) -> None:
    bot = await polling(BotProcess.against(fake.base_url, db_path, CONFLICT_GIVE_UP="60"), fake)
    fake.fail_next("getUpdates", "409", times=2)
    await bot.wait_for_line("polling again")
    user = fake.user(5301, first_name="Аня", language_code="ru")
    await user.send("/start")
    assert (await user.expect_message(timeout=10)).text == ru("consent-intro")
    bot.send(signal.SIGTERM)
    assert await bot.exit_code() == 0
