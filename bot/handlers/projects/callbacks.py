"""The projects' buttons: a versioned prefix per flow ("pj" + the part's letter + version), actions as enums of
short wire codes. Each part appends its factories under its own heading."""

from __future__ import annotations

from enum import StrEnum

from bot.handlers.ideas.callbacks import PageFrom
from bot.storage.projects import Role
from bot.storage.surveys import Answer, Round
from bot.telegram.callbacks import Id, Page, RowId, Small, Strict

# --- join ---


class JoinAction(StrEnum):
    JOIN = "j"  # «🙋 Хочу участвовать» on an idea's page: how the person can help
    TOGGLE = "t"  # a kind of help ticked or unticked (``mask``: the kinds ticked after the press)
    NEXT = "n"  # the kinds chosen: the optional note
    SKIP = "s"  # no note
    LEAD = "l"  # «🧭 Возглавить проект»: the pitch
    CONTACT_YES = "y"  # the contact consent given
    CONTACT_NO = "o"  # the contact consent not given: first name only
    LEAVE = "x"  # one tap on the page: the offer withdrawn or the team left (``role``)
    MINE = "m"  # «Мои заявки» (``back``: opened from /settings)
    DROP = "d"  # one tap in «Мои заявки»: the offer withdrawn or the team left


class JoinCb(Strict, prefix="pjj1"):
    action: JoinAction
    idea: RowId = 0
    mask: Small = 0  # the kinds of help ticked, a bit per kind in `HELP_ORDER`
    role: Role = Role.MEMBER
    back: bool = False
    src: PageFrom = PageFrom.LIST  # the page's «Назад»: to /ideas or to /my


# --- experts ---
# Experts (/experts), similar experience on a project's page, calls for help: pjx1, pjh1, pjx2.


class ExpertAction(StrEnum):
    LIST = "l"  # the list, at a page
    ADD = "a"  # start adding one
    OPEN = "o"  # one expert's card
    REMOVE = "r"
    ATTACH = "t"  # ask for the project's number
    FEDERAL = "f"  # the region step: «федеральный»
    CONSENT_YES = "y"
    CONSENT_NO = "n"
    SKIP = "s"  # the Telegram id step: none


class ExpertCb(Strict, prefix="pjx1"):
    action: ExpertAction
    expert: RowId = 0
    page: Page = 0


class ExperienceAction(StrEnum):
    OPEN = "o"  # the project's similar experience, with Add and Remove
    ADD = "a"
    REMOVE = "r"


class ExperienceCb(Strict, prefix="pjh1"):
    action: ExperienceAction
    idea: RowId = 0
    item: RowId = 0


class CallAction(StrEnum):
    ASK = "a"  # the leader's (or a curator's) preview of the call
    SEND = "s"  # sent to the curators (by the leader) or out (by a curator)
    APPROVE = "y"  # a curator's decision on the card
    DECLINE = "n"


class CallCb(Strict, prefix="pjx2"):
    action: CallAction
    idea: RowId = 0
    call: RowId = 0


# --- leader ---


class LeaderAction(StrEnum):
    OPEN = "o"  # the project's screen
    ACCEPT = "a"  # `person`'s application accepted
    DECLINE = "d"
    NEEDS = "n"
    UPDATE = "u"
    SEND = "s"  # the update's draft sent
    CANCEL = "c"
    RESIGN = "r"  # asks to confirm
    RESIGN_YES = "ry"
    RESIGN_NO = "rn"
    BIND = "b"  # /bind_team: this project for the group
    STOP = "x"  # curators: `person` is the update's id


class LeaderCb(Strict, prefix="pjl1"):
    """The leader's /project screen, /bind_team's choice, and the curators' Stop under a project update."""

    action: LeaderAction
    idea: Id = 0
    person: Id = 0


# --- choose ---


class ChooseAction(StrEnum):
    """The buttons of the curators' project panel (the values are the wire codes)."""

    OPEN = "o"  # the panel, from a curator card
    APPOINT = "a"  # asks for the reason, then appoints (or replaces the leader with) `person`
    REMOVE = "r"  # asks for the reason, then removes the leader
    STAGE = "s"  # the project to the stage STAGES[stage]
    RESUME = "u"  # a paused project goes on


class ChooseCb(Strict, prefix="pjc1"):
    action: ChooseAction
    idea_id: Id
    person: Id = 0
    stage: Small = 0


# --- result ---


class SurveyAction(StrEnum):
    ANSWER = "a"  # да / частично / нет
    SKIP = "s"  # no comment


class SurveyCb(Strict, prefix="pjs1"):
    """A project's «Получилось?» / «Как там сейчас?» (bot/handlers/projects/survey.py)."""

    action: SurveyAction
    idea_id: Id
    round: Round
    answer: Answer  # the one chosen (SKIP carries the one given)


# --- audience ---


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


# --- stages and leader completions ---


class LeaderStageAction(StrEnum):
    MOVE = "m"  # the project to STAGES[stage] («реализован» asks to confirm first)
    CONFIRM = "y"  # «реализован» confirmed
    RESUME = "u"  # a paused project goes on
    KEEP = "n"  # the confirmation declined: the screen again


class LeaderStageCb(Strict, prefix="pjl2"):
    """The stage buttons of the leader's /project screen (bot/handlers/projects/stages.py)."""

    action: LeaderStageAction
    idea: Id
    stage: Small = 0


class ExpertDetachCb(Strict, prefix="pjx3"):
    """«Открепить от № N» on an expert's card: the expert off one project."""

    expert: RowId
    idea: RowId
    page: Page = 0
