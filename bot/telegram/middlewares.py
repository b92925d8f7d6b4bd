"""Per-update context: who is writing, in which language."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from aiogram import BaseMiddleware, Bot, Dispatcher
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.fsm.middleware import FSMContextMiddleware
from aiogram.methods import Response, TelegramMethod
from aiogram.methods.base import TelegramType
from aiogram.types import Poll, PollAnswer, TelegramObject, Update
from aiogram.types import User as TgUser

from bot import logs
from bot.config import Settings
from bot.services.flood import FloodGuard, Verdict
from bot.storage.fsm import SQLiteStorage
from bot.storage.models import User
from bot.storage.repositories import Repos
from bot.telegram.i18n import Translate, Translator
from bot.telegram.sender import deliver

log = logging.getLogger(__name__)


class VoteSink(Protocol):
    def take_answer(self, answer: PollAnswer) -> None: ...

    def take_state(self, poll: Poll) -> None: ...


class VotesFastPath(BaseMiddleware):
    """Votes go straight into the poll service's memory buffer; every other update goes on through
    aiogram's FSM middleware, whose place this takes (``install``: right after aiogram's UserContextMiddleware).

    A ``poll`` or ``poll_answer`` update carries a state, not an action (handled twice, it sets the same votes
    again), belongs to no conversation and needs neither the voter's record nor their language. Hundreds arrive
    per second in a busy chat, and the way through the rest cost more than the target allows (bench/poll_bench.py):
    the FSM lock and a state read from the database per new voter, OnceMiddleware's read and write of the update
    id, ContextMiddleware's user lookup, and the walk through the routers. The polls router's poll/poll_answer
    handlers still declare these update types (allowed_updates) and take votes when this is not installed.

    Running before the ban check is safe: whose choice is stored (consent, no ban) is decided where the buffered
    votes are written, in the same statement (PollsRepo.store_votes); everyone counts in the totals.
    """

    def __init__(self, fsm: FSMContextMiddleware, votes: VoteSink) -> None:
        self.fsm = fsm
        self.votes = votes

    @classmethod
    def install(cls, dp: Dispatcher, votes: VoteSink) -> None:
        dp.update.outer_middleware.unregister(dp.fsm)
        dp.update.outer_middleware(cls(dp.fsm, votes))

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        if isinstance(event, Update):
            if event.poll_answer is not None:
                self.votes.take_answer(event.poll_answer)
                return None
            if event.poll is not None:
                self.votes.take_state(event.poll)
                return None
        return await self.fsm(handler, event, data)


class ContextMiddleware(BaseMiddleware):
    def __init__(self, repos: Repos, translator: Translator, settings: Settings) -> None:
        self.repos = repos
        self.translator = translator
        self.settings = settings

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        tg_user: TgUser | None = data.get("event_from_user")
        logs.bind(update=getattr(event, "update_id", None), user=tg_user.id if tg_user is not None else None)
        user = None
        lang = self.settings.default_locale
        if tg_user is not None and not tg_user.is_bot:
            user = await self.repos.users.get(tg_user.id)
            if user is not None and user.language:
                lang = user.language
            else:
                lang = self.translator.pick_language(tg_user.language_code, self.settings.default_locale)
            if (
                user is not None
                and user.has_consent
                and (
                    (user.first_name, user.last_name, user.username)
                    != (tg_user.first_name, tg_user.last_name, tg_user.username)
                )
            ):
                await self.repos.users.refresh_profile(
                    tg_user.id, tg_user.first_name, tg_user.last_name, tg_user.username
                )
        data["user"] = user
        data["lang"] = lang
        data["t"] = self.translator.for_lang(lang)
        return await handler(event, data)


class InFlightMiddleware(BaseMiddleware):
    """Counts updates being handled, so shutdown can let them finish before closing the database."""

    def __init__(self) -> None:
        self.count = 0
        self._idle = asyncio.Event()
        self._idle.set()

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        self.count += 1
        self._idle.clear()
        try:
            return await handler(event, data)
        finally:
            self.count -= 1
            if self.count == 0:
                self._idle.set()

    async def wait_idle(self, seconds: float) -> bool:
        try:
            await asyncio.wait_for(self._idle.wait(), seconds)
        except TimeoutError:
            return False
        return True


class OnceMiddleware(BaseMiddleware):
    """Skips an update that was already handled to the end (re-delivered after a restart), and is the update's
    unit of work: the conversation changes it makes are written together (`SQLiteStorage.unit`).

    An update whose handling was cut short by a crash is not marked, so it is handled again. Marks are written in
    batches, ``MARK_DELAY`` after the first one waiting (``write_marks`` at shutdown writes what is left): a crash
    can forget the marks of the last few milliseconds' updates, which are then handled again only if Telegram
    delivers them again (it does not once the next getUpdates has confirmed them, which aiogram sends at once).
    """

    MARK_DELAY = 0.05

    def __init__(self, repos: Repos, conversations: SQLiteStorage) -> None:
        self.repos = repos
        self.conversations = conversations
        self._timer: asyncio.TimerHandle | None = None
        self._writes: set[asyncio.Task[int]] = set()  # a batch can still be writing when the next one starts

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        update_id = getattr(event, "update_id", None)
        if update_id is None:
            return await handler(event, data)
        if await self.repos.updates.was_handled(update_id):
            log.info("update %s was already handled before a restart; skipped", update_id)
            return None
        try:
            async with self.conversations.unit():
                return await handler(event, data)
        finally:
            if self.repos.updates.note_handled(update_id):
                self._timer = asyncio.get_running_loop().call_later(self.MARK_DELAY, self._write_later)

    def _write_later(self) -> None:
        self._timer = None
        task = asyncio.create_task(self.repos.updates.write_handled())
        self._writes.add(task)
        task.add_done_callback(self._writes.discard)
        task.add_done_callback(_log_failure)

    async def write_marks(self) -> None:
        """Write the marks still waiting (shutdown, before the database closes)."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._writes:
            await asyncio.wait(set(self._writes))
        await self.repos.updates.write_handled()


