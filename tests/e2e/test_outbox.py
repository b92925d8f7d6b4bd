"""The outbox (issue 12.1): cards and notices are queued with the change that causes them, sent by one worker,
retried until Telegram takes or refuses them, and survive a SIGKILL."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

from fake_telegram import FakeTelegram, ScriptedUser
from tests.support.bot_process import BotProcess
from tests.support.scenarios import curator_chat, onboarded, send_idea, write_idea
from tests.support.seeding import NOW, seed_reachable
from tests.support.settings import ADMIN_ID

IDEA = "Поставить лавочки и урны вдоль набережной Урала у моста"
URBAN = "Развитие городской среды"


async def test_a_card_and_a_notice_wait_out_failures_and_arrive_once(
    fake: FakeTelegram, db_path: Path, start_bot, admin: ScriptedUser
) -> None:
    await start_bot(outage_backoff_max=0.3)
    group = await curator_chat(fake, admin, -100_777, "Кураторы: среда", URBAN, joined=True)
    resident = await onboarded(fake, 8201, "Вера")
    summary = await write_idea(resident, IDEA, direction=URBAN)

    fake.fail_next("sendMessage", "500", chat_id=group.chat_id, times=3)  # Telegram fails the card thrice
    number = await send_idea(resident, summary)  # the resident is answered at once all the same
    card = await group.expect_message(timeout=15)
    assert card.text.startswith(f"Идея №\u00a0{number}") or f"№\u00a0{number}" in card.text
    assert [r.error_code for r in fake.refused if r.params.get("chat_id") == group.chat_id] == [500, 500, 500]

    fake.fail_next("sendMessage", "500", chat_id=resident.user_id, times=2)  # and the author's notice twice
    await admin.press(card, "✅ Принять")
    notice = await resident.expect_message(timeout=15)
    assert f"№\u00a0{number}" in notice.text and "приняли" in notice.text
    await resident.expect_no_message(within=0.5)
    assert (
        Counter(m.chat_id for m in fake.sent_messages() if m.text and f"№\u00a0{number}" in m.text)[group.chat_id] == 1
    )
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute("SELECT kind, status, attempts FROM outbox ORDER BY id").fetchall()
    assert [r.error_code for r in fake.refused if r.params.get("chat_id") == resident.user_id] == [500, 500]
    assert rows == [("card", "sent", 1), ("notice", "sent", 1)]  # each retried within its one attempt


async def test_a_card_refused_by_the_chat_goes_privately_and_nothing_is_dropped(
    fake: FakeTelegram, db_path: Path, start_bot, admin: ScriptedUser
) -> None:
    await start_bot(outage_backoff_max=0.3)
    group = await curator_chat(fake, admin, -100_778, "Кураторы: среда", URBAN, joined=True)
    resident = await onboarded(fake, 8202, "Гоша")
    summary = await write_idea(resident, IDEA, direction=URBAN)
    admin.chat.known = True  # the superadmin has a private chat with the bot
    fake.fail_next(
        "sendMessage", "403", chat_id=group.chat_id, description="Forbidden: bot was kicked from the supergroup chat"
    )
    number = await send_idea(resident, summary)
    card = await admin.expect_message(timeout=15)
    assert f"№\u00a0{number}" in card.text and "✅ Принять" in card.buttons[0]


async def test_the_outbox_survives_sigkill_each_card_and_notice_once(fake: FakeTelegram, db_path: Path) -> None:
    authors = list(range(8300, 8310))
    await seed_reachable(fake, db_path, authors)
    group = fake.group(-100_779, "Кураторы: среда")
    with sqlite3.connect(db_path) as conn:
        urban = conn.execute("SELECT id FROM directions WHERE code = 'urban'").fetchone()[0]
        conn.execute(
            "INSERT INTO curator_chats (direction_id, chat_id, title, bound_by, bound_at) VALUES (?, ?, 'К', ?, ?)",
            (urban, group.chat_id, ADMIN_ID, NOW),
        )
        for author in authors:  # each insert queues its card (a trigger, same statement)
            conn.execute(
                "INSERT INTO ideas (author_id, text, direction_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                (author, f"Идея жителя {author}: скамейки во дворе", urban, NOW, NOW),
            )
        ideas = [r[0] for r in conn.execute("SELECT id, author_id FROM ideas ORDER BY id")]
        for idea_id, author in zip(ideas, authors, strict=True):
            conn.execute(
                "INSERT INTO outbox (kind, ref, chat_id, args, priority, created_at) VALUES ('notice', ?, ?, ?, 60, ?)",
                (idea_id, author, '{"key": "notify-hidden"}', NOW),
            )
    # The bot keeps to 20 cards a minute in a group, 5 at once: the sixth waits, and the bot is killed meanwhile.
    env = {"TELEGRAM_RATE": "28"}
    bot = await BotProcess.against(fake.base_url, db_path, **env).start()
    await fake.wait_for_request("sendMessage", after=len(authors) + 4, timeout=45)  # the notices, then 5 cards
    await bot.kill()
    posted_before = sum(1 for m in group.inbox)
    assert 5 <= posted_before < len(ideas)

    await BotProcess.against(fake.base_url, db_path, **env).start()
    cards: Counter[int] = Counter()
    while set(cards) != set(ideas):  # those the first run posted, then the rest
        card = await group.expect_message(timeout=30)
        cards[int(str(card.text).split("№\u00a0", 1)[1].split()[0])] += 1
    assert set(cards) == set(ideas) and sum(cards.values()) - len(ideas) <= 1, cards
    notices = Counter(m.chat_id for m in fake.sent_messages() if m.chat_id in authors)
    assert all(1 <= n <= 2 for n in notices.values()) and sum(notices.values()) - len(authors) <= 1
    assert set(notices) == set(authors)


async def test_private_cards_go_on_after_a_failure_midway_each_person_gets_one(
    fake: FakeTelegram, db_path: Path, start_bot, admin: ScriptedUser
) -> None:
    bot = await start_bot(outage_backoff_max=0.3, reply_retry_budget=0)  # failures reach the outbox at once
    repos = bot.dp["repos"]
    curator = await onboarded(fake, 8401, "Куратор")
    assert await repos.roles.add_organizer(curator.user_id, ADMIN_ID)
    assert await repos.roles.make_curator(curator.user_id, 3, ADMIN_ID)  # Развитие городской среды
    curator.drain()
    admin.chat.known = True
    resident = await onboarded(fake, 8402, "Люба")
    summary = await write_idea(resident, IDEA, direction=URBAN)
    fake.fail_next("sendMessage", "500", chat_id=admin.user_id, times=2)  # the superadmin's copy fails twice
    number = await send_idea(resident, summary)
    assert f"№\u00a0{number}" in (await curator.expect_message(timeout=10)).text
    assert f"№\u00a0{number}" in (await admin.expect_message(timeout=10)).text
    await curator.expect_no_message(within=1.0)  # the curator's card was not sent again with the retries
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT status FROM outbox WHERE kind = 'card'").fetchall() == [("sent",)]
