"""Screens built from people's data stay within Telegram's limits whatever the data (issue 11, point 4).

Every screen is filled with the longest names Telegram allows (first and last name 64 characters, username 32),
made of emoji (two UTF-16 units each), Cyrillic and the characters HTML escapes (``&`` is sent as five), with the
longest texts the bot accepts (ideas, addresses, reasons, titles, descriptions, places, poll questions and
options, comments) and with more rows than one message holds. The fake server refuses what Telegram refuses (a
text over 4096 units, a caption over 1024, an answer over 200, a keyboard over 100 buttons): every request must be
accepted, and what a person sees must still make sense (page turns, "… and N more").
"""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from fake_telegram import BotMessage, FakeTelegram, ScriptedUser
from tests.support.clock import utc_now
from tests.support.locale_text import button, lead, ru, ru_pattern
from tests.support.scenarios import curator_chat, onboard, onboarded, send_idea, write_idea
from tests.support.seeding import Resident, add_registration, add_session, seed_residents
from tests.support.settings import ADMIN_ID

pytestmark = pytest.mark.usefixtures("pinned_clock")  # the bot's clock reads 10:00 in TIMEZONE, at any hour

URBAN = "🌳 Развитие городской среды"  # a direction's label: data, not wording
DAY_TIME = r"\d\d\.\d\d\.\d{4} \d\d:\d\d"  # 05.12.2026 18:00
PIECE = "🌳Ж&<>Ω"  # an emoji (two UTF-16 units), Cyrillic, what HTML escapes, Greek
T0 = "2026-11-20T10:00:00+00:00"


def hostile(length: int, piece: str = PIECE) -> str:
    """``length`` characters of ``piece`` over and over."""
    return (piece * length)[:length]


def hostile_units(units: int, piece: str = PIECE) -> str:
    """As many characters of ``piece`` as fit in ``units`` UTF-16 units (how Telegram counts a poll's texts)."""
    text = ""
    for char in piece * units:
        if len((text + char).encode("utf-16-le")) // 2 > units:
            break
        text += char
    return text


FIRST = hostile(64)
LAST = hostile(64, "Ω><&Ж🌳")


def username(user_id: int) -> str:
    return f"u{user_id}_".ljust(32, "x")


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


async def seed_people(db_path: Path, ids: list[int], territory: str = "orenburg") -> None:
    """Consented, onboarded residents with the longest names, written into a new database before the bot starts."""
    residents = [Resident(uid, territory, first_name=FIRST, last_name=LAST, username=username(uid)) for uid in ids]
    await seed_residents(db_path, residents)


def person(fake: FakeTelegram, user_id: int) -> ScriptedUser:
    user = fake.user(user_id, first_name=FIRST, last_name=LAST, username=username(user_id), language_code="ru")
    user.chat.known = True
    return user


def accepted(fake: FakeTelegram) -> None:
    """Every request the bot made was one Telegram accepts."""
    assert fake.refused == [], [(r.method, r.error) for r in fake.refused]


def fits(message: BotMessage) -> BotMessage:
    """What a person sees: within the limits (the fake checked it) and cut only where it says so."""
    text = message.text or message.caption or ""
    assert text and utf16(text) <= 4096
    assert sum(len(row) for row in message.buttons) <= 100
    return message


def more_of(text: str, key: str, name: str) -> int:
    """N of the "… and N more" line `key` (its count argument is `name`) in the text; 0 if there is none. The
    largest N whose line is in the text: "… and 15 more" holds "… and 1" too."""
    return next((n for n in range(500, 0, -1) if ru(key, **{name: n}) in text), 0)


# --- sessions: the card, the lists, registrants and attendance, the waitlist, the announcement ----------------


