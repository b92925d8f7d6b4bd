"""Operations, piece by piece: the settings an operator types, log lines, the backup files."""

from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot import logs
from bot.config import Settings, describe_error
from bot.storage import backup
from tests.support.settings import make_settings

TOKEN = "123456:AAE-secret_part-XYZ"


def settings(**values: object) -> Settings:
    return make_settings(bot_token=TOKEN, **values)


def problem(**values: object) -> str:
    with pytest.raises(ValidationError) as caught:
        settings(**values)
    return describe_error(caught.value)


def test_operations_settings_read_as_an_operator_writes_them() -> None:
    plain = settings(database_path="/srv/bot/bot.sqlite3", backup_dir="", telegram_proxy="", backup_time="")
    assert plain.backups == Path("/srv/bot/backups") and plain.telegram_proxy is None and plain.backup_at is None
    assert settings(backup_time="4:05").backup_at == (4, 5)
    assert settings(log_format="JSON").log_format == "json"
    proxied = settings(telegram_proxy="socks5://alice:p%40ss@10.0.0.5:1080")
    assert proxied.telegram_proxy == "socks5://alice:p%40ss@10.0.0.5:1080"
    assert {"p@ss", "p%40ss", TOKEN, "AAE-secret_part-XYZ"} <= set(proxied.secrets())


@pytest.mark.parametrize(
    ("values", "line"),
    [
        ({"telegram_proxy": "ftp://x:1"}, "TELEGRAM_PROXY must start with socks5://, socks4:// or http://"),
        ({"telegram_proxy": "socks5://10.0.0.5"}, "TELEGRAM_PROXY needs a host and a port"),
        ({"backup_time": "25:00"}, "BACKUP_TIME must look like 03:30"),
        ({"log_format": "xml"}, "LOG_FORMAT must be text or json"),
        ({"backup_keep": 0}, "BACKUP_KEEP"),
        ({"shutdown_timeout": 0}, "SHUTDOWN_TIMEOUT"),
        # Durations the bot computes dates with (issue 11): none can push a date off the calendar.
        ({"reminder_offsets": "9999999d"}, "REMINDER_OFFSETS: '9999999d' is too far before the start (at most 30d)"),
        ({"reminder_offsets": "24h," + "9" * 400 + "h"}, "REMINDER_OFFSETS"),
        ({"offer_ttl": 10**12}, "OFFER_TTL"),
        ({"clock_shift": 1e20}, "CLOCK_SHIFT"),
        ({"clock_shift": "nan"}, "CLOCK_SHIFT"),
    ],
)
def test_a_bad_operations_setting_is_one_clear_line(values: dict[str, object], line: str) -> None:
    text = problem(**values)
    assert text.startswith("Configuration error: ") and line in text and "\n" not in text


def record(message: str, *args: object, exc: BaseException | None = None, **extra: object) -> logging.LogRecord:
    entry = logging.LogRecord("bot.test", logging.WARNING, __file__, 1, message, args, None)
    if exc is not None:
        entry.exc_info = (type(exc), exc, exc.__traceback__)
    for key, value in extra.items():
        setattr(entry, key, value)
    return entry


def test_json_lines_carry_the_ids_bound_to_the_task_and_never_a_secret() -> None:
    formatter = logs.JsonFormatter(logs.Redactor(settings().secrets()))
    with logs.bound(update=41, user=7):
        with logs.bound(broadcast=3):
            inner = json.loads(formatter.format(record("sent %s", "x", idea=12)))
        outer = json.loads(formatter.format(record("plain")))
    after = json.loads(formatter.format(record("later")))
    assert inner["message"] == "sent x" and inner["level"] == "WARNING" and inner["logger"] == "bot.test"
    assert (inner["update"], inner["user"], inner["broadcast"], inner["idea"]) == (41, 7, 3, 12)
    assert "broadcast" not in outer and outer["update"] == 41
    assert not {"update", "user", "idea", "broadcast"} & set(after)
    try:
        raise RuntimeError(f"POST https://api.telegram.org/bot{TOKEN}/getMe failed")
    except RuntimeError as exc:
        failed = formatter.format(record("call failed: %s", exc, exc=exc))
    assert "secret_part" not in failed and "bot***/getMe" in json.loads(failed)["message"]
    assert "RuntimeError" in json.loads(failed)["exception"]


def test_text_lines_are_redacted_too() -> None:
    formatter = logs.TextFormatter(logs.Redactor(settings().secrets()))
    line = formatter.format(record("token is %s", TOKEN.partition(":")[2]))
    assert line.endswith("WARNING bot.test: token is ***")


def make_db(path: Path, rows: int) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE t (x)")
        conn.executemany("INSERT INTO t VALUES (?)", [(i,) for i in range(rows)])
        conn.execute("PRAGMA user_version = 4")


def test_a_backup_is_one_checked_file_and_rotation_keeps_the_newest(tmp_path: Path) -> None:
    make_db(tmp_path / "live.sqlite3", 100)
    info = backup.make_backup(tmp_path / "live.sqlite3", tmp_path / "b" / "one.sqlite3")
    assert (info.schema, info.size > 0) == (4, True)
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == ["one.sqlite3"]  # no -wal, no .partial
    with sqlite3.connect(tmp_path / "b" / "one.sqlite3") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert conn.execute("SELECT count(*) FROM t").fetchone() == (100,)
    for name in ("daily-1", "daily-2", "daily-3"):
        backup.make_backup(tmp_path / "live.sqlite3", tmp_path / "b" / f"{name}.sqlite3")
    (tmp_path / "b" / "daily-9.sqlite3.partial").write_bytes(b"cut short")
    deleted = backup.rotate(tmp_path / "b", "daily-", keep=2)
    assert [p.name for p in deleted] == ["daily-1.sqlite3"]
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == ["daily-2.sqlite3", "daily-3.sqlite3", "one.sqlite3"]


def test_a_damaged_copy_is_refused(tmp_path: Path) -> None:
    (tmp_path / "junk.sqlite3").write_bytes(b"not a database at all" * 50)
    with pytest.raises(backup.BackupError, match="is not a usable SQLite database"):
        backup.check(tmp_path / "junk.sqlite3")
    with pytest.raises(backup.BackupError, match="there is no database at"):
        backup.make_backup(tmp_path / "missing.sqlite3", tmp_path / "copy.sqlite3")


def test_copies_made_before_a_migration_go_after_their_days(tmp_path: Path) -> None:
    import os
    import time

    make_db(tmp_path / "live.sqlite3", 1)
    old = backup.make_backup(tmp_path / "live.sqlite3", tmp_path / "b" / "before-v7-from-v6-old.sqlite3")
    new = backup.make_backup(tmp_path / "live.sqlite3", tmp_path / "b" / "before-v7-from-v6-new.sqlite3")
    manual = backup.make_backup(tmp_path / "live.sqlite3", tmp_path / "b" / "manual-1.sqlite3")
    now = time.time()
    week_ago = now - 8 * 86400
    for path in (old.path, manual.path):
        os.utime(path, (week_ago, week_ago))
    os.utime(new.path, (now, now))  # the process's clock, even where it differs from the file system's (faketime)
    assert backup.prune_older(tmp_path / "b", "before-v", 7 * 86400) == [old.path]
    assert new.path.exists() and manual.path.exists()  # an operator's copy is theirs to delete
