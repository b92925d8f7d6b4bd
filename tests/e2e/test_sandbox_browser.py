"""The sandbox in a real browser (issue 17, point 4): `python -m bot sandbox` as a process, its page in Debian's
headless chromium (Selenium, offline), and one walk through the bot as people use it, checking what each of them
sees on the page: the superadmin making Ольга an organizer and binding the curators' group (first: a card of an
idea sent before then goes to the superadmins privately), Анна's onboarding, her idea with a photo and a point
picked on the map, Ольга accepting it in the group and Анна told, a session created by /new_session, Анна's
registration (ticket, .ics, QR code) and a poll in the session chat with her vote.

Screenshots of every step go to test-artifacts/sandbox/ (gitignored), with the page and the logs on a failure.
Without chromium the test is skipped, except in CI (CI=1, or .ci/run's SANDBOX_BROWSER_REQUIRED=1): it fails.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PIL import Image

from tests.support.locale_text import button, lead, ru
from tests.support.sandbox_browser import (
    Sandbox,
    SandboxPage,
    Shots,
    browser_missing,
    browser_required,
    chromium,
    seen,
)
from tests.support.scenarios import RU

pytestmark = pytest.mark.timeout(90)

ANNA, ADMIN, OLGA = 1001, 1000, 1003
URBAN = "Развитие городской среды"
IDEA = "Поставить скамейки и фонари в сквере у Дома культуры, чтобы вечером там было светло и можно было отдохнуть."
SESSION = "Двор мечты"
TZ = ZoneInfo("Asia/Yekaterinburg")  # the sandbox bot's TIMEZONE (the default)


def small_png(folder: Path) -> Path:
    path = folder / "сквер.png"
    Image.new("RGB", (64, 48), (40, 140, 90)).save(path)
    return path


def session_start(sandbox: Sandbox) -> str:
    """The day after tomorrow at 18:00 on the sandbox bot's clock, as an organizer types it."""
    now = datetime.fromisoformat(sandbox.api("/api/state")["clock"]["now"]).astimezone(TZ)
    return (now + timedelta(days=2)).replace(hour=18, minute=0).strftime("%d.%m.%Y %H:%M")


def test_a_walk_through_the_sandbox_page_in_chromium(tmp_path: Path) -> None:
    missing = browser_missing()
    if missing:
        if browser_required():
            pytest.fail(missing)
        pytest.skip(missing)
    sandbox = Sandbox(tmp_path / "data").start()
    try:
        with chromium() as driver:
            shots = Shots(driver)
            try:
                walk(SandboxPage(driver, sandbox.url), sandbox, shots, tmp_path)
            except BaseException:
                shots.failure(sandbox)
                raise
    finally:
        sandbox.stop()


