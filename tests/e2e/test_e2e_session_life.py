"""The whole life of a session, end to end through the fake Bot API, as the people involved see it:
/new_session → /announce → registration (a full session, a waitlist, a cancellation and an offer) →
reminders (24 hours and 1 hour before) → check-in by QR → the session chat with a poll, votes, a
changed vote and a retraction → the scheduled close → results → after the end, feedback from the
attendees and the organizer's summary.

Time is moved with the bot's clock (bot.clock.set_shift) and the timers re-read the schedule
(what start-up does), so nothing waits for real minutes.
"""

from __future__ import annotations

import io
import re
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import zxingcpp
from PIL import Image

from bot import clock
from bot.services import timers as timers_module
from fake_telegram import BotMessage, FakeTelegram, ScriptedUser
from tests.support.clock import local_day, move_clock_to, utc_now
from tests.support.in_process import InProcessBot
from tests.support.locale_text import button, ru, ru_pattern
from tests.support.scenarios import create_session, expect_results, post_poll, reply_in
from tests.support.seeding import (
    Resident,
    add_registration,
    add_session,
    make_reachable,
    seed_reachable,
    seed_residents,
)

pytestmark = pytest.mark.usefixtures("pinned_clock")  # the bot's clock reads 10:00 in TIMEZONE, at any hour

TZ = ZoneInfo("Asia/Yekaterinburg")
URBAN = 3
REGISTER = button("ru", "session-btn-register")
TITLE = "Двор мечты"
CLOCK_TIME = r"\d\d:\d\d"


async def jump_to(bot: InProcessBot, moment: datetime) -> None:
    """The bot's clock jumps to `moment`; the timers plan again from the database (as at start-up)."""
    move_clock_to(moment)
    await bot.dp["timers"].reload()


def qr_link(fake: FakeTelegram, photo: BotMessage) -> str:
    data = fake.file_data(photo.photo or "")
    assert data is not None
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(data)))
    assert len(decoded) == 1
    return decoded[0].text


async def tickets(fake: FakeTelegram, user: ScriptedUser) -> str:
    """Confirmation, .ics and QR; returns the check-in link the QR code carries."""
    confirmation = await user.expect_message()
    confirmed = ru_pattern("session-registered", {"when": ".+"}, title=TITLE)
    assert re.fullmatch(confirmed, confirmation.text), confirmation.text
    ics = await user.expect_message()
    assert ics.kind == "document" and (ics.document_name or "").endswith(".ics")
    qr = await user.expect_message()
    assert qr.kind == "photo"
    return qr_link(fake, qr)


