"""Sessions as residents see them, end to end through the fake Bot API: the list and the card, registering
with its .ics file and QR code, the capacity under fifty simultaneous presses, the waitlist and its offers,
the deadline, the deep link for a newcomer, and check-in."""

from __future__ import annotations

import asyncio
import re
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.consent import CONSENT_EDITION
from bot.services.ics import unescape_text, unfold
from fake_telegram import BotMessage, FakeTelegram, ScriptedUser
from tests.support.clock import utc_now
from tests.support.in_process import InProcessBot
from tests.support.locale_text import button, en, ru, ru_pattern
from tests.support.seeding import (
    Resident,
    add_registration,
    add_session,
    make_reachable,
    registration_row,
    registrations,
    seed_reachable,
    seed_residents,
    update_session,
)
from tests.support.settings import ADMIN_ID

TZ = ZoneInfo("Asia/Yekaterinburg")
# The texts here show times of day (a session "18:00–19:30", an offer "до 12:00"): the bot's clock reads
# 10:00 in Orenburg whatever the hour the suite runs, so no session or offer crosses midnight.
pytestmark = pytest.mark.usefixtures("pinned_clock")

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
REGISTER = button("ru", "session-btn-register")
BACK = button("ru", "session-btn-back")
CALENDAR = button("ru", "session-btn-ics")
QR = button("ru", "session-btn-qr")
CANCEL = button("ru", "session-btn-unregister")
TAKE = button("ru", "session-btn-accept")
DECLINE = button("ru", "session-btn-decline")
REGISTERED_TOAST = ru("session-registered-toast")
DAY_TIME = r"\d\d\.\d\d\.\d{4} \d\d:\d\d"  # 05.12.2026 18:00


def local(moment) -> str:  # type: ignore[no-untyped-def]
    return moment.astimezone(TZ).strftime("%d.%m.%Y %H:%M")


def minute(days: float = 0, hours: float = 0):  # type: ignore[no-untyped-def]
    """A moment from now, to the minute (as organizers set them)."""
    return utc_now().replace(second=0) + timedelta(days=days, hours=hours)


async def open_card(user: ScriptedUser, session_id: int) -> BotMessage:
    await user.send_command("/start", f"session_{session_id}")
    return await user.expect_message()


async def expect_tickets(fake: FakeTelegram, user: ScriptedUser, title: str, timeout: float = 5.0) -> bytes:  # noqa: ASYNC109
    """The confirmation, the .ics file and the QR code, in this order. Returns the .ics bytes."""
    confirmation = await user.expect_message(timeout=timeout)
    confirmed = ru_pattern("session-registered", {"when": ".+"}, title=title)
    assert re.fullmatch(confirmed, confirmation.text), confirmation.text
    document = await user.expect_message(timeout=timeout)
    assert document.kind == "document" and document.document_name and document.document_name.endswith(".ics")
    assert document.raw["document"]["file_name"] == document.document_name
    photo = await user.expect_message(timeout=timeout)
    assert photo.kind == "photo"
    assert re.fullmatch(ru_pattern("session-qr-caption", {"when": DAY_TIME}, title=title), photo.caption or "")
    assert (fake.file_data(photo.photo or "") or b"").startswith(PNG_SIGNATURE)
    return document.document_bytes or b""


# --- the list and the card ---------------------------------------------------------------------------------


