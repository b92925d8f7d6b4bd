"""Rejecting with a reason, end to end: back-out words, a minimum length, the preview of what the author gets with
Send / Edit / Back, a curators' group with privacy mode (only replies reach the bot), /moderate, races; and the
issue's near-copy of an approved idea offered as similar to its author."""

from __future__ import annotations

from typing import Any

from bot.services.ideas import REASON_MAX, REASON_MIN
from bot.telegram.i18n import Html, Translator
from fake_telegram import BotMessage, FakeTelegram, ScriptedUser
from tests.support.in_process import InProcessBot
from tests.support.locale_text import button, en, ru
from tests.support.scenarios import bind_curator_chat, curator_chat, onboarded, send_idea, start_idea, write_idea

ADMIN_NAME = "Ольга Админова"  # the superadmin's full name (tests/conftest.py)
URBAN = "Развитие городской среды"
URBAN_LABEL = f"🌳 {URBAN}"
URBAN_EN = "🌳 Urban environment"
LABELS = {"ru": URBAN_LABEL, "en": URBAN_EN}
IDEA = "Поставить лавочки и урны вдоль улицы Советской, а то присесть негде."
IDEA_2 = "Открыть кружок робототехники для школьников в районном доме культуры."
FORCE_REPLY = {"force_reply": True, "selective": True}
PREVIEW_BUTTONS = [
    [button("ru", "reject-btn-send")],
    [button("ru", "reject-btn-edit"), button("ru", "reject-btn-back")],
]
_translator = Translator()


def preview_text(key: str, number: int, reason: str, lang: str = "ru") -> str:
    """The preview (or the sent note) as the curator sees it: the author's notice, in the author's language."""
    notice = _translator.get(lang, "notify-rejected", number=number, direction=LABELS[lang], reason=reason)
    return ru(key, number=number, notice=Html(notice))


def markup_of(message: BotMessage) -> dict[str, Any] | None:
    return message.reply_markup


async def status_of(bot: InProcessBot, idea_id: int) -> str:
    idea = await bot.dp["repos"].ideas.get(idea_id)
    assert idea is not None
    return str(idea.status)


async def test_curator_rejects_in_a_privacy_mode_group_with_preview(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser
) -> None:
    # The bot is a plain member of the curators' group, with privacy mode: it sees commands and replies only.
    fake.privacy_mode = True
    group = fake.group(-1001000001400, title="Кураторы среды", bot_status="member")
    fake.add_member(group, admin, status="administrator")
    await bind_curator_chat(admin, group, URBAN)
    colleague = fake.user(14002, first_name="Пётр", language_code="ru")
    fake.add_member(group, colleague)
    await bot.dp["repos"].roles.grant(colleague.user_id, "organizer", granted_by=admin.user_id)
    author = await onboarded(fake, 14001, "Автор")
    number = await send_idea(author, await write_idea(author, IDEA, direction=URBAN))
    card = await group.expect_message()
    assert ru("card-title", number=number, direction=URBAN_LABEL) in card.text

    # The prompt opens a reply by itself and says to reply; a reason typed without replying never reaches the bot.
    await admin.press(card, button("ru", "card-reject"))
    ask = await group.expect_message()
    asked = ru("reject-ask", who=ADMIN_NAME, number=number, min=REASON_MIN, max=REASON_MAX)
    assert ask.text == asked and markup_of(ask) == FORCE_REPLY
    await admin.send_in(group, "Такое уже есть в плане благоустройства")
    await group.expect_no_message()
    # «Нет» backs out: nobody is told, the card waits as before.
    await admin.send_in(group, "Нет", reply_to=ask)
    assert (await group.expect_message()).text == ru("reject-cancelled", number=number)

    # Again: too short a reason is refused with the minimum (and asks for a reply again), then the preview.
    await admin.press(card, button("ru", "card-reject"))
    ask = await group.expect_message()
    await admin.send_in(group, "Дубль", reply_to=ask)
    refusal = await group.expect_message()
    assert refusal.text == ru("reject-reason-short", length=5, min=REASON_MIN) + "\n" + ru("reject-reply-hint")
    assert markup_of(refusal) == FORCE_REPLY
    first_reason = "Похожая идея уже в работе"
    await admin.send_in(group, first_reason, reply_to=refusal)  # a reply to the refusal is the reason too
    shown = await group.expect_message()
    assert shown.text == preview_text("reject-preview", number, first_reason)
    assert shown.buttons == PREVIEW_BUTTONS
    # Only the one who wrote the reason may press its buttons.
    res = await colleague.press(shown, button("ru", "reject-btn-send"))
    assert res.show_alert and res.text == ru("reject-not-yours")

    # Edit: asked again, then a new preview; Back: nothing happens, the idea is still undecided.
    await admin.press(shown, button("ru", "reject-btn-edit"))
    assert (await group.expect_edit(shown)).buttons == []
    ask = await group.expect_message()
    assert ask.text == asked and markup_of(ask) == FORCE_REPLY
    reason = "Лавочки на Советской уже стоят в плане на 2027 год"
    await admin.send_in(group, reason, reply_to=ask)
    shown = await group.expect_message()
    assert shown.text == preview_text("reject-preview", number, reason)
    await admin.press(shown, button("ru", "reject-btn-back"))
    backed = await group.expect_edit(shown)
    assert backed.text == ru("reject-back-done", number=number) and backed.buttons == []
    assert card.edits == [] and await status_of(bot, number) == "new"
    await author.expect_no_message()

    # Send: the author gets exactly the preview's text, the card shows the decision.
    await admin.press(card, button("ru", "card-reject"))
    ask = await group.expect_message()
    await admin.send_in(group, reason, reply_to=ask)
    shown = await group.expect_message()
    res = await admin.press(shown, button("ru", "reject-btn-send"))
    assert res.text == ru("card-rejected-toast")
    assert (await group.expect_edit(shown)).text == preview_text("reject-sent", number, reason)
    decided = await group.expect_edit(card)
    assert ru("card-status-rejected", who=ADMIN_NAME, reason=reason) in decided.text
    note = await author.expect_message()
    assert note.text == ru("notify-rejected", number=number, direction=URBAN_LABEL, reason=reason)
    assert fake.refused == []


