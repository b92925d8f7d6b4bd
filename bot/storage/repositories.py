"""Repositories: intent-named operations over the database. The only place with SQL."""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import timedelta
from functools import wraps
from typing import Any, TypeVar

from bot.clock import iso_ago, now_iso, parse_iso, to_iso
from bot.storage.broadcasts import BroadcastsRepo
from bot.storage.db import Database
from bot.storage.models import (
    PUBLIC_STATUSES,
    AuditEntry,
    CuratorChat,
    Direction,
    Idea,
    IdeaCard,
    IdeaDraft,
    User,
    audit_details,
)
from bot.storage.moderation import ModerationRepo
from bot.storage.outbox import OutboxRepo
from bot.storage.polls import PollsRepo
from bot.storage.public import PublicRepo
from bot.storage.registrations import RegistrationsRepo
from bot.storage.roles import RolesRepo
from bot.storage.schedule import ScheduleRepo
from bot.storage.sessions import SessionsRepo
from bot.storage.stats import StatsRepo

T = TypeVar("T")

IDEA_SELECT = """
SELECT i.*, trim(coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, '')) AS author_name,
       u.username AS author_username, u.language AS author_language
FROM ideas i LEFT JOIN users u ON u.id = i.author_id
"""


class QuotaExceeded(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(f"idea quota of {limit} per 24 hours reached")
        self.limit = limit


class DirectionsRepo:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._cache: list[Direction] | None = None

    async def all(self) -> list[Direction]:
        if self._cache is None:
            rows = await self.db.fetchall("SELECT * FROM directions ORDER BY position")
            self._cache = [
                Direction(
                    id=r["id"],
                    code=r["code"],
                    position=r["position"],
                    emoji=r["emoji"],
                    name_ru=r["name_ru"],
                    name_en=r["name_en"],
                    description_ru=r["description_ru"],
                    description_en=r["description_en"],
                    keywords=tuple(k.strip() for k in r["keywords"].split(",") if k.strip()),
                )
                for r in rows
            ]
        return self._cache

    async def get(self, direction_id: int) -> Direction | None:
        return next((d for d in await self.all() if d.id == direction_id), None)

    async def by_code(self, code: str) -> Direction | None:
        return next((d for d in await self.all() if d.code == code), None)


PUBLIC_IN = "('" + "', '".join(PUBLIC_STATUSES) + "')"
# What /delete_me changes besides deleting the person's row (``?`` is their id, every time). Per-person rows
# keyed by (poll, person) or (broadcast, person) are reached through their indexes.
FORGET_STATEMENTS = (
    "DELETE FROM poll_votes WHERE poll_id IN (SELECT id FROM polls) AND user_id = ?",
    "UPDATE ideas SET author_id = NULL WHERE author_id = ?",
    "UPDATE deliveries SET user_id = NULL WHERE broadcast_id IN (SELECT id FROM broadcasts) AND user_id = ?",
    # A late rating request for one person is made once, by a token that names them.
    "UPDATE broadcasts SET token = 'feedback:' || session_id || ':forgotten:' || id "
    "WHERE kind = 'feedback' AND token = 'feedback:' || session_id || ':' || ?",
    "UPDATE idea_events SET actor_id = NULL WHERE actor_id = ?",
    # What they did as staff before their role was taken (the audit log keeps it, by id).
    "UPDATE ideas SET decided_by = NULL WHERE decided_by = ?",
    "UPDATE users SET banned_by = NULL WHERE banned_by = ?",
    "UPDATE roles SET granted_by = NULL WHERE granted_by = ?",
    "UPDATE registrations SET attended_by = NULL WHERE attended_by = ?",
    "UPDATE curator_chats SET bound_by = 0 WHERE bound_by = ?",
    "UPDATE session_chats SET bound_by = 0 WHERE bound_by = ?",
    "UPDATE sessions SET created_by = 0 WHERE created_by = ?",
    "UPDATE polls SET created_by = 0 WHERE created_by = ?",
    "UPDATE broadcasts SET created_by = 0, source_chat_id = 0, progress_chat_id = NULL WHERE created_by = ?",
    # Messages in their private chat the bot would otherwise edit later (a summary, idea cards).
    "DELETE FROM session_summaries WHERE chat_id = ?",
    "DELETE FROM idea_cards WHERE chat_id = ?",
)


@dataclass(frozen=True, slots=True)
class Forgotten:
    freed: list[int]  # planned sessions where a place (or an offer) was freed
    restored: list[int]  # hidden ideas that are public again, their reports gone below the threshold


def _drops_cached_user(method: Callable[..., Awaitable[T]]) -> Callable[..., Awaitable[T]]:
    """After a write to a person's row, their in-memory copy is dropped (after, so a
    read racing with the write cannot put the old row back)."""

    @wraps(method)
    async def wrapper(self: UsersRepo, user_id: int, *args: Any, **kwargs: Any) -> T:
        try:
            return await method(self, user_id, *args, **kwargs)
        finally:
            self._cache.pop(user_id, None)

    return wrapper


class UsersRepo:
    """People. Records read recently are kept in memory; every write drops the copy."""

    CACHE_SIZE = 20_000

    def __init__(self, db: Database) -> None:
        self.db = db
        self._cache: OrderedDict[int, User | None] = OrderedDict()

    def uncache(self, user_id: int) -> None:
        """Drop the in-memory copy of a person after another repository wrote their row."""
        self._cache.pop(user_id, None)

    async def get(self, user_id: int) -> User | None:
        if user_id in self._cache:
            self._cache.move_to_end(user_id)
            cached = self._cache[user_id]
            return replace(cached) if cached is not None else None
        row = await self.db.fetchone("SELECT * FROM users WHERE id = ?", (user_id,))
        user = User.from_row(row) if row else None
        self._cache[user_id] = user
        while len(self._cache) > self.CACHE_SIZE:
            self._cache.popitem(last=False)
        return replace(user) if user is not None else None

    @_drops_cached_user
    async def ensure(self, user_id: int) -> User:
        """Create the minimal record (the Telegram id only) for someone new.

        The language is stored only when the person picks one; until then it is
        taken from their Telegram settings on every update.
        """
        now = now_iso()
        await self.db.execute(
            "INSERT INTO users (id, created_at, updated_at) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING",
            (user_id, now, now),
        )
        self._cache.pop(user_id, None)
        user = await self.get(user_id)
        assert user is not None
        return user

    @_drops_cached_user
    async def set_language(self, user_id: int, language: str) -> None:
        now = now_iso()
        await self.db.execute(
            "INSERT INTO users (id, language, created_at, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET language = excluded.language, updated_at = excluded.updated_at",
            (user_id, language, now, now),
        )

    @_drops_cached_user
    async def accept_consent(
        self,
        user_id: int,
        version: str,
        language: str,
        first_name: str | None,
        last_name: str | None,
        username: str | None,
    ) -> None:
        now = now_iso()
        await self.db.execute(
            "UPDATE users SET consent_status = 'accepted', consent_version = ?, consent_at = ?, "
            "language = coalesce(language, ?), declined_at = NULL, first_name = ?, last_name = ?, username = ?, "
            "updated_at = ? WHERE id = ?",
            (version, now, language, first_name, last_name, username, now, user_id),
        )

    @_drops_cached_user
    async def decline_consent(self, user_id: int) -> None:
        """Refusal: keep only the id, the refusal itself and a language the person chose."""
        now = now_iso()
        async with self.db.transaction() as conn:
            await conn.execute("DELETE FROM subscriptions WHERE user_id = ?", (user_id,))
            await conn.execute(
                "UPDATE users SET consent_status = 'declined', declined_at = ?, consent_version = NULL, "
                "consent_at = NULL, first_name = NULL, last_name = NULL, username = NULL, "
                "territory_code = NULL, onboarded_at = NULL, updated_at = ? WHERE id = ?",
                (now, now, user_id),
            )

    @_drops_cached_user
    async def refresh_profile(
        self, user_id: int, first_name: str | None, last_name: str | None, username: str | None
    ) -> None:
        """Keep a consenting person's name current (it is shown to curators)."""
        await self.db.execute(
            "UPDATE users SET first_name = ?, last_name = ?, username = ?, updated_at = ? "
            "WHERE id = ? AND consent_status = 'accepted' "
            "AND (first_name IS NOT ? OR last_name IS NOT ? OR username IS NOT ?)",
            (first_name, last_name, username, now_iso(), user_id, first_name, last_name, username),
        )

    @_drops_cached_user
    async def set_territory(self, user_id: int, territory_code: str) -> None:
        await self.db.execute(
            "UPDATE users SET territory_code = ?, updated_at = ? WHERE id = ? AND consent_status = 'accepted'",
            (territory_code, now_iso(), user_id),
        )

    @_drops_cached_user
    async def finish_onboarding(self, user_id: int) -> None:
        now = now_iso()
        await self.db.execute(
            "UPDATE users SET onboarded_at = coalesce(onboarded_at, ?), updated_at = ? WHERE id = ?",
            (now, now, user_id),
        )

    @_drops_cached_user
    async def set_active(self, user_id: int, active: bool) -> None:
        """Blocked the bot (or the account is gone) / unblocked it."""
        now = now_iso()
        await self.db.execute(
            "UPDATE users SET is_active = ?, blocked_at = CASE WHEN ? THEN NULL ELSE coalesce(blocked_at, ?) END, "
            "updated_at = ? WHERE id = ?",
            (int(active), int(active), now, now, user_id),
        )

    @_drops_cached_user
    async def set_announcements(self, user_id: int, enabled: bool) -> None:
        await self.db.execute(
            "UPDATE users SET announcements = ?, updated_at = ? WHERE id = ?", (int(enabled), now_iso(), user_id)
        )

    async def subscriptions(self, user_id: int) -> set[int]:
        rows = await self.db.fetchall("SELECT direction_id FROM subscriptions WHERE user_id = ?", (user_id,))
        return {r[0] for r in rows}

    @_drops_cached_user
    async def toggle_subscription(self, user_id: int, direction_id: int) -> bool:
        """Flip one subscription; returns True if now subscribed."""
        # Two single statements, no transaction: presses of one person are handled one at a time
        # (event isolation), and either statement alone leaves a valid state.
        if await self.db.execute_rowcount(
            "DELETE FROM subscriptions WHERE user_id = ? AND direction_id = ?", (user_id, direction_id)
        ):
            return False
        await self.db.execute(
            "INSERT OR IGNORE INTO subscriptions (user_id, direction_id, created_at) VALUES (?, ?, ?)",
            (user_id, direction_id, now_iso()),
        )
        return True

    @_drops_cached_user
    async def forget(self, user_id: int, hide_at: int) -> Forgotten | None:
        """Withdrawal of consent (/delete_me): afterwards no row names the person, except the audit log.

        Their record, subscriptions, supports, reports, registrations, feedback, poll votes and drafts are
        deleted; their ideas stay without author; the rows that only count (deliveries of broadcasts, the
        'submitted' events) stay without them; what they did as staff before their role was taken stays
        without their id. The person is then unknown: /start begins anew.

        A hidden idea whose counted reports fall below ``hide_at`` with theirs gone is public again.
        Refused (None) while they hold a role or a broadcast of theirs is still going out.
        """
        now = now_iso()
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "SELECT EXISTS (SELECT 1 FROM roles WHERE user_id = ?) OR EXISTS (SELECT 1 FROM broadcasts "
                "WHERE created_by = ? AND (status = 'sending' OR report_sent = 0))",
                (user_id, user_id),
            )
            row = await cur.fetchone()
            if row is not None and row[0]:
                return None
            cur = await conn.execute(
                "SELECT r.session_id FROM registrations r JOIN sessions s ON s.id = r.session_id "
                "WHERE r.user_id = ? AND r.status IN ('registered', 'offered') AND s.status = 'scheduled'",
                (user_id,),
            )
            freed = [int(r[0]) for r in await cur.fetchall()]
            cur = await conn.execute(
                "SELECT r.idea_id FROM reports r JOIN ideas i ON i.id = r.idea_id "
                f"WHERE r.user_id = ? AND r.counted = 1 AND i.hidden_at IS NOT NULL AND i.status IN {PUBLIC_IN}",
                (user_id,),
            )
            reported = [int(r[0]) for r in await cur.fetchall()]
            for sql in FORGET_STATEMENTS:
                await conn.execute(sql, (user_id,) * sql.count("?"))
            await conn.execute("DELETE FROM fsm_state WHERE key LIKE ?", (f"%:{user_id}:%",))
            # Cascades: subscriptions, supports, reports (the counts follow by trigger), registrations, feedback.
            await conn.execute("DELETE FROM users WHERE id = ?", (user_id,))
            restored: list[int] = []
            for idea_id in reported:
                cur = await conn.execute(
                    "UPDATE ideas SET hidden_at = NULL, updated_at = ? "
                    "WHERE id = ? AND hidden_at IS NOT NULL AND reports_count < ?",
                    (now, idea_id, hide_at),
                )
                if cur.rowcount:
                    restored.append(idea_id)
                    await conn.execute(
                        "INSERT INTO idea_events (idea_id, actor_id, action, details, created_at) "
                        "VALUES (?, NULL, 'restored', 'reports withdrawn', ?)",
                        (idea_id, now),
                    )
        return Forgotten(freed, restored)


class IdeasRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def restore_underreported(self, hide_at: int) -> list[int]:
        """Public ideas hidden by reports that no longer reach the threshold (reports deleted with their authors'
        data before such hidings were undone, or REPORTS_TO_HIDE raised): public again, each with its event."""
        now = now_iso()
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                f"SELECT id FROM ideas WHERE hidden_at IS NOT NULL AND status IN {PUBLIC_IN} AND reports_count < ?",
                (hide_at,),
            )
            ids = [int(r[0]) for r in await cur.fetchall()]
            for idea_id in ids:
                await conn.execute("UPDATE ideas SET hidden_at = NULL, updated_at = ? WHERE id = ?", (now, idea_id))
                await conn.execute(
                    "INSERT INTO idea_events (idea_id, actor_id, action, details, created_at) "
                    "VALUES (?, NULL, 'restored', 'reports withdrawn', ?)",
                    (idea_id, now),
                )
        return ids

    async def count_recent(self, author_id: int, window: timedelta = timedelta(hours=24)) -> int:
        row = await self.db.fetchone(
            "SELECT count(*) FROM ideas WHERE author_id = ? AND created_at > ?", (author_id, iso_ago(window))
        )
        return int(row[0]) if row else 0

    async def quota_frees_at(self, author_id: int, window: timedelta = timedelta(hours=24)) -> str | None:
        """When the oldest idea inside the window leaves it (ISO), or None if the window is empty."""
        row = await self.db.fetchone(
            "SELECT min(created_at) FROM ideas WHERE author_id = ? AND created_at > ?", (author_id, iso_ago(window))
        )
        if not row or row[0] is None:
            return None
        return to_iso(parse_iso(row[0]) + window)

    async def submit(
        self, author_id: int, draft: IdeaDraft, territory_code: str | None, limit: int, token: int | None = None
    ) -> int:
        """Store a finished draft as a new idea, enforcing the 24-hour quota atomically.

        Idempotent per draft: a draft's ``token`` makes one idea however often it is sent; a second
        call returns the number of the first.
        """
        if draft.direction_id is None:
            raise ValueError("draft has no direction")
        if token is not None and (made := await self.by_token(author_id, token)) is not None:
            return made
        now = now_iso()
        # One statement: the quota check and the insert cannot be split by another submission,
        # and the 'submitted' event is written by a trigger (migration 0003).
        rows = await self.db.fetchall(
            "INSERT INTO ideas (author_id, text, photos, latitude, longitude, address, territory_code, "
            "direction_id, suggested_direction_id, created_at, updated_at, submit_token) "
            "SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? "
            "WHERE (SELECT count(*) FROM ideas WHERE author_id = ? AND created_at > ?) < ? "
            "ON CONFLICT DO NOTHING RETURNING id",
            (
                author_id,
                draft.text,
                json.dumps(draft.photos),
                draft.latitude,
                draft.longitude,
                draft.address,
                territory_code,
                draft.direction_id,
                draft.suggested_direction_id,
                now,
                now,
                token,
                author_id,
                iso_ago(timedelta(hours=24)),
                limit,
            ),
        )
        if not rows:
            if token is not None and (made := await self.by_token(author_id, token)) is not None:
                return made  # a concurrent press made it first
            raise QuotaExceeded(limit)
        return int(rows[0][0])

    async def by_token(self, author_id: int, token: int) -> int | None:
        """The idea made from the draft with this token, if it was sent."""
        row = await self.db.fetchone(
            "SELECT id FROM ideas WHERE author_id = ? AND submit_token = ?", (author_id, token)
        )
        return int(row[0]) if row else None

    async def get(self, idea_id: int) -> Idea | None:
        row = await self.db.fetchone(IDEA_SELECT + " WHERE i.id = ?", (idea_id,))
        return Idea.from_row(row) if row else None

    async def by_author(self, author_id: int, limit: int = 20) -> tuple[list[Idea], int]:
        rows = await self.db.fetchall(
            IDEA_SELECT + " WHERE i.author_id = ? ORDER BY i.id DESC LIMIT ?", (author_id, limit)
        )
        total = await self.db.fetchone("SELECT count(*) FROM ideas WHERE author_id = ?", (author_id,))
        return [Idea.from_row(r) for r in rows], int(total[0]) if total else 0

    async def card_owed(self, idea_id: int) -> bool:
        row = await self.db.fetchone("SELECT card_pending FROM ideas WHERE id = ?", (idea_id,))
        return bool(row and row[0])

    async def pending_cards(self) -> list[int]:
        rows = await self.db.fetchall("SELECT id FROM ideas WHERE card_pending = 1 ORDER BY id")
        return [r[0] for r in rows]

    async def record_card(
        self, idea_id: int, chat_id: int, thread_id: int | None, message_id: int, direction_id: int | None = None
    ) -> bool:
        """Keep a posted card (to refresh it later). With ``direction_id``: only while the idea is still in that
        direction (a move while the card was on its way makes it stale; the new direction's card is owed).
        The trigger idea_cards_posted (migration 0003) clears card_pending in the same statement."""
        changed = await self.db.execute_rowcount(
            "INSERT OR REPLACE INTO idea_cards (idea_id, chat_id, thread_id, message_id, posted_at) "
            "SELECT ?, ?, ?, ?, ? WHERE ? IS NULL OR EXISTS (SELECT 1 FROM ideas WHERE id = ? AND direction_id = ?)",
            (idea_id, chat_id, thread_id, message_id, now_iso(), direction_id, idea_id, direction_id),
            forever=True,  # a card that went out is kept: never posted twice because of another process's lock
        )
        return changed > 0

    async def mark_card_pending(self, idea_id: int) -> None:
        await self.db.execute("UPDATE ideas SET card_pending = 1 WHERE id = ?", (idea_id,))

    async def cards(self, idea_id: int) -> list[IdeaCard]:
        rows = await self.db.fetchall(
            "SELECT idea_id, chat_id, thread_id, message_id FROM idea_cards WHERE idea_id = ?", (idea_id,)
        )
        return [IdeaCard(r[0], r[1], r[2], r[3]) for r in rows]

    async def forget_cards(self, idea_id: int) -> None:
        """Cards already posted stop following the idea (after it moved elsewhere)."""
        await self.db.execute("DELETE FROM idea_cards WHERE idea_id = ?", (idea_id,))


class CuratorChatsRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def bind(
        self, direction_id: int, chat_id: int, thread_id: int | None, title: str | None, actor_id: int
    ) -> None:
        await self.db.execute(
            "INSERT INTO curator_chats (direction_id, chat_id, thread_id, title, bound_by, bound_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (direction_id) DO UPDATE SET chat_id = excluded.chat_id, "
            "thread_id = excluded.thread_id, title = excluded.title, bound_by = excluded.bound_by, "
            "bound_at = excluded.bound_at",
            (direction_id, chat_id, thread_id, title, actor_id, now_iso()),
        )

    async def for_direction(self, direction_id: int) -> CuratorChat | None:
        row = await self.db.fetchone(
            "SELECT direction_id, chat_id, thread_id, title FROM curator_chats WHERE direction_id = ?",
            (direction_id,),
        )
        return CuratorChat(row[0], row[1], row[2], row[3]) if row else None

    async def unbind_chat(self, chat_id: int) -> int:
        return await self.db.execute_rowcount("DELETE FROM curator_chats WHERE chat_id = ?", (chat_id,))

    async def chats(self) -> list[tuple[int, str | None]]:
        """Every bound curators' chat once (a chat may serve several directions): (chat id, title)."""
        rows = await self.db.fetchall("SELECT chat_id, max(title) FROM curator_chats GROUP BY chat_id ORDER BY 2, 1")
        return [(int(r[0]), r[1]) for r in rows]

    async def migrate_chat(self, old_chat_id: int, new_chat_id: int) -> None:
        await self.db.execute("UPDATE curator_chats SET chat_id = ? WHERE chat_id = ?", (new_chat_id, old_chat_id))


