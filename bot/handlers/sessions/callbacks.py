"""The sessions' buttons: a resident's card, the organizers' draft, management, people and announcement screens,
and the feedback after a session. Each action is its enum's short wire code (what old buttons carry)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field

from bot.telegram.callbacks import Id, Page, Small, Strict


class SessionAction(StrEnum):
    VIEW = "view"
    LIST = "list"  # a page of upcoming sessions
    REGISTER = "reg"
    WAIT = "wait"  # the waitlist, when the session is full (the same press as Register: a place if one is free)
    UNREGISTER = "unreg"  # asks first
    UNREGISTER_YES = "unreg_yes"
    LEAVE = "leave"  # the waitlist
    ACCEPT_OFFER = "accept_offer"
    DECLINE_OFFER = "decline_offer"
    ICS = "ics"
    QR = "qr"


class SessionCb(Strict, prefix="ses1"):
    """A resident's buttons on a session card and the list (bot/handlers/sessions/resident.py)."""

    action: SessionAction
    session_id: Id = 0
    page: Page = 0


class DraftAction(StrEnum):
    DIRECTION = "nd"
    UNTIL_START = "nds"  # registration open until the start
    CREATE = "nok"
    CHANGE = "nch"  # the menu of fields to change
    FIELD = "nf"  # change one field
    BACK = "nb"  # back to the summary
    DROP = "nx"


class SessionDraftCb(Strict, prefix="sdraft1"):
    """/new_session, step by step: the draft lives in the dialogue state, so the buttons carry no session."""

    action: DraftAction
    direction_id: Small = 0
    field: Small = 0  # an index into STEPS


class ManageAction(StrEnum):
    LIST = "list"  # the organizers' list of recent and coming sessions
    OPEN = "manage"  # a session's management screen
    EDIT = "edit"  # the menu of fields to edit
    FIELD = "field"  # edit one field
    DIRECTION = "dir"  # the direction picked
    UNTIL_START = "dls"  # registration open until the start
    RESCHEDULE = "resched"
    CANCEL = "cancel"  # asks first
    CANCEL_YES = "cancel_yes"
    EXPORT = "export"
    LINK = "link"


class SessionManageCb(Strict, prefix="sman1"):
    """A session's management screen and what it leads to (bot/handlers/sessions/admin.py)."""

    action: ManageAction
    session_id: Id = 0
    field: Small = 0  # an index into EDIT_FIELDS
    direction_id: Small = 0
    page: Page = 0  # of the organizers' list
    in_place: bool = False  # the screen replaces the message pressed on (else: a message of its own)


class PeopleAction(StrEnum):
    LIST = "people"  # a page of the registrants
    ATTEND = "attend"  # mark one as attended
    WAITLIST = "waitlist"


class SessionPeopleCb(Strict, prefix="sppl1"):
    """Who registered for a session and who waits (bot/handlers/sessions/admin.py)."""

    action: PeopleAction
    session_id: Id
    user_id: Id = 0
    page: Page = 0


class AnnounceAction(StrEnum):
    AUDIENCE = "announce"  # pick the audience
    PREVIEW = "aud"  # the audience picked: the preview and Send
    SEND = "aok"
    DROP = "ax"


class AnnounceCb(Strict, prefix="sann1"):
    """/announce: a session's card sent to its direction's subscribers or to everyone."""

    action: AnnounceAction
    session_id: Id
    everyone: bool = False


class FeedbackAction(StrEnum):
    RATE = "rate"
    SKIP_COMMENT = "skip_comment"


class FeedbackCb(Strict, prefix="fb1"):
    """The feedback request after a session (bot/handlers/sessions/feedback.py)."""

    action: FeedbackAction
    session_id: Id
    rating: Annotated[int, Field(ge=0, le=5)] = 0


class MineAction(StrEnum):
    LIST = "list"  # the person's registrations and waitlist places
    ASK = "ask"  # cancel one: asks first
    YES = "yes"  # cancel it (a place, a waitlist place or an offer: whatever the person holds now)


class MineCb(Strict, prefix="mine1"):
    """«Мои записи» (bot/handlers/sessions/mine.py); ``back``: opened from /settings (its «Назад» leads there)."""

    action: MineAction
    session_id: Id = 0
    back: bool = False
