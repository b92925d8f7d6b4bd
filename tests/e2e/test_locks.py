"""Another process holding the database's write lock (issue 12.7): a long lock delays, never resends."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from pathlib import Path

from fake_telegram import FakeTelegram, ScriptedUser
from tests.support.broadcast import compose, copies, db_counts, send_to_all
from tests.support.seeding import seed_reachable
from tests.support.settings import ADMIN_ID

HOLD = 5.5  # seconds: longer than the bot's busy_timeout (5 s), so its writes fail at least once


def hold_write_lock(path: Path, seconds: float, taken: threading.Event) -> None:
    """What an operator's sqlite3 shell with an open transaction does."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        taken.set()
        time.sleep(seconds)  # the operator's pause (a relative sleep: also right under faketime)
        conn.execute("ROLLBACK")
    finally:
        conn.close()


async def test_a_long_write_lock_delays_a_broadcast_and_resends_nothing(
    fake: FakeTelegram, db_path: Path, start_bot, admin: ScriptedUser
) -> None:
    ids = list(range(540_000, 540_030))
    await seed_reachable(fake, db_path, ids)
    bot = await start_bot(broadcast_rate=40, progress_interval=0.5)
    await send_to_all(admin, await compose(admin), expected=len(ids))
    await fake.wait_for_request("copyMessage", after=10, timeout=30)
    taken = threading.Event()
    holder = asyncio.create_task(asyncio.to_thread(hold_write_lock, db_path, HOLD, taken))
    await asyncio.to_thread(taken.wait, 5)
    report = await admin.expect_message(timeout=60)
    await holder
    assert report.text.startswith("Итог рассылки №\u00a01: доставлено 30 из 30.")
    got = copies(fake, exclude=ADMIN_ID)
    assert set(got) == set(ids) and set(got.values()) == {1}  # nobody got it twice
    assert db_counts(db_path) == {"sent": 30}
    await asyncio.wait_for(bot.dp["broadcaster"].wait_idle(), 10)  # the report is marked sent
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT report_sent FROM broadcasts WHERE id = 1").fetchone() == (1,)
