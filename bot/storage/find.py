"""Finding public ideas: by words, and near a point. The only place with SQL for them.

Words are compared folded (bot/storage/words.py: lower case, ё as е) through the SQL function ``find_fold``
registered on the connection: a plain scan of the public ideas, each word's stem found at the start of a word of
the idea's text or address (or the word names its territory). Tried with 100,000 ideas, it stays within what one
query of a resident may take; an FTS5 index would need triggers kept in step with every rebuild of `ideas`.
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
            places = ",".join("?" * len(term.territories))
            territory = f" OR i.territory_code IN ({places})" if term.territories else ""
            clauses.append("(instr(find_fold(i.text || ' ' || coalesce(i.address, '')), ?) > 0" + territory + ")")
            args.extend([" " + term.stem, *term.territories])
        if not clauses:
            return []
        rows = await self.db.fetchall(
            f"SELECT i.id FROM ideas i WHERE {PUBLIC_WHERE} AND "
            + " AND ".join(clauses)
            + " ORDER BY i.supports_count DESC, i.id DESC LIMIT ?",
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
