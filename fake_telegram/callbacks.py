"""Callback queries: a scripted user's button press and answerCallbackQuery.

A press waits for the bot's answer (:attr:`PendingCallback.future`); an answer later than
``callback_answer_timeout`` seconds, or a second one, is refused as Telegram refuses it.
"""

from __future__ import annotations

import asyncio
import itertools
import secrets
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import errors as e
from .errors import bad_request
from .models import CallbackResult, UploadedFile
from .state import ChatState, Handler, JsonDict
from .updates import UpdatesMixin
from .validation import as_bool

if TYPE_CHECKING:
    from .actors import ScriptedUser


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


class CallbacksMixin(UpdatesMixin):
    """Button presses and their answers."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.callback_answer_timeout: float = 15.0
        self._callbacks: dict[str, PendingCallback] = {}
        self._callback_counter = itertools.count(1)
        self._callback_base = secrets.randbelow(10**12) * 10**6

    def _callbacks_api(self) -> dict[str, Handler]:
        return {"answerCallbackQuery": self._answer_callback_query}

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
