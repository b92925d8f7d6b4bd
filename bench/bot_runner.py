"""Run the bot or the echo bot with bench-only counters or experimental patches (nothing outside bench/ changes).

    python -m bench.bot_runner bot|echo

``python -m bench.load --counts`` or ``--patches <patch,...>`` starts the processes through this module (with
the project on PYTHONPATH, as every bench starts its child processes).

Environment:

* ``BENCH_COUNTS=<path>``: at exit, write JSON counters: updates fed to the dispatcher, Bot API calls by method,
  aiosqlite round trips (each one a hop to the database thread), sync callables aiogram ran through
  ``asyncio.to_thread`` (by callable), pydantic generic classes built (``Response[...]``), time the database lock
  was held and waited for, garbage collections and their time.
* ``BENCH_PATCHES=<patch,...>``: what-if experiments, never used for the reported figures:

  - ``inline-sync``: aiogram 3.31 ``CallableObject.call`` runs every sync filter/handler (magic filters ``F...``
    included) through ``asyncio.to_thread``; run them inline instead.
  - ``response-cache``: ``BaseSession.check_response`` builds ``Response[method.__returning__]`` per call; pydantic
    keeps those classes in a WeakValueDictionary, so after the garbage collector drops one it is built again.
    Keep them in a plain dict.
  - ``db-one-hop``: run a single statement and its fetch in one hop to the database thread and take
    ``bot.storage.db.Database``'s lock only while a transaction holds it. The bot has done so itself since this
    experiment (``Database._wait_for_transaction``, ``execute_fetchall``), so today it changes little.
  - ``db-inline``: as ``db-one-hop`` but single statements run on the event loop's thread (no thread hop at all;
    the connection is opened with ``check_same_thread=False``; transactions still go through aiosqlite).
"""

from __future__ import annotations

import asyncio
import atexit
import gc
import json
import os
import runpy
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

STARTED = time.perf_counter()
# Counts and milliseconds by name, per group.
COUNTS: dict[str, defaultdict[str, float]] = {
    group: defaultdict(float)
    for group in (
        "updates",
        "api_calls",
        "db_round_trips",
        "db_calls_by_caller",
        "to_thread",
        "generic_classes_built",
        "db_lock_ms",
        "gc",
    )
}


def _name(obj: Any) -> str:
    while isinstance(obj, partial):
        obj = obj.func
    owner = getattr(obj, "__self__", None)
    name = getattr(obj, "__qualname__", None) or type(obj).__qualname__
    if owner is not None and not isinstance(owner, type):
        name = f"{type(owner).__qualname__}.{getattr(obj, '__name__', name)}"
    return name


