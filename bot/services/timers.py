"""Timed work (issue 4): reminders, waitlist offers, scheduled poll closing, session ends.

The schedule lives in our SQLite tables (sessions.starts_at + REMINDER_OFFSETS, registrations
.offer_expires_at, polls.close_at); APScheduler only holds the next moments in memory. At start-up
every pending moment is re-registered with an explicit job id (replace_existing), and a moment that
passed while the bot was down runs at once. Each job re-reads the database and claims its work
idempotently, so a job that fires twice (or after a reschedule) does nothing the second time.

Domain code tells the timers what changed; it never talks to APScheduler itself.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime

Job = Callable[[int, int], Awaitable[None]]  # (ref_id, ref_id2)


class Timers:
    """Placeholder API, implemented in the next commit (owner: the scheduler work)."""

    def session_changed(self, session_id: int) -> None:
        """After a session is created, edited, rescheduled or cancelled: (re)plan its reminders and end."""

    def offer_made(self, session_id: int, user_id: int, expires_at: datetime) -> None:
        """A waitlisted person was offered a place until expires_at: plan the offer's expiry."""

    def poll_close_planned(self, poll_id: int, close_at: datetime) -> None:
        """A poll posted with an automatic close: plan it."""
