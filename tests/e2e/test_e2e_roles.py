"""Roles end to end: /organizers (adding by forward, reply, @username and id; curators; removal), the
chat-scoped command menus, /audit, and refusals of every organizer command and of forged buttons."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import BotCommandScopeChat

from bot.handlers.staff.callbacks import OrgCb
from bot.services.roles import parse_reference, render_audit
from bot.storage.db import Database
from bot.storage.repositories import Repos
from bot.telegram.commands import ORGANIZER_COMMANDS, PRIVATE_COMMANDS, SUPERADMIN_COMMANDS, staff_commands_text
from bot.telegram.i18n import Html, Translator
from fake_telegram import BotMessage, FakeTelegram, ScriptedUser
from tests.support.in_process import InProcessBot
from tests.support.locale_text import MARK, before_mark, button, en, ru
from tests.support.scenarios import appoint_organizer, bind_curator_chat, onboard, onboarded
from tests.support.settings import TOKEN


def welcome(lang: str) -> str:
    """The new organizer's welcome: it lists every command of their menu."""
    commands = Html(staff_commands_text(Translator().for_lang(lang), superadmin=False))
    return (
        ru("roles-you-organizer", commands=commands) if lang == "ru" else en("roles-you-organizer", commands=commands)
    )


URBAN_LABEL = "🌳 Развитие городской среды"  # a direction as the bot names it (emoji and name from the database)


async def menu_of(fake: FakeTelegram, chat_id: int) -> dict[str, str]:
    """getMyCommands for one private chat's scope, asked of the fake server as any client would."""
    bot = Bot(TOKEN, session=AiohttpSession(api=TelegramAPIServer.from_base(fake.base_url)))
    try:
        commands = await bot.get_my_commands(scope=BotCommandScopeChat(chat_id=chat_id))
    finally:
        await bot.session.close()
    return {c.command: c.description for c in commands}


async def open_list(admin: ScriptedUser) -> BotMessage:
    await admin.send_command("/organizers")
    listing = await admin.expect_message()
    assert before_mark(ru("roles-list-title", count=MARK)) in listing.text
    return listing


async def test_superadmin_adds_by_forward_username_and_id(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser
) -> None:
    ivan = await onboarded(fake, 4001, "Иван", last_name="Петров", username="ivan_p")
    kate = await onboarded(fake, 4002, "Kate", "en", territory="Orsk", username="Kate_Org")
    petr = fake.user(4003, first_name="Пётр", language_code="ru")
    await petr.send_command("/start")  # started the bot and declined consent: only the id is stored
    await petr.expect_message()
    await petr.press(await petr.expect_message(), button("ru", "consent-decline"))
    await petr.expect_edit(petr.inbox[-1])
    assert (await petr.expect_message()).text == ru("consent-declined")

    listing = await open_list(admin)
    assert ru("roles-list-empty") in listing.text
    assert listing.buttons == [[button("ru", "roles-btn-add")]]

    # 1. Forward: the "Add" button asks, a forwarded message answers.
    await admin.press(listing, button("ru", "roles-btn-add"))
    ask = await admin.expect_message()
    assert ask.text == ru("roles-ask-person")
    await admin.send("кто-нибудь")
    assert (await admin.expect_message()).text == ru("roles-ask-again")
    await admin.forward(ivan, "Я готов помогать с модерацией")
    done = await admin.expect_message()
    ivan_label = "Иван Петров (@ivan_p)"  # a person as the bot names them: full name and @username
    assert ru("roles-added", name=ivan_label) in done.text
    assert ru("roles-list-item", number=1, name=ivan_label, id="4001") in done.text
    assert done.buttons == [[f"⚙️ 1. {ivan_label}"], [button("ru", "roles-btn-add")]]
    told = await ivan.expect_message()
    assert told.text == welcome("ru")
    menu = await menu_of(fake, ivan.id)
    assert list(menu) == PRIVATE_COMMANDS + ORGANIZER_COMMANDS
    assert menu["audit"] == button("ru", "cmd-audit") and menu["moderate"] == button("ru", "cmd-moderate")

    # 2. @username, case-insensitive; the new organizer is told (and gets the menu) in English.
    await admin.send_command("/organizers", "add @KATE_ORG")
    done = await admin.expect_message()
    assert ru("roles-added", name="Kate (@Kate_Org)") in done.text
    assert (await kate.expect_message()).text == welcome("en")
    menu = await menu_of(fake, kate.id)
    assert menu["audit"] == button("en", "cmd-audit") and "organizers" not in menu

    # 3. A numeric id of someone who has started the bot (no name known: no consent).
    await admin.send_command("/organizers", "add 4003")
    done = await admin.expect_message()
    assert ru("roles-added", name="id 4003") in done.text
    assert (await petr.expect_message()).text == welcome("ru")

    # ...and of someone who has not: the bot cannot reach them, so it says what to do.
    await admin.send_command("/organizers", "add 4999")
    assert (await admin.expect_message()).text == ru("roles-not-started", name="id 4999", bot="@ideas_bot")
    await admin.send_command("/organizers", "add @nobody_here")
    assert (await admin.expect_message()).text == ru("roles-username-unknown", username="@nobody_here")
    await admin.send_command("/organizers", "add @ivan_p")
    assert ru("roles-already", name=ivan_label) in (await admin.expect_message()).text
    await admin.send_command("/organizers", "add 9001")
    assert ru("roles-is-superadmin", name=f"id {admin.id}") in (await admin.expect_message()).text

    repos = bot.dp["repos"]
    assert await repos.roles.organizer_ids() == {4001, 4002, 4003}

    # The organizer can read the audit log, with every role change in it.
    await ivan.send_command("/audit")
    audit = await ivan.expect_message()
    assert before_mark(ru("audit-title", count=MARK)) in audit.text
    assert audit.text.count(ru("audit-action-role_grant")) == 3
    # names looked up now, not stored
    assert (
        ru("audit-target", target="4003") in audit.text and ru("audit-target", target="Kate (@Kate_Org)") in audit.text
    )
    # The one refusal: the notice to 4999, the check whether someone the bot keeps no record of can be written to.
    assert [(r.method, r.params["chat_id"]) for r in fake.refused] == [("sendMessage", 4999)]


