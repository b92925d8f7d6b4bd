"""Numbers and exports for organizers: SQL aggregates for /stats, rows for /export streamed in chunks.

Aggregates are computed by SQLite (no table is loaded into Python), on the database's read connection
(Database.read): residents' statements never wait behind them. Exports page through a table by
its key (``WHERE key > last ORDER BY key LIMIT n``), one statement per chunk, so memory stays flat
whatever the size of the table and other updates are served between chunks.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bot.storage.broadcasts import SYSTEM_KINDS
from bot.storage.db import Database

if TYPE_CHECKING:
    from bot.storage.surveys import ProjectNumbers

CHUNK = 2000
# A person's name and username go into a file only with their consent.
CONSENTED_NAME = (
    "CASE WHEN u.consent_status = 'accepted' "
    "THEN trim(coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, '')) END"
)


async def keyset_chunks(
    fetch: Callable[[str, Sequence[Any]], Awaitable[Sequence[Any]]],
    sql: str,
    start: tuple[object, ...],
    chunk: int,
    key: tuple[int, ...] = (0,),
    width: int | None = None,
) -> AsyncIterator[list[tuple[Any, ...]]]:
    """A table's rows a chunk at a time, by its key: ``sql`` ends ``WHERE key > (?…) ORDER BY key LIMIT ?``.

    ``start`` is below every key; each next chunk starts after the columns ``key`` of the last row read. A row
    is given as its first ``width`` columns (those after it are there only for the key).
    """
    last = start
    while True:
        rows = await fetch(sql, (*last, chunk))
        if not rows:
            return
        yield [tuple(r)[:width] for r in rows]
        last = tuple(rows[-1][i] for i in key)


@dataclass(slots=True)
class Residents:
    total: int = 0  # everyone who has started the bot
    consented: int = 0
    active: int = 0  # has not blocked the bot
    blocked: int = 0  # blocked the bot or the account is gone (is_active = 0)
    banned: int = 0
    with_territory: int = 0  # consented residents who named a territory
    by_territory: list[tuple[str, int]] = field(default_factory=list)  # most populated first


@dataclass(frozen=True, slots=True)
class TopIdea:
    id: int
    text: str
    direction_id: int
    status: str
    supports: int


@dataclass(slots=True)
class Snapshot:
    residents: Residents
    ideas_total: int
    ideas: dict[tuple[int, str], int]  # (direction id, status) -> count
    hidden: int
    supports_total: int
    supporters: int
    top_ideas: list[TopIdea]
    broadcasts: int
    deliveries: dict[str, int]  # status -> count
    projects: ProjectNumbers | None = None  # issue 15: filled by /stats (repos.surveys.numbers())


class StatsRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    # --- /stats ---------------------------------------------------------------------------

    async def snapshot(self, top_territories: int = 10, top_ideas: int = 5) -> Snapshot:
        # One scan of the people table (≤ 44 groups come back): totals and territories together. NOT INDEXED:
        # walking users_territory would fetch every row by id, slower than reading the table in order.
        rows = await self.db.read(
            "SELECT territory_code, count(*), coalesce(sum(consent_status = 'accepted'), 0), "
            # Counted among residents who consented (the others are only an id and a refusal): active = can be
            # reached (not blocked, not banned) — the same people broadcasts go to, unless they turned them off.
            "coalesce(sum(consent_status = 'accepted' AND is_active = 1 AND banned_at IS NULL), 0), "
            "coalesce(sum(consent_status = 'accepted' AND is_active = 0), 0), "
            "coalesce(sum(consent_status = 'accepted' AND banned_at IS NOT NULL), 0) "
            "FROM users NOT INDEXED GROUP BY territory_code"
        )
        residents = Residents()
        territories: list[tuple[str, int]] = []
        for code, total, consented, active, blocked, banned in rows:
            residents.total += int(total)
            residents.consented += int(consented)
            residents.active += int(active)
            residents.blocked += int(blocked)
            residents.banned += int(banned)
            if code is not None and consented:
                residents.with_territory += int(consented)
                territories.append((str(code), int(consented)))
        territories.sort(key=lambda item: (-item[1], item[0]))
        residents.by_territory = territories[:top_territories]

        rows = await self.db.read("SELECT direction_id, status, count(*) FROM ideas GROUP BY direction_id, status")
        ideas = {(int(r[0]), str(r[1])): int(r[2]) for r in rows}
        # Hidden and still waiting for review (the /moderate queue), not those already rejected after it.
        hidden = await self._count(
            "SELECT count(*) FROM ideas WHERE hidden_at IS NOT NULL "
            "AND status IN ('accepted', 'in_progress', 'implemented')"
        )
        supports = await self.db.read_one(
            "SELECT (SELECT count(*) FROM supports), (SELECT count(*) FROM (SELECT DISTINCT user_id FROM supports))"
        )
        assert supports is not None
        rows = await self.db.read(
            "SELECT id, substr(text, 1, 200), direction_id, status, supports_count FROM ideas "
            "WHERE supports_count > 0 ORDER BY supports_count DESC, id LIMIT ?",
            (top_ideas,),
        )
        top = [TopIdea(int(r[0]), str(r[1]), int(r[2]), str(r[3]), int(r[4])) for r in rows]
        broadcasts = await self._count("SELECT count(*) FROM broadcasts")
        rows = await self.db.read("SELECT status, count(*) FROM deliveries GROUP BY status")
        return Snapshot(
            residents=residents,
            ideas_total=sum(ideas.values()),
            ideas=ideas,
            hidden=hidden,
            supports_total=int(supports[0]),
            supporters=int(supports[1]),
            top_ideas=top,
            broadcasts=broadcasts,
            deliveries={str(r[0]): int(r[1]) for r in rows},
        )

    async def _count(self, sql: str) -> int:
        row = await self.db.read_one(sql)
        return int(row[0]) if row and row[0] is not None else 0

    # --- /export: rows in chunks -----------------------------------------------------------

    def ideas_rows(self, chunk: int = CHUNK) -> AsyncIterator[list[tuple[Any, ...]]]:
        """(id, text, status, direction_id, territory_code, supports, author name or None, created, decided)."""
        return keyset_chunks(
            self.db.read,
            f"SELECT i.id, i.text, i.status, i.direction_id, i.territory_code, i.supports_count, "
            f"{CONSENTED_NAME}, i.created_at, i.decided_at "
            "FROM ideas i LEFT JOIN users u ON u.id = i.author_id "
            "WHERE i.id > ? ORDER BY i.id LIMIT ?",
            (0,),
            chunk,
        )

    def residents_rows(self, chunk: int = CHUNK) -> AsyncIterator[list[tuple[Any, ...]]]:
        """Consenting residents only: (id, name, username, territory, language, consent version, consent date,
        subscribed direction ids as "1,3", is_active, banned_at)."""
        return keyset_chunks(
            self.db.read,
            "SELECT u.id, trim(coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, '')), u.username, "
            "u.territory_code, u.language, u.consent_version, u.consent_at, "
            "(SELECT group_concat(s.direction_id) FROM subscriptions s WHERE s.user_id = u.id), "
            "u.is_active, u.banned_at "
            "FROM users u WHERE u.consent_status = 'accepted' AND u.id > ? ORDER BY u.id LIMIT ?",
            (-(2**63),),
            chunk,
        )

    def supports_rows(self, chunk: int = CHUNK) -> AsyncIterator[list[tuple[Any, ...]]]:
        """(idea id, idea direction id, supporter id or None, supporter name or None, created).

        Supporters who no longer consent are counted but not named (id and name left empty).
        """
        return keyset_chunks(
            self.db.read,
            "SELECT s.idea_id, i.direction_id, "
            "CASE WHEN u.consent_status = 'accepted' THEN s.user_id END, "
            f"{CONSENTED_NAME}, s.created_at, s.user_id "
            "FROM supports s JOIN ideas i ON i.id = s.idea_id LEFT JOIN users u ON u.id = s.user_id "
            "WHERE (s.idea_id, s.user_id) > (?, ?) ORDER BY s.idea_id, s.user_id LIMIT ?",
            (0, -(2**63)),
            chunk,
            key=(0, 5),
            width=5,
        )

    def deliveries_rows(self, chunk: int = CHUNK) -> AsyncIterator[list[tuple[Any, ...]]]:
        """(the broadcast's number as people see it, or None for the bot's own; its kind; recipient id, status,
        error, updated_at), in sending order. The number counts only the broadcasts organizers start, as the chat
        shows them (bot/storage/broadcasts.py SHOWN_NUMBER)."""
        system = ", ".join(f"'{kind}'" for kind in sorted(SYSTEM_KINDS))
        return keyset_chunks(
            self.db.read,
            "SELECT CASE WHEN b.kind IN (" + system + ") THEN NULL ELSE "
            "(SELECT count(*) FROM broadcasts x WHERE x.id <= b.id AND x.kind NOT IN (" + system + ")) END, "
            "b.kind, d.user_id, d.status, d.error, d.updated_at, d.broadcast_id, d.seq "
            "FROM deliveries d JOIN broadcasts b ON b.id = d.broadcast_id "
            "WHERE (d.broadcast_id, d.seq) > (?, ?) ORDER BY d.broadcast_id, d.seq LIMIT ?",
            (0, 0),
            chunk,
            key=(6, 7),
            width=6,
        )
