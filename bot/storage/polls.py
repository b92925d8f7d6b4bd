"""Session chats, polls and votes (issue 4)."""

from __future__ import annotations

from bot.storage.db import Database


class PollsRepo:
    def __init__(self, db: Database) -> None:
        self.db = db
