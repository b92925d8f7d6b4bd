"""Municipalities of the Orenburg region, from bot/data/territories.json."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources

OTHER = "other"


@dataclass(frozen=True, slots=True)
class Territory:
    code: str
    ru: str
    en: str
    kind: str
    aliases: tuple[str, ...]

    def name(self, lang: str) -> str:
        return self.en if lang == "en" else self.ru


def _norm(text: str) -> str:
    return re.sub(r"[\s\-–—.,«»\"']+", " ", text.lower().replace("ё", "е")).strip()


class Territories:
    def __init__(self, items: list[Territory], other: Territory) -> None:
        self.items = items
        self.other = other
        self.by_code = {t.code: t for t in [*items, other]}
        self._index: dict[str, str] = {}
        for t in items:
            for alias in (t.ru, t.en, *t.aliases):
                self._index.setdefault(_norm(alias), t.code)

    @classmethod
    def load(cls) -> Territories:
        raw = json.loads(resources.files("bot").joinpath("data/territories.json").read_text(encoding="utf-8"))
        items = [
            Territory(
                code=r["code"],
                ru=r["ru"],
                en=r["en"],
                kind=r["kind"],
                aliases=tuple(r.get("aliases", [])) + ((r["centre_ru"],) if r.get("centre_ru") else ()),
            )
            for r in raw
        ]
        other = Territory(code=OTHER, ru="Другое место", en="Another place", kind="other", aliases=())
        return cls(items, other)

    def get(self, code: str | None) -> Territory | None:
        return self.by_code.get(code) if code else None

    def name(self, code: str | None, lang: str) -> str | None:
        territory = self.get(code)
        return territory.name(lang) if territory else None

    def match(self, text: str) -> Territory | None:
        """A territory typed by name (any form the data file knows)."""
        key = _norm(text)
        if not key:
            return None
        code = self._index.get(key)
        if code is None:
            candidates = {c for alias, c in self._index.items() if len(key) >= 4 and alias.startswith(key)}
            if len(candidates) == 1:
                code = candidates.pop()
        return self.by_code.get(code) if code else None

    def page(self, number: int, size: int) -> tuple[list[Territory], int]:
        pages = max(1, -(-len(self.items) // size))
        number = min(max(number, 0), pages - 1)
        return self.items[number * size : (number + 1) * size], pages
