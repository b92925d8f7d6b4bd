"""Offline similarity of idea texts (duplicate prevention), without Telegram."""

from __future__ import annotations

from bot.services.public import excerpt
from bot.services.similar import DEFAULT_THRESHOLD, SimilarIndex, similarity, terms

BIKES = "Сделать велодорожку вдоль набережной Урала и поставить велопарковки у входа в Зауральную рощу."
IDEAS = [
    (1, BIKES),
    (2, "Пандус и поручни у поликлиники для людей на колясках"),
    (3, "Открыть кружок робототехники для школьников в Орске"),
    (4, "Поставить скамейки и фонари в сквере у школы №5"),
    (5, "Internships for students at local factories with mentors from the plant"),
    (6, "More trees and shade in the city park near the river"),
]


def test_russian_word_forms_are_one_word() -> None:
    assert terms("велодорожка") == terms("велодорожку") == terms("велодорожки")
    assert set(terms("набережной Урала")) == set(terms("набережная Урал"))
    # fleeting vowels and suffixes still share the first letters of the stem
    assert set(terms("скамейки")) & set(terms("скамеек"))
    assert set(terms("коляски")) & set(terms("колясочников"))


def test_stop_words_generic_verbs_and_numbers_do_not_count() -> None:
    assert terms("Сделать и поставить, нужно больше! 5 10") == {}
    assert terms("Please make and build more") == {}


def test_russian_paraphrases_are_found() -> None:
    index = SimilarIndex(IDEAS)
    found = index.query("Нужны велодорожки вдоль набережной реки Урал")
    assert [m.idea_id for m in found] == [1]
    found = index.query("Установить пандусы у поликлиник для колясочников")
    assert [m.idea_id for m in found][:1] == [2]
    found = index.query("Кружок робототехники для школьников Орска")
    assert [m.idea_id for m in found][:1] == [3]


def test_english_paraphrases_are_found() -> None:
    index = SimilarIndex(IDEAS)
    assert [m.idea_id for m in index.query("Student internships at local factories")] == [5]
    assert [m.idea_id for m in index.query("Plant more trees in the park")][:1] == [6]


def test_unrelated_texts_are_not_suggested() -> None:
    index = SimilarIndex(IDEAS)
    assert index.query("Отремонтировать дорогу на улице Ленина в Бузулуке") == []
    assert index.query("Concerts of local bands on Saturdays") == []
    assert index.query("") == []
    assert similarity("Пандус и поручни у поликлиники", BIKES) == 0.0


def test_one_shared_word_in_a_long_text_is_not_a_duplicate() -> None:
    index = SimilarIndex(IDEAS)
    text = (
        "Организовать в Орске фестиваль уличной еды с концертами местных групп, ярмаркой мастеров, "
        "детской площадкой и конкурсами для всей семьи по выходным летом"
    )
    assert index.query(text) == []


def test_ranking_limit_and_threshold() -> None:
    items = [(n, f"Велодорожка вдоль набережной Урала, вариант {n}: велопарковки и освещение") for n in range(1, 8)]
    index = SimilarIndex([*items, (99, "Кружок робототехники")])
    found = index.query("Велодорожка вдоль набережной Урала с велопарковками", limit=3)
    assert len(found) == 3 and all(m.score >= DEFAULT_THRESHOLD for m in found)
    assert [m.idea_id for m in found] == [7, 6, 5]  # equal scores: the newest first
    assert found[0].score >= found[-1].score
    assert index.query("Велодорожка", threshold=1.01) == []


def test_identical_text_scores_one() -> None:
    assert abs(similarity(BIKES, BIKES) - 1.0) < 1e-9
    assert 0 < similarity("Велодорожки на набережной", BIKES) < 1


def test_empty_index() -> None:
    assert SimilarIndex([]).query(BIKES) == []
    assert len(SimilarIndex([(1, "один"), (2, "два")])) == 2


def test_excerpt_cuts_at_a_word() -> None:
    assert excerpt("коротко", 20) == "коротко"
    assert excerpt("раз  два\nтри", 20) == "раз два три"
    cut = excerpt("слово " * 50, 40)
    assert cut.endswith("…") and len(cut) <= 41 and "  " not in cut


def test_added_and_removed_texts_match_a_fresh_index() -> None:
    index = SimilarIndex()
    index.add_many((n, terms(text)) for n, text in IDEAS[:3])
    assert [m.idea_id for m in index.query("Велодорожки на набережной Урала")] == [1]
    index.remove(1)
    assert index.query("Велодорожки на набережной Урала") == []
    for n, text in IDEAS[3:]:
        index.add(n, terms(text))
    index.add(1, terms(BIKES))
    index.add(1, terms(BIKES))  # adding again replaces
    fresh = SimilarIndex(IDEAS)
    for query in ("Велодорожки на набережной Урала", "Student internships", "Скамейки в сквере у школы"):
        got = index.query(query, threshold=0.1)
        want = fresh.query(query, threshold=0.1)
        assert [m.idea_id for m in got] == [m.idea_id for m in want]
        assert all(abs(a.score - b.score) < 0.05 for a, b in zip(got, want, strict=True))
    assert index.ids() == {n for n, _ in IDEAS} and len(index) == len(IDEAS)
    index.remove(12345)  # unknown: nothing happens
