"""The JSON control API (``/_fake/...``) a test in another process drives the fake with.

POST /_fake/message, POST /_fake/callback, POST /_fake/block, GET /_fake/sent and GET /_fake/stats
(see :mod:`fake_telegram.__main__`).
"""

from __future__ import annotations

import asyncio

from aiohttp import web

from .callbacks import CallbacksMixin
from .models import BotMessage
from .state import JsonDict
from .wire import plain_json
from .world import WorldMixin


class ControlMixin(WorldMixin, CallbacksMixin):
    """Handlers of the control API routes."""

    def _add_control_routes(self, app: web.Application) -> None:
        app.router.add_route("POST", "/_fake/message", self._control_message)
        app.router.add_route("POST", "/_fake/callback", self._control_callback)
        app.router.add_route("POST", "/_fake/block", self._control_block)
        app.router.add_route("GET", "/_fake/sent", self._control_sent)
        app.router.add_route("GET", "/_fake/stats", self._control_stats)

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
        return plain_json({"ok": True, "update_id": self.last_update_id, "message_id": message["message_id"]})

    async def _control_callback(self, request: web.Request) -> web.Response:
        body = await request.json()
        user = self.user(int(body["user_id"]))
        chat_id = int(body.get("chat_id", user.id))
        chat = self._chats.get(chat_id)
        if chat is None:
            return plain_json({"ok": False, "description": "unknown chat"}, status=404)
        message_id = int(body["message_id"])
        pending = self.new_callback(user, chat, chat.messages.get(message_id), message_id, str(body["data"]))
        result: JsonDict = {"ok": True, "update_id": self.last_update_id, "callback_query_id": pending.query_id}
        if body.get("wait"):
            try:
                answer = await asyncio.wait_for(asyncio.shield(pending.future), float(body.get("timeout", 5.0)))
                result["answer"] = {"text": answer.text, "show_alert": answer.show_alert, "answered": True}
            except TimeoutError:
                result["answer"] = {"answered": False}
        return plain_json(result)

    async def _control_block(self, request: web.Request) -> web.Response:
        body = await request.json()
        user = self.user(int(body["user_id"]))
        if body.get("blocked", True):
            await user.block()
        else:
            await user.unblock()
        return plain_json({"ok": True})

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
        return plain_json({"ok": True, "messages": items, "count": len(messages)})

    async def _control_stats(self, request: web.Request) -> web.Response:
        stats = self.stats.as_dict()
        stats["pending_updates"] = len(self._updates)
        stats["sent_messages"] = len(self._sent)
        return plain_json(stats)


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
