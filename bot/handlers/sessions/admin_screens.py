"""What organizers see of sessions: the draft's summary, a session's management screen, the lists of sessions,
registrants and the waitlist, and the keyboards under them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.handlers.sessions.callbacks import (
    AnnounceAction,
    AnnounceCb,
    DraftAction,
    ManageAction,
    PeopleAction,
    SessionDraftCb,
    SessionManageCb,
    SessionPeopleCb,
)
from bot.handlers.sessions.screens import CARD_LIMIT, card_text, dates_warning
from bot.services.limits import fit, units
from bot.services.sessions_admin import EDIT_FIELDS, LENGTH_WORDS, RECENT_DAYS, STEPS, person_name, preview
from bot.services.timetext import DAY_TIME, duration_text, local
from bot.storage.models import Direction
from bot.storage.session_projects import SessionProject
from bot.storage.sessions import NewSession, Registrant, Session
from bot.telegram.i18n import Translate
from bot.telegram.keyboards import button, markup

LABEL_MAX = 32


def summary_text(t: Translate, new: NewSession, direction: Direction | None, lang: str, tz: ZoneInfo) -> str:
    return "\n".join(
        [
            t("sadm-summary"),
            "",
            card_text(t, preview(new), direction, lang, tz),
            t("sadm-line-duration", duration=duration_text(t, new.duration_min, LENGTH_WORDS)),
        ]
    )


def status_text(t: Translate, session: Session, at: datetime) -> str:
    if session.status == "scheduled" and not session.dates_ok:
        return t("sadm-status-broken")
    if session.status == "scheduled" and session.starts_at <= at:
        return t("sadm-status-running" if at < session.ends_at else "sadm-status-over")
    return t("sadm-status-" + session.status)


def manage_text(
    t: Translate,
    session: Session,
    direction: Direction | None,
    lang: str,
    tz: ZoneInfo,
    link: str,
    at: datetime,
    projects: tuple[Sequence[SessionProject], int] = ((), 0),
) -> str:
    """``projects``: the projects the session works on, and how many of its registrants are in their teams."""
    tied, in_teams = projects
    warning = dates_warning(t, session, tz)  # a time stored broken: what to fix, first
    lines = [
        t("sadm-manage-title", number=session.id, status=status_text(t, session, at)),
        "",
        card_text(t, session, direction, lang, tz, limit=CARD_LIMIT - units(warning or ""), projects=tied),
        t("sadm-line-duration", duration=duration_text(t, session.duration_min, LENGTH_WORDS)),
        "",
        t("sadm-manage-people", registered=session.registered, waiting=session.waiting),
        *([t("pja-manage-in-teams", n=in_teams)] if tied else []),
        t("sadm-manage-link", link=link),
    ]
    if warning:
        lines[1:1] = [warning, ""]
    return "\n".join(lines)


def session_label(session: Session, tz: ZoneInfo, t: Translate) -> str:
    """One line of a list: № 5 · 05.12 18:00 · Title (shortened); ⚠️ for a time stored broken."""
    title = session.title if len(session.title) <= LABEL_MAX else session.title[: LABEL_MAX - 1] + "…"
    when = session.starts_at.astimezone(tz).strftime(DAY_TIME) if session.dates_ok else "⚠️"
    return f"{t('number-label', number=session.id)} · {when} · {title}"


def overview_text(t: Translate, sessions: Sequence[Session], tz: ZoneInfo, at: datetime) -> str:
    if not sessions:
        return t("sadm-list-empty", days=RECENT_DAYS)
    lines = [t("sadm-list-title", days=RECENT_DAYS), ""]
    for s in sessions:
        places = str(s.registered) if s.unlimited else f"{s.registered}/{s.capacity}"
        lines.append(
            t(
                "sadm-list-line",
                label=session_label(s, tz, t),
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


def pager(page: int, pages: int) -> list[tuple[str, int]]:
    """The page turns under a paged list: (label, the page it leads to); none for a single page."""
    turns = []
    if page > 0:
        turns.append(("◀", page - 1))
    if pages > 1:
        turns.append((f"{page + 1}/{pages}", page))
    if page < pages - 1:
        turns.append(("▶", page + 1))
    return turns


def draft_directions_kb(directions: Sequence[Direction], lang: str) -> InlineKeyboardMarkup:
    return markup(
        [[button(d.label(lang), SessionDraftCb(action=DraftAction.DIRECTION, direction_id=d.id))] for d in directions]
    )


def draft_deadline_kb(t: Translate) -> InlineKeyboardMarkup:
    return markup([[button(t("sadm-btn-until-start"), SessionDraftCb(action=DraftAction.UNTIL_START))]])


def draft_summary_kb(t: Translate) -> InlineKeyboardMarkup:
    return markup(
        [
            [button(t("sadm-btn-create"), SessionDraftCb(action=DraftAction.CREATE))],
            [button(t("sadm-btn-change"), SessionDraftCb(action=DraftAction.CHANGE))],
            [button(t("sadm-btn-drop"), SessionDraftCb(action=DraftAction.DROP))],
        ]
    )


def draft_fields_kb(t: Translate) -> InlineKeyboardMarkup:
    buttons = [
        button(t("sadm-field-" + step), SessionDraftCb(action=DraftAction.FIELD, field=index))
        for index, step in enumerate(STEPS)
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([button(t("sadm-btn-back"), SessionDraftCb(action=DraftAction.BACK))])
    return markup(rows)


def back_button(t: Translate, session_id: int) -> InlineKeyboardButton:
    """Back to the session's management screen, in place."""
    return button(t("sadm-btn-back"), SessionManageCb(action=ManageAction.OPEN, session_id=session_id, in_place=True))


