"""Fuzz: every button prefix with odd data, and free-text steps with odd text, as a resident, a removed organizer
and a member of a curators' group. Whatever comes in: no unhandled exception, no request Telegram would refuse,
every press answered, and nothing stored changes that the one pressing may not change."""

from __future__ import annotations

import logging
import random
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

import bot.handlers  # noqa: F401  (every feature's button factories)
from bot.telegram.callbacks import Strict, factories
from fake_telegram import FakeTelegram, ScriptedUser
from tests.support.in_process import InProcessBot
from tests.support.scenarios import appoint_organizer, curator_chat, onboarded, send_idea, write_idea
from tests.support.seeding import add_session

pytestmark = pytest.mark.timeout(400)

PREFIXES = sorted(cls.__prefix__ for cls in [Strict, *factories()])
ODD = [
    "",
    "0",
    "1",
    "-1",
    "²",  # a Unicode digit: isdigit() says yes, int() says no
    "٣",  # an Arabic-Indic digit: int() says yes
    "１",  # a fullwidth digit
    "99999999999999999999999999",
    "9" * 40,
    "1e9",
    "0x10",
    " 1",
    "None",
    "true",
    "ok",
    "rm_yes",
    "💥",
    "\u200b",
    "<b>&",
]
# Free text that a person could type at any step: what must get an answer, never an error.
ODD_TEXT = [
    "\u200b" * 12,  # only invisible characters
    "\u200d\u2060\ufeff\u00ad",
    " ",
    "9" * 400 + "h",
    "31.12.9999 23:00",
    "²³",
    "<b>&amp;</b> <i>",
    "x" * 4096,
    "😀" * 2048,
    "\u202e" + "обратный текст",
    "/",
]
# Rows that the one pressing may change: their own (these columns name a person), and bookkeeping.
OWN_COLUMNS = ("user_id", "author_id", "voter_id", "reporter_id", "person_id")
BOOKKEEPING = {"handled_updates", "fsm_states", "fsm_data", "sqlite_sequence"}


def forged(rng: random.Random, prefix: str) -> str:
    """Callback data as a forged client may send it: the prefix, then up to six odd fields, at most 64 bytes."""
    parts = [prefix] + [rng.choice(ODD) for _ in range(rng.randint(0, 6))]
    data = ":".join(parts)
    while len(data.encode()) > 64:
        data = data[:-1]
    return data


def snapshot(db_path: Path) -> dict[str, set[tuple[tuple[str, object], ...]]]:
    with closing(sqlite3.connect(db_path)) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        found: dict[str, set[tuple[tuple[str, object], ...]]] = {}
        for table in tables:
            cur = conn.execute(f"SELECT * FROM {table}")
            names = [d[0] for d in cur.description]
            found[table] = {tuple(zip(names, row, strict=True)) for row in cur.fetchall()}
    return found


def changes_by_others(
    before: dict[str, set[tuple[tuple[str, object], ...]]],
    after: dict[str, set[tuple[tuple[str, object], ...]]],
    person: int,
) -> list[str]:
    """Rows added or removed that are not the person's own (nor bookkeeping)."""
    wrong = []
    for table in sorted(set(before) | set(after)):
        if table in BOOKKEEPING or table.startswith("fsm"):
            continue
        for row in before.get(table, set()) ^ after.get(table, set()):
            values = dict(row)
            own = any(values.get(column) == person for column in OWN_COLUMNS) or (
                table == "users" and values.get("id") == person
            )
            if not own:
                wrong.append(f"{table}: {values}")
    return wrong


class Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.name}: {record.getMessage()}")


@contextmanager
def errors_logged() -> Iterator[Errors]:
    handler = Errors()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield handler
    finally:
        root.removeHandler(handler)


# Seen in the wild (the outside review): Unicode digits in a page number, a forged "done" without a territory.
KNOWN = ["terr2:page::²", "pub1:page:0:d:²:s:0:", "subs1:done:0", "terr2:page::-1", "pub1:page:99999999999999999999"]


def real_buttons(fake: FakeTelegram) -> list[str]:
    """The callback data of every button the bot has sent so far."""
    found: dict[str, None] = {}
    for message in fake.sent_messages():
        markup = message.raw.get("reply_markup") or {}
        for row in markup.get("inline_keyboard", []):
            for button in row:
                if "callback_data" in button:
                    found[button["callback_data"]] = None
    return list(found)


