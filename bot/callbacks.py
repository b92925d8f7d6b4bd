"""Versioned callback data factories (the digit in the prefix is the version).

Bump the version when a factory's fields change: presses on old buttons then
fail to parse and get the "button is out of date" answer instead of misfiring.

Every press is parsed strictly (``Strict.unpack``), whatever a client sends: an action or a kind must be one of
those the bot draws, a number is plain ASCII digits (``²`` or ``١`` pass ``str.isdigit()`` but are no number
here, nor are ``+1``, `` 1``, ``1_0``, ``01`` or ``1.0``) within its field's range, a flag is ``0`` or ``1``, a
text field matches its pattern. Anything else does not parse: no handler sees it, and the press is answered once
as out of date (bot/handlers/fallback.py).
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, Self

from aiogram.filters.callback_data import CallbackData
from pydantic import Field, model_validator

_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]{0,18})")

# Ranges of the numbers buttons carry.
Id = Annotated[int, Field(ge=0, le=2**53)]  # a row id (idea, session, poll, broadcast) or a Telegram user id
ChatId = Annotated[int, Field(ge=-(2**53), le=2**53)]  # a Telegram chat id (groups are negative)
Small = Annotated[int, Field(ge=0, le=999)]  # a direction id, a field or option index, a rating
Page = Annotated[int, Field(ge=0, le=100_000)]
TERRITORY_CODE = r"[a-z][a-z0-9_]{0,39}"
PAGE_NUMBER = r"(?:0|[1-9][0-9]{0,4})"


def number(text: str, limit: int) -> int | None:
    """A plain ASCII number from 0 to ``limit`` (a direction id or a page inside a text field), else None."""
    if not re.fullmatch(r"0|[1-9][0-9]{0,18}", text):
        return None
    value = int(text)
    return value if value <= limit else None


class Strict(CallbackData, prefix="strict"):
    """A factory whose presses are parsed strictly (see the module's docstring); the base of every factory."""

    @classmethod
    def unpack(cls, value: str) -> Self:
        prefix, *parts = value.split(cls.__separator__)
        names = list(cls.model_fields)
        if prefix != cls.__prefix__ or len(parts) != len(names):
            raise ValueError(f"not {cls.__name__} data: {value!r}")
        payload: dict[str, Any] = {}
        for name, part in zip(names, parts, strict=True):
            kind = cls.model_fields[name].annotation
            if kind is bool:
                if part not in ("0", "1"):
                    raise ValueError(f"{cls.__name__}.{name}: {part!r} is not 0 or 1")
                payload[name] = part == "1"
            elif kind is int:
                if not _NUMBER.fullmatch(part):
                    raise ValueError(f"{cls.__name__}.{name}: {part!r} is not a number")
                payload[name] = int(part)
            else:
                payload[name] = part
        # Strict: no conversions left to pydantic; ranges, patterns and literals still checked (ValueError).
        return cls.model_validate(payload, strict=True)


class LangCb(Strict, prefix="lang1"):
    code: Literal["ru", "en"]


class ConsentCb(Strict, prefix="cons1"):
    action: Literal["accept", "decline", "lang", "show"]


class TerritoryCb(Strict, prefix="terr1"):
    action: Literal["pick", "page"]
    value: Annotated[str, Field(pattern=rf"^(?:{TERRITORY_CODE}|{PAGE_NUMBER})$")]  # a territory code | a page

    @model_validator(mode="after")
    def _value_fits_action(self) -> Self:
        if (self.action == "page") != bool(re.fullmatch(PAGE_NUMBER, self.value)):
            raise ValueError(f"territory {self.action}: {self.value!r}")
        return self

    @property
    def page(self) -> int:
        return int(self.value) if self.action == "page" else 0


class SubsCb(Strict, prefix="subs1"):
    action: Literal["toggle", "done"]
    direction_id: Small = 0


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


class CardCb(Strict, prefix="card1"):
    action: Literal["accept", "reject", "move", "move_to", "back", "progress", "implemented"]
    idea_id: Id
    direction_id: Small = 0


class BindCb(Strict, prefix="bind1"):
    direction_id: Small


class DeleteMeCb(Strict, prefix="delme1"):
    confirm: bool


AUDIENCE = rf"^(?:|all|direction|authors|territory|(?:direction|authors)\.[0-9]{{1,3}}|territory\.{TERRITORY_CODE})$"


class BroadcastCb(Strict, prefix="bc1"):
    action: Literal[
        "aud", "dir", "authors", "terr", "pick", "back", "confirm", "drop", "stop", "resend", "resendok", "keep"
    ]
    # audience kind (all | direction | territory | authors), with a direction id or territory code after a dot
    value: Annotated[str, Field(pattern=AUDIENCE)] = ""
    id: Id = 0  # broadcast number (stop, resend, resendok, keep)


class SettingsCb(Strict, prefix="set1"):
    action: Literal["announcements"]
    on: bool = False


class OrgCb(Strict, prefix="org2"):
    action: Literal["list", "open", "rm", "rm_yes", "cur+", "cur-", "add", "kick"]
    user_id: Id = 0
    direction_id: Small = 0
    page: Page = 0  # of the list


ModAction = Literal[
    "ok", "rej", "dup", "mv", "mvto", "back", "skip", "prog", "impl", "photos", "hidden", "rst", "hrej", "hskip", "new"
]


class ModCb(Strict, prefix="mod1"):
    action: ModAction
    idea_id: Id = 0
    value: Small = 0  # the target direction (mvto)


ExportKind = Literal["ideas", "residents", "supports", "deliveries", "polls", "votes"]
ExportFormat = Literal["csv", "xlsx"]


class ExportCb(Strict, prefix="exp1"):
    kind: ExportKind
    fmt: ExportFormat


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


# --- Sessions and polls (issue 4) ---------------------------------------------------------

SessionAction = Literal[
    "view", "list", "reg", "wait", "unreg", "unreg_yes", "leave", "accept_offer", "decline_offer", "ics", "qr"
]


class SessionCb(Strict, prefix="ses1"):
    """A resident's buttons on a session card (bot/handlers/sessions.py)."""

    # view | list (page) | reg | wait (both: a place, or the waitlist when full) | unreg (asks) | unreg_yes |
    # leave | accept_offer | decline_offer | ics | qr
    action: SessionAction
    session_id: Id = 0
    page: Page = 0


SessionAdminAction = Literal[
    "nd",
    "nds",
    "nok",
    "nch",
    "nf",
    "nb",
    "nx",
    "list",
    "manage",
    "edit",
    "field",
    "dir",
    "dls",
    "resched",
    "cancel",
    "cancel_yes",
    "people",
    "attend",
    "waitlist",
    "export",
    "link",
    "announce",
    "aud",
    "aok",
    "ax",
]


class SessionAdminCb(Strict, prefix="sadm1"):
    """An organizer's session management buttons (bot/handlers/sessions_admin.py)."""

    # /new_session draft: nd (direction) | nds (deadline = the start) | nok (create) | nch (change menu) |
    #   nf (change a field) | nb (back to the summary) | nx (drop)
    # a session: list | manage (value 1: in place) | edit | field | dir | dls (deadline = the start) | resched |
    #   cancel | cancel_yes | people | attend | waitlist | export | link
    # /announce: announce (pick the audience) | aud (value 0: direction subscribers, 1: everyone) | aok | ax
    action: SessionAdminAction
    session_id: Id = 0
    value: Id = 0  # a field index, a direction id, a user id, a flag
    page: Page = 0  # the page of a paged list (registrants, sessions)


class FeedbackCb(Strict, prefix="fb1"):
    """The feedback request after a session (bot/handlers/feedback.py)."""

    action: Literal["rate", "skip_comment"]
    session_id: Id
    rating: Annotated[int, Field(ge=0, le=5)] = 0


PollAction = Literal[
    "bind",
    "res",
    "page",
    "done",
    "anon",
    "multi",
    "quiz",
    "correct",
    "noquiz",
    "close",
    "closeset",
    "back",
    "next",
    "chat",
    "post",
    "drop",
]


class PollCb(Strict, prefix="poll1"):
    """Session chats, step-by-step poll drafting and results (bot/handlers/polls.py)."""

    # bind (value: session id, in a group) | res (value: poll id) | page (value: page of /results in private)
    # draft: done (options entered) | anon | multi | quiz | correct (value: option index) | noquiz | close |
    #   closeset (value: minutes; 0 none, -1 typed) | back | next (pick a chat) | chat (value: chat id) | post | drop
    action: PollAction
    value: ChatId = 0
