"""Versioned callback data factories (the digit in the prefix is the version).

Bump the version when a factory's fields change: presses on old buttons then
fail to parse and get the "button is out of date" answer instead of misfiring.
"""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData


class LangCb(CallbackData, prefix="lang1"):
    code: str


class ConsentCb(CallbackData, prefix="cons1"):
    action: str  # accept | decline | lang


class TerritoryCb(CallbackData, prefix="terr1"):
    action: str  # pick | page
    value: str


class SubsCb(CallbackData, prefix="subs1"):
    action: str  # toggle | done
    direction_id: int = 0


class IdeaCb(CallbackData, prefix="idea1"):
    action: str  # skip_photos | done_photos | skip_place | dir | other_dirs | send | edit | edit_* | cancel | back
    value: int = 0


class CardCb(CallbackData, prefix="card1"):
    action: str  # accept | reject | move | move_to | back | progress | implemented
    idea_id: int
    direction_id: int = 0


class BindCb(CallbackData, prefix="bind1"):
    direction_id: int


class DeleteMeCb(CallbackData, prefix="delme1"):
    confirm: bool


class BroadcastCb(CallbackData, prefix="bc1"):
    action: str  # aud | dir | authors | terr | pick | back | confirm | drop | stop
    value: str = ""  # audience kind / direction id / territory code
    id: int = 0  # broadcast number (stop)


class SettingsCb(CallbackData, prefix="set1"):
    action: str  # announcements
    on: bool = False


class OrgCb(CallbackData, prefix="org1"):
    action: str  # list | open | rm | rm_yes | cur | add
    user_id: int = 0
    direction_id: int = 0


class ModCb(CallbackData, prefix="mod1"):
    # ok | rej | dup | mv | mvto | back | skip | prog | impl | photos | hidden | rst | hrej | hskip | new
    action: str
    idea_id: int = 0
    value: int = 0  # the target direction (mvto)


class ExportCb(CallbackData, prefix="exp1"):
    kind: str  # ideas | residents | supports | deliveries
    fmt: str  # csv | xlsx


class PubCb(CallbackData, prefix="pub1"):
    """/ideas (public ideas). The view (filter, sort, page) rides along so Back returns to it."""

    action: str  # page | open | sup | uns | rep | rr (report with reason) | flt | fd | ft | set | noop
    idea: int = 0
    kind: str = "a"  # a (all) | d (direction) | t (territory)
    value: str = ""  # direction id or territory code
    sort: str = "s"  # s (supports) | d (date)
    page: int = 0
    reason: str = ""  # spam | abuse | offtopic | dup | none


# --- Sessions and polls (issue 4) ---------------------------------------------------------


class SessionCb(CallbackData, prefix="ses1"):
    """A resident's buttons on a session card (bot/handlers/sessions.py)."""

    # view | list (page) | reg | wait (both: a place, or the waitlist when full) | unreg (asks) | unreg_yes |
    # leave | accept_offer | decline_offer | ics | qr
    action: str
    session_id: int = 0
    page: int = 0


class SessionAdminCb(CallbackData, prefix="sadm1"):
    """An organizer's session management buttons (bot/handlers/sessions_admin.py)."""

    # /new_session draft: nd (direction) | nds (deadline = the start) | nok (create) | nch (change menu) |
    #   nf (change a field) | nb (back to the summary) | nx (drop)
    # a session: list | manage (value 1: in place) | edit | field | dir | dls (deadline = the start) | resched |
    #   cancel | cancel_yes | people | attend | waitlist | export | link
    # /announce: announce (pick the audience) | aud (value 0: direction subscribers, 1: everyone) | aok | ax
    action: str
    session_id: int = 0
    value: int = 0  # a field index, a direction id, a user id, a flag
    page: int = 0  # the page of a paged list (registrants, sessions)


class FeedbackCb(CallbackData, prefix="fb1"):
    """The feedback request after a session (bot/handlers/feedback.py)."""

    action: str  # rate | skip_comment
    session_id: int
    rating: int = 0


class PollCb(CallbackData, prefix="poll1"):
    """Session chats, step-by-step poll drafting and results (bot/handlers/polls.py)."""

    # bind (value: session id, in a group) | res (value: poll id) | page (value: page of /results in private)
    # draft: done (options entered) | anon | multi | quiz | correct (value: option index) | noquiz | close |
    #   closeset (value: minutes; 0 none, -1 typed) | back | next (pick a chat) | chat (value: chat id) | post | drop
    action: str
    value: int = 0
