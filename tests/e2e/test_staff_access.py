"""Issue 14, points 2 and 13: staff work without the residents' consent (an organizer added who only pressed Start,
staff welcomed on /start with their commands, not walked through the residents' set-up); ideas whose cards go
nowhere (no curators' chat, no superadmin has pressed Start) shown in /stats and told to the staff once; /my and
hints after /delete_me speak of the deletion."""

from __future__ import annotations

import pytest

from bot.consent import CONSENT_EDITION
from bot.storage.staff_notices import UNROUTED
from bot.telegram.commands import staff_command_names, staff_commands_text
from bot.telegram.i18n import Html, Translator
from fake_telegram import BotMessage, FakeTelegram, ScriptedUser
from tests.support.in_process import InProcessBot
from tests.support.locale_text import MARK, before_mark, button, ru
from tests.support.scenarios import onboard, send_idea, write_idea
from tests.support.waiting import wait_for, watch

URBAN = "Развитие городской среды"
URBAN_LABEL = "🌳 Развитие городской среды"  # a direction as cards name it (data, not wording)
IDEA_1 = "Поставить скамейки и урны вдоль аллеи в сквере у драмтеатра, там негде присесть."
IDEA_2 = "Сделать велодорожку вдоль набережной Урала и поставить велопарковки у входа в рощу."


def welcome(superadmin: bool, resident: bool = False) -> str:
    commands = "\n".join(
        ru("staff-welcome-command", command=name, description=button("ru", "cmd-" + name.replace("_", "-")))
        for name in staff_command_names(superadmin)
    )
    head = ru("staff-welcome-superadmin" if superadmin else "staff-welcome-organizer")
    return f"{head}\n\n{commands}" + ("" if resident else "\n\n" + ru("staff-welcome-resident"))


async def expect_welcome(person: ScriptedUser, superadmin: bool) -> BotMessage:
    shown = await person.expect_message()
    assert shown.text == welcome(superadmin)
    assert shown.buttons == [[button("ru", "staff-btn-resident")]]
    return shown


async def test_staff_need_no_residents_consent(fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser) -> None:
    # Someone opens the bot, reads the consent and leaves it unanswered: the bot keeps nothing of them.
    nina = fake.user(4101, first_name="Нина", language_code="ru")
    await nina.send_command("/start")
    assert "Здравствуйте" in (await nina.expect_message()).text
    assert (await nina.expect_message()).text == ru("consent-text", version=CONSENT_EDITION)
    repos = bot.dp["repos"]
    assert await repos.users.get(nina.id) is None

    # The superadmin presses Start: the staff welcome with every command of their menu, no consent asked.
    await admin.send_command("/start")
    await expect_welcome(admin, superadmin=True)

    # She can be made an organizer all the same: she has a dialogue with the bot; she is told first.
    await admin.send_command("/organizers", f"add {nina.id}")
    done = await admin.expect_message()
    assert ru("roles-added", name=f"id {nina.id}") in done.text
    commands = Html(staff_commands_text(Translator().for_lang("ru"), superadmin=False))
    assert (await nina.expect_message()).text == ru("roles-you-organizer", commands=commands)
    assert await repos.roles.is_organizer(nina.id) and await repos.users.get(nina.id) is None
    await admin.send_command("/organizers")  # listed by her id once: no name of hers is kept
    assert ru("roles-list-item-unnamed", number=1, id=str(nina.id)) in (await admin.expect_message()).text
    # Someone who never opened the bot: said so neutrally, nothing stored.
    await admin.send_command("/organizers", "add 4999")
    assert (await admin.expect_message()).text == ru("roles-not-started", name="id 4999", bot="@ideas_bot")
    assert not await repos.roles.is_organizer(4999)

    # Her staff commands work without the residents' consent; /start welcomes her as staff.
    await nina.send_command("/start")
    await expect_welcome(nina, superadmin=False)
    await nina.send_command("/stats")
    assert before_mark(ru("stats-title", date=MARK)) in (await nina.expect_message()).text
    assert (await nina.expect_message()).caption == ru("stats-chart-caption")
    await nina.send_command("/audit")
    assert ru("audit-action-role_grant") in (await nina.expect_message()).text
    await nina.send("что тут есть?")
    assert (await nina.expect_message()).text == ru("staff-hint")

    # Submitting an idea as a resident asks for the consent at that moment; the welcome's button does the same.
    await nina.send_command("/idea")
    refusal = await nina.expect_message()
    assert refusal.text == ru("consent-required")
    await admin.send_command("/start")
    welcome_again = await expect_welcome(admin, superadmin=True)
    await admin.press(welcome_again, button("ru", "staff-btn-resident"))
    assert "Здравствуйте" in (await admin.expect_message()).text
    consent = await admin.expect_message()
    assert consent.text == ru("consent-text", version=CONSENT_EDITION)
    await admin.press(consent, button("ru", "consent-accept"))
    await admin.expect_edit(consent)
    assert ru("territory-ask") in (await admin.expect_message()).text


