"""Small Telegram helpers shared by handlers."""

from __future__ import annotations

import logging
from collections.abc import Awaitable

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import InaccessibleMessage, InlineKeyboardMarkup, Message

log = logging.getLogger(__name__)


async def _edit(edit: Awaitable[object], message: Message, already: str) -> None:
    """Run an edit of ``message``; Telegram's "message is not modified" means the message shows it already
    (a double tap, or two quick presses racing: the other one won), logged as ``already``."""
    try:
        await edit
    except TelegramBadRequest as exc:
        if "message is not modified" not in exc.message:
            raise
        log.debug(already, message.message_id)


async def drop_keyboard(message: Message | InaccessibleMessage | None) -> None:
    """Remove the inline keyboard of a message whose buttons were used.

    Two quick presses can race to remove the same keyboard; Telegram then says
    "message is not modified", which here only means the other press won.
    """
    if not isinstance(message, Message) or message.reply_markup is None:
        return
    await _edit(message.edit_reply_markup(reply_markup=None), message, "keyboard of message %s already removed")


async def set_keyboard(message: Message | InaccessibleMessage | None, markup: InlineKeyboardMarkup) -> None:
    """Swap a message's inline keyboard; a double tap that asks for the same one changes nothing."""
    if not isinstance(message, Message) or message.reply_markup == markup:
        return
    await _edit(message.edit_reply_markup(reply_markup=markup), message, "keyboard of message %s already shown")


async def settle(message: Message | InaccessibleMessage | None, text: str) -> None:
    """Turn a question whose button was pressed into its answer: new text, no keyboard.

    One edit instead of removing the keyboard and sending a confirmation as a new message.
    """
    if not isinstance(message, Message):
        return
    await _edit(message.edit_text(text, reply_markup=None), message, "message %s already shows its answer")


async def show(message: Message | InaccessibleMessage | None, text: str, markup: InlineKeyboardMarkup) -> None:
    """Replace a message's text and buttons (a menu moving to its next view); a double tap asking for the
    view already shown changes nothing."""
    if not isinstance(message, Message):
        return
    await _edit(message.edit_text(text, reply_markup=markup), message, "message %s already shows this view")