async def test_hidden_sender_and_not_a_person(fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser) -> None:
    shy = await onboarded(fake, 4011, "Скрытная")
    shy.hides_forwards = True
    await admin.send_command("/organizers", "add")
    assert (await admin.expect_message()).text == ru("roles-ask-person")
    await admin.forward(shy, "привет")
    hidden = await admin.expect_message()
    assert hidden.text == ru("roles-hidden-sender", name="Скрытная")
    # Still waiting: the id works.
    await admin.send("4011")
    assert ru("roles-added", name="Скрытная") in (await admin.expect_message()).text
    assert (await shy.expect_message()).text == welcome("ru")


async def test_reply_adds_in_a_group_and_to_a_forward_in_private(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser
) -> None:
    group = fake.group(-1001000000400, title="Актив")
    fake.add_member(group, admin, status="administrator")
    olga = await onboarded(fake, 4021, "Ольга", username="olga_v")
    said = await olga.send_in(group, "Могу взять на себя модерацию")
    await admin.send_in(group, "/organizers add", reply_to=said)
    reply = await group.expect_message()
    assert reply.text == ru("roles-added", name="Ольга (@olga_v)")
    assert (await olga.expect_message()).text == welcome("ru")

    # In private: reply "/organizers add" to a message forwarded earlier.
    max_ = await onboarded(fake, 4022, "Максим")
    forwarded = await admin.forward(max_, "Привет")
    await admin.expect_message()  # outside the /organizers dialogue a forward gets the general hint
    await admin.send_command("/organizers add")  # no reply: it asks instead
    assert (await admin.expect_message()).text == ru("roles-ask-person")
    await admin.send_command("/cancel")
    assert (await admin.expect_message()).text == ru("action-cancelled")
    await admin.send("/organizers add", reply_to=forwarded)
    assert ru("roles-added", name="Максим") in (await admin.expect_message()).text


