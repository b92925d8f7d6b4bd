"""Roles: organizers and the directions they curate. Superadmins come from settings, not from here."""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import now_iso
from bot.storage.db import Database

ORGANIZER = "organizer"
CURATOR = "curator"


@dataclass(frozen=True, slots=True)
class Organizer:
    id: int
    first_name: str | None
    last_name: str | None
    username: str | None
    language: str | None
    curates: tuple[int, ...]  # direction ids, in the directions' order

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p) or (
            "@" + self.username if self.username else str(self.id)
        )


@dataclass(frozen=True, slots=True)
class Person:
    """Someone who has started the bot, as the bot knows them (name only with consent)."""

    id: int
    first_name: str | None
    last_name: str | None
    username: str | None
    language: str | None


class RolesRepo:
    """Organizer ids are kept in memory (checked on every staff update); this process is the only writer."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._organizers: set[int] | None = None

    async def _organizer_ids(self) -> set[int]:
        if self._organizers is None:
            rows = await self.db.fetchall("SELECT user_id FROM roles WHERE role = 'organizer'")
            self._organizers = {int(r[0]) for r in rows}
        return self._organizers

    async def is_organizer(self, user_id: int) -> bool:
        return user_id in await self._organizer_ids()

    async def organizer_ids(self) -> set[int]:
        return set(await self._organizer_ids())

    async def add_organizer(self, user_id: int, granted_by: int) -> bool:
        """True if the person became an organizer now (False: they already were)."""
        added = await self.db.execute_rowcount(
            "INSERT OR IGNORE INTO roles (user_id, role, direction_id, granted_by, granted_at) "
            "VALUES (?, 'organizer', NULL, ?, ?)",
            (user_id, granted_by, now_iso()),
        )
        (await self._organizer_ids()).add(user_id)
        return added > 0

    async def remove_organizer(self, user_id: int) -> tuple[bool, list[int]]:
        """Take the organizer role and every curator role with it.

        Returns whether they were an organizer and the directions they curated.
        """
        rows = await self.db.fetchall(
            "DELETE FROM roles WHERE user_id = ? AND role IN ('organizer', 'curator') RETURNING role, direction_id",
            (user_id,),
        )
        (await self._organizer_ids()).discard(user_id)
        was_organizer = any(r[0] == ORGANIZER for r in rows)
        return was_organizer, sorted(int(r[1]) for r in rows if r[0] == CURATOR and r[1] is not None)

    async def make_curator(self, user_id: int, direction_id: int, granted_by: int) -> bool:
        """Only an organizer can curate; True if the role was added now."""
        added = await self.db.execute_rowcount(
            "INSERT OR IGNORE INTO roles (user_id, role, direction_id, granted_by, granted_at) "
            "SELECT ?, 'curator', ?, ?, ? WHERE EXISTS "
            "(SELECT 1 FROM roles WHERE user_id = ? AND role = 'organizer')",
            (user_id, direction_id, granted_by, now_iso(), user_id),
        )
        return added > 0

    async def drop_curator(self, user_id: int, direction_id: int) -> bool:
        removed = await self.db.execute_rowcount(
            "DELETE FROM roles WHERE user_id = ? AND role = 'curator' AND direction_id = ?", (user_id, direction_id)
        )
        return removed > 0

    async def curator_directions(self, user_id: int) -> list[int]:
        rows = await self.db.fetchall(
            "SELECT direction_id FROM roles WHERE user_id = ? AND role = 'curator' ORDER BY direction_id", (user_id,)
        )
        return [int(r[0]) for r in rows]

    async def curators_of(self, direction_id: int) -> list[int]:
        rows = await self.db.fetchall(
            "SELECT user_id FROM roles WHERE role = 'curator' AND direction_id = ? ORDER BY granted_at", (direction_id,)
        )
        return [int(r[0]) for r in rows]

    async def list_organizers(self) -> list[Organizer]:
        rows = await self.db.fetchall(
            "SELECT r.user_id, u.first_name, u.last_name, u.username, u.language, "
            "(SELECT group_concat(c.direction_id) FROM "
            " (SELECT c2.direction_id FROM roles c2 JOIN directions d ON d.id = c2.direction_id "
            "  WHERE c2.user_id = r.user_id AND c2.role = 'curator' ORDER BY d.position) c) AS curates "
            "FROM roles r LEFT JOIN users u ON u.id = r.user_id "
            "WHERE r.role = 'organizer' ORDER BY r.granted_at, r.user_id"
        )
        return [
            Organizer(
                id=int(r[0]),
                first_name=r[1],
                last_name=r[2],
                username=r[3],
                language=r[4],
                curates=tuple(int(x) for x in r[5].split(",")) if r[5] else (),
            )
            for r in rows
        ]

    async def find_person(self, user_id: int | None = None, username: str | None = None) -> Person | None:
        """Someone who has started the bot, by id or by @username (case-insensitive)."""
        if user_id is not None:
            row = await self.db.fetchone(
                "SELECT id, first_name, last_name, username, language FROM users WHERE id = ?", (user_id,)
            )
        elif username:
            row = await self.db.fetchone(
                "SELECT id, first_name, last_name, username, language FROM users "
                "WHERE username = ? COLLATE NOCASE ORDER BY updated_at DESC LIMIT 1",
                (username.lstrip("@"),),
            )
        else:
            return None
        return Person(int(row[0]), row[1], row[2], row[3], row[4]) if row else None

    # The generic forms (kept for tests and older callers).
    async def grant(self, user_id: int, role: str, granted_by: int, direction_id: int | None = None) -> None:
        if role == ORGANIZER:
            await self.add_organizer(user_id, granted_by)
        elif direction_id is not None:
            await self.make_curator(user_id, direction_id, granted_by)

    async def revoke(self, user_id: int, role: str) -> None:
        if role == ORGANIZER:
            await self.remove_organizer(user_id)
        else:
            await self.db.execute("DELETE FROM roles WHERE user_id = ? AND role = ?", (user_id, role))
