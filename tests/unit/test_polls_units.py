"""Polls without Telegram: the one-line form, durations, texts and the chart, the vote buffer against SQLite."""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator, Iterable
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from aiogram import Bot
from aiogram.types import Poll as TgPoll
from aiogram.types import PollAnswer, PollOption, User
from PIL import Image

from bot.clock import parse_iso
from bot.consent import CONSENT_VERSION
from bot.services.polls import (
    CLOSE_WORDS,
    PollDraft,
    PollProblem,
    PollService,
    check_option,
    draft_text,
    message_link,
    parse_one_line,
    results_chart,
    results_text,
)
from bot.services.timers import Timers
from bot.services.timetext import duration_text, parse_duration
from bot.storage.db import Database
from bot.storage.polls import CountsRow, NewPoll, Poll, VoteRow
from bot.storage.repositories import Repos
from bot.telegram.i18n import Translator
from tests.support.locale_text import en, ru
from tests.support.settings import make_settings

RU = Translator().for_lang("ru")
EN = Translator().for_lang("en")
TZ = ZoneInfo("Asia/Yekaterinburg")


def problem(text: str) -> tuple[str, dict[str, object]]:
    with pytest.raises(PollProblem) as caught:
        parse_one_line(text)
    return caught.value.key, caught.value.args_


# --- the one-line form ---------------------------------------------------------------------------


def test_plain_poll_is_trimmed_and_open() -> None:
    draft = parse_one_line("  Где   встречаемся?  |  Парк |Кафе  ")
    assert draft == PollDraft(question="Где встречаемся?", options=["Парк", "Кафе"])


@pytest.mark.parametrize(
    ("line", "anonymous", "multiple", "correct", "close"),
    [
        ("Q? | A | B анонимно", True, False, None, None),
        ("Q? | A | B anon", True, False, None, None),
        ("Q? | A | B | АНОНИМНО, Несколько", True, True, None, None),
        ("Q? | A | B multi close=90m", False, True, None, timedelta(minutes=90)),
        ("Q? | A | B викторина=2 закрыть=1ч", False, False, 1, timedelta(hours=1)),
        ("Q? | A | B | quiz:1 | close=2h", False, False, 0, timedelta(hours=2)),
        ("Q? | A | B закрыть=1ч30м", False, False, None, timedelta(minutes=90)),
        ("Q?\nA\nB\nанон закрыть=15", True, False, None, timedelta(minutes=15)),
    ],
)
def test_flags_at_the_end(
    line: str, anonymous: bool, multiple: bool, correct: int | None, close: timedelta | None
) -> None:
    draft = parse_one_line(line)
    assert draft.options == ["A", "B"]
    assert (draft.anonymous, draft.multiple, draft.correct, draft.close_after) == (anonymous, multiple, correct, close)


def test_flag_words_inside_options_stay_text() -> None:
    # Only trailing words are flags; a quiz or close without "=value" is an option's word.
    draft = parse_one_line("Формат? | Анонимно голосуем | Викторина | Закрыть")
    assert draft.options == ["Анонимно голосуем", "Викторина", "Закрыть"]
    assert not draft.anonymous and draft.correct is None and draft.close_after is None
    draft = parse_one_line("Что? | Открыть | Закрыть несколько")
    assert draft.options == ["Открыть", "Закрыть"] and draft.multiple


