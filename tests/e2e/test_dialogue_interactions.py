"""Review of issue 14 (points 1, 2, 3, 8, 9, 10, 13) where the parallel work meets: the main menu's buttons pressed in
the middle of a staff dialogue are their commands, never the step's answer; text typed at a rejection's preview
(«Нет» meant as backing out, or anything else) is answered with what to do and the preview's buttons; staff work is
not stopped by the residents' consent renewal (asked at their next residents' action); a newcomer by the link of a
session whose registration is closed sees the card, not a consent promising a registration."""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path

from bot.consent import CONSENT_EDITION
from bot.services.ideas import TEXT_MAX, TEXT_MIN
from fake_telegram import FakeTelegram, ScriptedUser
from tests.support.clock import utc_now
from tests.support.in_process import InProcessBot
from tests.support.locale_text import button, ru
from tests.support.scenarios import (
    accept_consent,
    bind_curator_chat,
    curator_chat,
    onboard,
    onboarded,
    send_idea,
    write_idea,
)
from tests.support.seeding import Resident, add_session, make_reachable, migrate, seed_residents
from tests.support.settings import ADMIN_ID

IDEA = "Поставить скамейки и фонари в сквере у школы, вечером там темно и негде присесть."
REASON = "Такая идея уже есть в плане благоустройства на 2027 год"
PREVIEW_BUTTONS = [
    [button("ru", "reject-btn-send")],
    [button("ru", "reject-btn-edit"), button("ru", "reject-btn-back")],
]


async def test_menu_buttons_in_staff_dialogues_are_commands_not_answers(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser
) -> None:
    await onboard(admin)  # a superadmin who also uses the residents' features: the main menu is on their keyboard
    group = await curator_chat(fake, admin, -1001000000151, "Кураторы городской среды")
    author = await onboarded(fake, 5101, "Анна")
    number = await send_idea(author, await write_idea(author, IDEA, direction="городской среды"))
    card = await group.expect_message()
    await admin.press(card, button("ru", "card-accept"))
    await admin.expect_edit(card)
    await author.expect_message()  # accepted

    # The curators' public answer is asked; the menu's «Настройки» and «Идеи жителей» open what they name and are
    # not published as the answer.
    await admin.send_command("/start", payload=f"idea_{number}")
    page = await admin.expect_message()
    await admin.press(page, button("ru", "idea-page-btn-answer"))
    ask = await admin.expect_message()
    assert ask.text == ru("idea-answer-ask", number=str(number), max=1000)
    await admin.send(ru("menu-settings"))
    settings = await admin.expect_message()
    assert any(button("ru", "profile-btn-notices") in row for row in settings.buttons)
    await admin.send(ru("menu-ideas"))
    assert (await admin.expect_message()).text.startswith(ru("menu-ideas"))  # the list's head
    await admin.send_sticker()  # no answer either: the question above still waits (not «not understood»)
    assert (await admin.expect_message()).text == ru("dialogue-awaited")
    answer = "Работы начнутся весной, подрядчик выбран."
    await admin.send(answer, reply_to=ask)  # the step still waits for the answer
    assert (await admin.expect_message()).text == ru("idea-answer-done", number=str(number))
    told = await author.expect_message()
    assert told.text.startswith(ru("notify-answer", number=number, direction="🌳 Развитие городской среды")[:20])
    await author.expect_no_message()  # once: the menu's texts were never an answer

    # A broadcast being written: «Предложить идею» would start something else, so it is held like /idea.
    await admin.send_command("/broadcast")
    assert (await admin.expect_message()).text == ru("bc-ask-message")
    await admin.send(ru("menu-idea"))
    busy = await admin.expect_message()
    assert busy.text == ru("dialogue-busy", command="/idea", what=ru("dialogue-what-broadcast"))


URBAN_LABEL = "🌳 Развитие городской среды"


async def test_text_typed_at_a_rejection_preview_backs_out_or_points_at_its_buttons(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser
) -> None:
    fake.privacy_mode = True  # the curators' group sees only commands and replies
    group = fake.group(-1001000001510, title="Кураторы среды", bot_status="member")
    fake.add_member(group, admin, status="administrator")
    await bind_curator_chat(admin, group, "Развитие городской среды")
    mod = await onboarded(fake, 5111, "Марк")
    await bot.dp["repos"].roles.grant(mod.user_id, "organizer", granted_by=ADMIN_ID)
    author = await onboarded(fake, 5110, "Анна")
    first = await send_idea(author, await write_idea(author, IDEA, direction="городской среды"))
    card = await group.expect_message()

    # /moderate: a reason, its preview; then «Нет» typed (meant as backing out): nothing is sent, the idea waits.
    await mod.send_command("/moderate")
    view = await mod.expect_message()
    await mod.press(view, button("ru", "mod-btn-reject"))
    await mod.expect_message()  # the reason asked
    await mod.send(REASON)
    shown = await mod.expect_message()
    assert shown.buttons == PREVIEW_BUTTONS
    await mod.send("Другая причина, подумав получше")  # not a command, not a new reason: told to choose, with buttons
    need = await mod.expect_message()
    assert need.text == ru("reject-preview-need", number=first) and need.buttons == PREVIEW_BUTTONS
    await mod.send("Нет")
    assert (await mod.expect_message()).text == ru("reject-back-done", number=first)
    assert (await mod.press(shown, button("ru", "reject-btn-send"))).text == ru("reject-stale")
    await author.expect_no_message()

    # The group: a reply to the preview is read the same way; Send under the hint sends the previewed reason.
    await admin.press(card, button("ru", "card-reject"))
    ask = await group.expect_message()
    await admin.send_in(group, REASON, reply_to=ask)
    shown = await group.expect_message()
    await admin.send_in(group, "А если так?", reply_to=shown)
    need = await group.expect_message()
    assert need.text == ru("reject-preview-need", number=first) and need.buttons == PREVIEW_BUTTONS
    await admin.press(need, button("ru", "reject-btn-send"))
    assert (await group.expect_edit(need)).text.startswith(ru("reject-sent", number=first, notice="")[:20])
    note = await author.expect_message()
    assert note.text == ru("notify-rejected", number=first, direction=URBAN_LABEL, reason=REASON)


