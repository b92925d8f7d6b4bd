"""The idea page's pure parts: the deep link's payload, the page within one message, the share link."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.handlers.ideas.page_screen import PageFacts, Viewer, idea_payload, page_text, share_url
from bot.services.limits import TEXT_LIMIT, units
from bot.storage.follows import IdeaEvent
from bot.storage.models import Idea
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