@pytest.mark.parametrize(
    ("line", "key", "args"),
    [
        ("Просто вопрос", "poll-err-no-options", {}),
        ("  | A | B", "poll-err-question-empty", {}),
        ("В" * 301 + " | A | B", "poll-err-question-long", {"max": 300, "length": 301}),
        ("Q? | A", "poll-err-options-few", {"min": 2}),
        ("Q? | анонимно", "poll-err-options-few", {"min": 2}),
        ("Q? | " + " | ".join(str(i) for i in range(13)), "poll-err-options-many", {"max": 12, "count": 13}),
        ("Q? | A | " + "б" * 101, "poll-err-option-long", {"number": 2, "max": 100, "length": 101}),
        ("Q? | A | | B", "poll-err-option-empty", {"number": 2}),
        ("Q? | Да | ДА", "poll-err-option-duplicate", {"number": 2, "first": 1}),
        ("Q? | A | B quiz=", "poll-err-quiz-number", {"value": ""}),
        ("Q? | A | B quiz=0", "poll-err-quiz-number", {"value": "0"}),
        ("Q? | A | B quiz=3", "poll-err-quiz-range", {"number": 3, "count": 2}),
        ("Q? | A | B quiz=1 multi", "poll-err-quiz-multi", {}),
        ("Q? | A | B close=soon", "poll-err-close-unreadable", {"value": "soon"}),
        ("Q? | A | B close=0m", "poll-err-close-range", {}),
        ("Q? | A | B закрыть=8д", "poll-err-close-range", {}),
        # Any number too big is out of range, never an overflow (issue 11).
        ("Q? | A | B закрыть=" + "9" * 400 + "ч", "poll-err-close-range", {}),
        ("Q? | A | B close=" + "9" * 400, "poll-err-close-range", {}),
        # Only invisible characters (issue 11): not a question, not an option.
        ("\u200b" * 12 + " | A | B", "poll-err-question-invisible", {}),
        ("Q? | A | \u200b\u200d\ufeff", "poll-err-option-invisible", {"number": 2}),
        ("Q? | \u0301\u0301 | B", "poll-err-option-invisible", {"number": 1}),
    ],
)
def test_each_problem_names_what_to_fix(line: str, key: str, args: dict[str, object]) -> None:
    assert problem(line) == (key, args)
    assert RU(key, **args) != key and EN(key, **args) != key  # both languages explain it


def test_lengths_are_counted_as_telegram_counts_them() -> None:
    assert check_option("👍" * 50, 1, []) == "👍" * 50  # 100 UTF-16 code units
    with pytest.raises(PollProblem) as caught:
        check_option("👍" * 50 + "!", 1, [])
    assert caught.value.args_["length"] == 101
    assert len(parse_one_line("Q? | " + "я" * 100 + " | B").options[0]) == 100


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("30", 30),
        ("30м", 30),
        ("30 мин", 30),
        ("45 минут", 45),
        ("1ч", 60),
        ("2h", 120),
        ("90m", 90),
        ("1ч30м", 90),
        ("1 h 15 min", 75),
        ("1 день", 1440),
        ("2d", 2880),
        ("1.5h", 90),
    ],
)
def test_durations(text: str, minutes: int) -> None:
    assert parse_duration(text) == timedelta(minutes=minutes)


@pytest.mark.parametrize("text", ["", "скоро", "1ч30", "30x", "-5м", "м30"])
def test_unreadable_durations(text: str) -> None:
    assert parse_duration(text) is None


def test_duration_text() -> None:
    assert duration_text(RU, timedelta(minutes=45), CLOSE_WORDS) == ru("poll-unit-minutes", n=45)
    assert duration_text(RU, timedelta(minutes=90), CLOSE_WORDS) == f"{ru('poll-unit-hours', n=1)} {ru('poll-unit-minutes', n=30)}"
    assert duration_text(EN, timedelta(days=2), CLOSE_WORDS) == en("poll-unit-days", n=2)
    assert duration_text(EN, None, CLOSE_WORDS) == en("poll-unit-minutes", n=0)


def test_draft_survives_the_fsm_data_round_trip() -> None:
    draft = PollDraft("Q?", ["A", "B", "C"], anonymous=True, correct=2, close_after=timedelta(minutes=30))
    assert PollDraft.from_state(draft.to_state()) == draft
    assert PollDraft.from_state({}) == PollDraft(question="")
    text = draft_text(RU, draft)
    # whole-screen check: the wording itself is under test (the draft's HTML, tags and all)
    assert text == "📊 <b>Q?</b>\n1. A\n2. B\n3. C ✅\n<i>анонимный · викторина</i>\n⏱ Закрыть через 30 минут"


# --- results ---------------------------------------------------------------------------------------


