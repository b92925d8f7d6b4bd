"""Directions: the fixed list of themes an idea belongs to (seeded by the first migration, never written by the bot).

This module holds the directions aggregate, read whole once and kept in memory for the life of the
process. A line here may only read the ``directions`` table; whatever a direction is bound to (a
curators' chat, curators, ideas) lives with that aggregate.
"""

from __future__ import annotations

from bot.storage.db import Database
from bot.storage.models import Direction


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
