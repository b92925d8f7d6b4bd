"""Experts, similar experience and calls for help (issue 15, points 4 and 5), end to end through the fake Bot API.

A project is seeded (an accepted idea with a leader and what help it needs) with residents around it, so the time
goes to what organizers, curators, the leader and residents do here.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable
from pathlib import Path

from fake_telegram import FakeTelegram, ScriptedUser
from tests.support.in_process import InProcessBot
from tests.support.locale_text import button, ru
from tests.support.seeding import NOW, Resident, make_reachable, seed_residents

AUTHOR, LEADER, NEIGHBOUR, MUTED, FAR, UNSUBSCRIBED, EXPERT = 6000, 6001, 6002, 6003, 6004, 6005, 6006
URBAN = 3  # «Развитие городской среды»
NEEDS = "юрист, дизайнер, 5 волонтёров на субботник"
IDEA = "Обустроить двор на Советской: лавочки, клумбы и площадка для детей."


async def seeded_project(
    fake: FakeTelegram, db_path: Path, start_bot: Callable[..., Awaitable[InProcessBot]]
) -> dict[int, ScriptedUser]:
    """Idea № 1, accepted, in Orenburg, with its leader and its needs; residents around it."""
    await seed_residents(
        db_path,
        [
            Resident(AUTHOR, subscriptions=(URBAN,)),
            Resident(LEADER),
            Resident(NEIGHBOUR, subscriptions=(URBAN,)),
            Resident(MUTED, subscriptions=(URBAN,), announcements=False),
            Resident(FAR, territory="orsk", subscriptions=(URBAN,)),
            Resident(UNSUBSCRIBED),
            Resident(EXPERT),
        ],
    )
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "INSERT INTO ideas (id, author_id, text, territory_code, direction_id, status, decided_at, card_pending, "
            "created_at, updated_at) VALUES (1, ?, ?, 'orenburg', ?, 'accepted', ?, 0, ?, ?)",
            (AUTHOR, IDEA, URBAN, NOW, NOW, NOW),
        )
        conn.execute(
            "INSERT INTO projects (idea_id, stage, leader_id, needs, created_at, updated_at) "
            "VALUES (1, 'gathering_team', ?, ?, ?, ?)",
            (LEADER, NEEDS, NOW, NOW),
        )
    await start_bot()
    return make_reachable(fake, [AUTHOR, LEADER, NEIGHBOUR, MUTED, FAR, UNSUBSCRIBED, EXPERT])


async def add_expert(
    admin: ScriptedUser, name: str, region: str | None, consent: bool, forward_from: ScriptedUser | None
) -> None:
    """/experts → «Добавить эксперта» and its steps; the card comes back."""
    await admin.send_command("/experts")
    listing = await admin.expect_message()
    await admin.press(listing, button("ru", "experts-btn-add"))
    assert (await admin.expect_message()).text == ru("experts-ask-name", max=100)
    await admin.send(name)
    assert (await admin.expect_message()).text == ru("experts-ask-field", max=150)
    await admin.send("Юрист по благоустройству")
    ask_region = await admin.expect_message()
    if region is None:
        await admin.press(ask_region, button("ru", "experts-btn-federal"))
    else:
        await admin.send(region)
    assert (await admin.expect_message()).text == ru("experts-ask-contact", max=200)
    await admin.send("+7 900 000-00-00")
    ask_consent = await admin.expect_message()
    await admin.press(ask_consent, button("ru", "experts-btn-consent-yes" if consent else "experts-btn-consent-no"))
    ask_telegram = await admin.expect_message()
    assert ask_telegram.text == ru("experts-ask-telegram")
    if forward_from is not None:
        await admin.forward(forward_from, "Здравствуйте!")
    else:
        await admin.press(ask_telegram, button("ru", "experts-btn-skip"))
    card = await admin.expect_message()
    assert card.text is not None and card.text.startswith(ru("experts-added")) and name in card.text


async def attach(admin: ScriptedUser, name: str) -> str:
    """From /experts: the expert's card → «Прикрепить к проекту» → 1. Returns the answer."""
    await admin.send_command("/experts")
    listing = await admin.expect_message()
    await admin.press(listing, name)
    card = await admin.expect_edit(listing)
    await admin.press(card, button("ru", "experts-btn-attach"))
    assert (await admin.expect_message()).text == ru("experts-ask-project")
    await admin.send("№ 1")
    answer = await admin.expect_message()
    assert answer.text is not None
    return answer.text


