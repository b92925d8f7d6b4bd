"""The projects' buttons: a versioned prefix per flow ("pj" + the part's letter + version), actions as enums of
short wire codes. Each part appends its factories under its own heading."""

from __future__ import annotations

# --- leader ---
from enum import StrEnum

from bot.telegram.callbacks import Id, Strict


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
