"""The self-service profile, end to end through the fake Bot API: /settings with the territory, the directions,
the notices and the language changed on one message (onboarding's own pickers, back to the settings screen);
the main menu's «Сессии» and «Настройки»; «Мои записи» with a place and a waitlist place given up (the next in
line offered the place); session reminders turned off (a reminder goes to the other registrant only)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from fake_telegram import BotMessage, FakeTelegram, ScriptedUser
from tests.support.clock import local_day, move_clock_to
from tests.support.in_process import InProcessBot
from tests.support.locale_text import button, en, ru, ru_pattern
from tests.support.scenarios import notice_button, onboard, open_notices
from tests.support.seeding import Resident, add_registration, add_session, make_reachable, seed_residents

URBAN = 3
URBAN_RU = "Развитие городской среды"
SOCIAL_RU = "Социальные проекты"


def profile(lang: str = "ru", **values: str) -> str:
    """The settings screen as the person reads it, with the seeded resident's values unless given."""
    shown = ru if lang == "ru" else en
    args = {
        "territory": "Оренбург",
        "directions": URBAN_RU,
        "announcements": shown("profile-on"),
        "followed": shown("profile-on"),
        "reminders": shown("profile-on"),
        "language": shown("lang-name"),
        **values,
    }
    return shown("profile-text", **args)


def settings_buttons(lang: str = "ru") -> list[list[str]]:
    return [
        [button(lang, "profile-btn-territory"), button(lang, "profile-btn-directions")],
        [button(lang, "profile-btn-notices"), button(lang, "profile-btn-language")],
        [button(lang, "profile-btn-sessions"), button(lang, "projects-join-btn-mine")],
    ]


async def back_to_settings(user: ScriptedUser, screen: BotMessage, expected: str) -> BotMessage:
    await user.press(screen, button("ru", "btn-back"))
    main = await user.expect_edit(screen)
    assert main.text == expected
    assert main.buttons == settings_buttons()
    return main


async def test_a_resident_changes_the_profile_on_one_message_and_the_menu_opens_it(
    fake: FakeTelegram, db_path: Path, start_bot
) -> None:
    await seed_residents(db_path, [Resident(8101, subscriptions=(URBAN,))])
    anna = make_reachable(fake, [8101])[8101]
    await start_bot()

    await anna.send_command("/settings")
    screen = await anna.expect_message()
    assert screen.text == profile()
    assert screen.buttons == settings_buttons()

    # --- territory: onboarding's picker with «Назад»; a page further keeps it; a pick comes back here
    await anna.press(screen, button("ru", "profile-btn-territory"))
    picker = await anna.expect_edit(screen)
    assert picker.text == ru("profile-territory-ask")
    assert picker.buttons[-1] == [button("ru", "btn-back")]
    await anna.press(picker, "▶")
    page2 = await anna.expect_edit(picker)
    assert "Ясный" in page2.buttons[0] and page2.buttons[-1] == [button("ru", "btn-back")]
    await anna.press(page2, "Ясный")
    changed = await anna.expect_edit(page2)
    assert changed.text == ru("profile-territory-saved", name="Ясный") + "\n\n" + profile(territory="Ясный")
    assert changed.buttons == settings_buttons()

    # --- directions: toggles saved at once, «Назад» instead of «Готово»
    await anna.press(changed, button("ru", "profile-btn-directions"))
    subs = await anna.expect_edit(changed)
    assert subs.text == ru("profile-subs-ask")
    assert subs.buttons[-1] == [button("ru", "btn-back")]
    assert f"✅ 🌳 {URBAN_RU}" in [b for row in subs.buttons for b in row]
    await anna.press(subs, f"⬜ 🤝 {SOCIAL_RU}")
    toggled = await anna.expect_edit(subs)
    assert f"✅ 🤝 {SOCIAL_RU}" in [b for row in toggled.buttons for b in row] and toggled.buttons[-1] == [
        button("ru", "btn-back")
    ]
    screen = await back_to_settings(anna, toggled, profile(territory="Ясный", directions=f"{SOCIAL_RU}, {URBAN_RU}"))

    # --- notices: the three toggles; reminders and followed ideas off
    await anna.press(screen, button("ru", "profile-btn-notices"))
    notices = await anna.expect_edit(screen)
    assert notices.text == ru("profile-notices-ask")
    assert notices.buttons == [
        [notice_button("profile-notice-announcements", True)],
        [notice_button("profile-notice-followed", True)],
        [notice_button("profile-notice-reminders", True)],
        [button("ru", "btn-back")],
    ]
    assert (await anna.press(notices, notice_button("profile-notice-reminders", True))).text == ru("settings-saved")
    notices = await anna.expect_edit(notices)
    assert notices.buttons[2] == [notice_button("profile-notice-reminders", False)]
    await anna.press(notices, notice_button("profile-notice-followed", True))
    notices = await anna.expect_edit(notices)
    assert notices.buttons[1] == [notice_button("profile-notice-followed", False)]
    off = ru("profile-off")
    screen = await back_to_settings(
        anna, notices, profile(territory="Ясный", directions=f"{SOCIAL_RU}, {URBAN_RU}", followed=off, reminders=off)
    )

    # --- language: onboarding's picker; the screen comes back in English, the main menu too
    await anna.press(screen, button("ru", "profile-btn-language"))
    languages = await anna.expect_edit(screen)
    assert languages.text == ru("language-choose")
    assert languages.buttons == [["🇷🇺 Русский", "🇬🇧 English"], [button("ru", "btn-back")]]
    await anna.press(languages, "🇬🇧 English")
    english = await anna.expect_edit(languages)
    assert english.text == profile(
        "en",
        territory="Yasny",
        directions="Social projects, Urban environment",
        followed=en("profile-off"),
        reminders=en("profile-off"),
    )
    assert english.buttons == settings_buttons("en")
    told = await anna.expect_message()
    assert told.text == en("language-set")
    assert told.buttons == [
        [button("en", "menu-idea"), button("en", "menu-ideas")],
        [button("en", "menu-my"), button("en", "menu-sessions")],
        [button("en", "menu-settings"), button("en", "menu-help")],
    ]

    # --- a button from the settings of before (announcements off) still works: the notices screen
    await anna.press_data(english.chat_id, english.message_id, "set1:announcements:0")
    notices = await anna.expect_edit(english)
    assert notices.text == en("profile-notices-ask")
    assert notices.buttons[0] == [notice_button("profile-notice-announcements", False, "en")]

    # --- the main menu's buttons: settings and sessions
    await anna.send(button("en", "menu-settings"))
    assert (await anna.expect_message()).text == profile(
        "en",
        territory="Yasny",
        directions="Social projects, Urban environment",
        announcements=en("profile-off"),
        followed=en("profile-off"),
        reminders=en("profile-off"),
    )
    await anna.send(button("en", "menu-sessions"))
    assert (await anna.expect_message()).text == en("session-list-empty")


