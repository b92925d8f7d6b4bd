"""The outbox: every message the bot sends on its own initiative, as a row, until Telegram takes or refuses it.

A row is an intent (a curator card for idea N, a notice to its author …), rendered when it is sent,
so it always shows the current state. At most one row is 'sending' at a time (one worker, one
message in flight): after a crash that row is sent again, the only possible duplicate.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import aiosqlite

from bot.clock import now_iso
from bot.storage.db import Database

# Within the outbox: time-bound first (offers of a freed place), then a registrant's tickets (the .ics file, then
# the QR code: same priority, queued in that order), then notices, then cards.
PRIORITY = {"offer": 80, "ics": 70, "qr": 70, "notice": 60, "card": 50}
TICKETS = ("ics", "qr")
KEEP_DAYS = 30  # rows that reached an end are kept this long (for /health and an operator's questions)


@dataclass(frozen=True)
class OutboxItem:
    id: int
    kind: str
    ref: int | None
    chat_id: int | None
    args: dict[str, Any]
    attempts: int
    resent: bool  # it was in flight when the bot stopped: it may have arrived


def _item(row: Any) -> OutboxItem:
    return OutboxItem(
        id=row["id"],
        kind=row["kind"],
        ref=row["ref"],
        chat_id=row["chat_id"],
        args=json.loads(row["args"] or "{}"),
        attempts=row["attempts"],
        resent=bool(row["was_sending"]),
    )


async def queue_in(
    conn: aiosqlite.Connection,
    kind: str,
    ref: int | None,
    chat_id: int | None,
    args: dict[str, Any] | None = None,
    now: str | None = None,
    not_before: str | None = None,
) -> None:
    """Queue a message inside the caller's transaction (the change and its message commit together);
    ``not_before``: held until then (or until released, see `OutboxRepo.release`)."""
    await conn.execute(
        "INSERT INTO outbox (kind, ref, chat_id, args, priority, not_before, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            kind,
            ref,
            chat_id,
            json.dumps(args or {}, ensure_ascii=False),
            PRIORITY.get(kind, 50),
            not_before,
            now or now_iso(),
        ),
    )


class OutboxRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def queue(
        self, kind: str, ref: int | None, chat_id: int | None = None, args: dict[str, Any] | None = None
    ) -> None:
        await self.db.execute(
            "INSERT INTO outbox (kind, ref, chat_id, args, priority, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (kind, ref, chat_id, json.dumps(args or {}, ensure_ascii=False), PRIORITY.get(kind, 50), now_iso()),
        )

    async def take(self, now: str) -> OutboxItem | None:
        """The next row due, marked 'sending' in the same statement (a row left 'sending' by a crash first)."""
        row = await self.db.fetchone(
            "UPDATE outbox SET status = 'sending', attempts = attempts + 1, "
            "was_sending = (status = 'sending') WHERE id = ("
            "  SELECT id FROM outbox WHERE status IN ('pending', 'sending') "
            "  AND (not_before IS NULL OR not_before <= ?) "
            "  ORDER BY status = 'sending' DESC, priority DESC, id LIMIT 1"
            ") RETURNING *",
            (now,),
        )
        return _item(row) if row else None

    async def next_due_at(self) -> str | None:
        row = await self.db.fetchone("SELECT min(not_before) FROM outbox WHERE status = 'pending'")
        return row[0] if row else None

    async def finish(self, item_id: int, status: str, error: str | None = None) -> None:
        """'sent', 'refused' (Telegram said no for good) or 'unknown' (it may have arrived; not resent)."""
        await self.db.execute(
            "UPDATE outbox SET status = ?, error = ?, not_before = NULL, done_at = ? WHERE id = ?",
            (status, error, now_iso(), item_id),
            forever=True,  # sent is sent: never lost to another process's lock (it would be sent again)
        )

    async def later(self, item_id: int, not_before: str, error: str) -> None:
        """Not sent this time (it cannot have arrived): again at ``not_before``."""
        await self.db.execute(
            "UPDATE outbox SET status = 'pending', not_before = ?, error = ? WHERE id = ?",
            (not_before, error, item_id),
        )

    async def hurry(self, kind: str) -> int:
        """Rows of this kind waiting for a retry go now (a curators' chat was bound: cards can go there)."""
        return await self.db.execute_rowcount(
            "UPDATE outbox SET not_before = NULL WHERE kind = ? AND status = 'pending' AND not_before IS NOT NULL",
            (kind,),
        )

    async def release(self, kinds: tuple[str, ...], ref: int, chat_id: int) -> int:
        """Rows of these kinds for this chat and subject, held (``not_before``) until something went first: due now."""
        marks = ", ".join("?" for _ in kinds)
        return await self.db.execute_rowcount(
            f"UPDATE outbox SET not_before = NULL WHERE kind IN ({marks}) AND ref = ? AND chat_id = ? "
            "AND status = 'pending' AND not_before IS NOT NULL",
            (*kinds, ref, chat_id),
        )

    async def counts(self) -> dict[str, int]:
        rows = await self.db.fetchall("SELECT status, count(*) FROM outbox GROUP BY status")
        return {r[0]: int(r[1]) for r in rows}

    async def waiting(self) -> int:
        row = await self.db.fetchone("SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')")
        return int(row[0]) if row else 0

    async def requeue_lost_cards(self) -> int:
        """Ideas whose card is still owed but has no row waiting (queued by an older version, or a crash
        between a move and its queueing): queued now. Run at start-up."""
        return await self.db.execute_rowcount(
            "INSERT INTO outbox (kind, ref, priority, created_at) "
            "SELECT 'card', i.id, ?, ? FROM ideas i WHERE i.card_pending = 1 AND NOT EXISTS ("
            "  SELECT 1 FROM outbox o WHERE o.kind = 'card' AND o.ref = i.id AND o.status IN ('pending', 'sending'))",
            (PRIORITY["card"], now_iso()),
        )

    async def forget_old(self, before: str) -> int:
        return await self.db.execute_rowcount(
            "DELETE FROM outbox WHERE status IN ('sent', 'refused', 'unknown') AND done_at < ?", (before,)
        )
