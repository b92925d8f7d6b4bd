"""Offline suggestion of a direction for an idea's text.

Keywords (Russian and English) come from the directions table. Every keyword
and every word of the text is reduced to its stem with the Snowball stemmers,
so "парк", "парке", "парков" and "parks" match alike. A keyword shared by
several directions counts less; multi-word keywords count more.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import Stemmer  # PyStemmer: the Snowball stemmers in C

WORD_RE = re.compile(r"[0-9a-zа-я]+(?:-[0-9a-zа-я]+)*")
CYRILLIC = re.compile(r"[а-я]")
_ru = Stemmer.Stemmer("russian")
_en = Stemmer.Stemmer("english")

# Short function words that carry no routing signal.
STOP = frozenset(
    "и в во на не что это как для по из за от до у о об к с со а но или же бы ли то так все мы вы "
    "он она они его ее их мне нам нас наш наши наша можно нужно надо очень бы чтобы есть был было "
    "the a an and or of to in on at for by with from is are be this that it we our you your".split()
)


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    if CYRILLIC.search(word):
        return str(_ru.stemWord(word))
    return str(_en.stemWord(word))


def tokens(text: str) -> list[str]:
    """Words of the text in order (hyphenated words kept whole), without stop words."""
    text = text.lower().replace("ё", "е")
    return [w for w in WORD_RE.findall(text) if w not in STOP]


def stems(text: str) -> list[str]:
    return [stem(w) for w in tokens(text)]


@dataclass(frozen=True, slots=True)
class Suggestion:
    ranking: tuple[tuple[int, float], ...]  # (direction id, score), best first

    @property
    def best(self) -> int:
        return self.ranking[0][0]

    @property
    def runner_up(self) -> int | None:
        return self.ranking[1][0] if len(self.ranking) > 1 else None

    @property
    def confident(self) -> bool:
        return self.ranking[0][1] > 0


class DirectionRouter:
    PREFIX_MIN = 5  # a stem this long also matches longer words that start with it

    def __init__(self, directions: Iterable[tuple[int, Sequence[str]]], default_id: int | None = None) -> None:
        self.order: list[int] = []
        unigrams: dict[str, set[int]] = defaultdict(set)
        phrases: dict[tuple[str, ...], set[int]] = defaultdict(set)
        for direction_id, keywords in directions:
            self.order.append(direction_id)
            for keyword in keywords:
                parts = tuple(stems(keyword))
                if len(parts) == 1:
                    unigrams[parts[0]].add(direction_id)
                elif parts:
                    phrases[parts].add(direction_id)
        if not self.order:
            raise ValueError("no directions to route to")
        self.default_id = default_id if default_id is not None else self.order[0]
        self.unigrams = {s: frozenset(ids) for s, ids in unigrams.items()}
        self.phrases = {p: frozenset(ids) for p, ids in phrases.items()}
        self.prefixes = sorted((s for s in self.unigrams if len(s) >= self.PREFIX_MIN), key=len, reverse=True)

    def _match(self, token: str) -> frozenset[int] | None:
        found = self.unigrams.get(token)
        if found is not None:
            return found
        for prefix in self.prefixes:
            if len(prefix) < len(token) and token.startswith(prefix):
                return self.unigrams[prefix]
        return None

    def suggest(self, text: str) -> Suggestion:
        sequence = stems(text)
        bag = set(sequence)
        for word in tokens(text):
            if "-" in word:
                bag.update(stem(part) for part in word.split("-") if part)
        scores: dict[int, float] = dict.fromkeys(self.order, 0.0)
        for token in bag:
            ids = self._match(token)
            if ids:
                for direction_id in ids:
                    scores[direction_id] += 1.0 / len(ids)
        for i in range(len(sequence) - 1):
            for size in (2, 3):
                ids = self.phrases.get(tuple(sequence[i : i + size]))
                if ids:
                    for direction_id in ids:
                        scores[direction_id] += 1.5 / len(ids)
        position = {d: n for n, d in enumerate(self.order)}
        ranking = sorted(
            scores.items(),
            key=lambda item: (-item[1], item[0] != self.default_id, position[item[0]]),
        )
        return Suggestion(tuple(ranking))
