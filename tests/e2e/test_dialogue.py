"""Issue 14, points 1 and 8: commands typed mid-dialogue are never taken as the answer; hints carry the buttons they
name; «фото нет», «без адреса» and pictures sent as files are understood; an edited message gets one short answer;
the language picker drops its buttons after a choice."""

from __future__ import annotations

import re

from bot.services.ideas import PHOTOS_MAX, TEXT_MAX, TEXT_MIN
from fake_telegram import FakeTelegram, ScriptedUser
from tests.support.clock import TZ, local_day, typed
from tests.support.in_process import InProcessBot
from tests.support.locale_text import button, ru, ru_pattern
from tests.support.scenarios import accept_consent, answer_step, new_session_to_start, onboarded, start_idea

IDEA = "Поставить скамейки и фонари в сквере у школы №5, вечером там темно и негде присесть."
SKIP = button("ru", "btn-skip")
DONE = button("ru", "btn-done")
CANCEL = button("ru", "btn-cancel")


async def test_commands_in_setup_and_idea_steps_run_or_are_held(fake: FakeTelegram, bot: InProcessBot) -> None:
    user = fake.user(3001, first_name="Вера", language_code="ru")
    _, ask = await accept_consent(user)

    # The territory step: /idea is not a town; the person is told the set-up comes first and asked again.
    await user.send_command("/idea")
    assert (await user.expect_message()).text == ru("setup-first")
    again = await user.expect_message()
    assert again.text == ru("territory-ask") and again.buttons == ask.buttons
    # A command the bot does not have: said so, and the step's hint comes with its buttons.
    await user.send_command("/xyz")
    assert (await user.expect_message()).text == ru("dialogue-unknown-command", command="/xyz")
    hint = await user.expect_message()
    assert hint.text == ru("hint-territory") and hint.buttons == ask.buttons
    await user.send_command("/ideas")  # needs the set-up: said so, the step asked again with its buttons
    assert (await user.expect_message()).text == ru("setup-first")
    again = await user.expect_message()
    assert again.text == ru("territory-ask") and again.buttons == ask.buttons
    await user.send_command("/help")  # needs no set-up: runs
    assert (await user.expect_message()).text == ru("help")

    await user.send("Оренбург")
    subs = await user.expect_message()
    await user.press(subs, button("ru", "subs-done"))
    await user.expect_edit(subs)
    assert (await user.expect_message()).text == ru("onboarding-done")
    # The /idea typed during the set-up is remembered: the idea's first question follows.
    assert (await user.expect_message()).text == ru("idea-ask-text", min=TEXT_MIN, max=TEXT_MAX)

    # The idea's text step: an organizer's command from a resident is refused (not taken as the idea's text) ...
    await user.send_command("/new_session")
    assert (await user.expect_message()).text == ru("roles-refused-organizer", command="/new_session")
    # ... an unknown one is said to be unknown, and the hint comes with its button.
    await user.send_command("/idee")
    assert (await user.expect_message()).text == ru("dialogue-unknown-command", command="/idee")
    need = await user.expect_message()
    assert need.text == ru("idea-text-need") and need.buttons == [[CANCEL]]
    await user.send_command("/sessions")  # only shows something: runs, the draft stays
    assert (await user.expect_message()).text == ru("session-list-empty")

    await user.send(IDEA)
    photos = await user.expect_message()
    assert photos.text == ru("idea-ask-photos", max=PHOTOS_MAX)
    await user.send("фото нет, пропустите")  # typed instead of the button
    place = await user.expect_message()
    assert place.text == ru("idea-ask-place")

    await user.send_command("/zzz")
    assert (await user.expect_message()).text == ru("dialogue-unknown-command", command="/zzz")
    place_hint = await user.expect_message()
    assert place_hint.text == ru("idea-place-need") and place_hint.buttons == [[SKIP], [CANCEL]]
    await user.send("без адреса")
    route = await user.expect_message()
    assert re.fullmatch(ru_pattern("idea-route", {"best": ".+", "second": ".+"}), route.text)
    # The old photos button of this draft no longer acts, and says so.
    answer = await user.press(photos, SKIP)
    assert answer.text == ru("button-outdated")