def make_poll(**changes: object) -> Poll:
    values: dict[str, object] = {
        "id": 7,
        "tg_poll_id": "555",
        "session_id": 1,
        "chat_id": -1001234567890,
        "message_id": 42,
        "question": "Свет <и> тень & вода?",
        "options": ("Да", "Нет", "<Не знаю>"),
        "is_anonymous": False,
        "allows_multiple": False,
        "correct_option": None,
        "close_at": None,
        "status": "closed",
        "closed_at": parse_iso("2026-12-05T13:40:00+00:00"),
        "counts": (2, 1, 0),
        "total_voters": 3,
        "results_posted": False,
        "created_by": 9001,
        "created_at": parse_iso("2026-12-05T13:00:00+00:00"),
    }
    values.update(changes)
    return Poll(**values)  # type: ignore[arg-type]


def test_results_text_escapes_and_rounds() -> None:
    # whole-screen check: the wording itself is under test (the results' HTML, escaped and rounded)
    assert results_text(RU, make_poll(), TZ) == (
        "📊 <b>Итоги опроса</b> «Свет &lt;и&gt; тень &amp; вода?»\n<i>неанонимный</i>\n"
        "1. Да — 2 (67 %)\n2. Нет — 1 (33 %)\n3. &lt;Не знаю&gt; — 0 (0 %)\nПроголосовали: 3\nЗакрыт 05.12.2026 18:40"
    )
    quiz = make_poll(
        correct_option=1, is_anonymous=True, status="open", closed_at=None, counts=(0, 0, 0), total_voters=0
    )
    text = results_text(EN, quiz, TZ)
    # HTML here: the bot's own Translator (EN) gives the tags and the escaping the text must carry.
    assert text.startswith(EN("poll-results-title-open", question="Свет <и> тень & вода?"))
    assert EN("poll-results-kind", kind=f"{en('poll-kind-anonymous')} · {en('poll-kind-quiz')}") in text
    assert (
        en("poll-results-line", position=2, option="Нет", count=0, percent=0) + " " + en("poll-results-correct") in text
    )
    assert text.endswith(en("poll-results-total", total=0))


def test_results_chart_is_a_png() -> None:
    png = results_chart(RU, make_poll(question="Очень длинный вопрос " * 20, counts=(2, 1, 0)))
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.size[0] == 1000 and 200 < image.size[1] < 600


def test_message_links() -> None:
    assert message_link(-1001234567890, 42) == "https://t.me/c/1234567890/42"
    assert message_link(-1001234567890, 42, "tochka_chat") == "https://t.me/tochka_chat/42"
    assert message_link(-12345, 42) is None  # a basic group has no message links


# --- the vote buffer ------------------------------------------------------------------------------


@pytest.fixture
async def service(tmp_path: Path) -> AsyncIterator[PollService]:
    settings = make_settings(database_path=tmp_path / "p.sqlite3")
    db = Database(settings.database_path)
    await db.connect()
    repos = Repos(db)
    bot = Bot(settings.bot_token)
    yield PollService(bot, repos, Translator(), settings, Timers(repos, settings))
    await bot.session.close()
    await db.close()


CONSENTED = "2026-01-01T00:00:00+00:00"


async def residents(service: PollService, *ids: int, consented: str = CONSENTED) -> None:
    """People who consented (long ago, by default): only their choices are stored per person."""
    await service.repos.db.executemany(
        "INSERT INTO users (id, consent_status, consent_version, consent_at, first_name, created_at, updated_at) "
        f"VALUES (?, 'accepted', '{CONSENT_VERSION}', ?, 'Житель', ?, ?)",
        [(user_id, consented, consented, consented) for user_id in ids],
    )


async def add_poll(service: PollService, tg_id: str, options: int = 3) -> int:
    return await service.repos.polls.add(
        NewPoll(tg_id, None, -100, 1, "Q?", tuple(str(i) for i in range(options)), False, True, None, None, 9001)
    )


def answer(tg_id: str, user_id: int, options: list[int]) -> PollAnswer:
    user = User(id=user_id, is_bot=False, first_name=f"U{user_id}")
    return PollAnswer(poll_id=tg_id, option_ids=options, option_persistent_ids=[str(o) for o in options], user=user)


