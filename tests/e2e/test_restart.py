"""The bot as a real process, stopped (SIGTERM) and killed (SIGKILL) between steps, on the same database."""

from __future__ import annotations

from tests.fake_telegram import FakeTelegram, ScriptedUser
from tests.support.bot_process import ProcessBot
from tests.support.scenarios import onboard, send_idea, write_idea

IDEA = "Отремонтировать тротуар и поставить фонари вдоль улицы Чкалова, там очень темно зимой."


async def test_sigkill_mid_idea_keeps_the_draft(
    fake: FakeTelegram, process_bot: ProcessBot, admin: ScriptedUser
) -> None:
    await process_bot.start()
    await admin.send_command("/help")
    await admin.expect_message()
    user = fake.user(2001, first_name="Мария", language_code="ru")
    await onboard(user)
    await user.send_command("/idea")
    await user.expect_message()
    await user.send(IDEA)
    await user.expect_message()  # add photos?
    await user.send_photo()
    ack = await user.expect_message()
    assert "1 из 10" in ack.text

    await process_bot.kill()
    await process_bot.start()

    await user.press(ack, "Готово")
    ask_place = await user.expect_message()
    assert "Где это" in ask_place.text
    await user.send("ул. Чкалова, 20")
    route = await user.expect_message()
    assert "Развитие городской среды" in route.text
    await user.press(route, route.buttons[0][0])
    summary = await user.expect_message()
    assert IDEA in summary.text and "Фото: 1" in summary.text and "ул. Чкалова, 20" in summary.text
    number = await send_idea(user, summary)
    await admin.expect_message()  # the photo
    card = await admin.expect_message()  # no curator chat bound: the card (with a note) to the superadmin
    assert f"Идея #{number}" in card.text and IDEA in card.text and "не привязан" in card.text
    assert fake.refused == []


async def test_sigkill_while_typing_then_restart_resumes_with_idea_command(
    fake: FakeTelegram, process_bot: ProcessBot
) -> None:
    await process_bot.start()
    user = fake.user(2002, first_name="Юрий", language_code="ru")
    await onboard(user)
    await user.send_command("/idea")
    await user.expect_message()
    await user.send(IDEA)
    await user.expect_message()
    await process_bot.kill()
    await process_bot.start()
    await user.send_command("/idea")  # resumes the unfinished draft instead of starting over
    resumed = await user.expect_message()
    assert "Добавьте фото" in resumed.text


async def test_quota_survives_a_restart(fake: FakeTelegram, process_bot: ProcessBot) -> None:
    process_bot.env["IDEAS_PER_DAY"] = "1"
    await process_bot.start()
    user = fake.user(2003, first_name="Лимит", language_code="ru")
    await onboard(user)
    await send_idea(user, await write_idea(user, IDEA))
    assert await process_bot.stop() == 0
    await process_bot.start()
    await user.send_command("/idea")
    refusal = await user.expect_message()
    assert "не больше 1 идеи" in refusal.text
    await process_bot.kill()
    await process_bot.start()
    await user.send_command("/idea")
    assert "не больше 1 идеи" in (await user.expect_message()).text


async def test_failing_handler_is_logged_and_others_are_served(fake: FakeTelegram, process_bot: ProcessBot) -> None:
    await process_bot.start()
    victim = fake.user(2004, first_name="Сбой", language_code="ru")
    other = fake.user(2005, first_name="Другой", language_code="ru")
    fake.fail_next("sendMessage", error="400", description="Bad Request: something unexpected", chat_id=victim.user_id)
    await victim.send_command("/help")
    apology = await victim.expect_message()
    assert "Что-то пошло не так" in apology.text
    await other.send_command("/help")
    assert "Что я умею" in (await other.expect_message()).text
    await victim.send_command("/help")
    assert "Что я умею" in (await victim.expect_message()).text
    assert "update" in process_bot.log() and "failed" in process_bot.log()
