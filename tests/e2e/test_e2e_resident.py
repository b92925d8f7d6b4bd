"""End to end through the fake Bot API: residents, curators and superadmins as scripted people."""

from __future__ import annotations

import asyncio
import re

import pytest

from bot.consent import CONSENT_EDITION
from bot.services.ideas import REASON_MAX, REASON_MIN, TEXT_MAX, TEXT_MIN
from fake_telegram import FakeTelegram, ScriptedUser
from tests.support.in_process import InProcessBot
from tests.support.locale_text import button, en, ru, ru_pattern
from tests.support.scenarios import (
    accept_consent,
    bind_curator_chat,
    curator_chat,
    onboarded,
    send_idea,
    start_idea,
    write_idea,
)

IDEA_RU = "Поставить скамейки и фонари в сквере у школы №5, вечером там темно и негде присесть."
IDEA_EN = (
    "Put benches and streetlights in the square by school 5: it is dark in the evening and there is nowhere to sit."
)
URBAN = "🌳 Развитие городской среды"  # directions' labels and the superadmin's name: data, not wording
URBAN_EN = "🌳 Urban environment"
SOCIAL = "🤝 Социальные проекты"
ADMIN_NAME = "Ольга Админова"
DAY_TIME = r"\d\d\.\d\d\.\d{4} \d\d:\d\d"  # 05.12.2026 18:00


CARD_BUTTONS = [[button("ru", "card-accept"), button("ru", "card-reject")], [button("ru", "card-move")]]


async def test_full_path_russian(fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser) -> None:
    group = await curator_chat(fake, admin, -1001000000001, "Кураторы городской среды")

    anna = await onboarded(fake, 1001, "Анна", territory="Орск", subscribe="Социальные проекты", username="anna")
    summary = await write_idea(anna, IDEA_RU, photos=2, address="ул. Ленина, 10")
    assert summary.text == ru(
        "idea-summary", text=IDEA_RU, photos=2, place="ул. Ленина, 10", territory="Орск", direction=URBAN
    )
    number = await send_idea(anna, summary)

    album = await group.expect_message()
    assert album.kind == "media_group_item"
    await group.expect_message()
    card = await group.expect_message()
    assert ru("card-title", number=number, direction=URBAN) in card.text
    assert IDEA_RU in card.text
    assert "Анна (@anna)" in card.text and "Орск" in card.text and "ул. Ленина, 10" in card.text
    assert card.buttons == CARD_BUTTONS

    result = await admin.press(card, button("ru", "card-accept"))
    assert result.text == ru("card-accepted-toast")
    edited = await admin.expect_edit(card)
    assert ru("card-status-accepted", who=ADMIN_NAME) in edited.text
    later_steps = [
        [button("ru", "card-in-progress")],
        [button("ru", "card-implemented")],
        [button("ru", "choose-btn-open")],
    ]
    assert edited.buttons == later_steps  # the later steps (issue 3)
    note = await anna.expect_message()
    assert note.text == ru("notify-accepted", number=number, direction=URBAN)

    await anna.send_command("/my")
    my = await anna.expect_message()
    assert f"№\u00a0{number}" in my.text and ru("status-accepted") in my.text
    assert fake.refused == []


async def test_full_path_english_with_reject_reason(fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser) -> None:
    group = await curator_chat(fake, admin, -1001000000002, "Urban curators")

    bob = await onboarded(fake, 1002, "Bob", "en", territory="Orenburg")
    summary = await write_idea(bob, IDEA_EN, lang="en")
    assert summary.text == en(
        "idea-summary", text=IDEA_EN, photos=0, place=en("idea-place-none"), territory="Orenburg", direction=URBAN_EN
    )
    number = await send_idea(bob, summary, "en")
    card = await group.expect_message()
    assert IDEA_EN in card.text

    await admin.press(card, button("ru", "card-reject"))
    ask = await group.expect_message()
    assert ask.text == ru("reject-ask", who=ADMIN_NAME, number=number, min=REASON_MIN, max=REASON_MAX)
    await admin.send_in(group, "Коллеги, обсудим завтра")  # chatter, not a reply: not the reason
    await admin.send_in(group, "ab", reply_to=ask)
    too_short = await group.expect_message()
    assert too_short.text.startswith(ru("reject-reason-short", length=2, min=REASON_MIN))
    reason = "Такой проект уже в плане <на 2027> & согласован"
    await admin.send_in(group, reason, reply_to=ask)
    await admin.press(await group.expect_message(), button("ru", "reject-btn-send"))  # the preview
    edited = await admin.expect_edit(card)
    assert ru("card-status-rejected", who=ADMIN_NAME, reason=reason) in edited.text
    assert "обсудим завтра" not in edited.text
    note = await bob.expect_message()
    assert note.text == en("notify-rejected", number=number, direction=URBAN_EN, reason=reason)
    assert fake.refused == []


