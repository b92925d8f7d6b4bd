"""Steps that scripted people repeat in many tests, asserting what they see on the way."""

from __future__ import annotations

import re
from datetime import datetime

from bot.telegram.middlewares import InFlightMiddleware
from fake_telegram import BotMessage, FakeTelegram, ScriptedGroup, ScriptedUser
from tests.support.clock import TZ, local_day, typed
from tests.support.in_process import InProcessBot
from tests.support.locale_text import button, ru, shown

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

RU = {
    "accept": "✅ Согласие даю",
    "decline": "Не даю согласия",
    "done": "Готово",
    "skip": "Пропустить",
    "send": "📨 Отправить",
    "edit": "✏️ Изменить",
    "cancel": "✖ Отмена",
}
EN = {
    "accept": "✅ I agree",
    "decline": "I don't agree",
    "done": "Done",
    "skip": "Skip",
    "send": "📨 Send",
    "edit": "✏️ Edit",
    "cancel": "✖ Cancel",
}


def words(lang: str) -> dict[str, str]:
    return EN if lang == "en" else RU


async def accept_consent(
    user: ScriptedUser, lang: str = "ru", payload: str | None = None
) -> tuple[BotMessage, BotMessage]:
    """/start (with a deep link's ``payload``) → "I agree", checking each screen; returns the consent message
    (its buttons gone) and the next question, where the person lives."""
    await user.send_command("/start", payload=payload)
    intro = await user.expect_message()
    opt_in = button(lang, "staff-btn-resident")
    if intro.buttons == [[opt_in]]:  # staff: their welcome first; they opt in to the residents' features
        await user.press(intro, opt_in)
        intro = await user.expect_message()
    assert ("Здравствуйте" if lang == "ru" else "Hello") in intro.text
    consent = await user.expect_message()
    assert ("Согласие на обработку" if lang == "ru" else "Consent to the processing") in consent.text
    await user.press(consent, words(lang)["accept"])
    cleared = await user.expect_edit(consent)  # the consent text stays, without its buttons
    assert cleared.buttons == [] and cleared.text == consent.text
    ask = await user.expect_message()  # what was accepted, then the next question
    assert ("согласие принято" if lang == "ru" else "consent is recorded") in ask.text
    assert ("Где вы живёте" if lang == "ru" else "Where do you live") in ask.text
    return consent, ask


async def onboard(
    user: ScriptedUser, lang: str = "ru", territory: str = "Оренбург", subscribe: str | None = None
) -> None:
    """/start → consent → territory → subscriptions, checking each screen."""
    w = words(lang)
    _, ask = await accept_consent(user, lang)
    await user.press(ask, territory)
    saved = await user.expect_edit(ask)  # the question becomes its answer
    assert territory in saved.text and saved.buttons == []
    subs = await user.expect_message()
    assert ("О каких направлениях" if lang == "ru" else "Which directions") in subs.text
    if subscribe:
        await user.press(subs, subscribe)
        updated = await user.expect_edit(subs)
        assert any(subscribe in b and "✅" in b for row in updated.buttons for b in row)
    await user.press(subs, w["done"])
    saved_subs = await user.expect_edit(subs)
    assert ("Подписки" if lang == "ru" else "ubscriptions") in saved_subs.text and saved_subs.buttons == []
    if subscribe:
        assert subscribe in saved_subs.text
    done = await user.expect_message()
    assert ("Всё готово" if lang == "ru" else "All set") in done.text


async def onboarded(
    fake: FakeTelegram,
    user_id: int,
    first_name: str,
    lang: str = "ru",
    territory: str = "Оренбург",
    subscribe: str | None = None,
    **profile: str,
) -> ScriptedUser:
    """A new person whose Telegram speaks ``lang`` (``profile``: last_name, username), onboarded (``onboard``)."""
    user = fake.user(user_id, first_name=first_name, language_code=lang, **profile)
    await onboard(user, lang, territory, subscribe)
    return user


async def start_idea(user: ScriptedUser, text: str, lang: str = "ru") -> BotMessage:
    """/idea and its text; returns what the bot answers the text with (the photos question, or similar public
    ideas first)."""
    await user.send_command("/idea")
    ask = await user.expect_message()
    assert ("Опишите идею" if lang == "ru" else "Describe your idea") in ask.text
    await user.send(text)
    return await user.expect_message()


