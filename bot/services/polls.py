"""Polls in session chats: the one-line form, posting, vote ingest, closing, results, greetings.

Votes arrive as ``poll_answer`` updates (per person, non-anonymous polls only: the update carries the
person's whole current choice, an empty one when the vote is retracted) and ``poll`` updates (the
counts, for every poll the bot sent). The counts include everyone; a person's own choice is stored only
for a resident with consent who is not banned (checked when the batch is written, PollsRepo.store_votes),
so chat members who never started the bot, withdrew consent or are banned are counted, never recorded.

Hundreds arrive per second in a busy chat, so they are not written one by one: the handlers put them in
memory (last one wins per poll and person) and a flusher writes each batch in one transaction, every
``FLUSH_INTERVAL`` seconds or as soon as ``FLUSH_BATCH`` are waiting. The buffer is flushed before a poll is
closed or its results are shown, and at shutdown. A vote still in memory
when the process is killed is lost with it; a re-delivered update would set the same state again.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import Bot, html
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
)
from aiogram.types import BufferedInputFile, InputPollOption, PollAnswer, ReplyParameters
from aiogram.types import Poll as TgPoll

from bot.clock import now, now_iso, usable
from bot.config import Settings
from bot.services.charts import Bar, bar_chart
from bot.services.limits import NAME_UNITS, TEXT_LIMIT, clip, fit, units
from bot.services.timers import Timers
from bot.services.timetext import DATE_TIME, DurationKeys, duration_text, parse_duration, when_text
from bot.storage.polls import CountsRow, NewPoll, Poll, VoteRow
from bot.storage.repositories import Repos
from bot.telegram.i18n import Html, Translate, Translator
from bot.telegram.sender import deliver
from bot.text import has_visible, tidy

log = logging.getLogger(__name__)

# --- Telegram's limits and the one-line form ---------------------------------------------------

QUESTION_MAX = 300
OPTION_MAX = 100
# Units of a question and an option as the bot shows them (bot/services/limits.py): what Telegram allows always
# fits (its limits are UTF-16 units too), a text of "&" (five units each, escaped) is shortened.
QUESTION_UNITS = 2 * QUESTION_MAX
OPTION_UNITS = 2 * OPTION_MAX
OPTIONS_MIN = 2
OPTIONS_MAX = 12
CLOSE_MIN = timedelta(minutes=1)
CLOSE_MAX = timedelta(days=7)

# Flags: trailing words of the one-line form (any case). Bare words switch a setting on; quiz and close
# take a value after "=" (or ":"), so an option that happens to be "Викторина" or "Закрыть" stays an option.
ANON_WORDS = frozenset({"анонимно", "аноним", "анон", "anon", "anonymous"})
MULTI_WORDS = frozenset({"несколько", "мульти", "multi", "multiple"})
QUIZ_KEYS = frozenset({"викторина", "quiz"})
CLOSE_KEYS = frozenset({"закрыть", "close"})
FLAG_TOKEN = re.compile(r"^(?P<key>[^\W\d_]+)(?:[=:](?P<value>.*))?$")

# A poll's closing time as the polls' own words tell it ("2 д" where a session would say "48 ч").
CLOSE_WORDS = DurationKeys(
    minutes=("poll-unit-minutes", "n"), hours=("poll-unit-hours", "n"), days=("poll-unit-days", "n")
)


def text_length(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units: an emoji may count as two)."""
    return len(text.encode("utf-16-le")) // 2


class PollProblem(Exception):
    """What is wrong with a poll, as a translation key and its arguments."""

    def __init__(self, key: str, **args: object) -> None:
        super().__init__(key)
        self.key = key
        self.args_ = args


