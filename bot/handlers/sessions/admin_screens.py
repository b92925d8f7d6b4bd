"""admin_screens."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.handlers.sessions.callbacks import SessionAdminAction, SessionAdminCb
from bot.handlers.sessions.screens import CARD_LIMIT, card_text, dates_warning
from bot.services.limits import fit, units
from bot.services.sessions_admin import EDIT_FIELDS, RECENT_DAYS, STEPS, duration_text, person_name, preview
from bot.services.timetext import local
from bot.storage.models import Direction
from bot.storage.sessions import NewSession, Registrant, Session
from bot.telegram.i18n import Translate

LABEL_MAX = 32


def summary_text(t: Translate, new: NewSession, direction: Direction | None, lang: str, tz: ZoneInfo) -> str:
    return "\n".join(
        [
            t("sadm-summary"),
            "",
            card_text(t, preview(new), direction, lang, tz),
            t("sadm-line-duration", duration=duration_text(t, new.duration_min)),
        ]
    )


def status_text(t: Translate, session: Session, at: datetime) -> str:
    if session.status == "scheduled" and not session.dates_ok:
        return t("sadm-status-broken")
    if session.status == "scheduled" and session.starts_at <= at:
        return t("sadm-status-running" if at < session.ends_at else "sadm-status-over")
    return t("sadm-status-" + session.status)


def manage_text(
    t: Translate, session: Session, direction: Direction | None, lang: str, tz: ZoneInfo, link: str, at: datetime
) -> str:
    warning = dates_warning(t, session, tz)  # a time stored broken (issue 11): what to fix, first
    lines = [
        t("sadm-manage-title", number=session.id, status=status_text(t, session, at)),
        "",
        card_text(t, session, direction, lang, tz, limit=CARD_LIMIT - units(warning or "")),
        t("sadm-line-duration", duration=duration_text(t, session.duration_min)),
        "",
        t("sadm-manage-people", registered=session.registered, waiting=session.waiting),
        t("sadm-manage-link", link=link),
    ]
    if warning:
        lines[1:1] = [warning, ""]
    return "\n".join(lines)


def session_label(session: Session, tz: ZoneInfo) -> str:
    """One line of a list: #5 · 05.12 18:00 · Title (shortened); ⚠️ for a time stored broken."""
    title = session.title if len(session.title) <= LABEL_MAX else session.title[: LABEL_MAX - 1] + "…"
    when = session.starts_at.astimezone(tz).strftime("%d.%m %H:%M") if session.dates_ok else "⚠️"
    return f"#{session.id} · {when} · {title}"


def overview_text(t: Translate, sessions: Sequence[Session], tz: ZoneInfo, at: datetime) -> str:
    if not sessions:
        return t("sadm-list-empty", days=RECENT_DAYS)
    lines = [t("sadm-list-title", days=RECENT_DAYS), ""]
    for s in sessions:
        places = str(s.registered) if s.unlimited else f"{s.registered}/{s.capacity}"
        lines.append(
            t(
                "sadm-list-line",
                label=session_label(s, tz),
                status=status_text(t, s, at),
                places=places,
                waiting=s.waiting,
            )
        )
    return "\n".join(lines)


def people_text(
    t: Translate, session: Session, people: Sequence[Registrant], total: int, first: int, tz: ZoneInfo
) -> str:
    """One page of registrants (PEOPLE_PAGE of them always fit: names are shortened; fit makes sure)."""
    head = [t("sadm-people-title", number=session.id, title=session.title, n=total)]
    if not people:
        head.append(t("sadm-people-empty"))
    lines = []
    for index, person in enumerate(people, start=first + 1):
        key = "sadm-people-line-attended" if person.attended_at else "sadm-people-line"
        lines.append(t(key, index=index, name=person_name(person), at=local(person.created_at, tz)))
    return fit(head, lines, more=lambda n: t("sadm-waitlist-more", n=n)).text


def waitlist_text(t: Translate, session: Session, people: Sequence[Registrant], total: int, tz: ZoneInfo) -> str:
    """The first of the waitlist, as many as fit in one message, and how many more there are."""
    head = [t("sadm-waitlist-title", number=session.id, title=session.title, n=total)]
    if not people:
        head.append(t("sadm-waitlist-empty"))
    lines = []
    for index, person in enumerate(people, start=1):
        if person.status == "offered" and person.offer_expires_at is not None:
            lines.append(
                t(
                    "sadm-waitlist-offered",
                    index=index,
                    name=person_name(person),
                    until=local(person.offer_expires_at, tz),
                )
            )
        else:
            lines.append(
                t("sadm-waitlist-line", index=index, name=person_name(person), at=local(person.created_at, tz))
            )
    hidden = max(0, total - len(people))
    return fit(head, lines, more=lambda n: t("sadm-waitlist-more", n=n), hidden=hidden).text


def _b(
    text: str, action: SessionAdminAction, session_id: int = 0, value: int = 0, page: int = 0
) -> InlineKeyboardButton:
    data = SessionAdminCb(action=action, session_id=session_id, value=value, page=page).pack()
    return InlineKeyboardButton(text=text, callback_data=data)


