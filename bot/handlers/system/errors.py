"""Errors from any handler: logged with the update, the person told, the bot keeps serving.

Forged or odd button data never gets this far: it does not parse (bot/callbacks.py) and is answered as out of
date by bot/handlers/fallback.py. A press is answered at most once (bot/answers.py): when the handler had answered
it before failing, the person is told in a message instead (in a private chat; a group hears nothing).
"""

from __future__ import annotations

import logging
import re

from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.filters import ExceptionTypeFilter
from aiogram.types import ErrorEvent

from bot.telegram.answers import Answers
from bot.telegram.i18n import Translator
from bot.telegram.routes import Routes

log = logging.getLogger(__name__)
router = Routes(name="errors")

# What datetime and date parsing say about a moment they cannot compute or read (a stored date outside the
# calendar). sqlite3's own OverflowError ("Python int too large to convert to SQLite INTEGER") is
# not a date's.
DATE_TROUBLE = re.compile(
    r"date value out of range|year -?\d+ is out of range|day is out of range|month must be in|"
    r"Invalid isoformat|must have magnitude|timedelta|out of range for (?:month|datetime)",
    re.IGNORECASE,
)


def date_trouble(exc: BaseException) -> bool:
    """A date the bot could not compute or read: a stored row to fix, told as such (not as an out-of-date
    button, nor as the person's fault)."""
    if not isinstance(exc, OverflowError | ValueError):
        return False
    return "SQLite" not in str(exc) and DATE_TROUBLE.search(str(exc)) is not None


@router.errors(ExceptionTypeFilter(Exception))
async def on_error(
    event: ErrorEvent, translator: Translator, lang: str | None = None, answers: Answers | None = None
) -> None:
    update = event.update
    exc = event.exception
    if isinstance(exc, TelegramRetryAfter):
        # Telegram's flood control: one line, not a traceback per message of a flood, and no apology (it would
        # meet the same wall).
        log.warning(
            "update %s: reply not sent (TelegramRetryAfter): flood control, retry after %s s",
            update.update_id,
            exc.retry_after,
        )
        return
    if isinstance(exc, TelegramBadRequest) and "query is too old" in exc.message:
        # A button pressed long ago (or re-delivered after a restart): nobody waits for this answer.
        log.warning("update %s: callback query expired before it was answered", update.update_id)
        return
    if isinstance(exc, TelegramNetworkError | TelegramServerError):
        # Telegram failed one call: one line (no traceback); the person is still told below.
        reason = " ".join(str(exc.message).split())
        log.warning("update %s: reply not sent (%s): %s", update.update_id, type(exc).__name__, reason)
    else:
        log.error("update %s failed: %r", update.update_id, exc, exc_info=exc)
    key = "error-bad-date" if date_trouble(exc) else "error-generic"
    text = translator.get(lang or translator.default, key)
    try:
        query = update.callback_query
        if query is not None:
            if answers is None or not answers.answered:
                await query.answer(text, show_alert=True)  # stops the button's spinner
                return
            log.info("callback %s already answered: the error is told in the chat", query.id)
            chat = query.message.chat if query.message else None
            if chat is not None and chat.type == "private":
                await query.bot.send_message(chat.id, text)  # type: ignore[union-attr]
        elif update.message is not None and update.message.chat.type == "private":
            await update.message.answer(text)
    except TelegramAPIError as exc:
        log.warning("could not tell the user about the error: %s", exc)