@dataclass(slots=True)
class PollDraft:
    question: str
    options: list[str] = field(default_factory=list)
    anonymous: bool = False
    multiple: bool = False
    correct: int | None = None  # quiz: the correct option (0-based)
    close_after: timedelta | None = None

    def to_state(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "options": list(self.options),
            "anonymous": self.anonymous,
            "multiple": self.multiple,
            "correct": self.correct,
            "close_after": int(self.close_after.total_seconds()) if self.close_after else None,
        }

    @classmethod
    def from_state(cls, data: dict[str, object]) -> PollDraft:
        close = data.get("close_after")
        correct = data.get("correct")
        options = data.get("options")
        return cls(
            question=str(data.get("question") or ""),
            options=[str(o) for o in options] if isinstance(options, list) else [],
            anonymous=bool(data.get("anonymous")),
            multiple=bool(data.get("multiple")),
            correct=int(correct) if isinstance(correct, int) else None,
            close_after=timedelta(seconds=close) if isinstance(close, int) and close > 0 else None,
        )


def check_question(text: str) -> str:
    question = tidy(" ".join(text.split()))
    if not has_visible(question):  # nothing at all, or only zero-width and other invisible characters
        raise PollProblem("poll-err-question-invisible" if text.strip() else "poll-err-question-empty")
    if text_length(question) > QUESTION_MAX:
        raise PollProblem("poll-err-question-long", max=QUESTION_MAX, length=text_length(question))
    return question


def check_option(text: str, number: int, existing: Sequence[str]) -> str:
    """One more option (``number`` is its 1-based position) against the ones before it."""
    option = tidy(" ".join(text.split()))
    if not has_visible(option):
        key = "poll-err-option-invisible" if text.strip() else "poll-err-option-empty"
        raise PollProblem(key, number=number)
    if text_length(option) > OPTION_MAX:
        raise PollProblem("poll-err-option-long", number=number, max=OPTION_MAX, length=text_length(option))
    folded = option.casefold()
    for index, other in enumerate(existing, start=1):
        if other.casefold() == folded:
            raise PollProblem("poll-err-option-duplicate", number=number, first=index)
    return option


def check_options(options: Sequence[str]) -> list[str]:
    if len(options) < OPTIONS_MIN:
        raise PollProblem("poll-err-options-few", min=OPTIONS_MIN)
    if len(options) > OPTIONS_MAX:
        raise PollProblem("poll-err-options-many", max=OPTIONS_MAX, count=len(options))
    checked: list[str] = []
    for number, option in enumerate(options, start=1):
        checked.append(check_option(option, number, checked))
    return checked


def check_close_after(value: timedelta | None, raw: str) -> timedelta:
    if value is None:
        raise PollProblem("poll-err-close-unreadable", value=raw)
    if not CLOSE_MIN <= value <= CLOSE_MAX:
        raise PollProblem("poll-err-close-range")
    return value


def check_draft(draft: PollDraft) -> None:
    """The combination of settings (each part was checked on its own already)."""
    if draft.correct is not None:
        if draft.multiple:
            raise PollProblem("poll-err-quiz-multi")
        if not 0 <= draft.correct < len(draft.options):
            raise PollProblem("poll-err-quiz-range", number=draft.correct + 1, count=len(draft.options))


def _peel_flags(segment: str, draft: PollDraft) -> str:
    """Take the flag words off the end of the last segment; returns what is left of it."""
    words = segment.split()
    while words:
        token = words[-1].strip(",;").lower()
        match = FLAG_TOKEN.match(token)
        if not token or match is None:
            break
        key, value = match.group("key"), match.group("value")
        if value is None and key in ANON_WORDS:
            draft.anonymous = True
        elif value is None and key in MULTI_WORDS:
            draft.multiple = True
        elif value is not None and key in QUIZ_KEYS:
            if not (value.isascii() and value.isdecimal()) or len(value) > 3 or int(value) < 1:
                raise PollProblem("poll-err-quiz-number", value=value)
            draft.correct = int(value) - 1
        elif value is not None and key in CLOSE_KEYS:
            draft.close_after = check_close_after(parse_duration(value), value)
        else:
            break
        words.pop()
    return " ".join(words)


