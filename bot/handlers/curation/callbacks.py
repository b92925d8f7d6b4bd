"""callbacks."""

from __future__ import annotations

from enum import StrEnum

from bot.telegram.callbacks import Id, Small, Strict


class CardAction(StrEnum):
    """The buttons under a curator card (the values are the wire codes)."""

    ACCEPT = "accept"
    REJECT = "reject"
    MOVE = "move"  # the list of directions
    MOVE_TO = "move_to"
    BACK = "back"  # from the list of directions
    PROGRESS = "progress"
    IMPLEMENTED = "implemented"


class CardCb(Strict, prefix="card1"):
    action: CardAction
    idea_id: Id
    direction_id: Small = 0


class BindCb(Strict, prefix="bind1"):
    direction_id: Small


class ModAction(StrEnum):
    """The buttons of /moderate (the values are the wire codes)."""

    APPROVE = "ok"
    REJECT = "rej"
    DUPLICATE = "dup"
    MOVE = "mv"  # the list of directions
    MOVE_TO = "mvto"
    BACK = "back"  # from the list of directions
    SKIP = "skip"
    PROGRESS = "prog"
    IMPLEMENTED = "impl"
    PHOTOS = "photos"
    HIDDEN = "hidden"  # open the queue of ideas hidden by reports
    RESTORE = "rst"
    HIDDEN_REJECT = "hrej"
    HIDDEN_SKIP = "hskip"
    NEW = "new"  # open the queue of new ideas


class ModCb(Strict, prefix="mod1"):
    action: ModAction
    idea_id: Id = 0
    value: Small = 0  # the target direction (mvto)


class ReasonAction(StrEnum):
    """The buttons under a rejection's preview (the values are the wire codes)."""

    SEND = "send"
    EDIT = "edit"
    BACK = "back"


class ReasonFrom(StrEnum):
    """Where the rejection started: a curator card or /moderate (the values are the wire codes)."""

    CARD = "c"
    MODERATE = "m"


class ReasonCb(Strict, prefix="rsn1"):
    action: ReasonAction
    origin: ReasonFrom
    idea_id: Id
    by: Id  # who wrote the reason: only they may send, change or drop it