async def test_session_screens_hold_the_longest_names_and_texts(
    fake: FakeTelegram, db_path: Path, start_bot, admin: ScriptedUser
) -> None:
    people = list(range(30001, 30048))  # 25 registered, then the waitlist: 22 people
    await seed_people(db_path, people)
    start = utc_now() + timedelta(days=3)
    session_id = add_session(
        db_path,
        title=hostile(120),
        description=hostile(1500),
        place=hostile(300),
        capacity=25,
        starts_at=start,
        created_by=ADMIN_ID,
    )
    for extra in range(6):  # more sessions than a page of /sessions holds
        add_session(db_path, title=hostile(120, "Ω&🌳"), starts_at=start + timedelta(days=1 + extra))
    for uid in people[:25]:
        add_registration(db_path, session_id, uid)
    for uid in people[25:]:
        add_registration(db_path, session_id, uid, status="waitlist")
    await start_bot()
    await onboard(admin)

    # /sessions: a page of five long titles, with page turns.
    await admin.send_command("/sessions")
    listing = fits(await admin.expect_message())
    assert listing.text.startswith(ru("session-list-head", page=1, pages=2))
    assert listing.buttons[-1] == ["▶"] and len(listing.buttons) == 6
    await admin.press(listing, "▶")
    fits(await admin.expect_edit(listing))
    await admin.press(listing, "◀")
    fits(await admin.expect_edit(listing))

    # The card: the description gives way (it ends with "…"), the rest is whole.
    await admin.press(listing, "1. ")
    card = fits(await admin.expect_edit(listing))
    assert hostile(120) in card.text and hostile(300) in card.text
    assert hostile(200) in card.text and hostile(1500) not in card.text and "…" in card.text

    # The management screen, registrants page by page (10 a page) and attendance.
    await admin.press(card, button("ru", "session-btn-manage"))
    manage = fits(await admin.expect_message())
    assert ru("sadm-manage-people", registered=25, waiting=22) in manage.text
    await admin.press(manage, button("ru", "sadm-btn-people", n=25))
    registrants = fits(await admin.expect_edit(manage))
    assert registrants.buttons[10] == ["1/3", "▶"] and registrants.buttons[11] == [button("ru", "sadm-btn-back")]
    assert f"1. {FIRST[:30]}" in registrants.text and f"(@{username(30001)})" in registrants.text
    assert "10. " in registrants.text and "11. " not in registrants.text
    await admin.press(registrants, "▶")
    page2 = fits(await admin.expect_edit(registrants))
    assert "11. " in page2.text and f"(@{username(30020)})" in page2.text and page2.buttons[10] == ["◀", "2/3", "▶"]
    # Check-in opens six hours before the start: move the session closer, then tick someone.
    with sqlite3.connect(db_path) as conn:
        soon = utc_now() + timedelta(hours=3)
        conn.execute(
            "UPDATE sessions SET starts_at = ?, deadline_at = ? WHERE id = ?",
            (soon.isoformat(), (soon - timedelta(hours=1)).isoformat(), session_id),
        )
    toast = await admin.press(page2, page2.buttons[0][0])
    marked = lead("sadm-attend-marked", "name")  # the name follows, shortened to fit the toast
    assert toast.text is not None and toast.text.startswith(marked) and len(toast.text) <= 200
    ticked = fits(await admin.expect_edit(page2))
    attended = ru_pattern("sadm-people-line-attended", {"index": r"\d+", "name": ".+", "at": DAY_TIME})
    assert re.search(f"^{attended}$", ticked.text, re.M), ticked.text
    await admin.press(ticked, "▶")
    page3 = fits(await admin.expect_edit(ticked))
    assert "25. " in page3.text and page3.buttons[5] == ["◀", "3/3"]
    await admin.press(page3, button("ru", "sadm-btn-back"))
    manage = fits(await admin.expect_edit(page3))

    # The waitlist of 22 (the example: "message is too long" before): as many as fit, then how many more.
    await admin.press(manage, button("ru", "sadm-btn-waitlist", n=22))
    waitlist = fits(await admin.expect_edit(manage))
    lines = [line for line in waitlist.text.splitlines() if re.match(r"\d+\. ", line)]
    assert lines and lines[0].startswith("1. ") and f"(@{username(30026)})" in lines[0]
    more = more_of(waitlist.text, "sadm-waitlist-more", "n")
    assert len(lines) + more == 22
    assert more > 0, "22 longest names do not fit in one message: the rest must be counted"
    await admin.press(waitlist, button("ru", "sadm-btn-back"))
    manage = fits(await admin.expect_edit(waitlist))

    # The announcement's preview is the card residents get.
    await admin.send_command("/announce", str(session_id))
    audience = fits(await admin.expect_message())
    await admin.press(audience, lead("sadm-aud-all", "n"))  # "All residents · N"
    fits(await admin.expect_edit(audience))
    preview = fits(await admin.expect_message())
    assert hostile(120) in preview.text and "…" in preview.text
    fits(await admin.expect_message())

    # A registrant's own card, and the question whether to give the place up (the title twice).
    resident = person(fake, 30002)
    await resident.send_command("/sessions")
    mine = fits(await resident.expect_message())
    await resident.press(mine, "1. ")
    own = fits(await resident.expect_edit(mine))
    await resident.press(own, button("ru", "session-btn-unregister"))
    ask = fits(await resident.expect_edit(own))
    assert ask.text.count(hostile(100)) >= 2
    accepted(fake)


