"""The bot as a real process, stopped (SIGTERM) and killed (SIGKILL) between steps, on the same database."""

from __future__ import annotations

import re

from fake_telegram import FakeTelegram, ScriptedUser
from tests.support.bot_process import ProcessBot
from tests.support.locale_text import button, ru, ru_pattern
from tests.support.scenarios import onboarded, send_idea, start_idea, write_idea

IDEA = "Отремонтировать тротуар и поставить фонари вдоль улицы Чкалова, там очень темно зимой."
URBAN = "🌳 Развитие городской среды"  # a direction's label: data, not wording
DAY_TIME = r"\d\d\.\d\d\.\d{4} \d\d:\d\d"  # 05.12.2026 18:00


async def test_sigkill_mid_idea_keeps_the_draft(
    fake: FakeTelegram, process_bot: ProcessBot, admin: ScriptedUser
) -> None:
    await process_bot.start()
    await admin.send_command("/help")
    await admin.expect_message()
    user = await onboarded(fake, 2001, "Мария")
    await start_idea(user, IDEA)  # add photos?
    await user.send_photo()
    ack = await user.expect_message()
    assert ack.text == ru("idea-photos-added", count=1, max=10)

    await process_bot.kill()
    await process_bot.start()

    await user.press(ack, button("ru", "btn-done"))
    ask_place = await user.expect_message()
    assert ask_place.text == ru("idea-ask-place")
    await user.send("ул. Чкалова, 20")
    route = await user.expect_message()
    assert URBAN in route.text
    await user.press(route, route.buttons[0][0])
    summary = await user.expect_message()
    assert summary.text == ru(
        "idea-summary", text=IDEA, photos=1, place="ул. Чкалова, 20", territory="Оренбург", direction=URBAN
    )
    number = await send_idea(user, summary)
    await admin.expect_message()  # the photo
    card = await admin.expect_message()  # no curator chat bound: the card (with a note) to the superadmin
    assert ru("card-title", number=number, direction=URBAN) in card.text and IDEA in card.text
    assert ru("card-fallback-note", direction=URBAN) in card.text
    assert fake.refused == []


async def test_sigkill_while_typing_then_restart_resumes_with_idea_command(
    fake: FakeTelegram, process_bot: ProcessBot
) -> None:
    await process_bot.start()
    user = await onboarded(fake, 2002, "Юрий")
    await start_idea(user, IDEA)
    await process_bot.kill()
    await process_bot.start()
    await user.send_command("/idea")  # resumes the unfinished draft instead of starting over
    resumed = await user.expect_message()
    assert resumed.text == ru("idea-ask-photos", max=10)


async def test_quota_survives_a_restart(fake: FakeTelegram, process_bot: ProcessBot) -> None:
    process_bot.env["IDEAS_PER_DAY"] = "1"
    await process_bot.start()
    user = await onboarded(fake, 2003, "Лимит")
    await send_idea(user, await write_idea(user, IDEA))
    assert await process_bot.stop() == 0
    await process_bot.start()
    await user.send_command("/idea")
    refusal = await user.expect_message()
    quota = ru_pattern("idea-quota", {"when": DAY_TIME}, limit=1)
    assert re.fullmatch(quota, refusal.text), refusal.text
    await process_bot.kill()
    await process_bot.start()
    await user.send_command("/idea")
    assert re.fullmatch(quota, (await user.expect_message()).text)


async def test_failing_handler_is_logged_and_others_are_served(fake: FakeTelegram, process_bot: ProcessBot) -> None:
    await process_bot.start()
    victim = fake.user(2004, first_name="Сбой", language_code="ru")
    other = fake.user(2005, first_name="Другой", language_code="ru")
    fake.fail_next("sendMessage", error="400", description="Bad Request: something unexpected", chat_id=victim.user_id)
    await victim.send_command("/help")
    apology = await victim.expect_message()
    assert apology.text == ru("error-generic")
    await other.send_command("/help")
    assert (await other.expect_message()).text == ru("help")
    await victim.send_command("/help")
    assert (await victim.expect_message()).text == ru("help")
    assert "update" in process_bot.log() and "failed" in process_bot.log()
