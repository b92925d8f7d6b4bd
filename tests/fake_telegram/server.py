"""A fake Telegram Bot API server (aiohttp) that a real aiogram bot talks to.

It speaks the wire protocol aiogram uses (POST form-urlencoded or multipart, non-string values
JSON-encoded, files as ``attach://<key>``), answers with objects aiogram's models accept and
refuses what Telegram refuses, with Telegram's error texts. Tests drive it through scripted users
and groups (see :mod:`tests.fake_telegram.actors`).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import math
import mimetypes
import random
import secrets
import time
import traceback
import zlib
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from . import errors as e
from .actors import ScriptedGroup, ScriptedUser
from .errors import ApiError, bad_request, too_many_requests
from .html import utf16_len
from .models import BotMessage, CallbackResult, FakeStats, RecordedRequest, StoredFile, UploadedFile
from .validation import (
    CAPTION_LIMIT,
    TEXT_LIMIT,
    as_bool,
    as_float,
    as_int,
    check_length,
    format_text,
    inline_part,
    parse_reply_markup,
    required,
)

JsonDict = dict[str, Any]
Handler = Callable[[JsonDict, dict[str, UploadedFile]], Any]
AsyncHandler = Callable[[JsonDict, dict[str, UploadedFile]], Awaitable[Any]]

# Parameters Telegram reads as strings: never JSON-decoded even if they look like numbers.
STRING_PARAMS = frozenset(
    (
        "text caption parse_mode question question_parse_mode explanation explanation_parse_mode "
        "description description_parse_mode short_description title address name first_name last_name "
        "phone_number vcard emoji action file_id language_code callback_query_id inline_message_id "
        "business_connection_id message_effect_id url secret_token foursquare_id foursquare_type "
        "google_place_id google_place_type custom_title icon_custom_emoji_id photo document video audio "
        "voice animation sticker video_note thumbnail type"
    ).split()
)
DEFAULT_ALLOWED_UPDATES = frozenset(
    (
        "message edited_message channel_post edited_channel_post business_connection business_message "
        "edited_business_message deleted_business_messages inline_query chosen_inline_result "
        "callback_query shipping_query pre_checkout_query purchased_paid_media poll poll_answer "
        "my_chat_member chat_join_request chat_boost removed_chat_boost"
    ).split()
)
CHAT_ACTIONS = frozenset(
    (
        "typing upload_photo record_video upload_video record_voice upload_voice upload_document "
        "choose_sticker find_location record_video_note upload_video_note cancel"
    ).split()
)
SEND_METHODS = frozenset(
    (
        "sendmessage sendphoto senddocument sendvideo sendaudio sendvoice sendanimation sendsticker "
        "sendmediagroup sendlocation sendvenue sendpoll sendcontact copymessage forwardmessage"
    ).split()
)
COMMAND_SCOPES = frozenset(
    ("default all_private_chats all_group_chats all_chat_administrators chat chat_administrators chat_member").split()
)
CONTENT_KINDS = (
    "text",
    "photo",
    "document",
    "video",
    "audio",
    "voice",
    "animation",
    "sticker",
    "venue",
    "location",
    "poll",
    "contact",
    "dice",
)
CONTENT_KEYS = (*CONTENT_KINDS, "entities", "caption", "caption_entities", "has_media_spoiler")
FILE_ID_PREFIX = {
    "photo": "AgACAgIAAxkBAA",
    "document": "BQACAgIAAxkBAA",
    "video": "BAACAgIAAxkBAA",
    "audio": "CQACAgIAAxkBAA",
    "voice": "AwACAgIAAxkBAA",
    "animation": "CgACAgIAAxkBAA",
    "sticker": "CAACAgIAAxkBAA",
    "video_note": "DQACAgIAAxkBAA",
}
FILE_FOLDER = {
    "photo": ("photos", "jpg"),
    "document": ("documents", "bin"),
    "video": ("videos", "mp4"),
    "audio": ("music", "mp3"),
    "voice": ("voice", "oga"),
    "animation": ("animations", "mp4"),
    "sticker": ("stickers", "webp"),
    "video_note": ("video_notes", "mp4"),
}
MAX_DOWNLOAD_SIZE = 20 * 1024 * 1024
MAX_UPLOAD_SIZE = 50 * 1024 * 1024  # a file a bot sends by multipart upload
ADMIN_RIGHTS = {
    "can_be_edited": False,
    "is_anonymous": False,
    "can_manage_chat": True,
    "can_delete_messages": True,
    "can_manage_video_chats": True,
    "can_restrict_members": True,
    "can_promote_members": False,
    "can_change_info": True,
    "can_invite_users": True,
    "can_post_stories": False,
    "can_edit_stories": False,
    "can_delete_stories": False,
    "can_send_welcome_messages": False,
    "can_pin_messages": True,
    "can_manage_topics": True,
}
NO_GIFTS = {
    "unlimited_gifts": False,
    "limited_gifts": False,
    "unique_gifts": False,
    "premium_subscription": False,
    "gifts_from_channels": False,
}


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@dataclass
class RateLimits:
    """Token buckets used when ``FakeTelegram.rate_limit`` is on (Telegram publishes no exact numbers)."""

    global_per_second: float = 30.0
    global_burst: float = 30.0
    chat_per_second: float = 1.0
    chat_burst: float = 3.0
    group_per_minute: float = 20.0
    group_burst: float = 5.0
    # allow_paid_broadcast=True: up to 1,000 messages per second (for a fee in Telegram Stars)
    paid_per_second: float = 1000.0
    paid_burst: float = 1000.0


class TokenBucket:
    __slots__ = ("capacity", "last", "rate", "tokens")

    def __init__(self, rate: float, capacity: float, now: float) -> None:
        self.rate = rate
        self.capacity = capacity
        self.tokens = capacity
        self.last = now

    def wait_time(self, now: float) -> float:
        """Seconds until a token is available (0 if one is available now)."""
        if now > self.last:
            self.tokens = min(self.capacity, self.tokens + (now - self.last) * self.rate)
            self.last = now
        if self.tokens >= 1.0:
            return 0.0
        return (1.0 - self.tokens) / self.rate

    def take(self) -> None:
        self.tokens -= 1.0


@dataclass(eq=False)
class ChatState:
    """A chat as the fake keeps it: a user's private chat, a group or a channel, with every message in it
    (``messages``, raw) and the bot's (``bot_messages``; ``inbox`` in the order they came)."""

    id: int
    type: str
    title: str | None = None
    user: ScriptedUser | None = None
    is_forum: bool = False
    username: str | None = None
    known: bool = False
    blocked: bool = False
    bot_status: str = "member"
    members: dict[int, str] = field(default_factory=dict)
    next_message_id: int = 1
    messages: dict[int, JsonDict] = field(default_factory=dict)
    bot_messages: dict[int, BotMessage] = field(default_factory=dict)
    inbox: list[BotMessage] = field(default_factory=list)
    topics: dict[int, str] = field(default_factory=dict)
    waiters: list[asyncio.Future[None]] = field(default_factory=list)
    bucket: TokenBucket | None = None

    def as_chat(self) -> JsonDict:
        if self.type == "private" and self.user is not None:
            chat: JsonDict = {"id": self.id, "type": "private", "first_name": self.user.first_name}
            if self.user.last_name:
                chat["last_name"] = self.user.last_name
            if self.user.username:
                chat["username"] = self.user.username
            return chat
        chat = {"id": self.id, "type": self.type, "title": self.title or ""}
        if self.username:
            chat["username"] = self.username
        if self.is_forum:
            chat["is_forum"] = True
        return chat

    def take_message_id(self) -> int:
        message_id = self.next_message_id
        self.next_message_id += 1
        return message_id


@dataclass
class _Fault:
    error: str
    times: int
    chat_id: str | None
    retry_after: int
    description: str | None
    delay: float
    deliver: bool


@dataclass
class _RandomFaults:
    rng: random.Random
    rates: list[tuple[str, float]]
    delay: float
    deliver: bool

    def draw(self) -> _Fault | None:
        roll = self.rng.random()
        for error, rate in self.rates:
            if roll < rate:
                return _Fault(error, 1, None, 1, None, self.delay, self.deliver)
            roll -= rate
        return None


@dataclass(eq=False)
class PendingCallback:
    """A callback query the bot was sent; ``future`` gets the bot's answer (answerCallbackQuery)."""

    query_id: str
    created_at: float
    future: asyncio.Future[CallbackResult]
    chat_id: int | None
    message_id: int | None
    data: str | None
    answered: bool = False


@dataclass(eq=False)
class _Poller:
    event: asyncio.Event = field(default_factory=asyncio.Event)
    conflicted: bool = False
    waiting: bool = False


@dataclass(eq=False)
class _PollState:
    poll: JsonDict
    chat_id: int
    message_id: int
    votes: dict[int, list[int]] = field(default_factory=dict)