# --- roles: /organizers page by page, /audit ------------------------------------------------------------------


async def test_organizers_and_audit_hold_the_longest_names(
    fake: FakeTelegram, db_path: Path, start_bot, admin: ScriptedUser
) -> None:
    organizers = list(range(31001, 31041))  # 40 organizers, each curator of every direction
    await seed_people(db_path, organizers)
    with sqlite3.connect(db_path) as conn:
        conn.executemany(
            "INSERT INTO roles (user_id, role, direction_id, granted_by, granted_at) VALUES (?, ?, ?, ?, ?)",
            [(uid, "organizer", None, ADMIN_ID, T0) for uid in organizers]
            + [(uid, "curator", d, ADMIN_ID, T0) for uid in organizers for d in (1, 2, 3, 4)],
        )
        conn.executemany(
            "INSERT INTO audit_log (actor_id, action, target, details, created_at) VALUES (?, ?, ?, ?, ?)",
            [
                (uid, "role_grant", str(uid + 1), json.dumps({"role": "organizer", "name": FIRST + LAST}), T0)
                for uid in organizers[:30]
            ],
        )
    for uid in organizers:
        person(fake, uid)  # they have started the bot: their menus are set at start-up
    await start_bot()

    await admin.send_command("/organizers")
    first = fits(await admin.expect_message())
    assert first.text.startswith(ru("roles-list-title", count=40))
    nav = first.buttons[-2]
    assert nav[0] == "1/" + nav[0].split("/")[1] and nav[-1] == "▶", first.buttons
    pages = int(nav[0].split("/")[1])
    assert pages > 1 and first.buttons[-1] == [button("ru", "roles-btn-add")]
    listed = [b for row in first.buttons for b in row if b.startswith("⚙️ ")]
    assert listed[0].startswith("⚙️ 1. ") and len(listed) == len(re.findall(r"^\d+\. ", first.text, re.M))
    seen = len(listed)
    shown = first
    for page in range(2, pages + 1):  # every organizer is on some page
        await admin.press(shown, "▶")
        shown = fits(await admin.expect_edit(shown))
        on_page = [b for row in shown.buttons for b in row if b.startswith("⚙️ ")]
        assert on_page[0].startswith(f"⚙️ {seen + 1}. ") and f"{page}/{pages}" in shown.buttons[-2]
        seen += len(on_page)
    assert seen == 40 and shown.buttons[-2][-1] == f"{pages}/{pages}"
    await admin.press(shown, shown.buttons[0][0])
    card = fits(await admin.expect_edit(shown))
    assert f"(@{username(organizers[seen - len(on_page)])})" in card.text
    await admin.press(card, button("ru", "roles-btn-back"))
    back = fits(await admin.expect_edit(card))
    assert back.buttons[-2][0] == f"1/{pages}"

    await admin.send_command("/audit")
    audit = fits(await admin.expect_message())
    entries = len(re.findall(r"^\d\d\.\d\d\.\d{4} \d\d:\d\d ", audit.text, re.M))
    assert ru("audit-title", count=entries) in audit.text and entries + more_of(audit.text, "audit-more", "count") == 20
    accepted(fake)


