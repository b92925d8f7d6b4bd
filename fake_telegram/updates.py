"""Updates: the queue of updates for the bot, getUpdates (long polling) and the webhook methods.

Updates are filtered by ``allowed_updates`` when they are queued, stay queued until a later
getUpdates confirms them with ``offset``, and a second poller (or a webhook) ends the first with 409.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from . import errors as e
from .core import FakeCore
from .errors import ApiError, bad_request
from .models import UploadedFile
from .state import AsyncHandler, Handler, JsonDict
from .validation import as_bool, as_int
from .wire import dumps

DEFAULT_ALLOWED_UPDATES = frozenset(
    (
        "message edited_message channel_post edited_channel_post business_connection business_message "
        "edited_business_message deleted_business_messages inline_query chosen_inline_result "
        "callback_query shipping_query pre_checkout_query purchased_paid_media poll poll_answer "
        "my_chat_member chat_join_request chat_boost removed_chat_boost"
    ).split()
)


@dataclass(eq=False)
class _Poller:
    event: asyncio.Event = field(default_factory=asyncio.Event)
    conflicted: bool = False
    waiting: bool = False


class UpdatesMixin(FakeCore):
    """The update queue and the ways the bot takes updates from it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.webhook_url: str = ""
        self._updates: deque[tuple[int, str, str]] = deque()
        self._next_update_id = 1
        self.last_update_id = 0
        self._allowed_updates: frozenset[str] = DEFAULT_ALLOWED_UPDATES
        self._poller: _Poller | None = None
        self._polling_waiters: list[asyncio.Future[None]] = []

    def _updates_api(self) -> dict[str, Handler]:
        return {
            "deleteWebhook": self._delete_webhook,
            "setWebhook": self._set_webhook,
            "getWebhookInfo": self._get_webhook_info,
        }

    def _updates_async_api(self) -> dict[str, AsyncHandler]:
        return {"getUpdates": self._get_updates}

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
        self._updates.append((update_id, kind, dumps(update)))
        self.stats.updates_queued += 1
        if self._poller is not None:
            self._poller.event.set()
        return update_id

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

    # ------------------------------------------------------------------ Bot API methods

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


_update_model: Any = None


def _validate_update(update: JsonDict) -> None:
    global _update_model
    if _update_model is None:
        from aiogram.types import Update

        _update_model = Update
    _update_model.model_validate(update)
