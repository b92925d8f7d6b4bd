"""Errors from any handler: logged with the update, the person told, the bot keeps serving."""

from __future__ import annotations

import logging
import re

from aiogram import Router
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest
from aiogram.filters import ExceptionTypeFilter
from aiogram.types import ErrorEvent

from bot.i18n import Translator

log = logging.getLogger(__name__)
router = Router(name="errors")

# What datetime and date parsing say about a moment they cannot compute or read (a stored date outside the
# calendar: issue 11). sqlite3's own OverflowError ("Python int too large to convert to SQLite INTEGER")
# is a forged number in callback data instead.
DATE_TROUBLE = re.compile(
    r"date value out of range|year -?\d+ is out of range|day is out of range|month must be in|"
    r"Invalid isoformat|must have magnitude|timedelta|out of range for (?:month|datetime)",
    re.IGNORECASE,
)


def forged_number(exc: BaseException) -> bool:
    """A number in callback data too large for the database: an out-of-date or forged button."""
    return isinstance(exc, OverflowError) and "SQLite" in str(exc)


def date_trouble(exc: BaseException) -> bool:
    """A date the bot could not compute or read: a stored row to fix, not the person's fault nor forgery."""
    if isinstance(exc, OverflowError):
        return not forged_number(exc)
    return isinstance(exc, ValueError) and DATE_TROUBLE.search(str(exc)) is not None


@router.errors(ExceptionTypeFilter(Exception))
async def on_error(event: ErrorEvent, translator: Translator, lang: str | None = None) -> None:
    update = event.update
    if isinstance(event.exception, TelegramBadRequest) and "query is too old" in event.exception.message:
        # A button pressed long ago (or re-delivered after a restart): nobody waits for this answer.
        log.warning("update %s: callback query expired before it was answered", update.update_id)
        return
    if forged_number(event.exception) and update.callback_query is not None:
        # Forged button data with a number too large for the database: an out-of-date button, nothing more.
        log.warning("update %s: callback data out of range: %s", update.update_id, update.callback_query.data)
        await update.callback_query.answer(
            translator.get(lang or translator.default, "button-outdated"), show_alert=True
        )
        return
    log.error("update %s failed: %r", update.update_id, event.exception, exc_info=event.exception)
    key = "error-bad-date" if date_trouble(event.exception) else "error-generic"
    text = translator.get(lang or translator.default, key)
    try:
        if update.callback_query is not None:
            query = update.callback_query
            try:
                await query.answer(text, show_alert=True)  # stops the button's spinner
            except TelegramBadRequest as exc:  # the handler had answered already
                log.info("callback %s already answered: %s", query.id, exc.message)
                chat = query.message.chat if query.message else None
                if chat is not None and chat.type == "private":
                    await query.bot.send_message(chat.id, text)  # type: ignore[union-attr]
        elif update.message is not None and update.message.chat.type == "private":
            await update.message.answer(text)
    except TelegramAPIError as exc:
        log.warning("could not tell the user about the error: %s", exc)