# --- ideas: the curator card, /moderate, /ideas, /my, /stats ---------------------------------------------------


async def test_idea_screens_hold_the_longest_texts(
    fake: FakeTelegram, db_path: Path, start_bot, admin: ScriptedUser
) -> None:
    authors = list(range(32001, 32008))
    await seed_people(db_path, authors)
    with sqlite3.connect(db_path, timeout=10) as conn:
        for n, author in enumerate(authors):  # seven public ideas of the longest text, some supported
            conn.execute(
                "INSERT INTO ideas (author_id, text, address, territory_code, direction_id, status, card_pending, "
                "decided_at, created_at, updated_at) VALUES (?, ?, ?, 'orenburg', 3, 'accepted', 0, ?, ?, ?)",
                (author, hostile(2000, "&<Ж🌳> "), hostile(300), T0, T0, T0),
            )
            for supporter in authors[: n + 1]:
                conn.execute(
                    "INSERT OR IGNORE INTO supports (idea_id, user_id, created_at) VALUES (?, ?, ?)",
                    (n + 1, supporter, T0),
                )
    await start_bot()
    group = await curator_chat(fake, admin, -1001000000900, "Кураторы")

    # A resident with the longest names writes the longest idea with the longest address.
    resident = await onboarded(fake, 32100, FIRST, last_name=LAST, username=username(32100))
    text = hostile(2000, "Ж&🌳<>Ы ")
    summary = fits(await write_idea(resident, text, address=hostile(300), direction="Развитие городской среды"))
    number = await send_idea(resident, summary)
    body = await group.expect_message()
    assert body.text == f"№\u00a0{number}\n\n{text}"  # the idea's own text, whole, as a plain message
    card = fits(await group.expect_message())
    assert ru("card-title", number=number, direction=URBAN) in card.text and f"(@{username(32100)})" in card.text

    # Rejected with the longest reason: the card shows it, the author is told.
    await admin.press(card, button("ru", "card-reject"))
    ask = await group.expect_message()
    reason = hostile(500, "<&>Ω😀")
    await admin.send_in(group, reason, reply_to=ask)
    await admin.press(fits(await group.expect_message()), button("ru", "reject-btn-send"))  # the preview
    fits(await admin.expect_edit(card))
    fits(await resident.expect_message())

    # /moderate shows a new idea of the longest text (the same card, in the moderator's chat).
    second = await onboarded(fake, 32101, FIRST, last_name=LAST, username=username(32101))
    second_summary = await write_idea(
        second, hostile(2000, "🌳Ж&<> "), address=hostile(300), direction="Развитие городской среды"
    )
    await send_idea(second, second_summary)
    await group.expect_message()
    await group.expect_message()
    await admin.send_command("/moderate")
    fits(await admin.expect_message())  # the text, then the card with the buttons
    queue = fits(await admin.expect_message())
    assert queue.buttons

    # /ideas: five ideas a page, each an excerpt; an opened idea's text gives way ("…").
    await resident.send_command("/ideas")
    listing = fits(await resident.expect_message())
    assert len(re.findall(r"^№\u00a0\d+ · ", listing.text, re.M)) == 5 and ["1 / 2"] != listing.buttons[1]
    await resident.press(listing, listing.buttons[0][0])
    opened = fits(await resident.expect_edit(listing))
    assert "…" in opened.text and hostile(300, "&<Ж🌳> ") in opened.text

    # /my: the latest ideas with their reasons, as many as fit, and how many there are in all.
    with sqlite3.connect(db_path, timeout=10) as conn:
        conn.executemany(
            "INSERT INTO ideas (author_id, text, territory_code, direction_id, status, reject_reason, card_pending, "
            "created_at, updated_at) VALUES (?, ?, 'orenburg', 1, 'rejected', ?, 0, ?, ?)",
            [(32100, hostile(2000, "&<>"), hostile(500, "<&>"), T0, T0)] * 12,
        )
    await resident.send_command("/my")
    mine = fits(await resident.expect_message())
    shown = len(re.findall(r"^№\u00a0\d+ · ", mine.text, re.M))
    assert 0 < shown <= 10 and ru("my-more", shown=shown, total=13) in mine.text

    await admin.send_command("/stats")
    fits(await admin.expect_message())
    chart = await admin.expect_message()
    assert chart.kind == "photo"
    accepted(fake)


