"""Issue 11, points 1 and 6 end to end through the fake Bot API: typed dates stay within two years and
durations within their range (400 nines and "h" included) in every step that takes them; text made only of
zero-width or other invisible characters is refused, with what to do, in every free-text step; a date the
bot cannot compute with in a button's handler is told as such, not as an out-of-date button."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.clock import to_iso
from bot.services.ideas import REASON_MAX, REASON_MIN, TEXT_MIN
from fake_telegram import FakeTelegram, ScriptedUser
from tests.support.clock import TZ, local_day, typed, utc_now
from tests.support.in_process import InProcessBot
from tests.support.locale_text import button, ru
from tests.support.scenarios import (
    accept_consent,
    answer_step,
    create_session,
    new_session_to_start,
    onboarded,
    send_idea,
    write_idea,
)
from tests.support.seeding import add_registration, add_session, seed_reachable
from tests.support.settings import ADMIN_ID

pytestmark = pytest.mark.usefixtures("pinned_clock")  # the bot's clock reads 10:00 in TIMEZONE, at any hour

ZW = "\u200b" * 12  # the review's idea: twelve zero-width spaces
HIDDEN = ["\u200b" * 12, "\u200c\u200d\u2060\ufeff", "\u00ad\u00ad\u00ad", "\u0301\u0301\u0301", "\u3164\u3164\u2800"]
INVISIBLE = ru("text-invisible")
NINES_H = "9" * 400 + "h"
GROUP_ID = -1001000000611
IDEA = "Поставить скамейки и урны вдоль набережной Урала, чтобы было где отдохнуть."


def limit_day() -> str:
    """The last day a typed date may name: two years ahead."""
    return (utc_now() + timedelta(days=730)).astimezone(TZ).strftime("%d.%m.%Y")


def db_rows(db_path: Path, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    with sqlite3.connect(db_path, timeout=10) as conn:
        return [tuple(r) for r in conn.execute(sql, params).fetchall()]


# --- point 1: typed dates and durations ------------------------------------------------------------------


async def test_the_reviews_reschedule_to_9999_is_refused_and_durations_stay_in_range(
    fake: FakeTelegram, db_path: Path, start_bot, admin: ScriptedUser
) -> None:
    await start_bot()
    number, manage = await create_session(admin)
    limit = limit_day()
    too_far = ru("sadm-bad-moment-far", until=limit)
    before = db_rows(db_path, "SELECT starts_at, deadline_at, duration_min, version FROM sessions")

    # Manage → Reschedule → 31.12.9999 23:00: refused, with the limit and what to check; nothing saved.
    await admin.press(manage, button("ru", "sadm-btn-reschedule"))
    await admin.expect_message()
    refused = await answer_step(admin, "31.12.9999 23:00", too_far)
    assert refused.text == too_far
    await answer_step(admin, typed(local_day(800)), too_far)  # two years and a bit: refused too
    assert db_rows(db_path, "SELECT starts_at, deadline_at, duration_min, version FROM sessions") == before
    moved = local_day(700)  # within two years: fine
    await answer_step(admin, typed(moved), ru("sadm-saved"))
    manage = await admin.expect_message()
    assert ru("session-card-when", when=f"{typed(moved)}–20:00") in manage.text

    # Edit → Duration: 400 nines and "h" is out of range like any too long duration (no overflow), 2 days is fine.
    await admin.press(manage, button("ru", "sadm-btn-edit"))
    menu = await admin.expect_edit(manage)
    await admin.press(menu, button("ru", "sadm-field-duration"))
    await admin.expect_message()
    for text in (NINES_H, "9" * 400, "73 ч", "4 дня"):
        out = await answer_step(admin, text, ru("sadm-bad-duration-range"))
        assert out.text.startswith(ru("sadm-bad-duration-range")), (text, out.text)
    await answer_step(admin, "2 дня", ru("sadm-saved"))
    manage = await admin.expect_message()
    assert ru("sadm-line-duration", duration=ru("sadm-duration-h", h=48)) in manage.text
    assert db_rows(db_path, "SELECT duration_min FROM sessions WHERE id = ?", (number,)) == [(2880,)]

    # /new_session: the start step has the same window.
    await new_session_to_start(admin, "Хакатон", "Два дня городских проектов.")
    await answer_step(admin, "31.12.9999 23:00", too_far)
    await answer_step(admin, "9999-12-31 23:59", too_far)
    await answer_step(admin, typed(local_day(60)), ru("sadm-ask-duration"))
    await answer_step(admin, NINES_H, ru("sadm-bad-duration-range"))
    await answer_step(admin, "2 дня", ru("sadm-ask-place", max=300))
    assert fake.refused == []


async def test_a_draft_made_before_the_check_is_asked_again_on_confirm(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser, db_path: Path
) -> None:
    """A /new_session summary waiting across the upgrade with a start in 9999 creates nothing: the start is
    asked again, with the limit."""
    from aiogram.fsm.storage.base import StorageKey

    await new_session_to_start(admin, "Двор мечты", "Проектируем двор.")
    await answer_step(admin, typed(local_day(30)), ru("sadm-ask-duration"))
    await answer_step(admin, "2 часа", ru("sadm-ask-place", max=300))
    await answer_step(admin, "Оренбург, ул. Советская, 1", ru("sadm-ask-capacity", capacity_max=100_000))
    await answer_step(admin, "10", ru("sadm-ask-deadline", tz=TZ.key))
    summary = await answer_step(admin, "-", ru("sadm-summary"))
    storage, key = bot.dp.storage, StorageKey(bot_id=fake.bot_id, chat_id=ADMIN_ID, user_id=ADMIN_ID)
    data = await storage.get_data(key)
    data["draft"].update(starts_at="9999-12-31T18:00:00+00:00", deadline="start")  # as saved before the check
    await storage.set_data(key, data)

    await admin.press(summary, button("ru", "sadm-btn-create"))
    assert (await admin.expect_message()).text == ru("sadm-bad-moment-far", until=limit_day())
    assert (await admin.expect_message()).text == ru("sadm-ask-start", tz=TZ.key)
    assert db_rows(db_path, "SELECT count(*) FROM sessions") == [(0,)]
    await answer_step(admin, typed(local_day(30)), ru("sadm-summary"))  # straight back to the summary


async def test_poll_closing_times_too_big_are_out_of_range(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser, db_path: Path
) -> None:
    session_id = add_session(db_path, title="Хакатон", starts_at=utc_now() + timedelta(days=1))
    group = fake.group(GROUP_ID, title="Хакатон: чат")
    fake.add_member(group, admin, status="administrator")
    await admin.send_in(group, f"/bind_session {session_id}")
    await group.expect_message()

    await admin.send_in(group, "/poll Где встретимся? | У входа | В холле закрыть=" + "9" * 400 + "ч")
    out = await group.expect_message()
    assert out.text is not None and out.text.startswith(ru("poll-err-close-range"))

    # Step by step in private: the typed closing time.
    await admin.send_command("/poll")
    await admin.expect_message()
    await admin.send("Где встретимся?")
    await admin.expect_message()
    await admin.send("У входа\nВ холле")
    ready = await admin.expect_message()
    await admin.press(ready, button("ru", "poll-btn-done"))
    settings = await admin.expect_message()
    await admin.press(settings, button("ru", "poll-btn-close-manual"))
    choice = await admin.expect_edit(settings)
    await admin.press(choice, button("ru", "poll-btn-close-typed"))
    await admin.expect_message()
    for text in (NINES_H, "9" * 400 + "д", "8д"):
        await admin.send(text)
        assert (await admin.expect_message()).text == ru("poll-err-close-range")
    assert fake.refused == []


# --- point 6: invisible text --------------------------------------------------------------------------------


async def test_invisible_text_is_refused_in_the_residents_steps(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser
) -> None:
    await admin.send_command("/help")  # the superadmin gets the curator card (no curator chat bound)
    await admin.expect_message()
    # Onboarding: a territory typed as nothing visible.
    newcomer = fake.user(6102, first_name="Ира", language_code="ru")
    await accept_consent(newcomer)  # then: where do you live?
    await newcomer.send(ZW)
    where = await newcomer.expect_message()
    assert where.text == INVISIBLE and where.buttons  # the list stays under it

    anna = await onboarded(fake, 6101, "Анна")

    await anna.send_command("/idea")
    await anna.expect_message()
    for text in HIDDEN:  # twelve zero-width spaces, joiners, soft hyphens, lone accents, Hangul fillers
        await anna.send(text)
        answer = await anna.expect_message()
        assert answer.text == INVISIBLE, (text, answer.text)
    await anna.send(ZW + "Скамейки" + ZW)  # eight letters a person sees: too short, counted as seen
    assert (await anna.expect_message()).text == ru("idea-text-short", length=8, min=TEXT_MIN)
    await anna.send(ZW + IDEA + ZW)
    photos = await anna.expect_message()
    await anna.press(photos, button("ru", "btn-skip"))
    await anna.expect_message()  # where?
    await anna.send("\u200b\u200b\u200b\u200b")
    assert (await anna.expect_message()).text == INVISIBLE
    await anna.send("ул. Советская, 1")
    route = await anna.expect_message()
    direction = route.buttons[0][0]
    await anna.press(route, direction)
    summary = await anna.expect_message()
    assert IDEA in summary.text and "\u200b" not in summary.text  # the edges are tidied
    number = await send_idea(anna, summary)

    # The curator's rejection reason.
    card = await admin.expect_message()
    assert ru("card-title", number=number, direction=direction) in card.text
    await admin.press(card, button("ru", "card-reject"))
    await admin.expect_message()
    await admin.send(ZW)
    assert (await admin.expect_message()).text == INVISIBLE
    await admin.send("\u200bок\u200b")  # two letters a person sees
    assert (await admin.expect_message()).text == ru("reject-reason-short", length=2, min=REASON_MIN)
    await admin.send("Уже есть в плане благоустройства")
    await admin.press(await admin.expect_message(), button("ru", "reject-btn-send"))  # the preview
    notice = await anna.expect_message()
    assert "Уже есть в плане благоустройства" in notice.text
    assert fake.refused == []


async def test_invisible_text_is_refused_in_the_organizers_steps(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser, db_path: Path
) -> None:
    await admin.send_command("/help")  # the superadmin has a private chat with the bot
    await admin.expect_message()
    author = await onboarded(fake, 6201, "Лев")
    number = await send_idea(author, await write_idea(author, IDEA))
    await admin.expect_message()  # the curator card (no curator chat bound)

    # /moderate → Reject: the reason.
    await admin.send_command("/moderate")
    card = await admin.expect_message()
    await admin.press(card, button("ru", "mod-btn-reject"))
    assert (await admin.expect_message()).text == ru("reject-mod-ask", number=number, min=REASON_MIN, max=REASON_MAX)
    await admin.send("\u2060\u2060\u2060\u2060")
    assert (await admin.expect_message()).text == INVISIBLE
    await admin.send_command("/cancel")
    await admin.expect_message()

    # /new_session: title, description and place.
    await admin.send_command("/new_session")
    await admin.expect_message()
    await admin.expect_message()
    await answer_step(admin, ZW, INVISIBLE)
    await answer_step(admin, "\u0301" * 5, INVISIBLE)  # accents with nothing to sit on
    await answer_step(admin, "Двор мечты", ru("sadm-ask-description", max=1500))
    await answer_step(admin, "\ufeff\u00ad", INVISIBLE)
    await admin.send_command("/cancel")
    await admin.expect_message()

    # /broadcast: a text message that would reach everyone as a blank one.
    await admin.send_command("/broadcast")
    await admin.expect_message()
    await admin.send(ZW)
    assert (await admin.expect_message()).text == INVISIBLE
    await admin.send_command("/cancel")
    await admin.expect_message()

    # /ban with a reason of nothing visible: banned without a reason (never shown to the person as blank).
    await admin.send_command("/ban", f"{author.user_id} {ZW}")
    assert (await admin.expect_message()).text == ru("mod-banned", name="Лев")
    await author.send_command("/help")
    ban_notice = await author.expect_message()  # the one notice a banned resident gets
    assert ban_notice.text == ru("ban-notice") and "\u200b" not in ban_notice.text
    assert db_rows(db_path, "SELECT ban_reason FROM users WHERE id = ?", (author.user_id,)) == [(None,)]

    # Polls: a question and options of nothing visible, in one line (group) and step by step (private).
    session_id = add_session(db_path, title="Хакатон", starts_at=utc_now() + timedelta(days=1))
    group = fake.group(GROUP_ID, title="Хакатон: чат")
    fake.add_member(group, admin, status="administrator")
    await admin.send_in(group, f"/bind_session {session_id}")
    await group.expect_message()
    await admin.send_in(group, f"/poll {ZW} | Да | Нет")
    out = await group.expect_message()
    assert out.text is not None and out.text.startswith(ru("poll-err-question-invisible"))
    await admin.send_in(group, "/poll Идём? | Да | \u200d\u200d")
    out = await group.expect_message()
    assert out.text is not None and out.text.startswith(ru("poll-err-option-invisible", number=2))
    await admin.send_command("/poll")
    await admin.expect_message()
    await admin.send(ZW)
    assert (await admin.expect_message()).text.startswith(ru("poll-err-question-invisible"))
    await admin.send("Идём?")
    await admin.expect_message()
    await admin.send("Да\n\u2060\u2060")
    assert (await admin.expect_message()).text.startswith(ru("poll-err-option-invisible", number=2))
    assert fake.refused == []


async def test_invisible_feedback_comment_is_refused(
    fake: FakeTelegram, db_path: Path, start_bot, admin: ScriptedUser
) -> None:
    resident = (await seed_reachable(fake, db_path, [6301]))[6301]
    admin.chat.known = True
    session_id = add_session(db_path, title="Субботник", starts_at=utc_now() - timedelta(hours=3), duration_min=60)
    add_registration(db_path, session_id, 6301)
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE registrations SET attended_at = ? WHERE user_id = 6301", (to_iso(utc_now()),))
    await start_bot()  # the end passed while it was down: feedback is asked at once
    ask = await resident.expect_message(timeout=10)
    await resident.press(ask, "5 ⭐")
    await resident.expect_edit(ask)
    await resident.send(ZW)
    assert (await resident.expect_message()).text == INVISIBLE
    await resident.send("Отлично!")
    assert (await resident.expect_message()).text == ru("feedback-thanks")
    assert db_rows(db_path, "SELECT comment FROM feedback") == [("Отлично!",)]


# --- point 1: a date error in a button's handler ---------------------------------------------------------------


async def test_a_date_overflow_in_a_button_handler_is_told_as_a_broken_date_not_an_old_button(
    fake: FakeTelegram, bot: InProcessBot, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever slipped past the window (a date computation the bot did not foresee): the person is told the
    record's date is broken — once, and not "this button is no longer active", which meant forged data."""
    from bot.handlers.sessions import resident as sessions_handlers

    session_id = add_session(db_path, title="Субботник", starts_at=utc_now() + timedelta(days=2))
    resident = await onboarded(fake, 6401, "Жанна")
    await resident.send_command("/sessions")
    listing = await resident.expect_message()

    async def overflowing(*args: object, **kwargs: object) -> None:
        datetime(9999, 12, 31, 23, tzinfo=UTC) + timedelta(days=1)  # OverflowError: date value out of range

    monkeypatch.setattr(sessions_handlers, "open_card", overflowing)
    result = await resident.press(listing, "Субботник")
    assert result.show_alert and result.text == ru("error-bad-date")
    # A number too large for the database in forged data is still just an out-of-date button.
    monkeypatch.undo()
    forged = await resident.press_data(resident.chat_id, listing.message_id, f"ses1:view:{10**30}:0")
    assert forged.text == ru("button-outdated")
    assert session_id and fake.refused == []