def state(tg_id: str, counts: list[int], closed: bool = False) -> TgPoll:
    return TgPoll(
        id=tg_id,
        question="Q?",
        options=[PollOption(persistent_id=str(i), text=str(i), voter_count=c) for i, c in enumerate(counts)],
        total_voter_count=sum(1 for c in counts if c),
        is_closed=closed,
        is_anonymous=False,
        type="regular",
        allows_multiple_answers=True,
        allows_revoting=True,
        members_only=False,
    )


async def test_votes_last_one_wins_and_retractions_keep_their_row(service: PollService) -> None:
    poll_id = await add_poll(service, "tg-1")
    await residents(service, 1, 2)
    service.take_answer(answer("tg-1", 1, [0]))
    service.take_answer(answer("tg-1", 2, [1, 2]))
    service.take_answer(answer("tg-1", 1, [2]))  # changed within the batch: only the last is written
    service.take_state(state("tg-1", [1, 1, 2]))
    await service.flush()
    assert await service.repos.polls.votes_of(poll_id) == {1: [2], 2: [1, 2]}
    service.take_answer(answer("tg-1", 2, []))
    service.take_state(state("tg-1", [0, 0, 1]))
    await service.flush()
    assert await service.repos.polls.votes_of(poll_id) == {1: [2], 2: []}
    poll = await service.repos.polls.get(poll_id)
    assert poll is not None and poll.counts == (0, 0, 1) and poll.total_voters == 1


async def test_votes_for_a_poll_not_stored_yet_wait_for_it(service: PollService) -> None:
    await residents(service, 5)
    service.take_answer(answer("tg-late", 5, [1]))
    service.take_state(state("tg-late", [0, 1, 0]))
    await service.flush()  # unknown poll: kept in memory
    assert service.unknown_polls == 1
    poll_id = await add_poll(service, "tg-late")
    await service.flush()
    assert await service.repos.polls.votes_of(poll_id) == {5: [1]}
    assert service.unknown_polls == 0  # known now: nothing kept about it
    poll = await service.repos.polls.get(poll_id)
    assert poll is not None and poll.counts == (0, 1, 0)