async def test_decline_consent_then_idea_is_refused(fake: FakeTelegram, bot: InProcessBot) -> None:
    user = fake.user(1003, first_name="Игорь", language_code="ru")
    await user.send_command("/start")
    await user.expect_message()
    consent = await user.expect_message()
    await user.press(consent, button("ru", "consent-decline"))
    declined = await user.expect_message()
    assert declined.text == ru("consent-declined")
    stored = await bot.dp["repos"].users.get(user.user_id)
    assert stored is not None and stored.consent_status == "declined"
    assert (stored.first_name, stored.last_name, stored.username, stored.territory_code, stored.language) == (
        None,
        None,
        None,
        None,
        None,
    )
    await user.send_command("/idea")
    refusal = await user.expect_message()
    assert refusal.text == ru("consent-required")
    assert refusal.buttons == [[button("ru", "consent-review")]]
    await user.send("просто текст")
    hint = await user.expect_message()
    assert hint.text == ru("consent-required")


async def test_consent_language_switch_and_language_command(fake: FakeTelegram, bot: InProcessBot) -> None:
    user = fake.user(1004, first_name="Kate", language_code="de")
    await user.send_command("/start")
    intro = await user.expect_message()
    assert intro.text == en("consent-intro")  # non-Russian Telegram language → English
    consent = await user.expect_message()
    await user.press(consent, button("en", "lang-switch"))
    switched = await user.expect_edit(consent)
    assert switched.text == ru("consent-text", version=CONSENT_EDITION)
    await user.send_command("/language")
    picker = await user.expect_message()
    await user.press(picker, "🇬🇧 English")
    done = await user.expect_message()
    assert done.text == en("language-set")


async def test_forged_and_foreign_curator_callbacks_change_nothing(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser
) -> None:
    group = await curator_chat(fake, admin, -1001000000003, "Tech curators", "Технологическое лидерство")
    author = await onboarded(fake, 1005, "Пётр")
    summary = await write_idea(
        author, "Сделать бесплатный Wi-Fi и зарядки для телефонов в парке", direction="Технологическое лидерство"
    )
    number = await send_idea(author, summary)
    card = await group.expect_message()

    stranger = fake.user(1006, first_name="Mallory", language_code="ru")
    fake.add_member(group, stranger, status="member")
    res = await stranger.press(card, button("ru", "card-accept"))
    assert res.show_alert and res.text == ru("not-allowed")
    res = await stranger.press_data(group.chat_id, card.message_id, f"card1:reject:{number}:0")
    assert res.text == ru("not-allowed")
    res = await author.press_data(author.user_id, card.message_id, f"card1:accept:{number}:0")
    assert res.text == ru("not-allowed")
    # a superadmin pressing forged data for an idea that does not exist
    res = await admin.press_data(group.chat_id, card.message_id, "card1:accept:99999:0")
    assert res.text == ru("card-missing")
    res = await admin.press_data(group.chat_id, card.message_id, "card1:explode:1")
    assert res.answered
    await author.send_command("/my")
    my = await author.expect_message()
    assert ru("status-new") in my.text
    assert card.edits == []
    assert fake.refused == []


async def test_move_to_another_direction(fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser) -> None:
    urban = fake.group(-1001000000004, title="Urban")
    social = fake.group(-1001000000005, title="Social")
    for g in (urban, social):
        fake.add_member(g, admin, status="administrator")
    await bind_curator_chat(admin, urban, "Развитие городской среды")
    await bind_curator_chat(admin, social, "Социальные проекты")
    user = await onboarded(fake, 1007, "Вера")
    number = await send_idea(user, await write_idea(user, IDEA_RU))
    card = await urban.expect_message()
    await admin.press(card, button("ru", "card-move"))
    menu = await admin.expect_edit(card)
    assert [SOCIAL] in menu.buttons
    await admin.press(menu, SOCIAL)
    moved = await admin.expect_edit(card)
    assert ru("card-status-moved", direction=SOCIAL, who=ADMIN_NAME) in moved.text and moved.buttons == []
    new_card = await social.expect_message()
    assert ru("card-title", number=number, direction=SOCIAL) in new_card.text
    note = await user.expect_message()
    assert note.text == ru("notify-moved", number=number, direction=SOCIAL)


