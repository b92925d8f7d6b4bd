"""callbacks."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field

from bot.services.export import ExportFormat, ExportKind
from bot.telegram.callbacks import TERRITORY_CODE, Id, Page, Small, Strict

AUDIENCE = rf"^(?:|all|direction|authors|territory|(?:direction|authors)\.[0-9]{{1,3}}|territory\.{TERRITORY_CODE})$"


class BroadcastCb(Strict, prefix="bc1"):
    action: Literal[
        "aud", "dir", "authors", "terr", "pick", "back", "confirm", "drop", "stop", "resend", "resendok", "keep"
    ]
    # audience kind (all | direction | territory | authors), with a direction id or territory code after a dot
    value: Annotated[str, Field(pattern=AUDIENCE)] = ""
    id: Id = 0  # broadcast number (stop, resend, resendok, keep)


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