def parse_one_line(text: str) -> PollDraft:
    """``Question? | Option 1 | Option 2 | … [flags]`` (the text after /poll), or the question and each option on
    a line of its own (easier on a phone). Raises PollProblem."""
    separator = "|" if "|" in text else "\n"
    if separator not in text.strip():
        raise PollProblem("poll-err-no-options")
    question_part, *option_parts = text.strip().split(separator)
    draft = PollDraft(question=check_question(question_part))
    while option_parts:
        rest = _peel_flags(option_parts[-1], draft)
        if rest.strip() or len(option_parts) == 1:
            option_parts[-1] = rest
            break
        option_parts.pop()  # flags in a segment of their own: "… | Нет | анонимно | закрыть=30м"
    draft.options = check_options(option_parts)
    check_draft(draft)
    return draft


def draft_text(t: Translate, draft: PollDraft) -> str:
    """The draft as the organizer checks it before publishing (HTML)."""
    lines = [t("poll-draft-question", question=clip(draft.question, QUESTION_UNITS))]
    for index, option in enumerate(draft.options):
        line = t("poll-draft-option", position=index + 1, option=clip(option, OPTION_UNITS))
        lines.append(line + (" " + t("poll-results-correct") if draft.correct == index else ""))
    lines.append(t("poll-results-kind", kind=Html(poll_kind(t, draft))))
    lines.append(
        t("poll-draft-close-after", duration=duration_text(t, draft.close_after, CLOSE_WORDS))
        if draft.close_after
        else t("poll-draft-close-manual")
    )
    return "\n".join(lines)


# --- results ------------------------------------------------------------------------------------


def percent(count: int, total: int) -> int:
    return round(count * 100 / total) if total > 0 else 0


def poll_kind(t: Translate, poll: Poll | PollDraft) -> str:
    if isinstance(poll, Poll):
        anonymous, multiple, quiz = poll.is_anonymous, poll.allows_multiple, poll.is_quiz
    else:
        anonymous, multiple, quiz = poll.anonymous, poll.multiple, poll.correct is not None
    parts = [t("poll-kind-anonymous" if anonymous else "poll-kind-open")]
    if multiple:
        parts.append(t("poll-kind-multiple"))
    if quiz:
        parts.append(t("poll-kind-quiz"))
    return " · ".join(parts)


def results_text(t: Translate, poll: Poll, tz: ZoneInfo) -> str:
    """The results as one HTML message (≤ 12 options of ≤ 100 characters: always under 4096)."""
    title = "poll-results-title" if not poll.is_open else "poll-results-title-open"
    lines = [
        t(title, question=clip(poll.question, QUESTION_UNITS)),
        t("poll-results-kind", kind=Html(poll_kind(t, poll))),
    ]
    for index, (option, count) in enumerate(zip(poll.options, poll.counts, strict=True)):
        line = t(
            "poll-results-line",
            position=index + 1,
            option=clip(option, OPTION_UNITS),
            count=count,
            percent=percent(count, poll.total_voters),
        )
        if poll.correct_option == index:
            line += " " + t("poll-results-correct")
        lines.append(line)
    lines.append(t("poll-results-total", total=poll.total_voters))
    if poll.closed_at is not None and usable(poll.closed_at):
        lines.append(t("poll-results-closed-at", date=poll.closed_at.astimezone(tz).strftime(DATE_TIME)))
    return "\n".join(lines)


def results_chart(t: Translate, poll: Poll) -> bytes:
    """A bar per option (the correct one of a quiz in green), scaled to the number of voters."""
    bars = [
        Bar(
            label=f"{index + 1}. {option}",
            value=count,
            note=f"{count} · {percent(count, poll.total_voters)} %",
            highlight=poll.correct_option == index,
        )
        for index, (option, count) in enumerate(zip(poll.options, poll.counts, strict=True))
    ]
    return bar_chart(poll.question, bars, t("poll-chart-footer", total=poll.total_voters), scale=poll.total_voters)