async def test_no_curator_chat_sends_card_to_superadmins(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser
) -> None:
    await admin.send_command("/help")  # the superadmin has a private chat with the bot
    await admin.expect_message()
    user = await onboarded(fake, 1008, "Лев")
    number = await send_idea(user, await write_idea(user, IDEA_RU))
    card = await admin.expect_message()
    # One message: why it came here (no curator chat bound), then the card itself.
    assert card.text.startswith(ru("card-fallback-note", direction=URBAN))
    assert ru("card-title", number=number, direction=URBAN) in card.text and card.buttons
    await admin.press(card, button("ru", "card-accept"))
    assert (await user.expect_message()).text == ru("notify-accepted", number=number, direction=URBAN)


async def test_no_curator_chat_sends_card_to_the_directions_curators_too(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser
) -> None:
    await admin.send_command("/help")
    await admin.expect_message()
    curator = await onboarded(fake, 1010, "Кира")
    roles = bot.dp["repos"].roles
    await roles.add_organizer(curator.id, admin.id)
    await roles.make_curator(curator.id, 3, admin.id)  # Развитие городской среды
    user = await onboarded(fake, 1011, "Лев")
    number = await send_idea(user, await write_idea(user, IDEA_RU))
    to_curator = await curator.expect_message()
    to_admin = await admin.expect_message()
    for card in (to_curator, to_admin):
        assert card.text.startswith(ru("card-fallback-note", direction=URBAN))
        assert ru("card-title", number=number, direction=URBAN) in card.text and card.buttons
    await curator.press(to_curator, button("ru", "card-accept"))
    assert (await user.expect_message()).text == ru("notify-accepted", number=number, direction=URBAN)
    assert "Кира" in (await admin.expect_edit(to_admin)).text  # the superadmin's copy shows who decided


async def test_hostile_text_and_names_reach_curators_intact(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser
) -> None:
    group = await curator_chat(fake, admin, -1001000000006, "Urban")
    user = await onboarded(fake, 1009, '<b>Хакер</b> & "Ко"', last_name="</i>🙂", username="x_y")
    text = 'Парк <script>alert(1)</script> & лавочки "тут" 🌳🌳 ' + "🌳" * 1000
    text = text[:2000]
    summary = await write_idea(user, text, address="<ул. & Мира>")
    assert "<ул. & Мира>" in summary.text
    await send_idea(user, summary)
    messages = [await group.expect_message()]
    while not messages[-1].buttons:
        messages.append(await group.expect_message())
    seen = "\n".join(m.text for m in messages)
    assert text in seen
    assert '<b>Хакер</b> & "Ко" </i>🙂 (@x_y)' in messages[-1].text
    assert "<ул. & Мира>" in messages[-1].text
    assert fake.refused == []


async def test_text_limits_and_cancel(fake: FakeTelegram, bot: InProcessBot) -> None:
    user = await onboarded(fake, 1010, "Ира")
    await user.send_command("/idea")
    await user.expect_message()
    await user.send("коротко")
    assert (await user.expect_message()).text == ru("idea-text-short", length=7, min=TEXT_MIN)
    await user.send("а" * 2001)
    assert (await user.expect_message()).text == ru("idea-text-long", length=2001, max=TEXT_MAX)  # "2 001"
    await user.send_sticker()
    assert (await user.expect_message()).text == ru("idea-text-need")
    await user.send_command("/cancel")
    cancelled = await user.expect_message()
    assert cancelled.text == ru("idea-cancelled")
    await user.send_command("/cancel")
    assert (await user.expect_message()).text == ru("nothing-to-cancel")


async def test_edit_from_summary(fake: FakeTelegram, bot: InProcessBot) -> None:
    user = await onboarded(fake, 1011, "Оля")
    summary = await write_idea(user, IDEA_RU)
    await user.press(summary, button("ru", "idea-edit"))
    menu = await user.expect_edit(summary)
    await user.press(menu, button("ru", "idea-edit-place"))
    ask = await user.expect_message()
    assert ask.text == ru("idea-ask-place")
    await user.send_location(51.7682, 55.0969)
    again = await user.expect_message()
    point = ru("idea-place-point")  # the link to the map, in words: never raw coordinates
    assert again.text == ru(
        "idea-summary", text=IDEA_RU, photos=0, place=point, territory="Оренбург", direction=URBAN
    ), again.text
    await send_idea(user, again)


