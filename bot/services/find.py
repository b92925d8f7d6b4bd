"""Finding public ideas: by words (/ideas <words>, the list's search button) and near a shared location.

Plain logic, testable without Telegram: a query's words and their stems, the territories they name, the
distance between two points (haversine), the box around a point that the database narrows by first, and
distances in words.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from bot.services.territories import Territories
from bot.storage.find import Box, Term
from bot.storage.models import Idea
from bot.storage.repositories import Repos
from bot.storage.words import words

QUERY_MIN = 3  # characters of a query
QUERY_MAX = 100
WORD_MIN = 3  # shorter words (prepositions, numbers like "15") are not searched for
WORDS_MAX = 6  # words of a query searched for; the rest are ignored
# A word of 6+ letters is searched for by its first 5 («освещение» finds «освещения», «освещать»), of 5 letters by
# its first 4 («парке» finds «парк», «парковая»); shorter words whole, as the start of a word («дом» finds «дома»).
STEM = 5
SHORT_STEM = 4
# Short words that would only narrow the search to nothing.
STOP_WORDS = frozenset(
    {"для", "или", "как", "что", "это", "при", "над", "под", "без", "чтобы", "где", "the", "and", "for", "with"}
)
EARTH_RADIUS_M = 6_371_000.0


class QueryProblem(Enum):
    SHORT = "short"  # under QUERY_MIN characters, or no word of WORD_MIN letters
    LONG = "long"  # over QUERY_MAX characters


@dataclass(frozen=True, slots=True)
class Query:
    text: str  # as typed, spaces squeezed (shown back to the person)
    stems: tuple[str, ...]


def parse_query(text: str) -> Query | QueryProblem:
    """The query's stems, or what is wrong with it."""
    flat = " ".join(text.split())
    if len(flat) > QUERY_MAX:
        return QueryProblem.LONG
    if len(flat) < QUERY_MIN:
        return QueryProblem.SHORT
    stems: list[str] = []
    for word in words(flat):
        if len(word) < WORD_MIN or word in STOP_WORDS:
            continue
        stem = word[:STEM] if len(word) > STEM else word[:SHORT_STEM]
        if stem not in stems:
            stems.append(stem)
    if not stems:
        return QueryProblem.SHORT
    return Query(flat, tuple(stems[:WORDS_MAX]))


def terms(query: Query, territories: Territories) -> list[Term]:
    """Each stem with the territories whose name (Russian or English) has a word starting with it."""
    names = [(t.code, words(f"{t.ru} {t.en}")) for t in territories.items]
    return [
        Term(stem, tuple(code for code, name_words in names if any(w.startswith(stem) for w in name_words)))
        for stem in query.stems
    ]


async def search(
    repos: Repos, territories: Territories, query: Query, offset: int, limit: int
) -> tuple[list[Idea], int]:
    """One page of the public ideas with every word of the query, most supported first; and how many there are."""
    found = await repos.find.search(terms(query, territories))
    return await repos.public.many(found[offset : offset + limit]), len(found)


# --- near a point ------------------------------------------------------------------------------------------


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Metres between two points on the Earth (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def box(lat: float, lon: float, radius_m: float) -> Box:
    """A latitude/longitude box holding every point within ``radius_m`` of the point (a little more)."""
    dlat = math.degrees(radius_m / EARTH_RADIUS_M)
    cos = max(math.cos(math.radians(lat)), 0.01)  # near the poles the box is every longitude
    dlon = min(180.0, math.degrees(radius_m / (EARTH_RADIUS_M * cos)))
    return Box(south=lat - dlat, north=lat + dlat, west=lon - dlon, east=lon + dlon)


@dataclass(frozen=True, slots=True)
class Near:
    idea: Idea
    metres: float


def nearest(ideas: Sequence[Idea], lat: float, lon: float, radius_m: float) -> list[Near]:
    """Those of the ideas with a point within ``radius_m``, nearest first (then the most supported)."""
    found = [
        Near(idea, distance_m(lat, lon, idea.latitude, idea.longitude))
        for idea in ideas
        if idea.latitude is not None and idea.longitude is not None
    ]
    found = [n for n in found if n.metres <= radius_m]
    found.sort(key=lambda n: (n.metres, -n.idea.supports_count, -n.idea.id))
    return found


async def near(repos: Repos, lat: float, lon: float, radius_m: float) -> list[Near]:
    return nearest(await repos.find.in_box(box(lat, lon, radius_m)), lat, lon, radius_m)


class Unit(Enum):
    METRES = "m"
    KILOMETRES = "km"


def distance_parts(metres: float, lang: str) -> tuple[Unit, str]:
    """A distance as people say it: «350 м» (to 10 m) under a kilometre, «1,2 км» (a tenth) under 10 km,
    then whole kilometres; the decimal comma in Russian."""
    if metres < 995:
        return Unit.METRES, str(max(10, round(metres / 10.0) * 10))
    km = metres / 1000
    if km < 9.95:
        text = f"{km:.1f}"
        if text.endswith(".0"):
            text = text[:-2]
        return Unit.KILOMETRES, text.replace(".", ",") if lang == "ru" else text
    return Unit.KILOMETRES, str(round(km))