def _log_failure(task: asyncio.Task[int]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("handled updates not stored: %s", task.exception())


class FlushConversations(BaseRequestMiddleware):
    """Before a handler says anything to Telegram, the conversation changes its update staged are stored: what a
    person sees always matches a state that survives a crash (`SQLiteStorage.unit`)."""

    def __init__(self, conversations: SQLiteStorage) -> None:
        self.conversations = conversations

    async def __call__(
        self, make_request: NextRequestMiddlewareType[TelegramType], bot: Bot, method: TelegramMethod[TelegramType]
    ) -> Response[TelegramType]:
        await self.conversations.flush_pending()
        return await make_request(bot, method)


class BanMiddleware(BaseMiddleware):
    """A banned person is ignored: one notice (ever, per ban, across restarts), then silence.

    Runs after ContextMiddleware (it reads the cached ``user``). Button presses are answered
    without text so the client stops waiting; blocking/unblocking the bot is still recorded.
    Staff are never stopped here (a ban cannot be given to them, nor survive a promotion).
    """

    def __init__(self, repos: Repos, settings: Settings) -> None:
        self.repos = repos
        self.settings = settings

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        user: User | None = data.get("user")
        if user is None or not user.is_banned or not isinstance(event, Update) or event.my_chat_member is not None:
            return await handler(event, data)
        if user.id in self.settings.admin_ids or await self.repos.roles.is_organizer(user.id):
            return await handler(event, data)
        bot: Bot = data["bot"]
        private = event.callback_query is not None
        if event.callback_query is not None:
            query_id = event.callback_query.id
            await deliver(f"silent answer to banned {user.id}", lambda: bot.answer_callback_query(query_id))
        message = event.message or event.edited_message
        if message is not None and message.chat.type == "private":
            private = True
        log.info("ignored update %s from banned %s", event.update_id, user.id)
        # Only a private conversation earns the notice (not a word in a group the bot shares with them).
        if private and await self.repos.moderation.claim_ban_notice(user.id):
            t: Translate = data["t"]
            reason = await self.repos.moderation.ban_reason(user.id)
            text = t("ban-notice") + ("\n" + t("ban-notice-reason", reason=reason) if reason else "")
            await deliver(
                f"ban notice to {user.id}",
                lambda: bot.send_message(user.id, text),
                on_blocked=lambda: self.repos.users.set_active(user.id, False),
            )
        return None


class FloodMiddleware(BaseMiddleware):
    """One person's flood is answered with one notice, then silence for a few seconds (bot/services/flood.py).

    Runs before the database is touched: a dropped update costs nothing. Superadmins are never held back;
    blocking or unblocking the bot (my_chat_member) always goes through.
    """

    def __init__(self, guard: FloodGuard, translator: Translator, settings: Settings) -> None:
        self.guard = guard
        self.translator = translator
        self.settings = settings

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        tg_user: TgUser | None = data.get("event_from_user")
        if (
            tg_user is None
            or not isinstance(event, Update)
            or event.my_chat_member is not None
            or tg_user.id in self.settings.admin_ids
        ):
            return await handler(event, data)
        verdict = self.guard.check(tg_user.id)
        if verdict is Verdict.PASS:
            return await handler(event, data)
        bot: Bot = data["bot"]
        text = None
        if verdict is Verdict.NOTIFY:
            log.info("flood from %s: told once, then their updates are dropped for a while", tg_user.id)
            lang = self.translator.pick_language(tg_user.language_code, self.settings.default_locale)
            text = self.translator.get(lang, "flood-slow-down")
        query = event.callback_query
        if query is not None:
            # A press is always answered (the button stops spinning): with the notice the first time, then empty.
            await deliver(f"flood answer to {tg_user.id}", lambda: bot.answer_callback_query(query.id, text))
        elif text is not None and event.message is not None and event.message.chat.type == "private":
            await deliver(f"flood notice to {tg_user.id}", lambda: bot.send_message(tg_user.id, text))
        return None