async def test_experts_and_similar_experience(
    fake: FakeTelegram, db_path: Path, start_bot: Callable[..., Awaitable[InProcessBot]], admin: ScriptedUser
) -> None:
    people = await seeded_project(fake, db_path, start_bot)
    leader, expert_user, neighbour = people[LEADER], people[EXPERT], people[NEIGHBOUR]

    # An organizer's list starts empty; an expert with consent and a Telegram id, then one without consent.
    await admin.send_command("/experts")
    assert (await admin.expect_message()).text == ru("experts-empty")
    await add_expert(admin, "Мария Правова", None, consent=True, forward_from=expert_user)
    await add_expert(admin, "Иван Тайный", "Оренбургская область", consent=False, forward_from=None)
    await admin.send_command("/experts")
    listing = await admin.expect_message()
    assert listing.text is not None and ru("experts-head", count=2) in listing.text
    assert "Мария Правова — Юрист по благоустройству, федеральный" in listing.text
    assert "Иван Тайный — Юрист по благоустройству, Оренбургская область " + ru("experts-no-consent") in listing.text

    # Attached to project № 1: the leader is told, the expert gets the project's page.
    answer = await attach(admin, "Мария Правова")
    assert answer.splitlines() == [
        ru("experts-attached", number="1"),
        ru("experts-attached-leader"),
        ru("experts-attached-page"),
    ]
    told = await leader.expect_message()
    assert told.text is not None and told.text.startswith(ru("experts-leader-told", number="1"))
    assert "Контакт: +7 900 000-00-00" in told.text
    page = await leader.expect_message()
    assert page.text is not None and IDEA in page.text and "Мария Правова" in page.text
    assert ru("experts-page-head") in page.text
    assert (await expert_user.expect_message()).text == ru("experts-invited", number="1")
    expert_page = await expert_user.expect_message()
    assert expert_page.text is not None and IDEA in expert_page.text
    assert "+7 900 000-00-00" not in expert_page.text  # the experts' contacts are for the leader and staff

    # The one without consent: attached, but the leader neither hears of nor sees them.
    answer = await attach(admin, "Иван Тайный")
    assert answer.splitlines() == [ru("experts-attached", number="1"), ru("experts-attached-no-consent")]
    await leader.expect_no_message()
    await leader.send_command("/start", payload="idea_1")
    page = await leader.expect_message()
    assert page.text is not None and "Мария Правова" in page.text and "Иван Тайный" not in page.text
    # Attaching twice changes nothing.
    assert await attach(admin, "Мария Правова") == ru("experts-attached-already", number="1")

    # A resident sees no experts on the page.
    await neighbour.send_command("/start", payload="idea_1")
    page = await neighbour.expect_message()
    assert page.text is not None and "Мария Правова" not in page.text and ru("experts-page-head") not in page.text
    assert button("ru", "experience-btn-open") not in str(page.buttons)

    # Similar experience: a curator adds it from the page; a bad link is refused; everyone sees it on the page.
    await admin.send_command("/start", payload="idea_1")
    staff_page = await admin.expect_message()
    await admin.press(staff_page, button("ru", "experience-btn-open"))
    empty = await admin.expect_message()
    assert empty.text == ru("experience-empty", number="1")
    await admin.press(empty, button("ru", "experience-btn-add"))
    assert (await admin.expect_message()).text == ru("experience-ask", number="1")
    await admin.send("Двор за 100 дней\nТатарстан\nftp://example.org\nСоседи сами решили, что ставить")
    assert (await admin.expect_message()).text == ru("experience-bad-link")
    await admin.send(
        "Двор за 100 дней\nТатарстан\nhttps://example.org/dvor\nСоседи сами решили, что ставить, и собрали деньги"
    )
    added = await admin.expect_message()
    assert added.text is not None and added.text.startswith(ru("experience-added", number="1"))
    await neighbour.send_command("/start", payload="idea_1")
    page = await neighbour.expect_message()
    assert page.text is not None
    assert ru("experience-head") in page.text
    assert "• Двор за 100 дней (Татарстан): Соседи сами решили, что ставить, и собрали деньги" in page.text
    assert "https://example.org/dvor" in page.text

    # Removed by a tap: gone from the page.
    await admin.press(added, button("ru", "experience-btn-remove", title="Двор за 100 дней"))
    assert (await admin.expect_edit(added)).text == ru("experience-empty", number="1")
    await neighbour.send_command("/start", payload="idea_1")
    page = await neighbour.expect_message()
    assert page.text is not None and ru("experience-head") not in page.text