async def test_curators_removal_menus_and_audit(fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser) -> None:
    anna = await onboarded(fake, 4031, "Анна")
    await admin.send_command("/organizers", "add 4031")
    listing = await admin.expect_message()
    anna.drain()

    await admin.press(listing, "⚙️ 1. Анна")
    card = await admin.expect_edit(listing)
    assert ru("roles-card-no-curates") in card.text
    result = await admin.press(card, f"▫️ {URBAN_LABEL}")
    assert result.text == ru("roles-saved-toast")
    card = await admin.expect_edit(listing)
    assert ru("roles-curator-added", name="Анна", direction=URBAN_LABEL) in card.text
    assert [f"✅ {URBAN_LABEL}"] in card.buttons
    assert (await anna.expect_message()).text == ru("roles-you-curator", direction=URBAN_LABEL)

    await admin.press(card, button("ru", "roles-btn-back"))
    back = await admin.expect_edit(listing)
    assert ru("roles-list-curates", directions=URBAN_LABEL) in back.text

    await admin.press(back, "⚙️ 1. Анна")
    card = await admin.expect_edit(listing)
    await admin.press(card, button("ru", "roles-btn-remove"))
    ask = await admin.expect_edit(listing)
    assert ask.text == ru("roles-remove-ask", name="Анна")
    result = await admin.press(ask, button("ru", "roles-btn-remove-yes"))
    assert result.text == ru("roles-removed-toast")
    done = await admin.expect_edit(listing)
    assert ru("roles-removed", name="Анна") in done.text and ru("roles-list-empty") in done.text
    assert (await anna.expect_message()).text == ru("roles-you-not-organizer")

    repos = bot.dp["repos"]
    assert not await repos.roles.is_organizer(anna.id)
    assert await repos.roles.curator_directions(anna.id) == []
    assert await menu_of(fake, anna.id) == {}  # deleted: she sees the residents' menu again
    # A stale card button after the removal changes nothing.
    stale = OrgCb(action="cur+", user_id=anna.id, direction_id=1).pack()
    result = await admin.press_data(admin.chat_id, listing.message_id, stale)
    assert result.show_alert and result.text == ru("roles-gone")
    assert await repos.roles.curator_directions(anna.id) == []

    await admin.send_command("/audit")
    audit = await admin.expect_message()
    lines = audit.text.splitlines()
    wanted = [ru("audit-action-role_revoke"), ru("audit-action-curator_grant"), ru("audit-action-role_grant")]
    actions = [a for line in lines for a in wanted if a in line]
    assert actions == wanted  # newest first
    assert f"{ru('audit-field-direction')}: {URBAN_LABEL}" in audit.text
    assert f"{ru('audit-field-curated')}: {URBAN_LABEL}" in audit.text
    assert "urban" not in audit.text  # no raw keys


@pytest.mark.parametrize("command", ORGANIZER_COMMANDS + SUPERADMIN_COMMANDS)
async def test_resident_and_removed_organizer_are_refused(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser, command: str
) -> None:
    resident = await onboarded(fake, 4041, "Житель", "en", territory="Orsk")
    former = await appoint_organizer(fake, admin, 4042, "Бывший")
    await admin.send_command("/organizers", "remove 4042")
    assert ru("roles-removed", name="Бывший") in (await admin.expect_message()).text
    former.drain()

    await resident.send_command("/" + command)
    refusal = await resident.expect_message()
    assert refusal.text == en("roles-refused-organizer", command="/" + command)
    await former.send_command("/" + command)
    refusal = await former.expect_message()
    assert refusal.text == ru("roles-refused-organizer", command="/" + command)
    await resident.expect_no_message(0.2)
    await former.expect_no_message(0.2)


async def test_organizer_is_refused_superadmin_commands(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser
) -> None:
    org = await appoint_organizer(fake, admin, 4051, "Орг")
    org.drain()
    for command in SUPERADMIN_COMMANDS:
        await org.send_command("/" + command)
        assert (await org.expect_message()).text == ru("roles-refused-superadmin", command="/" + command)


async def test_forged_organizers_buttons_change_nothing(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser
) -> None:
    org = await onboarded(fake, 4061, "Орг")
    resident = await onboarded(fake, 4062, "Хитрый")
    await admin.send_command("/organizers", "add 4061")
    listing = await admin.expect_message()
    org.drain()
    repos = bot.dp["repos"]
    audit_before = len(await repos.audit.last(100))

    forged = [
        OrgCb(action="rm_yes", user_id=org.id),
        OrgCb(action="cur+", user_id=org.id, direction_id=1),
        OrgCb(action="add"),
        OrgCb(action="open", user_id=org.id),
    ]
    own_message = resident.inbox[-1].message_id
    for data in forged:
        # Copied buttons pressed in their own chat, and on the superadmin's very message.
        for presser in (resident, org):
            result = await presser.press_data(presser.chat_id, presser.inbox[-1].message_id, data.pack())
            assert result.show_alert and result.text == ru("roles-refused-press")
        result = await resident.press_data(admin.chat_id, listing.message_id, data.pack())
        assert result.show_alert and result.text == ru("roles-refused-press")
    assert own_message == resident.inbox[-1].message_id
    assert await repos.roles.is_organizer(org.id)
    assert await repos.roles.curator_directions(org.id) == []
    assert len(await repos.audit.last(100)) == audit_before
    assert listing.edits == []
    await resident.expect_no_message(0.2)
    await org.expect_no_message(0.1)
    await admin.expect_no_message(0.1)


