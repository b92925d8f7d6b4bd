"""The residents' side of sessions without Telegram: .ics, QR codes, places and the waitlist, card buttons."""

from __future__ import annotations

import asyncio
import io
import sqlite3
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import zxingcpp
from PIL import Image

from bot.handlers.sessions.screens import Viewer, card_kb, list_view, status_lines
from bot.services.ics import escape_text, fold, session_ics, unescape_text, unfold
from bot.services.qr import checkin_link, qr_png
from bot.services.timetext import until_text
from bot.storage.db import Database
from bot.storage.registrations import Registration, is_full
from bot.storage.repositories import Repos
from bot.storage.sessions import Session
from bot.telegram.i18n import Translator
from tests.support.clock import utc_now
from tests.support.locale_text import button, en
from tests.support.seeding import Resident, add_session, registrations, seed_residents, update_session

pytestmark = pytest.mark.usefixtures("pinned_clock")  # the bot's clock reads 10:00 in TIMEZONE, at any hour

TZ = ZoneInfo("Asia/Yekaterinburg")
T0 = datetime(2026, 12, 5, 13, 0, tzinfo=UTC)  # 18:00 in Yekaterinburg
TTL = timedelta(hours=2)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def make_session(**changes: object) -> Session:
    values: dict[str, object] = {
        "id": 7,
        "title": "Хакатон; идеи, город",
        "description": "Строка 1\nСтрока 2 \\ с обратной чертой",
        "direction_id": 3,
        "starts_at": T0,
        "duration_min": 150,
        "place": "Оренбург, ул. Советская, 1",
        "capacity": 10,
        "deadline_at": T0 - timedelta(hours=2),
        "status": "scheduled",
        "version": 1,
        "created_by": 1,
        "created_at": "",
        "updated_at": "",
        "ended_at": None,
        "summary_sent": False,
    }
    values.update(changes)
    return Session(**values)  # type: ignore[arg-type]


def registration(status: str, position: int = 0, expires: datetime | None = None) -> Registration:
    return Registration(7, 1, status, 1, expires, "tok", None, position)


# --- .ics --------------------------------------------------------------------------------------------


def test_text_values_are_escaped_and_read_back() -> None:
    raw = "a\\b; c, d\ne\r\nf"
    assert escape_text(raw) == "a\\\\b\\; c\\, d\\ne\\nf"
    assert unescape_text(escape_text(raw)) == "a\\b; c, d\ne\nf"


def test_long_lines_fold_at_75_octets_without_splitting_a_letter() -> None:
    line = "DESCRIPTION:" + "Ж" * 100 + "x" * 50
    folded = fold(line)
    parts = folded.split("\r\n")
    assert len(parts) > 1
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert "".join([parts[0], *(p[1:] for p in parts[1:])]) == line  # every part decodes: no split letter
    assert fold("SHORT:line") == "SHORT:line"


def test_session_ics_has_the_fields_in_utc() -> None:
    session = make_session(
        place="https://meet.example.org/room?a=1,b=2",
        version=3,
        created_at="2026-11-20T09:00:00+00:00",
        updated_at="2026-11-20T09:00:42+00:00",  # changed 42 s after it was made
    )
    data = session_ics(
        session, "ideas_bot", datetime(2026, 11, 20, 10, 0, tzinfo=UTC), "https://t.me/ideas_bot?start=session_7"
    )
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    lines = unfold(data)
    assert lines[:3] == ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Tochka Kipeniya Orenburg//Ideas bot//RU"]
    assert lines[-1] == "END:VCALENDAR"
    event = lines[lines.index("BEGIN:VEVENT") : lines.index("BEGIN:VALARM")]
    fields = dict(line.split(":", 1) for line in event[1:])
    assert fields["UID"] == "session-7@ideas_bot"
    assert fields["DTSTAMP"] == "20261120T100000Z"
    assert fields["DTSTART"] == "20261205T130000Z"
    assert fields["DTEND"] == "20261205T153000Z"
    assert fields["SEQUENCE"] == "42"  # grows with every change, so calendars replace the old entry
    assert unescape_text(fields["SUMMARY"]) == "Хакатон; идеи, город"
    assert unescape_text(fields["DESCRIPTION"]) == (
        "Строка 1\nСтрока 2 \\ с обратной чертой\n\nhttps://t.me/ideas_bot?start=session_7"
    )
    assert fields["URL"] == "https://meet.example.org/room?a=1,b=2"
    alarm = lines[lines.index("BEGIN:VALARM") : lines.index("END:VALARM")]
    assert "TRIGGER:-PT1H" in alarm and "ACTION:DISPLAY" in alarm
    assert lines.index("BEGIN:VALARM") < lines.index("END:VALARM") < lines.index("END:VEVENT")


