"""Moderation end to end: the /moderate queue, later statuses, hidden ideas, races, bans, refusals."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from pathlib import Path

from bot.clock import now_iso
from bot.services.ideas import REASON_MIN
from bot.services.limits import units
from bot.services.moderation import REPORTERS_BUDGET, REPORTERS_SHOWN, parse_idea_number, reporters_text
from bot.storage.db import Database
from bot.storage.models import IdeaDraft
from bot.storage.moderation import Duplicate, Reporter
from bot.storage.repositories import Repos
from bot.telegram.i18n import Translator
from fake_telegram import BotMessage, FakeTelegram, ScriptedUser
from tests.support.in_process import InProcessBot
from tests.support.locale_text import MARK, around, button, en, ru
from tests.support.scenarios import card_to_implemented, curator_chat, onboarded, send_idea, write_idea

URBAN = "Развитие городской среды"
SOCIAL = "Социальные проекты"
URBAN_LABEL = f"🌳 {URBAN}"  # directions as the bot names them (emoji and name from the database)
SOCIAL_LABEL = f"🤝 {SOCIAL}"
MODERATOR = "Модератор"
ADMIN_NAME = "Ольга Админова"  # the superadmin's full name (tests/conftest.py)
IDEA_1 = "Сделать велодорожку вдоль набережной Урала и поставить велопарковки у входа в Зауральную рощу."
IDEA_2 = "Поставить лавочки и урны вдоль улицы Советской, а то присесть негде."
IDEA_3 = "Проложить велодорожку по набережной Урала с парковками для велосипедов."
IDEA_4 = "Открыть кружок робототехники для школьников в районном доме культуры."
IDEA_EN = "Plant trees and put benches along the river embankment in the city centre"


async def organizer(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser, user_id: int, name: str
) -> ScriptedUser:
    person = await onboarded(fake, user_id, name)
    await bot.dp["repos"].roles.grant(person.user_id, "organizer", granted_by=admin.user_id)
    return person


async def audit_actions(bot: InProcessBot) -> list[tuple[str, str | None, dict[str, object]]]:
    entries = await bot.dp["repos"].audit.last(100)
    return [(e.action, e.target, json.loads(e.details) if e.details else {}) for e in reversed(entries)]


async def status_of(bot: InProcessBot, idea_id: int) -> str:
    idea = await bot.dp["repos"].ideas.get(idea_id)
    assert idea is not None
    return str(idea.status)


async def test_queue_decisions_tell_the_author_each_change(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser
) -> None:
    author = await onboarded(fake, 4001, "Автор")
    n1 = await send_idea(author, await write_idea(author, IDEA_1, direction=URBAN))
    n2 = await send_idea(author, await write_idea(author, IDEA_2, direction=URBAN))
    n3 = await send_idea(author, await write_idea(author, IDEA_3, direction=URBAN))
    n4 = await send_idea(author, await write_idea(author, IDEA_4, direction=URBAN))
    english = await onboarded(fake, 4002, "Jane", "en", territory="Orsk")
    n5 = await send_idea(english, await write_idea(english, IDEA_EN, lang="en", direction="Urban"), "en")
    mod = await organizer(fake, bot, admin, 4003, "Модератор")

    # Approve: the idea's message shows the decision and the later steps; the next idea follows.
    await mod.send_command("/moderate")
    card = await mod.expect_message()
    assert ru("card-title", number=n1, direction=URBAN_LABEL) in card.text
    assert ru("mod-queue-new", total=5) in card.text and ru("card-status-new") in card.text
    assert card.buttons[0] == [button("ru", "mod-btn-approve"), button("ru", "mod-btn-reject")]
    res = await mod.press(card, button("ru", "mod-btn-approve"))
    assert res.text == ru("mod-approved-toast", number=n1)
    settled = await mod.expect_edit(card)
    assert ru("card-status-accepted", who=MODERATOR) in settled.text
    assert settled.buttons == [
        [button("ru", "card-in-progress")],
        [button("ru", "card-implemented")],
        [button("ru", "choose-btn-open")],
    ]
    assert around(ru("mod-queue-new", total=MARK))[0] not in settled.text

    # Reject with a reason (too short first).
    card = await mod.expect_message()
    assert ru("card-title", number=n2, direction=URBAN_LABEL) in card.text and ru("mod-queue-new", total=4) in card.text
    await mod.press(card, button("ru", "mod-btn-reject"))
    assert around(ru("reject-mod-ask", number=n2, min=MARK, max=MARK))[0] in (await mod.expect_message()).text
    await mod.send("Дубль")
    assert (await mod.expect_message()).text == ru("reject-reason-short", length=5, min=REASON_MIN)
    reason = "Уже есть в плане благоустройства на 2026 год"
    await mod.send(reason)
    shown = await mod.expect_message()  # the preview of what the author gets
    await mod.press(shown, button("ru", "reject-btn-send"))
    assert (await mod.expect_edit(shown)).text.startswith(ru("reject-sent", number=n2, notice="").rstrip())
    settled = await mod.expect_edit(card)
    assert ru("card-status-rejected", who=MODERATOR, reason=reason) in settled.text and settled.buttons == []

    # Duplicate: bad inputs keep the question open, then #n1.
    card = await mod.expect_message()
    assert ru("card-title", number=n3, direction=URBAN_LABEL) in card.text
    await mod.press(card, button("ru", "mod-btn-duplicate"))
    assert (await mod.expect_message()).text == ru("mod-dup-ask", number=n3)
    await mod.send("велодорожка")
    assert (await mod.expect_message()).text == ru("mod-dup-not-number", number=n3)
    await mod.send("#999")
    assert (await mod.expect_message()).text == ru("mod-dup-missing", original=999)
    await mod.send(str(n3))
    assert (await mod.expect_message()).text == ru("mod-dup-self", number=n3)
    await mod.send(f"#{n2}")  # rejected: its text must not be quoted to another resident
    assert (await mod.expect_message()).text == ru("mod-dup-closed", original=n2)
    await mod.send(f"#{n1}")
    settled = await mod.expect_edit(card)
    assert ru("card-status-duplicate", who=MODERATOR, original=n1) in settled.text and settled.buttons == []
    assert (await mod.expect_message()).text == ru("mod-dup-done", number=n3, original=n1)

    # A duplicate of a duplicate is refused with the original's number; then Move instead.
    card = await mod.expect_message()
    assert ru("card-title", number=n4, direction=URBAN_LABEL) in card.text
    await mod.press(card, button("ru", "mod-btn-duplicate"))
    await mod.expect_message()
    await mod.send(f"#{n3}")
    chain = await mod.expect_message()
    assert chain.text == ru("mod-dup-chain", original=n3, first=n1)
    await mod.send_command("/cancel")
    assert (await mod.expect_message()).text == ru("action-cancelled")
    await mod.press(card, button("ru", "mod-btn-move"))
    menu = await mod.expect_edit(card)
    assert not any(URBAN in b for row in menu.buttons for b in row)
    await mod.press(menu, SOCIAL)
    settled = await mod.expect_edit(card)
    assert ru("card-status-moved", direction=SOCIAL_LABEL, who=MODERATOR) in settled.text
    assert settled.buttons == []
    assert await status_of(bot, n4) == "new"

    # The English author's idea; then only the moved idea is left: Next has nowhere to go.
    card = await mod.expect_message()
    assert ru("card-title", number=n5, direction=URBAN_LABEL) in card.text
    await mod.press(card, button("ru", "mod-btn-approve"))
    await mod.expect_edit(card)
    card = await mod.expect_message()
    assert (
        ru("card-title", number=n4, direction=SOCIAL_LABEL) in card.text and ru("mod-queue-new", total=1) in card.text
    )
    res = await mod.press(card, button("ru", "mod-btn-skip"))
    assert res.show_alert and res.text == ru("mod-skip-only")

    # Later statuses of the approved idea, opened by its number.
    await mod.send_command("/moderate", f"#{n1}")
    opened = await mod.expect_message()
    assert ru("card-title", number=n1, direction=URBAN_LABEL) in opened.text
    assert ru("card-status-accepted", who=MODERATOR) in opened.text
    opened = await card_to_implemented(mod, opened, who=MODERATOR)
    res = await mod.press_data(mod.chat_id, opened.message_id, f"mod1:prog:{n1}:0")
    assert res.show_alert and res.text == ru("card-already")  # a step already passed changes nothing

    # What the authors saw, in order, in their languages.
    notes = [await author.expect_message() for _ in range(6)]
    assert notes[0].text == ru("notify-accepted", number=n1, direction=URBAN_LABEL)
    assert notes[1].text == ru("notify-rejected", number=n2, direction=URBAN_LABEL, reason=reason)
    assert notes[2].text == ru(
        "notify-duplicate", number=n3, direction=URBAN_LABEL, original=n1, excerpt=IDEA_1, public="yes"
    )
    assert notes[3].text == ru("notify-moved", number=n4, direction=SOCIAL_LABEL)
    assert notes[4].text == ru("notify-in_progress", number=n1, direction=URBAN_LABEL)
    assert notes[5].text == ru("notify-implemented", number=n1, direction=URBAN_LABEL)
    # Then the project's «Получилось?» (issue 15), once.
    survey = await author.expect_message()
    assert survey.text == ru("survey-result-ask", number=str(n1), text=IDEA_1)
    await author.expect_no_message()
    assert (await english.expect_message()).text == en("notify-accepted", number=n5, direction="🌳 Urban environment")

    # /my names the new statuses.
    await author.send_command("/my")
    my = await author.expect_message()
    assert ru("status-implemented") in my.text and ru("status-duplicate") in my.text
    assert ru("status-rejected") in my.text

    actions = [(a, t) for a, t, _ in await audit_actions(bot)]
    expected = [
        ("idea_accepted", f"#{n1}"),
        ("idea_rejected", f"#{n2}"),
        ("idea_duplicate", f"#{n3}"),
        ("idea_moved", f"#{n4}"),
        ("idea_accepted", f"#{n5}"),
        ("idea_in_progress", f"#{n1}"),
        ("idea_implemented", f"#{n1}"),
    ]
    assert [x for x in actions if x[0].startswith("idea_")] == expected
    rows = await bot.dp["repos"].db.fetchall("SELECT action FROM idea_events WHERE idea_id = ? ORDER BY id", (n1,))
    assert [r[0] for r in rows] == ["submitted", "accepted", "in_progress", "implemented"]
    # (the superadmin never opened the bot, so the fallback cards to them were refused; nothing else)
    assert [r.method for r in fake.refused if r.params.get("chat_id") != admin.user_id] == []


async def test_two_moderators_racing_decide_once(fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser) -> None:
    author = await onboarded(fake, 4101, "Автор")
    number = await send_idea(author, await write_idea(author, IDEA_2, direction=URBAN))
    first = await organizer(fake, bot, admin, 4102, "Первый")
    second = await organizer(fake, bot, admin, 4103, "Второй")
    # One moderator starts a rejection, the other approves while the reason is being typed.
    await first.send_command("/moderate")
    card1 = await first.expect_message()
    await second.send_command("/moderate")
    card2 = await second.expect_message()
    await second.press(card2, button("ru", "mod-btn-reject"))
    await second.expect_message()
    await first.press(card1, button("ru", "mod-btn-approve"))
    assert (await first.expect_message()).text == ru("mod-queue-empty")
    assert (await author.expect_message()).text == ru("notify-accepted", number=number, direction=URBAN_LABEL)
    await second.send("Дублирует план благоустройства")
    assert (await second.expect_message()).text == ru("reject-already", number=number)
    assert card2.edits == []
    assert await status_of(bot, number) == "accepted"
    await author.expect_no_message(within=0.5)

    # Approve against approve: exactly one decision, one notice, one audit entry.
    other = await send_idea(author, await write_idea(author, IDEA_4, direction=URBAN))
    await first.send_command("/moderate")
    card1 = await first.expect_message()
    await second.send_command("/moderate")
    card2 = await second.expect_message()
    assert f"№\u00a0{other}" in card1.text and f"№\u00a0{other}" in card2.text
    approve = button("ru", "mod-btn-approve")
    results = await asyncio.gather(first.press(card1, approve), second.press(card2, approve))
    assert sum(r.text == ru("card-already") for r in results) == 1
    assert (await author.expect_message()).text == ru("notify-accepted", number=other, direction=URBAN_LABEL)
    await author.expect_no_message(within=0.5)
    decided = [a for a, t, _ in await audit_actions(bot) if t == f"#{other}"]
    assert decided == ["idea_accepted"]


async def test_curator_card_later_statuses(fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser) -> None:
    group = await curator_chat(fake, admin, -1001000004200, "Urban", URBAN)
    author = await onboarded(fake, 4201, "Иван", "en", territory="Orsk")
    number = await send_idea(author, await write_idea(author, IDEA_EN, lang="en", direction="Urban"), "en")
    card = await group.expect_message()
    await admin.press(card, button("ru", "card-accept"))
    card = await group.expect_edit(card)
    assert ru("card-status-accepted", who=ADMIN_NAME) in card.text
    later = [[button("ru", "card-in-progress")], [button("ru", "card-implemented")], [button("ru", "choose-btn-open")]]
    assert card.buttons == later
    await card_to_implemented(admin, card, who=ADMIN_NAME)
    notes = [(await author.expect_message()).text for _ in range(3)]
    urban_en = "🌳 Urban environment"
    assert notes == [
        en("notify-accepted", number=number, direction=urban_en),
        en("notify-in_progress", number=number, direction=urban_en),
        en("notify-implemented", number=number, direction=urban_en),
    ]
    # The accepted decision on the card is in the audit log too.
    assert [a for a, t, _ in await audit_actions(bot) if t == f"#{number}"] == [
        "idea_accepted",
        "idea_in_progress",
        "idea_implemented",
    ]


async def test_hidden_ideas_review_restore_or_reject(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser
) -> None:
    admin.chat.known = True  # the superadmin has a chat with the bot: the cards come there
    author = await onboarded(fake, 4301, "Автор")
    reporter = await onboarded(fake, 4302, "Жалобщик")
    a = await send_idea(author, await write_idea(author, IDEA_1, direction=URBAN))
    b = await send_idea(author, await write_idea(author, IDEA_2, direction=URBAN))
    repos = bot.dp["repos"]
    for idea_id in (a, b):
        assert await repos.moderation.set_status(idea_id, "accepted", admin.user_id)
        for who in (author.user_id, reporter.user_id):
            await repos.db.execute(
                "INSERT INTO reports (idea_id, user_id, created_at) VALUES (?, ?, ?)", (idea_id, who, now_iso())
            )
        await repos.db.execute("UPDATE ideas SET hidden_at = ? WHERE id = ?", (now_iso(), idea_id))

    for number in (a, b):  # the cards sent to the superadmin (no curator chat is bound)
        assert f"№\u00a0{number}" in (await admin.expect_message()).text
    await admin.send_command("/moderate")
    empty = await admin.expect_message()
    assert empty.text == ru("mod-queue-empty") and empty.buttons == [[button("ru", "mod-btn-hidden", n=2)]]
    await admin.press(empty, button("ru", "mod-btn-hidden", n=2))
    card = await admin.expect_message()
    assert ru("card-title", number=a, direction=URBAN_LABEL) in card.text
    assert ru("mod-hidden-note", reports=2, supports=0) in card.text and ru("mod-queue-hidden", total=2) in card.text
    no_reason = ru("public-reason-none")
    reporters = [
        ru("mod-reporters-head", total=2),
        ru("mod-reporter", name="Автор", reason=no_reason),
        ru("mod-reporter", name="Жалобщик", reason=no_reason),
    ]
    assert "\n".join(reporters) + "\n" in card.text
    await admin.press(card, button("ru", "mod-btn-restore"))
    restored = await admin.expect_edit(card)
    assert ru("mod-status-restored", who=ADMIN_NAME) in restored.text
    idea = await repos.ideas.get(a)
    assert idea is not None and idea.hidden_at is None and idea.reports_count == 0 and idea.status == "accepted"

    card = await admin.expect_message()
    assert ru("card-title", number=b, direction=URBAN_LABEL) in card.text
    await admin.press(card, button("ru", "mod-btn-reject"))
    await admin.expect_message()
    reason = "Нарушает правила сообщества"
    await admin.send(reason)
    await admin.press(await admin.expect_message(), button("ru", "reject-btn-send"))  # the preview
    assert ru("card-status-rejected", who=ADMIN_NAME, reason=reason) in (await admin.expect_edit(card)).text
    assert (await admin.expect_message()).text == ru("mod-hidden-empty")
    assert await status_of(bot, b) == "rejected"
    back = await author.expect_message()  # told of the restore (as they were of the hiding)
    assert back.text == ru("notify-restored", number=a, direction=URBAN_LABEL)
    note = await author.expect_message()
    assert note.text == ru("notify-rejected", number=b, direction=URBAN_LABEL, reason=reason)
    await author.expect_no_message()
    actions = [(x, t) for x, t, _ in await audit_actions(bot)]
    assert ("idea_restored", f"#{a}") in actions and ("idea_rejected", f"#{b}") in actions


async def test_ban_one_notice_then_silence_even_after_restart_and_unban(
    fake: FakeTelegram,
    bot: InProcessBot,
    start_bot: Callable[..., Awaitable[InProcessBot]],
    admin: ScriptedUser,
) -> None:
    resident = await onboarded(fake, 4401, "Спамер", "en", territory="Orsk", username="spammer_4401")
    await resident.send_command("/idea")
    ask = await resident.expect_message()  # has a Cancel button, pressed after the ban
    mod = await organizer(fake, bot, admin, 4402, "Модератор")

    spammer = "Спамер (@spammer_4401)"  # the name as the bot shows a person: first name and @username
    await mod.send_command("/ban", "12345")
    assert (await mod.expect_message()).text == ru("mod-ban-unknown", name="id 12345")
    await mod.send_command("/ban", str(admin.user_id))
    assert (await mod.expect_message()).text == ru("mod-ban-protected", name=f"id {admin.user_id}")
    await mod.send_command("/ban", "@spammer_4401 Реклама казино")
    assert (await mod.expect_message()).text == ru("mod-banned", name=spammer)
    await mod.send_command("/ban", "@spammer_4401")
    assert (await mod.expect_message()).text == ru("mod-ban-already", name=spammer)

    await resident.send("hello?")
    notice = await resident.expect_message()
    assert notice.text == en("ban-notice") + "\n" + en("ban-notice-reason", reason="Реклама казино")
    await resident.send_command("/help")
    await resident.send_command("/start")
    res = await resident.press(ask, button("en", "btn-cancel"))
    assert not res.text and not res.show_alert
    await resident.expect_no_message(within=0.7)

    await bot.stop()
    bot = await start_bot()
    await resident.send("still there?")
    await resident.expect_no_message(within=0.7)

    # Unban by forwarding one of the person's messages after /unban.
    await mod.send_command("/unban")
    assert (await mod.expect_message()).text == ru("mod-unban-ask")
    await mod.forward(resident, "spam spam")
    assert (await mod.expect_message()).text == ru("mod-unbanned", name=spammer)
    assert (await resident.expect_message()).text == en("ban-lifted")
    await resident.send_command("/help")
    assert (await resident.expect_message()).text == en("help")
    actions = [(a, t, d) for a, t, d in await audit_actions(bot) if a in ("ban", "unban")]
    assert [(a, t) for a, t, _ in actions] == [("ban", str(resident.user_id)), ("unban", str(resident.user_id))]
    assert actions[0][2]["reason"] == "Реклама казино"


async def test_non_staff_moderation_presses_change_nothing(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser
) -> None:
    author = await onboarded(fake, 4501, "Автор")
    number = await send_idea(author, await write_idea(author, IDEA_2, direction=URBAN))
    mod = await organizer(fake, bot, admin, 4502, "Бывший")
    await mod.send_command("/moderate")
    card: BotMessage = await mod.expect_message()

    # A resident forging the Approve button on their own chat, and on the organizer's message.
    res = await author.press_data(author.chat_id, author.inbox[-1].message_id, f"mod1:ok:{number}:0")
    assert res.show_alert and res.text == ru("not-allowed")
    await author.send_command("/moderate")
    assert (await author.expect_message()).text == ru("roles-refused-organizer", command="/moderate")
    await author.send_command("/ban", str(mod.user_id))
    assert (await author.expect_message()).text == ru("roles-refused-organizer", command="/ban")

    # A removed organizer pressing a button still on their screen.
    await bot.dp["repos"].roles.revoke(mod.user_id, "organizer")
    res = await mod.press(card, button("ru", "mod-btn-approve"))
    assert res.show_alert and res.text == ru("not-allowed")
    assert card.edits == []
    assert await status_of(bot, number) == "new"
    assert [a for a, _, _ in await audit_actions(bot) if a.startswith("idea_")] == []
    await author.expect_no_message()


# --- without Telegram: the queue order and the duplicate rules in the repository -----------------


async def _repo_with_ideas(tmp_path: Path, directions: list[int]) -> tuple[Database, Repos, list[int]]:
    db = Database(tmp_path / "unit.sqlite3")
    await db.connect()
    repos = Repos(db)
    await repos.users.ensure(1)
    ids = []
    for n, direction in enumerate(directions):
        draft = IdeaDraft(text=f"Идея номер {n} про благоустройство двора", direction_id=direction)
        ids.append(await repos.ideas.submit(1, draft, None, limit=100))
    return db, repos, ids


async def test_queue_order_curated_first_and_skip_wraps(tmp_path: Path) -> None:
    db, repos, ids = await _repo_with_ideas(tmp_path, [3, 1, 3, 2])
    try:
        assert await repos.moderation.count_new([1, 2]) == (4, 2)
        seen = []
        idea = await repos.moderation.next_new([1, 2])
        for _ in range(5):
            assert idea is not None
            seen.append(idea.id)
            idea = await repos.moderation.next_new([1, 2], after=idea)
        assert seen == [ids[1], ids[3], ids[0], ids[2], ids[1]]  # curated (oldest first), then the rest, wrap
        plain = await repos.moderation.next_new()
        assert plain is not None and plain.id == ids[0]
        assert await repos.moderation.set_status(ids[1], "accepted", 7)
        assert not await repos.moderation.set_status(ids[1], "rejected", 7, "late")  # already decided
        assert not await repos.moderation.set_status(ids[0], "implemented", 7)  # not approved yet
        after = await repos.moderation.next_new([1, 2], after=await repos.ideas.get(ids[1]))
        assert after is not None and after.id == ids[3]
    finally:
        await db.close()


async def test_duplicate_rules(tmp_path: Path) -> None:
    db, repos, ids = await _repo_with_ideas(tmp_path, [3, 3, 3])
    try:
        a, b, c = ids
        assert await repos.moderation.mark_duplicate(a, a, 7) == (Duplicate.SELF, None)
        assert await repos.moderation.mark_duplicate(a, 999, 7) == (Duplicate.MISSING, None)
        assert await repos.moderation.mark_duplicate(b, a, 7) == (Duplicate.DONE, None)
        assert await repos.moderation.mark_duplicate(c, b, 7) == (Duplicate.CHAIN, a)
        assert await repos.moderation.mark_duplicate(b, c, 7) == (Duplicate.ALREADY, None)
        idea = await repos.ideas.get(b)
        assert idea is not None and idea.status == "duplicate" and idea.duplicate_of == a
        assert [e.action for e in await repos.audit.last()] == ["idea_duplicate"]
    finally:
        await db.close()


def test_idea_number_parsing() -> None:
    assert [parse_idea_number(x) for x in ("12", "#12", " # 7 ", "№5", "0", "12a", "", "-3")] == [
        12,
        12,
        7,
        5,
        None,
        None,
        None,
        None,
    ]


def test_reporters_list_stays_within_its_budget() -> None:
    """The longest names Telegram allows (64 + 64 characters, a 32-character username, markup in them): the list
    of who reported stays inside the room the card keeps for it, and says how many more there are."""
    t = Translator().for_lang("ru")
    long = [Reporter("<b>" + "Я" * 61, "&" * 64, "u" * 32, "abuse", index < 3) for index in range(REPORTERS_SHOWN)]
    text = reporters_text(t, long, total=57)
    lines = text.splitlines()
    assert units(text) <= REPORTERS_BUDGET
    shown = lines[1:-2]
    assert len(shown) >= 5 and lines[0] == t("mod-reporters-head", total=57)
    assert lines[-2] == t("mod-reporters-more", count=57 - len(shown))
    assert lines[-1] == t("mod-reporters-uncounted")
    before, after = around(t("mod-reporter", name=MARK, reason=t("public-reason-abuse")))
    uncounted = around(t("mod-reporter-uncounted", name="", reason=MARK))[1]
    for index, line in enumerate(shown):  # the name shortened, the username whole
        assert line.startswith(before + "&lt;b&gt;ЯЯЯ") and f"… (@{'u' * 32}){after}" in line
        assert line.endswith(uncounted) == (index >= 3)
    # whole-screen check: the wording itself is under test
    assert reporters_text(t, [Reporter(None, None, None, None, True)], total=1) == (
        "🚩 Кто пожаловался (1):\n• житель без имени — Без причины"
    )
    assert reporters_text(t, [Reporter(None, None, "only_nick", "dup", True)], total=1).endswith(
        t("mod-reporter", name="@only_nick", reason=t("public-reason-dup"))
    )


async def test_curator_sees_own_directions_first_with_photos(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser
) -> None:
    author = await onboarded(fake, 4601, "Автор")
    urban = await send_idea(author, await write_idea(author, IDEA_2, direction=URBAN))
    social = await send_idea(author, await write_idea(author, IDEA_4, photos=1, direction=SOCIAL))
    curator = await organizer(fake, bot, admin, 4602, "Куратор")
    await bot.dp["repos"].roles.make_curator(curator.user_id, 2, admin.user_id)  # 2: social projects

    await curator.send_command("/moderate")
    card = await curator.expect_message()
    assert ru("card-title", number=social, direction=SOCIAL_LABEL) in card.text
    # the second key starts with a space, which ru() trims as Telegram trims a whole message
    assert f"{ru('mod-queue-new', total=2)} {ru('mod-queue-mine', mine=1)}" in card.text
    await curator.press(card, button("ru", "mod-btn-photos", n=1))
    photo = await curator.expect_message()
    assert photo.photo is not None and photo.caption == f"№\u00a0{social}"
    await curator.press(card, button("ru", "mod-btn-skip"))
    card = await curator.expect_edit(card)
    photos = around(button("ru", "mod-btn-photos", n=MARK))[0]
    assert ru("card-title", number=urban, direction=URBAN_LABEL) in card.text
    assert not any(photos in b for row in card.buttons for b in row)
    await curator.press(card, button("ru", "mod-btn-skip"))
    card = await curator.expect_edit(card)
    assert ru("card-title", number=social, direction=SOCIAL_LABEL) in card.text
    await curator.send_command("/moderate", "слово")
    assert (await curator.expect_message()).text == ru("mod-usage")
    await curator.send_command("/moderate", "#999")
    assert (await curator.expect_message()).text == ru("mod-idea-missing", number=999)
