"""The projects' buttons: a versioned prefix per flow ("pj" + the part's letter + version), actions as enums of
short wire codes. Each part appends its factories under its own heading."""

from __future__ import annotations

# --- join ---
from enum import StrEnum

from bot.handlers.ideas.callbacks import PageFrom
from bot.storage.projects import Role
from bot.telegram.callbacks import RowId, Small, Strict


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