def test_an_address_is_not_a_url() -> None:
    lines = unfold(session_ics(make_session(), "ideas_bot", T0))
    assert not any(line.startswith("URL:") for line in lines)
    assert "LOCATION:Оренбург\\, ул. Советская\\, 1" in lines


# --- QR ----------------------------------------------------------------------------------------------


def test_qr_code_is_a_png_of_the_checkin_link() -> None:
    link = checkin_link("ideas_bot", "AbC-_123")
    assert link == "https://t.me/ideas_bot?start=checkin_AbC-_123"
    png = qr_png(link)
    assert png.startswith(PNG_SIGNATURE) and len(png) > 200
    # A phone's camera reads the link back (zxing-cpp, the decoder many scanner apps use).
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert [(d.format.name, d.text) for d in decoded] == [("QRCode", link)]


# --- what a card shows --------------------------------------------------------------------------------


def test_full_counts_offers_and_the_queue() -> None:
    assert not is_full(make_session(capacity=0, registered=500))
    assert not is_full(make_session(capacity=10, registered=9))
    assert is_full(make_session(capacity=10, registered=9, waiting=1, offered=1))  # the place is held
    assert is_full(make_session(capacity=10, registered=5, waiting=5))  # owed to the people waiting
    assert make_session(capacity=10, registered=8, waiting=3, offered=1).free_places == 1


def buttons(markup: object) -> list[list[str]]:
    return [[b.text for b in row] for row in markup.inline_keyboard]  # type: ignore[attr-defined]


def test_card_buttons_follow_the_person_and_the_session() -> None:
    t = Translator().for_lang("en")
    before = T0 - timedelta(days=1)
    open_session = make_session()
    assert buttons(card_kb(t, open_session, Viewer(), 0, before)) == [
        [button("en", "session-btn-register")],
        [button("en", "session-btn-back")],
    ]
    full = make_session(registered=10)
    assert buttons(card_kb(t, full, Viewer(staff=True), 0, before)) == [
        [button("en", "session-btn-waitlist")],
        [button("en", "session-btn-manage")],
        [button("en", "session-btn-back")],
    ]
    assert buttons(card_kb(t, full, Viewer(registration("registered")), 0, before))[:2] == [
        [button("en", "session-btn-ics"), button("en", "session-btn-qr")],
        [button("en", "session-btn-unregister")],
    ]
    assert buttons(card_kb(t, full, Viewer(registration("waitlist", 2)), 0, before))[0] == [
        button("en", "session-btn-leave")
    ]
    assert buttons(card_kb(t, full, Viewer(registration("offered")), 0, before))[:2] == [
        [button("en", "session-btn-accept")],
        [button("en", "session-btn-decline")],
    ]
    closed = T0 - timedelta(hours=1)  # after the deadline, before the start
    assert buttons(card_kb(t, open_session, Viewer(), 0, closed)) == [[button("en", "session-btn-back")]]
    assert status_lines(t, open_session, Viewer(), TZ, closed) == [en("session-closed")]
    running = T0 + timedelta(minutes=5)
    assert buttons(card_kb(t, open_session, Viewer(registration("registered")), 0, running))[0] == [
        button("en", "session-btn-ics"),
        button("en", "session-btn-qr"),
    ]
    cancelled = make_session(status="cancelled")
    assert buttons(card_kb(t, cancelled, Viewer(registration("registered")), 0, before)) == [
        [button("en", "session-btn-back")]
    ]
    lines = status_lines(t, full, Viewer(registration("waitlist", 3)), TZ, before)
    assert lines == [en("session-you-waitlist", position=3)]


def test_offer_deadline_shows_the_date_only_when_it_is_another_day() -> None:
    assert until_text(T0, TZ, T0 - timedelta(hours=2)) == "18:00"
    assert until_text(T0, TZ, T0 - timedelta(days=1)) == "05.12 18:00"