def mutations(rng: random.Random, data: str, count: int) -> list[str]:
    """Real button data with one or two of its fields replaced by odd values (64 bytes at most)."""
    fields = data.split(":")
    out = []
    for _ in range(count):
        changed = list(fields)
        for _ in range(rng.randint(1, 2)):
            changed[rng.randrange(1, len(changed)) if len(changed) > 1 else 0] = rng.choice(ODD)
        candidate = ":".join(changed)
        while len(candidate.encode()) > 64:
            candidate = candidate[:-1]
        out.append(candidate)
    return out


async def fuzz_buttons(
    person: ScriptedUser, chat_id: int, message_id: int, rng: random.Random, pressed: list[str]
) -> list[str]:
    """Presses each data on the message. Returns what went wrong (presses nobody answered)."""
    problems = []
    for data in pressed:
        result = await person.press_data(chat_id, message_id, data, timeout=10, require_answer=False)
        if not result.answered:
            problems.append(f"{person.id} pressing {data!r}: not answered")
    return problems


def everything_to_press(fake: FakeTelegram, rng: random.Random) -> list[str]:
    pressed = list(KNOWN)
    for prefix in PREFIXES:
        pressed += [forged(rng, prefix) for _ in range(8)]
    for data in real_buttons(fake):
        pressed += mutations(rng, data, 4)
    return pressed


async def test_forged_buttons_and_odd_text_change_nothing_they_may_not(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser, db_path: Path
) -> None:
    rng = random.Random(11)
    # The world: a curators' group, an idea with its card there, a session, an organizer who was removed.
    group = await curator_chat(fake, admin, -100_7001, "Кураторы", "🌳 Развитие городской среды")
    author = await onboarded(fake, 7002, "Автор")
    await send_idea(author, await write_idea(author, "Поставить скамейки и урны вдоль набережной Урала"))
    card = await group.expect_message(timeout=10)
    add_session(db_path, title="Хакатон", created_by=admin.user_id)

    resident = await onboarded(fake, 7003, "Житель")
    former = await appoint_organizer(fake, admin, 7004, "Бывший")
    await admin.send_command("/organizers", "remove 7004")
    await admin.expect_message()
    member = fake.user(7005, first_name="Участник", language_code="ru")
    fake.add_member(group, member)
    for someone in (resident, former, author):
        someone.drain()

    pressed = everything_to_press(fake, rng)
    assert len(pressed) > 150 and {data.split(":")[0] for data in pressed} >= set(PREFIXES)
    problems: list[str] = []
    with errors_logged() as errors:
        for person, chat_id, message_id in (
            (resident, resident.chat_id, resident.inbox[-1].message_id),
            (former, former.chat_id, former.inbox[-1].message_id),
            (member, group.chat_id, card.message_id),
        ):
            before = snapshot(db_path)
            problems += await fuzz_buttons(person, chat_id, message_id, rng, pressed)
            problems += [f"{person.id} changed {row}" for row in changes_by_others(before, snapshot(db_path), person.id)]

        # Odd text at the free-text steps a resident meets: the territory, the idea's text and place, /start payloads.
        newcomer = fake.user(7006, first_name="Новичок", language_code="ru")
        await newcomer.send_command("/start")
        consent = (await newcomer.expect_message(), await newcomer.expect_message())[1]
        await newcomer.press(consent, "✅ Согласие даю")
        for text in ODD_TEXT:
            await newcomer.send(text)  # where a territory is asked
            await newcomer.expect_message(timeout=10)
        for text in ODD_TEXT:
            await resident.send_command("/idea")
            await resident.expect_message(timeout=10)
            await resident.send(text)  # where the idea's text is asked
            await resident.expect_message(timeout=10)
            await resident.send_command("/cancel")
            await resident.expect_message(timeout=10)
        for text in ODD_TEXT:
            await resident.send_command("/start", text[:64])
            await resident.expect_message(timeout=10)

        # Staff commands with odd arguments from those who are not staff (any more): refused, nothing stored.
        before = snapshot(db_path)
        for person, where in ((former, None), (resident, None), (member, group)):
            for command in ("/new_session", "/poll", "/ban", "/unban", "/moderate", "/organizers", "/announce"):
                for text in ODD_TEXT[:6]:
                    line = f"{command} {text}"[:4096]
                    if where is None:
                        await person.send(line)
                        await person.expect_message(timeout=10)  # a refusal, never silence in a private chat
                    else:
                        await person.send_in(where, line)
        for text in ODD_TEXT:  # chatter in the curators' group: nothing changes
            await member.send_in(group, text)
        problems += [f"non-staff changed {row}" for row in changes_by_others(before, snapshot(db_path), -1)]

    problems += [f"logged: {line}" for line in errors.lines]
    problems += [f"refused by Telegram: {r.method}: {r.error}" for r in fake.refused]
    assert problems == []
