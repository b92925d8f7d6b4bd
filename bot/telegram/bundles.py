"""One object a router filter hands its handlers in place of many parameters (the idea form's `Steps`, the public
list's `Reader`, the set-up's `Visit`), made of what the dispatcher and the middlewares put into the update's data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from typing import Any, ClassVar, Protocol, TypeVar

from aiogram.filters import BaseFilter
from aiogram.types import TelegramObject


class DataclassInstance(Protocol):
    """Any dataclass (what `dataclasses.fields` takes)."""

    __dataclass_fields__: ClassVar[dict[str, Any]]


B = TypeVar("B", bound="DataclassInstance")


def bundle(cls: type[B], data: Mapping[str, Any], **given: Any) -> B:
    """The dataclass ``cls`` with each field taken from the update's ``data`` by its name (from ``given`` first)."""
    return cls(**{field.name: given[field.name] if field.name in given else data[field.name] for field in fields(cls)})


class Bundled(BaseFilter):
    """A router filter that hands the handlers below it the bundle ``cls`` as ``key``, its ``user`` the person the
    bot knows; an update from anyone else is not theirs (it comes after IsOnboarded: the person is known)."""

    def __init__(self, key: str, cls: type[DataclassInstance]) -> None:
        self.key = key
        self.cls = cls

    async def __call__(self, event: TelegramObject, **data: Any) -> dict[str, Any] | bool:
        user = data.get("user")
        if user is None:
            return False
        return {self.key: bundle(self.cls, data, user=user)}