class FakeTelegram:
    """The fake Bot API server and the world around the bot (users, groups, files, updates)."""

    def __init__(
        self,
        token: str = "123456:TEST",
        bot_id: int | None = None,
        bot_username: str = "test_bot",
        bot_first_name: str = "Test Bot",
        *,
        record_requests: bool = True,
        validate_updates: bool = True,
    ) -> None:
        self.token = token
        if bot_id is None:
            bot_id = int(token.split(":", 1)[0])
        self.bot_id = bot_id
        self.bot_username = bot_username
        self.bot_first_name = bot_first_name
        self.record_requests = record_requests
        self.validate_updates = validate_updates

        self.requests: list[RecordedRequest] = []
        self.refused: list[RecordedRequest] = []
        self.internal_errors: list[str] = []
        self.stats = FakeStats()
        self.commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        self.bot_settings: dict[tuple[str, str], Any] = {}

        self.clock: Callable[[], float] = time.time
        self.callback_answer_timeout: float = 15.0
        self.rate_limit: bool = False
        self.rate_limits = RateLimits()
        # One connection per request (no keep-alive): a proxy in front of it then sees every call of the bot.
        self.close_connections: bool = False
        self.strict_ampersand: bool = True
        self.allow_single_item_album: bool = False
        self.webhook_url: str = ""

        self._users: dict[int, ScriptedUser] = {}
        self._groups: dict[int, ScriptedGroup] = {}
        self._chats: dict[int, ChatState] = {}
        self._chats_by_username: dict[str, ChatState] = {}
        self._files: dict[str, StoredFile] = {}
        self._files_by_path: dict[str, StoredFile] = {}
        self._file_counter = itertools.count(1)
        self._callbacks: dict[str, PendingCallback] = {}
        self._callback_counter = itertools.count(1)
        self._callback_base = secrets.randbelow(10**12) * 10**6
        self._polls: dict[str, _PollState] = {}
        self._poll_counter = itertools.count(1)
        self._media_group_counter = itertools.count(1)
        self._faults: dict[str, list[_Fault]] = {}
        self._random_faults: dict[str, _RandomFaults] = {}
        self._site: web.TCPSite | None = None
        self._address: tuple[str, int] = ("127.0.0.1", 0)
        self.offline = False
        self._sent: list[BotMessage] = []
        self._global_waiters: list[asyncio.Future[None]] = []

        self._updates: deque[tuple[int, str, str]] = deque()
        self._next_update_id = 1
        self.last_update_id = 0
        self._allowed_updates: frozenset[str] = DEFAULT_ALLOWED_UPDATES
        self._poller: _Poller | None = None
        self._bot_rate_bucket: TokenBucket | None = None
        self._paid_rate_bucket: TokenBucket | None = None
        self._polling_waiters: list[asyncio.Future[None]] = []
        self._request_waiters: list[asyncio.Future[None]] = []

        self._runner: web.AppRunner | None = None
        self._stopping = asyncio.Event()
        self.base_url = ""

        self._methods: dict[str, tuple[str, Handler]] = {}
        self._async_methods: dict[str, tuple[str, AsyncHandler]] = {"getupdates": ("getUpdates", self._get_updates)}
        for name, handler in self._method_table().items():
            self._methods[name.lower()] = (name, handler)

    # ------------------------------------------------------------------ lifecycle

    def make_app(self) -> web.Application:
        app = web.Application(client_max_size=64 * 1024 * 1024, middlewares=[self._connection_policy])
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_route("GET", "/file/bot{token}/{path:.+}", self._handle_file)
        app.router.add_route("POST", "/_fake/message", self._control_message)
        app.router.add_route("POST", "/_fake/callback", self._control_callback)
        app.router.add_route("POST", "/_fake/block", self._control_block)
        app.router.add_route("GET", "/_fake/sent", self._control_sent)
        app.router.add_route("GET", "/_fake/stats", self._control_stats)
        return app

    @web.middleware
    async def _connection_policy(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        response = await handler(request)
        if self.close_connections:
            response.force_close()  # before the headers are written: they say "Connection: close"
        return response

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        """Start serving in the running loop; returns (and sets) ``base_url``."""
        self._stopping = asyncio.Event()
        self._runner = web.AppRunner(self.make_app(), access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        actual_port = self._runner.addresses[0][1]
        self._site, self._address = site, (host, actual_port)
        self.base_url = f"http://{host}:{actual_port}"
        return self.base_url

    async def go_offline(self) -> None:
        """Telegram unreachable: the port refuses connections, and open ones are cut (a request in
        flight at that moment gets no answer, like a link that went down)."""
        assert self._runner is not None and self._site is not None, "start() first"
        await self._site.stop()
        self._site = None
        for connection in self._runner.server.connections if self._runner.server is not None else []:
            connection.force_close()
        self.offline = True

    async def go_online(self) -> None:
        """Reachable again, on the same address (state and updates kept)."""
        assert self._runner is not None and self._site is None, "go_offline() first"
        site = web.TCPSite(self._runner, *self._address)
        await site.start()
        self._site = site
        self.offline = False

    def fail_randomly(
        self,
        method: str,
        rates: dict[str | int, float],
        *,
        seed: int = 0,
        delay: float = 0.0,
        deliver: bool = False,
    ) -> None:
        """Each call of ``method`` fails with ``rates[error]`` probability per error (as ``fail_next``
        would answer it), drawn from a seeded generator: the same run gives the same faults."""
        self._random_faults[method.lower()] = _RandomFaults(
            random.Random(seed), [(str(error), rate) for error, rate in rates.items()], delay, deliver
        )

    async def stop(self) -> None:
        self._stopping.set()
        if self._poller is not None:
            self._poller.event.set()
        waiters, self._global_waiters = self._global_waiters, []
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(None)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeTelegram:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def api_methods(self) -> list[str]:
        """The Bot API methods the fake serves, by canonical name (``"sendMessage"``, ``"getUpdates"``, ...)."""
        return [name for name, _ in self._methods.values()] + [name for name, _ in self._async_methods.values()]

    @property
    def bot_user(self) -> JsonDict:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_first_name,
            "username": self.bot_username,
        }

    # ------------------------------------------------------------------ the world

    def user(
        self,
        user_id: int,
        first_name: str | None = None,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = None,
        *,
        is_premium: bool | None = None,
        started: bool = False,
    ) -> ScriptedUser:
        """The scripted user with this id (created on first call; later calls return the same object).

        ``started=True`` makes the private chat known at once, as if the user had pressed Start.
        """
        existing = self._users.get(user_id)
        if existing is not None:
            if started:
                self.private_chat(existing).known = True
            return existing
        user = ScriptedUser(
            self,
            user_id,
            first_name or f"User{user_id}",
            last_name=last_name,
            username=username,
            language_code=language_code,
            is_premium=is_premium,
        )
        self._users[user_id] = user
        # Private chats can't be addressed as @username: Telegram answers "chat not found".
        self.private_chat(user).known = started
        return user

    def group(
        self,
        chat_id: int,
        title: str = "Group",
        is_forum: bool = False,
        *,
        bot_status: str = "administrator",
        username: str | None = None,
        chat_type: str = "supergroup",
    ) -> ScriptedGroup:
        """A supergroup (or channel, ``chat_type="channel"``) the bot is in with ``bot_status``."""
        existing = self._groups.get(chat_id)
        if existing is not None:
            return existing
        chat = ChatState(
            id=chat_id,
            type=chat_type,
            title=title,
            is_forum=is_forum,
            username=username,
            known=True,
            bot_status=bot_status,
        )
        self._chats[chat_id] = chat
        if username:
            self._chats_by_username[username.lower()] = chat
        group = ScriptedGroup(self, chat)
        self._groups[chat_id] = group
        return group

    def channel(self, chat_id: int, title: str = "Channel", *, username: str | None = None) -> ScriptedGroup:
        return self.group(chat_id, title, chat_type="channel", username=username, bot_status="administrator")

    def add_member(self, group: ScriptedGroup, user: ScriptedUser, status: str = "member") -> None:
        if status not in ("creator", "administrator", "member", "restricted", "left", "kicked"):
            raise ValueError(f"unknown chat member status {status!r}")
        group.chat.members[user.id] = status

    def join(self, group: ScriptedGroup, *users: ScriptedUser, by: ScriptedUser | None = None) -> JsonDict:
        """People join a group: the ``new_chat_members`` service message (one for all of them, as Telegram sends
        when someone adds several people at once; ``by`` is who added them, else the first joined by link)."""
        if not users:
            raise ValueError("join() needs at least one user")
        chat = group.chat
        for user in users:
            chat.members[user.id] = "member"
        actor = by or users[0]
        return self.user_message(actor, chat, {"new_chat_members": [user.as_user() for user in users]})

    def sent_messages(self, chat_id: int | None = None) -> list[BotMessage]:
        """Messages the bot sent, in order (all chats, or one)."""
        if chat_id is None:
            return list(self._sent)
        chat = self._chats.get(chat_id)
        return list(chat.inbox) if chat is not None else []

    def requests_for(self, method: str) -> list[RecordedRequest]:
        lowered = method.lower()
        return [request for request in self.requests if request.method.lower() == lowered]

    def count_requests(self, method: str) -> int:
        """How many calls of ``method`` arrived (counted even with ``record_requests=False``)."""
        lowered = method.lower()
        return sum(count for name, count in self.stats.requests.items() if name.lower() == lowered)

    async def wait_for_request(
        self,
        method: str,
        after: int = 0,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> RecordedRequest | None:
        """Wait until more than ``after`` calls of ``method`` arrived; returns the latest one (if recorded)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while self.count_requests(method) <= after:
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise AssertionError(
                    f"expected a {method} call (more than {after}) within {timeout}s; got {self.count_requests(method)}"
                )
            waiter: asyncio.Future[None] = loop.create_future()
            self._request_waiters.append(waiter)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(waiter, remaining)
        matching = self.requests_for(method) if self.record_requests else []
        return matching[-1] if matching else None

    def fail_next(
        self,
        method: str,
        error: str | int = "429",
        *,
        retry_after: int = 1,
        times: int = 1,
        chat_id: int | str | None = None,
        description: str | None = None,
        delay: float = 0.0,
        deliver: bool = False,
    ) -> None:
        """Make the next ``times`` calls of ``method`` (optionally only to ``chat_id``) fail.

        ``error`` is an HTTP/Telegram code ("429", "403", "400", "500", ...) answered with
        Telegram's wording (or ``description``), or ``"timeout"``: the response is held for
        ``delay`` seconds; with ``deliver=True`` the request is carried out first (the message is
        delivered although the client times out), otherwise 502 Bad Gateway follows the delay.
        """
        fault = _Fault(
            error=str(error),
            times=times,
            chat_id=None if chat_id is None else str(chat_id),
            retry_after=retry_after,
            description=description,
            delay=delay,
            deliver=deliver,
        )
        self._faults.setdefault(method.lower(), []).append(fault)

    def clear_faults(self) -> None:
        self._faults.clear()
        self._random_faults.clear()

    def pending_updates(self) -> int:
        return len(self._updates)

    async def wait_polling(self, timeout: float = 5.0) -> None:  # noqa: ASYNC109
        """Wait until a getUpdates long poll is waiting for updates (the bot is idle and polling)."""
        if self._poller is not None and self._poller.waiting:
            return
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._polling_waiters.append(waiter)
        try:
            await asyncio.wait_for(waiter, timeout)
        except TimeoutError:
            raise AssertionError(f"no getUpdates long poll started within {timeout}s") from None

    # ------------------------------------------------------------------ internals: chats

    def private_chat(self, user: ScriptedUser) -> ChatState:
        """The private chat of ``user`` with the bot (chat id == user id), made on first use.

        Its ``known`` flag says whether the bot may write there yet (the user has written to it).
        """
        chat = self._chats.get(user.id)
        if chat is None:
            chat = ChatState(id=user.id, type="private", user=user)
            self._chats[user.id] = chat
        return chat

    def chat_state(self, chat_id: int) -> ChatState:
        """The record of a chat the fake has (a private chat or a group), by id; ``KeyError`` if it has none."""
        return self._chats[chat_id]

    def find_chat(self, chat_id: int) -> ChatState | None:
        """The record of a chat the fake has, by id, or ``None``."""
        return self._chats.get(chat_id)

    def _lookup_chat(self, value: Any) -> ChatState:
        if value is None or value == "":
            raise bad_request(e.CHAT_ID_EMPTY)
        chat: ChatState | None = None
        if isinstance(value, str) and value.startswith("@"):
            chat = self._chats_by_username.get(value[1:].lower())
        else:
            try:
                chat = self._chats.get(int(value))
            except (TypeError, ValueError):
                chat = None
        if chat is None or not chat.known:
            raise bad_request(e.CHAT_NOT_FOUND)
        return chat

    def _check_can_send(self, chat: ChatState) -> None:
        if chat.type == "private":
            if chat.blocked:
                raise ApiError(403, e.BOT_BLOCKED)
            return
        if chat.type == "channel":
            if chat.bot_status == "kicked":
                raise ApiError(403, e.BOT_KICKED_CHANNEL)
            if chat.bot_status not in ("administrator", "creator"):
                if chat.bot_status == "left":
                    raise ApiError(403, e.BOT_NOT_MEMBER_CHANNEL)
                raise bad_request("need administrator rights in the channel chat")
            return
        if chat.bot_status == "kicked":
            raise ApiError(403, e.BOT_KICKED_SUPERGROUP)
        if chat.bot_status == "left":
            raise ApiError(403, e.BOT_NOT_MEMBER_SUPERGROUP)

    def _chat_for_send(self, params: JsonDict) -> ChatState:
        chat = self._lookup_chat(params.get("chat_id"))
        self._check_can_send(chat)
        return chat

    def _thread(self, chat: ChatState, params: JsonDict) -> int | None:
        value = params.get("message_thread_id")
        if value is None:
            return None
        thread_id = as_int(value, e.THREAD_NOT_FOUND)
        if chat.is_forum:
            if thread_id not in chat.topics:
                raise bad_request(e.THREAD_NOT_FOUND)
            return thread_id
        if chat.type == "private":
            return None
        return thread_id if thread_id in chat.messages else None

    def _reply_target(self, chat: ChatState, params: JsonDict) -> JsonDict | None:
        reply = params.get("reply_parameters")
        target_chat = chat
        allow_missing = as_bool(params.get("allow_sending_without_reply", False))
        if isinstance(reply, dict):
            message_id = reply.get("message_id")
            allow_missing = as_bool(reply.get("allow_sending_without_reply", allow_missing))
            if reply.get("chat_id") is not None:
                target_chat = self._lookup_chat(reply.get("chat_id"))
        elif reply is not None:
            raise bad_request("can't parse reply parameters JSON object")
        else:
            message_id = params.get("reply_to_message_id")
        if message_id is None:
            return None
        try:
            target = target_chat.messages.get(int(message_id))
        except (TypeError, ValueError):
            target = None
        if target is None:
            if allow_missing:
                return None
            raise bad_request(e.REPLY_NOT_FOUND)
        return {k: v for k, v in target.items() if k != "reply_to_message"}

    # ------------------------------------------------------------------ internals: files

    def new_file(
        self,
        kind: str,
        data: bytes = b"",
        *,
        file_name: str | None = None,
        mime_type: str | None = None,
        url: str | None = None,
    ) -> StoredFile:
        """Keep a file as Telegram keeps one (uploaded, or at ``url``); returns it with a new file_id."""
        number = next(self._file_counter)
        stored = StoredFile(
            file_id=f"{FILE_ID_PREFIX.get(kind, 'BQACAgIAAxkBAA')}{number:07d}{secrets.token_urlsafe(9)}",
            file_unique_id=f"AgAD{number:07d}",
            kind=kind,
            data=data,
            file_name=file_name,
            mime_type=mime_type,
            url=url,
        )
        self._files[stored.file_id] = stored
        return stored

    def file_data(self, file_id: str) -> bytes | None:
        """The bytes of a file the fake holds (e.g. what the bot uploaded as a photo or document)."""
        stored = self._files.get(file_id)
        return stored.data if stored is not None else None

    def new_photo(self, data: bytes) -> list[JsonDict]:
        """Register a photo in three sizes; returns the PhotoSize list (largest last)."""
        sizes: list[JsonDict] = []
        for width, height in ((90, 67), (320, 240), (1280, 960)):
            stored = self.new_file("photo", data, mime_type="image/jpeg")
            stored.extra["sizes"] = sizes
            sizes.append(
                {
                    "file_id": stored.file_id,
                    "file_unique_id": stored.file_unique_id,
                    "file_size": len(data),
                    "width": width,
                    "height": height,
                }
            )
        return sizes

    def _input_file(
        self, params: JsonDict, files: dict[str, UploadedFile], name: str, kind: str | None = None
    ) -> StoredFile:
        """The file a send method names in ``name``: an upload, a known file_id or a URL."""
        kind = kind or name
        value = params.get(name)
        upload: UploadedFile | None = None
        if value is None and name in files:
            upload = files[name]
        elif isinstance(value, str) and value.startswith("attach://"):
            upload = files.get(value[len("attach://") :])
            if upload is None:
                raise bad_request(f"there is no {name} in the request")
        elif isinstance(value, str) and value:
            if value.startswith(("http://", "https://")):
                if kind == "photo":
                    return self._files[self.new_photo(b"")[-1]["file_id"]]
                return self.new_file(kind, url=value, file_name=value.rsplit("/", 1)[-1] or None)
            stored = self._files.get(value)
            if stored is None:
                raise bad_request(e.FILE_ID_INVALID)
            return stored
        else:
            raise bad_request(f"there is no {name} in the request")
        if not upload.data:
            raise bad_request(e.FILE_EMPTY)
        if len(upload.data) > MAX_UPLOAD_SIZE:
            # Bots may upload at most 50 MB per file; the official server refuses the request as a whole.
            raise ApiError(413, e.default_description(413))
        if kind == "photo":
            return self._files[self.new_photo(upload.data)[-1]["file_id"]]
        mime_type = upload.content_type
        if not mime_type or mime_type == "application/octet-stream":
            mime_type = mimetypes.guess_type(upload.filename or "")[0] or mime_type
        return self.new_file(kind, upload.data, file_name=upload.filename, mime_type=mime_type)

    def media_content(self, kind: str, stored: StoredFile) -> JsonDict:
        """The Message fields that carry ``stored`` as ``kind`` (e.g. ``{"document": {...}}``)."""
        if kind == "photo":
            sizes = stored.extra.get("sizes")
            if sizes is None:
                sizes = self._photo_sizes_for(stored)
            return {"photo": sizes}
        base: JsonDict = {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id}
        if stored.data:
            base["file_size"] = len(stored.data)
        if kind in ("document", "video", "audio", "animation"):
            if stored.file_name:
                base["file_name"] = stored.file_name
            if stored.mime_type:
                base["mime_type"] = stored.mime_type
        if kind in ("video", "animation"):
            base.update(width=640, height=360, duration=stored.extra.get("duration", 5))
        elif kind == "audio":
            base["duration"] = stored.extra.get("duration", 120)
        elif kind == "voice":
            base["duration"] = stored.extra.get("duration", 3)
            base["mime_type"] = "audio/ogg"
        elif kind == "sticker":
            base.update(type="regular", width=512, height=512, is_animated=False, is_video=False)
            if "emoji" in stored.extra:
                base["emoji"] = stored.extra["emoji"]
        return {kind: base}

    def _photo_sizes_for(self, stored: StoredFile) -> list[JsonDict]:
        # A file uploaded through another kind (e.g. a document id sent as photo): give it sizes.
        sizes = [
            {
                "file_id": stored.file_id,
                "file_unique_id": stored.file_unique_id,
                "file_size": len(stored.data),
                "width": 1280,
                "height": 960,
            }
        ]
        stored.extra["sizes"] = sizes
        return sizes

    # ------------------------------------------------------------------ internals: messages

    def _store_bot_message(
        self,
        chat: ChatState,
        kind: str,
        content: JsonDict,
        *,
        method: str,
        thread_id: int | None = None,
        reply_to: JsonDict | None = None,
        markup: JsonDict | None = None,
        html: str | None = None,
        parse_mode: str | None = None,
        media_group_id: str | None = None,
        extra: JsonDict | None = None,
    ) -> BotMessage:
        now = self.clock()
        message_id = chat.take_message_id()
        raw: JsonDict = {"message_id": message_id}
        if chat.type == "channel":
            raw["sender_chat"] = chat.as_chat()
        else:
            raw["from"] = self.bot_user
        raw["chat"] = chat.as_chat()
        raw["date"] = int(now)
        if thread_id is not None:
            raw["message_thread_id"] = thread_id
            if chat.is_forum:
                raw["is_topic_message"] = True
        if reply_to is not None:
            raw["reply_to_message"] = reply_to
        if media_group_id is not None:
            raw["media_group_id"] = media_group_id
        if extra:
            raw.update(extra)
        raw.update(content)
        inline = inline_part(markup)
        if inline is not None:
            raw["reply_markup"] = inline
        message = BotMessage(
            message_id=message_id,
            chat_id=chat.id,
            kind=kind,
            raw=raw,
            method=method,
            thread_id=thread_id,
            html=html,
            parse_mode=parse_mode,
            reply_markup=markup,
            media_group_id=media_group_id,
            reply_to_message_id=reply_to["message_id"] if reply_to else None,
            index=len(self._sent),
            sent_at=now,
        )
        self._fill_from_raw(message)
        chat.messages[message_id] = raw
        chat.bot_messages[message_id] = message
        chat.inbox.append(message)
        self._sent.append(message)
        self._notify(chat)
        return message

    def _fill_from_raw(self, message: BotMessage) -> None:
        raw = message.raw
        if "text" in raw:
            message.text = raw["text"]
            message.entities = list(raw.get("entities", []))
            message.caption = None
        else:
            message.caption = raw.get("caption")
            message.text = message.caption
            message.entities = list(raw.get("caption_entities", []))
        if "photo" in raw:
            message.photo = raw["photo"][-1]["file_id"]
            message.file_id = message.photo
        for kind in ("document", "video", "audio", "voice", "animation", "sticker"):
            if kind in raw:
                message.file_id = raw[kind]["file_id"]
                if kind == "document":
                    stored = self._files.get(message.file_id)
                    message.document_name = raw[kind].get("file_name")
                    message.document_bytes = stored.data if stored is not None else None
        if "location" in raw:
            message.location = raw["location"]
        if "venue" in raw:
            message.venue = raw["venue"]
        if "poll" in raw:
            message.poll = raw["poll"]
            message.text = raw["poll"]["question"]

    def _notify(self, chat: ChatState) -> None:
        if chat.waiters:
            waiters, chat.waiters = chat.waiters, []
            for waiter in waiters:
                if not waiter.done():
                    waiter.set_result(None)
        if self._global_waiters:
            waiters, self._global_waiters = self._global_waiters, []
            for waiter in waiters:
                if not waiter.done():
                    waiter.set_result(None)

    async def wait_chat_change(self, chat: ChatState, deadline: float) -> bool:
        """Wait until something happens in ``chat`` (new, edited or deleted bot message)."""
        loop = asyncio.get_running_loop()
        remaining = deadline - loop.time()
        if remaining <= 0:
            return False
        waiter: asyncio.Future[None] = loop.create_future()
        chat.waiters.append(waiter)
        try:
            await asyncio.wait_for(waiter, remaining)
        except TimeoutError:
            return False
        return True

    async def _wait_any_change(self, seconds: float) -> None:
        loop = asyncio.get_running_loop()
        waiter: asyncio.Future[None] = loop.create_future()
        self._global_waiters.append(waiter)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(waiter, seconds)

    def _edit(self, message: BotMessage, method: str, changes: JsonDict, markup: JsonDict | None) -> JsonDict:
        message.edits.append(
            {
                "method": method,
                "text": message.text,
                "html": message.html,
                "entities": message.entities,
                "caption": message.caption,
                "reply_markup": message.reply_markup,
                "raw": message.raw,
                "at": self.clock(),
            }
        )
        raw = {k: v for k, v in message.raw.items() if k != "reply_markup"}
        for key, value in changes.items():
            if value is None:
                raw.pop(key, None)
            else:
                raw[key] = value
        raw["edit_date"] = int(self.clock())
        inline = inline_part(markup)
        if inline is not None:
            raw["reply_markup"] = inline
        message.raw = raw
        message.reply_markup = markup
        self._fill_from_raw(message)
        chat = self._chats[message.chat_id]
        chat.messages[message.message_id] = raw
        self._notify(chat)
        return raw

    # ------------------------------------------------------------------ internals: updates

    def queue_update(self, kind: str, payload: JsonDict) -> int:
        """Queue an update of ``kind`` for the bot; returns its update_id."""
        update_id = self._next_update_id
        self._next_update_id += 1
        self.last_update_id = update_id
        update = {"update_id": update_id, kind: payload}
        if self.validate_updates:
            _validate_update(update)
        if kind not in self._allowed_updates:
            # Telegram filters by allowed_updates when an update is created, not when it is delivered.
            self.stats.updates_dropped += 1
            return update_id
        self._updates.append((update_id, kind, _dumps(update)))
        self.stats.updates_queued += 1
        if self._poller is not None:
            self._poller.event.set()
        return update_id

    def user_message(
        self,
        user: ScriptedUser,
        chat: ChatState,
        content: JsonDict,
        *,
        thread_id: int | None = None,
        reply_to: JsonDict | None = None,
        media_group_id: str | None = None,
        edited_kind: str = "message",
    ) -> JsonDict:
        """``user`` writes ``content`` (the Message fields: ``text``, ``photo``, ...) in ``chat``: the message
        is kept in the chat and queued as an ``edited_kind`` update; returns the Message dict."""
        message_id = chat.take_message_id()
        raw: JsonDict = {
            "message_id": message_id,
            "from": user.as_user(),
            "chat": chat.as_chat(),
            "date": int(self.clock()),
        }
        if thread_id is not None:
            raw["message_thread_id"] = thread_id
            if chat.is_forum:
                raw["is_topic_message"] = True
        if reply_to is not None:
            raw["reply_to_message"] = {k: v for k, v in reply_to.items() if k != "reply_to_message"}
        if media_group_id is not None:
            raw["media_group_id"] = media_group_id
        raw.update(content)
        chat.messages[message_id] = raw
        self.queue_update(edited_kind, raw)
        return raw

    def new_callback(
        self,
        user: ScriptedUser,
        chat: ChatState,
        message: JsonDict | None,
        message_id: int,
        data: str,
    ) -> PendingCallback:
        """``user`` presses a button with ``data`` under a message in ``chat``: a ``callback_query`` update.

        ``message`` is the Message the query carries (``None``: a stub with only chat and id).
        """
        query_id = str(self._callback_base + next(self._callback_counter))
        if message is None:
            message = {"chat": chat.as_chat(), "message_id": message_id, "date": 0}
        payload = {
            "id": query_id,
            "from": user.as_user(),
            "message": message,
            "chat_instance": str(zlib.crc32(f"{self.bot_id}:{chat.id}".encode()) * 7919),
            "data": data,
        }
        future: asyncio.Future[CallbackResult] = asyncio.get_running_loop().create_future()
        pending = PendingCallback(query_id, self.clock(), future, chat.id, message_id, data)
        self._callbacks[query_id] = pending
        self.queue_update("callback_query", payload)
        return pending

    def chat_member_update(self, chat: ChatState, actor: ScriptedUser, old: str, new: str) -> int:
        """The bot's status in ``chat`` went from ``old`` to ``new`` by ``actor``: a ``my_chat_member`` update."""

        def member(status: str) -> JsonDict:
            value: JsonDict = {"status": status, "user": self.bot_user}
            if status == "kicked":
                value["until_date"] = 0
            if status == "administrator":
                value.update(ADMIN_RIGHTS)
            return value

        payload = {
            "chat": chat.as_chat(),
            "from": actor.as_user(),
            "date": int(self.clock()),
            "old_chat_member": member(old),
            "new_chat_member": member(new),
        }
        return self.queue_update("my_chat_member", payload)

    def vote(self, user: ScriptedUser, message: BotMessage, option_ids: list[int]) -> None:
        """``user`` votes in the bot's poll (``[]`` takes the vote back): a ``poll`` update, and a
        ``poll_answer`` one unless the poll is anonymous. What Telegram's clients forbid is an AssertionError."""
        if message.poll is None:
            raise AssertionError(f"message {message.summary()} is not a poll")
        state = self._polls[message.poll["id"]]
        poll = state.poll
        if poll["is_closed"]:
            raise AssertionError("the poll is closed")
        if len(option_ids) > 1 and not poll["allows_multiple_answers"]:
            raise AssertionError("the poll allows one answer only")
        if any(not 0 <= option < len(poll["options"]) for option in option_ids):
            raise AssertionError(f"option ids out of range: {option_ids}")
        previous = state.votes.get(user.id)
        if previous and not poll.get("allows_revoting", True):
            raise AssertionError("the poll does not allow changing a vote")
        counts = [option["voter_count"] for option in poll["options"]]
        for option in previous or []:
            counts[option] -= 1
        for option in option_ids:
            counts[option] += 1
        if option_ids:
            state.votes[user.id] = list(option_ids)
        else:
            state.votes.pop(user.id, None)
        new_poll = dict(poll)
        new_poll["options"] = [
            {**option, "voter_count": count} for option, count in zip(poll["options"], counts, strict=True)
        ]
        new_poll["total_voter_count"] = len(state.votes)
        self._set_poll(state, new_poll)
        self.queue_update("poll", new_poll)
        if not poll["is_anonymous"]:
            self.queue_update(
                "poll_answer",
                {
                    "poll_id": poll["id"],
                    "user": user.as_user(),
                    "option_ids": list(option_ids),
                    "option_persistent_ids": [poll["options"][o]["persistent_id"] for o in option_ids],
                },
            )

    def _set_poll(self, state: _PollState, poll: JsonDict) -> None:
        state.poll = poll
        chat = self._chats[state.chat_id]
        message = chat.bot_messages.get(state.message_id)
        if message is not None:
            message.raw = {**message.raw, "poll": poll}
            chat.messages[state.message_id] = message.raw
            message.poll = poll

    # ------------------------------------------------------------------ HTTP layer

    async def _read_params(self, request: web.Request) -> tuple[JsonDict, dict[str, UploadedFile]]:
        raw: JsonDict = dict(request.query)
        files: dict[str, UploadedFile] = {}
        if request.method == "POST" and request.can_read_body:
            content_type = request.content_type
            if content_type == "application/json":
                body = await request.json()
                if isinstance(body, dict):
                    return {**{k: _decode(k, v) for k, v in raw.items()}, **body}, files
            else:
                form = await request.post()
                for key, value in form.items():
                    if isinstance(value, web.FileField):
                        files[key] = UploadedFile(value.filename, value.content_type, value.file.read())
                    else:
                        raw[key] = value
        return {key: _decode(key, value) for key, value in raw.items()}, files

    async def _handle_api(self, request: web.Request) -> web.StreamResponse:
        token = request.match_info["token"]
        method_name = request.match_info["method"]
        if token != self.token:
            return _error_response(ApiError(401, e.UNAUTHORIZED))
        lowered = method_name.lower()
        try:
            params, files = await self._read_params(request)
        except (ValueError, json.JSONDecodeError):
            params, files = {}, {}
        sync_entry = self._methods.get(lowered)
        async_entry = self._async_methods.get(lowered)
        canonical = sync_entry[0] if sync_entry else async_entry[0] if async_entry else method_name
        record = RecordedRequest(canonical, params, files, True, None, self.clock())
        if self.record_requests:
            self.requests.append(record)
        self.stats.requests[canonical] += 1
        if self._request_waiters:
            waiters, self._request_waiters = self._request_waiters, []
            for waiter in waiters:
                if not waiter.done():
                    waiter.set_result(None)
        if sync_entry is None and async_entry is None:
            return self._refuse(record, ApiError(404, e.NOT_FOUND))

        fault = self._take_fault(lowered, params)
        try:
            if fault is not None:
                self.stats.injected_faults += 1
                if fault.error == "timeout":
                    return await self._timeout_fault(record, fault, lowered, params, files)
                raise _fault_error(fault)
            if self.rate_limit and lowered in SEND_METHODS:
                self._check_rate_limit(params)
            if async_entry is not None:
                result = await async_entry[1](params, files)
            else:
                assert sync_entry is not None
                result = sync_entry[1](params, files)
        except ApiError as error:
            return self._refuse(record, error)
        except Exception as exc:  # a bug in the fake, or parameters it cannot read: never hang the bot
            self.internal_errors.append(traceback.format_exc())
            return self._refuse(record, ApiError(500, f"Internal Server Error: fake_telegram: {exc!r}"))
        if isinstance(result, web.StreamResponse):
            return result
        return _ok_response(result)

    async def _timeout_fault(
        self,
        record: RecordedRequest,
        fault: _Fault,
        lowered: str,
        params: JsonDict,
        files: dict[str, UploadedFile],
    ) -> web.StreamResponse:
        result: Any = None
        error: ApiError | None = None
        if fault.deliver:
            entry = self._methods.get(lowered)
            try:
                if entry is not None:
                    result = entry[1](params, files)
                else:
                    result = await self._async_methods[lowered][1](params, files)
            except ApiError as exc:
                error = exc
        record.ok = False
        record.error = "timeout (delivered)" if fault.deliver and error is None else "timeout"
        self.refused.append(record)
        self.stats.errors[record.method] += 1
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), fault.delay)
        if error is not None:
            return _error_response(error)
        if fault.deliver:
            return _ok_response(result)
        return _error_response(ApiError(502, "Bad Gateway"))

    def _refuse(self, record: RecordedRequest, error: ApiError) -> web.Response:
        record.ok = False
        record.error = error.description
        record.error_code = error.code
        self.refused.append(record)
        self.stats.errors[record.method] += 1
        self.stats.error_codes[error.code] += 1
        return _error_response(error)

    def _take_fault(self, lowered: str, params: JsonDict) -> _Fault | None:
        faults = self._faults.get(lowered)
        if not faults:
            chance = self._random_faults.get(lowered)
            return chance.draw() if chance is not None else None
        chat_id = params.get("chat_id")
        for fault in faults:
            if fault.chat_id is None or fault.chat_id == str(chat_id):
                fault.times -= 1
                if fault.times <= 0:
                    faults.remove(fault)
                return fault
        return None

    def _check_rate_limit(self, params: JsonDict) -> None:
        now = self.clock()
        limits = self.rate_limits
        if params.get("allow_paid_broadcast") is True:
            if self._paid_rate_bucket is None:
                self._paid_rate_bucket = TokenBucket(limits.paid_per_second, limits.paid_burst, now)
            bucket = self._paid_rate_bucket
        else:
            if self._bot_rate_bucket is None:
                self._bot_rate_bucket = TokenBucket(limits.global_per_second, limits.global_burst, now)
            bucket = self._bot_rate_bucket
        chat: ChatState | None = None
        try:
            chat = self._chats.get(int(params.get("chat_id")))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            chat = None
        waits = [bucket.wait_time(now)]
        if chat is not None:
            if chat.bucket is None:
                if chat.type == "private":
                    chat.bucket = TokenBucket(limits.chat_per_second, limits.chat_burst, now)
                else:
                    chat.bucket = TokenBucket(limits.group_per_minute / 60.0, limits.group_burst, now)
            waits.append(chat.bucket.wait_time(now))
        wait = max(waits)
        if wait > 0:
            self.stats.rate_limited += 1
            raise too_many_requests(max(1, math.ceil(wait)))
        bucket.take()
        if chat is not None and chat.bucket is not None:
            chat.bucket.take()

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return _error_response(ApiError(401, e.UNAUTHORIZED))
        stored = self._files_by_path.get(request.match_info["path"])
        if stored is None:
            return _error_response(ApiError(404, e.NOT_FOUND))
        return web.Response(body=stored.data, content_type=stored.mime_type or "application/octet-stream")

    # ------------------------------------------------------------------ control API (/_fake/...)

    async def _control_message(self, request: web.Request) -> web.Response:
        body = await request.json()
        user = self.user(
            int(body["user_id"]),
            first_name=body.get("first_name"),
            last_name=body.get("last_name"),
            username=body.get("username"),
            language_code=body.get("language_code"),
        )
        message = await user.send(str(body["text"]))
        return _plain_json({"ok": True, "update_id": self.last_update_id, "message_id": message["message_id"]})

    async def _control_callback(self, request: web.Request) -> web.Response:
        body = await request.json()
        user = self.user(int(body["user_id"]))
        chat_id = int(body.get("chat_id", user.id))
        chat = self._chats.get(chat_id)
        if chat is None:
            return _plain_json({"ok": False, "description": "unknown chat"}, status=404)
        message_id = int(body["message_id"])
        pending = self.new_callback(user, chat, chat.messages.get(message_id), message_id, str(body["data"]))
        result: JsonDict = {"ok": True, "update_id": self.last_update_id, "callback_query_id": pending.query_id}
        if body.get("wait"):
            try:
                answer = await asyncio.wait_for(asyncio.shield(pending.future), float(body.get("timeout", 5.0)))
                result["answer"] = {"text": answer.text, "show_alert": answer.show_alert, "answered": True}
            except TimeoutError:
                result["answer"] = {"answered": False}
        return _plain_json(result)

    async def _control_block(self, request: web.Request) -> web.Response:
        body = await request.json()
        user = self.user(int(body["user_id"]))
        if body.get("blocked", True):
            await user.block()
        else:
            await user.unblock()
        return _plain_json({"ok": True})

    async def _control_sent(self, request: web.Request) -> web.Response:
        """Bot messages with index > after_index (index = position in the chat's or global list).

        ``timeout`` (seconds) waits for at least one such message.
        """
        chat_param = request.query.get("chat_id")
        after = int(request.query.get("after_index", "-1"))
        timeout = float(request.query.get("timeout", "0"))
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            if chat_param is not None:
                chat = self._chats.get(int(chat_param))
                messages = chat.inbox if chat is not None else []
            else:
                messages = self._sent
            start = max(after + 1, 0)
            if len(messages) > start or timeout <= 0:
                break
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0 or self._stopping.is_set():
                break
            await self._wait_any_change(remaining)
        items = [_message_json(message, start + i) for i, message in enumerate(messages[start:])]
        return _plain_json({"ok": True, "messages": items, "count": len(messages)})

    async def _control_stats(self, request: web.Request) -> web.Response:
        stats = self.stats.as_dict()
        stats["pending_updates"] = len(self._updates)
        stats["sent_messages"] = len(self._sent)
        return _plain_json(stats)

    # ------------------------------------------------------------------ Bot API methods

    def _method_table(self) -> dict[str, Handler]:
        return {
            "getMe": self._get_me,
            "logOut": self._true,
            "close": self._true,
            "deleteWebhook": self._delete_webhook,
            "setWebhook": self._set_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "setMyDescription": self._set_bot_setting("description", 512),
            "setMyShortDescription": self._set_bot_setting("short_description", 120),
            "setMyName": self._set_bot_setting("name", 64),
            "setChatMenuButton": self._set_chat_menu_button,
            "sendMessage": self._send_message,
            "sendPhoto": self._send_media("photo"),
            "sendDocument": self._send_media("document"),
            "sendVideo": self._send_media("video"),
            "sendAudio": self._send_media("audio"),
            "sendVoice": self._send_media("voice"),
            "sendAnimation": self._send_media("animation"),
            "sendSticker": self._send_media("sticker"),
            "sendMediaGroup": self._send_media_group,
            "sendLocation": self._send_location,
            "sendVenue": self._send_venue,
            "sendContact": self._send_contact,
            "sendChatAction": self._send_chat_action,
            "copyMessage": self._copy_message,
            "forwardMessage": self._forward_message,
            "editMessageText": self._edit_message_text,
            "editMessageCaption": self._edit_message_caption,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "deleteMessage": self._delete_message,
            "pinChatMessage": self._pin_chat_message,
            "unpinChatMessage": self._unpin_chat_message,
            "answerCallbackQuery": self._answer_callback_query,
            "getChat": self._get_chat,
            "getChatMember": self._get_chat_member,
            "getChatAdministrators": self._get_chat_administrators,
            "getChatMemberCount": self._get_chat_member_count,
            "banChatMember": self._ban_chat_member,
            "unbanChatMember": self._unban_chat_member,
            "createForumTopic": self._create_forum_topic,
            "sendPoll": self._send_poll,
            "stopPoll": self._stop_poll,
            "getFile": self._get_file,
        }

    def _true(self, params: JsonDict, files: dict[str, UploadedFile]) -> bool:
        return True

    def _get_me(self, params: JsonDict, files: dict[str, UploadedFile]) -> JsonDict:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    def _delete_webhook(self, params: JsonDict, files: dict[str, UploadedFile]) -> bool:
        self.webhook_url = ""
        if as_bool(params.get("drop_pending_updates", False)):
            self._updates.clear()
        return True

    def _set_webhook(self, params: JsonDict, files: dict[str, UploadedFile]) -> bool:
        url = str(params.get("url") or "")
        if url and not url.startswith("https://"):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        self.webhook_url = url
        if self._poller is not None:
            self._poller.conflicted = True
            self._poller.event.set()
        if as_bool(params.get("drop_pending_updates", False)):
            self._updates.clear()
        return True

    def _get_webhook_info(self, params: JsonDict, files: dict[str, UploadedFile]) -> JsonDict:
        return {"url": self.webhook_url, "has_custom_certificate": False, "pending_update_count": len(self._updates)}

    def _commands_key(self, params: JsonDict) -> tuple[str, str]:
        scope = params.get("scope")
        language = params.get("language_code") or ""
        if not isinstance(language, str) or (
            language and not (len(language) == 2 and language.isascii() and language.isalpha())
        ):
            raise bad_request(e.LANGUAGE_CODE_INVALID)
        if scope is None:
            return ("default", language)
        if not isinstance(scope, dict) or scope.get("type") not in COMMAND_SCOPES:
            raise bad_request("can't parse BotCommandScope JSON object")
        if scope.get("chat_id") is not None:
            chat = self._lookup_chat(scope["chat_id"])
            if chat.type == "private" and scope["type"] != "chat":
                raise bad_request("can't use specified scope in private chats")
        if set(scope) == {"type"}:
            return (str(scope["type"]), language)
        return (json.dumps(scope, sort_keys=True, separators=(",", ":")), language)

    def _set_my_commands(self, params: JsonDict, files: dict[str, UploadedFile]) -> bool:
        commands = params.get("commands", [])
        if not isinstance(commands, list):
            raise bad_request("can't parse commands JSON object")
        key = self._commands_key(params)
        if len(commands) > 100:
            raise bad_request(e.BOT_COMMANDS_TOO_MUCH)
        checked: list[dict[str, str]] = []
        for command in commands:
            if not isinstance(command, dict):
                raise bad_request("can't parse BotCommand: expected an Object")
            name = command.get("command")
            description = command.get("description")
            if not isinstance(name, str) or not name:
                raise bad_request(e.COMMAND_EMPTY)
            if name.startswith("/"):
                name = name[1:]
            if len(name) > 32:
                raise bad_request(e.COMMAND_TOO_LONG)
            if not name or not all(c.isascii() and (c.islower() or c.isdigit() or c == "_") for c in name):
                raise bad_request(e.BOT_COMMAND_INVALID)
            if not isinstance(description, str) or not description.strip():
                raise bad_request(e.COMMAND_DESCRIPTION_EMPTY)
            if len(description) > 256:
                raise bad_request(e.COMMAND_DESCRIPTION_TOO_LONG)
            checked.append({"command": name, "description": description})
        if checked:
            self.commands[key] = checked
        else:
            self.commands.pop(key, None)
        return True

    def _get_my_commands(self, params: JsonDict, files: dict[str, UploadedFile]) -> list[dict[str, str]]:
        return list(self.commands.get(self._commands_key(params), []))

    def _delete_my_commands(self, params: JsonDict, files: dict[str, UploadedFile]) -> bool:
        self.commands.pop(self._commands_key(params), None)
        return True

    def _set_bot_setting(self, name: str, limit: int) -> Handler:
        def handler(params: JsonDict, files: dict[str, UploadedFile]) -> bool:
            value = params.get(name) or ""
            if not isinstance(value, str) or len(value) > limit:
                raise bad_request(f"{name} is too long")
            self.bot_settings[(name, str(params.get("language_code") or ""))] = value
            return True

        return handler

    def _set_chat_menu_button(self, params: JsonDict, files: dict[str, UploadedFile]) -> bool:
        if params.get("chat_id") is not None:
            self._lookup_chat(params["chat_id"])
        self.bot_settings[("menu_button", str(params.get("chat_id") or ""))] = params.get("menu_button")
        return True

    def _formatted(self, params: JsonDict, text_key: str, entities_key: str) -> tuple[str, list[JsonDict]]:
        raw = params.get(text_key)
        if raw is None:
            return "", []
        return format_text(
            str(raw), params.get("parse_mode"), params.get(entities_key), strict_ampersand=self.strict_ampersand
        )

    def _send_message(self, params: JsonDict, files: dict[str, UploadedFile]) -> JsonDict:
        chat = self._chat_for_send(params)
        raw_text = params.get("text")
        if raw_text is None or raw_text == "":
            raise bad_request(e.TEXT_EMPTY)
        text, entities = self._formatted(params, "text", "entities")
        if not text:
            raise bad_request(e.TEXT_MUST_BE_NON_EMPTY)
        check_length(text, TEXT_LIMIT, e.TEXT_TOO_LONG)
        thread_id = self._thread(chat, params)
        markup = parse_reply_markup(params.get("reply_markup"))
        reply_to = self._reply_target(chat, params)
        content: JsonDict = {"text": text}
        if entities:
            content["entities"] = entities
        message = self._store_bot_message(
            chat,
            "text",
            content,
            method="sendMessage",
            thread_id=thread_id,
            reply_to=reply_to,
            markup=markup,
            html=str(raw_text),
            parse_mode=params.get("parse_mode"),
        )
        return message.raw

    def _caption(self, params: JsonDict) -> JsonDict:
        text, entities = self._formatted(params, "caption", "caption_entities")
        check_length(text, CAPTION_LIMIT, e.CAPTION_TOO_LONG)
        content: JsonDict = {}
        if text:
            content["caption"] = text
            if entities:
                content["caption_entities"] = entities
        return content

    def _send_media(self, kind: str) -> Handler:
        method = "send" + kind.capitalize()

        def handler(params: JsonDict, files: dict[str, UploadedFile]) -> JsonDict:
            chat = self._chat_for_send(params)
            thread_id = self._thread(chat, params)
            caption = self._caption(params) if kind not in ("sticker",) else {}
            markup = parse_reply_markup(params.get("reply_markup"))
            reply_to = self._reply_target(chat, params)
            stored = self._input_file(params, files, kind)
            if kind == "sticker" and isinstance(params.get("emoji"), str):
                stored.extra["emoji"] = params["emoji"]
            content = self.media_content(kind, stored)
            content.update(caption)
            if kind == "photo" and as_bool(params.get("has_spoiler", False)):
                content["has_media_spoiler"] = True
            message = self._store_bot_message(
                chat,
                kind,
                content,
                method=method,
                thread_id=thread_id,
                reply_to=reply_to,
                markup=markup,
                html=params.get("caption"),
                parse_mode=params.get("parse_mode"),
            )
            return message.raw

        return handler

    def _send_media_group(self, params: JsonDict, files: dict[str, UploadedFile]) -> list[JsonDict]:
        chat = self._chat_for_send(params)
        media = params.get("media")
        if media is None:
            raise bad_request('parameter "media" is required')
        if not isinstance(media, list) or not media:
            raise bad_request(e.ALBUM_EMPTY)
        if len(media) > 10:
            raise bad_request(e.ALBUM_TOO_BIG)
        if len(media) == 1 and not self.allow_single_item_album:
            raise bad_request(
                "media group must have 2-10 items (the fake refuses 1; Telegram would send it as a single message)"
            )
        kinds: list[str] = []
        for item in media:
            if not isinstance(item, dict) or item.get("type") not in ("photo", "video", "document", "audio"):
                kind = item.get("type") if isinstance(item, dict) else None
                raise bad_request(f"can't parse InputMedia: type \"{kind}\" can't be used in sendMediaGroup")
            kinds.append(str(item["type"]))
        if "document" in kinds and any(k != "document" for k in kinds):
            raise bad_request(e.ALBUM_DOCUMENTS_MIXED)
        if "audio" in kinds and any(k != "audio" for k in kinds):
            raise bad_request(e.ALBUM_AUDIO_MIXED)
        thread_id = self._thread(chat, params)
        reply_to = self._reply_target(chat, params)
        prepared: list[tuple[str, JsonDict, JsonDict]] = []
        for position, item in enumerate(media, start=1):
            value = item.get("media")
            if isinstance(value, str) and value.startswith("attach://") and value[9:] not in files:
                raise bad_request(e.ALBUM_MEDIA_NOT_FOUND)
            caption_params = {
                "caption": item.get("caption"),
                "parse_mode": item.get("parse_mode"),
                "caption_entities": item.get("caption_entities"),
            }
            caption = self._caption(caption_params)
            kind = str(item["type"])
            try:
                stored = self._input_file({"media": value}, files, "media", kind)
            except ApiError as error:
                reason = error.description.removeprefix("Bad Request: ")
                reason = reason[:1].upper() + reason[1:]
                raise bad_request(f'failed to send message #{position} with the error message "{reason}"') from None
            content = self.media_content(kind, stored)
            content.update(caption)
            prepared.append((kind, content, caption_params))
        group_id = None
        if len(prepared) > 1:
            group_id = str(13_000_000_000_000_000 + next(self._media_group_counter))
        result: list[JsonDict] = []
        for index, (_kind, content, caption_params) in enumerate(prepared):
            message = self._store_bot_message(
                chat,
                "media_group_item",
                content,
                method="sendMediaGroup",
                thread_id=thread_id,
                reply_to=reply_to if index == 0 else None,
                html=caption_params["caption"],
                parse_mode=caption_params["parse_mode"],
                media_group_id=group_id,
            )
            result.append(message.raw)
        return result

    def _location(self, params: JsonDict) -> JsonDict:
        latitude = as_float(params.get("latitude"), "latitude")
        longitude = as_float(params.get("longitude"), "longitude")
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise bad_request("wrong location specified")  # TDLib: "Wrong location specified"
        location: JsonDict = {"latitude": latitude, "longitude": longitude}
        if params.get("horizontal_accuracy") is not None:
            location["horizontal_accuracy"] = float(params["horizontal_accuracy"])
        if params.get("live_period") is not None:
            location["live_period"] = int(params["live_period"])
        return location

    def _send_location(self, params: JsonDict, files: dict[str, UploadedFile]) -> JsonDict:
        chat = self._chat_for_send(params)
        location = self._location(params)
        thread_id = self._thread(chat, params)
        markup = parse_reply_markup(params.get("reply_markup"))
        reply_to = self._reply_target(chat, params)
        message = self._store_bot_message(
            chat,
            "location",
            {"location": location},
            method="sendLocation",
            thread_id=thread_id,
            reply_to=reply_to,
            markup=markup,
        )
        return message.raw

    def _send_venue(self, params: JsonDict, files: dict[str, UploadedFile]) -> JsonDict:
        chat = self._chat_for_send(params)
        location = self._location(params)
        title = str(required(params, "title"))
        address = str(required(params, "address"))
        thread_id = self._thread(chat, params)
        markup = parse_reply_markup(params.get("reply_markup"))
        reply_to = self._reply_target(chat, params)
        venue: JsonDict = {"location": location, "title": title, "address": address}
        for key in ("foursquare_id", "foursquare_type", "google_place_id", "google_place_type"):
            if params.get(key):
                venue[key] = params[key]
        message = self._store_bot_message(
            chat,
            "venue",
            {"venue": venue, "location": location},
            method="sendVenue",
            thread_id=thread_id,
            reply_to=reply_to,
            markup=markup,
        )
        return message.raw

    def _send_contact(self, params: JsonDict, files: dict[str, UploadedFile]) -> JsonDict:
        chat = self._chat_for_send(params)
        contact: JsonDict = {
            "phone_number": str(required(params, "phone_number")),
            "first_name": str(required(params, "first_name")),
        }
        if params.get("last_name"):
            contact["last_name"] = params["last_name"]
        thread_id = self._thread(chat, params)
        markup = parse_reply_markup(params.get("reply_markup"))
        reply_to = self._reply_target(chat, params)
        message = self._store_bot_message(
            chat,
            "contact",
            {"contact": contact},
            method="sendContact",
            thread_id=thread_id,
            reply_to=reply_to,
            markup=markup,
        )
        return message.raw

    def _send_chat_action(self, params: JsonDict, files: dict[str, UploadedFile]) -> bool:
        chat = self._chat_for_send(params)
        action = params.get("action")
        if not isinstance(action, str) or action.lower() not in CHAT_ACTIONS:
            raise bad_request(e.CHAT_ACTION_INVALID)
        self._thread(chat, params)
        return True

    def _source_message(self, params: JsonDict, not_found: str) -> tuple[ChatState, JsonDict]:
        if params.get("from_chat_id") is None:
            raise bad_request('parameter "from_chat_id" is required')
        source_chat = self._lookup_chat(params.get("from_chat_id"))
        message_id = params.get("message_id")
        if message_id is None:
            raise bad_request(e.MESSAGE_ID_NOT_SPECIFIED)
        source = source_chat.messages.get(as_int(message_id, not_found))
        if source is None:
            raise bad_request(not_found)
        return source_chat, source

    def _copy_message(self, params: JsonDict, files: dict[str, UploadedFile]) -> JsonDict:
        chat = self._chat_for_send(params)
        source_chat, source = self._source_message(params, e.MESSAGE_TO_COPY_NOT_FOUND)
        content = {key: source[key] for key in CONTENT_KEYS if key in source}
        kind = _content_kind(content)
        if kind is None:
            raise bad_request(e.MESSAGE_CANT_BE_COPIED)
        html = content.get("text") if kind == "text" else content.get("caption")
        parse_mode = None
        if kind != "text" and "caption" in params:
            content.pop("caption", None)
            content.pop("caption_entities", None)
            content.update(self._caption(params))
            html = params.get("caption")
            parse_mode = params.get("parse_mode")
        thread_id = self._thread(chat, params)
        markup = parse_reply_markup(params.get("reply_markup"))
        reply_to = self._reply_target(chat, params)
        message = self._store_bot_message(
            chat,
            kind,
            content,
            method="copyMessage",
            thread_id=thread_id,
            reply_to=reply_to,
            markup=markup,
            html=html,
            parse_mode=parse_mode,
        )
        message.copied_from = (source_chat.id, int(source["message_id"]))
        return {"message_id": message.message_id}

    def _forward_message(self, params: JsonDict, files: dict[str, UploadedFile]) -> JsonDict:
        chat = self._chat_for_send(params)
        source_chat, source = self._source_message(params, e.MESSAGE_TO_FORWARD_NOT_FOUND)
        content = {key: source[key] for key in CONTENT_KEYS if key in source}
        kind = _content_kind(content)
        if kind is None:
            raise bad_request("the message can't be forwarded")
        if "forward_origin" in source:
            origin = source["forward_origin"]
        elif source_chat.type == "channel":
            origin = {
                "type": "channel",
                "chat": source_chat.as_chat(),
                "message_id": source["message_id"],
                "date": source["date"],
            }
        else:
            origin = {"type": "user", "sender_user": source["from"], "date": source["date"]}
        thread_id = self._thread(chat, params)
        message = self._store_bot_message(
            chat,
            kind,
            content,
            method="forwardMessage",
            thread_id=thread_id,
            html=content.get("text") or content.get("caption"),
            extra={"forward_origin": origin},
        )
        message.forwarded_from = (source_chat.id, int(source["message_id"]))
        return message.raw

    def _message_to_edit(self, params: JsonDict) -> tuple[ChatState, BotMessage]:
        if params.get("inline_message_id"):
            raise bad_request("MESSAGE_ID_INVALID")
        chat = self._lookup_chat(params.get("chat_id"))
        if params.get("message_id") is None:
            raise bad_request(e.MESSAGE_ID_NOT_SPECIFIED)
        message_id = as_int(params.get("message_id"), e.MESSAGE_TO_EDIT_NOT_FOUND)
        if message_id not in chat.messages:
            raise bad_request(e.MESSAGE_TO_EDIT_NOT_FOUND)
        message = chat.bot_messages.get(message_id)
        if message is None or message.deleted:
            raise bad_request(e.MESSAGE_CANT_BE_EDITED)
        return chat, message

    @staticmethod
    def _edit_markup(params: JsonDict) -> JsonDict | None:
        markup = parse_reply_markup(params.get("reply_markup"))
        if markup is not None and "inline_keyboard" not in markup:
            raise bad_request("inline keyboard expected")
        return markup

    def _edit_message_text(self, params: JsonDict, files: dict[str, UploadedFile]) -> JsonDict:
        _chat, message = self._message_to_edit(params)
        if "text" not in message.raw:
            raise bad_request(e.MESSAGE_NO_TEXT_TO_EDIT)
        raw_text = params.get("text")
        if raw_text is None or raw_text == "":
            raise bad_request(e.TEXT_EMPTY)
        text, entities = self._formatted(params, "text", "entities")
        if not text:
            raise bad_request(e.TEXT_MUST_BE_NON_EMPTY)
        check_length(text, TEXT_LIMIT, e.TEXT_TOO_LONG)
        markup = self._edit_markup(params)
        if (
            text == message.raw.get("text")
            and entities == message.raw.get("entities", [])
            and inline_part(markup) == message.raw.get("reply_markup")
        ):
            raise bad_request(e.MESSAGE_NOT_MODIFIED)
        raw = self._edit(message, "editMessageText", {"text": text, "entities": entities or None}, markup)
        message.html = str(raw_text)
        message.parse_mode = params.get("parse_mode")
        return raw

    def _edit_message_caption(self, params: JsonDict, files: dict[str, UploadedFile]) -> JsonDict:
        _chat, message = self._message_to_edit(params)
        if "text" in message.raw or _content_kind(message.raw) in (None, "location", "venue", "poll", "contact"):
            raise bad_request(e.MESSAGE_NO_CAPTION_TO_EDIT)
        caption = self._caption(params)
        markup = self._edit_markup(params)
        if (
            caption.get("caption") == message.raw.get("caption")
            and caption.get("caption_entities", []) == message.raw.get("caption_entities", [])
            and inline_part(markup) == message.raw.get("reply_markup")
        ):
            raise bad_request(e.MESSAGE_NOT_MODIFIED)
        changes = {"caption": caption.get("caption"), "caption_entities": caption.get("caption_entities")}
        raw = self._edit(message, "editMessageCaption", changes, markup)
        message.html = params.get("caption")
        message.parse_mode = params.get("parse_mode")
        return raw

    def _edit_message_reply_markup(self, params: JsonDict, files: dict[str, UploadedFile]) -> JsonDict:
        _chat, message = self._message_to_edit(params)
        markup = self._edit_markup(params)
        if inline_part(markup) == message.raw.get("reply_markup"):
            raise bad_request(e.MESSAGE_NOT_MODIFIED)
        return self._edit(message, "editMessageReplyMarkup", {}, markup)

    def _delete_message(self, params: JsonDict, files: dict[str, UploadedFile]) -> bool:
        chat = self._lookup_chat(params.get("chat_id"))
        if params.get("message_id") is None:
            raise bad_request(e.MESSAGE_ID_NOT_SPECIFIED)
        message_id = as_int(params.get("message_id"), e.MESSAGE_TO_DELETE_NOT_FOUND)
        raw = chat.messages.get(message_id)
        if raw is None:
            raise bad_request(e.MESSAGE_TO_DELETE_NOT_FOUND)
        message = chat.bot_messages.get(message_id)
        if message is None and chat.type != "private" and chat.bot_status not in ("administrator", "creator"):
            raise bad_request(e.MESSAGE_CANT_BE_DELETED)
        del chat.messages[message_id]
        if message is not None:
            message.deleted = True
        self._notify(chat)
        return True

    def _pin_chat_message(self, params: JsonDict, files: dict[str, UploadedFile]) -> bool:
        chat = self._lookup_chat(params.get("chat_id"))
        self._check_can_send(chat)
        message_id = as_int(params.get("message_id"), "message to pin not found")
        if message_id not in chat.messages:
            raise bad_request("message to pin not found")
        if chat.type != "private" and chat.bot_status not in ("administrator", "creator"):
            raise bad_request("not enough rights to manage pinned messages in the chat")
        return True

    def _unpin_chat_message(self, params: JsonDict, files: dict[str, UploadedFile]) -> bool:
        chat = self._lookup_chat(params.get("chat_id"))
        if params.get("message_id") is not None:
            message_id = as_int(params.get("message_id"), "message to unpin not found")
            if message_id not in chat.messages:
                raise bad_request("message to unpin not found")
        return True

    def _answer_callback_query(self, params: JsonDict, files: dict[str, UploadedFile]) -> bool:
        query_id = params.get("callback_query_id")
        if query_id is None:
            raise bad_request('parameter "callback_query_id" is required')
        pending = self._callbacks.get(str(query_id))
        if pending is None or pending.answered:
            raise bad_request(e.QUERY_INVALID)
        if self.clock() - pending.created_at > self.callback_answer_timeout:
            self._callbacks.pop(pending.query_id, None)
            raise bad_request(e.QUERY_INVALID)
        text = params.get("text")
        if text is not None and len(str(text)) > 200:
            raise bad_request(e.CALLBACK_ANSWER_TOO_LONG)
        pending.answered = True
        self._callbacks.pop(pending.query_id, None)
        if not pending.future.done():
            pending.future.set_result(
                CallbackResult(
                    text=None if text is None else str(text),
                    show_alert=as_bool(params.get("show_alert", False)),
                    answered=True,
                    url=params.get("url"),
                    query_id=pending.query_id,
                )
            )
        return True

    def _get_chat(self, params: JsonDict, files: dict[str, UploadedFile]) -> JsonDict:
        chat = self._lookup_chat(params.get("chat_id"))
        info: JsonDict = {
            **chat.as_chat(),
            "accent_color_id": chat.id % 7,
            "max_reaction_count": 11,
            "accepted_gift_types": dict(NO_GIFTS),
        }
        if chat.type != "private":
            info["permissions"] = {
                "can_send_messages": True,
                "can_send_audios": True,
                "can_send_documents": True,
                "can_send_photos": True,
                "can_send_videos": True,
                "can_send_video_notes": True,
                "can_send_voice_notes": True,
                "can_send_polls": True,
                "can_send_other_messages": True,
                "can_add_web_page_previews": True,
                "can_change_info": False,
                "can_invite_users": True,
                "can_pin_messages": False,
                "can_manage_topics": False,
            }
        return info

    def _member(self, chat: ChatState, user: JsonDict, status: str) -> JsonDict:
        member: JsonDict = {"status": status, "user": user}
        if status == "creator":
            member["is_anonymous"] = False
        elif status == "administrator":
            member.update(ADMIN_RIGHTS)
        elif status == "kicked":
            member["until_date"] = 0
        elif status == "restricted":
            member.update(
                is_member=True,
                can_send_messages=False,
                can_send_audios=False,
                can_send_documents=False,
                can_send_photos=False,
                can_send_videos=False,
                can_send_video_notes=False,
                can_send_voice_notes=False,
                can_send_polls=False,
                can_send_other_messages=False,
                can_add_web_page_previews=False,
                can_react_to_messages=False,
                can_edit_tag=False,
                can_change_info=False,
                can_invite_users=False,
                can_pin_messages=False,
                can_manage_topics=False,
                until_date=0,
            )
        return member

    def _get_chat_member(self, params: JsonDict, files: dict[str, UploadedFile]) -> JsonDict:
        chat = self._lookup_chat(params.get("chat_id"))
        user_id = as_int(params.get("user_id"), e.USER_ID_INVALID)
        if user_id == self.bot_id:
            status = "member" if chat.type == "private" else chat.bot_status
            return self._member(chat, self.bot_user, status)
        user = self._users.get(user_id)
        if user is None:
            raise bad_request(e.USER_NOT_FOUND)
        if chat.type == "private":
            if user_id != chat.id:
                raise bad_request("member not found")
            return self._member(chat, user.as_user(), "member")
        return self._member(chat, user.as_user(), chat.members.get(user_id, "left"))

    def _member_to_restrict(self, params: JsonDict) -> tuple[ChatState, int]:
        """A group member the bot may ban or unban, as Telegram checks it."""
        chat = self._lookup_chat(params.get("chat_id"))
        user_id = as_int(params.get("user_id"), e.USER_ID_INVALID)
        if chat.type == "private":
            raise bad_request("can't ban members in private chats")
        if chat.bot_status not in ("administrator", "creator"):
            raise bad_request("not enough rights to restrict/unrestrict chat member")
        if user_id not in self._users:
            raise bad_request(e.USER_NOT_FOUND)
        return chat, user_id

    def _ban_chat_member(self, params: JsonDict, files: dict[str, UploadedFile]) -> bool:
        chat, user_id = self._member_to_restrict(params)
        status = chat.members.get(user_id, "left")
        if status == "creator":
            raise bad_request("can't remove chat owner")
        if status == "administrator":
            raise bad_request("user is an administrator of the chat")
        chat.members[user_id] = "kicked"
        return True

    def _unban_chat_member(self, params: JsonDict, files: dict[str, UploadedFile]) -> bool:
        chat, user_id = self._member_to_restrict(params)
        status = chat.members.get(user_id, "left")
        if status == "kicked":
            chat.members[user_id] = "left"
        elif not params.get("only_if_banned") and status in ("member", "restricted"):
            chat.members[user_id] = "left"  # Telegram: unbanning a member removes them, unless only_if_banned
        return True

    def _get_chat_administrators(self, params: JsonDict, files: dict[str, UploadedFile]) -> list[JsonDict]:
        chat = self._lookup_chat(params.get("chat_id"))
        if chat.type == "private":
            raise bad_request(e.NO_ADMINS_IN_PRIVATE)
        admins: list[JsonDict] = []
        for user_id, status in chat.members.items():
            if status in ("creator", "administrator"):
                admins.append(self._member(chat, self._users[user_id].as_user(), status))
        if chat.bot_status in ("creator", "administrator"):
            admins.append(self._member(chat, self.bot_user, chat.bot_status))
        return admins

    def _get_chat_member_count(self, params: JsonDict, files: dict[str, UploadedFile]) -> int:
        chat = self._lookup_chat(params.get("chat_id"))
        if chat.type == "private":
            return 2
        members = sum(1 for status in chat.members.values() if status not in ("left", "kicked"))
        return members + (1 if chat.bot_status not in ("left", "kicked") else 0)

    def _create_forum_topic(self, params: JsonDict, files: dict[str, UploadedFile]) -> JsonDict:
        chat = self._chat_for_send(params)
        if not chat.is_forum:
            raise bad_request("the chat is not a forum")
        name = str(required(params, "name"))
        if len(name) > 128:
            raise bad_request("topic name is too long")
        thread_id = self.create_topic(chat, name)
        return {"message_thread_id": thread_id, "name": name, "icon_color": 7322096}

    def create_topic(self, chat: ChatState, name: str, creator: JsonDict | None = None) -> int:
        """A forum topic in ``chat`` (made by ``creator``, else the bot); returns its message_thread_id."""
        message_id = chat.take_message_id()
        chat.topics[message_id] = name
        chat.messages[message_id] = {
            "message_id": message_id,
            "from": creator or self.bot_user,
            "chat": chat.as_chat(),
            "date": int(self.clock()),
            "message_thread_id": message_id,
            "forum_topic_created": {"name": name, "icon_color": 7322096},
            "is_topic_message": True,
        }
        return message_id

    def _send_poll(self, params: JsonDict, files: dict[str, UploadedFile]) -> JsonDict:
        chat = self._chat_for_send(params)
        question_raw = params.get("question")
        question, question_entities = format_text(
            str(question_raw or ""),
            params.get("question_parse_mode"),
            params.get("question_entities"),
            strict_ampersand=self.strict_ampersand,
        )
        if not question:
            raise bad_request(e.POLL_TEXT_EMPTY)
        if utf16_len(question) > 300:
            raise bad_request(e.POLL_QUESTION_TOO_LONG)
        options = params.get("options")
        if not isinstance(options, list) or not options:
            raise bad_request(e.POLL_NO_OPTIONS)
        if len(options) == 1:
            raise bad_request(e.POLL_ONE_OPTION)
        if len(options) > 12:
            raise bad_request(e.POLL_TOO_MANY_OPTIONS)
        poll_options: list[JsonDict] = []
        for index, option in enumerate(options):
            if isinstance(option, dict):
                text, _ = format_text(
                    str(option.get("text") or ""),
                    option.get("text_parse_mode"),
                    option.get("text_entities"),
                    strict_ampersand=self.strict_ampersand,
                )
            else:
                text = str(option).strip()
            if not text:
                raise bad_request(e.POLL_TEXT_EMPTY)
            if utf16_len(text) > 100:
                raise bad_request(e.POLL_OPTION_TOO_LONG)
            poll_options.append({"persistent_id": str(index), "text": text, "voter_count": 0})
        is_anonymous = as_bool(params.get("is_anonymous", True))
        if chat.type == "channel" and not is_anonymous:
            raise bad_request(e.POLL_NON_ANONYMOUS_CHANNEL)
        poll_type = params.get("type") or "regular"
        if poll_type not in ("regular", "quiz"):
            raise bad_request("poll type is invalid")
        thread_id = self._thread(chat, params)
        markup = parse_reply_markup(params.get("reply_markup"))
        reply_to = self._reply_target(chat, params)
        poll_id = str(5_000_000_000_000_000_000 + next(self._poll_counter))
        poll: JsonDict = {
            "id": poll_id,
            "question": question,
            "options": poll_options,
            "total_voter_count": 0,
            "is_closed": as_bool(params.get("is_closed", False)),
            "is_anonymous": is_anonymous,
            "type": poll_type,
            "allows_multiple_answers": as_bool(params.get("allows_multiple_answers", False)),
            "allows_revoting": as_bool(params.get("allows_revoting", poll_type == "regular")),
            "members_only": as_bool(params.get("members_only", False)),
        }
        if question_entities:
            poll["question_entities"] = question_entities
        correct = params.get("correct_option_ids")
        if correct is None and params.get("correct_option_id") is not None:
            correct = [params.get("correct_option_id")]
        if poll_type == "quiz":
            if not isinstance(correct, list) or not correct:
                raise bad_request("correct quiz option list must be non-empty")
            if any(not isinstance(c, int) or not 0 <= c < len(poll_options) for c in correct):
                raise bad_request("wrong correct option id specified")
            poll["correct_option_ids"] = correct
            poll["correct_option_id"] = correct[0]
        for key in ("explanation", "open_period", "close_date"):
            if params.get(key) is not None:
                poll[key] = params[key]
        message = self._store_bot_message(
            chat,
            "poll",
            {"poll": poll},
            method="sendPoll",
            thread_id=thread_id,
            reply_to=reply_to,
            markup=markup,
            html=str(question_raw),
        )
        self._polls[poll_id] = _PollState(poll, chat.id, message.message_id)
        return message.raw

    def _stop_poll(self, params: JsonDict, files: dict[str, UploadedFile]) -> JsonDict:
        chat = self._lookup_chat(params.get("chat_id"))
        message_id = as_int(params.get("message_id"), e.POLL_TO_STOP_NOT_FOUND)
        message = chat.bot_messages.get(message_id)
        if message is None or message.deleted or message.poll is None:
            raise bad_request(e.POLL_TO_STOP_NOT_FOUND)
        state = self._polls[message.poll["id"]]
        if state.poll["is_closed"]:
            raise bad_request(e.POLL_ALREADY_CLOSED)
        markup = self._edit_markup(params)
        closed = {**state.poll, "is_closed": True}
        self._set_poll(state, closed)
        if params.get("reply_markup") is not None:
            self._edit(message, "stopPoll", {}, markup)
        else:
            self._notify(chat)
        self.queue_update("poll", closed)
        return closed

    def _get_file(self, params: JsonDict, files: dict[str, UploadedFile]) -> JsonDict:
        file_id = params.get("file_id")
        if not file_id:
            raise bad_request(e.FILE_ID_NOT_SPECIFIED)
        stored = self._files.get(str(file_id))
        if stored is None:
            raise bad_request(e.GET_FILE_ID_INVALID)
        if stored.size > MAX_DOWNLOAD_SIZE:
            raise bad_request(e.FILE_TOO_BIG)
        if stored.file_path is None:
            folder, extension = FILE_FOLDER.get(stored.kind, ("documents", "bin"))
            if stored.file_name and "." in stored.file_name:
                extension = stored.file_name.rsplit(".", 1)[-1]
            stored.file_path = f"{folder}/file_{len(self._files_by_path)}.{extension}"
            self._files_by_path[stored.file_path] = stored
        result: JsonDict = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_path": stored.file_path,
        }
        if stored.data:
            result["file_size"] = stored.size
        return result

    async def _get_updates(self, params: JsonDict, files: dict[str, UploadedFile]) -> web.Response:
        if self.webhook_url:
            raise ApiError(409, e.WEBHOOK_ACTIVE)
        offset = params.get("offset")
        limit = max(1, min(100, as_int(params.get("limit", 100), "bad limit")))
        timeout = max(0.0, float(params.get("timeout", 0) or 0))
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed_updates = frozenset(str(kind) for kind in allowed) or DEFAULT_ALLOWED_UPDATES
        if offset is not None:
            self._confirm(as_int(offset, "bad offset"))

        if self._poller is not None:
            self._poller.conflicted = True
            self._poller.event.set()
        poller = _Poller()
        self._poller = poller
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        try:
            while True:
                if poller.conflicted:
                    raise ApiError(409, e.POLL_CONFLICT if not self.webhook_url else e.WEBHOOK_ACTIVE)
                batch = self._collect(limit)
                if batch or self._stopping.is_set():
                    break
                remaining = deadline - loop.time()
                if remaining <= 0:
                    break
                poller.event.clear()
                if not poller.waiting:
                    poller.waiting = True
                    waiters, self._polling_waiters = self._polling_waiters, []
                    for waiter in waiters:
                        if not waiter.done():
                            waiter.set_result(None)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(poller.event.wait(), remaining)
        finally:
            if self._poller is poller:
                self._poller = None
        self.stats.updates_delivered += len(batch)
        body = '{"ok":true,"result":[' + ",".join(batch) + "]}"
        return web.Response(text=body, content_type="application/json")

    def _confirm(self, offset: int) -> None:
        updates = self._updates
        if offset < 0:
            while len(updates) > -offset:
                updates.popleft()
            return
        while updates and updates[0][0] < offset:
            updates.popleft()

    def _collect(self, limit: int) -> list[str]:
        return [body for _update_id, _kind, body in itertools.islice(self._updates, limit)]


