"""keyboards."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton


def _button(text: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data)
