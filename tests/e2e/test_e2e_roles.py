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

from bot.callbacks import OrgCb
from bot.commands import ORGANIZER_COMMANDS, PRIVATE_COMMANDS, SUPERADMIN_COMMANDS
from bot.i18n import Translator
from bot.services.roles import parse_reference, render_audit
from bot.storage.db import Database
from bot.storage.repositories import Repos
from tests.fake_telegram import BotMessage, FakeTelegram, ScriptedUser
from tests.support.in_process import InProcessBot
from tests.support.scenarios import onboard
from tests.support.settings import TOKEN

REFUSED_RU = "доступна только организаторам"
REFUSED_EN = "is for organizers only"


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
    assert "Организаторы" in listing.text
    return listing


async def test_superadmin_adds_by_forward_username_and_id(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser
) -> None:
    ivan = fake.user(4001, first_name="Иван", last_name="Петров", username="ivan_p", language_code="ru")
    kate = fake.user(4002, first_name="Kate", username="Kate_Org", language_code="en")
    petr = fake.user(4003, first_name="Пётр", language_code="ru")
    await onboard(ivan)
    await onboard(kate, "en", territory="Orsk")
    await petr.send_command("/start")  # started the bot and declined consent: only the id is stored
    await petr.expect_message()
    await petr.press(await petr.expect_message(), "Не согласен(на)")
    await petr.expect_edit(petr.inbox[-1])
    assert "Без согласия" in (await petr.expect_message()).text

    listing = await open_list(admin)
    assert "Организаторов пока нет" in listing.text
    assert listing.buttons == [["➕ Добавить"]]

    # 1. Forward: the "Add" button asks, a forwarded message answers.
    await admin.press(listing, "➕ Добавить")
    ask = await admin.expect_message()
    assert "Перешлите мне любое сообщение" in ask.text
    await admin.send("кто-нибудь")
    assert "Не понял, кого добавить" in (await admin.expect_message()).text
    await admin.forward(ivan, "Я готов помогать с модерацией")
    done = await admin.expect_message()
    assert "✅ Иван Петров (@ivan_p) теперь организатор" in done.text
    assert "1. Иван Петров (@ivan_p) — id 4001" in done.text
    assert done.buttons == [["⚙️ 1. Иван Петров (@ivan_p)"], ["➕ Добавить"]]
    told = await ivan.expect_message()
    assert "Вы назначены организатором" in told.text and "/audit" in told.text
    menu = await menu_of(fake, ivan.id)
    assert list(menu) == PRIVATE_COMMANDS + ORGANIZER_COMMANDS
    assert menu["audit"] == "Журнал действий" and menu["moderate"] == "Очередь модерации"

    # 2. @username, case-insensitive; the new organizer is told (and gets the menu) in English.
    await admin.send_command("/organizers", "add @KATE_ORG")
    done = await admin.expect_message()
    assert "✅ Kate (@Kate_Org) теперь организатор" in done.text
    assert "You are now an organizer" in (await kate.expect_message()).text
    menu = await menu_of(fake, kate.id)
    assert menu["audit"] == "Action log" and "organizers" not in menu

    # 3. A numeric id of someone who has started the bot (no name known: no consent).
    await admin.send_command("/organizers", "add 4003")
    done = await admin.expect_message()
    assert "id 4003 теперь организатор" in done.text
    assert "Вы назначены организатором" in (await petr.expect_message()).text

    # ...and of someone who has not: the bot cannot reach them, so it says what to do.
    await admin.send_command("/organizers", "add 4999")
    assert "ещё не запускал(а) бота" in (await admin.expect_message()).text
    await admin.send_command("/organizers", "add @nobody_here")
    assert "нет @nobody_here" in (await admin.expect_message()).text
    await admin.send_command("/organizers", "add @ivan_p")
    assert "Иван Петров (@ivan_p) уже организатор" in (await admin.expect_message()).text
    await admin.send_command("/organizers", "add 9001")
    assert "суперадминистратор" in (await admin.expect_message()).text

    repos = bot.dp["repos"]
    assert await repos.roles.organizer_ids() == {4001, 4002, 4003}

    # The organizer can read the audit log, with every role change in it.
    await ivan.send_command("/audit")
    audit = await ivan.expect_message()
    assert "Журнал действий" in audit.text
    assert audit.text.count("назначен организатор") == 3
    assert "→ 4003" in audit.text and "→ Kate (@Kate_Org)" in audit.text  # names looked up now, not stored
    assert fake.refused == []


