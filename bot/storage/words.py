"""Words of a text as search compares them: lower case, ё as е, letters and digits only.

The full-text index of ideas (migration 0010) folds case itself and is given ё as е; a query's words
(bot/services/find.py) are folded here alike.
"""

from __future__ import annotations

import re

WORD_RE = re.compile(r"[^\W_]+")  # letters and digits (any script), no underscore: as the index splits words


def words(text: str) -> list[str]:
    return WORD_RE.findall(text.lower().replace("ё", "е"))