async def test_a_newcomer_gets_the_menu_with_sessions_and_settings(fake: FakeTelegram, bot: InProcessBot) -> None:
    user = fake.user(8111, first_name="Нина", language_code="ru")
    await user.send_command("/settings")  # no consent yet: that comes first
    assert (await user.expect_message()).text == ru("consent-required-short")
    await user.send(button("ru", "menu-sessions"))
    assert (await user.expect_message()).text == ru("session-list-need-consent")
    await onboard(user)
    await user.send_command("/start")  # the main menu again: with sessions and settings
    welcome = await user.expect_message()
    assert welcome.buttons == [
        [button("ru", "menu-idea"), button("ru", "menu-ideas")],
        [button("ru", "menu-my"), button("ru", "menu-sessions")],
        [button("ru", "menu-settings"), button("ru", "menu-help")],
    ]
    await user.send(button("ru", "menu-settings"))
    screen = await user.expect_message()
    assert screen.text == profile(directions=ru("profile-directions-none"))


def when(start: datetime) -> str:
    return f"{start:%d.%m.%Y %H:%M}–{start + timedelta(hours=2):%H:%M}"


@pytest.mark.usefixtures("pinned_clock")
async def test_my_registrations_cancel_a_place_and_a_waitlist_place_and_reminders_respect_the_setting(
    fake: FakeTelegram, db_path: Path, start_bot
) -> None:
    ids = [8201, 8202, 8203]
    await seed_residents(db_path, [Resident(i, subscriptions=(URBAN,)) for i in ids])
    anna, boris, vera = (make_reachable(fake, ids)[i] for i in ids)
    bot = await start_bot(reminder_offsets="1h", offer_ttl=3600, broadcast_rate=200)
    lecture_at, yard_at = local_day(2, hour=18), local_day(3, hour=18)
    lecture = add_session(db_path, title="Лекторий", starts_at=lecture_at)  # no limit: Anna and Vera
    yard = add_session(db_path, title="Двор мечты", starts_at=yard_at, capacity=1)  # Anna; Boris, Vera wait
    for session_id, user_id, status in [
        (lecture, 8201, "registered"),
        (lecture, 8203, "registered"),
        (yard, 8201, "registered"),
        (yard, 8202, "waitlist"),
        (yard, 8203, "waitlist"),
    ]:
        add_registration(db_path, session_id, user_id, status)
    await bot.dp["timers"].reload()  # the sessions were written behind the bot's back: plan their reminders

    # --- Vera, from /settings: both places, the waitlist one second in line; she leaves the waitlist
    await vera.send_command("/settings")
    screen = await vera.expect_message()
    await vera.press(screen, button("ru", "profile-btn-sessions"))
    mine = await vera.expect_edit(screen)
    lecture_item = ru("mine-item", number=1, title="Лекторий", when=when(lecture_at)) + "\n" + ru("mine-registered")
    yard_waiting = ru("mine-item", number=2, title="Двор мечты", when=when(yard_at)) + "\n"
    assert mine.text == "\n\n".join([ru("mine-head"), lecture_item, yard_waiting + ru("mine-waitlist", position=2)])
    cancel_yard = button("ru", "mine-btn-cancel", number=2, title="Двор мечты")
    assert mine.buttons == [
        [button("ru", "mine-btn-cancel", number=1, title="Лекторий")],
        [cancel_yard],
        [button("ru", "mine-btn-all")],
        [button("ru", "btn-back")],
    ]
    await vera.press(mine, cancel_yard)
    ask = await vera.expect_edit(mine)
    assert ask.text == ru("mine-ask-leave", title="Двор мечты", when=when(yard_at))
    assert (await vera.press(ask, button("ru", "mine-btn-yes-leave"))).text == ru("session-left")
    left = await vera.expect_edit(ask)
    assert left.text == "\n\n".join([ru("mine-left", title="Двор мечты"), ru("mine-head"), lecture_item])
    await back_to_settings(vera, left, profile())

    # --- Anna, by /my_sessions: she gives up her place in the yard; Boris, first in line now, is offered it
    await anna.send_command("/my_sessions")
    mine = await anna.expect_message()
    assert mine.buttons[-1] == [button("ru", "mine-btn-all")]  # not from /settings: no «Назад»
    await anna.press(mine, button("ru", "mine-btn-cancel", number=2, title="Двор мечты"))
    ask = await anna.expect_edit(mine)
    assert ask.text == ru("mine-ask-cancel", title="Двор мечты", when=when(yard_at))
    await anna.press(ask, button("ru", "btn-back"))  # not yet: the list again
    mine = await anna.expect_edit(ask)
    await anna.press(mine, button("ru", "mine-btn-cancel", number=2, title="Двор мечты"))
    ask = await anna.expect_edit(mine)
    assert (await anna.press(ask, button("ru", "mine-btn-yes-cancel"))).text == ru("session-cancelled-toast")
    cancelled = await anna.expect_edit(ask)
    lecture_anna = ru("mine-item", number=1, title="Лекторий", when=when(lecture_at)) + "\n" + ru("mine-registered")
    assert cancelled.text == "\n\n".join([ru("mine-cancelled", title="Двор мечты"), ru("mine-head"), lecture_anna])
    offer = await boris.expect_message()
    assert re.fullmatch(ru_pattern("session-offer", {"when": ".+", "until": ".+"}, title="Двор мечты"), offer.text)

    # --- Boris: the offer in his list; he declines it there, and has nothing left
    await boris.send_command("/my_sessions")
    boris_list = await boris.expect_message()
    yard_offered = ru("mine-item", number=1, title="Двор мечты", when=when(yard_at)) + "\n" + ru("mine-offered")
    assert boris_list.text == "\n\n".join([ru("mine-head"), yard_offered])
    await boris.press(boris_list, button("ru", "mine-btn-cancel", number=1, title="Двор мечты"))
    ask = await boris.expect_edit(boris_list)
    assert ask.text == ru("mine-ask-decline", title="Двор мечты", when=when(yard_at))
    assert (await boris.press(ask, button("ru", "mine-btn-yes-decline"))).text == ru("session-declined")
    empty = await boris.expect_edit(ask)
    assert empty.text == ru("mine-declined", title="Двор мечты") + "\n\n" + ru("mine-empty")
    assert empty.buttons == [[button("ru", "mine-btn-all")]]

    # --- Anna turns session reminders off: the hour-before reminder of the lecture goes to Vera only
    notices = await open_notices(anna)
    await anna.press(notices, notice_button("profile-notice-reminders", True))
    await anna.expect_edit(notices)
    move_clock_to(lecture_at - timedelta(minutes=59))
    await bot.dp["timers"].reload()
    reminder = await vera.expect_message(timeout=10)
    assert reminder.text == ru(
        "session-reminder", title="Лекторий", when=when(lecture_at), place="Оренбург, ул. Советская, 1"
    )
    await anna.expect_no_message(within=0.5)
