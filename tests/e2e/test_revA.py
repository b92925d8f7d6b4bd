"""Review of issue 14 (points 1, 2, 3, 8, 9, 10, 13) where the parallel work meets: the main menu's buttons pressed in
the middle of a staff dialogue are their commands, never the step's answer."""

from __future__ import annotations

from tests.fake_telegram import FakeTelegram, ScriptedUser
from tests.support.in_process import InProcessBot
from tests.support.locale_text import button, ru
from tests.support.scenarios import curator_chat, onboard, onboarded, send_idea, write_idea

IDEA = "Поставить скамейки и фонари в сквере у школы, вечером там темно и негде присесть."


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
