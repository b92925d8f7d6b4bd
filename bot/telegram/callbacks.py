"""Button data: the strict base every factory derives from, and the ranges of what buttons carry.

A press carries at most 64 bytes that anyone can forge. Each feature declares its factories in its own
`callbacks.py` (a prefix ending in a version digit, actions as an enum of short wire codes); `Strict.unpack`
parses them strictly: a number is plain ASCII digits, a flag is 0 or 1, an action is one of its enum's
codes, and anything else is refused before a handler sees it (a forged press is answered, never obeyed).
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Annotated, Any, Self

from aiogram.filters.callback_data import CallbackData
from pydantic import Field

_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]{0,18})")


# Ranges of the numbers buttons carry.
Id = Annotated[int, Field(ge=0, le=2**53)]  # a row id (idea, session, poll, broadcast) or a Telegram user id


# A row id where the button is crowded (nine digits: far beyond what a region writes): keeps it in 64 bytes.
RowId = Annotated[int, Field(ge=0, le=999_999_999)]


ChatId = Annotated[int, Field(ge=-(2**53), le=2**53)]  # a Telegram chat id (groups are negative)


Small = Annotated[int, Field(ge=0, le=999)]  # a direction id, a field or option index, a rating


Page = Annotated[int, Field(ge=0, le=99_999)]


TERRITORY_CODE = r"[a-z][a-z0-9_]{0,29}"  # bot/data/territories.json: at most 30 characters


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
            elif isinstance(kind, type) and issubclass(kind, Enum):
                try:
                    payload[name] = kind(part)
                except ValueError:
                    raise ValueError(f"{cls.__name__}.{name}: {part!r} is not an action") from None
            elif kind is int:
                if not _NUMBER.fullmatch(part):
                    raise ValueError(f"{cls.__name__}.{name}: {part!r} is not a number")
                payload[name] = int(part)
            else:
                payload[name] = part
        # Strict: no conversions left to pydantic; ranges, patterns and literals still checked (ValueError).
        return cls.model_validate(payload, strict=True)


def factories() -> list[type[Strict]]:
    """Every button factory (a subclass of Strict) of the features imported so far (`import bot.handlers`: all)."""
    found: list[type[Strict]] = []
    todo = list(Strict.__subclasses__())
    while todo:
        cls = todo.pop(0)
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return found