def test_list_pages_and_marks() -> None:
    t = Translator().for_lang("ru")
    sessions = [make_session(id=i, title=f"Сессия {i}", starts_at=T0 + timedelta(days=i)) for i in range(1, 6)]
    text, markup = list_view(t, sessions, {2: "registered", 3: "waitlist"}, 1, 12, TZ)
    # HTML here: `t`, the bot's own Translator, gives the tags the list carries.
    assert text.startswith(t("session-list-head", page=2, pages=3))
    places = t("session-places-free", free=10, capacity=10)
    item = [
        t("session-list-item", number=6, title="Сессия 1"),
        t("session-list-when", when="06.12.2026 18:00", places=places),
    ]
    assert "\n".join(item) in text
    assert text.count(t("session-mark-registered")) == 1 and text.count(t("session-mark-waitlist")) == 1
    assert buttons(markup)[0] == ["6. Сессия 1"] and buttons(markup)[-1] == ["◀", "▶"]
    empty, none = list_view(t, [], {}, 0, 0, TZ)
    assert empty == t("session-list-empty") and none.inline_keyboard == []


# --- places, the waitlist and offers, against the database ------------------------------------------------


@dataclass
class Store:
    repos: Repos
    path: Path


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    path = tmp_path / "units.sqlite3"
    await seed_residents(path, [Resident(i) for i in range(101, 121)])
    db = Database(path)
    await db.connect()
    yield Store(Repos(db), path)
    await db.close()


async def test_capacity_holds_under_concurrent_requests_and_the_queue_keeps_its_order(store: Store) -> None:
    path = store.path
    now = utc_now()
    sid = add_session(path, capacity=3, starts_at=now + timedelta(days=1))
    reg = store.repos.registrations
    changes = await asyncio.gather(*(reg.request_place(sid, uid, now, TTL) for uid in range(101, 111)))
    outcomes = [c.outcome for c in changes]
    assert outcomes.count("registered") == 3 and outcomes.count("waitlisted") == 7
    assert sorted(c.registration.position for c in changes if c.outcome == "waitlisted") == list(range(1, 8))  # type: ignore[union-attr]
    rows = registrations(path, sid)
    waiting = [uid for uid, status, _ in rows if status == "waitlist"]
    assert len(waiting) == 7

    # Leaving the waitlist keeps the others' order; a second press changes nothing.
    left = await reg.withdraw(sid, waiting[1], "waitlist", now, TTL)
    assert left.outcome == "left" and left.offers == ()
    assert (await reg.withdraw(sid, waiting[1], "waitlist", now, TTL)).outcome == "stale"
    assert (await reg.get(sid, waiting[2])).position == 2  # type: ignore[union-attr]

    # A cancellation offers the place to the first in line, held until the TTL runs out.
    first = next(uid for uid, status, _ in rows if status == "registered")
    cancelled = await reg.withdraw(sid, first, "registered", now, TTL)
    assert cancelled.outcome == "cancelled"
    [offer] = cancelled.offers
    assert offer.user_id == waiting[0] and offer.expires_at == (now + TTL).replace(microsecond=0)
    # The held place is not free for a newcomer (and not for the one who just left).
    assert (await reg.request_place(sid, 120, now, TTL)).outcome == "waitlisted"

    # Expiry: early is nothing; on time passes it on; twice is nothing.
    assert (await reg.expire_offer(sid, waiting[0], now, TTL)).outcome == "stale"
    later = offer.expires_at
    expired = await reg.expire_offer(sid, waiting[0], later, TTL)
    assert expired.outcome == "expired" and [o.user_id for o in expired.offers] == [waiting[2]]
    assert (await reg.expire_offer(sid, waiting[0], later, TTL)).outcome == "stale"

    # Declining passes it on too; accepting takes it.
    declined = await reg.withdraw(sid, waiting[2], "offered", later, TTL)
    assert declined.outcome == "declined" and [o.user_id for o in declined.offers] == [waiting[3]]
    taken = await reg.accept_offer(sid, waiting[3], later, TTL)
    assert taken.outcome == "registered" and taken.offers == ()
    assert (await reg.accept_offer(sid, waiting[3], later, TTL)).outcome == "already"
    assert len(await reg.registered_user_ids(sid)) == 3

    # More places: offered to the waitlist in order.
    update_session(path, sid, capacity=5)
    offers = await reg.fill_free_places(sid, later, TTL)
    assert [o.user_id for o in offers] == [waiting[4], waiting[5]]
    assert await reg.fill_free_places(sid, later, TTL) == ()
    update_session(path, sid, capacity=0)  # no limit any more: everyone still waiting is offered a place
    offers = await reg.fill_free_places(sid, later, TTL)
    assert [o.user_id for o in offers] == [waiting[6], 120]


