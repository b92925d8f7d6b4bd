"""What the bot itself sends about sessions through the broadcast engine, in each person's language:
announcement cards, change notices, reminders and feedback requests (see BroadcastWorker's Renderer)."""

from __future__ import annotations

import json

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.clock import UNREADABLE, read_stored, usable
from bot.config import Settings
from bot.handlers.sessions.callbacks import (
    FeedbackAction,
    FeedbackCb,
    ManageAction,
    SessionAction,
    SessionCb,
    SessionManageCb,
)
from bot.handlers.sessions.screens import announcement_kb, card_text, dates_warning
from bot.services.timetext import NO_TIME, local, when_text
from bot.storage.broadcasts import Broadcast
from bot.storage.repositories import Repos
from bot.storage.sessions import Session
from bot.telegram.i18n import Translate, Translator
from bot.telegram.keyboards import button, markup

NOTICE_FIELDS = ("title", "description", "direction", "duration", "place", "capacity", "deadline")


def _json(keyboard: InlineKeyboardMarkup | None) -> str | None:
    """A keyboard as the broadcast engine keeps it."""
    return None if keyboard is None else keyboard.model_dump_json(exclude_none=True)


def open_card_row(t: Translate, session_id: int) -> list[InlineKeyboardButton]:
    return [button(t("session-btn-open"), SessionCb(action=SessionAction.VIEW, session_id=session_id))]


def open_card_kb(t: Translate, session_id: int) -> InlineKeyboardMarkup:
    return markup([open_card_row(t, session_id)])


def manage_kb(t: Translate, session_id: int) -> InlineKeyboardMarkup:
    """Under an organizer's alert: the session's management screen (a message of its own)."""
    return markup([[button(t("session-btn-manage"), SessionManageCb(action=ManageAction.OPEN, session_id=session_id))]])


def changed_kb(t: Translate, session_id: int) -> InlineKeyboardMarkup:
    """Under a change notice: the card, and the calendar file again (it replaces the old entry)."""
    ics = SessionCb(action=SessionAction.ICS, session_id=session_id)
    return markup([open_card_row(t, session_id), [button(t("session-btn-ics-update"), ics)]])


def rating_row(session_id: int) -> list[InlineKeyboardButton]:
    """1 ⭐ … 5 ⭐."""
    return [
        button(f"{n} ⭐", FeedbackCb(action=FeedbackAction.RATE, session_id=session_id, rating=n)) for n in range(1, 6)
    ]


def rating_kb(t: Translate, session_id: int) -> InlineKeyboardMarkup:
    return markup([rating_row(session_id)])


class SessionMessages:
    def __init__(self, repos: Repos, translator: Translator, settings: Settings) -> None:
        self.repos = repos
        self.translator = translator
        self.settings = settings

    async def render(self, broadcast: Broadcast, lang: str) -> tuple[str, str | None] | None:
        if broadcast.kind == "alert":
            return await self.alert(self.translator.for_lang(lang), broadcast.payload)
        if broadcast.session_id is None:
            return None
        session = await self.repos.sessions.get(broadcast.session_id)
        if session is None:
            return None
        t = self.translator.for_lang(lang)
        if broadcast.kind == "session":
            if not session.registration_open():
                return None  # cancelled, started or closed since the organizer confirmed
            return await self.card(t, session, lang), _json(announcement_kb(t, session.id))
        if broadcast.kind == "reminder":
            text = t(
                "session-reminder", title=session.title, when=when_text(session, self.settings.tz), place=session.place
            )
            return text, _json(open_card_kb(t, session.id))
        if broadcast.kind == "feedback":
            return t("feedback-ask", title=session.title), _json(rating_kb(t, session.id))
        if broadcast.kind == "notice":
            return await self.notice(t, session, lang, broadcast.payload)
        return None

    async def alert(self, t: Translate, payload: dict[str, object]) -> tuple[str, str | None] | None:
        """To organizers: a session or poll whose stored time the bot cannot use (bot/services/date_alerts.py).
        Nothing when it was fixed (or closed) before the message went out."""
        row_id = payload.get("id")
        if not isinstance(row_id, int):
            return None
        if payload.get("what") == "session":
            session = await self.repos.sessions.get(row_id)
            warning = dates_warning(t, session, self.settings.tz) if session is not None else None
            if session is None or warning is None:
                return None
            text = t("alert-session-dates", number=session.id, title=session.title) + "\n\n" + warning
            return text, _json(manage_kb(t, session.id))
        if payload.get("what") == "poll":
            poll = await self.repos.polls.get(row_id)
            if poll is None or not poll.is_open or usable(poll.close_at):
                return None
            return t("alert-poll-close", question=poll.question), None
        return None

    async def card(self, t: Translate, session: Session, lang: str) -> str:
        direction = await self.repos.directions.get(session.direction_id)
        projects = await self.repos.session_projects.of_session(session.id)
        return card_text(t, session, direction, lang, self.settings.tz, projects=projects)

    async def notice(
        self, t: Translate, session: Session, lang: str, payload: dict[str, object]
    ) -> tuple[str, str | None]:
        change = payload.get("change")
        if change == "cancelled":
            return t("session-notice-cancelled", title=session.title, when=when_text(session, self.settings.tz)), None
        if change == "rescheduled":
            old = payload.get("old_starts_at")
            header = t(
                "session-notice-rescheduled",
                title=session.title,
                old=local(read_stored(str(old)) or UNREADABLE, self.settings.tz) if old else NO_TIME,
                new=when_text(session, self.settings.tz),
            )
        else:
            raw = payload.get("fields") or []
            fields = [f for f in (raw if isinstance(raw, list) else json.loads(str(raw))) if f in NOTICE_FIELDS]
            names = ", ".join(t(f"session-field-{f}") for f in fields) or "—"
            header = t("session-notice-updated", title=session.title, fields=names)
        return header + "\n\n" + await self.card(t, session, lang), _json(changed_kb(t, session.id))
