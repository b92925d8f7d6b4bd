"""After a staff member's message in a private chat: what the staff must learn at the first chance (the service
decides what, if anything; most of the time nothing)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import Message, TelegramObject

from bot.services.staff_notices import StaffNotices


def command_of(message: Message) -> str | None:
    """ "/stats@ideas_bot now" → "stats"; None for a message that is not a command."""
    text = message.text or ""
    if not text.startswith("/"):
        return None
    return text[1:].split(maxsplit=1)[0].split("@", 1)[0] if len(text) > 1 and not text[1].isspace() else None


class StaffNoticeMiddleware(BaseMiddleware):
    def __init__(self, notices: StaffNotices) -> None:
        self.notices = notices

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        result = await handler(event, data)
        if (
            isinstance(event, Message)
            and event.chat.type == "private"
            and event.from_user is not None
            and await self.notices.is_staff(event.from_user.id)
        ):
            await self.notices.on_staff_message(event.from_user.id, data.get("lang"), command_of(event))
        return result
