"""Offline text similarity: which public ideas say much the same as a new one.

Words are reduced to Snowball stems (the stemmer of bot/services/routing.py), so
"велодорожку", "велодорожки" and "велодорожек" are one word. Each idea is a TF-IDF
vector of its stems (sublinear term frequency, smoothed inverse document frequency
over the public ideas); two texts are as similar as the cosine of their vectors.
Words seen in no public idea still count in the new text's length, so a long
text that shares one rare word with an idea is not taken for its duplicate.

Tuned on the labelled pairs of tests/data/similar_pairs.json (bench/similar_quality.py prints precision and
recall): abbreviations spelled out («ДК»), words residents use for one thing counted as one (лавочки/скамейки,
фонари/освещение), names of places (towns, capitalised words, «ДК металлургов») and words that say where
(двор, остановка, школа, дворец культуры) weigh half — what an idea asks for matters more than where —,
and two texts about different places (another town, another street) score a quarter. A word no public idea
has counts as one a single idea has, so a new bot with few public ideas still finds a near-copy.

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

from bot.services.routing import STOP, WORD_RE, stem
from bot.services.territories import Territories

NUMBER_RE = re.compile(r"\b\d+\b")  # house and school numbers: never stemmed, never counted
# Abbreviations spelled out before stemming (a word boundary on both sides; the text is lower-cased first).
# A palace of culture's name ("ДК металлургов", "дворца культуры железнодорожников") is a name: capitalised.
CULTURE_RE = re.compile(r"\b(?:дк|дом\w* культуры|двор\w* культуры)\s+(\w)", re.IGNORECASE)
ABBREVIATIONS = (
    (re.compile(r"\bдк\b", re.IGNORECASE), "дворец культуры"),
    (re.compile(r"\bwi-?fi\b|\bвай-?фай\b", re.IGNORECASE), "wifi"),
    (re.compile(r"\bвелодорожк", re.IGNORECASE), "велосипедн дорожк"),
)

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
        "хотелось было бы пожалуйста идея прошу просим нужен требуется привести порядок сейчас очень нет "
        "город города городе поселок поселке села селе район района районе улица улице улицы дом дома "
        "make build add create open new more please need want idea let city town"
    ).split()
)


# Words residents use for one thing: each group is counted as its first word's stem.
SYNONYMS = (
    "лавочки скамейки скамьи лавки скамеек лавочек",
    "фонари освещение светильники фонарей освещения темно",
    "сквер скверик",
    "пожилых пенсионеров пенсионеры пожилые",
    "детей дети детская детские ребенка школьников школьники",
    "компьютер компьютерной смартфоном",
    "ремонт отремонтировать отремонтируйте ремонта",
    "благоустроить благоустройте благоустройство благоустройства",
    "урны мусорных мусорки",
    "озеленить деревья озеленение посадить высадить",
    "бесплатные бесплатно бесплатный",
    "краеведческий истории",
)
SYNONYM = {stem(word): stem(group.split()[0]) for group in SYNONYMS for word in group.split()}
# The region's towns and districts by stem (bot/data/territories.json): two ideas about different towns are not
# one idea, however alike their words.
TOWN = {
    stem(name): territory.code
    for territory in Territories.load().items
    for name in (territory.ru, territory.en, *territory.aliases)
    if name and " " not in name and "." not in name
}
OTHER_PLACE = 0.25  # the score of two texts naming places (towns, streets), none the same, is multiplied by this
LONG_TERMS = 12  # a text with this many terms or more is long: its words vary more, its score runs lower
LONG_DISCOUNT = 0.1  # the threshold is this much lower when both texts are long


# Words that say where, not what: they count as a place's name.
PLACE_NOUNS = frozenset(
    stem(word)
    for word in (
        "дворец дворца культуры поликлиника поликлиники больница остановка остановке подъезд подъезде стадион "
        "стадионе школа школы школе двор дворе набережная набережной парк парке проспект проспекта библиотека "
        "библиотеке вход входа перекресток аллея аллее микрорайон квартал"
    ).split()
)
NAME = "^"  # the mark of a name (a town, a street, a park): where the idea is, not what it is about
PLACE = "@"  # the mark of a word of PLACE_NOUNS
PLACE_WEIGHT = 0.5  # a name or a place word weighs this much of a word of the same rarity
SENTENCE_END = re.compile(r"[.!?…]")


def _normalise(text: str) -> str:
    text = NUMBER_RE.sub(" ", text.replace("ё", "е").replace("Ё", "Е"))
    text = CULTURE_RE.sub(lambda m: m.group()[:-1] + m.group(1).upper(), text)
    for pattern, spelled in ABBREVIATIONS:
        text = pattern.sub(spelled, text)
    return text


def _stems(text: str) -> Iterable[tuple[str, str]]:
    """(stem, its mark): NAME for a town or a capitalised word inside a sentence, PLACE for a word that says where
    (PLACE_NOUNS), "" for the rest."""
    text = _normalise(text)
    lowered = text.lower()
    previous = -1  # where the last word ended (-1: none yet, the next word starts a sentence)
    for match in WORD_RE.finditer(lowered):
        start, word = match.start(), match.group()
        starts_sentence = previous < 0 or SENTENCE_END.search(text, previous, start) is not None
        previous = match.end()
        if word in STOP:
            continue
        word_stem = stem(word)
        capital = text[start].isupper() and not starts_sentence
        if capital or word_stem in TOWN:
            yield word_stem, NAME
        else:
            yield word_stem, PLACE if word_stem in PLACE_NOUNS else ""


def _names(bag: Iterable[str]) -> frozenset[str]:
    """The names in a text's terms (towns by their territory's code, so "Орск" and "Orsk" are one)."""
    return frozenset(TOWN.get(term[1:], term) for term in bag if term.startswith(NAME))


def _elsewhere(ours: frozenset[str], theirs: frozenset[str] | None) -> bool:
    """Whether two texts' names say they are about different places: no name in common, or towns and none the
    same (the same street name in two towns)."""
    if not theirs:
        return False
    if not ours & theirs:
        return True
    our_towns = {name for name in ours if not name.startswith(NAME)}
    their_towns = {name for name in theirs if not name.startswith(NAME)}
    return bool(our_towns and their_towns and not our_towns & their_towns)


def _is_long(bag: Iterable[str]) -> bool:
    return sum(1 for term in bag if not term.endswith("…")) >= LONG_TERMS


def terms(text: str) -> Counter[str]:
    """Stem counts of a text (stop words and very short stems dropped).

    A stem longer than PREFIX letters also counts its first PREFIX letters as a second
    term: Russian words whose stems differ in a fleeting vowel or a suffix ("скамейк" /
    "скамеек", "коляск" / "колясочник") then still have something in common.
    """
    found: Counter[str] = Counter()
    for raw_stem, mark in _stems(text):
        word_stem = SYNONYM.get(raw_stem, raw_stem)
        if len(word_stem) < MIN_STEM or word_stem.isdigit() or word_stem in GENERIC:
            continue
        if mark:
            found[mark + word_stem] += 1
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
        self._names: dict[int, frozenset[str]] = {}  # idea id → the names in it (towns by code)
        self._long: set[int] = set()  # the ids of long texts
        self.add_many((idea_id, terms(text)) for idea_id, text in items)

    def __len__(self) -> int:
        return len(self._docs)

    def ids(self) -> set[int]:
        return set(self._docs)

    def _idf(self, term: str) -> float:
        # A word no public idea has counts as one that a single idea has: a small index (a new bot, one public
        # idea) then does not let the new text's other words outweigh those it shares.
        idf = math.log((1 + len(self._docs)) / (1 + max(1, self._df.get(term, 0)))) + 1.0
        return idf * PLACE_WEIGHT if term[0] in (NAME, PLACE) else idf

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
        named = _names(bag)
        if named:
            self._names[idea_id] = named
        if _is_long(bag):
            self._long.add(idea_id)
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
        self._names.pop(idea_id, None)
        self._long.discard(idea_id)
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
        """The ``limit`` most similar texts with cosine ≥ ``threshold``, best first (ties: newer first).

        Two texts naming places, none of them the same (another town, street, village), score OTHER_PLACE of
        their cosine; two long texts need LONG_DISCOUNT less than ``threshold``."""
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
        named, long = _names(bag), _is_long(bag)
        ranked = []
        lowest = threshold - LONG_DISCOUNT if long else threshold
        for idea_id, score in scores.items():
            if score < lowest:
                continue  # most candidates: the checks below only ever lower a score
            if named and _elsewhere(named, self._names.get(idea_id)):
                score *= OTHER_PLACE
            if score >= (threshold - LONG_DISCOUNT if long and idea_id in self._long else threshold):
                ranked.append(Match(idea_id, score))
        ranked.sort(key=lambda m: (-m.score, -m.idea_id))
        return ranked[:limit]


def similarity(a: str, b: str) -> float:
    """Cosine similarity of two texts alone (for tests and one-off checks)."""
    matches = SimilarIndex([(1, b)]).query(a, limit=1, threshold=0.0)
    return matches[0].score if matches else 0.0