async def test_hidden_sender_and_not_a_person(fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser) -> None:
    shy = fake.user(4011, first_name="Скрытная", language_code="ru")
    await onboard(shy)
    shy.hides_forwards = True
    await admin.send_command("/organizers", "add")
    assert "Перешлите мне любое сообщение" in (await admin.expect_message()).text
    await admin.forward(shy, "привет")
    hidden = await admin.expect_message()
    assert "Скрытная скрывает свой аккаунт" in hidden.text and "@username или числовой id" in hidden.text
    # Still waiting: the id works.
    await admin.send("4011")
    assert "Скрытная теперь организатор" in (await admin.expect_message()).text
    assert "Вы назначены организатором" in (await shy.expect_message()).text


async def test_reply_adds_in_a_group_and_to_a_forward_in_private(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser
) -> None:
    group = fake.group(-1001000000400, title="Актив")
    fake.add_member(group, admin, status="administrator")
    olga = fake.user(4021, first_name="Ольга", username="olga_v", language_code="ru")
    await onboard(olga)
    said = await olga.send_in(group, "Могу взять на себя модерацию")
    await admin.send_in(group, "/organizers add", reply_to=said)
    reply = await group.expect_message()
    assert "✅ Ольга (@olga_v) теперь организатор" in reply.text
    assert "Вы назначены организатором" in (await olga.expect_message()).text

    # In private: reply "/organizers add" to a message forwarded earlier.
    max_ = fake.user(4022, first_name="Максим", language_code="ru")
    await onboard(max_)
    forwarded = await admin.forward(max_, "Привет")
    await admin.expect_message()  # outside the /organizers dialogue a forward gets the general hint
    await admin.send_command("/organizers add")  # no reply: it asks instead
    assert "Перешлите мне любое сообщение" in (await admin.expect_message()).text
    await admin.send_command("/cancel")
    assert "Отменено" in (await admin.expect_message()).text
    await admin.send("/organizers add", reply_to=forwarded)
    assert "✅ Максим теперь организатор" in (await admin.expect_message()).text


async def test_curators_removal_menus_and_audit(fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser) -> None:
    anna = fake.user(4031, first_name="Анна", language_code="ru")
    await onboard(anna)
    await admin.send_command("/organizers", "add 4031")
    listing = await admin.expect_message()
    anna.drain()

    await admin.press(listing, "⚙️ 1. Анна")
    card = await admin.expect_edit(listing)
    assert "Не куратор ни одного направления" in card.text
    result = await admin.press(card, "▫️ 🌳 Развитие городской среды")
    assert result.text == "Сохранено"
    card = await admin.expect_edit(listing)
    assert "Анна теперь куратор направления 🌳 Развитие городской среды" in card.text
    assert ["✅ 🌳 Развитие городской среды"] in card.buttons
    assert "куратором направления 🌳 Развитие городской среды" in (await anna.expect_message()).text

    await admin.press(card, "« К списку")
    back = await admin.expect_edit(listing)
    assert "🧭 куратор: 🌳 Развитие городской среды" in back.text

    await admin.press(back, "⚙️ 1. Анна")
    card = await admin.expect_edit(listing)
    await admin.press(card, "🗑 Снять с организаторов")
    ask = await admin.expect_edit(listing)
    assert "Снять <b>Анна</b>" in (ask.html or "") or "Снять Анна" in ask.text
    result = await admin.press(ask, "🗑 Да, снять")
    assert result.text == "Снят(а) с организаторов"
    done = await admin.expect_edit(listing)
    assert "Анна больше не организатор (и не куратор)" in done.text and "Организаторов пока нет" in done.text
    assert "больше не организатор" in (await anna.expect_message()).text

    repos = bot.dp["repos"]
    assert not await repos.roles.is_organizer(anna.id)
    assert await repos.roles.curator_directions(anna.id) == []
    assert await menu_of(fake, anna.id) == {}  # deleted: she sees the residents' menu again
    # A stale card button after the removal changes nothing.
    stale = OrgCb(action="cur+", user_id=anna.id, direction_id=1).pack()
    result = await admin.press_data(admin.chat_id, listing.message_id, stale)
    assert result.show_alert and "уже не организатор" in (result.text or "")
    assert await repos.roles.curator_directions(anna.id) == []

    await admin.send_command("/audit")
    audit = await admin.expect_message()
    lines = audit.text.splitlines()
    actions = [
        a for line in lines for a in ("снят организатор", "назначен куратор", "назначен организатор") if a in line
    ]
    assert actions == ["снят организатор", "назначен куратор", "назначен организатор"]  # newest first
    assert "direction: urban" in audit.text and "curated: urban" in audit.text


