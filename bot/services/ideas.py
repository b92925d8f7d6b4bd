"""Rules for ideas that do not depend on Telegram."""

from __future__ import annotations

import re
import secrets
from dataclasses import asdict
from typing import Any

from bot.storage.models import IdeaDraft
from bot.text import INVISIBLE, has_visible, tidy, too_long, visible_length

TEXT_MIN = 10
TEXT_MAX = 2000
PHOTOS_MAX = 10
ADDRESS_MIN = 3
ADDRESS_MAX = 300
# A reason the author reads: «Нет» typed to back out once reached an author as the reason. Ten characters is
# the shortest reason that says something («Дубль № 12», «Уже сделано»).
REASON_MIN = 10
REASON_MAX = 500
# What a curator types to back out of a rejection (compared lower-cased, without punctuation around it).
BACK_OUT = frozenset(
    "нет не надо отмена отменить отмени назад стоп передумал передумала cancel no back stop nope".split()
)
BACK_OUT_PHRASES = frozenset({"не надо", "не отклонять", "не отправлять"})
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")


# Lengths count the characters a person sees (bot/text.py): twelve zero-width spaces are not an idea.


def text_problem(text: str) -> tuple[str, dict[str, int]] | None:
    """None if the text is acceptable, else (locale key, arguments)."""
    if not has_visible(text):
        return INVISIBLE, {}
    length = visible_length(text)
    if length < TEXT_MIN:
        return "idea-text-short", {"length": length, "min": TEXT_MIN}
    over = too_long(tidy(text), TEXT_MAX)
    if over is not None:
        return "idea-text-long", {"length": over, "max": TEXT_MAX}
    return None


def reason_problem(reason: str) -> tuple[str, dict[str, int]] | None:
    """A rejection reason typed by a curator or moderator: None if acceptable, else (locale key, arguments)."""
    if not has_visible(reason):
        return INVISIBLE, {}
    length = visible_length(reason)
    if length < REASON_MIN:
        return "reject-reason-short", {"length": length, "min": REASON_MIN}
    if too_long(tidy(reason), REASON_MAX) is not None:
        return "card-reason-long", {"max": REASON_MAX}
    return None


def backs_out(text: str) -> bool:
    """Whether a typed "reason" is really the curator backing out («Нет», «отмена», "cancel", /cancel)."""
    words = " ".join(_EDGES.sub("", tidy(text).lower().replace("ё", "е")).split())
    return words.lstrip("/") in BACK_OUT or words in BACK_OUT_PHRASES


def address_problem(text: str) -> str | None:
    if not has_visible(text):
        return INVISIBLE
    if visible_length(text) < ADDRESS_MIN:
        return "idea-place-short"
    if too_long(tidy(text), ADDRESS_MAX) is not None:
        return "idea-place-long"
    return None


def new_token() -> int:
    """A draft's token: Send makes one idea per token, however often it is pressed."""
    return secrets.randbelow(10**12) + 1


def draft_token(data: dict[str, Any]) -> int:
    """The token of the draft in FSM data (drafts begun before tokens existed get 0: no token)."""
    token = data.get("token")
    return token if isinstance(token, int) and token > 0 else 0


def draft_from(data: dict[str, Any]) -> IdeaDraft:
    raw = data.get("draft") or {}
    return IdeaDraft(**{k: v for k, v in raw.items() if k in IdeaDraft.__dataclass_fields__})


def draft_to(draft: IdeaDraft) -> dict[str, Any]:
    return asdict(draft)


def add_photos(draft: IdeaDraft, file_ids: list[str]) -> int:
    """Attach photos up to the limit; returns how many were refused."""
    room = PHOTOS_MAX - len(draft.photos)
    taken = [f for f in file_ids if f not in draft.photos][: max(room, 0)]
    draft.photos.extend(taken)
    return len(file_ids) - len(taken)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2