def _markup(rows: list[list[InlineKeyboardButton]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=rows)


def draft_directions_kb(directions: Sequence[Direction], lang: str) -> InlineKeyboardMarkup:
    return _markup([[_b(d.label(lang), "nd", value=d.id)] for d in directions])


def draft_deadline_kb(t: Translate) -> InlineKeyboardMarkup:
    return _markup([[_b(t("sadm-btn-until-start"), "nds")]])


def draft_summary_kb(t: Translate) -> InlineKeyboardMarkup:
    return _markup(
        [
            [_b(t("sadm-btn-create"), "nok")],
            [_b(t("sadm-btn-change"), "nch")],
            [_b(t("sadm-btn-drop"), "nx")],
        ]
    )


def draft_fields_kb(t: Translate) -> InlineKeyboardMarkup:
    buttons = [_b(t("sadm-field-" + step), "nf", value=index) for index, step in enumerate(STEPS)]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([_b(t("sadm-btn-back"), "nb")])
    return _markup(rows)


def manage_kb(t: Translate, session: Session, at: datetime) -> InlineKeyboardMarkup:
    sid = session.id
    rows: list[list[InlineKeyboardButton]] = []
    if session.status == "scheduled":
        rows.append([_b(t("sadm-btn-edit"), "edit", sid), _b(t("sadm-btn-reschedule"), "resched", sid)])
    rows.append(
        [
            _b(t("sadm-btn-people", n=session.registered), "people", sid),
            _b(t("sadm-btn-waitlist", n=session.waiting), "waitlist", sid),
        ]
    )
    second = [_b(t("sadm-btn-export"), "export", sid)]
    if session.status == "scheduled" and session.dates_ok and session.starts_at > at:
        second.append(_b(t("sadm-btn-announce"), "announce", sid))
    rows.append(second)
    last = [_b(t("sadm-btn-link"), "link", sid)]
    if session.status == "scheduled":
        last.append(_b(t("sadm-btn-cancel-session"), "cancel", sid))
    rows.append(last)
    rows.append([_b(t("sadm-btn-all"), "list")])
    return _markup(rows)


def back_kb(t: Translate, session_id: int) -> InlineKeyboardMarkup:
    return _markup([[_b(t("sadm-btn-back"), "manage", session_id, value=1)]])


def edit_fields_kb(t: Translate, session_id: int) -> InlineKeyboardMarkup:
    buttons = [_b(t("sadm-field-" + f), "field", session_id, value=i) for i, f in enumerate(EDIT_FIELDS)]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([_b(t("sadm-btn-back"), "manage", session_id, value=1)])
    return _markup(rows)


def edit_directions_kb(
    t: Translate, session_id: int, directions: Sequence[Direction], current: int, lang: str
) -> InlineKeyboardMarkup:
    rows = [[_b(("✅ " if d.id == current else "") + d.label(lang), "dir", session_id, value=d.id)] for d in directions]
    rows.append([_b(t("sadm-btn-back"), "edit", session_id)])
    return _markup(rows)


def edit_deadline_kb(t: Translate, session_id: int) -> InlineKeyboardMarkup:
    return _markup([[_b(t("sadm-btn-until-start"), "dls", session_id)]])


def cancel_confirm_kb(t: Translate, session_id: int) -> InlineKeyboardMarkup:
    return _markup(
        [
            [_b(t("sadm-btn-cancel-yes"), "cancel_yes", session_id)],
            [_b(t("sadm-btn-cancel-no"), "manage", session_id, value=1)],
        ]
    )


def people_kb(
    t: Translate, session_id: int, people: Sequence[Registrant], page: int, pages: int
) -> InlineKeyboardMarkup:
    rows = [
        [
            _b(
                ("✅ " if p.attended_at else "☑️ ") + person_name(p)[:LABEL_MAX],
                "attend",
                session_id,
                value=p.user_id,
                page=page,
            )
        ]
        for p in people
    ]
    nav = []
    if page > 0:
        nav.append(_b("◀", "people", session_id, page=page - 1))
    if pages > 1:
        nav.append(_b(f"{page + 1}/{pages}", "people", session_id, page=page))
    if page < pages - 1:
        nav.append(_b("▶", "people", session_id, page=page + 1))
    if nav:
        rows.append(nav)
    rows.append([_b(t("sadm-btn-back"), "manage", session_id, value=1)])
    return _markup(rows)


def overview_kb(t: Translate, sessions: Sequence[Session], page: int, pages: int, tz: ZoneInfo) -> InlineKeyboardMarkup:
    rows = [[_b(session_label(s, tz), "manage", s.id, value=1)] for s in sessions]
    nav = []
    if page > 0:
        nav.append(_b("◀", "list", page=page - 1))
    if pages > 1:
        nav.append(_b(f"{page + 1}/{pages}", "list", page=page))
    if page < pages - 1:
        nav.append(_b("▶", "list", page=page + 1))
    if nav:
        rows.append(nav)
    return _markup(rows)


def announce_pick_kb(sessions: Sequence[Session], tz: ZoneInfo) -> InlineKeyboardMarkup:
    return _markup([[_b(session_label(s, tz), "announce", s.id)] for s in sessions])


def announce_audience_kb(
    t: Translate, session_id: int, direction: str, subscribers: int, everyone: int
) -> InlineKeyboardMarkup:
    return _markup(
        [
            [_b(t("sadm-aud-direction", direction=direction, n=subscribers), "aud", session_id, value=0)],
            [_b(t("sadm-aud-all", n=everyone), "aud", session_id, value=1)],
            [_b(t("sadm-btn-announce-drop"), "ax", session_id)],
        ]
    )


def announce_confirm_kb(t: Translate, session_id: int, n: int) -> InlineKeyboardMarkup:
    rows = []
    if n:
        rows.append([_b(t("sadm-btn-announce-send", n=n), "aok", session_id)])
    rows.append([_b(t("sadm-btn-announce-other"), "announce", session_id)])
    rows.append([_b(t("sadm-btn-announce-drop"), "ax", session_id)])
    return _markup(rows)
