"""Residents during a broadcast with Telegram's limits on (issue 12.4): one send budget, replies first.

A scaled-down bench/mixed_bench.py: 12 new residents onboard and send an idea each while a broadcast goes to
200 residents. Every resident is answered at every step, no idea is stored twice, every card is posted, and
Telegram refuses nothing — not even with a 429 — because the bot keeps to the limits itself.
"""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

from fake_telegram import FakeTelegram, RateLimits, ScriptedUser
from tests.support.broadcast import compose, copies, send_to_all
from tests.support.scenarios import curator_chats, newcomer_with_idea
from tests.support.seeding import seed_reachable
from tests.support.settings import ADMIN_ID


async def resident(fake: FakeTelegram, n: int) -> int:
    await asyncio.sleep(0.2 * n)  # they arrive one after another (the load's shape, not a wait for anything)
    return await newcomer_with_idea(fake, 560_000 + n, n)


async def test_residents_during_a_broadcast_are_all_answered_and_telegram_refuses_nothing(
    fake: FakeTelegram, db_path: Path, start_bot, admin: ScriptedUser
) -> None:
    ids = list(range(550_000, 550_200))
    await seed_reachable(fake, db_path, ids)
    await start_bot(telegram_rate=28, broadcast_rate=25)
    groups = await curator_chats(fake, admin, -100_950)
    audience = await compose(admin)
    fake.rate_limit = True
    fake.rate_limits = RateLimits(chat_burst=5)  # the scripted organizer answers faster than a person
    await send_to_all(admin, audience, expected=len(ids))
    numbers = await asyncio.gather(*(resident(fake, n) for n in range(12)))  # each step answered in time
    report = await admin.expect_message(timeout=60)
    assert report.text.startswith("Итог рассылки №\u00a01: доставлено 200 из 200.")
    for group in groups:
        for _ in range(3):
            card = await group.expect_message(timeout=30)
            assert card.text.startswith("Идея №\u00a0")
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*), count(DISTINCT author_id) FROM ideas").fetchone() == (12, 12)
    assert sorted(numbers) == list(range(1, 13))
    got = copies(fake, exclude=ADMIN_ID)
    assert set(got) >= set(ids) and all(got[i] == 1 for i in ids)
    assert fake.refused == [] and fake.stats.rate_limited == 0