async def test_quota_refuses_extra_ideas(fake: FakeTelegram, start_bot, admin: ScriptedUser) -> None:  # type: ignore[no-untyped-def]
    await start_bot(ideas_per_day=2)
    user = await onboarded(fake, 1012, "Квота")
    for _ in range(2):
        await send_idea(user, await write_idea(user, IDEA_RU))
    await user.send_command("/idea")
    refusal = await user.expect_message()
    assert re.fullmatch(ru_pattern("idea-quota", {"when": DAY_TIME}, limit=2), refusal.text), refusal.text


async def test_album_is_one_acknowledgement_and_limit(fake: FakeTelegram, bot: InProcessBot) -> None:
    user = await onboarded(fake, 1013, "Фото")
    await start_idea(user, IDEA_RU)
    await user.send_album(8)
    ack = await user.expect_message()
    assert ack.text == ru("idea-photos-added", count=8, max=10)
    await user.send_album(4)
    full = await user.expect_message()
    assert full.text == ru("idea-photos-full", max=10)
    await user.press(full, button("ru", "btn-done"))
    await user.expect_message()  # where is it?
    await user.send_command("/help")
    assert (await user.expect_message()).text == ru("help")


async def test_other_updates_get_hints_or_silence(fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser) -> None:
    user = await onboarded(fake, 1014, "Тест")
    await user.send_voice()
    assert (await user.expect_message()).text == ru("hint-unknown")
    await user.send_document(file_name="plan.pdf")
    assert (await user.expect_message()).text == ru("hint-unknown")
    msg = await user.send("привет")
    assert (await user.expect_message()).text == ru("hint-unknown")
    await user.edit(msg, "привет!")
    assert (await user.expect_message()).text == ru("edited-not-read")  # an edit is answered, not re-read
    group = fake.group(-1001000000007, title="Chatter")
    fake.add_member(group, user, status="member")
    await user.send_in(group, "всем привет")
    await user.send_in(group, "/start")
    await user.send_command("/help")
    assert (await user.expect_message()).text == ru("help")
    await user.send_in(group, "и ещё")  # same person, same chat: handled after the two above
    await admin.send_command("/help")
    await admin.expect_message()
    assert group.inbox == []
    await user.block()
    await user.unblock()
    await user.send_command("/help")
    assert (await user.expect_message()).text == ru("help")


async def test_deep_link_passes_through_onboarding(fake: FakeTelegram, bot: InProcessBot) -> None:
    user = fake.user(1015, first_name="Deep", language_code="ru")
    _, ask = await accept_consent(user, payload="idea")
    assert ask.text == ru("consent-accepted", version=CONSENT_EDITION) + "\n\n" + ru("territory-ask")
    await user.press(ask, "Бузулук")
    assert (await user.expect_edit(ask)).text == ru("territory-set", name="Бузулук")
    subs = await user.expect_message()
    await user.press(subs, button("ru", "subs-done"))
    assert (await user.expect_edit(subs)).text == ru("subs-saved", count=0, names="")
    assert (await user.expect_message()).text == ru("onboarding-done")
    prompt = await user.expect_message()
    assert prompt.text == ru("idea-ask-text", min=TEXT_MIN, max=TEXT_MAX)
    await user.send_command("/start", payload="bogus-payload")
    assert (await user.expect_message()).text == ru("deeplink-unknown")


async def test_territory_typed_and_paged(fake: FakeTelegram, bot: InProcessBot) -> None:
    user = fake.user(1016, first_name="Typed", language_code="ru")
    _, ask = await accept_consent(user)
    assert ask.buttons[0] == ["Оренбург", "Орск"]
    await user.press(ask, "▶")
    page2 = await user.expect_edit(ask)
    assert page2.buttons[0] == ["Ясный", "Адамовский район"]
    await user.send("Атлантида")
    assert (await user.expect_message()).text == ru("territory-not-found", text="Атлантида")
    await user.send("в гае")
    saved = await user.expect_message()  # typed: the confirmation opens the next question
    assert saved.text == ru("territory-set", name="Гай") + "\n\n" + ru("subs-ask")


