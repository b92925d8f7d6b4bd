"""What an operator runs besides the bot: the health check, backups (also of a busy bot), restore, the
backup before a migration, the daily backup, JSON logs without secrets, and a proxy in front of the Bot API."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import sqlite3
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pproxy
import pytest

from bot.storage import db as db_module
from bot.storage.db import load_migrations
from fake_telegram import FakeTelegram, ScriptedUser
from tests.support.bot_process import BotProcess
from tests.support.broadcast import compose, copies, db_counts, send_to_all
from tests.support.clock import utc_now
from tests.support.in_process import InProcessBot
from tests.support.scenarios import onboarded, send_idea, write_idea
from tests.support.seeding import Resident, add_session, make_reachable, registrations, seed_reachable, seed_residents
from tests.support.settings import ADMIN_ID, TOKEN

pytestmark = pytest.mark.timeout(180)

SECRET = TOKEN.partition(":")[2]
TZ = ZoneInfo("Asia/Yekaterinburg")


async def polling(bot: BotProcess, fake: FakeTelegram) -> BotProcess:
    """Started, and one getUpdates answered (the one after it has been sent)."""
    before = fake.count_requests("getUpdates")
    await bot.start()
    await fake.wait_for_request("getUpdates", after=before + 1, timeout=45)
    return bot


async def command(fake: FakeTelegram, db_path: Path, *args: str, **env: str) -> BotProcess:
    """`python -m bot <args>` run to its end."""
    tool = await BotProcess.against(fake.base_url, db_path, *args, **env).start()
    await tool.exit_code(timeout=60)
    return tool


def heartbeat(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".heartbeat")


def schema_and_rows(path: Path, table: str) -> tuple[int, int, list[str]]:
    with sqlite3.connect(path) as conn:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        rows = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        check = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    return version, rows, check


# --- health ---------------------------------------------------------------------------------------


async def test_health_is_ok_only_while_the_bot_talks_to_telegram(fake: FakeTelegram, db_path: Path) -> None:
    before = await command(fake, db_path, "health")
    assert before.proc is not None and before.proc.returncode == 1
    assert before.lines[-1].startswith("unhealthy: no heartbeat at")

    bot = await polling(BotProcess.against(fake.base_url, db_path), fake)
    healthy = await command(fake, db_path, "health")
    assert healthy.proc is not None and healthy.proc.returncode == 0, healthy.output
    assert re.fullmatch(r"ok: Telegram last answered \d+ s ago \(process \d+\)", healthy.lines[-1])

    # Telegram stops answering (one long poll held for a minute): no heartbeat; a minute and a half later…
    fake.fail_next("getUpdates", "timeout", delay=60)
    await fake.wait_for_request("getUpdates", after=fake.count_requests("getUpdates"), timeout=10)
    past = heartbeat(db_path).stat().st_mtime - 90  # by the file's own clock, as the bot wrote it
    os.utime(heartbeat(db_path), (past, past))
    stale = await command(fake, db_path, "health")
    assert stale.proc is not None and stale.proc.returncode == 1
    assert re.fullmatch(r"unhealthy: Telegram last answered (9\d|1\d\d) s ago \(more than 60 s\)", stale.lines[-1])

    await bot.kill()  # SIGKILL: no chance to remove its heartbeat
    gone = await command(fake, db_path, "health", "--max-age", "3600")
    assert gone.proc is not None and gone.proc.returncode == 1
    assert re.fullmatch(r"unhealthy: the bot process \d+ that wrote .* is gone", gone.lines[-1])


# --- backups --------------------------------------------------------------------------------------


async def test_a_backup_of_a_busy_bot_is_whole_and_a_bot_starts_on_it(
    fake: FakeTelegram, db_path: Path, tmp_path: Path, admin: ScriptedUser
) -> None:
    ids = list(range(400_000, 400_300))  # the broadcast's audience
    joiners = list(range(401_000, 401_040))  # they register meanwhile (announcements off: no copy in their chat)
    await seed_residents(db_path, [Resident(i) for i in ids] + [Resident(i, announcements=False) for i in joiners])
    make_reachable(fake, ids)
    people = make_reachable(fake, joiners)
    start = utc_now().replace(second=0) + timedelta(days=3)
    session_id = add_session(db_path, title="Двор мечты", starts_at=start, capacity=0, created_by=ADMIN_ID)
    env = {"BROADCAST_RATE": "20", "PROGRESS_INTERVAL": "0.5", "REMINDER_OFFSETS": ""}  # 15 s for everyone
    bot = await polling(BotProcess.against(fake.base_url, db_path, **env), fake)
    await send_to_all(admin, await compose(admin), expected=len(ids))
    await fake.wait_for_request("copyMessage", after=30, timeout=30)

    first_ten = asyncio.Event()
    confirmed: list[int] = []

    async def register(user: ScriptedUser) -> None:
        await user.send_command("/start", f"session_{session_id}")
        card = await user.expect_message(timeout=20)
        await user.press(card, "✍️ Записаться", timeout=20)
        confirmation = await user.expect_message(timeout=20)
        assert confirmation.text.startswith("✅ Вы записаны"), confirmation.text
        confirmed.append(user.user_id)
        if len(confirmed) >= 10:
            first_ten.set()

    registering = asyncio.gather(*(register(people[i]) for i in joiners))
    await asyncio.wait_for(first_ten.wait(), 60)
    copy = tmp_path / "copies" / "busy.sqlite3"
    tool = await command(fake, db_path, "backup", str(copy))  # while the broadcast and registrations go on
    await registering
    assert tool.proc is not None and tool.proc.returncode == 0, tool.output
    assert tool.lines[-1].startswith(f"backup written: {copy} (") and tool.lines[-1].endswith("integrity ok)")

    version, residents, check = schema_and_rows(copy, "users")
    assert (version, residents, check) == (len(load_migrations()), len(ids) + len(joiners), ["ok"])
    with sqlite3.connect(copy) as conn:
        pending = conn.execute("SELECT count(*) FROM deliveries WHERE status IN ('pending', 'sending')").fetchone()[0]
        registered = conn.execute("SELECT count(*) FROM registrations").fetchone()[0]
    assert 0 < pending < len(ids) and 10 <= registered <= len(joiners)  # mid-broadcast, after ten registered
    assert not copy.with_name(copy.name + "-wal").exists()  # one self-contained file

    bot.send(signal.SIGTERM)
    assert await bot.exit_code() == 0
    assert len(registrations(db_path, session_id)) == len(joiners)  # the live database has them all
    # The bot starts on the copy: it resumes the broadcast from the copy's place and finishes it.
    await polling(BotProcess.against(fake.base_url, copy, **env), fake)
    report = await admin.expect_message(timeout=60)
    assert report.text.startswith("Итог рассылки №\u00a01: доставлено 300 из 300")
    assert set(copies(fake, exclude=ADMIN_ID)) == set(ids)
    assert db_counts(copy) == {"sent": len(ids)}


async def test_restore_puts_a_copy_back_and_keeps_the_database_it_replaces(
    fake: FakeTelegram, db_path: Path, tmp_path: Path
) -> None:
    await seed_residents(db_path, [Resident(i) for i in range(500_000, 500_010)])
    copy = tmp_path / "ten.sqlite3"
    made = await command(fake, db_path, "backup", str(copy))
    assert made.proc is not None and made.proc.returncode == 0, made.output
    await seed_residents(db_path, [Resident(i) for i in range(500_010, 500_015)])  # written after the copy
    assert schema_and_rows(db_path, "users")[1] == 15

    bot = await polling(BotProcess.against(fake.base_url, db_path), fake)
    refused = await command(fake, db_path, "restore", str(copy))
    assert refused.proc is not None and refused.proc.returncode == 1
    assert re.fullmatch(r"restore refused: the bot is running \(process \d+\); stop it first", refused.lines[-1])
    bot.send(signal.SIGTERM)
    assert await bot.exit_code() == 0

    restored = await command(fake, db_path, "restore", str(copy))
    assert restored.proc is not None and restored.proc.returncode == 0, restored.output
    assert restored.lines[-1].startswith(f"restored {copy} (") and restored.lines[-1].endswith(f"into {db_path}")
    assert schema_and_rows(db_path, "users")[1:] == (10, ["ok"])
    kept = [p for p in (tmp_path / "backups").iterdir() if p.name.startswith("before-restore-")]
    assert len(kept) == 1 and schema_and_rows(kept[0] / db_path.name, "users")[1] == 15
    await polling(BotProcess.against(fake.base_url, db_path), fake)  # the bot starts on the restored database


async def test_a_migration_is_preceded_by_a_backup_with_the_old_schema(
    fake: FakeTelegram, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    every = load_migrations()
    older = len(every) - 1
    with monkeypatch.context() as patch:  # the database as the previous release left it
        patch.setattr(db_module, "load_migrations", lambda: every[:older])
        await seed_residents(db_path, [Resident(600_001)])
    assert schema_and_rows(db_path, "users")[:2] == (older, 1)
    bot = await polling(BotProcess.against(fake.base_url, db_path), fake)
    await bot.wait_for_line(r"pre-migration backup: .*integrity ok")
    copies_made = sorted((tmp_path / "backups").glob(f"before-v{older + 1}-from-v{older}-*.sqlite3"))
    assert len(copies_made) == 1
    assert schema_and_rows(copies_made[0], "users") == (older, 1, ["ok"])
    assert schema_and_rows(db_path, "users")[:2] == (older + 1, 1)


async def test_the_daily_backup_runs_at_its_time_and_keeps_the_newest(
    start_bot, tmp_path: Path
) -> None:
    runner: InProcessBot = await start_bot(backup_time="03:30", backup_keep=2)
    backups = runner.dp["backups"]
    await asyncio.wait_for(backups.ran.wait(), 20)  # none made yet: the missed one is made at start-up
    planned = runner.dp["timers"].planned()["backup-daily"].astimezone(TZ)
    assert (planned.hour, planned.minute) == (3, 30)
    assert timedelta(0) < planned - datetime.now(TZ) <= timedelta(days=1)
    (tmp_path / "backups" / "manual-2026-01-01-000000.sqlite3").write_bytes(b"")  # an operator's: never deleted
    for _ in range(2):
        assert await backups.daily() is not None
    daily = sorted(p.name for p in (tmp_path / "backups").glob("daily-*.sqlite3"))
    assert len(daily) == 2 and all(schema_and_rows(tmp_path / "backups" / n, "users")[2] == ["ok"] for n in daily)
    assert (tmp_path / "backups" / "manual-2026-01-01-000000.sqlite3").exists()


async def test_backup_of_a_missing_database_says_so(fake: FakeTelegram, tmp_path: Path) -> None:
    tool = await command(fake, tmp_path / "nowhere.sqlite3", "backup")
    assert tool.proc is not None and tool.proc.returncode == 1
    assert tool.lines == [f"backup failed: there is no database at {tmp_path / 'nowhere.sqlite3'}"]


# --- logs ----------------------------------------------------------------------------------------


async def test_json_logs_carry_ids_and_never_the_token(fake: FakeTelegram, db_path: Path, admin: ScriptedUser) -> None:
    await seed_reachable(fake, db_path, [700_001, 700_002])
    bot = await polling(BotProcess.against(fake.base_url, db_path, LOG_FORMAT="json", BROADCAST_RATE="100"), fake)
    await send_to_all(admin, await compose(admin), expected=2)
    await admin.expect_message(timeout=20)  # the report
    author = await onboarded(fake, 700_100, "Вера")
    number = await send_idea(author, await write_idea(author, "Поставить скамейки вдоль набережной Урала"))
    await admin.expect_message(timeout=10)  # the idea's card, privately (no curators' chat is bound)
    fake.fail_next("sendMessage", "400", chat_id=author.user_id, description="Bad Request: something odd")
    await author.send_command("/help")  # a handler that fails: its line names the update and the person
    await author.expect_message(timeout=10)  # the apology
    bot.send(signal.SIGTERM)
    assert await bot.exit_code() == 0

    entries = [json.loads(line) for line in bot.lines]  # every line is one JSON object
    assert all({"time", "level", "logger", "message"} <= set(e) for e in entries)
    card = next(e for e in entries if e["message"] == f"idea #{number}: card posted privately")
    assert card["idea"] == number  # from the outbox worker, about that idea
    failed = next(e for e in entries if e["level"] == "ERROR" and e["message"].startswith("update "))
    assert failed["user"] == author.user_id and isinstance(failed["update"], int)
    report = next(e for e in entries if e["message"].startswith("broadcast 1 done"))
    assert report["broadcast"] == 1
    assert SECRET not in "\n".join(bot.lines)


# --- a proxy in front of the Bot API ---------------------------------------------------------------


@pytest.fixture
async def proxy() -> AsyncIterator[tuple[dict[str, int], list[str]]]:
    """SOCKS5 and HTTP proxies on loopback that want a login (pproxy), and what they carried."""
    carried: list[str] = []
    ports: dict[str, int] = {}
    servers = []
    for scheme in ("socks5", "http"):
        server = await pproxy.Server(f"{scheme}://127.0.0.1:0#alice:s3cret-pass").start_server(
            {"rserver": [], "verbose": carried.append, "authtime": 0}
        )
        servers.append(server)
        ports[scheme] = server.sockets[0].getsockname()[1]
    yield ports, carried
    for server in servers:
        server.close()


@pytest.mark.parametrize("scheme", ["socks5", "http"])
async def test_every_call_goes_through_the_proxy(
    fake: FakeTelegram, db_path: Path, admin: ScriptedUser, proxy: tuple[dict[str, int], list[str]], scheme: str
) -> None:
    ports, carried = proxy
    fake.close_connections = True  # every call on a connection of its own: the proxy sees each one
    await seed_reachable(fake, db_path, [800_001])
    url = f"{scheme}://alice:s3cret-pass@127.0.0.1:{ports[scheme]}"
    bot = await polling(BotProcess.against(fake.base_url, db_path, TELEGRAM_PROXY=url, BROADCAST_RATE="100"), fake)
    user = fake.user(800_100, first_name="Иван", language_code="ru")
    await user.send("/start")
    assert (await user.expect_message(timeout=10)).text
    await send_to_all(admin, await compose(admin), expected=1)  # the broadcast's own transport too
    await admin.expect_message(timeout=20)
    assert copies(fake, exclude=ADMIN_ID) == {800_001: 1}
    bot.send(signal.SIGTERM)
    assert await bot.exit_code() == 0
    port = fake.base_url.rsplit(":", 1)[1]
    through = [line for line in carried if line.startswith(f"{scheme} ") and line.endswith(f"-> 127.0.0.1:{port}")]
    assert len(through) >= sum(fake.stats.requests.values())  # not one call went around the proxy
    assert not [line for line in carried if line.startswith("Unauthorized")]
    assert "s3cret-pass" not in bot.output


async def test_a_proxy_that_refuses_the_login_is_retried_and_its_password_never_logged(
    fake: FakeTelegram, db_path: Path, proxy: tuple[dict[str, int], list[str]]
) -> None:
    ports, carried = proxy
    url = f"socks5://alice:wrong-pass@127.0.0.1:{ports['socks5']}"
    bot = await BotProcess.against(fake.base_url, db_path, TELEGRAM_PROXY=url).start()
    attempts = await bot.wait_for_line(r"cannot reach Telegram \(attempt \d+\)", count=2)
    assert all("proxy" in line.lower() or "Proxy" in line for line in attempts), attempts
    assert fake.count_requests("getMe") == 0  # nothing got past the proxy
    assert any(line.startswith("Unauthorized SOCKS") for line in carried)
    bot.send(signal.SIGTERM)
    assert await bot.exit_code() == 0
    assert "wrong-pass" not in bot.output and "Traceback" not in bot.output
