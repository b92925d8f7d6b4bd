"""The projects' buttons: a versioned prefix per flow ("pj" + the part's letter + version), actions as enums of
short wire codes. Each part appends its factories under its own heading."""

from __future__ import annotations

# --- audience ---
from enum import StrEnum

from bot.telegram.callbacks import Id, RowId, Strict


class ProjectGroup(StrEnum):
    """The audiences of a direction's projects (their wire code is the broadcast audience's kind)."""

    LEADERS = "leaders"  # «лидеры проектов направления X»
    TEAMS = "teams"  # «команды проектов направления X»: accepted members and leaders


class AnnounceProjectsCb(Strict, prefix="pja1"):
    """/announce of a session to the leaders or the teams of the projects of its direction."""

    session_id: Id
    group: ProjectGroup


class SessionProjectsAction(StrEnum):
    OPEN = "open"  # the session's projects: the list, and how to tie one
    DETACH = "del"
    BACK = "back"  # to the session's management screen (the number no longer awaited)


class SessionProjectsCb(Strict, prefix="pja2"):
    """The organizers' «Проекты сессии» screen (bot/handlers/projects/audience.py)."""

    action: SessionProjectsAction
    session_id: Id
    idea_id: RowId = 0