async def test_offers_never_outlive_the_start_and_late_accepts_pass_on(store: Store) -> None:
    path = store.path
    now = utc_now()
    start = now + timedelta(minutes=30)
    sid = add_session(path, capacity=1, starts_at=start, deadline_at=start)
    reg = store.repos.registrations
    short = timedelta(minutes=10)
    assert (await reg.request_place(sid, 101, now, short)).outcome == "registered"
    assert (await reg.request_place(sid, 102, now, short)).outcome == "waitlisted"
    assert (await reg.request_place(sid, 103, now, short)).outcome == "waitlisted"
    [offer] = (await reg.withdraw(sid, 101, "registered", now, short)).offers
    assert offer.user_id == 102 and offer.expires_at == now + short
    # 102 answers after the time is up, before the timer came: the place goes on to 103 at once.
    late = await reg.accept_offer(sid, 102, now + timedelta(minutes=11), short)
    assert late.outcome == "expired" and [o.user_id for o in late.offers] == [103]
    # An offer lasts the TTL, but never beyond the start.
    assert late.offers[0].expires_at == now + timedelta(minutes=21)
    assert (await reg.withdraw(sid, 103, "offered", now + timedelta(minutes=12), TTL)).outcome == "declined"
    assert (await reg.request_place(sid, 104, now + timedelta(minutes=12), TTL)).outcome == "registered"
    assert (await reg.request_place(sid, 105, now + timedelta(minutes=12), TTL)).outcome == "waitlisted"
    [offer] = (await reg.withdraw(sid, 104, "registered", now + timedelta(minutes=13), TTL)).offers
    assert offer.user_id == 105 and offer.expires_at == start
    # Once the session has started nothing changes any more.
    assert (await reg.accept_offer(sid, 105, start, TTL)).outcome == "started"
    assert (await reg.request_place(sid, 101, start + timedelta(seconds=1), TTL)).outcome == "started"


async def test_deadline_and_cancelled_sessions_refuse(store: Store) -> None:
    path = store.path
    now = utc_now()
    closed = add_session(path, starts_at=now + timedelta(days=1), deadline_at=now - timedelta(minutes=1))
    cancelled = add_session(path, status="cancelled")
    reg = store.repos.registrations
    assert (await reg.request_place(closed, 101, now, TTL)).outcome == "closed"
    assert (await reg.request_place(cancelled, 101, now, TTL)).outcome == "called_off"
    assert (await reg.request_place(99_999, 101, now, TTL)).outcome == "missing"
    assert registrations(path, closed) == []


async def test_capacity_cannot_be_cut_below_the_places_held_with_an_open_offer(store: Store) -> None:
    """An organizer cutting the capacity while a freed place is offered: refused, so taking the offer can
    never overfill the session; and a person who blocked the bot is not offered a place they can't see."""
    path = store.path
    now = utc_now()
    sid = add_session(path, capacity=2, starts_at=now + timedelta(days=1))
    reg = store.repos.registrations
    for uid in (101, 102, 103, 104):
        await reg.request_place(sid, uid, now, TTL)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE users SET is_active = 0 WHERE id = 103")  # blocked the bot meanwhile
    [offer] = (await reg.withdraw(sid, 101, "registered", now, TTL)).offers
    assert offer.user_id == 104  # 103 is skipped: the place would wait two hours for nobody
    change = await store.repos.sessions.update(sid, {"capacity": 1}, 9001, "session_edit")
    assert change.status == "capacity" and change.registered == 2  # 102 registered + 104's offer
    assert (await reg.accept_offer(sid, 104, now, TTL)).outcome == "registered"
    assert len(await reg.registered_user_ids(sid)) == 2
