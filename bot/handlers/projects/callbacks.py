"""The projects' buttons: a versioned prefix per flow ("pj" + the part's letter + version), actions as enums of
short wire codes. Each part appends its factories under its own heading."""

from __future__ import annotations

# --- choose ---
from enum import StrEnum

from bot.telegram.callbacks import Id, Small, Strict


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
