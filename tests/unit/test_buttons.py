"""Every button factory: a prefix of its own, and data that fits Telegram's 64 bytes at its largest."""

from __future__ import annotations

import enum
import re
import typing
from typing import Any

import pytest
from pydantic.fields import FieldInfo

import bot.handlers  # noqa: F401  (imports every feature's button factories)
from bot.telegram.callbacks import TERRITORY_CODE, Strict, factories

CALLBACK_DATA_LIMIT = 64  # bytes, Telegram's limit for callback_data
FACTORIES = factories()
# The longest strings a patterned field may carry (a territory code is at most 30 characters; an audience is
# "territory." and a code; bot/telegram/callbacks.py TERRITORY_CODE); each candidate is used only where the field's pattern accepts it.
LONG_STRINGS = ["territory." + "a" * 30, "direction.999", "authors.999", "a" * 30, "99999", "999", ""]


def largest(info: FieldInfo) -> Any:
    kind = info.annotation
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return max((member for member in kind), key=lambda member: len(str(member.value)))
    if typing.get_origin(kind) is typing.Literal:
        return max(typing.get_args(kind), key=lambda value: len(str(value)))
    if kind is bool:
        return True
    if kind is int:
        low = next((m.ge for m in info.metadata if hasattr(m, "ge")), -(2**63))
        high = next((m.le for m in info.metadata if hasattr(m, "le")), 2**63)
        return max((low, high), key=lambda value: len(str(value)))
    if kind is str:
        limit = next((m.max_length for m in info.metadata if hasattr(m, "max_length")), None)
        pattern = next((m.pattern for m in info.metadata if hasattr(m, "pattern") and m.pattern), None)
        if pattern is None:
            assert limit is not None, f"a free string field without a length limit: {info}"
            return "я" * limit  # two bytes a character
        return max((s for s in LONG_STRINGS if re.search(pattern, s)), key=len)
    raise AssertionError(f"a field type buttons should not carry: {kind}")


def test_every_factory_has_a_prefix_of_its_own() -> None:
    prefixes = [cls.__prefix__ for cls in FACTORIES]
    assert len(FACTORIES) >= 15
    assert len(prefixes) == len(set(prefixes)), sorted(prefixes)
    assert Strict.__prefix__ not in prefixes
    # A prefix is not the start of another one followed by the separator (parsing is by the first part).
    assert all(re.fullmatch(r"[a-z]+[0-9]+", prefix) for prefix in prefixes), prefixes


@pytest.mark.parametrize("factory", FACTORIES, ids=lambda cls: cls.__name__)
def test_data_at_its_largest_fits_64_bytes(factory: type[Strict]) -> None:
    values = {name: largest(info) for name, info in factory.model_fields.items()}
    packed = factory.model_construct(**values).pack()
    assert len(packed.encode()) <= CALLBACK_DATA_LIMIT, packed


def test_the_territory_code_pattern_is_what_the_long_strings_assume() -> None:
    assert re.fullmatch(TERRITORY_CODE, "a" * 30) and not re.fullmatch(TERRITORY_CODE, "a" * 31)


def test_report_reasons_on_buttons_are_the_stored_ones() -> None:
    from bot.handlers.ideas.callbacks import ReportReason
    from bot.services.moderation import REPORT_REASONS

    assert tuple(reason.word for reason in ReportReason if reason is not ReportReason.NOTHING) == REPORT_REASONS


def test_every_territory_code_fits_buttons() -> None:
    from bot.services.territories import Territories

    codes = list(Territories.load().by_code)
    assert codes and all(re.fullmatch(TERRITORY_CODE, code) for code in codes)