async def test_list_and_card_as_a_resident_sees_them(
    fake: FakeTelegram, db_path: Path, start_bot, admin: ScriptedUser
) -> None:
    await seed_residents(db_path, [Resident(1001), Resident(1002)])
    talk = add_session(db_path, title="Лекторий", starts_at=minute(days=1), capacity=0)
    hack = add_session(db_path, title="Хакатон", starts_at=minute(days=2), capacity=10, duration_min=90)
    full = add_session(db_path, title="Мастерская", starts_at=minute(days=3), capacity=1)
    add_registration(db_path, full, 1002)
    add_session(db_path, title="Прошедшая", starts_at=minute(days=-1))
    add_session(db_path, title="Отменённая", starts_at=minute(days=1), status="cancelled")
    for n in range(4):
        add_session(db_path, title=f"Сессия {n + 4}", starts_at=minute(days=4 + n))
    users = make_reachable(fake, [1001])
    await start_bot()
    user = users[1001]

    await user.send_command("/sessions")
    listing = await user.expect_message()
    blocks = listing.text.split("\n\n")
    # whole-screen check: the wording itself is under test (the first page of the list, as a resident reads it)
    assert blocks[0] == "📅 Ближайшие сессии · страница 1 из 2"
    assert blocks[1] == f"1. Лекторий\n📅 {local(minute(days=1))} · Мест без ограничений, записались: 0"
    assert blocks[2] == f"2. Хакатон\n📅 {local(minute(days=2))} · Свободно мест: 10 из 10"
    assert blocks[3] == f"3. Мастерская\n📅 {local(minute(days=3))} · Мест нет (1 из 1), в листе ожидания: 0"
    assert len(blocks) == 6 and "Прошедшая" not in listing.text and "Отменённая" not in listing.text
    assert listing.buttons == [
        ["1. Лекторий"],
        ["2. Хакатон"],
        ["3. Мастерская"],
        ["4. Сессия 4"],
        ["5. Сессия 5"],
        ["▶"],
    ]
    await user.press(listing, "▶")
    page2 = await user.expect_edit(listing)
    assert page2.text.startswith(ru("session-list-head", page=2, pages=2)) and page2.buttons == [
        ["6. Сессия 6"],
        ["7. Сессия 7"],
        ["◀"],
    ]
    await user.press(page2, "◀")
    await user.expect_edit(listing)

    await user.press(listing, "2. Хакатон")
    card = await user.expect_edit(listing)
    lines = card.text.split("\n")
    assert lines[0] == "Хакатон"
    assert ru("session-card-direction", direction="🌳 Развитие городской среды") in lines
    start = minute(days=2)
    assert (
        ru("session-card-when", when=f"{local(start)}–{(start + timedelta(minutes=90)).astimezone(TZ):%H:%M}") in lines
    )
    assert ru("session-places-free", free=10, capacity=10) in lines
    assert ru("session-card-deadline", deadline=local(start - timedelta(hours=1))) in lines
    assert card.buttons == [[REGISTER], [BACK]]

    answer = await user.press(card, REGISTER)
    assert answer.text == REGISTERED_TOAST and not answer.show_alert
    await user.expect_edit(card)
    assert ru("session-places-free", free=9, capacity=10) in card.text
    assert card.text.endswith(ru("session-you-registered"))
    assert card.buttons == [[CALENDAR, QR], [CANCEL], [BACK]]
    await expect_tickets(fake, user, "Хакатон")

    await user.press(card, BACK)
    await user.expect_edit(card)
    places = ru("session-places-free", free=9, capacity=10)
    item = [
        ru("session-list-item", number=2, title="Хакатон"),
        ru("session-list-when", when=local(start), places=places),
    ]
    assert "\n".join([*item, ru("session-mark-registered")]) in card.text
    await user.press(card, "3. Мастерская")
    await user.expect_edit(card)
    assert card.buttons == [[button("ru", "session-btn-waitlist")], [BACK]]

    # Staff see the way to manage the session on the same card.
    staff_card = await open_card(admin, talk)
    assert staff_card.buttons == [[REGISTER], [button("ru", "session-btn-manage")], [BACK]]
    assert hack != talk


async def test_no_sessions_and_no_consent(fake: FakeTelegram, db_path: Path, start_bot) -> None:
    users = await seed_reachable(fake, db_path, [1001])
    await start_bot()
    await users[1001].send_command("/sessions")
    empty = await users[1001].expect_message()
    assert empty.text == ru("session-list-empty") and empty.buttons == []

    stranger = fake.user(1500, first_name="Гость", language_code="en")
    await stranger.send_command("/sessions")
    prompt = await stranger.expect_message()
    assert prompt.text == en("session-list-need-consent")
    assert prompt.buttons == [[button("en", "consent-review")]]


# --- registering: tickets, again, cancel ---------------------------------------------------------------------


