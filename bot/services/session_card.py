"""The session card residents see: in /sessions, behind the deep link and in announcements."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import SessionCb
from bot.i18n import Translate
from bot.storage.models import Direction
from bot.storage.sessions import Session


def local(moment: datetime, tz: ZoneInfo) -> str:
    return moment.astimezone(tz).strftime("%d.%m.%Y %H:%M")


def when_text(session: Session, tz: ZoneInfo) -> str:
    """05.12.2026 18:00–20:00 (the end's date too when it is another day)."""
    start, end = session.starts_at.astimezone(tz), session.ends_at.astimezone(tz)
    tail = end.strftime("%H:%M") if end.date() == start.date() else end.strftime("%d.%m.%Y %H:%M")
    return f"{start.strftime('%d.%m.%Y %H:%M')}–{tail}"


def places_text(t: Translate, session: Session) -> str:
    if session.unlimited:
        return t("session-places-unlimited", registered=session.registered)
    free = session.free_places or 0
    if free == 0:
        return t("session-places-full", capacity=session.capacity, waiting=session.waiting)
    return t("session-places-free", free=free, capacity=session.capacity)


def card_text(t: Translate, session: Session, direction: Direction | None, lang: str, tz: ZoneInfo) -> str:
    lines = [
        t("session-card-title", title=session.title),
        session_description(t, session),
        "",
        t("session-card-direction", direction=direction.label(lang) if direction else "—"),
        t("session-card-when", when=when_text(session, tz)),
        t("session-card-place", place=session.place),
        places_text(t, session),
        t("session-card-deadline", deadline=local(session.deadline_at, tz)),
    ]
    if session.status == "cancelled":
        lines.insert(0, t("session-card-cancelled"))
    return "\n".join(lines)


def session_description(t: Translate, session: Session) -> str:
    return t("session-card-description", description=session.description)


def announcement_kb(t: Translate, session_id: int) -> InlineKeyboardMarkup:
    """The announcement's one button: open the card with Register (works for anyone, any time)."""
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=t("session-btn-register"), callback_data=SessionCb(action="reg", session_id=session_id).pack()
                )
            ]
        ]
    )
