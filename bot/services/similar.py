"""Offline text similarity: which public ideas say much the same as a new one.

Words are reduced to Snowball stems (the stemmer of bot/services/routing.py), so
"велодорожку", "велодорожки" and "велодорожек" are one word. Each idea is a TF-IDF
vector of its stems (sublinear term frequency, smoothed inverse document frequency
over the public ideas); two texts are as similar as the cosine of their vectors.
Words seen in no public idea still count in the new text's length, so a long
text that shares one rare word with an idea is not taken for its duplicate.

Query time is proportional to the ideas sharing a stem with the new text (an
inverted index), not to all public ideas; ideas are added and removed one at a time
as they become public or stop being public.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from bot.services.routing import stem, stems

NUMBER_RE = re.compile(r"\b\d+\b")  # house and school numbers: never stemmed, never counted

PREFIX = 5
MIN_STEM = 3  # shorter stems ("ул", "д", numbers like "1") say little about what the idea is
DEFAULT_THRESHOLD = 0.35
DEFAULT_LIMIT = 3


# Words nearly every proposal has ("сделать", "предлагаю", "please add"): they make two
# unrelated ideas look alike.
GENERIC = frozenset(
    stem(word)
    for word in (
        "сделать сделайте поставить построить установить создать открыть организовать добавить "
        "нужен нужна нужны нужно необходимо больше новый новые предлагаю предлагаем хочу хотим "
        "хотелось было бы пожалуйста идея make build add create open new more please need want idea"
    ).split()
)


def terms(text: str) -> Counter[str]:
    """Stem counts of a text (stop words and very short stems dropped).

    A stem longer than PREFIX letters also counts its first PREFIX letters as a second
    term: Russian words whose stems differ in a fleeting vowel or a suffix ("скамейк" /
    "скамеек", "коляск" / "колясочник") then still have something in common.
    """
    found: Counter[str] = Counter()
    for word_stem in stems(NUMBER_RE.sub(" ", text)):
        if len(word_stem) < MIN_STEM or word_stem.isdigit() or word_stem in GENERIC:
            continue
        found[word_stem] += 1
        if len(word_stem) > PREFIX:
            found[word_stem[:PREFIX] + "…"] += 1
    return found


def _tf(count: int) -> float:
    return 1.0 + math.log(count)


@dataclass(frozen=True, slots=True)
class Match:
    idea_id: int
    score: float


class SimilarIndex:
    """TF-IDF over a changing set of texts, with an inverted index for queries.

    Texts are added and removed one by one (``add`` takes the already computed ``terms``, so
    the costly stemming can run elsewhere). Each text's normalised weights are computed with
    the inverse document frequencies of the moment it is added; all weights are computed anew
    when the number of texts has changed by a quarter since (idf drifts slowly, as a logarithm).
    A query then costs one addition per (query term, text having it).
    """

    def __init__(self, items: Iterable[tuple[int, str]] = ()) -> None:
        self._docs: dict[int, dict[str, float]] = {}  # idea id → term → sublinear tf
        self._df: Counter[str] = Counter()
        self._postings: dict[str, dict[int, float]] = defaultdict(dict)  # term → idea id → weight
        self._weighted_at = 0  # how many texts there were when all weights were last computed
        self.add_many((idea_id, terms(text)) for idea_id, text in items)

    def __len__(self) -> int:
        return len(self._docs)

    def ids(self) -> set[int]:
        return set(self._docs)

    def _idf(self, term: str) -> float:
        return math.log((1 + len(self._docs)) / (1 + self._df.get(term, 0))) + 1.0

    def _weigh(self, idea_id: int) -> None:
        doc = self._docs[idea_id]
        weights = {term: tf * self._idf(term) for term, tf in doc.items()}
        norm = math.sqrt(sum(w * w for w in weights.values()))
        for term, weight in weights.items():
            self._postings[term][idea_id] = weight / norm

    def _reweigh_all(self) -> None:
        self._postings = defaultdict(dict)
        for idea_id in self._docs:
            self._weigh(idea_id)
        self._weighted_at = len(self._docs)

    def _store(self, idea_id: int, bag: Counter[str]) -> bool:
        if idea_id in self._docs:
            self.remove(idea_id)
        if not bag:
            return False
        self._docs[idea_id] = {term: _tf(n) for term, n in bag.items()}
        self._df.update(bag.keys())
        return True

    def _drifted(self) -> bool:
        return abs(len(self._docs) - self._weighted_at) > max(8, self._weighted_at // 4)

    def add(self, idea_id: int, bag: Counter[str]) -> None:
        if not self._store(idea_id, bag):
            return
        if self._drifted():
            self._reweigh_all()
        else:
            self._weigh(idea_id)

    def add_many(self, items: Iterable[tuple[int, Counter[str]]]) -> None:
        added = [idea_id for idea_id, bag in items if self._store(idea_id, bag)]
        if self._drifted():
            self._reweigh_all()
        else:
            for idea_id in added:
                self._weigh(idea_id)

    def remove(self, idea_id: int) -> None:
        doc = self._docs.pop(idea_id, None)
        if doc is None:
            return
        for term in doc:
            self._df[term] -= 1
            if self._df[term] <= 0:
                del self._df[term]
            postings = self._postings.get(term)
            if postings is not None:
                postings.pop(idea_id, None)
                if not postings:
                    del self._postings[term]

    def query(self, text: str, limit: int = DEFAULT_LIMIT, threshold: float = DEFAULT_THRESHOLD) -> list[Match]:
        """The ``limit`` most similar texts with cosine ≥ ``threshold``, best first (ties: newer first)."""
        bag = terms(text)
        if not bag or not self._docs:
            return []
        weights = {term: _tf(n) * self._idf(term) for term, n in bag.items()}
        norm = math.sqrt(sum(w * w for w in weights.values()))
        scores: dict[int, float] = defaultdict(float)
        for term, weight in weights.items():
            share = weight / norm
            for idea_id, doc_weight in self._postings.get(term, {}).items():
                scores[idea_id] += share * doc_weight
        ranked = sorted(
            (Match(idea_id, score) for idea_id, score in scores.items() if score >= threshold),
            key=lambda m: (-m.score, -m.idea_id),
        )
        return ranked[:limit]


def similarity(a: str, b: str) -> float:
    """Cosine similarity of two texts alone (for tests and one-off checks)."""
    matches = SimilarIndex([(1, b)]).query(a, limit=1, threshold=0.0)
    return matches[0].score if matches else 0.0