async def test_call_for_help_approved_reaches_subscribed_residents_of_the_territory_once(
    fake: FakeTelegram, db_path: Path, start_bot: Callable[..., Awaitable[InProcessBot]], admin: ScriptedUser
) -> None:
    people = await seeded_project(fake, db_path, start_bot)
    leader, neighbour = people[LEADER], people[NEIGHBOUR]
    admin.chat.known = True  # no curators' chat: the card goes to the superadmin privately

    # A resident's page has no «Позвать на помощь»; the leader's has.
    await neighbour.send_command("/start", payload="idea_1")
    assert button("ru", "call-btn-ask") not in str((await neighbour.expect_message()).buttons)
    await leader.send_command("/start", payload="idea_1")
    page = await leader.expect_message()
    await leader.press(page, button("ru", "call-btn-ask"))
    preview = await leader.expect_message()
    assert preview.text == ru("call-preview", number="1", needs=NEEDS, count=1)
    await leader.press(preview, button("ru", "call-btn-send"))
    assert (await leader.expect_edit(preview)).text == ru("call-asked", number="1")

    # The curator's card; asking again while it waits is refused.
    card = await admin.expect_message()
    assert card.text == ru("call-card", number="1", needs=NEEDS, count=1, who="Житель 6001")
    await leader.press(page, button("ru", "call-btn-ask"))
    again = await leader.expect_message()
    result = await leader.press(again, button("ru", "call-btn-send"))
    assert result.show_alert and result.text == ru("call-pending", number="1")

    # Accepted: the leader is told, only the subscribed resident of the territory with announcements on gets it.
    await admin.press(card, button("ru", "call-btn-approve"))
    decided = await admin.expect_edit(card)
    assert decided.text is not None and decided.text.endswith(ru("call-approved-card", who="Ольга", count=1))
    assert decided.buttons == []
    assert (await leader.expect_message()).text == ru("call-approved", number="1", count=1)
    call = await neighbour.expect_message()
    assert call.text is not None and call.text.startswith(ru("call-message", number="1", text=IDEA, needs=NEEDS)[:20])
    assert NEEDS in call.text and IDEA in call.text
    assert call.buttons == [[button("ru", "call-btn-join")]]
    for other in (AUTHOR, MUTED, people[FAR].user_id, UNSUBSCRIBED, EXPERT):
        await people[other].expect_no_message(within=0.1)

    # A second press on the card (a double tap landing late), and the same needs again: nothing more goes out.
    result = await admin.press_data(decided.chat_id, decided.message_id, "pjx2:y:1:1")
    assert result.show_alert and result.text == ru("call-decided-already")
    result = await leader.press(again, button("ru", "call-btn-send"))
    assert result.show_alert and result.text == ru("call-sent-already", number="1")
    await neighbour.expect_no_message()

    # «Хочу участвовать» opens the project's page.
    await neighbour.press(call, button("ru", "call-btn-join"))  # the offer to help starts right under the call
    joined = await neighbour.expect_message()
    assert joined.text == ru("projects-join-help-ask", number="1")

    # Both steps are in /audit, about idea № 1, in words.
    await admin.send_command("/audit")
    log = await admin.expect_message()
    assert log.text is not None
    assert ru("audit-action-project_call_asked") in log.text and ru("audit-action-project_call_approved") in log.text
    assert ru("audit-target-idea", number="1") in log.text and "project_call" not in log.text
