"""callbacks."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from bot.telegram.callbacks import Id, Page, Strict

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
