"""Registrations for sessions: places, the waitlist and its offers, check-in, feedback (issue 4)."""

from __future__ import annotations

from bot.storage.db import Database


class RegistrationsRepo:
    def __init__(self, db: Database) -> None:
        self.db = db
