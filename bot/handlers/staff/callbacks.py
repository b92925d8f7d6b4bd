"""Button factories of the staff feature: /broadcast, /organizers and /export."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field

from bot.services.export import ExportFormat, ExportKind
from bot.telegram.callbacks import TERRITORY_CODE, Id, Page, RowId, Small, Strict

AUDIENCE = (
    r"^(?:|all|direction|authors|leaders|teams|territory|(?:direction|authors|leaders|teams)\.[0-9]{1,3}"
    rf"|territory\.{TERRITORY_CODE})$"
)


class BroadcastAction(StrEnum):
    # Composing a draft.
    NARROW = "aud"  # show the directions or territories of one kind of audience
    PICK = "pick"
    BACK = "back"
    CONFIRM = "confirm"
    DROP = "drop"
    # Under a broadcast's progress message and its report.
    STOP = "stop"
    RESEND = "resend"
    RESEND_CONFIRMED = "resendok"
    KEEP = "keep"


class BroadcastCb(Strict, prefix="bc1"):
    action: BroadcastAction
    # The audience picked: "all", or its kind with a direction id or a territory code after a dot
    # ("direction.3", "territory.orenburg"); for NARROW, the kind alone, to be narrowed down.
    audience: Annotated[str, Field(pattern=AUDIENCE)] = ""
    broadcast_id: RowId = 0  # under the progress message and the report


class OrgAction(StrEnum):
    LIST = "list"
    OPEN = "open"
    REMOVE = "rm"
    REMOVE_CONFIRMED = "rm_yes"
    CURATE = "cur+"
    UNCURATE = "cur-"
    ADD = "add"
    KICK = "kick"  # out of the curators' chats, after a removal


class OrgCb(Strict, prefix="org2"):
    action: OrgAction
    user_id: Id = 0
    direction_id: Small = 0
    page: Page = 0  # of the list


class ExportCb(Strict, prefix="exp1"):
    kind: ExportKind
    fmt: ExportFormat