# --- session chats: greetings, poll results, the organizers' summary ----------------------------------------------


async def test_session_chat_and_summary_hold_the_longest_texts(
    fake: FakeTelegram, db_path: Path, start_bot, admin: ScriptedUser
) -> None:
    voters = list(range(33001, 33031))
    await seed_people(db_path, voters)
    # A session that ended while the bot was down: its summary goes out at start-up, with five of the longest
    # comments and four polls of twelve of the longest options each.
    ended = add_session(
        db_path,
        title=hostile(120),
        starts_at=utc_now() - timedelta(hours=3),
        duration_min=60,
        created_by=ADMIN_ID,
    )
    pieces = ("&<>Ж", "🌳&", "<Ω>", "Ж&🌳<") * 3
    options = [f"{n:02d}" + hostile_units(98, piece) for n, piece in enumerate(pieces)]
    for uid in voters[:5]:
        add_registration(db_path, ended, uid)
    with sqlite3.connect(db_path, timeout=10) as conn:
        for uid in voters[:5]:
            conn.execute(
                "INSERT INTO feedback (session_id, user_id, rating, comment, created_at, updated_at) "
                "VALUES (?, ?, 5, ?, ?, ?)",
                (ended, uid, hostile(1000, "<&>😀"), T0, T0),
            )
        for n in range(4):
            conn.execute(
                "INSERT INTO polls (session_id, chat_id, message_id, question, options, status, counts, total_voters, "
                "created_by, created_at, closed_at) VALUES (?, -1001000000901, ?, ?, ?, 'closed', ?, 30, ?, ?, ?)",
                (ended, 100 + n, hostile_units(300), json.dumps(options), json.dumps([n] * 12), ADMIN_ID, T0, T0),
            )
    admin.chat.known = True  # the superadmin has a private chat with the bot
    await start_bot()
    summary = fits(await admin.expect_message(timeout=10))
    title = ru_pattern("summary-title", {"when": ".+"}, title=hostile(120))
    assert re.match(title, summary.text) and more_of(summary.text, "summary-more", "n") > 0, summary.text
    assert "/results" in summary.text

    # A chat bound to an upcoming session greets 30 people with the longest names in one message.
    upcoming = add_session(db_path, title=hostile(120), starts_at=utc_now() + timedelta(days=2))
    group = fake.group(-1001000000902, title="Чат сессии")
    fake.add_member(group, admin, status="administrator")
    await admin.send_in(group, f"/bind_session {upcoming}")
    fits(await group.expect_message())
    fake.join(group, *[person(fake, uid) for uid in voters])
    greeting = fits(await group.expect_message(timeout=15))
    named = greeting.text.count("(@") + greeting.text.count(FIRST[:10])
    assert named > 0 and more_of(greeting.text, "greet-more", "count") > 0

    # A poll of the longest question and twelve of the longest options, closed: the results text and chart.
    line = " | ".join([hostile_units(300), *options])
    await admin.send_in(group, "/poll " + line)
    poll = await group.expect_message()
    assert poll.kind == "poll", poll.text
    for n, uid in enumerate(voters[:12]):
        await person(fake, uid).vote(poll, [n])
    await admin.send_in(group, "/close_poll", reply_to=poll)
    results = fits(await group.expect_message())
    assert results.text.count("\n") >= 13
    chart = await group.expect_message()
    assert chart.kind == "photo"
    await admin.send_command("/results")
    fits(await admin.expect_message())
    accepted(fake)
