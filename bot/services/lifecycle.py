"""A session's timed moments: reminders before it, and after it the attendees' feedback
requests and the organizers' summary. Called by the timers; each step claims its work in the
database first, so a repeated call (a restart, a retry) does nothing twice."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from functools import partial

from aiogram import Bot
from aiogram.exceptions import AiogramError, TelegramBadRequest, TelegramRetryAfter

from bot.config import Settings
from bot.services.broadcast import BroadcastWorker
from bot.services.limits import clip, fit
from bot.services.timetext import when_text
from bot.storage.repositories import Repos
from bot.storage.schedule import SessionNumbers
from bot.storage.sessions import Session
from bot.telegram.i18n import Translate, Translator
from bot.telegram.sender import deliver

log = logging.getLogger(__name__)

PollsText = Callable[[Translate, int], Awaitable[str]]
COMMENT_SHOWN = 200  # characters of a comment in the summary
MAX_EDIT_WAIT = 30  # seconds a summary update waits out Telegram's flood control
SUMMARY_ATTEMPTS = 10  # the timer retries every 30 s: about five minutes of Telegram being unreachable


class SummaryNotDelivered(RuntimeError):
    def __init__(self, session_id: int, chat_ids: list[int]) -> None:
        super().__init__(f"session {session_id}: summary not delivered to {chat_ids}; retried later")


def summary_text(
    t: Translate, session: Session, numbers: SessionNumbers, polls: str, when: str, teams: tuple[int, int] | None = None
) -> str:
    """Within one message: the comments and the polls' lines that do not fit are counted at the end (a session with
    many polls could make it longer; every poll's results are in /results).

    ``teams``: for a session tied to projects, (registrants in their teams, of them who came)."""
    lines = [
        t("summary-title", title=session.title, when=when),
        t("summary-registered", n=numbers.registered),
        t("summary-attended", n=numbers.attended),
        t("summary-no-shows", n=max(0, numbers.registered - numbers.attended)),
    ]
    if teams is not None:
        lines.append(t("pja-summary-in-teams", n=teams[0], came=teams[1]))
    if numbers.waiting:
        lines.append(t("summary-waiting", n=numbers.waiting))
    if numbers.feedback_average is None:
        lines.append(t("summary-feedback-none"))
    else:
        average = f"{numbers.feedback_average:.1f}".replace(".", t("summary-decimal-point"))  # 4,5 in Russian
        lines.append(t("summary-feedback", average=average, n=numbers.feedback_count))
    items = [t("summary-comment", text=clip(c[:COMMENT_SHOWN], 2 * COMMENT_SHOWN)) for c in numbers.comments]
    if polls:
        first, *rest = polls.split("\n")
        items += ["\n" + first, *rest]  # a blank line before the polls
    return fit(lines, items, more=lambda n: t("summary-more", n=n)).text


async def organizers_of(repos: Repos, settings: Settings, session: Session) -> list[int]:
    """Who is told about a session (its summary, a broken stored time): the creator (while an organizer)
    and the curators of its direction; the superadmins when neither is there."""
    people: list[int] = []
    if session.created_by in settings.admin_ids or await repos.roles.is_organizer(session.created_by):
        people.append(session.created_by)
    for curator in await repos.roles.curators_of(session.direction_id):
        if curator not in people:
            people.append(curator)
    return people or sorted(settings.admin_ids)


class SessionLifecycle:
    def __init__(
        self,
        bot: Bot,
        repos: Repos,
        translator: Translator,
        settings: Settings,
        broadcaster: BroadcastWorker,
        polls_text: PollsText | None = None,
    ) -> None:
        self.bot = bot
        self.repos = repos
        self.translator = translator
        self.settings = settings
        self.broadcaster = broadcaster
        self.polls_text = polls_text
        self._summary_lock = asyncio.Lock()
        self._shown: dict[tuple[int, int], str] = {}  # the summary text each message shows (this run)
        self._summary_attempts: dict[int, int] = {}

    async def remind(self, session_id: int, version: int, offset: int) -> None:
        broadcast, created = await self.repos.broadcasts.create_reminder(session_id, version, offset)
        if broadcast is None:
            log.info("reminder %ss before session %s v%s: not due any more", offset, session_id, version)
            return
        if created:
            log.info("reminder %ss before session %s: %s recipient(s)", offset, session_id, broadcast.total)
            self.broadcaster.wake()

    async def end(self, session_id: int, version: int) -> None:
        """The session's end passed: mark it ended, ask the attendees, tell the organizers (once each)."""
        if await self.repos.schedule.end_session(session_id, version):
            log.info("session %s ended", session_id)
        session = await self.repos.sessions.get(session_id)
        if session is None or session.status != "ended":
            return  # moved, cancelled or already handled under another version
        broadcast, created = await self.repos.broadcasts.create_feedback_request(session_id)
        if created:
            log.info("session %s: feedback asked from %s attendee(s)", session_id, broadcast.total)
            self.broadcaster.wake()
        if not session.summary_sent:
            await self._send_summary(session)

    async def attended_late(self, session_id: int, user_id: int) -> None:
        """Attendance marked after the end (an organizer ticking the list later): that person is asked
        for feedback too, and the summary's numbers follow."""
        session = await self.repos.sessions.get(session_id)
        if session is None or session.status != "ended":
            return
        _, created = await self.repos.broadcasts.create_feedback_request(session_id, user_id)
        if created:
            self.broadcaster.wake()
        await self.feedback_changed(session_id)

    async def _organizers(self, session: Session) -> list[int]:
        return await organizers_of(self.repos, self.settings, session)

    async def _send_summary(self, session: Session) -> None:
        """To each organizer not yet sent it; marked sent once every one has it (or can't get it).

        A failure that may pass (a timeout, a 5xx, a 429 beyond the retries) raises, so the timer runs
        the end again later: the feedback request is not made twice (its token), and only those
        still without the summary get it.
        """
        have = {chat_id for chat_id, _ in await self.repos.schedule.summary_messages(session.id)}
        unreachable: set[int] = set()
        failed = []
        for chat_id in await self._organizers(session):
            if chat_id in have:
                continue
            text = await self.summary(await self._t(chat_id), session)

            async def blocked(chat_id: int = chat_id) -> None:
                unreachable.add(chat_id)

            message = await deliver(
                f"session {session.id} summary", partial(self.bot.send_message, chat_id, text), on_blocked=blocked
            )
            if message is not None:
                await self.repos.schedule.save_summary_message(session.id, chat_id, message.message_id)
                self._shown[(chat_id, message.message_id)] = text
            elif chat_id not in unreachable:
                failed.append(chat_id)
        attempts = self._summary_attempts[session.id] = self._summary_attempts.get(session.id, 0) + 1
        if failed and attempts < SUMMARY_ATTEMPTS:
            raise SummaryNotDelivered(session.id, failed)
        if failed:
            log.error("session %s: summary not delivered to %s after %s attempts", session.id, failed, attempts)
        await self.repos.schedule.mark_summary_sent(session.id)

    async def _t(self, user_id: int) -> Translate:
        user = await self.repos.users.get(user_id)
        return self.translator.for_lang(user.language if user and user.language else self.settings.default_locale)

    async def summary(self, t: Translate, session: Session) -> str:
        numbers = await self.repos.schedule.numbers(session.id)
        polls = await self.polls_text(t, session.id) if self.polls_text is not None else ""
        teams = None
        if await self.repos.session_projects.of_session(session.id):  # tied to projects: their people counted
            teams = await self.repos.session_projects.people_came(session.id)
        return summary_text(t, session, numbers, polls, when_text(session, self.settings.tz), teams)

    async def feedback_changed(self, session_id: int) -> None:
        """A rating or comment came in: bring the organizers' summary up to date."""
        async with self._summary_lock:  # ratings arriving together: one edit at a time, none repeated
            session = await self.repos.sessions.get(session_id)
            if session is None:
                return
            for chat_id, message_id in await self.repos.schedule.summary_messages(session_id):
                await self._edit_summary(session, chat_id, message_id)

    async def _edit_summary(self, session: Session, chat_id: int, message_id: int) -> None:
        text = await self.summary(await self._t(chat_id), session)
        if self._shown.get((chat_id, message_id)) == text:
            return
        try:
            try:
                await self.bot.edit_message_text(text=text, chat_id=chat_id, message_id=message_id)
            except TelegramRetryAfter as exc:
                if exc.retry_after > MAX_EDIT_WAIT:
                    raise
                await asyncio.sleep(exc.retry_after)  # once: the last rating must not leave the summary behind
                await self.bot.edit_message_text(text=text, chat_id=chat_id, message_id=message_id)
            self._shown[(chat_id, message_id)] = text
        except TelegramBadRequest as exc:
            if "message is not modified" not in exc.message:
                log.warning("session %s summary not updated: %s", session.id, exc.message)
        except AiogramError as exc:  # a courtesy update: the numbers are also in the organizers' view
            log.warning("session %s summary not updated: %s", session.id, exc)