async def test_photo_step_hints_files_edits_and_language(fake: FakeTelegram, bot: InProcessBot) -> None:
    user = await onboarded(fake, 3002, "Глеб")
    photos = await start_idea(user, IDEA)
    assert photos.text == ru("idea-ask-photos", max=PHOTOS_MAX)

    # Anything else at the photos step: the hint names a button and carries it.
    await user.send("сейчас найду")
    hint = await user.expect_message()
    assert hint.text == ru("idea-photos-need") and hint.buttons == [[SKIP], [CANCEL]]
    await user.send_document(file_name="plan.pdf")
    hint = await user.expect_message()
    assert hint.text == ru("idea-photos-need") and hint.buttons == [[SKIP], [CANCEL]]

    # A picture sent as a file is taken like a photo: shown back as a photo, counted.
    await user.send_document(file_name="square.jpg", data=b"\xff\xd8\xff\xe0 fake jpeg")
    shown = await user.expect_message()
    assert shown.kind == "photo" and shown.text == ru("idea-photos-added", count=1, max=PHOTOS_MAX)
    assert shown.buttons == [[DONE], [CANCEL]]
    await user.send_photo()
    ack = await user.expect_message()
    assert ack.text == ru("idea-photos-added", count=2, max=PHOTOS_MAX)

    # An edited message is not re-read: one short answer, then quiet for a while.
    typed = await user.send("готово")
    place = await user.expect_message()
    assert place.text == ru("idea-ask-place")
    await user.edit(typed, "готово!")
    assert (await user.expect_message()).text == ru("edited-not-read")
    await user.edit(typed, "готово!!")
    await user.expect_no_message()

    await user.send_command("/language")
    picker = await user.expect_message()
    await user.press(picker, "🇬🇧 English")
    assert (await user.expect_edit(picker)).buttons == []
    await user.expect_message()  # "Done, English"

    await user.press(place, SKIP)  # the place question's button, from before the switch: still works
    route = await user.expect_message()
    await user.press(route, route.buttons[0][0])
    summary = await user.expect_message()
    assert "📷 Photos: 2" in summary.text  # the picture sent as a file is one of the idea's photos


async def test_staff_commands_mid_setup_and_mid_session_draft(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser
) -> None:
    # A superadmin who has not finished the set-up: /moderate runs, it is not taken as a town.
    await accept_consent(admin)
    await admin.send_command("/moderate")
    assert (await admin.expect_message()).text == ru("mod-queue-empty")

    # In the middle of an idea: another dialogue's command is held; the idea's hint comes with its button.
    await admin.send("Оренбург")
    subs = await admin.expect_message()
    await admin.press(subs, button("ru", "subs-done"))
    await admin.expect_edit(subs)
    await admin.expect_message()  # all set
    await admin.send_command("/idea")
    await admin.expect_message()  # describe your idea
    await admin.send_command("/new_session")
    assert (await admin.expect_message()).text == ru(
        "dialogue-busy", command="/new_session", what=ru("dialogue-what-idea")
    )
    need = await admin.expect_message()
    assert need.text == ru("idea-text-need") and need.buttons == [[CANCEL]]
    await admin.send_command("/cancel")
    assert (await admin.expect_message()).text == ru("idea-cancelled")

    # In the middle of a new session: likewise; /cancel ends it, then the held command works.
    await new_session_to_start(admin)
    await admin.send_command("/broadcast")
    assert (await admin.expect_message()).text == ru(
        "dialogue-busy", command="/broadcast", what=ru("dialogue-what-session-new")
    )
    await admin.send_command("/unknown_thing")
    assert (await admin.expect_message()).text == ru("dialogue-unknown-command", command="/unknown_thing")
    assert (await admin.expect_message()).text == ru("dialogue-awaited")

    # The deadline's problem names its button: the answer carries it, and it works.
    start = local_day(30)
    await answer_step(admin, typed(start), ru("sadm-ask-duration"))
    await answer_step(admin, "2 часа", ru("sadm-ask-place", max=300))
    await answer_step(admin, "Оренбург, ул. Советская, 1", ru("sadm-ask-capacity", capacity_max=100_000))
    await answer_step(admin, "10", ru("sadm-ask-deadline", tz=TZ.key))
    await admin.send(typed(local_day(31)))
    late = await admin.expect_message()
    assert late.text == ru("sadm-bad-deadline-after-start")
    assert late.buttons == [[button("ru", "sadm-btn-until-start")]]
    await admin.press(late, button("ru", "sadm-btn-until-start"))
    await admin.expect_edit(late)
    assert ru("sadm-summary") in (await admin.expect_message()).text
    await admin.send_command("/cancel")
    assert (await admin.expect_message()).text == ru("sadm-new-cancelled")
    await admin.send_command("/broadcast")
    assert (await admin.expect_message()).text.startswith(ru("bc-ask-message").split("—")[0].strip())