async def write_idea(
    user: ScriptedUser,
    text: str,
    lang: str = "ru",
    photos: int = 0,
    address: str | None = None,
    direction: str | None = None,
) -> BotMessage:
    """/idea through to the summary; returns the summary message (not yet sent)."""
    w = words(lang)
    ask_photos = await start_idea(user, text, lang)
    if "🔍" in ask_photos.text:  # similar public ideas offered first: go on with this one
        await user.press(ask_photos, "У меня другое" if lang == "ru" else "Mine is different")
        ask_photos = await user.expect_message()
    assert ("Добавьте фото" if lang == "ru" else "Add photos") in ask_photos.text
    if photos == 1:
        await user.send_photo()
        ack = await user.expect_message()
        assert "1" in ack.text
        await user.press(ack, w["done"])
    elif photos > 1:
        await user.send_album(photos)
        ack = await user.expect_message()
        assert f"{photos}" in ack.text
        await user.press(ack, w["done"])
    else:
        await user.press(ask_photos, w["skip"])
    ask_place = await user.expect_message()
    assert ("Где это" if lang == "ru" else "Where is it") in ask_place.text
    if address:
        await user.send(address)
    else:
        await user.press(ask_place, w["skip"])
    route = await user.expect_message()
    assert any(word in route.text for word in ("направлени", "looks like", "direction")), route.text
    if direction is None:
        await user.press(route, route.buttons[0][0])
    else:
        if not any(direction in b for row in route.buttons for b in row):
            await user.press(route, "…")
            route = await user.expect_edit(route)
        await user.press(route, direction)
    summary = await user.expect_message()
    assert ("Проверьте идею" if lang == "ru" else "Check your idea") in summary.text
    return summary


async def send_idea(user: ScriptedUser, summary: BotMessage, lang: str = "ru") -> int:
    await user.press(summary, words(lang)["send"])
    sent = await user.expect_message()
    found = re.search(r"[#№]\s?(\d+)", sent.text)  # «№ 12» in Russian, "#12" in English
    assert found, sent.text
    number = int(found.group(1))
    return number


async def bind_curator_chat(
    admin: ScriptedUser, group: ScriptedGroup, direction: str, thread_id: int | None = None
) -> None:
    await admin.send_in(group, "/bind_direction", thread_id=thread_id)
    ask = await group.expect_message(thread_id=thread_id)
    await admin.press(ask, direction)
    done = await admin.expect_edit(ask)
    assert direction in done.text


async def curator_chat(
    fake: FakeTelegram,
    admin: ScriptedUser,
    chat_id: int,
    title: str,
    direction: str = "Развитие городской среды",
    *,
    joined: bool = False,
) -> ScriptedGroup:
    """A group the superadmin binds to the ideas of ``direction`` (/bind_direction), where they are an
    administrator (``joined``: a member who has just joined, the bot told so)."""
    group = fake.group(chat_id, title=title)
    if joined:
        fake.join(group, admin)
    else:
        fake.add_member(group, admin, status="administrator")
    await bind_curator_chat(admin, group, direction)
    return group


async def card_to_implemented(person: ScriptedUser, card: BotMessage, who: str) -> BotMessage:
    """An accepted idea's card (in a curators' chat or under /moderate) taken on to "In progress", then
    "Implemented": each step shows on the card with ``who`` took it, and only the next step's button is left.
    Returns the card as it ends."""
    await person.press(card, button("ru", "card-in-progress"))
    card = await person.expect_edit(card)
    assert ru("card-status-in_progress", who=who) in card.text
    assert card.buttons == [[button("ru", "card-implemented")], [button("ru", "choose-btn-open")]]
    await person.press(card, button("ru", "card-implemented"))
    card = await person.expect_edit(card)
    assert ru("card-status-implemented", who=who) in card.text and card.buttons == []
    return card


# --- superadmins: organizers --------------------------------------------------------------------------------


async def appoint_organizer(fake: FakeTelegram, admin: ScriptedUser, user_id: int, first_name: str) -> ScriptedUser:
    """A new resident, onboarded, whom the superadmin makes an organizer (/organizers add <id>)."""
    person = await onboarded(fake, user_id, first_name)
    await admin.send_command("/organizers", f"add {user_id}")
    await admin.expect_message()
    return person


# --- organizers: sessions ---------------------------------------------------------------------------------


async def answer_step(admin: ScriptedUser, text: str, expect: str) -> BotMessage:
    await admin.send(text)
    reply = await admin.expect_message()
    assert expect in reply.text, reply.text
    return reply


async def new_session_to_start(
    admin: ScriptedUser,
    title: str = "Двор мечты",
    description: str = "Проектируем двор вместе с жителями.",
    direction: str = "Развитие городской среды",
) -> None:
    """/new_session through its title, description and direction, up to the question when it starts."""
    await admin.send_command("/new_session")
    await admin.expect_message()  # intro
    await admin.expect_message()  # title?
    await answer_step(admin, title, ru("sadm-ask-description", max=1500))
    directions = await answer_step(admin, description, ru("sadm-ask-direction"))
    await admin.press(directions, direction)
    await admin.expect_edit(directions)
    await admin.expect_message()  # start?