async def test_help_privacy_and_delete_me(fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser) -> None:
    user = await onboarded(fake, 1017, "Удалить")
    number = await send_idea(user, await write_idea(user, IDEA_RU))
    await user.send_command("/privacy")
    summary = await user.expect_message()
    status = ru("privacy-status-current", version=CONSENT_EDITION)
    assert summary.text == ru("privacy-summary", contact=ru("privacy-contact-none"), status=status)
    await user.press(summary, button("ru", "consent-full-text"))
    assert (await user.expect_message()).text == ru("consent-text", version=CONSENT_EDITION)
    await user.send_command("/delete_me")
    ask = await user.expect_message()
    await user.press(ask, button("ru", "delete-no"))
    assert (await user.expect_message()).text == ru("delete-kept")
    await user.send_command("/delete_me")
    ask = await user.expect_message()
    await user.press(ask, button("ru", "delete-yes"))
    assert (await user.expect_message()).text == ru("delete-done")
    await user.send_command("/my")
    assert (await user.expect_message()).text == ru("my-no-data")
    await user.send_command("/delete_me")
    assert (await user.expect_message()).text == ru("delete-nothing")
    repos = bot.dp["repos"]
    assert await repos.users.get(user.user_id) is None  # nothing names them (tests/e2e/test_delete_me.py: every table)
    idea = await repos.ideas.get(number)
    assert idea is not None and idea.author_id is None and idea.text == IDEA_RU  # the idea stays, without author


async def test_commands_menu_set_per_language(fake: FakeTelegram, bot: InProcessBot) -> None:
    langs = {key[1] for key in fake.commands}
    assert {"ru", "en"} <= langs
    en = next(v for k, v in fake.commands.items() if k[1] == "en" and any(c["command"] == "idea" for c in v))
    assert {"command": "idea", "description": button("en", "cmd-idea")} in en


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_bind_direction_refused_for_non_admins(fake: FakeTelegram, bot: InProcessBot, lang: str) -> None:
    group = fake.group(-1001000000010 - len(lang), title="G")
    user = fake.user(1020, first_name="Nobody", language_code=lang)
    fake.add_member(group, user, status="administrator")
    await user.send_in(group, "/bind_direction")
    reply = await group.expect_message()
    assert "⛔" in reply.text
    await user.send_command("/bind_direction")
    assert "/bind_direction" in (await user.expect_message()).text


async def test_album_with_caption_is_text_and_photos(fake: FakeTelegram, bot: InProcessBot) -> None:
    user = await onboarded(fake, 1030, "Альбом")
    await user.send_command("/idea")
    await user.expect_message()
    await user.send_album(3, caption=IDEA_RU)
    ack = await user.expect_message()
    assert ack.text == ru("idea-photos-added", count=3, max=10)
    await user.press(ack, button("ru", "btn-done"))
    await user.press(await user.expect_message(), button("ru", "btn-skip"))
    route = await user.expect_message()
    direction = route.buttons[0][0]
    await user.press(route, direction)
    summary = await user.expect_message()
    assert summary.text == ru(
        "idea-summary", text=IDEA_RU, photos=3, place=ru("idea-place-none"), territory="Оренбург", direction=direction
    )


async def test_double_taps_and_old_buttons_keep_the_draft(fake: FakeTelegram, bot: InProcessBot) -> None:
    user = fake.user(1031, first_name="Двойной", language_code="ru")
    consent, ask = await accept_consent(user)
    await user.press(ask, "Оренбург")
    await user.press(await user.expect_message(), button("ru", "subs-done"))
    assert (await user.expect_message()).text == ru("onboarding-done")
    await user.press(await start_idea(user, IDEA_RU), button("ru", "btn-skip"))
    await user.press(await user.expect_message(), button("ru", "btn-skip"))
    route = await user.expect_message()
    other = button("ru", "idea-route-other")
    first, second = await asyncio.gather(user.press(route, other), user.press(route, other))
    assert first.answered and second.answered
    await user.expect_edit(route)
    assert len(route.buttons) == 5  # four directions and Cancel
    # an old consent button pressed now does not throw the draft away
    await user.press_data(user.user_id, consent.message_id, "cons1:accept")
    resumed = await user.expect_message()
    assert resumed.text == ru("idea-route-need")
    # the second tap's edit is refused by Telegram as "not modified": handled, nothing else refused
    assert all("message is not modified" in (r.error or "") for r in fake.refused)
