"""callbacks."""

from __future__ import annotations

import re
from typing import Annotated, Literal, Self

from pydantic import Field, model_validator

from bot.telegram.callbacks import TERRITORY_CODE, Id, Page, Strict

IdeaAction = Literal[
    "skip_photos",
    "done_photos",
    "skip_place",
    "dir",
    "other_dirs",
    "send",
    "edit",
    "edit_text",
    "edit_photos",
    "edit_place",
    "edit_direction",
    "cancel",
    "back",
    "sim_sup",
    "sim_go",
]


class IdeaCb(Strict, prefix="idea1"):
    action: IdeaAction
    value: Id = 0  # a direction id (dir) or an idea number (sim_sup)


PubAction = Literal["page", "open", "sup", "uns", "rep", "rr", "flt", "fd", "ft", "set", "noop"]


class PubCb(Strict, prefix="pub1"):
    """/ideas (public ideas). The view (filter, sort, page) rides along so Back returns to it."""

    action: PubAction  # rr: report with a reason
    idea: Id = 0
    kind: Literal["a", "d", "t"] = "a"  # all | direction | territory
    value: Annotated[str, Field(pattern=rf"^(?:{TERRITORY_CODE}|[0-9]{{1,3}})?$")] = ""  # direction id | territory
    sort: Literal["s", "d"] = "s"  # supports | date
    page: Page = 0
    reason: Literal["", "spam", "abuse", "offtopic", "dup", "none"] = ""

    @model_validator(mode="after")
    def _value_fits_kind(self) -> Self:
        fits = {
            "a": self.value == "",
            "d": re.fullmatch(r"[0-9]{1,3}", self.value) is not None,
            "t": re.fullmatch(TERRITORY_CODE, self.value) is not None,
        }
        if not fits[self.kind]:
            raise ValueError(f"ideas filter {self.kind}: {self.value!r}")
        return self
