"""Whether the button press being handled was answered already (Telegram takes one answer per press).

``TrackAnswers`` (an outer middleware on every update) gives each update an ``Answers`` record, in the handler
data as ``answers`` and in a context variable; ``RecordAnswers`` (a middleware of the bot's session) marks it when
an ``answerCallbackQuery`` for that press goes out, from a handler, a middleware or the error handler alike. The
error handler reads it, so a press whose handler answered and then failed is not answered a second time.
Nothing is kept beyond the update.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aiogram import BaseMiddleware
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import TelegramBadRequest
from aiogram.methods import AnswerCallbackQuery, TelegramMethod
from aiogram.methods.base import Response, TelegramType
from aiogram.types import TelegramObject, Update

if TYPE_CHECKING:
    from aiogram import Bot


@dataclass(slots=True)
class Answers:
    query_id: str | None  # the press this update carries (None: not a press)
    answered: bool = False


_current: ContextVar[Answers | None] = ContextVar("callback_answers", default=None)


class TrackAnswers(BaseMiddleware):
    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        query = event.callback_query if isinstance(event, Update) else None
        answers = Answers(query.id if query is not None else None)
        data["answers"] = answers  # the error handler gets the same dict
        token = _current.set(answers)
        try:
            return await handler(event, data)
        finally:
            _current.reset(token)


def _answers(method: TelegramMethod[Any], query_id: str | None) -> bool:
    return isinstance(method, AnswerCallbackQuery) and method.callback_query_id == query_id


class RecordAnswers(BaseRequestMiddleware):
    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        answers = _current.get()
        if answers is None or not _answers(method, answers.query_id):
            return await make_request(bot, method)
        try:
            response = await make_request(bot, method)
        except TelegramBadRequest:
            answers.answered = True  # refused (answered or expired): a second try would be refused too
            raise
        answers.answered = True
        return response