async def test_the_whole_life_of_a_session(fake: FakeTelegram, db_path: Path, start_bot, admin: ScriptedUser) -> None:
    ids = [7001, 7002, 7003, 7004]
    await seed_residents(db_path, [Resident(i, subscriptions=(URBAN,)) for i in ids] + [Resident(7005)])
    people = make_reachable(fake, [*ids, 7005])
    anna, boris, vera, gleb = (people[i] for i in ids)
    bot = await start_bot(broadcast_rate=200, progress_interval=0.2, reminder_offsets="24h,1h", offer_ttl=3600)

    # --- the organizer creates the session (3 places) and announces it to the direction's subscribers
    start = local_day(3, hour=18)
    number, _manage = await create_session(admin, title=TITLE, start=start, capacity="3")
    await admin.send_command(f"/announce {number}")
    audience = await admin.expect_message()
    await admin.press(audience, button("ru", "sadm-aud-direction", direction="🌳 Развитие городской среды", n=4))
    await admin.expect_edit(audience)
    await admin.expect_message()  # the preview card
    prompt = await admin.expect_message()
    await admin.press(prompt, button("ru", "sadm-btn-announce-send", n=4))
    await admin.expect_edit(prompt)
    cards = {}
    for person in (anna, boris, vera, gleb):
        card = await person.expect_message(timeout=10)
        assert card.text.startswith(TITLE) and ru("session-places-free", free=3, capacity=3) in card.text
        assert card.buttons == [[REGISTER]]
        cards[person.user_id] = card
    await people[7005].expect_no_message(within=0.3)  # not subscribed to the direction
    progress = await admin.expect_message()  # the broadcast's progress, then its report
    assert progress.text.startswith(
        tuple(ru(f"bc-progress-title-{state}", number=1) for state in ("queued", "sending", "done"))
    )
    report = await admin.expect_message(timeout=10)
    assert report.text == ru("bc-report-done", number=1, sent=4, total=4, blocked=0, failed=0, unknown=0, cancelled=0)

    # --- registration: three places, the fourth goes to the waitlist
    links = {}
    for person in (anna, boris, vera):
        answer = await person.press(cards[person.user_id], REGISTER)
        assert answer.text == ru("session-registered-toast")
        await person.expect_edit(cards[person.user_id])
        links[person.user_id] = await tickets(fake, person)
    answer = await gleb.press(cards[gleb.user_id], REGISTER)
    assert answer.text == ru("session-waitlisted", position=1)
    await gleb.expect_edit(cards[gleb.user_id])

    # Anna can't come after all: Gleb is offered her place, and takes it.
    await anna.press(cards[anna.user_id], button("ru", "session-btn-unregister"))
    confirm = await anna.expect_edit(cards[anna.user_id])
    await anna.press(confirm, button("ru", "session-btn-unreg-yes"))
    await anna.expect_edit(cards[anna.user_id])
    assert (await anna.expect_message()).text == ru("session-cancelled", title=TITLE)
    offer = await gleb.expect_message()
    offered = ru_pattern("session-offer", {"when": ".+", "until": ".+"}, title=TITLE)
    assert re.fullmatch(offered, offer.text), offer.text
    assert (await gleb.press(offer, button("ru", "session-btn-accept"))).text == ru("session-registered-toast")
    await gleb.expect_edit(offer)
    links[gleb.user_id] = await tickets(fake, gleb)
    del links[anna.user_id]

    # --- reminders: a day before, then an hour before; each once, only to those registered
    when = f"{start:%d.%m.%Y %H:%M}–20:00"
    await jump_to(bot, start - timedelta(hours=24) + timedelta(seconds=5))
    for person in (boris, vera, gleb):
        reminder = await person.expect_message(timeout=10)
        # whole-screen check: the wording itself is under test (the day-before reminder as a resident reads it)
        assert reminder.text.startswith("⏰ Напоминание: вы записаны на сессию «Двор мечты».")
        assert f"Когда: {when}" in reminder.text
    await anna.expect_no_message(within=0.3)
    await bot.dp["timers"].reload()  # planning again (a restart) sends nothing twice
    await jump_to(bot, start - timedelta(minutes=59))
    for person in (boris, vera, gleb):
        reminder = await person.expect_message(timeout=10)
        assert reminder.text == ru("session-reminder", title=TITLE, when=when, place="Оренбург, ул. Советская, 1")
        await person.expect_no_message(within=0.2)

    # --- check-in at the entrance: the organizer opens the QR codes of Boris and Gleb (Vera doesn't come)
    await jump_to(bot, start - timedelta(minutes=10))
    for person in (boris, gleb):
        link = links[person.user_id]
        assert link.startswith("https://t.me/ideas_bot?start=checkin_")
        await admin.send_command("/start", link.split("start=", 1)[1])
        marked = await admin.expect_message()
        checked = ru_pattern("checkin-done", {"time": CLOCK_TIME}, name=f"Житель {person.user_id}", title=TITLE)
        assert re.fullmatch(checked, marked.text), marked.text

    # --- the session chat: bound, a poll with votes, a changed vote and a retraction, closed on time
    group = fake.group(-100_777, title="Двор мечты: чат")
    fake.add_member(group, admin, status="administrator")
    await admin.send_in(group, f"/bind_session {number}")
    bound = await group.expect_message()
    assert bound.text == ru("bind-session-done", title=TITLE, when=when)
    poll = await post_poll(bot, admin, group, "Что делаем первым? | Лавочки | Свет | Качели | закрыть=30м")
    await boris.vote(poll, [1])
    await gleb.vote(poll, [0])
    await vera.vote(poll, [2])
    await gleb.vote(poll, [1])  # changed his mind
    await vera.vote(poll, [])  # retracted
    interim = await reply_in(admin, group, "/results", poll)
    assert ru("poll-results-line", position=2, option="Свет", count=2, percent=100) in (interim.text or "")
    await group.expect_message()  # its chart
    await jump_to(bot, start + timedelta(minutes=21))  # 30 minutes after the poll was posted
    closed, _chart = await expect_results(group, fake)
    assert (closed.text or "").startswith(ru("poll-results-title", question="Что делаем первым?"))
    results = [
        ru("poll-results-line", position=1, option="Лавочки", count=0, percent=0),
        ru("poll-results-line", position=2, option="Свет", count=2, percent=100),
        ru("poll-results-line", position=3, option="Качели", count=0, percent=0),
        ru("poll-results-total", total=2),
    ]
    assert "\n".join(results) in (closed.text or "")
    assert poll.poll is not None and poll.poll["is_closed"] is True

    # --- after the end: the attendees are asked for feedback, the organizer gets the summary
    await jump_to(bot, start + timedelta(hours=2, minutes=1))
    asks = {}
    for person in (boris, gleb):
        ask = await person.expect_message(timeout=10)
        assert ask.text == ru("feedback-ask", title=TITLE)
        assert ask.buttons == [["1 ⭐", "2 ⭐", "3 ⭐", "4 ⭐", "5 ⭐"]]
        asks[person.user_id] = ask
    await vera.expect_no_message(within=0.3)  # registered, but did not come
    summary = await admin.expect_message(timeout=10)
    # whole-screen check: the wording itself is under test (the organizer's summary, its first lines)
    assert summary.text.startswith(f"📊 Итоги сессии «{TITLE}»")
    for line in ("Записались: 3", "Пришли: 2", "Не пришли: 1", "Оценки участников: пока нет"):
        assert line in summary.text, summary.text
    assert "Что делаем первым?" in summary.text

    await boris.press(asks[boris.user_id], "5 ⭐")
    rated = await boris.expect_edit(asks[boris.user_id])
    assert rated.text == ru("feedback-rated", rating=5)
    await boris.send("Отличная команда, хочу ещё!")
    assert (await boris.expect_message()).text == ru("feedback-thanks")
    await gleb.press(asks[gleb.user_id], "4 ⭐")
    rated = await gleb.expect_edit(asks[gleb.user_id])
    await gleb.press(rated, button("ru", "feedback-btn-skip"))
    done = await gleb.expect_edit(asks[gleb.user_id])
    assert done.text == ru("feedback-thanks-rating", rating=4) and done.buttons == []

    latest = summary
    while not (ru("summary-feedback", average="4,5", n=2) in latest.text and "Отличная команда" in latest.text):
        latest = await admin.expect_edit(summary, timeout=5)  # edited as ratings and comments come in
    assert ru("summary-feedback", average="4,5", n=2) in latest.text
    assert ru("summary-comment", text="Отличная команда, хочу ещё!") in latest.text
    assert ru("summary-attended", n=2) + "\n" + ru("summary-no-shows", n=1) in latest.text

    # Vera did come after all: the organizer checks her in late; she is asked too, and the numbers follow.
    await admin.send_command("/start", links[vera.user_id].split("start=", 1)[1])
    checked = ru_pattern("checkin-done", {"time": CLOCK_TIME}, name=f"Житель {vera.user_id}", title=TITLE)
    assert re.fullmatch(checked, (await admin.expect_message()).text)
    late_ask = await vera.expect_message(timeout=10)
    assert late_ask.text == ru("feedback-ask", title=TITLE)
    # She is writing an idea right then: rating the session does not throw her draft away.
    await vera.send_command("/idea")
    assert (await vera.expect_message()).text == ru("idea-ask-text", min=10, max=2000)
    await vera.press(late_ask, "3 ⭐")
    busy = await vera.expect_edit(late_ask)
    assert busy.text == ru("feedback-rated-busy", rating=3)
    await vera.send_command("/cancel")
    assert (await vera.expect_message()).text == ru("idea-cancelled")
    while not (
        ru("summary-feedback", average="4,0", n=3) in latest.text and ru("summary-attended", n=3) in latest.text
    ):
        latest = await admin.expect_edit(summary, timeout=5)
    assert ru("summary-no-shows", n=0) in latest.text and ru("summary-feedback", average="4,0", n=3) in latest.text
    assert fake.refused == []


