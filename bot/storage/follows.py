"""Following ideas: who is told when an idea's status changes, and its history as the idea page shows it.

A line here may touch the ``follows`` table and read ``supports`` (a supporter follows without a row of their own)
and the ``idea_events`` of an idea. The notices themselves are broadcasts (``BroadcastsRepo.create_idea_update``).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import now_iso
from bot.storage.db import Database

# The status steps an idea's followers are told of (with the curators' public answers). Each is queued in the
# outbox in the step's own transaction, so a crash between the step and the news loses neither.
FOLLOWED_STEPS = ("in_progress", "implemented")

# What the page's history lists, in the words of the statuses (the rest are curators' bookkeeping).
HISTORY_ACTIONS = ("submitted", "accepted", "rejected", "in_progress", "implemented", "answer")


@dataclass(frozen=True, slots=True)
class IdeaEvent:
    action: str
    details: str | None
    created_at: str


class FollowsRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def following(self, idea_id: int, user_id: int) -> bool:
        """Told about the idea: a follower, or a supporter who did not ask to stop."""
        row = await self.db.fetchone(
            "SELECT coalesce((SELECT following FROM follows WHERE idea_id = ? AND user_id = ?), "
            "EXISTS (SELECT 1 FROM supports WHERE idea_id = ? AND user_id = ?))",
            (idea_id, user_id, idea_id, user_id),
        )
        return bool(row and row[0])

    async def set_following(self, idea_id: int, user_id: int, on: bool) -> None:
        await self.db.execute(
            "INSERT INTO follows (idea_id, user_id, following, created_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (idea_id, user_id) DO UPDATE SET following = excluded.following",
            (idea_id, user_id, int(on), now_iso()),
        )

    async def history(self, idea_id: int) -> list[IdeaEvent]:
        """The idea's steps, oldest first: submitted, accepted or rejected, in progress, implemented, answers."""
        marks = ",".join("?" * len(HISTORY_ACTIONS))
        rows = await self.db.fetchall(
            f"SELECT action, details, created_at FROM idea_events WHERE idea_id = ? AND action IN ({marks}) "
            "ORDER BY created_at, id",
            (idea_id, *HISTORY_ACTIONS),
        )
        return [IdeaEvent(r[0], r[1], r[2]) for r in rows]
