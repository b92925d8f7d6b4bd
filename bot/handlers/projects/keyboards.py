"""The projects' keyboards: pure functions of what they show. Each part appends its builders under its own
heading."""

from __future__ import annotations

# --- audience ---
from collections.abc import Sequence

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.handlers.projects.callbacks import (
    AnnounceProjectsCb,
    ProjectGroup,
    SessionProjectsAction,
    SessionProjectsCb,
)
from bot.storage.session_projects import SessionProject
from bot.telegram.i18n import Translate
from bot.telegram.keyboards import button, markup


def announce_projects_rows(
    t: Translate, session_id: int, direction: str, leaders: int, teams: int
) -> list[list[InlineKeyboardButton]]:
    """/announce's audiences of the session's direction's projects: its leaders, its teams."""
    return [
        [
            button(
                t("pja-aud-leaders", direction=direction, n=leaders),
                AnnounceProjectsCb(session_id=session_id, group=ProjectGroup.LEADERS),
            )
        ],
        [
            button(
                t("pja-aud-teams", direction=direction, n=teams),
                AnnounceProjectsCb(session_id=session_id, group=ProjectGroup.TEAMS),
            )
        ],
    ]


def session_projects_button(t: Translate, session_id: int, n: int) -> InlineKeyboardButton:
    return button(
        t("pja-btn-session-projects", n=n),
        SessionProjectsCb(action=SessionProjectsAction.OPEN, session_id=session_id),
    )


def session_projects_kb(t: Translate, session_id: int, projects: Sequence[SessionProject]) -> InlineKeyboardMarkup:
    rows = [
        [
            button(
                t("pja-btn-detach", number=p.idea_id),
                SessionProjectsCb(action=SessionProjectsAction.DETACH, session_id=session_id, idea_id=p.idea_id),
            )
        ]
        for p in projects
    ]
    rows.append(
        [
            button(
                t("pja-btn-back"),
                SessionProjectsCb(action=SessionProjectsAction.BACK, session_id=session_id),
            )
        ]
    )
    return markup(rows)