async def test_staff_work_goes_on_before_the_consent_renewal(
    fake: FakeTelegram, db_path: Path, start_bot: Callable[..., Awaitable[InProcessBot]], admin: ScriptedUser
) -> None:
    await seed_residents(db_path, [Resident(5120), Resident(5121)])
    with sqlite3.connect(db_path) as conn:  # the organizer accepted the older consent as a resident
        conn.execute("UPDATE users SET consent_version = '2026-11-28' WHERE id = 5120")
    bot = await start_bot()
    await bot.dp["repos"].roles.grant(5120, "organizer", granted_by=ADMIN_ID)
    people = make_reachable(fake, [5120, 5121])
    org, author = people[5120], people[5121]
    # The direction has its curators' chat: no "ideas wait for curators" notice comes between the steps below.
    await curator_chat(fake, admin, -1001000000512, "Кураторы среды", joined=True)
    number = await send_idea(author, await write_idea(author, IDEA, direction="городской среды"))

    # /moderate, the reject button, the typed reason and Send: staff work, no consent question in between.
    await org.send_command("/moderate")
    view = await org.expect_message()
    assert view.text.startswith(ru("mod-queue-new", total=1)[:20])
    await org.press(view, button("ru", "mod-btn-reject"))
    assert (await org.expect_message()).text.startswith(ru("reject-mod-ask", number=number, min=10, max=500)[:30])
    await org.send(REASON)
    shown = await org.expect_message()
    assert shown.buttons == PREVIEW_BUTTONS
    await org.press(shown, button("ru", "reject-btn-send"))
    await org.expect_edit(shown)
    assert (await org.expect_message()).text == ru("mod-queue-empty")
    note = await author.expect_message()
    assert note.text == ru("notify-rejected", number=number, direction=URBAN_LABEL, reason=REASON)

    # A resident's action: now the new version is asked, once.
    await org.send_command("/sessions")
    ask = await org.expect_message()
    assert ask.text == ru("consent-renew-ask", version=CONSENT_EDITION)


async def test_a_newcomer_by_the_link_of_a_closed_session_gets_no_consent_for_it(
    fake: FakeTelegram, db_path: Path, start_bot: Callable[..., Awaitable[InProcessBot]], pinned_clock: float
) -> None:
    await migrate(db_path)
    closed = add_session(db_path, title="Лекторий", deadline_at=utc_now() - timedelta(hours=1))
    open_one = add_session(db_path, title="Хакатон")
    await start_bot()
    newcomer = fake.user(5130, first_name="Нина", language_code="ru")
    await newcomer.send_command("/start", f"session_{closed}")
    card = await newcomer.expect_message()
    assert card.text.startswith("Лекторий") and card.text.endswith(ru("session-closed")) and card.buttons == []
    await newcomer.expect_no_message()
    await newcomer.send_command("/start", f"session_{open_one}")  # an open one: the consent framed for it
    assert (await newcomer.expect_message()).text.startswith("Хакатон")
    assert (await newcomer.expect_message()).text == ru("consent-session-intro")


async def test_menu_buttons_at_the_territory_question_after_delete_me(fake: FakeTelegram, bot: InProcessBot) -> None:
    """The issue's own case: a person whose keyboard still shows the main menu (data deleted, set-up again) taps
    «Предложить идею» at the territory question: not a town; the set-up comes first, then the idea."""
    person = await onboarded(fake, 5140, "Олег")
    await person.send_command("/delete_me")
    confirm = await person.expect_message()
    await person.press(confirm, button("ru", "delete-yes"))
    assert (await person.expect_message()).text == ru("delete-done")
    _, ask = await accept_consent(person)
    await person.send(ru("menu-idea"))
    assert (await person.expect_message()).text == ru("setup-first")
    again = await person.expect_message()
    assert again.text == ru("territory-ask") and again.buttons == ask.buttons
    await person.send(ru("menu-help"))  # needs no set-up: runs
    assert (await person.expect_message()).text == ru("help")
    await person.send("Оренбург")
    subs = await person.expect_message()
    await person.press(subs, button("ru", "subs-done"))
    assert (await person.expect_message()).text == ru("onboarding-done")
    assert (await person.expect_message()).text == ru("idea-ask-text", min=TEXT_MIN, max=TEXT_MAX)  # remembered
