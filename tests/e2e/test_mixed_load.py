"""Residents during a broadcast with Telegram's limits on (issue 12.4): one send budget, replies first.

A scaled-down bench/mixed_bench.py: 12 new residents onboard and send an idea each while a broadcast goes to
200 residents. Every resident is answered at every step, no idea is stored twice, every card is posted, and
Telegram refuses nothing — not even with a 429 — because the bot keeps to the limits itself.
"""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

from tests.fake_telegram import FakeTelegram, RateLimits, ScriptedUser
from tests.support.broadcast import compose, copies, send_to_all
from tests.support.scenarios import bind_curator_chat, onboard, send_idea, write_idea
from tests.support.seeding import seed_reachable
from tests.support.settings import ADMIN_ID

DIRECTIONS = ["Технологическое лидерство", "Социальные проекты", "Развитие городской среды", "Молодые профессионалы"]
TEXTS = [
    "Открыть кружок робототехники и программирования для школьников в библиотеке",
    "Организовать волонтёрскую помощь пожилым соседям с покупками продуктов",
    "Благоустроить сквер у школы: лавочки, освещение и новые деревья",
    "Сделать стажировки для студентов в местных компаниях на лето",
]


async def resident(fake: FakeTelegram, n: int) -> int:
    await asyncio.sleep(0.2 * n)  # they arrive one after another (the load's shape, not a wait for anything)
    user = fake.user(560_000 + n, first_name=f"Новый {n}", language_code="ru")
    await onboard(user)
    return await send_idea(user, await write_idea(user, f"{TEXTS[n % 4]} ({n})", direction=DIRECTIONS[n % 4]))


async def test_residents_during_a_broadcast_are_all_answered_and_telegram_refuses_nothing(
    fake: FakeTelegram, db_path: Path, start_bot, admin: ScriptedUser
) -> None:
    ids = list(range(550_000, 550_200))
    await seed_reachable(fake, db_path, ids)
    groups = []
    await start_bot(telegram_rate=28, broadcast_rate=25)
    for i, direction in enumerate(DIRECTIONS):
        group = fake.group(-100_950 - i, f"Кураторы {i}")
        fake.join(group, admin)
        await bind_curator_chat(admin, group, direction)
        groups.append(group)
    audience = await compose(admin)
    fake.rate_limit = True
    fake.rate_limits = RateLimits(chat_burst=5)  # the scripted organizer answers faster than a person
    await send_to_all(admin, audience, expected=len(ids))
    numbers = await asyncio.gather(*(resident(fake, n) for n in range(12)))  # each step answered in time
    report = await admin.expect_message(timeout=60)
    assert report.text.startswith("Итог рассылки №1: доставлено 200 из 200.")
    for group in groups:
        for _ in range(3):
            card = await group.expect_message(timeout=30)
            assert card.text.startswith("💡 Идея #")
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*), count(DISTINCT author_id) FROM ideas").fetchone() == (12, 12)
    assert sorted(numbers) == list(range(1, 13))
    got = copies(fake, exclude=ADMIN_ID)
    assert set(got) >= set(ids) and all(got[i] == 1 for i in ids)
    assert fake.refused == [] and fake.stats.rate_limited == 0
