"""Session chats, polls and votes."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.clock import UNREADABLE, now_iso, read_stored, to_iso
from bot.consent import CONSENT_VERSION
from bot.storage.db import Database
from bot.storage.sessions import SESSION_SELECT, Session
from bot.storage.stats import CHUNK, CONSENTED_NAME, keyset_chunks


@dataclass(frozen=True, slots=True)
class SessionChat:
    chat_id: int
    session_id: int
    title: str | None


@dataclass(frozen=True, slots=True)
class PostingChat:
    """A bound group whose session is still ahead or running: where a drafted poll may go."""

    chat_id: int
    chat_title: str | None
    session: Session


@dataclass(frozen=True, slots=True)
class NewPoll:
    tg_poll_id: str
    session_id: int | None
    chat_id: int
    message_id: int
    question: str
    options: tuple[str, ...]
    is_anonymous: bool
    allows_multiple: bool
    correct_option: int | None
    close_at: datetime | None
    created_by: int


@dataclass(frozen=True, slots=True)
class Poll:
    id: int
    tg_poll_id: str | None
    session_id: int | None
    chat_id: int
    message_id: int | None
    question: str
    options: tuple[str, ...]
    is_anonymous: bool
    allows_multiple: bool
    correct_option: int | None
    close_at: datetime | None
    status: str  # open | closed
    closed_at: datetime | None
    counts: tuple[int, ...]  # one per option (zeros until the first poll update)
    total_voters: int
    results_posted: bool
    created_by: int
    created_at: datetime

    @property
    def is_quiz(self) -> bool:
        return self.correct_option is not None

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    @classmethod
    def from_row(cls, r: Any) -> Poll:
        options = tuple(json.loads(r["options"]))
        counts = tuple(json.loads(r["counts"])) if r["counts"] else ()
        if len(counts) != len(options):
            counts = (0,) * len(options)
        return cls(
            id=r["id"],
            tg_poll_id=r["tg_poll_id"],
            session_id=r["session_id"],
            chat_id=r["chat_id"],
            message_id=r["message_id"],
            question=r["question"],
            options=options,
            is_anonymous=bool(r["is_anonymous"]),
            allows_multiple=bool(r["allows_multiple"]),
            correct_option=r["correct_option"],
            close_at=read_stored(r["close_at"]),
            status=r["status"],
            closed_at=read_stored(r["closed_at"]),
            counts=counts,
            total_voters=r["total_voters"],
            results_posted=bool(r["results_posted"]),
            created_by=r["created_by"],
            created_at=read_stored(r["created_at"]) or UNREADABLE,
        )


# One vote as buffered by the ingest: (poll id, user id, option ids as JSON, updated_at).
VoteRow = tuple[int, int, str, str]
# One poll state from a `poll` update: (poll id, counts as JSON, total voters, the poll is closed).
CountsRow = tuple[int, str, int, bool]


class PollsRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    # --- session chats -------------------------------------------------------------------

    async def bind_chat(self, chat_id: int, session_id: int, title: str | None, by: int) -> int | None:
        """Tie a group to a session (one session per chat). Returns the session it was tied to before, if any."""
        async with self.db.transaction() as conn:
            cur = await conn.execute("SELECT session_id FROM session_chats WHERE chat_id = ?", (chat_id,))
            row = await cur.fetchone()
            await conn.execute(
                "INSERT INTO session_chats (chat_id, session_id, title, bound_by, bound_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (chat_id) DO UPDATE SET session_id = excluded.session_id, title = excluded.title, "
                "bound_by = excluded.bound_by, bound_at = excluded.bound_at",
                (chat_id, session_id, title, by, now_iso()),
            )
        return int(row[0]) if row is not None else None

    async def chat(self, chat_id: int) -> SessionChat | None:
        row = await self.db.fetchone(
            "SELECT chat_id, session_id, title FROM session_chats WHERE chat_id = ?", (chat_id,)
        )
        return SessionChat(int(row[0]), int(row[1]), row[2]) if row else None

    async def bindable_sessions(self, now: datetime, limit: int = 10) -> list[Session]:
        """Scheduled sessions that have not ended yet, soonest first (the /bind_session buttons)."""
        rows = await self.db.fetchall(
            SESSION_SELECT + " WHERE s.status = 'scheduled' ORDER BY s.starts_at, s.id",
        )
        sessions = [Session.from_row(r) for r in rows]
        return [s for s in sessions if s.ends_at > now][:limit]

    async def posting_chats(self, now: datetime) -> list[PostingChat]:
        """Bound groups of sessions still ahead or running, soonest session first."""
        rows = await self.db.fetchall(
            "SELECT c.chat_id AS bound_chat_id, c.title AS chat_title, x.* FROM session_chats c "
            f"JOIN ({SESSION_SELECT}) x ON x.id = c.session_id "
            "WHERE x.status = 'scheduled' ORDER BY x.starts_at, c.chat_id"
        )
        found = [PostingChat(int(r["bound_chat_id"]), r["chat_title"], Session.from_row(r)) for r in rows]
        return [c for c in found if c.session.ends_at > now]

    # --- polls ------------------------------------------------------------------------------

    async def add(self, poll: NewPoll) -> int:
        return await self.db.execute(
            "INSERT INTO polls (tg_poll_id, session_id, chat_id, message_id, question, options, is_anonymous, "
            "allows_multiple, correct_option, close_at, counts, created_by, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                poll.tg_poll_id,
                poll.session_id,
                poll.chat_id,
                poll.message_id,
                poll.question,
                json.dumps(list(poll.options), ensure_ascii=False),
                int(poll.is_anonymous),
                int(poll.allows_multiple),
                poll.correct_option,
                to_iso(poll.close_at) if poll.close_at else None,
                json.dumps([0] * len(poll.options)),
                poll.created_by,
                now_iso(),
            ),
        )

    async def get(self, poll_id: int) -> Poll | None:
        row = await self.db.fetchone("SELECT * FROM polls WHERE id = ?", (poll_id,))
        return Poll.from_row(row) if row else None

    async def by_message(self, chat_id: int, message_id: int) -> Poll | None:
        row = await self.db.fetchone("SELECT * FROM polls WHERE chat_id = ? AND message_id = ?", (chat_id, message_id))
        return Poll.from_row(row) if row else None

    async def ids_by_tg(self, tg_poll_ids: Sequence[str]) -> dict[str, int]:
        """Our poll ids for Telegram's (unknown ones are left out)."""
        if not tg_poll_ids:
            return {}
        marks = ",".join("?" * len(tg_poll_ids))
        rows = await self.db.fetchall(f"SELECT tg_poll_id, id FROM polls WHERE tg_poll_id IN ({marks})", tg_poll_ids)
        return {str(r[0]): int(r[1]) for r in rows}

    async def of_session(self, session_id: int) -> list[Poll]:
        rows = await self.db.fetchall("SELECT * FROM polls WHERE session_id = ? ORDER BY id", (session_id,))
        return [Poll.from_row(r) for r in rows]

    async def recent(self, offset: int, limit: int) -> tuple[list[Poll], int]:
        """Newest first, one page, and how many polls there are."""
        total_row = await self.db.fetchone("SELECT count(*) FROM polls")
        rows = await self.db.fetchall("SELECT * FROM polls ORDER BY id DESC LIMIT ? OFFSET ?", (limit, offset))
        return [Poll.from_row(r) for r in rows], int(total_row[0]) if total_row else 0

    async def close(self, poll_id: int, counts: Sequence[int] | None, total_voters: int | None) -> bool:
        """Mark a poll closed, with Telegram's final counts when known. False if it was closed already."""
        changed = await self.db.execute_rowcount(
            "UPDATE polls SET status = 'closed', closed_at = ?, counts = coalesce(?, counts), "
            "total_voters = coalesce(?, total_voters) WHERE id = ? AND status = 'open'",
            (now_iso(), json.dumps(list(counts)) if counts is not None else None, total_voters, poll_id),
        )
        return changed > 0

    async def claim_results(self, poll_id: int) -> bool:
        """True once per poll, ever: whoever gets it posts the results in the chat."""
        changed = await self.db.execute_rowcount(
            "UPDATE polls SET results_posted = 1 WHERE id = ? AND status = 'closed' AND results_posted = 0", (poll_id,)
        )
        return changed > 0

    # --- votes ------------------------------------------------------------------------------

    async def store_votes(self, votes: Iterable[VoteRow], counts: Iterable[CountsRow]) -> None:
        """One transaction for a batch of ingested votes and poll states.

        A vote row holds the person's whole current choice ('[]' when retracted). It is written only for a
        resident who had consented when they voted, to the current version of the consent (the one that names poll
        votes as a purpose; an older one did not), still has consent and is not banned, checked in the same
        statement: a vote that waited in memory while its voter ran /delete_me (or was banned) is never
        written after their votes were deleted. Everyone's votes are in the counts (Telegram's). The counts
        of a closed poll are only overwritten by a state that says the poll is closed (Telegram's final one).
        """
        votes = list(votes)
        states = [(c, total, poll_id, int(closed)) for poll_id, c, total, closed in counts]
        async with self.db.transaction() as conn:
            if votes:
                await conn.executemany(
                    "INSERT INTO poll_votes (poll_id, user_id, option_ids, updated_at) SELECT ?1, ?2, ?3, ?4 "
                    "WHERE EXISTS (SELECT 1 FROM users WHERE id = ?2 AND consent_status = 'accepted' "
                    "AND consent_version = ?5 AND banned_at IS NULL AND consent_at <= ?4) "
                    "ON CONFLICT (poll_id, user_id) DO UPDATE SET option_ids = excluded.option_ids, "
                    "updated_at = excluded.updated_at",
                    [(*vote, CONSENT_VERSION) for vote in votes],
                )
            if states:
                await conn.executemany(
                    "UPDATE polls SET counts = ?, total_voters = ? WHERE id = ? AND (status = 'open' OR ?)", states
                )

    async def votes_of(self, poll_id: int) -> dict[int, list[int]]:
        rows = await self.db.fetchall("SELECT user_id, option_ids FROM poll_votes WHERE poll_id = ?", (poll_id,))
        return {int(r[0]): list(json.loads(r[1])) for r in rows}

    # --- /export ----------------------------------------------------------------------------

    def polls_rows(self, chunk: int = CHUNK) -> AsyncIterator[list[tuple[Any, ...]]]:
        """(id, session id, session title, chat id, question, options JSON, anonymous, multiple, correct option,
        status, created_at, closed_at, total voters, counts JSON)."""
        return keyset_chunks(
            self.db.fetchall,
            "SELECT p.id, p.session_id, s.title, p.chat_id, p.question, p.options, p.is_anonymous, "
            "p.allows_multiple, p.correct_option, p.status, p.created_at, p.closed_at, "
            "p.total_voters, p.counts FROM polls p LEFT JOIN sessions s ON s.id = p.session_id "
            "WHERE p.id > ? ORDER BY p.id LIMIT ?",
            (0,),
            chunk,
        )

    def votes_rows(self, chunk: int = CHUNK) -> AsyncIterator[list[tuple[Any, ...]]]:
        """(poll id, user id, name, option ids JSON, options JSON, updated_at): residents with consent who are
        not banned only (nobody else's vote is stored; this holds the file to it whatever the table has)."""
        return keyset_chunks(
            self.db.fetchall,
            f"SELECT v.poll_id, v.user_id, {CONSENTED_NAME}, v.option_ids, p.options, v.updated_at "
            "FROM poll_votes v JOIN polls p ON p.id = v.poll_id JOIN users u ON u.id = v.user_id "
            "WHERE (v.poll_id, v.user_id) > (?, ?) AND u.consent_status = 'accepted' AND u.banned_at IS NULL "
            "ORDER BY v.poll_id, v.user_id LIMIT ?",
            (0, -(2**63)),
            chunk,
            key=(0, 1),
        )
