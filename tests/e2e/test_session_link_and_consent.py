"""A newcomer by a session's link (consent framed for the registration, then registered at once), the new consent
version asked once of those who accepted an older one (the action resumes; not asked again after a restart),
and /privacy as a summary with the full text behind a button — end to end through the fake Bot API."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from bot.consent import CONSENT_EDITION, CONSENT_VERSION, edition
from bot.handlers.sessions.callbacks import FeedbackAction, FeedbackCb
from bot.services.ideas import TEXT_MAX, TEXT_MIN
from fake_telegram import BotMessage, FakeTelegram, ScriptedUser
from tests.support.locale_text import button, ru, ru_pattern
from tests.support.seeding import Resident, add_registration, add_session, registrations, seed_residents
from tests.support.settings import ADMIN_ID

pytestmark = pytest.mark.usefixtures("pinned_clock")

OLD_VERSION = "2026-11-28"
REGISTER = button("ru", "session-btn-register")
BACK = button("ru", "session-btn-back")
ACCEPT = button("ru", "consent-accept")
DECLINE = button("ru", "consent-decline")
RENEW_BUTTONS = [
    [button("ru", "consent-renew-accept")],
    [button("ru", "consent-renew-decline")],
    [button("ru", "consent-full-text")],
]


async def by_link(user: ScriptedUser, session_id: int) -> tuple[BotMessage, BotMessage]:
    """A newcomer opens the session's link: the session (title and time) first, then the consent framed for the
    registration. Returns the card and the consent message."""
    await user.send_command("/start", f"session_{session_id}")
    card = await user.expect_message()
    assert card.buttons == []
    intro = await user.expect_message()
    assert intro.text == ru("consent-session-intro")
    consent = await user.expect_message()
    assert consent.text == ru("consent-text", version=CONSENT_EDITION)
    assert [ACCEPT] in consent.buttons and [DECLINE] in consent.buttons
    return card, consent


async def expect_tickets(user: ScriptedUser, title: str) -> None:
    confirmation = await user.expect_message()
    assert re.fullmatch(ru_pattern("session-registered", {"when": ".+"}, title=title), confirmation.text)
    assert (await user.expect_message()).kind == "document"
    assert (await user.expect_message()).kind == "photo"


async def people_count(admin: ScriptedUser, session_id: int) -> str:
    """The organizer's management screen of the session: its line of counts."""
    await admin.send_command("/start", f"session_{session_id}")
    card = await admin.expect_message()
    await admin.press(card, button("ru", "session-btn-manage"))
    manage = await admin.expect_message()
    return next(line for line in manage.text.splitlines() if line.startswith("👥"))


def consent_row(db_path: Path, user_id: int) -> tuple[str, str, str | None, str | None]:
    with sqlite3.connect(db_path) as conn:
        row = conn.execute(
            "SELECT consent_status, consent_version, consent_asked, consent_refused FROM users WHERE id = ?",
            (user_id,),
        ).fetchone()
    return row[0], row[1], row[2], row[3]


async def test_a_newcomer_by_a_session_link_is_registered_right_after_the_consent(
    fake: FakeTelegram, db_path: Path, start_bot, admin: ScriptedUser
) -> None:
    await seed_residents(db_path, [Resident(ADMIN_ID), Resident(1001)])
    sid = add_session(db_path, title="Лекторий", capacity=5)
    full = add_session(db_path, title="Хакатон", capacity=1)
    add_registration(db_path, full, 1001)
    await start_bot()
    assert await people_count(admin, sid) == ru("sadm-manage-people", registered=0, waiting=0)

    # Consent → registered at once: the usual confirmation and tickets; the organizer counts one more.
    nina = fake.user(4001, first_name="Нина", language_code="ru")
    card, consent = await by_link(nina, sid)
    assert card.text.startswith("Лекторий") and ru("session-places-free", free=5, capacity=5) in card.text
    await nina.press(consent, ACCEPT)
    assert (await nina.expect_edit(consent)).buttons == []
    assert (await nina.expect_message()).text == ru("consent-accepted", version=CONSENT_EDITION)
    await expect_tickets(nina, "Лекторий")
    await nina.expect_no_message(within=0.1)  # no territory, no subscriptions: not needed to register
    assert await people_count(admin, sid) == ru("sadm-manage-people", registered=1, waiting=0)

    # A full session: the waitlist, said plainly, and the card as it is now.
    oleg = fake.user(4002, first_name="Олег", language_code="ru")
    _, consent = await by_link(oleg, full)
    await oleg.press(consent, ACCEPT)
    await oleg.expect_edit(consent)
    assert (await oleg.expect_message()).text == ru("consent-accepted", version=CONSENT_EDITION)
    assert (await oleg.expect_message()).text == ru("session-waitlisted", position=1)
    waiting = await oleg.expect_message()
    assert waiting.text.startswith("Хакатон") and ru("session-you-waitlist", position=1) in waiting.text
    assert [(uid, status) for uid, status, _ in registrations(db_path, full)] == [
        (1001, "registered"),
        (4002, "waitlist"),
    ]

    # Declined: told plainly there is no registration without consent; nothing is stored.
    pavel = fake.user(4003, first_name="Павел", language_code="ru")
    _, consent = await by_link(pavel, sid)
    await pavel.press(consent, DECLINE)
    await pavel.expect_edit(consent)
    assert (await pavel.expect_message()).text == ru("consent-session-declined")
    assert [uid for uid, _, _ in registrations(db_path, sid)] == [4001]

    # Someone already set up sees the card as before.
    resident = fake.user(1001, first_name="Житель", language_code="ru")
    await resident.send_command("/start", f"session_{sid}")
    known = await resident.expect_message()
    assert known.text.startswith("Лекторий") and known.buttons == [[REGISTER], [BACK]]

    # The registered newcomer comes for ideas later: the territory and subscriptions are asked then.
    await nina.send_command("/idea")
    assert (await nina.expect_message()).text == ru("setup-first")
    assert (await nina.expect_message()).text == ru("territory-ask")


