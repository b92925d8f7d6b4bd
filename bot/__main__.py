"""Entry point.

    python -m bot                 run the bot (the same as `python -m bot run`)
    python -m bot sandbox         try the bot without Telegram: a web chat on http://127.0.0.1:8080
                                  (--host, --port, --data-dir; ./scripts/run without BOT_TOKEN does this)
    python -m bot health          exit 0 when the running bot talked to Telegram lately (--max-age S)
    python -m bot backup [PATH]   a consistent, checked copy of the database, also while the bot runs
    python -m bot restore PATH    put a copy back (the bot must be stopped)

Every problem an operator must fix is one line on stderr and a non-zero exit code (2: fix the
settings, the token or the storage; 3: Telegram unreachable for STARTUP_GIVE_UP seconds).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys
import threading
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bot.config import Settings, describe_error, load_settings, token_given
from bot.logs import configure_logging

log = logging.getLogger("bot")


def run_loop(main: Coroutine[Any, Any, int]) -> int:
    """uvloop where it is installed (aiogram[fast], Linux and macOS), asyncio's own loop otherwise."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(main)
    return uvloop.run(main)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Точка кипения ideas bot")
    commands = parser.add_subparsers(dest="command")
    run_command = commands.add_parser("run", help="run the bot (the default)")
    run_command.add_argument(
        "--sandbox-without-token",
        action="store_true",
        help="open the sandbox instead when BOT_TOKEN is not set (or is .env.example's placeholder)",
    )
    sandbox = commands.add_parser("sandbox", help="the bot against a built-in Bot API, with a web chat page")
    from sandbox.options import add_arguments

    add_arguments(sandbox)
    health = commands.add_parser("health", help="exit 0 when the running bot talked to Telegram lately")
    health.add_argument("--max-age", type=float, default=None, help="seconds (default 60)")
    backup = commands.add_parser("backup", help="a consistent, checked copy of the database")
    backup.add_argument("path", nargs="?", help="a file or a folder (default: BACKUP_DIR)")
    restore = commands.add_parser("restore", help="put a backup back in place of the database (bot stopped)")
    restore.add_argument("path", help="the backup file")
    restore.add_argument(
        "--stop-broadcasts",
        action="store_true",
        help="stop the broadcasts the copy has unfinished instead of resuming them at the next start",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    # Until the bot's own handlers are in place (aiogram takes seconds to load), SIGTERM interrupts like
    # Ctrl-C does. Without this, a bot that is process 1 in a container would ignore SIGTERM meanwhile.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.command == "sandbox":
        return run_sandbox(args)
    if args.command == "run" and args.sandbox_without_token and not token_given():
        from sandbox.options import defaults

        return run_sandbox(defaults())
    try:
        settings = load_settings()
    except ValidationError as exc:
        print(describe_error(exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0
    configure_logging(settings.log_level, settings.log_format, settings.secrets())
    try:
        if args.command == "health":
            return health(settings, args.max_age)
        if args.command == "backup":
            return backup(settings, args.path)
        if args.command == "restore":
            return restore(settings, Path(args.path), args.stop_broadcasts)
    except KeyboardInterrupt:
        log.error("interrupted")
        return 130
    return run(settings)


def run_sandbox(args: argparse.Namespace) -> int:
    from sandbox.runner import main as sandbox_main

    return sandbox_main(args.host, args.port, args.data_dir)


def run(settings: Settings) -> int:
    code = 1
    try:
        from bot.runtime import serve
        from bot.telegram.speed import tune_process

        tune_process()
        code = run_loop(serve(settings))
    except KeyboardInterrupt:  # a signal before the bot's own handlers were in place
        code = 0
    except BaseException as exc:  # the last resort: one line, never a hang
        log.critical("stopped by an unexpected error: %s: %s", type(exc).__name__, exc)
        log.debug("the unexpected error", exc_info=True)
    finally:
        _never_hang(code)
    return code


def _never_hang(code: int) -> None:
    """The interpreter waits for every non-daemon thread at exit; a thread left running (a database
    connection a bug left open) would keep a stopped bot alive forever. Exit anyway, and say so."""
    others = [t for t in threading.enumerate() if t is not threading.main_thread() and not t.daemon and t.is_alive()]
    if others:
        log.error("exiting with %s thread(s) still running: %s", len(others), ", ".join(t.name for t in others))
        logging.shutdown()
        os._exit(code)


def health(settings: Settings, max_age: float | None) -> int:
    from bot.health import DEFAULT_MAX_AGE, check, heartbeat_path

    healthy, line = check(heartbeat_path(settings.database_path), DEFAULT_MAX_AGE if max_age is None else max_age)
    print(line, file=sys.stdout if healthy else sys.stderr)
    return 0 if healthy else 1


def backup(settings: Settings, given: str | None) -> int:
    from bot.services.backups import describe, manual_target
    from bot.storage.backup import BackupError, make_backup

    target = manual_target(settings, given)
    try:
        info = make_backup(settings.database_path, target)
    except BackupError as exc:
        print(f"backup failed: {exc}", file=sys.stderr)
        return 1
    print(f"backup written: {describe(info)}")
    return 0


def restore(settings: Settings, path: Path, stop_broadcasts: bool) -> int:
    from bot.instance import InstanceLock

    lock = InstanceLock(settings.database_path)
    folder = settings.database_path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        free = lock.acquire()
    except OSError as exc:
        print(f"restore failed: cannot write to {folder} ({exc.strerror or exc})", file=sys.stderr)
        return 1
    if not free:
        print(f"restore refused: the bot is running (process {lock.holder() or '?'}); stop it first", file=sys.stderr)
        return 1
    try:
        return _restore(settings, path, stop_broadcasts)
    finally:
        lock.release()


def _restore(settings: Settings, path: Path, stop_broadcasts: bool) -> int:
    from bot.services.backups import describe, stamp
    from bot.storage import backup as storage
    from bot.storage.db import latest_version

    try:
        info = storage.check(path)
        if info.schema > latest_version():
            print(
                f"restore refused: {path} has schema version {info.schema}, newer than this version of the bot"
                f" knows ({latest_version()})",
                file=sys.stderr,
            )
            return 1
        database = settings.database_path
        if database.exists():  # copied file by file: the bot is stopped, and a damaged database is kept too
            kept = storage.keep_files(database, settings.backups / f"before-restore-{stamp(settings)}")
            print(f"the database as it was is kept in {kept}")
        storage.restore(path, database)
        unfinished = storage.unfinished_broadcasts(database, stop=stop_broadcasts)
    except OSError as exc:
        print(f"restore failed: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except storage.BackupError as exc:
        print(f"restore failed: {exc}", file=sys.stderr)
        return 1
    print(f"restored {describe(info)} into {settings.database_path}")
    for broadcast_id, left in unfinished:
        if stop_broadcasts:
            print(f"broadcast #{broadcast_id}: stopped; {left} recipient(s) the copy had not reached get nothing")
        else:
            print(
                f"broadcast #{broadcast_id}: resumes at the next start for the {left} recipient(s) the copy had not"
                " reached; those the bot reached after the copy was made get it again (--stop-broadcasts avoids this)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
