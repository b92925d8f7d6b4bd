"""Session chats and polls end to end: /bind_session, greetings, /poll (one line and step by step), votes,
/close_poll, the scheduled close, /results and /export, through the fake Bot API."""

from __future__ import annotations

import re
import sqlite3
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.clock import now, parse_iso
from bot.consent import CONSENT_VERSION
from bot.handlers.polls.callbacks import DraftAction, PollDraftCb
from bot.services.polls import PollService
from fake_telegram import FakeTelegram, ScriptedGroup, ScriptedUser
from tests.support import seeding
from tests.support.clock import utc_now
from tests.support.exports import read_csv, read_xlsx
from tests.support.in_process import InProcessBot
from tests.support.locale_text import button, en, ru, ru_pattern
from tests.support.scenarios import expect_results, post_poll, reply_in
from tests.support.seeding import add_residents
from tests.support.settings import ADMIN_ID

pytestmark = pytest.mark.usefixtures("pinned_clock")  # the bot's clock reads 10:00 in TIMEZONE, at any hour

ORGANIZER_ID = 4100
GROUP_ID = -1001000000500
TZ = "Asia/Yekaterinburg"


def add_session(bot: InProcessBot, title: str, starts_in: timedelta = timedelta(days=1)) -> int:
    """A scheduled session, written straight into the database (creating sessions is another part's test)."""
    return seeding.add_session(bot.settings.database_path, title=title, starts_at=utc_now() + starts_in)


def rows(db_path: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db_path) as conn:
        return [tuple(r) for r in conn.execute(sql, params)]


async def bound_group(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser, title: str = "Хакатон «Город» & друзья"
) -> tuple[ScriptedGroup, int]:
    session_id = add_session(bot, title)
    group = fake.group(GROUP_ID, title="Хакатон: чат")
    fake.add_member(group, admin, status="administrator")
    await admin.send_in(group, f"/bind_session {session_id}")
    done = await group.expect_message()
    assert re.fullmatch(ru_pattern("bind-session-done", {"when": ".+"}, title=title), done.text or ""), done.text
    return group, session_id


# --- /bind_session -----------------------------------------------------------------------------------------


async def test_bind_by_staff_moves_and_refusals(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser, db_path: Path
) -> None:
    first = add_session(bot, "Урбанистика <и> город")
    second = add_session(bot, "Молодёжный форум", starts_in=timedelta(days=2))
    add_session(bot, "Прошедшая", starts_in=timedelta(days=-2))
    group = fake.group(GROUP_ID, title="Сессия")
    organizer = fake.user(ORGANIZER_ID, first_name="Ирина", language_code="ru")
    await bot.dp["repos"].roles.grant(organizer.user_id, "organizer", granted_by=ADMIN_ID)

    await organizer.send_in(group, "/bind_session")
    ask = await group.expect_message()
    assert ask.text == ru("bind-session-ask")
    assert len(ask.buttons) == 2  # the one that is over is not offered
    assert ask.buttons[0][0].startswith(f"№\u00a0{first} · Урбанистика <и> город · ")
    resident = fake.user(4200, first_name="Жанна", language_code="ru")
    refused = await resident.press(ask, "Урбанистика")
    assert refused.show_alert and refused.text == ru("not-allowed")
    await organizer.press(ask, "Урбанистика")
    done = await group.expect_edit(ask)
    assert re.fullmatch(ru_pattern("bind-session-done", {"when": ".+"}, title="Урбанистика <и> город"), done.text or "")
    assert done.buttons == []

    await admin.send_in(group, f"/bind_session {second}")
    moved = await group.expect_message()
    assert moved.text is not None
    old, new = "Урбанистика <и> город", "Молодёжный форум"
    assert re.fullmatch(ru_pattern("bind-session-moved", {"when": ".+"}, old=old, title=new), moved.text)
    await admin.send_in(group, "/bind_session 999")
    assert (await group.expect_message()).text == ru("bind-session-unknown", number=999)
    await admin.send_in(group, "/bind_session пятая")
    assert (await group.expect_message()).text == ru("bind-session-usage")
    await resident.send_in(group, f"/bind_session {first}")
    refusal = await group.expect_message()
    assert refusal.text == ru("roles-refused-organizer", command="/bind_session")
    await admin.send_command("/bind_session")
    assert (await admin.expect_message()).text == ru("poll-group-only", command="/bind_session")

    assert rows(db_path, "SELECT chat_id, session_id, bound_by FROM session_chats") == [(GROUP_ID, second, ADMIN_ID)]
    assert fake.refused == []