def walk(page: SandboxPage, sandbox: Sandbox, shot: Shots, tmp_path: Path) -> None:
    page.open()
    page.until(lambda d: page.find("bot-status").get_attribute("data-status") == "running", "the bot running")
    shot("page")

    # --- the superadmin: Ольга becomes an organizer; the curators' group is bound to the direction ---
    page.persona("admin", "Организатор")
    page.send(f"/organizers add {OLGA}")
    page.expect("теперь организатор")
    page.persona("curators", "Кураторы")
    page.member(ADMIN)
    page.send("/bind_direction")
    ask = page.expect(ru("bind-ask"), check=lambda m: m.has_button(URBAN))
    page.press(ask.id, URBAN)
    page.text_becomes(ask.id, ru("bind-done", direction=f"🌳 {URBAN}", topic=""))
    shot("curators-bound")

    # --- Анна: onboarding ---
    page.persona("anna", "Анна")
    page.send("/start")
    page.expect("Здравствуйте")
    consent = page.expect("Согласие на обработку", check=lambda m: m.has_button(RU["accept"]))
    shot("anna-consent")
    page.press(consent.id, RU["accept"])
    page.becomes(consent.id, lambda m: m["buttons"] == [], "the consent's buttons gone")
    territory = page.expect("Где вы живёте", check=lambda m: m.has_button("Оренбург"))
    page.press(territory.id, "Оренбург")
    page.text_becomes(territory.id, "Оренбург")
    subscriptions = page.expect("О каких направлениях", check=lambda m: m.has_button(RU["done"]))
    page.press(subscriptions.id, RU["done"])
    page.expect("Всё готово")
    shot("anna-onboarded")

    # --- Анна: an idea with a photo and a point on the map ---
    page.command_from_menu("/idea")
    page.expect(lead("idea-ask-text", "min"))
    page.send(IDEA)
    ask_photos = page.expect(ru("idea-ask-photos", max=5).split("(")[0])
    page.attach_photo(small_png(tmp_path))
    page.until(lambda _: any(m["from"] == "user" and m["photos"] == [True] for m in page.messages()), "my photo")
    added = page.expect(
        lead("idea-photos-added", "count", max=5), check=lambda m: m.has_button(button("ru", "btn-done"))
    )
    assert added.id > ask_photos.id
    page.press(added.id, button("ru", "btn-done"))
    page.expect(ru("idea-ask-place"))
    shot("anna-idea-photo")
    page.pick_location_on_map()
    page.until(lambda _: any(m["from"] == "user" and m["location"] for m in page.messages()), "my point on the map")
    route = page.expect(check=lambda m: m.has_button(URBAN))
    page.press(route.id, URBAN)
    summary = page.expect("Проверьте идею", check=lambda m: m.has_button(RU["send"]))
    assert ru("idea-place-point") in summary.text  # the point, never its coordinates
    shot("anna-idea-summary")
    page.press(summary.id, RU["send"])
    sent = page.expect(ru("idea-sent", number=1, direction=f"🌳 {URBAN}"))
    assert sent.text == seen(ru("idea-sent", number=1, direction=f"🌳 {URBAN}"))

    # --- the curators' group: the idea's card, with its photo ---
    page.persona("curators", "Кураторы")
    card = page.expect("№ 1", check=lambda m: m.has_button(button("ru", "card-accept")))
    assert IDEA[:40] in card.text
    photo = "the idea's photo before its card"
    page.until(lambda _: any(m["photos"] == [True] for m in page.messages() if m.id < card.id), photo)
    shot("curators-card")

    # --- Ольга accepts it in the group; Анна is told ---
    page.member(OLGA)
    page.press(card.id, button("ru", "card-accept"))
    page.toast(ru("card-accepted-toast"))
    page.text_becomes(card.id, ru("card-status-accepted", who="Ольга").split("(")[0])
    shot("curators-accepted")
    page.persona("anna", "Анна")
    page.expect(ru("notify-accepted", number=1, direction=f"🌳 {URBAN}").split("\n")[0])
    shot("anna-accepted-notice")

    # --- the organizer creates a session (/new_session) ---
    page.persona("admin", "Организатор")
    page.send("/new_session")
    page.expect(lead("sadm-ask-title", "max"))
    page.send(SESSION)
    page.expect(lead("sadm-ask-description", "max"))
    page.send("Проектируем двор вместе с жителями.")
    directions = page.expect(ru("sadm-ask-direction"), check=lambda m: m.has_button(URBAN))
    page.press(directions.id, URBAN)
    page.expect("Когда начало?")
    page.send(session_start(sandbox))
    page.expect("Сколько длится сессия?")
    page.send("2 часа")
    page.expect("Где пройдёт сессия?")
    page.send("Оренбург, ул. Советская, 1")
    page.expect("Сколько мест?")
    page.send("10")
    page.expect("До какого момента открыта регистрация?")
    page.send("-")
    created = page.expect("Проверьте сессию", check=lambda m: m.has_button(button("ru", "sadm-btn-create")))
    page.press(created.id, button("ru", "sadm-btn-create"))
    page.text_becomes(created.id, ru("sadm-created", number=1))
    shot("admin-session-created")

    # --- Анна registers: her ticket, the calendar file and the QR code ---
    page.persona("anna", "Анна")
    page.send("/sessions")
    listing = page.expect(SESSION, check=lambda m: m.has_button(f"1. {SESSION}"))
    page.press(listing.id, f"1. {SESSION}")
    register = button("ru", "session-btn-register")
    page.becomes(listing.id, lambda m: m.has_button(register), "the session's card")
    page.press(listing.id, register)
    page.toast(ru("session-registered-toast"))
    page.expect(f"Вы записаны на «{SESSION}»")
    ics = page.expect(check=lambda m: bool(m["documents"]))["documents"][0]
    assert ics["name"].endswith(".ics") and "/files/" in ics["href"]
    assert sandbox.fetch(ics["href"]).startswith(b"BEGIN:VCALENDAR")
    page.expect("QR-код", check=lambda m: m["photos"] == [True])
    shot("anna-ticket")

    # --- the session chat: bound, a poll, Анна's vote ---
    page.persona("session", "Проектная сессия")
    page.member(ADMIN)
    page.send("/bind_session 1")
    page.expect(f"Чат привязан к сессии «{SESSION}»")
    page.send("/poll Где встретимся после сессии? | В сквере | В библиотеке")
    poll = page.expect(check=lambda m: "Где встретимся после сессии?" in m["poll"])
    page.member(ANNA)
    voted = page.vote(poll.id, "В сквере")
    assert "1" in voted["results"] or "100" in voted["results"], voted["results"]
    shot("session-poll-voted")