def message_link(chat_id: int, message_id: int, username: str | None = None) -> str | None:
    """A t.me link to a message of a supergroup (public by username, private by its internal id)."""
    if username:
        return f"https://t.me/{username}/{message_id}"
    text = str(chat_id)
    if text.startswith("-100"):
        return f"https://t.me/c/{text[4:]}/{message_id}"
    return None


# --- the service ----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Greeting:
    people: dict[int, str] = field(default_factory=dict)  # user id -> name, in the order they joined
    task: asyncio.Task[None] | None = None
    last_sent: float = -1e9  # loop time


class PollService:
    FLUSH_INTERVAL = 0.05  # seconds a vote may wait in memory
    FLUSH_BATCH = 1000  # votes that trigger a write at once
    STRAY_TTL = 10.0  # seconds to keep votes for a poll id not (yet) in the database
    GREET_GATHER = 3.0  # seconds to wait for more people before greeting
    GREET_INTERVAL = 10.0  # at least this long between two greetings in one chat
    GREET_NAMES = 20  # names listed in one greeting; the rest are counted
    CLOSE_RETRY = timedelta(minutes=1)  # a scheduled close that could not reach Telegram is tried again

    def __init__(self, bot: Bot, repos: Repos, translator: Translator, settings: Settings, timers: Timers) -> None:
        self.bot = bot
        self.repos = repos
        self.translator = translator
        self.settings = settings
        self.timers = timers
        self._known: dict[str, int] = {}  # Telegram poll id -> our poll id
        self._votes: dict[tuple[str, int], tuple[str, str]] = {}  # (tg poll id, voter) -> (option ids, at)
        self._states: dict[str, tuple[str, int, bool]] = {}  # tg poll id -> (counts, total voters, closed)
        self._strays: dict[str, float] = {}  # tg poll id -> when first seen unknown (monotonic)
        self._wake = asyncio.Event()
        self._full = asyncio.Event()
        self._flush_lock = asyncio.Lock()
        self._flusher: asyncio.Task[None] | None = None
        self._close_locks: dict[int, asyncio.Lock] = {}
        self._greetings: dict[int, _Greeting] = {}

    @property
    def group_t(self) -> Translate:
        """Group chats are shared by many people: they get the hub's default language."""
        return self.translator.for_lang(self.settings.default_locale)

    # --- lifecycle ------------------------------------------------------------------------

    def start(self) -> None:
        if self._flusher is None:
            self._flusher = asyncio.create_task(self._run_flusher(), name="poll-votes-flusher")

    async def stop(self) -> None:
        """At shutdown (after the updates in flight): write what is buffered, drop pending greetings."""
        if self._flusher is not None:
            self._flusher.cancel()
            # asyncio.wait, not "await" under suppress(CancelledError): that would also swallow a cancellation of
            # the task calling stop() (a second SIGTERM cutting the shutdown short).
            await asyncio.wait({self._flusher})
            self._flusher = None
        await self.flush()
        pending = [g.task for g in self._greetings.values() if g.task is not None]
        for task in pending:
            task.cancel()
        if pending:
            log.info("%s greeting(s) not sent: the bot is stopping", len(pending))
            await asyncio.gather(*pending, return_exceptions=True)

    # --- posting ----------------------------------------------------------------------------

    async def post(
        self,
        draft: PollDraft,
        chat_id: int,
        session_id: int | None,
        created_by: int,
        thread_id: int | None = None,
    ) -> Poll:
        """sendPoll, then the row (a poll that Telegram refused leaves nothing behind)."""
        quiz = draft.correct is not None
        message = await self.bot.send_poll(
            chat_id=chat_id,
            question=draft.question,
            question_parse_mode=None,  # sent as typed: "<" and "&" are text, not markup
            options=[InputPollOption(text=option, text_parse_mode=None) for option in draft.options],
            is_anonymous=draft.anonymous,
            type="quiz" if quiz else "regular",
            allows_multiple_answers=draft.multiple and not quiz,
            correct_option_ids=[draft.correct] if draft.correct is not None else None,
            message_thread_id=thread_id,
        )
        assert message.poll is not None
        close_at = now() + draft.close_after if draft.close_after else None
        poll_id = await self.repos.polls.add(
            NewPoll(
                tg_poll_id=message.poll.id,
                session_id=session_id,
                chat_id=chat_id,
                message_id=message.message_id,
                question=draft.question,
                options=tuple(draft.options),
                is_anonymous=draft.anonymous,
                allows_multiple=draft.multiple and not quiz,
                correct_option=draft.correct,
                close_at=close_at,
                created_by=created_by,
            )
        )
        self._known[message.poll.id] = poll_id
        if close_at is not None:
            self.timers.poll_close_planned(poll_id, close_at)
        log.info("poll %s posted in chat %s by %s (close at %s)", poll_id, chat_id, created_by, close_at)
        poll = await self.repos.polls.get(poll_id)
        assert poll is not None
        return poll

    # --- vote ingest ------------------------------------------------------------------------

    def take_answer(self, answer: PollAnswer) -> None:
        """A person's current choice in a non-anonymous poll (empty: retracted). No I/O."""
        voter = answer.user.id if answer.user is not None else answer.voter_chat.id if answer.voter_chat else None
        if voter is None:
            return
        self._votes[(answer.poll_id, voter)] = (json.dumps(answer.option_ids), now_iso())
        self._buffered()

    def forget_voter(self, user_id: int) -> None:
        """/delete_me: the person's votes still waiting in memory are dropped. (A batch being written when their
        data was deleted is written without them: store_votes checks consent in the same statement.)"""
        for key in [key for key in self._votes if key[1] == user_id]:
            del self._votes[key]

    def take_state(self, poll: TgPoll) -> None:
        """A poll's counts (every poll the bot sent, anonymous or not). No I/O."""
        counts = json.dumps([option.voter_count for option in poll.options])
        self._states[poll.id] = (counts, poll.total_voter_count, poll.is_closed)
        self._buffered()

    def _buffered(self) -> None:
        self._wake.set()
        if len(self._votes) >= self.FLUSH_BATCH:
            self._full.set()

    async def _run_flusher(self) -> None:
        while True:
            await self._wake.wait()
            if len(self._votes) < self.FLUSH_BATCH:
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(self.FLUSH_INTERVAL):
                        await self._full.wait()
            try:
                await self.flush()
            except sqlite3.Error:
                log.exception("could not write a batch of votes; retrying shortly")
                await asyncio.sleep(1)

    async def flush(self) -> None:
        """Write every buffered vote and poll state now (one transaction)."""
        async with self._flush_lock:
            self._wake.clear()
            self._full.clear()
            votes, self._votes = self._votes, {}
            states, self._states = self._states, {}
            if not votes and not states:
                return
            unknown = ({tg for tg, _ in votes} | states.keys()) - self._known.keys()
            if unknown:
                self._known.update(await self.repos.polls.ids_by_tg(sorted(unknown)))
            vote_rows: list[VoteRow] = []
            count_rows: list[CountsRow] = []
            strays: dict[tuple[str, int], tuple[str, str]] = {}
            for (tg, voter), (options, at) in votes.items():
                poll_id = self._known.get(tg)
                if poll_id is None:
                    strays[(tg, voter)] = (options, at)
                else:
                    vote_rows.append((poll_id, voter, options, at))
            stray_states: dict[str, tuple[str, int, bool]] = {}
            for tg, (counts, total, closed) in states.items():
                poll_id = self._known.get(tg)
                if poll_id is None:
                    stray_states[tg] = (counts, total, closed)
                else:
                    count_rows.append((poll_id, counts, total, closed))
            try:
                await self.repos.polls.store_votes(vote_rows, count_rows)
            except sqlite3.Error:
                self._put_back(votes, states)
                raise
            self._keep_strays(strays, stray_states)

    def _put_back(
        self, votes: dict[tuple[str, int], tuple[str, str]], states: dict[str, tuple[str, int, bool]]
    ) -> None:
        """A batch that could not be written goes back, behind anything newer that arrived meanwhile."""
        for key, value in votes.items():
            self._votes.setdefault(key, value)
        for tg, state in states.items():
            self._states.setdefault(tg, state)
        self._wake.set()

    @property
    def unknown_polls(self) -> int:
        """Poll ids the buffer holds updates for without knowing the poll (yet)."""
        return len(self._strays)

    def _keep_strays(
        self, votes: dict[tuple[str, int], tuple[str, str]], states: dict[str, tuple[str, int, bool]]
    ) -> None:
        """Updates for a poll id we do not know: a poll being stored right now, or not ours. Kept for a while.

        Only poll ids that still have updates waiting are remembered: one that became known or was dropped is
        forgotten, so the table cannot grow with every stranger's poll the bot ever heard of.
        """
        moment = time.monotonic()
        waiting = {tg for tg, _ in votes} | states.keys()
        for tg in waiting:
            first = self._strays.setdefault(tg, moment)
            if moment - first > self.STRAY_TTL:
                log.warning("dropped updates for unknown poll %s", tg)
                votes = {k: v for k, v in votes.items() if k[0] != tg}
                states.pop(tg, None)
        kept = {tg for tg, _ in votes} | states.keys()
        self._strays = {tg: first for tg, first in self._strays.items() if tg in kept}
        if votes or states:
            self._put_back(votes, states)

    # --- closing ----------------------------------------------------------------------------

    async def close(self, poll_id: int) -> str:
        """Stop the poll in Telegram, store the final counts, post the results once.

        Returns "closed", "already" (it was closed before) or "missing". Raises TelegramAPIError when
        Telegram could not be reached (the poll stays open).
        """
        lock = self._close_locks.setdefault(poll_id, asyncio.Lock())
        async with lock:
            poll = await self.repos.polls.get(poll_id)
            if poll is None:
                return "missing"
            if not poll.is_open:
                return "already"
            await self.flush()
            counts: list[int] | None = None
            total: int | None = None
            try:
                final = await self.bot.stop_poll(chat_id=poll.chat_id, message_id=poll.message_id or 0)
                counts, total = [o.voter_count for o in final.options], final.total_voter_count
            except (TelegramBadRequest, TelegramForbiddenError) as exc:
                # Closed in Telegram already, the message deleted, or the bot no longer in the chat: nobody can
                # vote any more, so the poll is finished here too, with the counts last seen.
                log.info("poll %s could not be stopped in Telegram (%s); finished with stored counts", poll_id, exc)
            if not await self.repos.polls.close(poll_id, counts, total):
                return "already"
            log.info("poll %s closed", poll_id)
        await self.post_results(poll_id)
        self._close_locks.pop(poll_id, None)
        return "closed"

    async def close_scheduled(self, poll_id: int) -> None:
        """Called by the timers at the poll's close_at (also at start-up when it passed meanwhile). Idempotent."""
        poll = await self.repos.polls.get(poll_id)
        if poll is None:
            return
        if not poll.is_open:
            if not poll.results_posted:
                await self.post_results(poll_id)  # closed by a run that stopped before posting them
            return
        try:
            await self.close(poll_id)
        except TelegramAPIError as exc:
            retry = now() + self.CLOSE_RETRY
            log.warning("scheduled close of poll %s failed (%s); trying again at %s", poll_id, exc, retry)
            self.timers.poll_close_planned(poll_id, retry)

    async def post_results(self, poll_id: int) -> bool:
        """Results of a closed poll in its chat, text and chart, once ever (claimed before sending)."""
        if not await self.repos.polls.claim_results(poll_id):
            return False
        poll = await self.repos.polls.get(poll_id)
        assert poll is not None
        await self.send_results(poll, poll.chat_id, self.group_t, reply_to=poll.message_id)
        return True

    async def send_results(self, poll: Poll, chat_id: int, t: Translate, reply_to: int | None = None) -> None:
        reply = ReplyParameters(message_id=reply_to, allow_sending_without_reply=True) if reply_to else None
        what = f"results of poll {poll.id} to {chat_id}"
        text = results_text(t, poll, self.settings.tz)
        await deliver(what, lambda: self.bot.send_message(chat_id, text, reply_parameters=reply))
        # Drawing takes tens of milliseconds of CPU: a worker thread keeps the loop serving votes meanwhile.
        png = await asyncio.to_thread(results_chart, t, poll)
        photo = BufferedInputFile(png, filename=f"poll_{poll.id}.png")
        caption = t("poll-chart-caption", number=poll.id)
        await deliver(what + " (chart)", lambda: self.bot.send_photo(chat_id, photo, caption=caption))

    async def current(self, poll_id: int) -> Poll | None:
        """A poll with every vote received so far written."""
        await self.flush()
        return await self.repos.polls.get(poll_id)

    async def session_results_text(self, t: Translate, session_id: int) -> str:
        """Every poll of a session in a few lines (for the organizers' summary after the session)."""
        await self.flush()
        polls = await self.repos.polls.of_session(session_id)
        if not polls:
            return t("poll-session-none")
        blocks = []
        for poll in polls:
            answers = ", ".join(
                f"{html.quote(clip(option, OPTION_UNITS))} — {count} ({percent(count, poll.total_voters)} %)"
                + (" ✅" if poll.correct_option == index else "")
                for index, (option, count) in enumerate(zip(poll.options, poll.counts, strict=True))
            )
            blocks.append(
                t(
                    "poll-session-line",
                    question=clip(poll.question, QUESTION_UNITS),
                    answers=Html(answers),
                    total=poll.total_voters,
                    status=t("poll-status-" + poll.status),
                )
            )
        return "\n".join(blocks)

    # --- greetings ---------------------------------------------------------------------------

    def joined(self, chat_id: int, people: Sequence[tuple[int, str]]) -> None:
        """New members of a bound chat: greeted together, one message per chat at most every GREET_INTERVAL."""
        if not people:
            return
        batch = self._greetings.setdefault(chat_id, _Greeting())
        for user_id, name in people:
            batch.people.setdefault(user_id, name)
        if batch.task is None:
            loop = asyncio.get_running_loop()
            delay = max(self.GREET_GATHER, batch.last_sent + self.GREET_INTERVAL - loop.time())
            batch.task = asyncio.create_task(self._greet_later(chat_id, batch, delay), name=f"greet-{chat_id}")

    async def _greet_later(self, chat_id: int, batch: _Greeting, delay: float) -> None:
        await asyncio.sleep(delay)
        people, batch.people = batch.people, {}
        batch.task = None
        batch.last_sent = asyncio.get_running_loop().time()
        bound = await self.repos.polls.chat(chat_id)
        session = await self.repos.sessions.get(bound.session_id) if bound else None
        if session is None or not people:
            return
        t = self.group_t
        title, when = clip(session.title, QUESTION_UNITS), when_text(session, self.settings.tz)
        room = TEXT_LIMIT - units(t("greet-text", names=Html(""), title=title, when=when))
        links = [
            f'<a href="tg://user?id={uid}">{html.quote(clip(name, NAME_UNITS))}</a>'
            for uid, name in list(people.items())[: self.GREET_NAMES]
        ]
        names = fit(
            [], links, sep=", ", more=lambda n: t("greet-more", count=n), hidden=len(people) - len(links), limit=room
        ).text
        text = t("greet-text", names=Html(names), title=title, when=when)
        await deliver(f"greeting in {chat_id}", lambda: self.bot.send_message(chat_id, text))