# --- greetings ---------------------------------------------------------------------------------------------


async def test_joins_are_greeted_in_one_message(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(PollService, "GREET_GATHER", 0.3)
    monkeypatch.setattr(PollService, "GREET_INTERVAL", 0.8)
    group, _ = await bound_group(fake, bot, admin)
    anna = fake.user(4301, first_name="Анна", last_name="<Ли>")
    boris = fake.user(4302, first_name="Борис")
    vera = fake.user(4303, first_name="Вера", language_code="en")
    fake.join(group, anna)
    fake.join(group, boris, vera, by=anna)
    fake.user_message(admin, group.chat, {"new_chat_members": [fake.bot_user]})  # the bot itself: not greeted
    greeting = await group.expect_message()
    greeted = ru_pattern("greet-text", {"when": ".+"}, names="Анна <Ли>, Борис, Вера", title="Хакатон «Город» & друзья")
    assert re.fullmatch(greeted, greeting.text or ""), greeting.text
    mentions = [e["user"]["id"] for e in greeting.entities if e["type"] == "text_mention"]
    assert mentions == [4301, 4302, 4303]
    await group.expect_no_message(within=0.5)

    gleb = fake.user(4304, first_name="Глеб")
    fake.join(group, gleb)
    later = await group.expect_message()
    assert re.fullmatch(
        ru_pattern("greet-text", {"when": ".+"}, names="Глеб", title="Хакатон «Город» & друзья"), later.text or ""
    )

    other = fake.group(GROUP_ID - 1, title="Не привязан")
    fake.join(other, gleb)
    await other.expect_no_message(within=0.6)
    assert fake.refused == []


# --- /poll in one line -------------------------------------------------------------------------------------


LIMIT_ERRORS = [
    ("Вопрос без вариантов", ru("poll-err-no-options")),
    ("В" * 300 + "? | Да | Нет", ru("poll-err-question-long", max=300, length=301)),
    ("Один вариант? | Да", ru("poll-err-options-few", min=2)),
    ("Много? | " + " | ".join(f"Вариант {i}" for i in range(1, 14)), ru("poll-err-options-many", max=12, count=13)),
    ("Длинный? | Да | " + "н" * 101, ru("poll-err-option-long", number=2, max=100, length=101)),
    ("Пустой? | Да | | Нет", ru("poll-err-option-empty", number=2)),
    ("Повтор? | Да | да", ru("poll-err-option-duplicate", number=2, first=1)),
    ("Викторина? | Да | Нет викторина=", ru("poll-err-quiz-number")),
    ("Викторина? | Да | Нет quiz=3", ru("poll-err-quiz-range", number=3, count=2)),
    ("Викторина? | Да | Нет викторина=1 несколько", ru("poll-err-quiz-multi")),
    ("Когда? | Да | Нет закрыть=скоро", ru("poll-err-close-unreadable", value="скоро")),
    ("Когда? | Да | Нет close=8d", ru("poll-err-close-range")),
]


async def test_one_line_poll_flags_and_every_limit(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser, db_path: Path
) -> None:
    group, session_id = await bound_group(fake, bot, admin)
    await admin.send_in(group, "/poll")
    help_text = (await group.expect_message()).text or ""
    assert help_text == ru("poll-help", qmax=300, omax=100, min=2, max=12)
    assert "викторина=2" in help_text and "закрыть=30м" in help_text  # the flags the parser reads

    for line, error in LIMIT_ERRORS:
        await admin.send_in(group, "/poll " + line)
        answer = await group.expect_message()
        assert answer.text == error + "\n" + ru("poll-help-short"), (line, answer.text)
    assert rows(db_path, "SELECT count(*) FROM polls") == [(0,)]

    plain = await post_poll(bot, admin, group, "Где <встречаемся> & когда? | Парк | Кафе «Лето»")
    assert plain.poll is not None
    assert plain.poll["question"] == "Где <встречаемся> & когда?"
    assert [o["text"] for o in plain.poll["options"]] == ["Парк", "Кафе «Лето»"]
    assert (plain.poll["is_anonymous"], plain.poll["allows_multiple_answers"], plain.poll["type"]) == (
        False,
        False,
        "regular",
    )
    anon = await post_poll(bot, admin, group, "Оценка? | 1 | 2 | 3 анонимно")
    assert anon.poll is not None and anon.poll["is_anonymous"] is True
    assert [o["text"] for o in anon.poll["options"]] == ["1", "2", "3"]
    multi = await post_poll(bot, admin, group, "Темы?\nСвет\nЛавки\nДеревья\nmulti, close=1h30m")
    assert multi.poll is not None and multi.poll["allows_multiple_answers"] is True
    assert [o["text"] for o in multi.poll["options"]] == ["Свет", "Лавки", "Деревья"]
    quiz = await post_poll(bot, admin, group, "Столица области? | Орск | Оренбург | викторина=2 | закрыть=30м")
    assert quiz.poll is not None and quiz.poll["type"] == "quiz" and quiz.poll["correct_option_ids"] == [1]

    stored = rows(
        db_path,
        "SELECT session_id, chat_id, message_id, question, options, is_anonymous, allows_multiple, correct_option, "
        "close_at, status, created_by, tg_poll_id FROM polls ORDER BY id",
    )
    assert [r[:8] for r in stored] == [
        (session_id, GROUP_ID, plain.message_id, "Где <встречаемся> & когда?", '["Парк", "Кафе «Лето»"]', 0, 0, None),
        (session_id, GROUP_ID, anon.message_id, "Оценка?", '["1", "2", "3"]', 1, 0, None),
        (session_id, GROUP_ID, multi.message_id, "Темы?", '["Свет", "Лавки", "Деревья"]', 0, 1, None),
        (session_id, GROUP_ID, quiz.message_id, "Столица области?", '["Орск", "Оренбург"]', 0, 0, 1),
    ]
    assert [r[9:11] for r in stored] == [("open", ADMIN_ID)] * 4
    assert stored[0][8] is None and stored[1][8] is None
    for row, minutes in ((stored[2], 90), (stored[3], 30)):
        left = parse_iso(row[8]) - now()
        assert timedelta(minutes=minutes - 1) < left <= timedelta(minutes=minutes)
    assert [r[11] for r in stored] == [m.poll["id"] for m in (plain, anon, multi, quiz) if m.poll]
    planned = bot.dp["timers"].planned()
    assert {f"poll-{n}" for n in (3, 4)} <= planned.keys() and "poll-1" not in planned

    unbound = fake.group(GROUP_ID - 1, title="Без сессии")
    await admin.send_in(unbound, "/poll Вопрос? | Да | Нет")
    assert (await unbound.expect_message()).text == ru("poll-not-bound")
    resident = fake.user(4200, first_name="Жанна", language_code="ru")
    await resident.send_in(group, "/poll Мой опрос? | Да | Нет")
    refusal = await group.expect_message()
    assert refusal.kind == "text" and refusal.text == ru("roles-refused-organizer", command="/poll")
    assert fake.refused == []


# --- votes ---------------------------------------------------------------------------------------------------


async def test_votes_changes_and_retractions_are_stored(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser, db_path: Path
) -> None:
    group, _ = await bound_group(fake, bot, admin)
    poll = await post_poll(bot, admin, group, "Что важнее? | Свет | Лавки | Деревья | несколько")
    anna, boris, vera = (fake.user(4300 + i, first_name=n) for i, n in enumerate(("Анна", "Борис", "Вера"), 1))
    add_residents(db_path, (anna.user_id, boris.user_id, vera.user_id))
    await anna.vote(poll, [0, 2])
    await boris.vote(poll, [1])
    await vera.vote(poll, [2])
    await boris.vote(poll, [0])  # changed
    await vera.vote(poll, [])  # retracted

    interim = await reply_in(admin, group, "/results", poll)
    assert interim.text is not None and interim.text.startswith(ru("poll-results-title-open", question="Что важнее?"))
    results = [
        ru("poll-results-line", position=1, option="Свет", count=2, percent=100),
        ru("poll-results-line", position=2, option="Лавки", count=0, percent=0),
        ru("poll-results-line", position=3, option="Деревья", count=1, percent=50),
        ru("poll-results-total", total=2),
    ]
    assert "\n".join(results) in interim.text
    await group.expect_message()  # its chart
    votes = rows(db_path, "SELECT user_id, option_ids FROM poll_votes ORDER BY user_id")
    assert votes == [(4301, "[0, 2]"), (4302, "[0]"), (4303, "[]")]
    assert rows(db_path, "SELECT counts, total_voters FROM polls") == [("[2, 0, 1]", 2)]
    assert fake.refused == []


async def test_votes_without_consent_are_counted_but_never_stored(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stranger, a banned resident and one who runs /delete_me while their vote still waits in memory are all
    in the totals; only the resident with consent has a stored (and exported) choice."""
    monkeypatch.setattr(PollService, "FLUSH_INTERVAL", 3600.0)  # votes wait in memory until something flushes
    group, _ = await bound_group(fake, bot, admin)
    poll = await post_poll(bot, admin, group, "Куда пойдём? | Парк | Набережная")
    assert poll.poll is not None
    zhanna = fake.user(4311, first_name="Жанна", language_code="ru")
    leaving = fake.user(4312, first_name="Лев", language_code="ru")
    banned = fake.user(4313, first_name="Бен", language_code="ru")
    stranger = fake.user(4314, first_name="Гость")  # never started the bot
    add_residents(db_path, (zhanna.user_id, leaving.user_id, banned.user_id))
    await admin.send_command("/ban", str(banned.user_id))
    assert (await admin.expect_message()).text == ru("mod-banned", name="Житель 4313")

    await zhanna.vote(poll, [0])
    await leaving.vote(poll, [1])
    await banned.vote(poll, [1])
    await stranger.vote(poll, [0])
    await leaving.send_command("/delete_me")
    ask = await leaving.expect_message()
    # Handled after the votes that came before it: Лев's choice is in memory, not yet in the database.
    assert (poll.poll["id"], leaving.user_id) in bot.dp["polls"]._votes
    assert rows(db_path, "SELECT count(*) FROM poll_votes") == [(0,)]
    await leaving.press(ask, button("ru", "delete-yes"))
    assert (await leaving.expect_message()).text == ru("delete-done")

    interim = await reply_in(admin, group, "/results", poll)  # writes what is in memory first
    results = [
        ru("poll-results-line", position=1, option="Парк", count=2, percent=50),
        ru("poll-results-line", position=2, option="Набережная", count=2, percent=50),
        ru("poll-results-total", total=4),
    ]
    assert interim.text is not None and "\n".join(results) in interim.text
    await group.expect_message()  # its chart
    assert rows(db_path, "SELECT user_id, option_ids FROM poll_votes") == [(zhanna.user_id, "[0]")]
    assert rows(db_path, "SELECT counts, total_voters FROM polls") == [("[2, 2]", 4)]
    assert fake.refused == []


async def test_anonymous_poll_counts_come_from_poll_updates(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser, db_path: Path
) -> None:
    group, _ = await bound_group(fake, bot, admin)
    poll = await post_poll(bot, admin, group, "Оценка встречи? | Отлично | Хорошо | Плохо анон")
    for index, choice in enumerate((0, 0, 1, 0, 2)):
        await fake.user(4400 + index).vote(poll, [choice])
    closed = await reply_in(admin, group, "/close_poll", poll)
    assert closed.text is not None
    head = [
        ru("poll-results-title", question="Оценка встречи?"),
        ru("poll-results-kind", kind=ru("poll-kind-anonymous")),
        ru("poll-results-line", position=1, option="Отлично", count=3, percent=60),
    ]
    assert closed.text.startswith("\n".join(head))
    assert closed.reply_to_message_id == poll.message_id
    chart = await group.expect_message()
    assert chart.kind == "photo" and chart.caption == ru("poll-chart-caption", number=1)
    assert rows(db_path, "SELECT count(*) FROM poll_votes") == [(0,)]
    assert rows(db_path, "SELECT counts, total_voters, status FROM polls") == [("[3, 1, 1]", 5, "closed")]


# --- /close_poll ------------------------------------------------------------------------------------------------


async def test_close_poll_posts_text_and_chart_once(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser, db_path: Path
) -> None:
    group, _ = await bound_group(fake, bot, admin)
    quiz = await post_poll(bot, admin, group, "Столица области? | Орск | Оренбург | Бузулук | quiz=2")
    for index, choice in enumerate((1, 1, 0)):
        await fake.user(4500 + index).vote(quiz, [choice])
    chatter = await admin.send_in(group, "Всем привет")

    await admin.send_in(group, "/close_poll")
    assert (await group.expect_message()).text == ru("poll-close-reply")
    await admin.send_in(group, "/close_poll", reply_to=chatter)
    assert (await group.expect_message()).text == ru("poll-not-ours")
    resident = fake.user(4200, first_name="Жанна", language_code="ru")
    await resident.send_in(group, "/close_poll", reply_to=quiz)
    assert (await group.expect_message()).text == ru("roles-refused-organizer", command="/close_poll")

    await admin.send_in(group, "/close_poll", reply_to=quiz)
    text, _ = await expect_results(group, fake)
    # whole-screen check: the wording itself is under test (a closed quiz's results, line by line)
    assert text.text == (
        "📊 Итоги опроса «Столица области?»\nнеанонимный · викторина\n"
        "1. Орск — 1 (33 %)\n2. Оренбург — 2 (67 %) ✅\n3. Бузулук — 0 (0 %)\nПроголосовали: 3\n"
        + "Закрыт "
        + (text.text or "").rsplit("Закрыт ", 1)[1]
    )
    assert quiz.poll is not None and quiz.poll["is_closed"] is True
    await admin.send_in(group, "/close_poll", reply_to=quiz)
    assert (await group.expect_message()).text == ru("poll-already-closed")
    await group.expect_no_message()
    assert rows(db_path, "SELECT status, results_posted, counts, total_voters FROM polls") == [
        ("closed", 1, "[1, 2, 0]", 3)
    ]
    # The timer firing later (or twice) changes nothing.
    await bot.dp["polls"].close_scheduled(1)
    await group.expect_no_message()
    assert fake.refused == []


async def test_poll_closed_in_telegram_already_is_finished_here(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser, db_path: Path
) -> None:
    group, _ = await bound_group(fake, bot, admin)
    poll = await post_poll(bot, admin, group, "Да или нет? | Да | Нет")
    await fake.user(4600).vote(poll, [1])
    fake.fail_next("stopPoll", "400", description="Bad Request: poll has already been closed")
    await admin.send_in(group, "/close_poll", reply_to=poll)
    text, _ = await expect_results(group, fake)
    assert (
        text.text is not None and ru("poll-results-line", position=2, option="Нет", count=1, percent=100) in text.text
    )
    assert rows(db_path, "SELECT status, results_posted FROM polls") == [("closed", 1)]


# --- the scheduled close ------------------------------------------------------------------------------------------


async def test_scheduled_close_runs_at_start_up_after_its_time_passed(
    fake: FakeTelegram, start_bot: Any, admin: ScriptedUser, db_path: Path, pinned_clock: float
) -> None:
    bot = await start_bot()
    group, _ = await bound_group(fake, bot, admin)
    poll = await post_poll(bot, admin, group, "Продолжаем? | Да | Нет | закрыть=5м")
    await fake.user(4700).vote(poll, [0])
    await reply_in(admin, group, "/results", poll)  # the vote is in before the bot stops
    await group.expect_message()
    assert "poll-1" in bot.dp["timers"].planned()
    await bot.stop()
    # Down for ten minutes: the closing time passed meanwhile, so the timers close it at start-up.
    await start_bot(clock_shift=pinned_clock + 600)
    text, _ = await expect_results(group, fake)
    assert text.text is not None and text.text.startswith(ru("poll-results-title", question="Продолжаем?"))
    assert ru("poll-results-line", position=1, option="Да", count=1, percent=100) in text.text
    assert rows(db_path, "SELECT status, results_posted FROM polls") == [("closed", 1)]
    await group.expect_no_message(within=0.5)


# --- /poll step by step -----------------------------------------------------------------------------------------


async def test_step_by_step_poll_in_private_ends_in_the_group(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser, db_path: Path
) -> None:
    group, session_id = await bound_group(fake, bot, admin)
    await admin.send_command("/poll")
    assert (await admin.expect_message()).text == ru("poll-ask-question", max=300)
    await admin.send_photo()
    assert (await admin.expect_message()).text == ru("poll-need-text")
    await admin.send("В" * 301)
    assert ru("poll-err-question-long", max=300, length=301) in ((await admin.expect_message()).text or "")
    await admin.send("Какой формат <лучше>?")
    assert ru("poll-ask-options", min=2, max=12) in ((await admin.expect_message()).text or "")
    await admin.send("Лекция")
    first = await admin.expect_message()
    assert first.text == ru("poll-option-added", count=1, max=12) and first.buttons == []
    await admin.send("лекция")
    assert (await admin.expect_message()).text == ru("poll-err-option-duplicate", number=2, first=1)
    await admin.send("Мастерская\nДискуссия")
    ack = await admin.expect_message()
    assert ack.text == ru("poll-option-added", count=3, max=12)
    await admin.press(ack, button("ru", "poll-btn-done"))
    saved = await admin.expect_edit(ack)
    assert saved.text == ru("poll-options-saved", count=3) and saved.buttons == []
    draft = await admin.expect_message()
    # whole-screen check: the wording itself is under test (the draft as the organizer checks it)
    assert draft.text == (
        "📊 Какой формат <лучше>?\n1. Лекция\n2. Мастерская\n3. Дискуссия\nнеанонимный\n⏱ Закрыть: вручную (/close_poll)"
    )
    await admin.send("текст")
    hint = await admin.expect_message()
    assert hint.text == ru("poll-use-buttons")
    assert hint.buttons == draft.buttons  # the hint carries the buttons it asks for

    await admin.press(draft, button("ru", "poll-btn-anon", value=button("ru", "poll-no")))
    await admin.expect_edit(draft)
    assert ru("poll-kind-anonymous") in (draft.text or "")
    assert draft.buttons[0] == [button("ru", "poll-btn-anon", value=button("ru", "poll-yes"))]
    await admin.press(draft, button("ru", "poll-btn-multi", value=button("ru", "poll-no")))
    await admin.expect_edit(draft)
    await admin.press(draft, button("ru", "poll-btn-quiz-off"))
    await admin.expect_edit(draft)
    assert draft.buttons[0] == ["1", "2", "3"]
    toast = await admin.press(draft, "2")
    assert toast.text == ru("poll-multi-off")
    await admin.expect_edit(draft)
    correct = ru("poll-draft-option", position=2, option="Мастерская") + " " + ru("poll-results-correct")
    kind = ru("poll-results-kind", kind=f"{ru('poll-kind-anonymous')} · {ru('poll-kind-quiz')}")
    assert correct in (draft.text or "") and kind in (draft.text or "")
    await admin.press(draft, button("ru", "poll-btn-close-manual"))
    await admin.expect_edit(draft)
    await admin.press(draft, button("ru", "poll-btn-close-typed"))
    await admin.expect_edit(draft)
    assert draft.buttons == []
    ask_close = ru("poll-ask-close", min=ru("poll-unit-minutes", n=1), max=ru("poll-unit-days", n=7))
    assert (await admin.expect_message()).text == ask_close
    await admin.send("когда-нибудь")
    assert ru("poll-err-close-unreadable", value="когда-нибудь") in ((await admin.expect_message()).text or "")
    await admin.send("45 минут")
    draft = await admin.expect_message()
    assert ru("poll-draft-close-after", duration=ru("poll-unit-minutes", n=45)) in (draft.text or "")

    await admin.press(draft, button("ru", "poll-btn-pick-chat"))
    await admin.expect_edit(draft)
    assert draft.text == ru("poll-ask-chat")
    assert draft.buttons[0] == ["Хакатон: чат · Хакатон «Город» & друзья"]
    await admin.press(draft, "Хакатон: чат")
    await admin.expect_edit(draft)
    confirm = ru_pattern("poll-confirm", {"when": ".+"}, chat="Хакатон: чат", session="Хакатон «Город» & друзья")
    assert re.search(confirm, draft.text or ""), draft.text
    await admin.press(draft, button("ru", "poll-btn-post"))
    await admin.expect_edit(draft)
    link = f"https://t.me/c/1000000500/{group.inbox[-1].message_id}"
    assert draft.text == ru("poll-posted", number=1, chat="Хакатон: чат") + "\n" + ru("poll-posted-link", link=link)
    posted = await group.expect_message()
    assert posted.poll is not None and posted.poll["question"] == "Какой формат <лучше>?"
    assert posted.poll["type"] == "quiz" and posted.poll["is_anonymous"] is True
    assert posted.poll["correct_option_ids"] == [1]
    again = await admin.press(draft, button("ru", "poll-btn-post")) if draft.buttons else None
    assert again is None  # the buttons are gone with the draft
    stored = rows(db_path, "SELECT session_id, close_at, created_by FROM polls")
    assert stored[0][0] == session_id and stored[0][2] == ADMIN_ID
    assert timedelta(minutes=44) < parse_iso(stored[0][1]) - now() <= timedelta(minutes=45)

    # /cancel at a step; a button of the finished draft says so.
    await admin.send_command("/poll")
    await admin.expect_message()
    await admin.send_command("/cancel")
    assert (await admin.expect_message()).text == ru("poll-cancelled")
    stale = await admin.press_data(admin.chat_id, draft.message_id, PollDraftCb(action=DraftAction.POST).pack())
    assert stale.show_alert and stale.text == ru("poll-draft-gone")
    assert fake.refused == []


async def test_step_by_step_without_session_chats(fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser) -> None:
    await admin.send_command("/poll", "Вопрос? | Да | Нет | несколько")
    draft = await admin.expect_message()
    assert ru("poll-kind-multiple") in (draft.text or "")
    await admin.press(draft, button("ru", "poll-btn-pick-chat"))
    await admin.expect_edit(draft)
    assert draft.text == ru("poll-no-chats")
    await admin.press(draft, button("ru", "poll-btn-drop"))
    await admin.expect_edit(draft)
    assert draft.text == ru("poll-cancelled") and draft.buttons == []
    resident = fake.user(4200, first_name="Жанна", language_code="ru")
    await resident.send_command("/poll")
    assert (await resident.expect_message()).text == ru("roles-refused-organizer", command="/poll")


# --- /results ------------------------------------------------------------------------------------------------------


async def test_results_in_group_and_in_private(fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser) -> None:
    group, _ = await bound_group(fake, bot, admin)
    first = await post_poll(bot, admin, group, "Первый? | Да | Нет")
    await post_poll(bot, admin, group, "Второй? | Да | Нет")
    await fake.user(4800).vote(first, [0])
    await admin.send_in(group, "/results")
    listing = await group.expect_message()
    assert listing.text == ru("poll-results-pick", count=2)
    assert listing.buttons == [["🟢 №\u00a02 · Второй?"], ["🟢 №\u00a01 · Первый?"]]
    await admin.press(listing, "🟢 №\u00a01 · Первый?")
    text, _ = await expect_results(group, fake)
    assert text.text is not None and ru("poll-results-line", position=1, option="Да", count=1, percent=100) in text.text
    assert text.reply_to_message_id == first.message_id

    organizer = fake.user(ORGANIZER_ID, first_name="Irene", language_code="en")
    await bot.dp["repos"].roles.grant(organizer.user_id, "organizer", granted_by=ADMIN_ID)
    for number in range(3, 11):
        await post_poll(bot, admin, group, f"Опрос {number}? | Да | Нет")
    await organizer.send_command("/results")
    page = await organizer.expect_message()
    assert page.text == en("poll-list", total=10, page=1, pages=2)
    assert len(page.buttons) == 9 and page.buttons[-1] == [button("en", "poll-btn-next")]
    await organizer.press(page, button("en", "poll-btn-next"))
    await organizer.expect_edit(page)
    assert page.buttons == [["🟢 #2 · Второй?"], ["🟢 #1 · Первый?"], [button("en", "poll-btn-prev")]]
    await organizer.press(page, "🟢 #1 · Первый?")
    private = await organizer.expect_message()
    assert private.text is not None and private.text.startswith("📊 <b>") is False
    assert private.text.startswith(en("poll-results-title-open", question="Первый?"))
    assert en("poll-results-total", total=1) in private.text
    chart = await organizer.expect_message()
    assert chart.kind == "photo" and chart.caption == en("poll-chart-caption", number=1)
    assert fake.refused == []


async def test_session_results_text_for_the_summary(fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser) -> None:
    group, session_id = await bound_group(fake, bot, admin)
    poll = await post_poll(bot, admin, group, "Свет & тень? | Да | Нет")
    await fake.user(4900).vote(poll, [1])
    await reply_in(admin, group, "/results", poll)  # the vote has arrived
    polls: PollService = bot.dp["polls"]
    t = bot.dp["translator"].for_lang("ru")
    # HTML as the summary embeds it: the bot's own Translator escapes the question ("&" is "&amp;").
    answers = "Да — 0 (0 %), Нет — 1 (100 %)"
    line = t("poll-session-line", question="Свет & тень?", status=t("poll-status-open"), total=1, answers=answers)
    assert "&amp;" in line and await polls.session_results_text(t, session_id) == line
    assert await polls.session_results_text(t, session_id + 1) == ru("poll-session-none")


# --- /export -----------------------------------------------------------------------------------------------------


async def test_export_polls_and_votes(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser, db_path: Path
) -> None:
    group, session_id = await bound_group(fake, bot, admin)
    poll = await post_poll(bot, admin, group, "=Формула? | Да | Нет | несколько")
    anonymous = await post_poll(bot, admin, group, "Тайно? | Да | Нет | анонимно")
    resident = fake.user(5001, first_name="Жанна", last_name="Смирнова", language_code="ru")
    stranger = fake.user(5002, first_name="Аноним")  # never started the bot: counted, not in the file
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "INSERT INTO users (id, first_name, last_name, consent_status, consent_version, consent_at, created_at, "
            "updated_at) VALUES (5001, 'Жанна', 'Смирнова', 'accepted', ?, '2026-01-01T00:00:00+00:00', "
            "'2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00')",
            (CONSENT_VERSION,),
        )
    await resident.vote(poll, [0, 1])
    await stranger.vote(poll, [1])
    await stranger.vote(anonymous, [0])
    await reply_in(admin, group, "/close_poll", poll)
    await group.expect_message()

    files: dict[str, bytes] = {}
    for label, kind in ((button("ru", "export-kind-polls"), "polls"), (button("ru", "export-kind-votes"), "votes")):
        for fmt in ("CSV", "XLSX"):
            await admin.send_command("/export")
            menu = await admin.expect_message()
            await admin.press(menu, f"{label} · {fmt}")
            document = await admin.expect_message(timeout=15)
            assert document.document_name is not None and document.document_name.startswith(kind + "_")
            files[f"{kind}.{fmt.lower()}"] = document.document_bytes or b""

    polls_csv = read_csv(files["polls.csv"])
    assert polls_csv[0] == [
        ru("export-col-number"), ru("export-col-session"), ru("export-col-chat"), ru("export-col-question"),
        ru("export-col-options"), ru("export-col-settings"), ru("export-col-status"),
        ru("export-col-poll-created", tz=TZ), ru("export-col-poll-closed", tz=TZ), ru("export-col-voters"),
        ru("export-col-counts"),
    ]  # fmt: skip
    assert polls_csv[1][:7] == [
        "1",
        f"№\u00a0{session_id} Хакатон «Город» & друзья",
        str(GROUP_ID),
        "'=Формула?",
        "Да; Нет",
        f"{ru('poll-kind-open')} · {ru('poll-kind-multiple')}",
        ru("poll-status-closed"),
    ]
    assert polls_csv[1][9:] == ["2", "Да: 1; Нет: 2"]
    assert polls_csv[2][5:7] == [ru("poll-kind-anonymous"), ru("poll-status-open")] and polls_csv[2][8] == ""
    values, types = read_xlsx(files["polls.xlsx"])
    assert values[1][3] == "=Формула?" and types[1][3] == "s"
    assert len(values) == 3

    votes_csv = read_csv(files["votes.csv"])
    assert votes_csv[0] == [
        ru("export-col-poll"),
        ru("export-col-id"),
        ru("export-col-name"),
        ru("export-col-choice"),
        ru("export-col-time", tz=TZ),
    ]
    assert [row[:4] for row in votes_csv[1:]] == [["1", "5001", "Жанна Смирнова", "Да; Нет"]]
    values, _ = read_xlsx(files["votes.xlsx"])
    assert [row[:4] for row in values[1:]] == [[1, 5001, "Жанна Смирнова", "Да; Нет"]]
