"""Words of a text as search compares them: lower case, ё as е, letters and digits only.

Used by the SQL function ``find_fold`` (registered on the connection, bot/storage/db.py) and by the search's
stems (bot/services/find.py), so both sides of a comparison are folded alike.
"""

from __future__ import annotations

import re

WORD_RE = re.compile(r"[^\W_]+")  # letters and digits (any script), no underscore


def words(text: str) -> list[str]:
    return WORD_RE.findall(text.lower().replace("ё", "е"))


def fold(text: str | None) -> str:
    """The text's words, each preceded by a space: `instr(fold(x), ' ' || stem)` finds a word starting with
    ``stem``."""
    if not text:
        return ""
    return "".join(" " + word for word in words(text))
