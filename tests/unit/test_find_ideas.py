"""Finding ideas without Telegram: a query's stems, the territories its words name, distances and their words,
the box the database narrows by, and the nearest first."""

from __future__ import annotations

import pytest

from bot.services.find import (
    QUERY_MAX,
    Query,
    QueryProblem,
    Unit,
    box,
    distance_m,
    distance_parts,
    nearest,
    parse_query,
    terms,
)
from bot.services.territories import Territories
from bot.storage.db import Database
from bot.storage.find import Term
from bot.storage.models import Idea, IdeaDraft
from bot.storage.repositories import Repos

ORENBURG = (51.7682, 55.0969)


def test_stems_fold_case_and_yo_and_cut_endings() -> None:
    query = parse_query("  Освещение   в ПАРКЕ, ёлка и дом №15 для детей ")
    assert isinstance(query, Query)
    assert query.text == "Освещение в ПАРКЕ, ёлка и дом №15 для детей"
    # 6+ letters: the first 5; 5 letters: the first 4; shorter whole; under 3 letters and «для» dropped
    assert query.stems == ("освещ", "парк", "елка", "дом", "детей"[:4])


def test_a_repeated_stem_counts_once() -> None:
    query = parse_query("парке парка")
    assert isinstance(query, Query) and query.stems == ("парк",)


@pytest.mark.parametrize("text", ["", "ab", "  в  ", "и на в по", "для или"])
def test_too_short(text: str) -> None:
    assert parse_query(text) is QueryProblem.SHORT


def test_too_long() -> None:
    assert parse_query("слово " * 20) is QueryProblem.LONG
    assert isinstance(parse_query("а" * (QUERY_MAX - 1) + "б"), Query)


async def test_the_index_follows_the_ideas() -> None:
    """Words found at the start of a word of the text or the address, ё as е, any case; the index kept in step
    when an idea's text changes or the idea goes; only public ideas."""
    db = Database(":memory:")
    await db.connect()
    try:
        repos = Repos(db)
        await repos.users.ensure(1)

        async def add(text: str, address: str | None = None, public: bool = True) -> int:
            idea_id = int(await repos.ideas.submit(1, IdeaDraft(text=text, direction_id=1, address=address), None, 99))
            if public:
                await db.execute("UPDATE ideas SET status = 'accepted' WHERE id = ?", (idea_id,))
            return idea_id

        tree = await add("«Освещённая» ЁЛКА у парка")
        benches = await add("Скамейки", address="ул. Парковая, 5")
        await add("Запарковать машины")  # «парк» inside a word: not found
        await add("Ёлка, ещё не рассмотрена", public=False)

        async def found(*stems: str) -> list[int]:
            return await repos.find.search([Term(stem) for stem in stems])

        assert await found("елка") == [tree]
        assert await found("освещ", "парк") == [tree]
        assert await found("парк") == [benches, tree]  # the newest first (no supports)
        assert await found("запар") != [] and await found("ркова") == []
        await db.execute("UPDATE ideas SET text = 'Фонтан' WHERE id = ?", (tree,))
        assert await found("елка") == [] and await found("фонта") == [tree]
        await db.execute("DELETE FROM ideas WHERE id = ?", (benches,))
        assert await found("парк") == []
        assert await repos.find.search([Term("нигде", ("orsk",))]) == []
    finally:
        await db.close()


def test_territories_named_by_a_word() -> None:
    territories = Territories.load()
    query = parse_query("оренбург орск")
    assert isinstance(query, Query)
    found = terms(query, territories)
    assert found[1] == Term("орск", ("orsk",))
    assert "orenburg" in found[0].territories  # the city, and the district named after it
    assert all(territories.get(code) for code in found[0].territories)
    nothing = parse_query("велосипед")
    assert isinstance(nothing, Query) and terms(nothing, territories) == [Term("велос", ())]


def test_distance_haversine() -> None:
    assert distance_m(*ORENBURG, *ORENBURG) == 0
    # a degree of latitude is about 111.2 km; Orenburg to Orsk about 243 km
    assert distance_m(51.0, 55.0, 52.0, 55.0) == pytest.approx(111_195, rel=1e-3)
    assert distance_m(*ORENBURG, 51.2293, 58.4752) == pytest.approx(242_000, rel=0.02)


def test_the_box_holds_the_circle() -> None:
    lat, lon = ORENBURG
    b = box(lat, lon, 3000)
    for bearing_point in [(b.north, lon), (b.south, lon), (lat, b.east), (lat, b.west)]:
        assert distance_m(lat, lon, *bearing_point) == pytest.approx(3000, rel=0.01)
    assert b.south < lat < b.north and b.west < lon < b.east


@pytest.mark.parametrize(
    ("metres", "lang", "expected"),
    [
        (0, "ru", (Unit.METRES, "10")),
        (349, "ru", (Unit.METRES, "350")),
        (994, "ru", (Unit.METRES, "990")),
        (996, "ru", (Unit.KILOMETRES, "1")),
        (1234, "ru", (Unit.KILOMETRES, "1,2")),
        (1234, "en", (Unit.KILOMETRES, "1.2")),
        (3000, "ru", (Unit.KILOMETRES, "3")),
        (12_600, "ru", (Unit.KILOMETRES, "13")),
    ],
)
def test_distance_in_words(metres: float, lang: str, expected: tuple[Unit, str]) -> None:
    assert distance_parts(metres, lang) == expected


def _idea(idea_id: int, point: tuple[float, float] | None, supports: int = 0) -> Idea:
    lat, lon = point if point else (None, None)
    return Idea(
        id=idea_id,
        author_id=1,
        text="x",
        photos=[],
        latitude=lat,
        longitude=lon,
        address=None,
        territory_code=None,
        direction_id=1,
        suggested_direction_id=None,
        status="accepted",
        reject_reason=None,
        decided_by=None,
        decided_at=None,
        created_at="2026-01-01T00:00:00+00:00",
        supports_count=supports,
    )


def test_nearest_first_within_the_radius() -> None:
    lat, lon = ORENBURG
    ideas = [
        _idea(1, (lat + 0.02, lon)),  # 2.2 km
        _idea(2, (lat + 0.003, lon)),  # 330 m
        _idea(3, None),  # only an address
        _idea(4, (lat + 0.03, lon + 0.03)),  # in the box's corner, beyond the radius
        _idea(5, (lat, lon + 0.0048), supports=3),  # 330 m, a little nearer
    ]
    found = nearest(ideas, lat, lon, 3000)
    assert [n.idea.id for n in found] == [5, 2, 1]
    assert found[-1].metres == pytest.approx(2224, rel=0.01)
