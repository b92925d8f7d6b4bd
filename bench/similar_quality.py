"""How well "similar ideas" finds duplicates: precision, recall and F1 on the labelled pairs of
tests/data/similar_pairs.json, over a sweep of thresholds; and how long a query takes on a large index.

Each pair is scored as the bot scores a new idea against the public ones: every text of the set is in one index
(so the inverse document frequencies are those of a real mix of ideas), the pair's first text is the new idea
(taken out of the index while it asks), and the score is the one its pair's second text gets.

    .venv/bin/python -m bench.similar_quality [--ideas 10000] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import random
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from bot.services.similar import DEFAULT_THRESHOLD, SimilarIndex, similarity, terms

PAIRS = Path(__file__).resolve().parent.parent / "tests" / "data" / "similar_pairs.json"


@dataclass(frozen=True, slots=True)
class Pair:
    a: str
    b: str
    duplicate: bool
    note: str


@dataclass(frozen=True, slots=True)
class Quality:
    threshold: float
    precision: float
    recall: float
    f1: float
    true_positives: int
    false_positives: int
    false_negatives: int


def load_pairs(path: Path = PAIRS) -> list[Pair]:
    return [
        Pair(row["a"], row["b"], bool(row["duplicate"]), row.get("note", "")) for row in json.loads(path.read_text())
    ]


def scores(pairs: list[Pair]) -> list[float]:
    """Each pair's score: its second text's, when its first is asked about an index of all the set's texts."""
    texts = sorted({text for pair in pairs for text in (pair.a, pair.b)})
    ids = {text: n for n, text in enumerate(texts, start=1)}
    index = SimilarIndex((ids[text], text) for text in texts)
    found = []
    for pair in pairs:
        index.remove(ids[pair.a])
        matches = index.query(pair.a, limit=len(texts), threshold=0.0)
        found.append(next((m.score for m in matches if m.idea_id == ids[pair.b]), 0.0))
        index.add(ids[pair.a], terms(pair.a))
    return found


def quality(pairs: list[Pair], found: list[float], threshold: float) -> Quality:
    tp = sum(1 for pair, score in zip(pairs, found, strict=True) if pair.duplicate and score >= threshold)
    fp = sum(1 for pair, score in zip(pairs, found, strict=True) if not pair.duplicate and score >= threshold)
    fn = sum(1 for pair, score in zip(pairs, found, strict=True) if pair.duplicate and score < threshold)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Quality(threshold, round(precision, 3), round(recall, 3), round(f1, 3), tp, fp, fn)


def query_time(pairs: list[Pair], ideas: int, queries: int = 200) -> tuple[float, float]:
    """(seconds to index ``ideas`` texts, milliseconds per query) on texts made of the set's sentences."""
    rng = random.Random(14)
    sentences = [text for pair in pairs for text in (pair.a, pair.b)]
    corpus = [(n, " ".join(rng.sample(sentences, 2))) for n in range(1, ideas + 1)]
    started = time.perf_counter()
    index = SimilarIndex(corpus)
    built = time.perf_counter() - started
    asked = [rng.choice(sentences) for _ in range(queries)]
    started = time.perf_counter()
    for text in asked:
        index.query(text)
    return built, (time.perf_counter() - started) / queries * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ideas", type=int, default=10000, help="public ideas in the index timed")
    parser.add_argument("--json", type=Path, help="write the figures here as JSON")
    args = parser.parse_args()

    pairs = load_pairs()
    found = scores(pairs)
    duplicates = sum(pair.duplicate for pair in pairs)
    print(f"{len(pairs)} labelled pairs: {duplicates} duplicates, {len(pairs) - duplicates} not")
    print(f"{'threshold':>9} {'precision':>9} {'recall':>6} {'F1':>5}  tp fp fn")
    sweep = [quality(pairs, found, n / 100) for n in range(10, 71, 5)]
    for q in sweep:
        mark = "  ← the bot's" if abs(q.threshold - DEFAULT_THRESHOLD) < 1e-9 else ""
        print(
            f"{q.threshold:9.2f} {q.precision:9.3f} {q.recall:6.3f} {q.f1:5.3f}  {q.true_positives:2} "
            f"{q.false_positives:2} {q.false_negatives:2}{mark}"
        )
    used = quality(pairs, found, DEFAULT_THRESHOLD)
    alone = quality(pairs, [similarity(pair.a, pair.b) for pair in pairs], DEFAULT_THRESHOLD)
    print(
        f"\nwith only the pair's second text public (a new bot): precision {alone.precision:.3f}, "
        f"recall {alone.recall:.3f}, F1 {alone.f1:.3f}"
    )
    print(
        f"\nthreshold {DEFAULT_THRESHOLD}: precision {used.precision:.3f}, recall {used.recall:.3f}, F1 {used.f1:.3f}"
    )
    for pair, score in zip(pairs, found, strict=True):
        if pair.duplicate != (score >= DEFAULT_THRESHOLD):
            kind = "missed" if pair.duplicate else "false match"
            print(f"  {kind} ({score:.2f}): {pair.a[:60]!r} ~ {pair.b[:60]!r} {pair.note}")
    built, per_query = query_time(pairs, args.ideas)
    print(f"\n{args.ideas} ideas indexed in {built:.2f} s; a query takes {per_query:.2f} ms")
    if args.json is not None:
        figures = {
            "used": asdict(used),
            "alone": asdict(alone),
            "sweep": [asdict(q) for q in sweep],
            "index_s": built,
            "query_ms": per_query,
        }
        args.json.write_text(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
