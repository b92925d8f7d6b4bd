"""Finding public ideas: by words, and near a point. The only place with SQL for them.

Words: the full-text index `ideas_words` (migration 0010) of each idea's text and address; a term's stem is
found at the start of a word (an FTS5 prefix query), or the term names the idea's territory. Near: the ideas
with a point inside a latitude/longitude box (index `ideas_location`); the exact distance is the service's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.storage.db import Database
from bot.storage.models import Idea
from bot.storage.public import PUBLIC_WHERE

FOUND_MAX = 1000  # ideas a search lists at most (200 pages)
NEAR_MAX = 2000  # ideas with a point in the box read at most


@dataclass(frozen=True, slots=True)
class Term:
    """One word of a search: its stem, and the territories whose name has a word starting with it."""

    stem: str
    territories: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Box:
    south: float
    north: float
    west: float
    east: float


class FindRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def search(self, terms: Sequence[Term]) -> list[int]:
        """The public ideas with every term, most supported first (then newest)."""
        clauses: list[str] = []
        args: list[object] = []
        for term in terms:
            words = "i.id IN (SELECT rowid FROM ideas_words WHERE ideas_words MATCH ?)"
            if term.territories:
                places = ",".join("?" * len(term.territories))
                clauses.append(f"({words} OR i.territory_code IN ({places}))")
            else:
                clauses.append(words)
            args.extend(['"' + term.stem.replace('"', '""') + '"*', *term.territories])
        if not clauses:
            return []
        rows = await self.db.fetchall(
            f"SELECT i.id FROM ideas i WHERE {PUBLIC_WHERE} AND {' AND '.join(clauses)} "
            "ORDER BY i.supports_count DESC, i.id DESC LIMIT ?",
            (*args, FOUND_MAX),
        )
        return [int(r[0]) for r in rows]

    async def in_box(self, box: Box) -> list[Idea]:
        """Public ideas with a point inside the box."""
        rows = await self.db.fetchall(
            f"SELECT i.* FROM ideas i WHERE {PUBLIC_WHERE} "
            "AND i.latitude BETWEEN ? AND ? AND i.longitude BETWEEN ? AND ? LIMIT ?",
            (box.south, box.north, box.west, box.east, NEAR_MAX),
        )
        return [Idea.from_row(r) for r in rows]