async def test_register_gets_confirmation_ics_and_qr(fake: FakeTelegram, db_path: Path, start_bot) -> None:
    await seed_residents(db_path, [Resident(1001)])
    start = minute(days=2)
    title = "Хакатон; идеи, город"
    sid = add_session(db_path, title=title, starts_at=start, place="https://meet.example.org/hack", capacity=5)
    users = make_reachable(fake, [1001])
    await start_bot()
    user = users[1001]

    card = await open_card(user, sid)
    assert card.text.startswith(title) and card.buttons == [[REGISTER], [BACK]]
    assert (await user.press(card, REGISTER)).text == REGISTERED_TOAST
    await user.expect_edit(card)
    data = await expect_tickets(fake, user, title)

    lines = unfold(data)
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")  # CRLF only
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))  # folded at 75 octets
    assert lines[:2] == ["BEGIN:VCALENDAR", "VERSION:2.0"] and lines[-1] == "END:VCALENDAR"
    event = lines[lines.index("BEGIN:VEVENT") + 1 : lines.index("BEGIN:VALARM")]
    fields = dict(line.split(":", 1) for line in event)
    assert fields["UID"] == f"session-{sid}@ideas_bot"
    assert fields["DTSTART"] == f"{start:%Y%m%dT%H%M%S}Z"
    assert fields["DTEND"] == f"{start + timedelta(minutes=120):%Y%m%dT%H%M%S}Z"
    assert re.fullmatch(r"\d{8}T\d{6}Z", fields["DTSTAMP"])
    assert unescape_text(fields["SUMMARY"]) == title
    assert unescape_text(fields["DESCRIPTION"]).endswith(f"https://t.me/ideas_bot?start=session_{sid}")
    assert fields["LOCATION"] == "https://meet.example.org/hack" == fields["URL"]
    assert "TRIGGER:-PT1H" in lines

    row = registration_row(db_path, sid, 1001)
    assert row is not None and row["status"] == "registered"
    token = str(row["checkin_token"])
    assert re.fullmatch(r"[A-Za-z0-9_-]{16,40}", token)

    # The calendar file and the QR code again, from the card.
    await user.press(card, CALENDAR)
    again = await user.expect_message()
    assert again.kind == "document" and again.document_name == f"session-{sid}.ics"
    await user.press(card, QR)
    qr = await user.expect_message()
    assert qr.kind == "photo" and (fake.file_data(qr.photo or "") or b"").startswith(PNG_SIGNATURE)

    # Cancelling asks first; "no" keeps the place.
    await user.press(card, CANCEL)
    await user.expect_edit(card)
    assert card.text.endswith(ru("session-unreg-ask", title=title))
    assert card.buttons == [[button("ru", "session-btn-unreg-yes")], [button("ru", "session-btn-unreg-no")]]
    await user.press(card, button("ru", "session-btn-unreg-no"))
    await user.expect_edit(card)
    assert card.buttons == [[CALENDAR, QR], [CANCEL], [BACK]]
    await user.press(card, CANCEL)
    await user.expect_edit(card)
    answer = await user.press(card, button("ru", "session-btn-unreg-yes"))
    assert answer.text == ru("session-cancelled-toast")
    await user.expect_edit(card)
    assert card.buttons == [[REGISTER], [BACK]] and ru("session-places-free", free=5, capacity=5) in card.text
    notice = await user.expect_message()
    assert notice.text == ru("session-cancelled", title=title)
    # An old "yes" pressed again changes nothing.
    assert (await user.press_data(user.chat_id, card.message_id, f"ses1:unreg_yes:{sid}:0")).show_alert

    # Registering again works while places remain, with the same check-in code.
    assert (await user.press(card, REGISTER)).text == REGISTERED_TOAST
    await expect_tickets(fake, user, title)
    assert registration_row(db_path, sid, 1001)["checkin_token"] == token  # type: ignore[index]


# --- capacity, the waitlist and offers --------------------------------------------------------------------------


