"""People: their record, consent, language, territory, announcements, subscriptions, and /delete_me.

This module holds the users aggregate (``UsersRepo``, with a person's subscriptions to directions)
and the outcome of a deletion (``Forgotten``). A line here may touch the ``users`` and
``subscriptions`` tables and must drop the person's in-memory copy after writing their row; the
one exception is ``forget``, which by design reaches every row that names the person (the
statements in ``FORGET_STATEMENTS`` and the ideas their reports hid), in one transaction.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from functools import wraps
from typing import Any, TypeVar

from bot.clock import now_iso
from bot.storage.db import Database
from bot.storage.ideas import PUBLIC_IN
from bot.storage.models import Notice, User
from bot.storage.outbox import queue_in
from bot.storage.projects import tell_team_in

T = TypeVar("T")

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
    # Projects (0015): a project they led goes back to looking for a leader, its team intact (their offers and
    # survey answers go with their row: ON DELETE CASCADE); what they did as staff or leader stays without them.
    "UPDATE projects SET stage = CASE WHEN stage IN ('gathering_team', 'in_work') THEN 'seeking_leader' "
    "ELSE stage END, leader_id = NULL WHERE leader_id = ?",
    "UPDATE project_updates SET author_id = NULL WHERE author_id = ?",
    "UPDATE experts SET user_id = NULL WHERE user_id = ?",
    "UPDATE experts SET created_by = 0 WHERE created_by = ?",
    "UPDATE project_experts SET attached_by = 0 WHERE attached_by = ?",
    "UPDATE project_experience SET added_by = 0 WHERE added_by = ?",
    "UPDATE project_people SET decided_by = NULL WHERE decided_by = ?",
    "UPDATE project_calls SET requested_by = NULL WHERE requested_by = ?",
    "UPDATE project_calls SET decided_by = NULL WHERE decided_by = ?",
    # Messages in their private chat the bot would otherwise edit later (a summary, idea cards).
    "DELETE FROM session_summaries WHERE chat_id = ?",
    "DELETE FROM idea_cards WHERE chat_id = ?",
    # Notices given to them when they were staff.
    "DELETE FROM staff_notices WHERE user_id = ?",
    # Messages owed or sent to them through the outbox (a registrant's tickets, offers, notices) name them.
    "DELETE FROM outbox WHERE chat_id = ?",
)


@dataclass(frozen=True, slots=True)
class Forgotten:
    freed: list[int]  # planned sessions where a place (or an offer) was freed
    restored: list[int]  # hidden ideas that are public again, their reports gone below the threshold
    handed_back: tuple[int, ...] = ()  # projects they led, looking for a leader again (their curators are told)


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
    async def ask_renewal(self, user_id: int, version: str) -> None:
        """Remember that the person was asked to accept ``version`` (they are asked once)."""
        await self.db.execute(
            "UPDATE users SET consent_asked = ?, updated_at = ? WHERE id = ?", (version, now_iso(), user_id)
        )

    @_drops_cached_user
    async def refuse_renewal(self, user_id: int, version: str) -> None:
        """The newer ``version`` declined: the consent given to the older one stays, for its purposes."""
        await self.db.execute(
            "UPDATE users SET consent_asked = ?, consent_refused = ?, updated_at = ? WHERE id = ?",
            (version, version, now_iso(), user_id),
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

    async def set_announcements(self, user_id: int, enabled: bool) -> None:
        await self.set_notice(user_id, Notice.ANNOUNCEMENTS, enabled)

    @_drops_cached_user
    async def set_notice(self, user_id: int, kind: Notice, enabled: bool) -> None:
        """Turn one kind of notice on or off (the column is the enum's value, never user input)."""
        await self.db.execute(
            f"UPDATE users SET {Notice(kind).value} = ?, updated_at = ? WHERE id = ?",
            (int(enabled), now_iso(), user_id),
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
            # Projects they led go back to looking for a leader (FORGET_STATEMENTS): their curators are told by the
            # outbox ("leader_gone"), queued here so the deletion and the message commit together; the audit log
            # keeps the hand-back. An implemented project looks for nobody: it only loses its leader's name.
            cur = await conn.execute(
                "SELECT p.idea_id FROM projects p JOIN ideas i ON i.id = p.idea_id WHERE p.leader_id = ? "
                "AND p.stage != 'implemented' AND i.status != 'implemented' ORDER BY p.idea_id",
                (user_id,),
            )
            handed_back = tuple(int(r[0]) for r in await cur.fetchall())
            for idea_id in handed_back:
                await queue_in(conn, "leader_gone", idea_id, None, None, now)
                await tell_team_in(conn, idea_id, user_id, now)  # its team too
                await conn.execute(
                    "INSERT INTO audit_log (actor_id, action, target, details, created_at) VALUES (?, ?, ?, NULL, ?)",
                    (user_id, "project_leader_gone", f"#{idea_id}", now),
                )
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
        return Forgotten(freed, restored, handed_back)