@pytest.mark.parametrize("command", ORGANIZER_COMMANDS + SUPERADMIN_COMMANDS)
async def test_resident_and_removed_organizer_are_refused(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser, command: str
) -> None:
    resident = fake.user(4041, first_name="Житель", language_code="en")
    await onboard(resident, "en", territory="Orsk")
    former = fake.user(4042, first_name="Бывший", language_code="ru")
    await onboard(former)
    await admin.send_command("/organizers", "add 4042")
    await admin.expect_message()
    await admin.send_command("/organizers", "remove 4042")
    assert "Бывший больше не организатор" in (await admin.expect_message()).text
    former.drain()

    await resident.send_command("/" + command)
    refusal = await resident.expect_message()
    assert f"The /{command} command {REFUSED_EN}" in refusal.text
    await former.send_command("/" + command)
    refusal = await former.expect_message()
    assert f"Команда /{command} {REFUSED_RU}" in refusal.text
    await resident.expect_no_message(0.2)
    await former.expect_no_message(0.2)


async def test_organizer_is_refused_superadmin_commands(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser
) -> None:
    org = fake.user(4051, first_name="Орг", language_code="ru")
    await onboard(org)
    await admin.send_command("/organizers", "add 4051")
    await admin.expect_message()
    org.drain()
    for command in SUPERADMIN_COMMANDS:
        await org.send_command("/" + command)
        assert f"Команда /{command} доступна только суперадминистраторам" in (await org.expect_message()).text


async def test_forged_organizers_buttons_change_nothing(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser
) -> None:
    org = fake.user(4061, first_name="Орг", language_code="ru")
    await onboard(org)
    resident = fake.user(4062, first_name="Хитрый", language_code="ru")
    await onboard(resident)
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
            assert result.show_alert and "только суперадминистраторам" in (result.text or "")
        result = await resident.press_data(admin.chat_id, listing.message_id, data.pack())
        assert result.show_alert and "только суперадминистраторам" in (result.text or "")
    assert own_message == resident.inbox[-1].message_id
    assert await repos.roles.is_organizer(org.id)
    assert await repos.roles.curator_directions(org.id) == []
    assert len(await repos.audit.last(100)) == audit_before
    assert listing.edits == []
    await resident.expect_no_message(0.2)
    await org.expect_no_message(0.1)
    await admin.expect_no_message(0.1)