async def test_names_with_markup_arrive_intact(fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser) -> None:
    await onboarded(fake, 4071, "<b>Злой</b> & Co", username="evil_co")
    await admin.send_command("/organizers", "add @evil_co")
    listing = await admin.expect_message()
    odd_label = "<b>Злой</b> & Co (@evil_co)"
    assert ru("roles-added", name=odd_label) in listing.text
    assert ru("roles-list-item", number=1, name=odd_label, id="4071") in listing.text
    await admin.send_command("/audit")
    audit = await admin.expect_message()
    assert ru("audit-target", target=odd_label) in audit.text
    assert fake.refused == []


# --- without Telegram ---------------------------------------------------------------------


def test_parse_reference() -> None:
    assert parse_reference(" 123456789 ") == 123456789
    assert parse_reference("@Ivan_P") == "Ivan_P"
    assert parse_reference("ivan_p") == "ivan_p"
    assert parse_reference("https://t.me/ivan_p") == "ivan_p"
    assert parse_reference("0") is None
    assert parse_reference("-100123") is None
    assert parse_reference("@1van") is None
    assert parse_reference("Иван Петров") is None


async def test_roles_repo_curators_only_for_organizers(tmp_path: Path) -> None:
    db = Database(tmp_path / "roles.sqlite3")
    await db.connect()
    try:
        repos = Repos(db)
        roles = repos.roles
        assert not await roles.make_curator(5, 1, granted_by=1)  # not an organizer
        assert await roles.add_organizer(5, granted_by=1)
        assert not await roles.add_organizer(5, granted_by=1)
        assert await roles.make_curator(5, 1, granted_by=1) and await roles.make_curator(5, 3, granted_by=1)
        assert not await roles.make_curator(5, 1, granted_by=1)
        assert await roles.curator_directions(5) == [1, 3]
        assert await roles.curators_of(3) == [5]
        [org] = await roles.list_organizers()
        assert org.id == 5 and org.curates == (1, 3)
        assert await roles.drop_curator(5, 1) and not await roles.drop_curator(5, 1)
        assert await roles.remove_organizer(5) == (True, [3])
        assert await roles.curator_directions(5) == [] and not await roles.is_organizer(5)
        assert await roles.remove_organizer(5) == (False, [])
    finally:
        await db.close()


async def test_render_audit_escapes_and_fits(tmp_path: Path) -> None:
    db = Database(tmp_path / "audit.sqlite3")
    await db.connect()
    try:
        repos = Repos(db)
        for n in range(20):
            await repos.audit.record(7, "made_up_action", "<t>" * 30, {"note": "<b>&" * 100, "n": n})
        await repos.audit.record(7, "role_grant", 8, {"name": "A & B"})
        text = await render_audit(await repos.audit.last(20), repos, Translator(), "en", ZoneInfo("Asia/Yekaterinburg"))
        assert "<b>&" not in text.replace("<b>Action log</b>", "").replace("<b>organizer added</b>", "")
        # The log keeps ids only (it outlives /delete_me); person 8 is unknown here, so the id is shown.
        assert "organizer added" in text and "A &amp; B" not in text and "→ 8" in text and "id 7" in text
        assert "made_up_action" in text and len(text) <= 4096
    finally:
        await db.close()