def manage_kb(
    t: Translate, session: Session, at: datetime, extra: Sequence[list[InlineKeyboardButton]] = ()
) -> InlineKeyboardMarkup:
    """``extra``: rows of other features (the session's projects) above the way back to the list."""
    sid = session.id
    scheduled = session.status == "scheduled"
    rows: list[list[InlineKeyboardButton]] = []
    if scheduled:
        rows.append(
            [
                button(t("sadm-btn-edit"), SessionManageCb(action=ManageAction.EDIT, session_id=sid)),
                button(t("sadm-btn-reschedule"), SessionManageCb(action=ManageAction.RESCHEDULE, session_id=sid)),
            ]
        )
    rows.append(
        [
            button(
                t("sadm-btn-people", n=session.registered), SessionPeopleCb(action=PeopleAction.LIST, session_id=sid)
            ),
            button(
                t("sadm-btn-waitlist", n=session.waiting), SessionPeopleCb(action=PeopleAction.WAITLIST, session_id=sid)
            ),
        ]
    )
    second = [button(t("sadm-btn-export"), SessionManageCb(action=ManageAction.EXPORT, session_id=sid))]
    if scheduled and session.dates_ok and session.starts_at > at:
        second.append(button(t("sadm-btn-announce"), AnnounceCb(action=AnnounceAction.AUDIENCE, session_id=sid)))
    rows.append(second)
    last = [button(t("sadm-btn-link"), SessionManageCb(action=ManageAction.LINK, session_id=sid))]
    if scheduled:
        last.append(button(t("sadm-btn-cancel-session"), SessionManageCb(action=ManageAction.CANCEL, session_id=sid)))
    rows.append(last)
    rows.extend(extra)
    rows.append([button(t("sadm-btn-all"), SessionManageCb(action=ManageAction.LIST))])
    return markup(rows)


def back_kb(t: Translate, session_id: int) -> InlineKeyboardMarkup:
    return markup([[back_button(t, session_id)]])