async def test_names_with_markup_arrive_intact(fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser) -> None:
    odd = fake.user(4071, first_name="<b>Злой</b> & Co", username="evil_co", language_code="ru")
    await onboard(odd)
    await admin.send_command("/organizers", "add @evil_co")
    listing = await admin.expect_message()
    assert "✅ <b>Злой</b> & Co (@evil_co) теперь организатор" in listing.text
    assert "1. <b>Злой</b> & Co (@evil_co) — id 4071" in listing.text
    await admin.send_command("/audit")
    audit = await admin.expect_message()
    assert "→ <b>Злой</b> & Co (@evil_co)" in audit.text
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
    org = fake.user(4081, first_name="Kate", language_code="en")
    await onboard(org, "en", territory="Orsk")
    await onboard(admin)  # the superadmin has talked to the bot, so Telegram knows the chat
    await admin.send_command("/organizers", "add 4081")
    await admin.expect_message()
    await first.stop()
    fake.commands.clear()  # whatever the menus were, start-up sets them from the database

    await start_bot()
    org_menu = await menu_of(fake, org.id)
    assert list(org_menu) == PRIVATE_COMMANDS + ORGANIZER_COMMANDS and org_menu["audit"] == "Action log"
    admin_menu = await menu_of(fake, admin.id)
    assert list(admin_menu) == PRIVATE_COMMANDS + ORGANIZER_COMMANDS + SUPERADMIN_COMMANDS
    assert admin_menu["organizers"] == "Организаторы"
    assert [r for r in fake.refused if r.method.endswith("MyCommands")] == []


async def test_topic_creation_is_not_a_reply_to_a_person(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser
) -> None:
    forum = fake.group(-1001000000401, title="Форум", is_forum=True)
    fake.add_member(forum, admin, status="administrator")
    creator = fake.user(4091, first_name="Создатель", language_code="ru")
    await onboard(creator)
    topic = forum.create_topic("Общее", creator)
    # Telegram delivers a message inside a topic as a reply to the topic's creation message.
    await admin.send_in(forum, "/organizers add", thread_id=topic, reply_to=forum.chat.messages[topic])
    reply = await forum.expect_message(thread_id=topic)
    assert "ответьте на сообщение человека командой" in reply.text
    assert not await bot.dp["repos"].roles.is_organizer(creator.id)


async def test_a_removed_organizer_still_in_curators_chats_can_be_removed_from_them(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser
) -> None:
    from tests.support.scenarios import bind_curator_chat

    kate = fake.user(4061, first_name="Катя", language_code="ru")
    await onboard(kate)
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
    assert "Катя больше не организатор" in listing.text
    left = await admin.expect_message()
    assert left.text == (
        "⚠️ Катя по-прежнему в чатах кураторов: «Кураторы: соцпроекты», «Кураторы: среда». Там видны карточки "
        "идей с именами жителей и их районами.\n"
        "В чате «Кураторы: соцпроекты» я не могу удалять участников: сделайте меня администратором с правом "
        "блокировать участников или удалите человека вручную."
    )
    assert left.buttons == [["🚪 Удалить из этого чата"]]

    await admin.press(left, "🚪 Удалить из этого чата")
    done = await admin.expect_edit(left)
    assert done.text == (
        "🚪 Удалён(а) из чата кураторов «Кураторы: среда». Вернуться можно только по новому приглашению.\n"
        "Не получилось удалить из чата «Кураторы: соцпроекты» — удалите вручную."
    )
    assert urban.chat.members[kate.id] == "left" and social.chat.members[kate.id] == "member"

    await admin.send_command("/audit")
    assert "удалён из чатов кураторов" in (await admin.expect_message()).text

    # Made an organizer again before the button is pressed a second time: nobody is removed.
    fake.add_member(urban, kate)
    await admin.send_command("/organizers", "add 4061")
    await admin.expect_message()
    result = await admin.press_data(admin.chat_id, left.message_id, OrgCb(action="kick", user_id=kate.id).pack())
    assert result.show_alert and "снова организатор" in (result.text or "")
    assert urban.chat.members[kate.id] == "member"


async def test_a_removed_organizer_in_no_curators_chat_gets_no_follow_up(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser
) -> None:
    lena = fake.user(4071, first_name="Лена", language_code="ru")
    await onboard(lena)
    await admin.send_command("/organizers", "add 4071")
    await admin.expect_message()
    await admin.send_command("/organizers", "remove 4071")
    assert "Лена больше не организатор" in (await admin.expect_message()).text
    await admin.expect_no_message(within=0.5)
