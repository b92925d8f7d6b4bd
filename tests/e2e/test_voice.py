"""One voice, as people meet it: the new organizer's welcome lists every command of their menu, /audit speaks in
words, and broadcast numbers run without gaps even when the bot's own notices took ids in between."""

from __future__ import annotations

import re

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import BotCommandScopeChat

from fake_telegram import FakeTelegram, ScriptedUser
from tests.support.broadcast import compose, send_to_all
from tests.support.in_process import InProcessBot
from tests.support.locale_text import ru
from tests.support.scenarios import onboarded
from tests.support.settings import TOKEN


async def menu_of(fake: FakeTelegram, chat_id: int) -> list[str]:
    bot = Bot(TOKEN, session=AiohttpSession(api=TelegramAPIServer.from_base(fake.base_url)))
    try:
        return [c.command for c in await bot.get_my_commands(scope=BotCommandScopeChat(chat_id=chat_id))]
    finally:
        await bot.session.close()


def commands_in(text: str) -> set[str]:
    return set(re.findall(r"(?<![\w@])/([a-z_]+)", text))


async def test_staff_see_every_menu_command_audit_in_words_and_broadcasts_numbered_without_gaps(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser
) -> None:
    repos = bot.dp["repos"]
    # The new organizer's welcome names every command of the menu they get, no more, no less.
    ivan = await onboarded(fake, 4101, "Иван")
    await admin.send_command("/organizers", "add 4101")
    await admin.expect_message()
    welcome = await ivan.expect_message()
    menu = await menu_of(fake, ivan.id)
    assert "moderate" in menu and commands_in(welcome.text) == set(menu), welcome.text
    assert "Asia/" not in welcome.text and "(а)" not in welcome.text

    # The role in /audit: in words, no stored keys.
    await admin.send_command("/audit")
    audit = await admin.expect_message()
    assert f"{ru('audit-field-role')}: {ru('audit-role-organizer')}" in audit.text, audit.text
    assert not re.search(r"\b(urban|organizer|role|direction)\b", audit.text), audit.text

    # A bot-made notice takes an id first; the organizers' first broadcast is still «№ 1», and so is its
    # line in /audit.
    alert, _ = await repos.broadcasts.create_alert("voice-test-alert", None, {}, [])
    assert alert.number == 0 and alert.id == 1
    audience = await compose(ivan)
    progress = await send_to_all(ivan, audience, expected=1)
    assert progress.text.startswith("📣 Рассылка №\u00a01 "), progress.text
    broadcast = await repos.broadcasts.get(2)
    assert broadcast is not None and broadcast.number == 1
    report = await ivan.expect_message(timeout=15)
    if report.copied_from is not None:  # the organizer is a resident too: the broadcast itself comes first
        report = await ivan.expect_message(timeout=15)
    assert report.text.startswith("Итог рассылки №\u00a01:"), report.text
    await admin.send_command("/audit")
    audit = await admin.expect_message()
    assert ru("audit-target-broadcast", number=1) in audit.text and "получатели: все жители" in audit.text, audit.text
    # The deliveries export names it the same: «1», not its id 2.
    rows = [row async for chunk in repos.stats.deliveries_rows() for row in chunk]
    assert rows and {row[0] for row in rows} == {1} and {row[1] for row in rows} == {"copy"}
