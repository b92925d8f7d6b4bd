"""callbacks."""

from __future__ import annotations

import re
from typing import Annotated, Literal, Self

from pydantic import Field, model_validator

from bot.telegram.callbacks import PAGE_NUMBER, TERRITORY_CODE, Small, Strict


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
