"""The broadcast engine's pieces without Telegram: pacing, progress text, the delivery journal."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from bot.services.broadcast import Pacer, eta_seconds, progress_bar, progress_text
from bot.storage.broadcasts import Audience, BroadcastsRepo, Outcome
from bot.telegram.i18n import Translator
from tests.support.clock import ManualClock
from tests.support.seeding import Resident, seed_residents


def test_pacer_spaces_sends_and_keeps_the_long_run_rate() -> None:
    clock = ManualClock(100.0)
    pacer = Pacer(25.0, clock)
    waits = []
    for _ in range(50):
        wait = pacer.reserve()
        waits.append(wait)
        clock.now += wait + 0.003  # each send takes 3 ms after its slot
    assert waits[0] == 0.0
    assert all(abs(w - 0.037) < 1e-9 for w in waits[1:])  # 40 ms apart, minus the 3 ms the send took
    assert abs((clock.now - 0.003 - 100.0) - 49 * 0.04) < 1e-6  # the 50th slot at 1.96 s: exactly 25/s


def test_pacer_reserves_distinct_slots_for_concurrent_lanes_and_pauses_all() -> None:
    clock = ManualClock(100.0)
    pacer = Pacer(100.0, clock)
    assert [round(pacer.reserve(), 3) for _ in range(3)] == [0.0, 0.01, 0.02]
    pacer.pause(2.0)  # a 429 with retry_after=2
    assert round(pacer.reserve(), 3) == 2.0
    clock.now += 10.0  # a long stall: no burst to catch up afterwards
    assert pacer.reserve() == 0.0 and round(pacer.reserve(), 3) == 0.01


def test_progress_text_and_eta() -> None:
    t = Translator().for_lang("ru")
    counts = Counter({"sent": 600, "blocked": 3, "failed": 1, "unknown": 1, "pending": 395})
    text = progress_text(t, 7, counts, 1000, 25.0, "sending")
    assert text.splitlines() == [
        "📣 Рассылка №\u00a07 идёт",
        "▓▓▓▓▓▓░░░░ 60%",
        "Доставлено: 600 из 1\u00a0000",
        "Заблокировали бота: 3 · Ошибки: 1 · Неизвестно: 1",
        "Осталось примерно 16 секунд",  # 395 left at 25/s
    ]
    assert progress_bar(0, 0) == "▓▓▓▓▓▓▓▓▓▓ 100%"
    assert eta_seconds(3000, 25.0) == 120
    en = Translator().for_lang("en")
    assert "About 2 minutes 0 seconds left" in progress_text(en, 1, Counter({"pending": 3000}), 3000, 25.0, "sending")


async def test_journal_creation_is_idempotent_and_advance_marks_exactly_the_lanes_in_flight(tmp_path: Path) -> None:
    from bot.storage.db import Database

    path = tmp_path / "j.sqlite3"
    await seed_residents(path, [Resident(i, subscriptions=(1,) if i % 2 else ()) for i in range(1, 11)])
    db = Database(path)
    await db.connect()
    repo = BroadcastsRepo(db)
    assert await repo.count_audience(Audience("direction", "1")) == 5
    first, created = await repo.create("tok", 9001, 9001, 5, Audience("all"))
    again, created_again = await repo.create("tok", 9001, 9001, 5, Audience("all"))
    assert created and not created_again and again.id == first.id and first.total == 10
    await repo.advance(first.id, [], [1, 2, 3])  # three lanes start
    await repo.advance(first.id, [Outcome(1, "sent", 11), Outcome(2, "blocked", error="Forbidden")], [4])
    statuses = {d.seq: d.status for d in await repo.next_deliveries(first.id, 0, 100)}
    assert statuses[3] == "sending" and statuses[4] == "sending" and 1 not in statuses and 2 not in statuses
    assert await repo.counts(first.id) == {"sent": 1, "blocked": 1, "sending": 2, "pending": 6}
    assert await repo.request_cancel(first.id)
    await repo.finish(first.id, "cancelled")
    # In flight when it was cancelled after a restart: may have arrived, so unknown, never "not sent".
    assert await repo.counts(first.id) == {"sent": 1, "blocked": 1, "unknown": 2, "cancelled": 6}
    assert not await repo.request_cancel(first.id)
    await db.close()