async def test_fifty_press_at_once_for_ten_places(fake: FakeTelegram, db_path: Path, start_bot) -> None:
    ids = list(range(2001, 2051))
    await seed_residents(db_path, [Resident(i) for i in ids])
    sid = add_session(db_path, title="Большой хакатон", capacity=10)
    users = make_reachable(fake, ids)
    await start_bot()
    cards = {}
    for uid in ids:
        cards[uid] = await open_card(users[uid], sid)
        assert cards[uid].buttons[0] == [REGISTER]

    answers = await asyncio.gather(*(users[uid].press(cards[uid], REGISTER, timeout=30) for uid in ids))
    registered = [uid for uid, a in zip(ids, answers, strict=True) if a.text == REGISTERED_TOAST]
    waitlisted = {ru("session-waitlisted", position=n): n for n in range(1, 51)}  # the text: its position
    waiting = [uid for uid, a in zip(ids, answers, strict=True) if a.text in waitlisted]
    assert len(registered) == 10 and len(waiting) == 40
    assert all(answers[ids.index(uid)].show_alert for uid in waiting)
    positions = sorted(waitlisted[answers[ids.index(u)].text or ""] for u in waiting)
    assert positions == list(range(1, 41))

    rows = registrations(db_path, sid)
    assert sorted(uid for uid, status, _ in rows if status == "registered") == sorted(registered)
    queue = [uid for uid, status, _ in rows if status == "waitlist"]
    assert sorted(queue) == sorted(waiting)
    for uid in registered:
        await users[uid].expect_edit(cards[uid], timeout=15)
        await expect_tickets(fake, users[uid], "Большой хакатон", timeout=15)
    for uid in waiting:
        await users[uid].expect_edit(cards[uid], timeout=15)
    first = users[queue[0]]
    assert cards[queue[0]].buttons[0] == [button("ru", "session-btn-leave")]
    assert ru("session-you-waitlist", position=1) in cards[queue[0]].text
    assert ru("session-places-full", capacity=10, waiting=40) in cards[queue[0]].text

    # A cancellation: the first in line is offered the place, and takes it.
    leaver = users[registered[0]]
    await leaver.press(cards[registered[0]], CANCEL)
    await leaver.expect_edit(cards[registered[0]])
    await leaver.press(cards[registered[0]], button("ru", "session-btn-unreg-yes"))
    offer = await first.expect_message()
    offered = ru_pattern("session-offer", {"when": ".+", "until": r"\d\d:\d\d"}, title="Большой хакатон")
    assert re.fullmatch(offered, offer.text), offer.text
    assert offer.buttons == [[TAKE], [DECLINE]]
    assert registration_row(db_path, sid, queue[0])["status"] == "offered"  # type: ignore[index]
    for uid in queue[1:]:  # only the first in line is offered the place
        await users[uid].expect_no_message(within=0.02)
    assert (await first.press(offer, TAKE)).text == REGISTERED_TOAST
    await first.expect_edit(offer)
    assert offer.buttons[0] == [CALENDAR, QR]  # the offer became the card
    await expect_tickets(fake, first, "Большой хакатон")

    # A second cancellation: the next in line declines, and the place goes on to the one after.
    leaver2 = users[registered[1]]
    await leaver2.press(cards[registered[1]], CANCEL)
    await leaver2.expect_edit(cards[registered[1]])
    await leaver2.press(cards[registered[1]], button("ru", "session-btn-unreg-yes"))
    second_offer = await users[queue[1]].expect_message()
    assert (await users[queue[1]].press(second_offer, DECLINE)).text == ru("session-declined")
    third_offer = await users[queue[2]].expect_message()
    assert re.fullmatch(offered, third_offer.text), third_offer.text
    statuses = {uid: status for uid, status, _ in registrations(db_path, sid)}
    assert statuses[queue[1]] == "declined" and statuses[queue[2]] == "offered"
    assert list(statuses.values()).count("registered") == 9
    # Nobody else heard anything.
    for uid in queue[3:]:
        await users[uid].expect_no_message(within=0.05)


async def test_an_unconfirmed_offer_passes_on(fake: FakeTelegram, db_path: Path, start_bot) -> None:
    await seed_residents(db_path, [Resident(i) for i in (3001, 3002, 3003)])
    sid = add_session(db_path, title="Мастерская", capacity=1)
    add_registration(db_path, sid, 3001)
    add_registration(db_path, sid, 3002, status="waitlist")
    add_registration(db_path, sid, 3003, status="waitlist")
    users = make_reachable(fake, [3001, 3002, 3003])
    runner: InProcessBot = await start_bot(offer_ttl=1)

    card = await open_card(users[3001], sid)
    await users[3001].press(card, CANCEL)
    await users[3001].expect_edit(card)
    await users[3001].press(card, button("ru", "session-btn-unreg-yes"))
    offer = await users[3002].expect_message()
    assert offer.buttons == [[TAKE], [DECLINE]]
    # Nobody answers: at the offer's end (one second here) the timers pass it on.
    passed = await users[3002].expect_message(timeout=15)
    assert passed.text == ru("session-offer-passed", title="Мастерская")
    next_offer = await users[3003].expect_message(timeout=5)
    assert re.fullmatch(ru_pattern("session-offer", {"when": ".+", "until": ".+"}, title="Мастерская"), next_offer.text)
    statuses = {uid: status for uid, status, _ in registrations(db_path, sid)}
    assert statuses == {3001: "cancelled", 3002: "expired", 3003: "offered"}

    # The old offer's button no longer works; the press says so and shows the card as it is.
    answer = await users[3002].press(offer, TAKE)
    assert answer.show_alert and answer.text == ru("session-stale")
    await users[3002].expect_edit(offer)
    assert offer.buttons == [[button("ru", "session-btn-waitlist")], [BACK]]
    # The timers' call is idempotent: running it again changes nothing and tells nobody.
    await runner.dp["registration"].expire_offer(sid, 3002)
    await users[3002].expect_no_message(within=0.1)
    assert registration_row(db_path, sid, 3003)["status"] == "offered"  # type: ignore[index]


