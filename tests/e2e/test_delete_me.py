"""/delete_me (issue 11): afterwards no row in any table names the person, except the audit log of staff actions;
broadcasts under way skip them; staff are refused until their role is taken; reports vanishing with their
authors make a hidden idea public again."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.services.polls import PollDraft
from bot.storage.db import Database, load_migrations
from bot.telegram.commands import staff_commands_text
from bot.telegram.i18n import Html, Translator
from fake_telegram import FakeTelegram, ScriptedUser
from tests.support.broadcast import compose, send_to_all
from tests.support.clock import utc_now
from tests.support.in_process import InProcessBot
from tests.support.locale_text import button, en, ru, ru_pattern
from tests.support.scenarios import onboard, onboarded, send_idea, start_idea, write_idea
from tests.support.seeding import add_registration, add_session, seed_reachable
from tests.support.settings import ADMIN_ID

pytestmark = pytest.mark.usefixtures("pinned_clock")  # the bot's clock reads 10:00 in TIMEZONE, at any hour

PERSON = 731954286  # a Telegram id no other value in the database contains by chance
URBAN = 3
URBAN_LABEL = "🌳 Развитие городской среды"  # the direction's label: data, not wording
IDEA_OWN = "Поставить скамейки и урны вдоль аллеи в сквере у драмтеатра, там негде присесть."
IDEA_OLGA = "Сделать велодорожку вдоль набережной Урала и поставить велопарковки у входа в рощу."
IDEA_BORIS = "Открыть кружок робототехники для школьников в районном доме культуры по субботам."
GROUP_ID = -1001000000777


def cells_naming(db_path: Path, person_id: int) -> list[tuple[str, str, Any]]:
    """Every (table, column, value) in the database whose value is the id or contains it, from every table
    sqlite_master lists and every column PRAGMA table_info gives."""
    needle = str(person_id)
    found: list[tuple[str, str, Any]] = []
    with sqlite3.connect(db_path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        assert {"users", "deliveries", "idea_events", "audit_log", "poll_votes"} <= set(tables)
        for table in tables:
            columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                for column, value in zip(columns, row, strict=True):
                    if value == person_id or needle in str(value):
                        found.append((table, column, value))
    return found


def audit_rows_naming(db_path: Path, person_id: int) -> list[tuple[str, str]]:
    """(action, how the row names them: 'actor' or 'target') for the audit entries that name the person."""
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute("SELECT actor_id, action, target, details FROM audit_log ORDER BY id").fetchall()
    named = []
    for actor, action, target, details in rows:
        if actor == person_id:
            named.append((action, "actor"))
        if target == str(person_id):
            named.append((action, "target"))
        assert str(person_id) not in (details or ""), (action, details)
    return named


def one(db_path: Path, sql: str, *params: Any) -> Any:
    with sqlite3.connect(db_path) as conn:
        row = conn.execute(sql, params).fetchone()
    return row[0] if row else None


async def test_after_delete_me_no_row_names_the_person(
    fake: FakeTelegram, start_bot: Callable[..., Awaitable[InProcessBot]], admin: ScriptedUser, db_path: Path
) -> None:
    bot = await start_bot(reminder_offsets="", broadcast_rate=200)
    repos = bot.dp["repos"]
    person = fake.user(PERSON, first_name="Пётр", last_name="Удалов", username="petr_udalov", language_code="ru")
    olga = fake.user(5502, first_name="Ольга", language_code="ru")
    boris = fake.user(5503, first_name="Борис", language_code="ru")
    for resident in (person, olga, boris):
        await onboard(resident, subscribe="Развитие городской среды")

    # --- A stint as organizer and curator ---------------------------------------------------------------
    await admin.send_command("/organizers", f"add {PERSON}")
    assert (await admin.expect_message()).text.startswith(ru("roles-added", name="Пётр Удалов (@petr_udalov)"))
    commands = Html(staff_commands_text(Translator().for_lang("ru"), superadmin=False))
    assert (await person.expect_message()).text == ru("roles-you-organizer", commands=commands)
    assert await repos.roles.make_curator(PERSON, URBAN, ADMIN_ID)
    # No curator chat is bound: Olga's idea reaches the superadmin and the curator privately; he accepts it.
    olgas = await send_idea(olga, await write_idea(olga, IDEA_OLGA, direction="Развитие городской среды"))
    card = await person.expect_message()
    assert ru("card-title", number=olgas, direction=URBAN_LABEL) in card.text
    await person.press(card, button("ru", "card-accept"))
    assert (await olga.expect_message()).text == ru("notify-accepted", number=olgas, direction=URBAN_LABEL)
    admin.drain()
    # He bans a spammer, creates sessions, ties a group to one and posts a poll in it, checks Olga in.
    spammer = await onboarded(fake, 5509, "Спам")
    await person.send_command("/ban", f"{spammer.user_id} реклама")
    assert (await person.expect_message()).text == ru("mod-banned", name="Спам")
    start = utc_now() - timedelta(hours=3)
    past = add_session(db_path, title="Прошедшая сессия", starts_at=start, duration_min=60, created_by=PERSON)
    full = add_session(db_path, title="Полная сессия", capacity=1, created_by=PERSON)
    open_one = add_session(db_path, title="Открытая сессия", created_by=PERSON)
    add_registration(db_path, past, PERSON)
    olga_token = add_registration(db_path, past, olga.user_id)
    assert (await bot.dp["registration"].check_in(olga_token, PERSON)).outcome == "done"
    add_registration(db_path, full, olga.user_id)
    group = fake.group(GROUP_ID, title="Чат сессии")
    fake.add_member(group, person, status="administrator")
    await person.send_in(group, f"/bind_session {open_one}")
    bound = ru_pattern("bind-session-done", {"when": ".+"}, title="Открытая сессия")
    assert re.fullmatch(bound, (await group.expect_message()).text or "")
    polls = bot.dp["polls"]
    poll = await polls.post(PollDraft("Куда пойдём?", ["Парк", "Набережная"]), GROUP_ID, open_one, PERSON)
    posted = group.inbox[-1]
    # An announcement to every resident, which reaches him too; its report comes back to him.
    audience = await compose(person, "Новости: субботник в сквере <в 10:00> & чай")
    await send_to_all(person, audience, expected=3)
    report = ru("bc-report-done", number=1, sent=3, total=3, blocked=0, failed=0, unknown=0, cancelled=0)
    while (await person.expect_message()).text != report:
        pass  # the copy he receives as a resident comes on the way
    assert olga.drain()[-1].method == "copyMessage" and boris.drain()[-1].method == "copyMessage"
    # The session that ended: the summary goes to him (its creator), and he, who came, is asked to rate it.
    await repos.registrations.mark_attended(past, PERSON, ADMIN_ID)
    await bot.dp["lifecycle"].end(past, 1)
    ask = None
    while ask is None:
        message = await person.expect_message()
        if message.text == ru("feedback-ask", title="Прошедшая сессия"):
            ask = message
    await person.press(ask, "4 ⭐")
    await person.expect_edit(ask)
    await bot.dp["lifecycle"].attended_late(past, PERSON)  # a second request, just for him (its token names him)
    assert (await person.expect_message()).text == ru("feedback-ask", title="Прошедшая сессия")

    # --- The superadmin takes the role (staff cannot delete themselves) -----------------------------------
    await person.send_command("/delete_me")
    assert (await person.expect_message()).text == ru("delete-refused-organizer")
    assert await repos.roles.is_organizer(PERSON)
    await admin.send_command("/organizers")
    listing = await admin.expect_message()
    await admin.press(listing, "⚙️ 1. Пётр Удалов (@petr_udalov)")
    await admin.expect_edit(listing)
    await admin.press(listing, button("ru", "roles-btn-remove"))
    await admin.expect_edit(listing)
    await admin.press(listing, button("ru", "roles-btn-remove-yes"))
    await admin.expect_edit(listing)
    assert (await person.expect_message()).text == ru("roles-you-not-organizer")

    # --- Then a resident like any other -----------------------------------------------------------------
    own = await send_idea(person, await write_idea(person, IDEA_OWN, direction="Развитие городской среды"))
    assert await repos.moderation.set_status(own, "accepted", ADMIN_ID)
    await repos.public.support(own, olga.user_id, 100)
    borises = await send_idea(boris, await write_idea(boris, IDEA_BORIS, direction="Молодые профессионалы"))
    assert await repos.moderation.set_status(borises, "accepted", ADMIN_ID)
    await repos.public.support(olgas, PERSON, 100)
    await repos.public.report(borises, PERSON, "spam", 3)
    await bot.dp["registration"].request_place(open_one, PERSON)
    assert (await bot.dp["registration"].request_place(full, PERSON)).outcome == "waitlisted"
    await person.vote(posted, [1])
    await olga.vote(posted, [0])
    await person.send_command("/help")  # answered after the votes before it were taken
    assert "/delete_me" in (await person.expect_message()).text
    await polls.current(poll.id)  # the votes are written
    assert one(db_path, "SELECT count(*) FROM poll_votes WHERE user_id = ?", PERSON) == 1
    # A draft in progress when he changes his mind.
    await start_idea(person, "Черновик, который он так и не отправил: фонари у школы номер пять.")
    person.drain()
    admin.drain()

    before = {table for table, _, _ in cells_naming(db_path, PERSON)}
    assert {"users", "subscriptions", "ideas", "supports", "reports", "registrations", "feedback", "poll_votes",
            "deliveries", "broadcasts", "sessions", "polls", "session_chats", "session_summaries", "idea_cards",
            "idea_events", "fsm_state", "audit_log"} <= before  # fmt: skip

    await person.send_command("/delete_me")
    ask = await person.expect_message()
    assert ask.text == ru("delete-ask")
    await person.press(ask, button("ru", "delete-yes"))
    done = await person.expect_message()
    assert done.text == ru("delete-done")

    left = [(table, column) for table, column, _ in cells_naming(db_path, PERSON) if table != "audit_log"]
    assert left == []
    assert audit_rows_naming(db_path, PERSON) == [
        ("role_grant", "target"),
        ("idea_accepted", "actor"),
        ("ban", "actor"),
        ("broadcast", "actor"),
        ("role_revoke", "target"),
    ]

    # What others need still works: ideas, counts, the ban, the sessions and the poll, without him.
    idea = await repos.ideas.get(own)
    assert idea is not None and idea.author_id is None and idea.supports_count == 1
    accepted = await repos.ideas.get(olgas)
    assert accepted is not None and accepted.status == "accepted" and accepted.decided_by is None
    assert accepted.supports_count == 0
    assert (await repos.users.get(spammer.user_id)).is_banned  # type: ignore[union-attr]
    assert one(db_path, "SELECT total FROM broadcasts WHERE id = 1") == 3
    assert one(db_path, "SELECT count(*) FROM deliveries WHERE broadcast_id = 1 AND user_id IS NULL") == 1
    assert one(db_path, "SELECT created_by FROM sessions WHERE id = ?", past) == 0
    assert one(db_path, "SELECT total_voters FROM polls WHERE id = ?", poll.id) == 2
    assert one(db_path, "SELECT attended_by FROM registrations WHERE user_id = ?", olga.user_id) is None
    olga.drain()  # her own rating request, the supports notice…
    await olga.send_command("/my")
    assert f"№\u00a0{olgas}" in (await olga.expect_message()).text
    # He is unknown now: /start begins anew.
    await person.send_command("/start")
    assert (await person.expect_message()).text == ru("consent-intro")
    assert fake.refused == []


async def test_a_broadcast_under_way_skips_people_who_delete_their_data(
    fake: FakeTelegram, db_path: Path, start_bot: Callable[..., Awaitable[InProcessBot]], admin: ScriptedUser
) -> None:
    ids = list(range(6001, 6041))
    users = await seed_reachable(fake, db_path, ids)
    # 10 a second: the first 32 recipients are read at once, so the tenth waits in the worker's memory, the
    # fortieth in the database, while each of them deletes their data.
    await start_bot(broadcast_rate=10, progress_interval=0.5)
    await send_to_all(admin, await compose(admin), expected=40)
    assert (await users[6001].expect_message()).method == "copyMessage"
    for leaving in (users[6010], users[6040]):
        await leaving.send_command("/delete_me")
        await leaving.press(await leaving.expect_message(), button("ru", "delete-yes"))
        assert (await leaving.expect_message()).text == ru("delete-done")
    report = await admin.expect_message(timeout=15)
    # The two who left are counted as not sent, and the report says why.
    assert report.text == ru("bc-report-done", number=1, sent=38, total=40, blocked=0, failed=0, unknown=0, cancelled=2)
    for gone in (6010, 6040):
        assert [m.method for m in fake.sent_messages(gone)] == ["sendMessage", "sendMessage"]  # no copy
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute("SELECT seq, status FROM deliveries WHERE user_id IS NULL ORDER BY seq").fetchall()
    assert rows == [(10, "cancelled"), (40, "cancelled")]
    assert cells_naming(db_path, 6010) == [] and cells_naming(db_path, 6040) == []
    assert fake.refused == []


async def test_staff_are_refused_until_their_role_is_taken(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser
) -> None:
    await onboard(admin)
    await admin.send_command("/delete_me")
    refusal = await admin.expect_message()
    assert refusal.text == ru("delete-refused-superadmin") and refusal.buttons == []
    organizer = await onboarded(fake, 5601, "Инна", "en", territory="Orenburg")
    await organizer.send_command("/delete_me")
    ask_early = await organizer.expect_message()  # asked while still a resident…
    await bot.dp["repos"].roles.add_organizer(organizer.user_id, ADMIN_ID)
    await organizer.press(ask_early, button("en", "delete-yes"))  # …confirmed after becoming an organizer
    assert (await organizer.expect_message()).text == en("delete-refused-organizer")
    await organizer.send_command("/delete_me")
    assert (await organizer.expect_message()).text == en("delete-refused-organizer")
    assert (await bot.dp["repos"].users.get(organizer.user_id)).has_consent  # type: ignore[union-attr]
    assert fake.refused == []


async def test_migration_7_cleans_what_earlier_versions_left(tmp_path: Path) -> None:
    """A database of version 6 where someone ran /delete_me (the old way: a 'withdrawn' row kept) and strangers'
    votes were stored: version 7 leaves no row naming that person and keeps only residents' votes."""
    path = tmp_path / "v6.sqlite3"
    with sqlite3.connect(path, isolation_level=None) as conn:
        for _, _, sql in load_migrations()[:6]:
            conn.executescript(f"BEGIN;\n{sql}\nCOMMIT;")
        conn.execute("PRAGMA user_version = 6")
        now = "2026-01-01T00:00:00+00:00"
        conn.executescript(
            f"""
            INSERT INTO users (id, consent_status, consent_at, first_name, created_at, updated_at)
                VALUES (5001, 'accepted', '{now}', 'Жанна', '{now}', '{now}');
            INSERT INTO users (id, consent_status, consent_at, first_name, banned_at, created_at, updated_at)
                VALUES (5002, 'accepted', '{now}', 'Бен', '{now}', '{now}', '{now}');
            INSERT INTO users (id, language, consent_status, declined_at, created_at, updated_at)
                VALUES ({PERSON}, 'ru', 'withdrawn', '{now}', '{now}', '{now}');
            INSERT INTO ideas (author_id, text, direction_id, created_at, updated_at)
                VALUES ({PERSON}, 'Идея того, кто ушёл', 3, '{now}', '{now}');
            UPDATE ideas SET author_id = NULL, decided_by = {PERSON};
            INSERT INTO sessions (title, description, direction_id, starts_at, duration_min, place, deadline_at,
                created_by, created_at, updated_at) VALUES ('С', 'О', 3, '{now}', 60, 'Здесь', '{now}', {PERSON},
                '{now}', '{now}');
            INSERT INTO broadcasts (token, created_by, source_chat_id, source_message_id, audience_kind, total,
                status, report_sent, created_at, kind, session_id)
                VALUES ('feedback:1:{PERSON}', 0, 0, 0, 'session', 1, 'done', 1, '{now}', 'feedback', 1);
            INSERT INTO deliveries (broadcast_id, seq, user_id, status) VALUES (1, 1, {PERSON}, 'sent');
            INSERT INTO deliveries (broadcast_id, seq, user_id, status) VALUES (1, 2, 5001, 'sent');
            INSERT INTO polls (chat_id, question, options, created_by, created_at)
                VALUES (-1, 'В?', '["a","b"]', 9001, '{now}');
            INSERT INTO poll_votes (poll_id, user_id, option_ids, updated_at) VALUES
                (1, 5001, '[0]', '{now}'), (1, 5002, '[1]', '{now}'), (1, 777, '[1]', '{now}');
            INSERT INTO fsm_state (key, state, updated_at) VALUES ('1:{PERSON}:{PERSON}:::default', 'x', '{now}');
            """
        )
    db = Database(path)
    await db.connect()
    await db.close()
    assert cells_naming(path, PERSON) == []
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] >= 7  # and any later ones
        assert conn.execute("SELECT user_id, option_ids FROM poll_votes").fetchall() == [(5001, "[0]")]
        assert conn.execute("SELECT seq, user_id, status FROM deliveries").fetchall() == [
            (1, None, "sent"),
            (2, 5001, "sent"),
        ]
        assert conn.execute("SELECT actor_id, action FROM idea_events").fetchall() == [(None, "submitted")]
        assert conn.execute("SELECT token FROM broadcasts").fetchall() == [("feedback:1:forgotten:1",)]
        assert conn.execute("SELECT created_by FROM sessions").fetchall() == [(0,)]
        assert conn.execute("SELECT id FROM users ORDER BY id").fetchall() == [(5001,), (5002,)]