class AuditRepo:
    """Append-only log of organizer actions (the table refuses UPDATE and DELETE)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def record(
        self, actor_id: int, action: str, target: str | int | None = None, details: dict[str, Any] | None = None
    ) -> None:
        details = audit_details(details)
        await self.db.execute(
            "INSERT INTO audit_log (actor_id, action, target, details, created_at) VALUES (?, ?, ?, ?, ?)",
            (
                actor_id,
                action,
                None if target is None else str(target),
                json.dumps(details, ensure_ascii=False) if details else None,
                now_iso(),
            ),
        )

    async def last(self, limit: int = 20) -> list[AuditEntry]:
        rows = await self.db.fetchall(
            "SELECT id, actor_id, action, target, details, created_at FROM audit_log ORDER BY id DESC LIMIT ?",
            (limit,),
        )
        return [AuditEntry(*tuple(r)) for r in rows]


class UpdatesRepo:
    RECENT = 10_000

    def __init__(self, db: Database) -> None:
        self.db = db
        self._max_at_start: int | None = None
        self._recent: OrderedDict[int, None] = OrderedDict()

    async def was_handled(self, update_id: int) -> bool:
        if update_id in self._recent:
            return True
        if self._max_at_start is None:
            row = await self.db.fetchone("SELECT max(update_id) FROM handled_updates")
            self._max_at_start = int(row[0]) if row and row[0] is not None else -1
        if update_id > self._max_at_start:
            return False  # newer than anything handled before this run, and not handled in it
        return await self.db.fetchone("SELECT 1 FROM handled_updates WHERE update_id = ?", (update_id,)) is not None

    async def mark_handled(self, update_id: int) -> None:
        await self.db.execute(
            "INSERT OR IGNORE INTO handled_updates (update_id, handled_at) VALUES (?, ?)", (update_id, now_iso())
        )
        self._recent[update_id] = None
        while len(self._recent) > self.RECENT:
            self._recent.popitem(last=False)

    async def prune(self, keep: timedelta = timedelta(days=2)) -> int:
        return await self.db.execute_rowcount("DELETE FROM handled_updates WHERE handled_at < ?", (iso_ago(keep),))


class Repos:
    """All repositories over one database, created once at start-up."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.directions = DirectionsRepo(db)
        self.users = UsersRepo(db)
        self.ideas = IdeasRepo(db)
        self.curator_chats = CuratorChatsRepo(db)
        self.roles = RolesRepo(db)
        self.audit = AuditRepo(db)
        self.updates = UpdatesRepo(db)
        self.broadcasts = BroadcastsRepo(db)
        self.stats = StatsRepo(db)
        self.moderation = ModerationRepo(db, self.users.uncache)
        self.public = PublicRepo(db)
        self.sessions = SessionsRepo(db)
        self.registrations = RegistrationsRepo(db)
        self.polls = PollsRepo(db)
        self.schedule = ScheduleRepo(db)
        self.outbox = OutboxRepo(db)