async def test_deadline_passed_is_refused_clearly(fake: FakeTelegram, db_path: Path, start_bot) -> None:
    await seed_residents(db_path, [Resident(1001)])
    sid = add_session(db_path, starts_at=minute(days=1), deadline_at=minute(hours=2))
    users = make_reachable(fake, [1001])
    await start_bot()
    card = await open_card(users[1001], sid)
    assert card.buttons == [[REGISTER], [BACK]]
    update_session(db_path, sid, deadline_at=minute(hours=-1))
    answer = await users[1001].press(card, REGISTER)
    assert answer.show_alert and answer.text == ru("session-gone-closed")
    await users[1001].expect_edit(card)
    assert card.text.endswith(ru("session-closed")) and card.buttons == [[BACK]]
    assert registrations(db_path, sid) == []


# --- the deep link ---------------------------------------------------------------------------------------------


async def test_deep_link_for_a_new_person_registers_right_after_the_consent(
    fake: FakeTelegram, db_path: Path, start_bot
) -> None:
    await start_bot()
    sid = add_session(db_path, title="Лекторий", capacity=3)
    newbie = fake.user(4001, first_name="Нина", language_code="ru")

    card = await open_card(newbie, sid)  # the session first, without buttons: the consent comes next
    assert card.text.startswith("Лекторий") and card.buttons == []
    intro = await newbie.expect_message()
    assert intro.text == ru("consent-session-intro")
    consent = await newbie.expect_message()
    await newbie.press(consent, button("ru", "consent-accept"))
    await newbie.expect_edit(consent)
    accepted = await newbie.expect_message()
    assert accepted.text.startswith(ru("consent-accepted", version=CONSENT_EDITION))
    await expect_tickets(fake, newbie, "Лекторий")  # registered without pressing Register again
    assert [(uid, status) for uid, status, _ in registrations(db_path, sid)] == [(4001, "registered")]

    # An unknown session: a clear message and the list.
    await newbie.send_command("/start", "session_999999")
    missing = await newbie.expect_message()
    assert missing.text == ru("session-not-found")
    listing = await newbie.expect_message()
    assert listing.text.startswith(ru("session-list-head", page=1, pages=1)) and "Лекторий" in listing.text


# --- check-in ----------------------------------------------------------------------------------------------------


async def test_check_in_by_staff_and_by_a_resident(fake: FakeTelegram, db_path: Path, start_bot, admin) -> None:
    await seed_residents(db_path, [Resident(1001), Resident(1002)])
    sid = add_session(db_path, title="Хакатон", starts_at=utc_now() + timedelta(hours=2))  # check-in is open
    later = add_session(db_path, title="Через три дня")
    early = add_registration(db_path, later, 1001, token="Tok-en_early_1001abc")
    token = add_registration(db_path, sid, 1001, token="Tok-en_1001abcdefgh")
    cancelled = add_registration(db_path, sid, 1002, status="cancelled", token="Tok-en_1002abcdefgh")
    users = make_reachable(fake, [1001])
    await start_bot(reminder_offsets="")  # the session is two hours away: no reminder in this story

    await users[1001].send_command("/start", f"checkin_{token}")
    own = await users[1001].expect_message()
    assert own.text == ru("checkin-personal")
    assert registration_row(db_path, sid, 1001)["attended_at"] is None  # type: ignore[index]

    await admin.send_command("/start", f"checkin_{token}")
    done = await admin.expect_message()
    checked = ru_pattern("checkin-done", {"time": r"\d\d:\d\d"}, name="Житель 1001", title="Хакатон")
    assert re.fullmatch(checked, done.text), done.text
    row = registration_row(db_path, sid, 1001)
    assert row is not None and row["attended_at"] and row["attended_by"] == ADMIN_ID
    await admin.send_command("/start", f"checkin_{token}")
    again = await admin.expect_message()
    assert re.fullmatch(
        ru_pattern("checkin-already", {"time": DAY_TIME}, name="Житель 1001", title="Хакатон"), again.text
    )

    await admin.send_command("/start", f"checkin_{cancelled}")
    refused = await admin.expect_message()
    assert refused.text == ru("checkin-not-registered", name="Житель 1002", title="Хакатон")
    await admin.send_command("/start", f"checkin_{early}")
    too_early = await admin.expect_message()
    assert too_early.text == ru("checkin-too-early", name="Житель 1001", title="Через три дня", hours=6)
    assert registration_row(db_path, later, 1001)["attended_at"] is None  # type: ignore[index]
    await admin.send_command("/start", "checkin_nosuchtoken")
    unknown = await admin.expect_message()
    assert unknown.text == ru("checkin-unknown")

    # The resident's card shows the check-in.
    card = await open_card(users[1001], sid)
    assert re.search(ru_pattern("session-you-attended", {"time": DAY_TIME}), card.text)