async def create_session(
    admin: ScriptedUser,
    title: str = "Двор мечты",
    start: datetime | None = None,
    capacity: str = "10",
    deadline: str = "-",
) -> tuple[int, BotMessage]:
    """/new_session straight through; returns the session number and its management message."""
    start = start or local_day(30)
    await new_session_to_start(admin, title)
    await answer_step(admin, typed(start), ru("sadm-ask-duration"))
    await answer_step(admin, "2 часа", ru("sadm-ask-place", max=300))
    await answer_step(admin, "Оренбург, ул. Советская, 1", ru("sadm-ask-capacity", capacity_max=100_000))
    await answer_step(admin, capacity, ru("sadm-ask-deadline", tz=TZ.key))
    summary = await answer_step(admin, deadline, ru("sadm-summary"))
    await admin.press(summary, button("ru", "sadm-btn-create"))
    created = await admin.expect_edit(summary)
    number = int(created.text.split("№", 1)[1].split()[0])
    manage = await admin.expect_message()
    assert manage.text.startswith(ru("sadm-manage-title", number=number, status=ru("sadm-status-scheduled")))
    return number, manage


# --- session chats: polls ---------------------------------------------------------------------------------


async def idle(bot: InProcessBot) -> None:
    """Until every update the bot has taken is handled to the end (e.g. a poll it sent is also stored)."""
    in_flight = next(m for m in bot.dp.update.outer_middleware if isinstance(m, InFlightMiddleware))
    assert await in_flight.wait_idle(seconds=5)


async def post_poll(bot: InProcessBot, admin: ScriptedUser, group: ScriptedGroup, line: str) -> BotMessage:
    await admin.send_in(group, "/poll " + line)
    poll = await group.expect_message()
    assert poll.kind == "poll" and poll.poll is not None, poll.summary()
    await idle(bot)
    return poll


async def reply_in(user: ScriptedUser, group: ScriptedGroup, text: str, to: BotMessage) -> BotMessage:
    await user.send_in(group, text, reply_to=to)
    return await group.expect_message()


async def expect_results(group: ScriptedGroup, fake: FakeTelegram) -> tuple[BotMessage, BotMessage]:
    text = await group.expect_message()
    chart = await group.expect_message()
    assert chart.kind == "photo" and (fake.file_data(chart.photo or "") or b"").startswith(PNG_SIGNATURE)
    return text, chart


# --- residents arriving during a broadcast (tests/e2e/test_mixed_load.py, bench/mixed_bench.py) ----------------

DIRECTIONS = ["Технологическое лидерство", "Социальные проекты", "Развитие городской среды", "Молодые профессионалы"]
IDEA_TEXTS = [
    "Открыть кружок робототехники и программирования для школьников в библиотеке",
    "Организовать волонтёрскую помощь пожилым соседям с покупками продуктов",
    "Благоустроить сквер у школы: лавочки, освещение и новые деревья",
    "Сделать стажировки для студентов в местных компаниях на лето",
]


async def curator_chats(fake: FakeTelegram, admin: ScriptedUser, first_chat_id: int) -> list[ScriptedGroup]:
    """A curators' group for each of the four directions (chat ids down from ``first_chat_id``), which the
    superadmin has joined and bound."""
    return [
        await curator_chat(fake, admin, first_chat_id - i, f"Кураторы {i}", direction, joined=True)
        for i, direction in enumerate(DIRECTIONS)
    ]


async def newcomer_with_idea(fake: FakeTelegram, user_id: int, n: int) -> int:
    """The ``n``-th newcomer: onboarded, then an idea for the ``n % 4``-th direction sent. Returns its number."""
    user = await onboarded(fake, user_id, f"Новый {n}")
    return await send_idea(user, await write_idea(user, f"{IDEA_TEXTS[n % 4]} ({n})", direction=DIRECTIONS[n % 4]))


def notice_button(key: str, on: bool, lang: str = "ru") -> str:
    """A notice's toggle on /settings → «Уведомления» (``key``: its label, e.g. profile-notice-reminders)."""
    return f"{'✅' if on else '⬜'} {button(lang, key)}"


async def open_notices(user: ScriptedUser, lang: str = "ru") -> BotMessage:
    """/settings → «Уведомления»: the notices screen (the settings message, edited)."""
    await user.send_command("/settings")
    screen = await user.expect_message()
    await user.press(screen, button(lang, "profile-btn-notices"))
    notices = await user.expect_edit(screen)
    assert notices.text == shown(lang, "profile-notices-ask")
    return notices