async def test_an_older_consent_is_renewed_once_and_the_action_resumes(
    fake: FakeTelegram, db_path: Path, start_bot
) -> None:
    await seed_residents(db_path, [Resident(1002), Resident(1003), Resident(1004), Resident(1005), Resident(1006)])
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE users SET consent_version = ?", (OLD_VERSION,))
    sid = add_session(db_path, title="Лекторий", capacity=5)
    first = await start_bot()

    # A session's link: asked first (what changed, the full text on request), then the card.
    anna = fake.user(1002, first_name="Анна", language_code="ru")
    await anna.send_command("/start", f"session_{sid}")
    ask = await anna.expect_message()
    assert ask.text == ru("consent-renew-ask", version=CONSENT_EDITION) and ask.buttons == RENEW_BUTTONS
    await anna.press(ask, button("ru", "consent-full-text"))
    assert (await anna.expect_message()).text == ru("consent-text", version=CONSENT_EDITION)
    await anna.press(ask, button("ru", "consent-renew-accept"))
    assert (await anna.expect_edit(ask)).buttons == []
    assert (await anna.expect_message()).text == ru("consent-renewed")
    card = await anna.expect_message()
    assert card.text.startswith("Лекторий") and card.buttons == [[REGISTER], [BACK]]
    assert consent_row(db_path, 1002)[1] == CONSENT_VERSION

    # /idea: asked, then the idea form where it starts.
    boris = fake.user(1004, first_name="Борис", language_code="ru")
    await boris.send_command("/idea")
    ask = await boris.expect_message()
    assert ask.text == ru("consent-renew-ask", version=CONSENT_EDITION)
    await boris.press(ask, button("ru", "consent-renew-accept"))
    await boris.expect_edit(ask)
    assert (await boris.expect_message()).text == ru("consent-renewed")
    assert (await boris.expect_message()).text == ru("idea-ask-text", min=TEXT_MIN, max=TEXT_MAX)

    # Declined: ideas keep working under the older consent; a registration asks for the new version, and once it
    # is accepted the registration itself goes through.
    vera = fake.user(1003, first_name="Вера", language_code="ru")
    await vera.send_command("/my")
    ask = await vera.expect_message()
    await vera.press(ask, button("ru", "consent-renew-decline"))
    await vera.expect_edit(ask)
    assert (await vera.expect_message()).text == ru("consent-renew-declined")
    assert consent_row(db_path, 1003) == ("accepted", OLD_VERSION, CONSENT_VERSION, CONSENT_VERSION)
    await vera.send_command("/my")
    assert (await vera.expect_message()).text == ru("my-empty")  # not asked again
    await vera.send_command("/start", f"session_{sid}")
    card = await vera.expect_message()
    await vera.press(card, REGISTER)
    assert (await vera.expect_message()).text == ru("session-need-renewal")
    ask = await vera.expect_message()
    assert ask.buttons == RENEW_BUTTONS
    assert registrations(db_path, sid) == []
    await vera.press(ask, button("ru", "consent-renew-accept"))
    await vera.expect_edit(ask)
    assert (await vera.expect_message()).text == ru("consent-renewed")
    await expect_tickets(vera, "Лекторий")

    # /privacy for whoever has the older version: the summary says so, with the new version to accept.
    gleb = fake.user(1005, first_name="Глеб", language_code="ru")
    await gleb.send_command("/privacy")
    summary = await gleb.expect_message()
    status = ru("privacy-status-outdated", accepted=edition(OLD_VERSION), version=CONSENT_EDITION)
    assert summary.text == ru("privacy-summary", contact=ru("privacy-contact-none"), status=status)
    assert summary.buttons == [[button("ru", "consent-full-text")], [button("ru", "consent-renew-accept")]]
    await gleb.press(summary, button("ru", "consent-renew-accept"))
    await gleb.expect_edit(summary)
    assert (await gleb.expect_message()).text == ru("consent-renewed") + "\n\n" + ru("consent-renewed-go-on")

    # Asked and not answered: the question is not repeated at the next action (the older consent goes on).
    dina = fake.user(1006, first_name="Дина", language_code="ru")
    await dina.send("Здравствуйте")
    assert (await dina.expect_message()).text == ru("consent-renew-ask", version=CONSENT_EDITION)
    listing = await dina.send_command("/my")
    assert (await dina.expect_message()).text == ru("my-empty")
    # A rating needs the current version: asked for it then (she reached for it), nothing rated.
    rate = FeedbackCb(action=FeedbackAction.RATE, session_id=sid, rating=5).pack()
    await dina.press_data(dina.chat_id, listing["message_id"], rate)
    assert (await dina.expect_message()).text == ru("consent-renew-ask", version=CONSENT_EDITION)

    # A restart on the same database: nobody is asked again, whatever they answered.
    await first.stop()
    await start_bot()
    await vera.send_command("/my")
    assert (await vera.expect_message()).text == ru("my-empty")
    await anna.send_command("/start", f"session_{sid}")
    assert (await anna.expect_message()).text.startswith("Лекторий")
    await gleb.send_command("/my")
    assert (await gleb.expect_message()).text == ru("my-empty")
    await dina.send_command("/my")
    assert (await dina.expect_message()).text == ru("my-empty")
    for person in (anna, boris, vera, gleb, dina):
        await person.expect_no_message(within=0.05)
