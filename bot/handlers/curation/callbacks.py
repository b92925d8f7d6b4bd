"""callbacks."""

from __future__ import annotations

from typing import Literal

from bot.telegram.callbacks import Id, Small, Strict


class CardCb(Strict, prefix="card1"):
    action: Literal["accept", "reject", "move", "move_to", "back", "progress", "implemented"]
    idea_id: Id
    direction_id: Small = 0


class BindCb(Strict, prefix="bind1"):
    direction_id: Small


ModAction = Literal[
    "ok", "rej", "dup", "mv", "mvto", "back", "skip", "prog", "impl", "photos", "hidden", "rst", "hrej", "hskip", "new"
]


class ModCb(Strict, prefix="mod1"):
    action: ModAction
    idea_id: Id = 0
    value: Small = 0  # the target direction (mvto)
