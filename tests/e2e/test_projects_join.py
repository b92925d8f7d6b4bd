"""Join or lead (issue 15, point 1), end to end through the fake Bot API: the author offered to lead first (the
accepted notice, the page), a pitch too short then good, «Хочу участвовать» with the kinds of help and a note, the
contact consent given and not given, one tap back on the page and in «Мои заявки».

Residents are seeded (consented and set up); the idea goes through the form and the curators' card, as people do.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Awaitable, Callable
from pathlib import Path

from bot.consent import CONTACT_CONSENT_VERSION
from fake_telegram import BotMessage, FakeTelegram, ScriptedUser
from tests.support.in_process import InProcessBot
from tests.support.locale_text import button, en, ru
from tests.support.scenarios import curator_chat, send_idea, write_idea
from tests.support.seeding import Resident, make_reachable, seed_residents

AUTHOR, HELPER, QUIET = 6101, 6102, 6103
IDEA = "Разбить общественный огород во дворе дома на улице Чкалова, чтобы соседи выращивали зелень вместе."
URBAN = "🌳 Развитие городской среды"
PITCH = "Пять лет веду дворовый клуб садоводов, договорюсь с управляющей компанией и найду рассаду."
NOTE = "Могу по выходным, есть свой инвентарь."


def offer_row(db_path: Path, idea: int, user: int, role: str) -> tuple[str, list[str], str | None, str | None] | None:
    with sqlite3.connect(db_path) as conn:
        row = conn.execute(
            "SELECT status, help, note, contact_ok FROM project_people WHERE idea_id = ? AND user_id = ? AND role = ?",
            (idea, user, role),
        ).fetchone()
    return (row[0], json.loads(row[1]), row[2], row[3]) if row else None


def b(key: str, **args: object) -> str:
    return button("ru", key, **args)


async def open_page(user: ScriptedUser, number: int) -> BotMessage:
    await user.send_command("/start", payload=f"idea_{number}")
    page = await user.expect_message()
    assert page.text.startswith(ru("idea-page-head", number=str(number), status=ru("idea-page-status-accepted")))
    return page


async def test_author_leads_first_residents_join_with_help_and_consent_and_take_it_back_in_one_tap(
    fake: FakeTelegram, db_path: Path, start_bot: Callable[..., Awaitable[InProcessBot]], admin: ScriptedUser
) -> None:
    await seed_residents(db_path, [Resident(i) for i in (AUTHOR, HELPER, QUIET)])
    await start_bot()
    people = make_reachable(fake, [AUTHOR, HELPER, QUIET])
    author, helper, quiet = people[AUTHOR], people[HELPER], people[QUIET]
    group = await curator_chat(fake, admin, -1001000001501, "Кураторы городской среды")
    number = await send_idea(author, await write_idea(author, IDEA, direction="городской среды"))

    # Under review: no project yet, nothing to join.
    await helper.send_command("/start", payload=f"idea_{number}")
    assert (await helper.expect_message()).text == ru("idea-page-not-public", number=str(number))

    # Accepted: the author's notice offers to lead, in one line.
    card = await group.expect_message()
    await admin.press(card, b("card-accept"))
    await admin.expect_edit(card)
    notice = await author.expect_message()
    assert notice.text == ru("notify-accepted", number=number, direction=URBAN)
    assert "Возглавить проект" in notice.text

    # The author's page (from /my): «Возглавить проект» first, and a line saying they may lead it first.
    await author.send_command("/my")
    my = await author.expect_message()
    await author.press(my, b("idea-page-btn-number", number=str(number)))
    page = await author.expect_message()
    assert ru("projects-join-note-author") in page.text
    assert page.buttons[0] == [b("projects-join-btn-lead")]
    assert page.buttons[1] == [b("projects-join-btn-join")]

    # A pitch too short is asked again with its length; a good one goes on to the contact consent, which the
    # author does not give: first name only.
    await author.press(page, b("projects-join-btn-lead"))
    ask = await author.expect_message()
    assert ask.text == ru("projects-join-pitch-ask", number=str(number), min=30, max=1000)
    await author.send("Хочу вести.", reply_to=ask)
    short = await author.expect_message()
    assert short.text == ru("projects-join-pitch-short", min=30, count=len("Хочу вести."))
    await author.send(PITCH, reply_to=short)
    consent = await author.expect_message()
    assert consent.text == ru("projects-join-contact-ask")
    assert consent.buttons == [[b("projects-join-btn-contact-yes")], [b("projects-join-btn-contact-no")]]
    await author.press(consent, b("projects-join-btn-contact-no"))
    settled = await author.expect_edit(consent)
    assert settled.text == ru("projects-join-contact-no") and settled.buttons == []
    assert (await author.expect_message()).text == ru("projects-join-done-leader", number=str(number))
    assert offer_row(db_path, number, AUTHOR, "leader") == ("applied", [], PITCH, None)

    # A resident from the link: «Хочу участвовать» → the kinds of help (none ticked is refused) → a note too
    # long, then a good one → the contact consent given.
    page = await open_page(helper, number)
    assert [b("projects-join-btn-join")] in page.buttons and [b("projects-join-btn-lead")] in page.buttons
    await helper.press(page, b("projects-join-btn-join"))
    kinds = await helper.expect_message()
    assert kinds.text == ru("projects-join-help-ask", number=str(number))
    assert kinds.buttons[-1] == [b("projects-join-btn-next")]
    none = await helper.press(kinds, b("projects-join-btn-next"))
    assert none.text == ru("projects-join-help-none") and none.show_alert
    await helper.press(kinds, b("projects-join-help-hands"))
    kinds = await helper.expect_edit(kinds)
    await helper.press(kinds, b("projects-join-help-contacts"))
    kinds = await helper.expect_edit(kinds)
    ticked = [row[0] for row in kinds.buttons if row[0].startswith("✅")]
    assert ticked == [f"✅ {b('projects-join-help-hands')}", f"✅ {b('projects-join-help-contacts')}"]
    await helper.press(kinds, b("projects-join-btn-next"))
    chosen = await helper.expect_edit(kinds)
    help_words = f"{ru('projects-join-help-hands')}, {ru('projects-join-help-contacts')}"
    assert chosen.text == ru("projects-join-help-chosen", number=str(number), help=help_words) and not chosen.buttons
    note_ask = await helper.expect_message()
    assert note_ask.text == ru("projects-join-note-ask", max=300)
    await helper.send("Х" * 301)
    assert (await helper.expect_message()).text == ru("projects-join-note-long", max=300, count=301)
    await helper.send(NOTE)
    consent = await helper.expect_message()
    await helper.press(consent, b("projects-join-btn-contact-yes"))
    assert (await helper.expect_edit(consent)).text == ru("projects-join-contact-yes")
    assert (await helper.expect_message()).text == ru("projects-join-done-member", number=str(number))
    assert offer_row(db_path, number, HELPER, "member") == (
        "applied",
        ["hands", "contacts"],
        NOTE,
        CONTACT_CONSENT_VERSION,
    )

    # The page now says the application waits and takes it back in one tap; then «Хочу участвовать» is back.
    page = await open_page(helper, number)
    assert ru("projects-join-note-applied") in page.text
    assert [b("projects-join-btn-join")] not in page.buttons
    toast = await helper.press(page, b("projects-join-btn-withdraw"))
    assert toast.text == ru("projects-join-left-member", number=str(number))
    page = await helper.expect_edit(page)
    assert ru("projects-join-note-applied") not in page.text and [b("projects-join-btn-join")] in page.buttons
    assert offer_row(db_path, number, HELPER, "member") == (
        "left",
        ["hands", "contacts"],
        NOTE,
        CONTACT_CONSENT_VERSION,
    )

    # Another resident skips the note and gives no consent; «Мои заявки» in /settings lists the offer and takes it
    # back in one tap.
    page = await open_page(quiet, number)
    await quiet.press(page, b("projects-join-btn-join"))
    kinds = await quiet.expect_message()
    await quiet.press(kinds, b("projects-join-help-skills"))
    kinds = await quiet.expect_edit(kinds)
    await quiet.press(kinds, b("projects-join-btn-next"))
    await quiet.expect_edit(kinds)
    note_ask = await quiet.expect_message()
    await quiet.press(note_ask, b("projects-join-btn-skip"))
    assert (await quiet.expect_edit(note_ask)).text == ru("projects-join-note-skipped")
    consent = await quiet.expect_message()
    await quiet.press(consent, b("projects-join-btn-contact-no"))
    await quiet.expect_edit(consent)
    assert (await quiet.expect_message()).text == ru("projects-join-done-member", number=str(number))
    assert offer_row(db_path, number, QUIET, "member") == ("applied", ["skills"], None, None)

    await quiet.send_command("/settings")
    profile = await quiet.expect_message()
    await quiet.press(profile, b("projects-join-btn-mine"))
    mine = await quiet.expect_edit(profile)
    assert mine.text.startswith(ru("projects-join-mine-head", count=1))
    assert ru("projects-join-role-member") + ": " + ru("projects-join-status-member-applied") in mine.text
    assert IDEA[:30] in mine.text
    assert mine.buttons == [[b("projects-join-btn-mine-withdraw", number=str(number))], [b("btn-back")]]
    toast = await quiet.press(mine, b("projects-join-btn-mine-withdraw", number=str(number)))
    assert toast.text == ru("projects-join-left-member", number=str(number))
    mine = await quiet.expect_edit(mine)
    assert mine.text == ru("projects-join-mine-empty") and mine.buttons == [[b("btn-back")]]

    # The author's «Мои заявки»: the offer to lead, waiting for the curators.
    await author.send_command("/settings")
    profile = await author.expect_message()
    await author.press(profile, b("projects-join-btn-mine"))
    mine = await author.expect_edit(profile)
    assert ru("projects-join-role-leader") + ": " + ru("projects-join-status-leader-applied") in mine.text
    assert fake.refused == []


def seed_idea(db_path: Path, idea_id: int, author: int, leader: int | None = None) -> None:
    """A public (accepted) idea, and optionally its project with a leader, written before the bot starts."""
    now = "2026-11-20T10:00:00+00:00"
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "INSERT INTO ideas (id, author_id, text, territory_code, direction_id, status, card_pending, decided_at, "
            "created_at, updated_at) VALUES (?, ?, ?, 'orenburg', 3, 'accepted', 0, ?, ?, ?)",
            (idea_id, author, f"{IDEA} ({idea_id})", now, now, now),
        )
        if leader is not None:
            conn.execute(
                "INSERT INTO projects (idea_id, stage, leader_id, created_at, updated_at) "
                "VALUES (?, 'gathering_team', ?, ?, ?)",
                (idea_id, leader, now, now),
            )


async def test_an_offer_to_lead_in_english_survives_a_showing_command_and_is_withdrawn_in_one_tap(
    fake: FakeTelegram, db_path: Path, start_bot: Callable[..., Awaitable[InProcessBot]]
) -> None:
    await seed_residents(db_path, [Resident(AUTHOR), Resident(HELPER, language="en")])
    seed_idea(db_path, 1, AUTHOR)
    seed_idea(db_path, 2, AUTHOR, leader=AUTHOR)
    await start_bot()
    helper = make_reachable(fake, [AUTHOR, HELPER])[HELPER]

    # A project with a leader takes offers to help, not to lead.
    await helper.send_command("/start", payload="idea_2")
    led = await helper.expect_message()
    assert [button("en", "projects-join-btn-join")] in led.buttons
    assert [button("en", "projects-join-btn-lead")] not in led.buttons

    # /help in the middle of the pitch runs, and the step waits: the next text is the pitch.
    await helper.send_command("/start", payload="idea_1")
    page = await helper.expect_message()
    await helper.press(page, button("en", "projects-join-btn-lead"))
    ask = await helper.expect_message()
    assert ask.text == en("projects-join-pitch-ask", number="1", min=30, max=1000)
    await helper.send_command("/help")
    await helper.expect_message()
    await helper.send(PITCH)
    consent = await helper.expect_message()
    assert consent.text == en("projects-join-contact-ask")
    await helper.press(consent, button("en", "projects-join-btn-contact-yes"))
    assert (await helper.expect_edit(consent)).text == en("projects-join-contact-yes")
    assert (await helper.expect_message()).text == en("projects-join-done-leader", number="1")
    assert offer_row(db_path, 1, HELPER, "leader") == ("applied", [], PITCH, CONTACT_CONSENT_VERSION)

    # The page says the offer waits for the curators; one tap withdraws it, and the offer to lead is back.
    await helper.send_command("/start", payload="idea_1")
    page = await helper.expect_message()
    assert en("projects-join-note-lead-applied") in page.text
    toast = await helper.press(page, button("en", "projects-join-btn-unlead"))
    assert toast.text == en("projects-join-left-leader", number="1")
    page = await helper.expect_edit(page)
    assert en("projects-join-note-lead-applied") not in page.text
    assert [button("en", "projects-join-btn-lead")] in page.buttons
    assert offer_row(db_path, 1, HELPER, "leader") == ("left", [], PITCH, CONTACT_CONSENT_VERSION)
    assert fake.refused == []