def install_counters(path: str) -> None:
    import aiosqlite.core
    from aiogram import Dispatcher
    from aiogram.client.session.aiohttp import AiohttpSession
    from pydantic._internal import _generics

    feed = Dispatcher.feed_update

    async def feed_update(self: Any, bot: Any, update: Any, **kwargs: Any) -> Any:
        COUNTS["updates"][update.event_type] += 1
        return await feed(self, bot, update, **kwargs)

    Dispatcher.feed_update = feed_update  # type: ignore[method-assign]

    make_request = AiohttpSession.make_request

    async def counted_request(self: Any, bot: Any, method: Any, timeout: Any = None) -> Any:  # noqa: ASYNC109
        COUNTS["api_calls"][type(method).__name__] += 1
        return await make_request(self, bot, method, timeout)

    AiohttpSession.make_request = counted_request  # type: ignore[method-assign]

    execute = aiosqlite.core.Connection._execute

    async def counted_execute(self: Any, fn: Any, *args: Any, **kwargs: Any) -> Any:
        COUNTS["db_round_trips"][_name(fn)] += 1
        return await execute(self, fn, *args, **kwargs)

    aiosqlite.core.Connection._execute = counted_execute  # type: ignore[method-assign]

    to_thread = asyncio.to_thread

    async def counted_to_thread(func: Any, /, *args: Any, **kwargs: Any) -> Any:
        COUNTS["to_thread"][_name(func)] += 1
        return await to_thread(func, *args, **kwargs)

    asyncio.to_thread = counted_to_thread

    build = _generics.create_generic_submodel

    def counted_build(model_name: str, *args: Any, **kwargs: Any) -> Any:
        COUNTS["generic_classes_built"][model_name] += 1
        return build(model_name, *args, **kwargs)

    _generics.create_generic_submodel = counted_build

    from bot.storage.db import Database  # unused by the echo bot: harmless

    for method_name in ("execute", "execute_rowcount", "fetchone", "fetchall", "transaction"):
        install_caller_counter(Database, method_name)
    init = Database.__init__

    def timed_init(self: Any, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        self._lock = TimedLock()

    Database.__init__ = timed_init  # type: ignore[method-assign]

    gc_started = [0.0]

    def on_gc(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            gc_started[0] = time.perf_counter()
            return
        generation = info.get("generation", 0)
        stats = COUNTS["gc"]
        stats[f"gen{generation} collections"] += 1
        stats[f"gen{generation} ms"] += (time.perf_counter() - gc_started[0]) * 1000
        stats["collected objects"] += info.get("collected", 0)

    gc.callbacks.append(on_gc)

    def dump() -> None:
        COUNTS["db_lock_ms"]["run"] = (time.perf_counter() - STARTED) * 1000
        Path(path).write_text(json.dumps({k: dict(v) for k, v in COUNTS.items()}, indent=1), encoding="utf-8")

    atexit.register(dump)


class TimedLock(asyncio.Lock):
    """The database lock, timing how long callers wait for it and how long it is held (ms, whole run)."""

    _held_since = 0.0

    async def acquire(self) -> bool:  # type: ignore[override]
        asked = time.perf_counter()
        result = await super().acquire()
        self._held_since = time.perf_counter()
        stats = COUNTS["db_lock_ms"]
        stats["acquisitions"] += 1
        stats["waited"] += (self._held_since - asked) * 1000
        return result

    def release(self) -> None:
        COUNTS["db_lock_ms"]["held"] += (time.perf_counter() - self._held_since) * 1000
        super().release()


def install_caller_counter(cls: type, method_name: str) -> None:
    """Count calls of ``cls.method_name`` by the project function that made them (repositories, FSM storage)."""
    original = getattr(cls, method_name)

    def counted(self: Any, *args: Any, **kwargs: Any) -> Any:
        frame = sys._getframe(1)
        while frame.f_back is not None and frame.f_code.co_filename.endswith(("storage/db.py", "bench/bot_runner.py")):
            frame = frame.f_back  # past Database's own helpers: the repository method that asked
        caller = frame.f_code
        COUNTS["db_calls_by_caller"][f"{caller.co_qualname}"] += 1
        return original(self, *args, **kwargs)

    setattr(cls, method_name, counted)


def install_db_one_hop(inline: bool = False) -> None:
    """Single statements: one hop to the aiosqlite thread (or ``inline``: none, run on the event loop's thread),
    the lock only waited for while a transaction holds it."""
    import aiosqlite

    from bot.storage.db import Database

    if inline:
        connect = aiosqlite.connect
        aiosqlite.connect = partial(connect, check_same_thread=False)  # type: ignore[assignment]

    async def single(db: Database, fn: Any) -> Any:
        if db._lock.locked():  # transaction() (or migrate()) is running: let it finish first
            async with db._lock:
                return fn() if inline else await db.conn._execute(fn)
        # queued on the database thread before this coroutine yields, or run right here
        return fn() if inline else await db.conn._execute(fn)

    async def execute(self: Database, sql: str, params: Sequence[Any] = (), *, forever: bool = False) -> int:
        raw = self.conn._conn
        return await self.patiently(lambda: single(self, lambda: raw.execute(sql, params).lastrowid or 0), forever)

    async def execute_rowcount(self: Database, sql: str, params: Sequence[Any] = (), *, forever: bool = False) -> int:
        raw = self.conn._conn
        return await self.patiently(lambda: single(self, lambda: raw.execute(sql, params).rowcount), forever)

    async def fetchone(self: Database, sql: str, params: Sequence[Any] = ()) -> Any:
        raw = self.conn._conn
        return await self.patiently(lambda: single(self, lambda: raw.execute(sql, params).fetchone()))

    async def fetchall(self: Database, sql: str, params: Sequence[Any] = (), *, forever: bool = False) -> Any:
        raw = self.conn._conn
        return await self.patiently(lambda: single(self, lambda: raw.execute(sql, params).fetchall()), forever)

    Database.execute = execute  # type: ignore[method-assign]
    Database.execute_rowcount = execute_rowcount  # type: ignore[method-assign]
    Database.fetchone = fetchone  # type: ignore[method-assign]
    Database.fetchall = fetchall  # type: ignore[method-assign]


def install_patches(names: set[str]) -> None:
    if "inline-sync" in names:
        from aiogram.dispatcher.event.handler import CallableObject

        async def call(self: Any, *args: Any, **kwargs: Any) -> Any:
            wrapped = partial(self.callback, *args, **self._prepare_kwargs(kwargs))
            if self.awaitable:
                return await wrapped()
            return wrapped()

        CallableObject.call = call  # type: ignore[method-assign]
    if "response-cache" in names:
        import aiogram.client.session.base as session_base

        class CachedGeneric:
            def __init__(self, generic: Any) -> None:
                self.generic = generic
                self.cache: dict[Any, Any] = {}

            def __getitem__(self, item: Any) -> Any:
                found = self.cache.get(item)
                if found is None:
                    found = self.cache[item] = self.generic[item]
                return found

        session_base.Response = CachedGeneric(session_base.Response)  # type: ignore[assignment,misc]
    if "db-one-hop" in names and "db-inline" in names:
        raise SystemExit("db-one-hop and db-inline exclude each other")
    if "db-one-hop" in names:
        install_db_one_hop()
    if "db-inline" in names:
        install_db_one_hop(inline=True)
    unknown = names - {"inline-sync", "response-cache", "db-one-hop", "db-inline"}
    if unknown:
        raise SystemExit(f"unknown BENCH_PATCHES: {sorted(unknown)}")


def main() -> None:
    if len(sys.argv) != 2 or sys.argv[1] not in ("bot", "echo"):
        raise SystemExit("usage: python -m bench.bot_runner bot|echo")
    which = sys.argv[1]
    patches = {p.strip() for p in os.environ.get("BENCH_PATCHES", "").split(",") if p.strip()}
    install_patches(patches)
    if os.environ.get("BENCH_COUNTS"):  # after the patches: the counters wrap what the bot will call
        install_counters(os.environ["BENCH_COUNTS"])
    sys.argv = [which]
    runpy.run_module("bot" if which == "bot" else "bench.echo_bot", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