async def test_withdrawing_consent_frees_the_place_for_the_waitlist_and_forgets_votes(
    fake: FakeTelegram, db_path: Path, start_bot
) -> None:
    people = await seed_reachable(fake, db_path, [7101, 7102])
    session_id = add_session(db_path, title=TITLE, capacity=1)
    add_registration(db_path, session_id, 7101)
    add_registration(db_path, session_id, 7102, status="waitlist")
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "INSERT INTO polls (chat_id, question, options, created_by, created_at) VALUES (-1, 'В?', '[\"a\",\"b\"]', 1, 'x')"
        )
        conn.execute("INSERT INTO poll_votes (poll_id, user_id, option_ids, updated_at) VALUES (1, 7101, '[0]', 'x')")
    await start_bot()
    leaving = people[7101]
    await leaving.send_command("/delete_me")
    await leaving.press(await leaving.expect_message(), button("ru", "delete-yes"))
    assert (await leaving.expect_message()).text == ru("delete-done")
    offer = await people[7102].expect_message()
    assert re.fullmatch(ru_pattern("session-offer", {"when": ".+", "until": ".+"}, title=TITLE), offer.text)
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM registrations WHERE user_id = 7101").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM poll_votes WHERE user_id = 7101").fetchone() == (0,)


async def test_the_summary_is_retried_until_the_organizer_has_it(
    fake: FakeTelegram, db_path: Path, start_bot, admin: ScriptedUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(timers_module, "RETRY_AFTER", timedelta(seconds=0.2))
    start = utc_now() + timedelta(hours=3)
    await seed_residents(db_path, [])  # the schema
    add_session(db_path, title=TITLE, starts_at=start, duration_min=60, created_by=admin.user_id)
    make_reachable(fake, [admin.user_id])
    bot = await start_bot()
    # Telegram fails twice (a 500, then a timeout that never delivered), then works.
    fake.fail_next("sendMessage", "500", chat_id=admin.user_id)
    fake.fail_next("sendMessage", "timeout", chat_id=admin.user_id, delay=0.1)
    await jump_to(bot, start + timedelta(hours=1, minutes=1))
    summary = await admin.expect_message(timeout=10)
    assert re.match(ru_pattern("summary-title", {"when": ".+"}, title=TITLE), summary.text)
    assert ru("summary-registered", n=0) in summary.text
    await admin.expect_no_message(within=0.6)  # once it arrived, never again
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT status, summary_sent FROM sessions").fetchall() == [("ended", 1)]
        assert conn.execute("SELECT count(*) FROM session_summaries").fetchone() == (1,)


async def test_a_rating_that_meets_flood_control_still_reaches_the_summary(
    fake: FakeTelegram, db_path: Path, start_bot, admin: ScriptedUser
) -> None:
    start = utc_now() + timedelta(hours=3)
    await seed_residents(db_path, [Resident(7201)])
    session_id = add_session(db_path, title=TITLE, starts_at=start, duration_min=60, created_by=admin.user_id)
    add_registration(db_path, session_id, 7201)
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE registrations SET attended_at = ?, attended_by = ?", (clock.to_iso(start), admin.user_id))
    people = make_reachable(fake, [7201, admin.user_id])
    # No reminders: the 24 h one is due at once and, sent or dropped, would race with the clock's move.
    bot = await start_bot(reminder_offsets="")
    await jump_to(bot, start + timedelta(hours=1, minutes=1))
    summary = await admin.expect_message(timeout=10)
    assert ru("summary-attended", n=1) in summary.text and ru("summary-feedback-none") in summary.text
    ask = await people[7201].expect_message(timeout=10)
    fake.fail_next("editMessageText", "429", retry_after=1, chat_id=admin.user_id)
    await people[7201].press(ask, "2 ⭐")
    updated = await admin.expect_edit(summary, timeout=10)  # after waiting out the 429 once
    assert ru("summary-feedback", average="2,0", n=1) in updated.text
