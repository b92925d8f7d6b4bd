"""What tests write straight into the bot's SQLite file (WAL lets a test write while the bot runs):
residents, sessions and registrations, so one side can be tested without driving the other through the bot;
and residents' chats that already exist in the fake Telegram."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from bot.clock import to_iso
from bot.consent import CONSENT_VERSION
from bot.storage.db import Database
from fake_telegram import FakeTelegram, ScriptedUser
from tests.support.clock import utc_now

URBAN = 3  # Развитие городской среды
NOW = "2026-11-20T10:00:00+00:00"  # when seeded residents consented and onboarded


@dataclass
class Resident:
    id: int
    territory: str = "orenburg"
    subscriptions: tuple[int, ...] = ()
    announcements: bool = True
    language: str = "ru"
    first_name: str | None = None  # "Житель <id>" unless given
    last_name: str | None = None
    username: str | None = None


async def migrate(db_path: Path) -> None:
    """A database with the bot's own schema (its migrations), before the bot starts."""
    db = Database(db_path)
    await db.connect()
    await db.close()


async def seed_residents(db_path: Path, residents: Iterable[Resident]) -> None:
    """Consented, onboarded residents written before the bot starts (the schema is migrated first)."""
    await migrate(db_path)
    rows = list(residents)
    with sqlite3.connect(db_path) as conn:
        conn.executemany(
            "INSERT INTO users (id, language, consent_status, consent_version, consent_at, first_name, last_name, "
            "username, territory_code, onboarded_at, announcements, created_at, updated_at) "
            f"VALUES (?, ?, 'accepted', '{CONSENT_VERSION}', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    r.id,
                    r.language,
                    NOW,
                    r.first_name or f"Житель {r.id}",
                    r.last_name,
                    r.username,
                    r.territory,
                    NOW,
                    int(r.announcements),
                    NOW,
                    NOW,
                )
                for r in rows
            ],
        )
        conn.executemany(
            "INSERT INTO subscriptions (user_id, direction_id, created_at) VALUES (?, ?, ?)",
            [(r.id, d, NOW) for r in rows for d in r.subscriptions],
        )


def make_reachable(fake: FakeTelegram, ids: Iterable[int]) -> dict[int, ScriptedUser]:
    """Residents who have started the bot at some point: their private chats exist in Telegram."""
    users = {}
    for user_id in ids:
        user = fake.user(user_id, first_name=f"Житель {user_id}", language_code="ru")
        user.chat.known = True
        users[user_id] = user
    return users


async def seed_reachable(fake: FakeTelegram, db_path: Path, ids: Iterable[int]) -> dict[int, ScriptedUser]:
    """Residents seeded (``seed_residents``, with the defaults) whose private chats exist (``make_reachable``);
    their scripted users by id."""
    ids = list(ids)
    await seed_residents(db_path, [Resident(i) for i in ids])
    return make_reachable(fake, ids)


def add_session(
    db_path: Path,
    *,
    title: str = "Хакатон городских идей",
    description: str = "Придумываем, как оживить набережную Урала.",
    direction_id: int = URBAN,
    starts_at: datetime | None = None,
    duration_min: int = 120,
    place: str = "Оренбург, ул. Советская, 1",
    capacity: int = 0,
    deadline_at: datetime | None = None,
    status: str = "scheduled",
    created_by: int = 9001,
) -> int:
    """A session (by default in three days, registration open until an hour before). Returns its id."""
    start = starts_at or utc_now() + timedelta(days=3)
    deadline = deadline_at or start - timedelta(hours=1)
    stamp = to_iso(utc_now())
    with sqlite3.connect(db_path, timeout=10) as conn:
        cur = conn.execute(
            "INSERT INTO sessions (title, description, direction_id, starts_at, duration_min, place, capacity, "
            "deadline_at, status, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                title,
                description,
                direction_id,
                to_iso(start),
                duration_min,
                place,
                capacity,
                to_iso(deadline),
                status,
                created_by,
                stamp,
                stamp,
            ),
        )
        return int(cur.lastrowid or 0)


def update_session(db_path: Path, session_id: int, **values: object) -> None:
    """Change columns of a session (datetimes stored as UTC ISO text)."""
    stored = {k: to_iso(v) if isinstance(v, datetime) else v for k, v in values.items()}
    assignments = ", ".join(f"{k} = ?" for k in stored)
    with sqlite3.connect(db_path, timeout=10) as conn:
        conn.execute(f"UPDATE sessions SET {assignments} WHERE id = ?", (*stored.values(), session_id))


def registrations(db_path: Path, session_id: int) -> list[tuple[int, str, int]]:
    """(user_id, status, seq) of a session, in seq order."""
    with sqlite3.connect(db_path, timeout=10) as conn:
        rows = conn.execute(
            "SELECT user_id, status, seq FROM registrations WHERE session_id = ? ORDER BY seq", (session_id,)
        ).fetchall()
    return [(int(r[0]), str(r[1]), int(r[2])) for r in rows]


def registration_row(db_path: Path, session_id: int, user_id: int) -> dict[str, object] | None:
    with sqlite3.connect(db_path, timeout=10) as conn:
        conn.row_factory = sqlite3.Row
        row = conn.execute(
            "SELECT * FROM registrations WHERE session_id = ? AND user_id = ?", (session_id, user_id)
        ).fetchone()
    return dict(row) if row else None


def add_registration(
    db_path: Path, session_id: int, user_id: int, status: str = "registered", token: str | None = None
) -> str:
    """A row at the end of the session's order. Returns its check-in token."""
    token = token or f"tok{session_id}x{user_id}"
    stamp = to_iso(utc_now())
    with sqlite3.connect(db_path, timeout=10) as conn:
        conn.execute(
            "INSERT INTO registrations (session_id, user_id, status, seq, checkin_token, created_at, updated_at) "
            "VALUES (?, ?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM registrations WHERE session_id = ?), ?, ?, ?)",
            (session_id, user_id, status, session_id, token, stamp, stamp),
        )
    return token


def add_residents(db_path: Path, ids: Iterable[int], consented_ago: timedelta = timedelta(days=2)) -> None:
    """Residents who consented ``consented_ago`` (named "Житель <id>"), written while the bot runs. Only such
    people's votes are stored per person (the bot caches people it has read: add them before they act)."""
    stamp = to_iso(utc_now())
    consent = to_iso(utc_now() - consented_ago)
    with sqlite3.connect(db_path, timeout=10) as conn:
        conn.executemany(
            "INSERT INTO users (id, language, consent_status, consent_version, consent_at, first_name, "
            "territory_code, onboarded_at, created_at, updated_at) "
            f"VALUES (?, 'ru', 'accepted', '{CONSENT_VERSION}', ?, ?, 'orenburg', ?, ?, ?)",
            [(user_id, consent, f"Житель {user_id}", consent, consent, stamp) for user_id in ids],
        )