def _content_kind(content: JsonDict) -> str | None:
    for kind in CONTENT_KINDS:
        if kind in content:
            return kind
    return None


def _decode(key: str, value: Any) -> Any:
    if not isinstance(value, str) or key in STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _fault_error(fault: _Fault) -> ApiError:
    if fault.error == "429":
        return ApiError(
            429,
            fault.description or f"Too Many Requests: retry after {fault.retry_after}",
            retry_after=fault.retry_after,
        )
    try:
        code = int(fault.error)
    except ValueError:
        raise ValueError(f"unknown fault kind {fault.error!r}") from None
    return ApiError(code, fault.description or e.default_description(code))


def _ok_response(result: Any) -> web.Response:
    return web.Response(text='{"ok":true,"result":' + _dumps(result) + "}", content_type="application/json")


def _error_response(error: ApiError) -> web.Response:
    headers = {"Retry-After": str(error.retry_after)} if error.retry_after is not None else None
    return web.Response(text=_dumps(error.body()), status=error.code, content_type="application/json", headers=headers)


def _plain_json(value: Any, status: int = 200) -> web.Response:
    return web.Response(text=_dumps(value), status=status, content_type="application/json")


def _message_json(message: BotMessage, index: int) -> JsonDict:
    return {
        "index": index,
        "message_id": message.message_id,
        "chat_id": message.chat_id,
        "thread_id": message.thread_id,
        "kind": message.kind,
        "method": message.method,
        "text": message.text,
        "html": message.html,
        "buttons": message.buttons,
        "button_data": message.button_data,
        "media_group_id": message.media_group_id,
        "edits": len(message.edits),
        "deleted": message.deleted,
        "sent_at": message.sent_at,
    }


_update_model: Any = None


def _validate_update(update: JsonDict) -> None:
    global _update_model
    if _update_model is None:
        from aiogram.types import Update

        _update_model = Update
    _update_model.model_validate(update)