async def test_moderate_rejection_previews_and_a_colleague_deciding_first_is_told(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser
) -> None:
    group = await curator_chat(fake, admin, -1001000001401, "Кураторы")
    mod = await onboarded(fake, 14011, "Модератор")
    await bot.dp["repos"].roles.grant(mod.user_id, "organizer", granted_by=admin.user_id)
    author = await onboarded(fake, 14010, "Jane", "en", territory="Orsk")
    first = await send_idea(author, await write_idea(author, IDEA, lang="en", direction="Urban"), "en")
    second = await send_idea(author, await write_idea(author, IDEA_2, lang="en", direction="Urban"), "en")
    card1 = await group.expect_message()
    await group.expect_message()

    # Back-out word in /moderate, then a reason whose preview is in the author's language (English).
    await mod.send_command("/moderate")
    view = await mod.expect_message()
    assert ru("card-title", number=first, direction=URBAN_LABEL) in view.text
    await mod.press(view, button("ru", "mod-btn-reject"))
    ask = await mod.expect_message()
    assert ask.text == ru("reject-mod-ask", number=first, min=REASON_MIN, max=REASON_MAX)
    await mod.send("Отмена")
    assert (await mod.expect_message()).text == ru("reject-cancelled", number=first)
    await mod.press(view, button("ru", "mod-btn-reject"))
    await mod.expect_message()
    reason = "Такая идея уже есть в плане города"
    await mod.send(reason)
    shown = await mod.expect_message()
    assert shown.text == preview_text("reject-preview", first, reason, lang="en")

    # A curator accepts the idea meanwhile: Send is refused, the preview says so, the author hears only of that.
    await admin.press(card1, button("ru", "card-accept"))
    await author.expect_message()
    res = await mod.press(shown, button("ru", "reject-btn-send"))
    assert res.show_alert and res.text == ru("card-already")
    assert (await mod.expect_edit(shown)).text == ru("reject-already", number=first)
    assert await status_of(bot, first) == "accepted"

    # The next idea: Send rejects it, the /moderate view shows it, the author is told once.
    await mod.send_command("/moderate")
    view = await mod.expect_message()
    assert ru("card-title", number=second, direction=URBAN_LABEL) in view.text
    await mod.press(view, button("ru", "mod-btn-reject"))
    await mod.expect_message()
    await mod.send(reason)
    shown = await mod.expect_message()
    await mod.press(shown, button("ru", "reject-btn-send"))
    assert (await mod.expect_edit(shown)).text == preview_text("reject-sent", second, reason, lang="en")
    assert ru("card-status-rejected", who="Модератор", reason=reason) in (await mod.expect_edit(view)).text
    assert (await mod.expect_message()).text == ru("mod-queue-empty")
    note = await author.expect_message()
    assert note.text == en("notify-rejected", number=second, direction=URBAN_EN, reason=reason)
    assert fake.refused == []


async def test_the_issues_near_copy_of_an_accepted_idea_is_offered_as_similar(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser
) -> None:
    group = await curator_chat(fake, admin, -1001000001402, "Кураторы Орска")
    author = await onboarded(fake, 14020, "Автор", territory="Орск")
    original = "Благоустроить сквер у ДК металлургов в Орске, поставить лавочки и фонари."
    number = await send_idea(author, await write_idea(author, original, direction=URBAN))
    await admin.press(await group.expect_message(), button("ru", "card-accept"))  # now public
    await author.expect_message()

    neighbour = await onboarded(fake, 14021, "Соседка", territory="Орск")
    offer = await start_idea(
        neighbour, "Привести в порядок сквер у ДК металлургов в Орске: нужны скамейки и освещение."
    )
    assert offer.text.startswith(ru("idea-similar")) and str(number) in offer.text and "ДК металлургов" in offer.text
    # The same words about another town are another idea: straight on to the photos.
    other = await onboarded(fake, 14022, "Гость", territory="Новотроицк")
    ask_photos = await start_idea(other, original.replace("Орске", "Новотроицке"))
    assert "🔍" not in ask_photos.text and "Добавьте фото" in ask_photos.text
    assert fake.refused == []
