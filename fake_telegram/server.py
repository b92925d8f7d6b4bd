"""A fake Telegram Bot API server (aiohttp) that a real aiogram bot talks to.

It speaks the wire protocol aiogram uses (POST form-urlencoded or multipart, non-string values
JSON-encoded, files as ``attach://<key>``), answers with objects aiogram's models accept and
refuses what Telegram refuses, with Telegram's error texts. Tests drive it through scripted users
and groups (see :mod:`fake_telegram.actors`).

:class:`FakeTelegram` is put together from one mixin per family of Bot API methods, on top of the
shared state in :mod:`.core`:

* :mod:`.messages`: sendMessage, copy, forward, edit, delete, pin; :mod:`.media`: files, photos,
  documents, media groups, getFile; :mod:`.polls`: sendPoll, stopPoll, votes; :mod:`.callbacks`:
  answerCallbackQuery; :mod:`.chats`: getChat, members, bans, forum topics; :mod:`.commands`: getMe,
  commands and the bot's profile; :mod:`.updates`: the update queue, getUpdates, webhooks;
* :mod:`.faults`: injected errors, timeouts, outages and rate limits; :mod:`.world`: scripted users
  and groups and the updates they make; :mod:`.control`: the JSON control API (``/_fake/...``);
  :mod:`.client`: what a client shows around a chat's messages (command menu, reply keyboard, uploads).

This module serves them over HTTP: routing, recording every call, and refusing with Telegram's errors.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import traceback
from collections.abc import Awaitable, Callable

from aiohttp import web

from . import errors as e
from .callbacks import CallbacksMixin
from .chats import ChatsMixin
from .client import ClientViewMixin
from .commands import CommandsMixin
from .control import ControlMixin
from .errors import ApiError
from .faults import SEND_METHODS, FaultsMixin, RateLimits, fault_error
from .media import MediaMixin
from .messages import MessagesMixin
from .models import RecordedRequest
from .polls import PollsMixin
from .state import AsyncHandler, ChatState, Handler
from .updates import UpdatesMixin
from .wire import error_response, ok_response, read_params
from .world import WorldMixin

_RECORD_KEY = web.RequestKey("fake_telegram.record", RecordedRequest)

__all__ = ["ChatState", "FakeTelegram", "RateLimits"]


class FakeTelegram(
    ClientViewMixin,
    ControlMixin,
    WorldMixin,
    MessagesMixin,
    MediaMixin,
    CallbacksMixin,
    PollsMixin,
    ChatsMixin,
    CommandsMixin,
    UpdatesMixin,
    FaultsMixin,
):
    """The fake Bot API server and the world around the bot (users, groups, files, updates).

    Settings a test may change: ``clock`` and ``strict_ampersand`` (:mod:`.core`), ``rate_limit`` and
    ``rate_limits`` (:mod:`.faults`), ``callback_answer_timeout`` (:mod:`.callbacks`),
    ``allow_single_item_album`` (:mod:`.media`) and ``close_connections`` (here).
    """

    # One connection per request (no keep-alive): a proxy in front of it then sees every call of the bot.
    close_connections: bool = False

    def _method_table(self) -> dict[str, Handler]:
        """The Bot API methods answered at once, by canonical name (getUpdates, a long poll, is apart)."""
        return {
            **self._commands_api(),
            **self._updates_api(),
            **self._messages_api(),
            **self._media_api(),
            **self._callbacks_api(),
            **self._chats_api(),
            **self._polls_api(),
        }

    def _async_method_table(self) -> dict[str, AsyncHandler]:
        """getUpdates, a long poll."""
        return self._updates_async_api()

    @property
    def api_methods(self) -> list[str]:
        """The Bot API methods the fake serves, by canonical name (``"sendMessage"``, ``"getUpdates"``, ...)."""
        return [name for name, _ in self._methods.values()] + [name for name, _ in self._async_methods.values()]

    # ------------------------------------------------------------------ lifecycle

    def make_app(self) -> web.Application:
        app = web.Application(client_max_size=64 * 1024 * 1024, middlewares=[self._connection_policy])
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_route("GET", "/file/bot{token}/{path:.+}", self._handle_file)
        self._add_control_routes(app)
        return app

    @web.middleware
    async def _connection_policy(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        response = await handler(request)
        record = request.get(_RECORD_KEY)
        if record is not None and (request.transport is None or request.transport.is_closing()):
            # The bot gave up waiting (its own timeout) before this answer was ready: whatever the fake did
            # with the call, the bot never learnt it.
            self.answered_too_late.append(record)
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

    # ------------------------------------------------------------------ what the bot asked

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

    # ------------------------------------------------------------------ HTTP layer

    async def _handle_api(self, request: web.Request) -> web.StreamResponse:
        token = request.match_info["token"]
        method_name = request.match_info["method"]
        if token != self.token:
            return error_response(ApiError(401, e.UNAUTHORIZED))
        lowered = method_name.lower()
        try:
            params, files = await read_params(request)
        except (ValueError, json.JSONDecodeError):
            params, files = {}, {}
        sync_entry = self._methods.get(lowered)
        async_entry = self._async_methods.get(lowered)
        canonical = sync_entry[0] if sync_entry else async_entry[0] if async_entry else method_name
        record = RecordedRequest(canonical, params, files, True, None, self.clock())
        request[_RECORD_KEY] = record
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
                raise fault_error(fault)
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
        return ok_response(result)

    def _refuse(self, record: RecordedRequest, error: ApiError) -> web.Response:
        record.ok = False
        record.error = error.description
        record.error_code = error.code
        self.refused.append(record)
        self.stats.errors[record.method] += 1
        self.stats.error_codes[error.code] += 1
        return error_response(error)