def edit_fields_kb(t: Translate, session_id: int) -> InlineKeyboardMarkup:
    buttons = [
        button(t("sadm-field-" + f), SessionManageCb(action=ManageAction.FIELD, session_id=session_id, field=i))
        for i, f in enumerate(EDIT_FIELDS)
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([back_button(t, session_id)])
    return markup(rows)


def edit_ask_view(t: Translate, session: Session) -> tuple[str, InlineKeyboardMarkup]:
    return t("sadm-edit-ask", number=session.id, title=session.title), edit_fields_kb(t, session.id)


def edit_directions_kb(
    t: Translate, session_id: int, directions: Sequence[Direction], current: int, lang: str
) -> InlineKeyboardMarkup:
    rows = [
        [
            button(
                ("✅ " if d.id == current else "") + d.label(lang),
                SessionManageCb(action=ManageAction.DIRECTION, session_id=session_id, direction_id=d.id),
            )
        ]
        for d in directions
    ]
    rows.append([button(t("sadm-btn-back"), SessionManageCb(action=ManageAction.EDIT, session_id=session_id))])
    return markup(rows)


def edit_deadline_kb(t: Translate, session_id: int) -> InlineKeyboardMarkup:
    return markup(
        [[button(t("sadm-btn-until-start"), SessionManageCb(action=ManageAction.UNTIL_START, session_id=session_id))]]
    )


def cancel_confirm_kb(t: Translate, session_id: int) -> InlineKeyboardMarkup:
    return markup(
        [
            [button(t("sadm-btn-cancel-yes"), SessionManageCb(action=ManageAction.CANCEL_YES, session_id=session_id))],
            [
                button(
                    t("sadm-btn-cancel-no"),
                    SessionManageCb(action=ManageAction.OPEN, session_id=session_id, in_place=True),
                )
            ],
        ]
    )


def cancel_ask_view(t: Translate, session: Session) -> tuple[str, InlineKeyboardMarkup]:
    text = t(
        "sadm-cancel-ask",
        number=session.id,
        title=session.title,
        registered=session.registered,
        waiting=session.waiting,
    )
    return text, cancel_confirm_kb(t, session.id)


def people_kb(
    t: Translate, session_id: int, people: Sequence[Registrant], page: int, pages: int
) -> InlineKeyboardMarkup:
    rows = [
        [
            button(
                ("✅ " if p.attended_at else "☑️ ") + person_name(p)[:LABEL_MAX],
                SessionPeopleCb(action=PeopleAction.ATTEND, session_id=session_id, user_id=p.user_id, page=page),
            )
        ]
        for p in people
    ]
    rows.append(
        [
            button(label, SessionPeopleCb(action=PeopleAction.LIST, session_id=session_id, page=to))
            for label, to in pager(page, pages)
        ]
    )
    rows.append([back_button(t, session_id)])
    return markup(rows)


def overview_kb(t: Translate, sessions: Sequence[Session], page: int, pages: int, tz: ZoneInfo) -> InlineKeyboardMarkup:
    rows = [
        [button(session_label(s, tz, t), SessionManageCb(action=ManageAction.OPEN, session_id=s.id, in_place=True))]
        for s in sessions
    ]
    rows.append([button(label, SessionManageCb(action=ManageAction.LIST, page=to)) for label, to in pager(page, pages)])
    return markup(rows)


def announce_pick_kb(t: Translate, sessions: Sequence[Session], tz: ZoneInfo) -> InlineKeyboardMarkup:
    rows = [
        [button(session_label(s, tz, t), AnnounceCb(action=AnnounceAction.AUDIENCE, session_id=s.id))] for s in sessions
    ]
    return markup(rows)


def announce_audience_kb(
    t: Translate,
    session_id: int,
    direction: str,
    subscribers: int,
    everyone: int,
    extra: Sequence[list[InlineKeyboardButton]] = (),
) -> InlineKeyboardMarkup:
    """``extra``: rows of other features' audiences (the direction's projects' leaders and teams)."""
    return markup(
        [
            [
                button(
                    t("sadm-aud-direction", direction=direction, n=subscribers),
                    AnnounceCb(action=AnnounceAction.PREVIEW, session_id=session_id),
                )
            ],
            [
                button(
                    t("sadm-aud-all", n=everyone),
                    AnnounceCb(action=AnnounceAction.PREVIEW, session_id=session_id, everyone=True),
                )
            ],
            *extra,
            [button(t("sadm-btn-announce-drop"), AnnounceCb(action=AnnounceAction.DROP, session_id=session_id))],
        ]
    )


def announce_confirm_kb(t: Translate, session_id: int, n: int) -> InlineKeyboardMarkup:
    rows = []
    if n:
        rows.append(
            [button(t("sadm-btn-announce-send", n=n), AnnounceCb(action=AnnounceAction.SEND, session_id=session_id))]
        )
    rows.append(
        [button(t("sadm-btn-announce-other"), AnnounceCb(action=AnnounceAction.AUDIENCE, session_id=session_id))]
    )
    rows.append([button(t("sadm-btn-announce-drop"), AnnounceCb(action=AnnounceAction.DROP, session_id=session_id))])
    return markup(rows)
