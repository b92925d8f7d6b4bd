"""Review B of issue 14: where the idea page, following, the profile and the search (points 4-7) meet the consent
renewal, the dialogue rules and each other, end to end through the fake Bot API."""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable
from pathlib import Path

from bot.consent import CONSENT_EDITION
from bot.storage.models import IdeaDraft
from fake_telegram import FakeTelegram, ScriptedUser
from tests.support.in_process import InProcessBot
from tests.support.locale_text import button, ru
from tests.support.seeding import URBAN, Resident, make_reachable, seed_residents
from tests.support.settings import ADMIN_ID

OLD_TIMER, FOLLOWER, AUTHOR, DECLINER = 7101, 7102, 7103, 7104
LIGHTS = "Фонари в парке Победы у пруда"


async def publish(bot: InProcessBot, author_id: int, text: str) -> int:
    """An accepted idea in Orenburg, its card already handled."""
    repos = bot.dp["repos"]
    idea_id = int(await repos.ideas.submit(author_id, IdeaDraft(text=text, direction_id=URBAN), "orenburg", 1000))
    await repos.db.execute("DELETE FROM outbox WHERE kind = 'card' AND ref = ?", (idea_id,))
    await repos.db.execute("UPDATE ideas SET card_pending = 0 WHERE id = ?", (idea_id,))
    assert await repos.moderation.set_status(idea_id, "accepted", ADMIN_ID)
    return idea_id


async def test_a_shared_idea_link_opens_after_the_renewal_and_a_stray_text_is_no_public_answer(
    fake: FakeTelegram, db_path: Path, start_bot: Callable[..., Awaitable[InProcessBot]], admin: ScriptedUser
) -> None:
    await seed_residents(db_path, [Resident(OLD_TIMER), Resident(FOLLOWER), Resident(AUTHOR), Resident(DECLINER)])
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE users SET consent_version = '2026-11-28' WHERE id IN (?, ?)", (OLD_TIMER, DECLINER))
    bot = await start_bot()
    people = make_reachable(fake, [OLD_TIMER, FOLLOWER, AUTHOR, DECLINER])
    old_timer, follower, decliner = people[OLD_TIMER], people[FOLLOWER], people[DECLINER]
    number = await publish(bot, AUTHOR, LIGHTS)
    head = ru("idea-page-head", number=str(number), status=ru("idea-page-status-accepted"))

    # Someone with the older consent taps a shared link: the new edition is asked first, then the page opens
    # (not «repeat your last action»: the link is not at hand any more).
    await old_timer.send_command("/start", payload=f"idea_{number}")
    ask = await old_timer.expect_message()
    assert ask.text == ru("consent-renew-ask", version=CONSENT_EDITION)
    await old_timer.press(ask, button("ru", "consent-renew-accept"))
    assert (await old_timer.expect_edit(ask)).buttons == []
    assert (await old_timer.expect_message()).text == ru("consent-renewed")
    page = await old_timer.expect_message()
    assert page.text.startswith(head) and LIGHTS in page.text
    assert [button("ru", "idea-page-btn-follow")] in page.buttons
    await old_timer.expect_no_message()
    # Declining the new edition: the page opens all the same (seeing a public idea needs no consent).
    await decliner.send_command("/start", payload=f"idea_{number}")
    await decliner.press(await decliner.expect_message(), button("ru", "consent-renew-decline"))
    assert (await decliner.expect_message()).text == ru("consent-renew-declined")
    assert (await decliner.expect_message()).text.startswith(head)

    # A follower, and the superadmin who opens the answer step and leaves it by commands.
    await follower.send_command("/start", payload=f"idea_{number}")
    follower_page = await follower.expect_message()
    await follower.press(follower_page, button("ru", "idea-page-btn-follow"))
    await follower.expect_edit(follower_page)
    await admin.send_command("/start", payload=f"idea_{number}")
    staff_page = await admin.expect_message()
    await admin.press(staff_page, button("ru", "idea-page-btn-answer"))
    ask = await admin.expect_message()
    await admin.send_command("/stats")
    await admin.expect_message()  # the figures
    await admin.expect_message()  # and their chart
    # A text typed later, not as a reply to the question, is not published to the author and the followers.
    await admin.send("спасибо, посмотрю позже")
    refusal = await admin.expect_message()
    assert refusal.text == ru("idea-answer-not-reply", number=str(number))
    await follower.expect_no_message()
    await people[AUTHOR].expect_no_message(within=0.1)
    # Only a reply to the question is the answer; the step was over, so it is asked again first.
    await admin.press(staff_page, button("ru", "idea-page-btn-answer"))
    ask = await admin.expect_message()
    await admin.send("Работы начнутся весной.", reply_to=ask)
    assert (await admin.expect_message()).text == ru("idea-answer-done", number=str(number))
    news = await follower.expect_message()
    assert news.text.startswith(ru("idea-news-answer", number=str(number))) and "весной" in news.text
    assert fake.refused == []