async def test_cards_with_no_one_to_take_them_are_told(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    repos = bot.dp["repos"]
    put_off = watch(monkeypatch, repos.outbox, "later")  # a card the outbox could not send to anyone

    async def waiting(count: int) -> None:
        async def holds() -> bool:
            return (await repos.staff_notices.unrouted()).count == count

        await wait_for(holds, on=put_off, what=f"{count} card(s) waiting")

    # Two organizers (made so directly: the superadmin has never pressed Start) and a resident.
    olga = fake.user(4201, first_name="Ольга", language_code="ru", started=True)
    boris = fake.user(4202, first_name="Борис", language_code="ru", started=True)
    for organizer in (olga, boris):
        await repos.roles.add_organizer(organizer.id, admin.id)
    resident = fake.user(4203, first_name="Пётр", language_code="ru")
    await onboard(resident)
    await send_idea(resident, await write_idea(resident, IDEA_1, direction=URBAN))
    await waiting(1)

    # /stats says so; whoever read it is not told again.
    await olga.send_command("/stats")
    stats = await olga.expect_message()
    line = ru("staff-unrouted-stats", count=1, directions=f"«{URBAN}»")
    assert stats.text.endswith(line)
    assert (await olga.expect_message()).caption == ru("stats-chart-caption")
    await olga.send_command("/help")
    assert (await olga.expect_message()).text == ru("help")
    await olga.expect_no_message()

    # Another organizer is told at his first message, once, even as more ideas wait.
    await boris.send_command("/help")
    assert (await boris.expect_message()).text == ru("help")
    told = await boris.expect_message()
    assert told.text == ru("staff-unrouted-notice", count=1, directions=f"«{URBAN}»", many=1)
    await send_idea(resident, await write_idea(resident, IDEA_2, direction=URBAN))
    await waiting(2)
    await boris.send_command("/help")
    assert (await boris.expect_message()).text == ru("help")
    await boris.expect_no_message()
    assert await repos.staff_notices.told_at(boris.id, UNROUTED) is not None  # kept in the database: a restart

    # The superadmin presses Start: the welcome, the notice, then the waiting cards, sent to them now.
    await admin.send_command("/start")
    await expect_welcome(admin, superadmin=True)
    notice = await admin.expect_message()
    assert notice.text == "\n".join(
        [ru("staff-unrouted-notice", count=2, directions=f"«{URBAN}»", many=1), ru("staff-unrouted-coming")]
    )
    cards = [await admin.expect_message(), await admin.expect_message()]
    note = ru("card-fallback-note", direction=URBAN_LABEL)
    assert all(note in card.text for card in cards)
    for number in (1, 2):
        assert sum(ru("card-title", number=number, direction=URBAN_LABEL) in card.text for card in cards) == 1
    assert not await repos.staff_notices.unrouted()
    await olga.send_command("/stats")
    assert ru("staff-unrouted-stats", count=2, directions=f"«{URBAN}»") not in (await olga.expect_message()).text


async def test_my_after_delete_me_speaks_of_the_deletion(fake: FakeTelegram, bot: InProcessBot) -> None:
    person = fake.user(4301, first_name="Вера", language_code="ru")
    await onboard(person)
    await send_idea(person, await write_idea(person, IDEA_1, direction=URBAN))
    await person.send_command("/my")
    assert before_mark(ru("my-header", total=MARK)) in (await person.expect_message()).text
    await person.send_command("/delete_me")
    await person.press(await person.expect_message(), button("ru", "delete-yes"))
    assert (await person.expect_message()).text == ru("delete-done")
    await person.send_command("/my")
    assert (await person.expect_message()).text == ru("my-no-data")
    await person.send("а где мои идеи?")
    assert (await person.expect_message()).text == ru("no-data-hint")
    idea = await bot.dp["repos"].ideas.get(1)
    assert idea is not None and idea.author_id is None  # the idea stays, without author: not theirs to list