async def test_unknown_polls_are_dropped_after_a_while(service: PollService, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(PollService, "STRAY_TTL", 0.0)
    for n in range(100):  # strangers' polls the bot hears of: none is remembered once dropped
        service.take_answer(answer(f"not-ours-{n}", 5, [1]))
    await service.flush()
    await service.flush()
    assert service._votes == {} and service.unknown_polls == 0


async def test_final_counts_of_a_closed_poll_are_not_overwritten(service: PollService) -> None:
    poll_id = await add_poll(service, "tg-2")
    assert await service.repos.polls.close(poll_id, [3, 1, 0], 4)
    service.take_state(state("tg-2", [1, 1, 0]))  # an older state that arrives late
    await service.flush()
    poll = await service.repos.polls.get(poll_id)
    assert poll is not None and poll.counts == (3, 1, 0) and poll.total_voters == 4
    service.take_state(state("tg-2", [3, 2, 0], closed=True))  # Telegram's final word
    await service.flush()
    poll = await service.repos.polls.get(poll_id)
    assert poll is not None and poll.counts == (3, 2, 0)
    assert await service.repos.polls.claim_results(poll_id)
    assert not await service.repos.polls.claim_results(poll_id)  # results are posted once, ever


async def test_the_flusher_writes_by_itself(service: PollService, monkeypatch: pytest.MonkeyPatch) -> None:
    poll_id = await add_poll(service, "tg-3")
    await residents(service, *range(2500))
    batches: list[int] = []
    all_in = asyncio.Event()
    store = service.repos.polls.store_votes

    async def recording(votes: Iterable[VoteRow], counts: Iterable[CountsRow]) -> None:
        votes = list(votes)
        await store(votes, counts)
        batches.append(len(votes))
        if sum(batches) == 2500:
            all_in.set()

    monkeypatch.setattr(service.repos.polls, "store_votes", recording)
    service.start()
    try:
        for user in range(2500):
            service.take_answer(answer("tg-3", user, [user % 3]))
            if user % 500 == 499:
                await asyncio.sleep(0)  # updates arrive in getUpdates batches
        await asyncio.wait_for(all_in.wait(), 5)
    finally:
        await service.stop()
    assert len(await service.repos.polls.votes_of(poll_id)) == 2500
    assert len(batches) < 10  # written in batches, not vote by vote


# --- whose votes are stored (issue 11) -------------------------------------------------------------------


async def test_only_residents_with_consent_and_no_ban_have_their_votes_stored(service: PollService) -> None:
    poll_id = await add_poll(service, "tg-4")
    await residents(service, 1, 2, 3)
    await residents(service, 6, consented="2999-01-01T00:00:00+00:00")  # consented after voting
    repos = service.repos
    await residents(service, 8)
    # 8 accepted only an older consent, which did not name poll votes (and has not accepted the current one yet).
    await repos.db.execute("UPDATE users SET consent_version = '2026-11-28' WHERE id = 8")
    await repos.users.ensure(4)  # started the bot, never consented
    await repos.users.ensure(5)
    await repos.users.decline_consent(5)
    assert await repos.moderation.ban(3, 9001, None, "Житель")
    for voter in (1, 2, 3, 4, 5, 6, 7, 8):  # 7 never started the bot
        service.take_answer(answer("tg-4", voter, [voter % 3]))
    service.take_state(state("tg-4", [2, 3, 3]))
    await service.flush()
    assert await repos.polls.votes_of(poll_id) == {1: [1], 2: [2]}
    poll = await repos.polls.get(poll_id)
    assert poll is not None and poll.counts == (2, 3, 3)  # everyone is in the totals

    # A ban takes the stored votes away too; an unban lets new ones in again.
    assert await repos.moderation.ban(2, 9001, None, "Житель")
    assert await repos.polls.votes_of(poll_id) == {1: [1]}
    assert await repos.moderation.unban(2, 9001, "Житель")
    service.take_answer(answer("tg-4", 2, [0]))
    await service.flush()
    assert await repos.polls.votes_of(poll_id) == {1: [1], 2: [0]}


async def test_a_buffered_vote_is_never_written_after_delete_me(service: PollService) -> None:
    """The race of the review (3 of 3): a vote waiting in memory while its voter runs /delete_me."""
    poll_id = await add_poll(service, "tg-5")
    await residents(service, 1, 2, 3)
    repos = service.repos

    # Waiting in memory when the data is deleted: the write that follows leaves it out.
    service.take_answer(answer("tg-5", 1, [0]))
    assert await repos.users.forget(1, 3) is not None
    await service.flush()
    assert await repos.polls.votes_of(poll_id) == {}

    # Taken for writing before the deletion, written after it (the deletion's transaction goes first).
    service.take_answer(answer("tg-5", 2, [1]))
    await asyncio.gather(repos.users.forget(2, 3), service.flush())
    # Written first, deleted after.
    service.take_answer(answer("tg-5", 3, [2]))
    await asyncio.gather(service.flush(), repos.users.forget(3, 3))
    assert await repos.polls.votes_of(poll_id) == {}

    # Back at once (consent in the same second): the vote from before the deletion was dropped from memory.
    await residents(service, 4)
    service.take_answer(answer("tg-5", 4, [1]))
    assert await repos.users.forget(4, 3) is not None
    service.forget_voter(4)
    await repos.users.ensure(4)
    await repos.users.accept_consent(4, CONSENT_VERSION, "ru", "Снова", None, None)
    await service.flush()
    assert await repos.polls.votes_of(poll_id) == {}
    service.take_answer(answer("tg-5", 4, [2]))  # a vote after consenting anew is theirs
    await service.flush()
    assert await repos.polls.votes_of(poll_id) == {4: [2]}


def test_a_closing_time_made_of_many_big_parts_is_out_of_range_not_an_overflow() -> None:
    from bot.services.polls import PollProblem, parse_one_line

    with pytest.raises(PollProblem) as caught:
        parse_one_line("Q? | a | b close=" + "9999999d" * 101)
    assert caught.value.key == "poll-err-close-range"
