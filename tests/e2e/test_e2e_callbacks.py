"""Forged and odd button data (issue 11, point 5): every press is parsed strictly, a bad one is answered once as
out of date and changes nothing; a handler that answered and then failed is never answered a second time."""

from __future__ import annotations

import pytest

from fake_telegram import BotMessage, FakeTelegram, ScriptedUser
from tests.support.in_process import InProcessBot
from tests.support.locale_text import button, ru
from tests.support.scenarios import accept_consent, onboard

OUTDATED = ru("button-outdated")
GENERIC = ru("error-generic")


def answers_to(fake: FakeTelegram, query_id: str) -> int:
    return sum(
        1 for r in fake.requests_for("answerCallbackQuery") if str(r.params.get("callback_query_id")) == query_id
    )


async def press_forged(user: ScriptedUser, message: BotMessage, data: str) -> None:
    """A forged press is answered once, as out of date, and nothing else reaches the person."""
    fake = user.fake
    result = await user.press_data(message.chat_id, message.message_id, data)
    assert result.answered and result.text == OUTDATED, (data, result)
    assert answers_to(fake, result.query_id) == 1, data
    await user.expect_no_message(within=0.2)


async def test_unicode_digits_on_the_territory_page_and_a_forged_done_during_onboarding(
    fake: FakeTelegram, bot: InProcessBot
) -> None:
    resident = fake.user(7101, first_name="Вера", language_code="ru")
    _, ask = await accept_consent(resident)
    assert ru("territory-ask") in ask.text
    for data in (
        "terr2:page::²",  # passes str.isdigit(), breaks int()
        "terr2:page::١",
        "terr2:page::99999999999999999999999",
        "terr2:page::-1",
        "terr2:page::+1",
        "terr2:page::01",
        "terr2:page::",
        "terr2:pick:²:0",
        "terr2:pick::0",
        "terr2:page:orenburg:0",  # a page press carrying a code
        "terr2:pick:orenburg:0:extra",
        "terr2:page",
        "terr1:page:1",  # a button of the previous format
    ):
        await press_forged(resident, ask, data)
    assert ask.edits == []  # the territory question stayed as it was

    # "Done" of the subscriptions step, forged before a territory was picked: the set-up does not end.
    await press_forged(resident, ask, "subs1:done:0")
    row = await bot.dp["db"].fetchone("SELECT territory_code, onboarded_at FROM users WHERE id = 7101")
    assert row is not None and tuple(row) == (None, None)
    await resident.send_command("/start")
    again = await resident.expect_message()
    assert again.text == ru("territory-ask")  # still the territory question

    await resident.press(again, "Оренбург")  # the real buttons still work
    await resident.expect_edit(again)
    subs = await resident.expect_message()
    await resident.press(subs, button("ru", "subs-done"))
    await resident.expect_edit(subs)
    assert (await resident.expect_message()).text == ru("onboarding-done")
    assert fake.refused == []


@pytest.mark.parametrize("as_admin", [False, True])
async def test_odd_data_under_every_prefix_is_out_of_date(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser, as_admin: bool
) -> None:
    resident = fake.user(7102, first_name="Глеб", language_code="ru")
    person = admin if as_admin else resident
    await onboard(person)
    await person.send_command("/ideas")
    listing = await person.expect_message()
    for data in (
        "pub1:page:0:d:²:s:0:",  # a Unicode digit as a direction id
        "pub1:page:0:a::s:²:",
        "pub1:page:0:d:99999999999999999999:s:0:",
        "pub1:page:0:t:Оренбург:s:0:",
        "pub1:page:0:a::s:100000:",
        "pub1:rr:1:a::s:0:spam",  # a reason in the previous format
        "pub1:open:-5:a::s:0:",
        "pub1:rr:1:a::s:0:hate",
        "pub1:zzz:0:a::s:0:",
        "ses1:view:99999999999999999999999:0",
        "ses1:view: 1:0",
        "ses1:view:1_0:0",
        "ses1:view:1.0:0",
        "ses1:list:0:²",
        "sppl1:people:1:0:-1",
        "sppl1:attend:1:١:0",
        "pres1:page:0:²",
        "pdraft1:chat:0:0:-99999999999999999999",
        "pdraft1:closeset:0:9999:0",
        "mod1:ok:²:0",
        "card1:accept:1e3:0",
        "org2:open:+4001:0:0",
        "bc1:pick:direction.²:0",
        "bc1:pick:direction.99999999999999999999999:0",
        "bc1:stop::-1",
        "exp1:ideas:pdf",
        "fb1:rate:1:9",
        "idea2:sim_sup:0:²:0",
        "idea2:dir:1000:0:0",
        "subs1:toggle:²",
        "bind1:²",
        "delme1:True",
        "set1:announcements:yes",
        "lang1:de",
        "cons1:accept:1",
        "pub1:page:0:a::s:0:" + "9" * 44,  # 64 bytes
        "ses1:view:1:0\n",
    ):
        await press_forged(person, listing, data)
    row = await bot.dp["db"].fetchone("SELECT count(*) FROM audit_log")
    assert row is not None and row[0] == 0
    assert fake.refused == []


async def test_a_press_answered_before_its_handler_failed_is_not_answered_again(fake: FakeTelegram, start_bot) -> None:
    await start_bot(reply_retry_budget=0)  # no retries: each injected failure reaches the handler
    resident = fake.user(7103, first_name="Рита", language_code="ru")
    _, ask = await accept_consent(resident)
    # The page turn answers the press first, then edits the keyboard: Telegram fails that edit.
    fake.fail_next("editMessageReplyMarkup", "500")
    result = await resident.press(ask, "▶")
    assert result.answered and result.text is None  # the handler's own answer
    told = await resident.expect_message()
    assert told.text == GENERIC  # the failure is told in the chat instead of a second answer
    assert answers_to(fake, result.query_id) == 1
    assert [r.method for r in fake.refused] == ["editMessageReplyMarkup"]

    # A press that fails before any answer gets the error as its (only) answer.
    fake.fail_next("answerCallbackQuery", "500")  # the handler's own answer fails
    result = await resident.press(ask, "▶")
    assert result.answered and result.text == GENERIC and result.show_alert
    assert answers_to(fake, result.query_id) == 2  # the failed one, then the error handler's
    await resident.expect_no_message(within=0.2)
