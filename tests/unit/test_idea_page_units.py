"""The idea page's pure parts: the deep link's payload, the page within one message, the share link."""

from __future__ import annotations

import json
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.handlers.ideas.page_screen import PageFacts, Viewer, idea_payload, page_text, share_url
from bot.services.limits import TEXT_LIMIT, units
from bot.storage.db import Database
from bot.storage.follows import IdeaEvent
from bot.storage.models import Idea
from bot.storage.repositories import Repos
from bot.telegram.i18n import Translator

T = Translator().for_lang("ru")
TZ = ZoneInfo("Asia/Yekaterinburg")


def idea(text: str, status: str = "accepted", address: str | None = None) -> Idea:
    return Idea(
        id=12,
        author_id=1,
        text=text,
        photos=[],
        latitude=None,
        longitude=None,
        address=address,
        territory_code=None,
        direction_id=3,
        suggested_direction_id=None,
        status=status,
        reject_reason=None,
        decided_by=None,
        decided_at=None,
        created_at="2026-12-05T10:00:00+00:00",
    )


def test_payload() -> None:
    assert idea_payload("idea_12") == 12
    for bad in ("idea_", "idea_0", "idea_-1", "idea_1x", "idea_01", "session_1", None, "idea_" + "9" * 12):
        assert idea_payload(bad) is None, bad


def test_the_longest_page_fits_one_message_and_keeps_its_answer() -> None:
    answer = "&" * 1000  # five units each, escaped
    history = [IdeaEvent("submitted", None, "2026-12-05T10:00:00+00:00")] + [
        IdeaEvent("answer", answer, "2026-12-06T10:00:00+00:00") for _ in range(3)
    ]
    facts = PageFacts("🌳 Развитие городской среды", "Оренбург", history, TZ)
    text = page_text(T, idea("<b>" * 1500, address="Ж" * 300), facts, Viewer(supported=True, following=True))
    assert units(text) <= TEXT_LIMIT
    assert "&amp;" * 400 in text and "&&" not in text  # the answer kept (shortened only past 2400 units), escaped
    assert "<b><b>" not in text and "Ж" * 300 in text


def test_rejected_idea_shows_its_reason_as_the_answer() -> None:
    rejected = idea("Текст", status="rejected")
    rejected.reject_reason = "Уже в плане на 2026 год"
    facts = PageFacts("—", "—", [], TZ)
    text = page_text(T, rejected, facts, Viewer(own=True))
    assert "Уже в плане на 2026 год" in text and T("idea-page-not-public-note") in text


def test_share_link_is_encoded() -> None:
    url = share_url("https://t.me/ideas_bot?start=idea_12", T, 12)
    assert url.startswith("https://t.me/share/url?url=https%3A%2F%2Ft.me%2Fideas_bot%3Fstart%3Didea_12&text=")
    assert " " not in url


async def test_a_followed_step_and_an_answer_queue_the_news_in_their_own_transaction(tmp_path: Path) -> None:
    """The followers' news is an outbox row written with the step (or the answer): a crash right after the
    decision cannot lose it, and a step that was refused (someone was first) queues nothing."""
    db = Database(tmp_path / "news.sqlite3")
    await db.connect()
    repos = Repos(db)
    now = "2026-12-01T00:00:00+00:00"
    await db.execute("INSERT INTO users (id, created_at, updated_at) VALUES (1, ?, ?)", (now, now))
    await db.execute(
        "INSERT INTO ideas (author_id, text, direction_id, created_at, updated_at) VALUES (1, 'a bench', 3, ?, ?)",
        (now, now),
    )

    async def news() -> list[tuple[str, int, str]]:
        rows = await db.fetchall("SELECT kind, ref, args FROM outbox WHERE kind = 'news' ORDER BY id")
        return [(r[0], r[1], r[2]) for r in rows]

    assert await repos.moderation.set_status(1, "accepted", 9)
    assert await news() == []  # accepting is the author's business
    assert await repos.moderation.set_status(1, "in_progress", 9)
    assert not await repos.moderation.set_status(1, "in_progress", 9)  # a second press changes nothing
    event = await repos.moderation.answer(1, 9, "Работы начнутся весной.")
    assert event is not None
    assert await news() == [
        ("news", 1, '{"change": "in_progress"}'),
        ("news", 1, json.dumps({"change": "answer", "event": event})),
    ]
    await db.close()
