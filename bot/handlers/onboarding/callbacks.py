"""Onboarding buttons: the language, the consent, the territory (picked or paged through), the subscriptions."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal, Self

from pydantic import Field, model_validator

from bot.telegram.callbacks import TERRITORY_CODE, Page, Small, Strict


class LangCb(Strict, prefix="lang1"):
    code: Literal["ru", "en"]


class ConsentAction(StrEnum):
    ACCEPT = "accept"
    DECLINE = "decline"
    LANGUAGE = "lang"  # the consent text in the other language
    SHOW = "show"  # the consent text again


class ConsentCb(Strict, prefix="cons1"):
    action: ConsentAction


class TerritoryAction(StrEnum):
    PICK = "pick"  # `code` is the person's territory
    PAGE = "page"  # another `page` of the territories


class TerritoryCb(Strict, prefix="terr2"):
    action: TerritoryAction
    code: Annotated[str, Field(pattern=rf"^(?:{TERRITORY_CODE})?$")] = ""
    page: Page = 0

    @model_validator(mode="after")
    def _code_picked(self) -> Self:
        if (self.action is TerritoryAction.PICK) != bool(self.code):
            raise ValueError(f"territory {self.action}: {self.code!r}")
        return self


class SubsAction(StrEnum):
    TOGGLE = "toggle"  # of `direction_id`
    DONE = "done"


class SubsCb(Strict, prefix="subs1"):
    action: SubsAction
    direction_id: Small = 0


class RenewAction(StrEnum):
    ACCEPT = "accept"  # the current consent version, by someone who accepted an older one (or /privacy's button)
    DECLINE = "decline"
    TEXT = "text"  # the full consent text, as a message of its own


class RenewCb(Strict, prefix="renew1"):
    action: RenewAction