async def test_menus_are_set_again_at_start_up(
    fake: FakeTelegram,
    start_bot,  # type: ignore[no-untyped-def]
    admin: ScriptedUser,
) -> None:
    first = await start_bot()
    org = await onboarded(fake, 4081, "Kate", "en", territory="Orsk")
    await onboard(admin)  # the superadmin has talked to the bot, so Telegram knows the chat
    await admin.send_command("/organizers", "add 4081")
    await admin.expect_message()
    await first.stop()
    fake.commands.clear()  # whatever the menus were, start-up sets them from the database

    await start_bot()
    org_menu = await menu_of(fake, org.id)
    assert list(org_menu) == PRIVATE_COMMANDS + ORGANIZER_COMMANDS and org_menu["audit"] == button("en", "cmd-audit")
    admin_menu = await menu_of(fake, admin.id)
    assert list(admin_menu) == PRIVATE_COMMANDS + ORGANIZER_COMMANDS + SUPERADMIN_COMMANDS
    assert admin_menu["organizers"] == button("ru", "cmd-organizers")
    assert [r for r in fake.refused if r.method.endswith("MyCommands")] == []


async def test_topic_creation_is_not_a_reply_to_a_person(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser
) -> None:
    forum = fake.group(-1001000000401, title="Форум", is_forum=True)
    fake.add_member(forum, admin, status="administrator")
    creator = await onboarded(fake, 4091, "Создатель")
    topic = forum.create_topic("Общее", creator)
    # Telegram delivers a message inside a topic as a reply to the topic's creation message.
    await admin.send_in(forum, "/organizers add", thread_id=topic, reply_to=forum.chat.messages[topic])
    reply = await forum.expect_message(thread_id=topic)
    assert reply.text == ru("roles-group-usage")
    assert not await bot.dp["repos"].roles.is_organizer(creator.id)


async def test_a_removed_organizer_still_in_curators_chats_can_be_removed_from_them(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser
) -> None:

    kate = await onboarded(fake, 4061, "Катя")
    urban = fake.group(-100_4061, "Кураторы: среда")  # the bot is an administrator here
    social = fake.group(-100_4062, "Кураторы: соцпроекты", bot_status="member")  # here it is not
    for group in (urban, social):
        fake.add_member(group, admin, "administrator")
        fake.add_member(group, kate)
    await bind_curator_chat(admin, urban, "🌳 Развитие городской среды")
    await bind_curator_chat(admin, social, "🤝 Социальные проекты")
    await admin.send_command("/organizers", "add 4061")
    await admin.expect_message()
    kate.drain()

    await admin.send_command("/organizers", "remove 4061")
    listing = await admin.expect_message()
    assert ru("roles-removed", name="Катя") in listing.text
    left = await admin.expect_message()
    # whole-screen check: the wording itself is under test
    assert left.text == (
        "⚠️ Катя по-прежнему в чатах кураторов: «Кураторы: соцпроекты», «Кураторы: среда». Там видны карточки "
        "идей с именами жителей и их районами.\n"
        "В чате «Кураторы: соцпроекты» я не могу удалять участников: сделайте меня администратором с правом "
        "блокировать участников или удалите человека вручную."
    )
    assert left.buttons == [[button("ru", "roles-btn-kick", count=1)]]

    await admin.press(left, button("ru", "roles-btn-kick", count=1))
    done = await admin.expect_edit(left)
    # whole-screen check: the wording itself is under test
    assert done.text == (
        "🚪 Человек удалён из чата кураторов «Кураторы: среда». Вернуться можно только по новому приглашению.\n"
        "Не получилось удалить из чата «Кураторы: соцпроекты» — удалите вручную."
    )
    assert urban.chat.members[kate.id] == "left" and social.chat.members[kate.id] == "member"

    await admin.send_command("/audit")
    assert ru("audit-action-chat_removal") in (await admin.expect_message()).text

    # Made an organizer again before the button is pressed a second time: nobody is removed.
    fake.add_member(urban, kate)
    await admin.send_command("/organizers", "add 4061")
    await admin.expect_message()
    result = await admin.press_data(admin.chat_id, left.message_id, OrgCb(action="kick", user_id=kate.id).pack())
    assert result.show_alert and result.text == ru("roles-kick-staff-again")
    assert urban.chat.members[kate.id] == "member"


async def test_a_removed_organizer_in_no_curators_chat_gets_no_follow_up(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser
) -> None:
    await appoint_organizer(fake, admin, 4071, "Лена")
    await admin.send_command("/organizers", "remove 4071")
    assert ru("roles-removed", name="Лена") in (await admin.expect_message()).text
    await admin.expect_no_message(within=0.5)
