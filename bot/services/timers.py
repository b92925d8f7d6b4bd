"""Timed work: reminders, waitlist offers, scheduled poll closing, session ends.

The schedule lives in our SQLite tables (sessions.starts_at + REMINDER_OFFSETS, registrations
.offer_expires_at, polls.close_at); APScheduler only holds the next moments in memory. At start-up
every pending moment is re-registered with an explicit job id (replace_existing), and a moment that
passed while the bot was down runs at once. Each job re-reads the database and claims its work
idempotently (a reminder is a broadcast with a unique token per session, time and offset), so a job
that fires twice, or after a reschedule, does nothing the second time.

Domain code tells the timers what changed; it never talks to APScheduler itself.

A row whose moments the bot cannot compute with (a session typed for 31.12.9999 before typed dates were
checked, a closing time edited by hand: outside bot.clock's window) never stops start-up: it
is logged once, skipped, and handed to `on_bad_row`, which tells the organizers
(bot/services/date_alerts.py). An offer whose expiry cannot be read expires at once (its place passes on
rather than being held forever).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger

from bot import clock, logs
from bot.clock import read_stored, usable
from bot.config import Settings
from bot.storage.repositories import Repos
from bot.storage.sessions import Session

log = logging.getLogger(__name__)

Handler = Callable[..., Awaitable[object]]
BadRow = Callable[[str, int], Awaitable[object]]  # ("session" | "poll", its id)
RETRY_AFTER = timedelta(seconds=30)  # a job that failed (a database error) runs again this much later

# Job kinds and their arguments:
#   reminder (session_id, version, offset)   end (session_id, version)
#   offer (session_id, user_id)              poll (poll_id)
#   backup ()                                 (every day at BACKUP_TIME, in TIMEZONE)
#   followup (idea_id)                        (a project's «Как там сейчас?», FOLLOWUP_AFTER after implemented)
KINDS = ("reminder", "end", "offer", "poll", "backup", "followup")


class Timers:
    def __init__(self, repos: Repos, settings: Settings, on_bad_row: BadRow | None = None) -> None:
        self.repos = repos
        self.settings = settings
        self.scheduler = AsyncIOScheduler(
            timezone=UTC, job_defaults={"misfire_grace_time": None, "coalesce": True, "max_instances": 1}
        )
        self.handlers: dict[str, Handler] = {}
        self.on_bad_row = on_bad_row  # told of each row that cannot be planned
        # Bad rows already logged by this process (as many as there are bad rows: never grows otherwise).
        self._logged_bad: set[tuple[str, str, str]] = set()
        self._running = False

    def on(self, kind: str, handler: Handler) -> None:
        """What to run for a kind of job (wired once in bot/app.py)."""
        if kind not in KINDS:
            raise ValueError(f"unknown timer kind {kind!r}")
        self.handlers[kind] = handler

    # --- life -----------------------------------------------------------------------------

    async def start(self) -> None:
        """Start the scheduler and register every pending moment from the database."""
        if not self._running:
            self.scheduler.start()
            self._running = True
        await self.reload()

    async def reload(self) -> None:
        """(Re)register everything planned in the database. Moments already passed run at once.

        Start-up calls it; tests call it again after moving the bot's clock (bot.clock.set_shift).
        """
        for session in await self.repos.schedule.sessions_to_plan():
            await self._plan_session(session)
        for session_id in await self.repos.schedule.ended_without_summary():
            # Ended, but the bot stopped before the feedback requests and the summary were made.
            self._add(f"end-{session_id}", clock.now(), "end", session_id, 0)
        for session_id, user_id, expires_at in await self.repos.schedule.open_offers():
            if not usable(expires_at):
                self._log_bad("offer", f"{session_id}/{user_id}", "expiry unreadable or out of range: expires now")
                expires_at = clock.now()
            self.offer_made(session_id, user_id, expires_at or clock.now())
        for poll_id, close_at in await self.repos.schedule.polls_to_close():
            if close_at is None or not usable(close_at):
                await self._bad_row("poll", poll_id, "closing time unreadable or out of range: not planned")
                continue
            self.poll_close_planned(poll_id, close_at)
        for idea_id, implemented_at in await self.repos.surveys.followups_due():
            due = read_stored(implemented_at)
            if due is None:
                self._log_bad("followup", str(idea_id), "implemented time unreadable: not planned")
                continue
            self.followup_planned(idea_id, due + timedelta(seconds=self.settings.followup_after))
        log.info("timers: %s job(s) planned", len(self.scheduler.get_jobs()))

    def stop(self) -> None:
        if self._running:
            self.scheduler.shutdown(wait=False)
            self._running = False

    def planned(self) -> dict[str, datetime]:
        """Job id → when it runs (on the bot's clock). For the organizers' view and tests."""
        return {
            job.id: job.next_run_time.astimezone(UTC) + clock.SHIFT
            for job in self.scheduler.get_jobs()
            if job.next_run_time is not None
        }

    # --- what domain code calls -------------------------------------------------------------

    def session_changed(self, session_id: int) -> None:
        """After a session is created, edited, rescheduled or cancelled: (re)plan its reminders and end."""
        self.scheduler.add_job(
            self._replan,
            "date",
            run_date=datetime.now(UTC),
            args=(session_id,),
            id=f"plan-{session_id}",
            replace_existing=True,
        )

    def offer_made(self, session_id: int, user_id: int, expires_at: datetime) -> None:
        """A waitlisted person was offered a place until expires_at: plan the offer's expiry."""
        self._add(f"offer-{session_id}-{user_id}", expires_at, "offer", session_id, user_id)

    def poll_close_planned(self, poll_id: int, close_at: datetime) -> None:
        """A poll posted with an automatic close: plan it."""
        self._add(f"poll-{poll_id}", close_at, "poll", poll_id)

    def followup_planned(self, idea_id: int, due: datetime) -> None:
        """A project implemented: its «Как там сейчас?» at ``due`` (issue 15)."""
        self._add(f"followup-{idea_id}", due, "followup", idea_id)

    def daily(self, kind: str, hour: int, minute: int) -> None:
        """A job every day at hour:minute in TIMEZONE, on the real clock (the daily backup)."""
        # No retry for these: the next day's run is the retry (the handler logs its own failures).
        trigger = CronTrigger(hour=hour, minute=minute, timezone=self.settings.tz)
        self.scheduler.add_job(
            self._fire, trigger, args=(f"{kind}-daily", kind, (), False), id=f"{kind}-daily", replace_existing=True
        )

    def soon(self, kind: str) -> None:
        """A job of that kind once, now (a daily backup that was missed while the bot was down)."""
        self.scheduler.add_job(
            self._fire, "date", run_date=datetime.now(UTC), args=(f"{kind}-now", kind, (), False), id=f"{kind}-now",
            replace_existing=True,
        )

    # --- planning ------------------------------------------------------------------------------

    async def _replan(self, session_id: int) -> None:
        session = await self.repos.sessions.get(session_id)
        if session is None or session.status != "scheduled":
            self._unplan(session_id)
            return
        await self._plan_session(session)

    def _unplan(self, session_id: int) -> None:
        for offset in self.settings.reminder_offsets:
            self._remove(f"reminder-{session_id}-{offset}")
        self._remove(f"end-{session_id}")

    def _log_bad(self, kind: str, key: str, what: str) -> bool:
        """Log a bad row once per process; True the first time."""
        if (kind, key, what) in self._logged_bad:
            return False
        self._logged_bad.add((kind, key, what))
        log.warning("timers: %s %s skipped: %s", kind, key, what)
        return True

    async def _bad_row(self, kind: str, row_id: int, what: str) -> None:
        """A row that cannot be planned: logged once, and the organizers told (once: see date_alerts)."""
        if not self._log_bad(kind, str(row_id), what) or self.on_bad_row is None:
            return
        try:
            await self.on_bad_row(kind, row_id)
        except Exception:  # telling is a courtesy: it must never stop start-up or a reschedule
            log.exception("timers: could not tell the organizers about %s %s", kind, row_id)

    async def _plan_session(self, session: Session) -> None:
        """Reminders still to come, and the end.

        A reminder whose moment passed (the bot was down, or the session was made or moved late) is
        sent late only while it is still useful: before the start, and only the one closest to the
        start (a 24-hour reminder that comes 30 minutes before is replaced by the 1-hour one).
        Reminders already made for this version of the session are never planned again.
        """
        if not session.dates_ok:
            self._unplan(session.id)
            problem = f"{session.dates_problem} unreadable or out of range: not planned"
            await self._bad_row("session", session.id, problem)
            return
        try:
            await self._plan_dates(session)
        except (OverflowError, ValueError) as exc:  # the window makes this unreachable; never a failed start-up
            self._unplan(session.id)
            await self._bad_row("session", session.id, f"not planned: {exc!r}")

    async def _plan_dates(self, session: Session) -> None:
        now = clock.now()
        made = await self.repos.broadcasts.reminders_made(session.id, session.version)
        offsets = self.settings.reminder_offsets
        overdue = [o for o in offsets if session.starts_at - timedelta(seconds=o) <= now]
        latest_overdue = min(overdue) if overdue else None
        for offset in offsets:
            job_id = f"reminder-{session.id}-{offset}"
            due = session.starts_at - timedelta(seconds=offset)
            if offset in made or (latest_overdue is not None and offset > latest_overdue):
                self._remove(job_id)
            elif due > now:
                self._add(job_id, due, "reminder", session.id, session.version, offset)
            elif (
                now < session.starts_at
                and offset == latest_overdue
                and not made & set(o for o in offsets if o < offset)
            ):
                self._add(job_id, now, "reminder", session.id, session.version, offset)
            else:
                self._remove(job_id)
        self._add(f"end-{session.id}", session.ends_at, "end", session.id, session.version)

    def _add(self, job_id: str, due: datetime, kind: str, *args: Any) -> None:
        run_date = max(clock.real(due), datetime.now(UTC))
        self.scheduler.add_job(
            self._fire, "date", run_date=run_date, args=(job_id, kind, args), id=job_id, replace_existing=True
        )

    def _remove(self, job_id: str) -> None:
        try:
            self.scheduler.remove_job(job_id)
        except JobLookupError:
            pass

    async def _fire(self, job_id: str, kind: str, args: tuple[Any, ...], retry: bool = True) -> None:
        logs.unbind()  # APScheduler runs the job in the context of whoever planned it last
        handler = self.handlers.get(kind)
        if handler is None:
            log.warning("timer %s: nothing handles %r jobs", job_id, kind)
            return
        try:
            await handler(*args)
        except Exception:
            # Each handler claims its work in the database first, so running it again is safe.
            log.exception("timer %s failed%s", job_id, f"; retrying in {RETRY_AFTER.seconds}s" if retry else "")
            if retry and self._running:
                self._add(job_id, clock.now() + RETRY_AFTER, kind, *args)
