"""Idea buttons: the idea form's (IdeaCb) and the public list's (PubCb)."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Self

from pydantic import Field, model_validator

from bot.telegram.callbacks import TERRITORY_CODE, Id, Page, RowId, Small, Strict


class IdeaAction(StrEnum):
    SKIP_PHOTOS = "skip_photos"
    DONE_PHOTOS = "done_photos"
    SKIP_PLACE = "skip_place"
    DIRECTION = "dir"  # `direction_id` picked
    OTHER_DIRECTIONS = "other_dirs"
    SEND = "send"  # the draft of `token`
    EDIT = "edit"
    EDIT_TEXT = "edit_text"
    EDIT_PHOTOS = "edit_photos"
    EDIT_PLACE = "edit_place"
    EDIT_DIRECTION = "edit_direction"
    CANCEL = "cancel"
    BACK = "back"
    SUPPORT_SIMILAR = "sim_sup"  # the similar idea `idea` supported instead
    NOT_SIMILAR = "sim_go"


class IdeaCb(Strict, prefix="idea2"):
    """The idea form: its steps, the choice of direction, the summary, the similar ideas offered first."""

    action: IdeaAction
    direction_id: Small = 0
    idea: Id = 0
    token: Id = 0  # the draft's: a second press of Send finds the idea it made (0: a draft without one)


class PubAction(StrEnum):
    PAGE = "page"  # the list, at the view's page
    NOOP = "noop"  # the page number between the arrows
    OPEN = "open"
    SUPPORT = "sup"
    WITHDRAW = "uns"
    REPORT = "rep"  # asks for the reason
    REPORT_REASON = "rr"  # the report, with its reason
    FILTER = "flt"
    FILTER_DIRECTION = "fd"
    FILTER_TERRITORY = "ft"
    SET_FILTER = "set"
    FILTER_STAGE = "fs"  # the projects' stages (issue 15)


class FilterKind(StrEnum):
    ALL = "a"
    DIRECTION = "d"  # the view's value is a direction id
    TERRITORY = "t"  # the view's value is a territory code
    STAGE = "p"  # the view's value is a project stage's place in bot/services/projects.py STAGES


class Sort(StrEnum):
    SUPPORTS = "s"
    DATE = "d"


class ReportReason(StrEnum):
    """Why a resident reports an idea: a letter on the wire, the word (`word`) in the database and the texts."""

    NOTHING = ""  # not a report press
    SPAM = "s"
    ABUSE = "a"
    OFFTOPIC = "o"
    DUP = "d"
    NONE = "n"  # no reason given

    @property
    def word(self) -> str:
        return self.name.lower()


class PubCb(Strict, prefix="pub1"):
    """/ideas (public ideas). The view (filter, sort, page) rides along so Back returns to it."""

    action: PubAction
    idea: RowId = 0
    kind: FilterKind = FilterKind.ALL
    value: Annotated[str, Field(pattern=rf"^(?:{TERRITORY_CODE}|[0-9]{{1,3}})?$")] = ""  # what `kind` filters by
    sort: Sort = Sort.SUPPORTS
    page: Page = 0
    reason: ReportReason = ReportReason.NOTHING

    @model_validator(mode="after")
    def _value_fits_kind(self) -> Self:
        fits = {
            FilterKind.ALL: self.value == "",
            FilterKind.DIRECTION: re.fullmatch(r"[0-9]{1,3}", self.value) is not None,
            FilterKind.TERRITORY: re.fullmatch(TERRITORY_CODE, self.value) is not None,
            FilterKind.STAGE: re.fullmatch(r"[0-9]", self.value) is not None,
        }
        if not fits[self.kind]:
            raise ValueError(f"ideas filter {self.kind}: {self.value!r}")
        return self

    def press(self, action: PubAction, **changes: object) -> PubCb:
        """A button of the same view (filter, sort, page): another action, some fields changed."""
        return self.model_copy(update={"action": action, **changes})


class PageAction(StrEnum):
    """The idea page's buttons, and those under a follow notice (the values are the wire codes)."""

    OPEN = "o"  # the page, as a new message (its photos above it)
    MAP = "map"  # the place, as a Telegram location
    SUPPORT = "sup"
    WITHDRAW = "uns"
    FOLLOW = "fol"
    UNFOLLOW = "unf"
    BACK = "back"  # the list the page was opened from
    ANSWER = "ans"  # staff: the curators' public answer
    STOP = "stop"  # under a follow notice: no more notices about followed ideas
    RESUME = "on"  # ... and on again


class PageFrom(StrEnum):
    """Where the page was opened from: Back returns there."""

    LIST = "l"  # /ideas, a link, a notice: back to /ideas
    MY = "m"  # /my


class PageCb(Strict, prefix="ipage1"):
    """The idea page (also behind t.me/<bot>?start=idea_<N>) and the follow notices."""

    action: PageAction
    idea: RowId = 0
    src: PageFrom = PageFrom.LIST


class FindAction(StrEnum):
    SEARCH = "s"  # asks for the words
    NEAR = "n"  # asks for the location
    PAGE = "p"  # a page of the results of `mode`
    NOOP = "x"  # the page number between the arrows


class FindMode(StrEnum):
    WORDS = "w"
    NEAR = "n"


class FindCb(Strict, prefix="find1"):
    """Search in /ideas: by words, near a location. The query itself is kept in the dialogue's data under its
    `token` (never on a button); a button of an older search answers that it is out of date."""

    action: FindAction
    mode: FindMode = FindMode.WORDS
    token: RowId = 0
    page: Page = 0
