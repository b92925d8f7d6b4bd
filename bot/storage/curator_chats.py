"""Curators' chats: the group (and topic) each direction's idea cards are posted to.

This module holds the curator-chats aggregate (``CuratorChatsRepo``): one binding per direction, a
chat that may serve several directions. A line here may touch only the ``curator_chats`` table;
the cards posted there belong to ``ideas``.
"""

from __future__ import annotations

from bot.clock import now_iso
from bot.storage.db import Database
from bot.storage.models import CuratorChat


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
