"""The shared helper that keeps screens within Telegram's limits (bot/services/limits.py), and long values through
the translator."""

from __future__ import annotations

from aiogram import html

from bot.services.limits import cap_rows, clip, fit, paginate, person, shrink, squeeze, toast, units
from bot.telegram.i18n import Html, Translator


def test_units_count_utf16_as_telegram_does() -> None:
    assert units("абв") == 3 and units("🌳") == 2 and units("a🌳б") == 4


def test_clip_measures_the_escaped_value() -> None:
    assert clip("Анна", 10) == "Анна"
    assert clip("&&&&", 12) == "&&…"  # two "&amp;" and the ellipsis: 11 units
    assert units(html.quote(clip("<&>" * 100, 50))) <= 50
    assert clip("🌳" * 10, 7) == "🌳🌳🌳…"  # never half an emoji
    assert clip("🌳" * 10, 7, escaped=False) == "🌳🌳🌳…"
    assert clip("abc", 0) == "" and clip("ab  cd", 4) == "ab…"
    assert len(toast("ж" * 500)) == 200


def test_person_keeps_the_username_whole() -> None:
    name = person("🌳" * 64, "&" * 64, "u" * 32)
    assert name.endswith(" (@" + "u" * 32 + ")") and units(html.quote(name.split(" (@")[0])) <= 100
    assert person(None, None, "anna") == "@anna" and person(None, None, None) == ""
    assert person("Анна", "Иванова", None) == "Анна Иванова"


def test_fit_keeps_what_fits_and_counts_the_rest() -> None:
    items = [f"{n}. " + "ж" * 95 for n in range(1, 101)]
    result = fit(["Список"], items, more=lambda n: f"…и ещё {n}", hidden=5, limit=1000)
    assert units(result.text) <= 1000 and result.text.startswith("Список\n1. ")
    assert result.text.endswith(f"…и ещё {100 - result.shown + 5}") and result.shown == 9
    whole = fit(["Список"], items[:3], more=lambda n: f"…и ещё {n}")
    assert whole.shown == 3 and "ещё" not in whole.text
    # The head may depend on how many are shown; a head too long on its own is squeezed, never refused.
    counted = fit(lambda k: [f"Последние {k}:"], items, limit=500)
    assert counted.text.startswith(f"Последние {counted.shown}:") and units(counted.text) <= 500
    assert units(fit(["<b>" + "&" * 3000 + "</b>"], items).text) <= 4096


def test_shrink_gives_way_in_the_one_long_value() -> None:
    def render(value: str) -> str:
        return f"<b>Заголовок</b>\n{html.quote(value)}\nконец"

    assert shrink(render, "коротко") == render("коротко")
    text = shrink(render, "&<>" * 2000, 1000)
    assert units(text) <= 1000 and text.endswith("…\nконец") and text.startswith("<b>Заголовок</b>")


def test_squeeze_keeps_the_text_and_drops_the_markup_only_when_it_must() -> None:
    assert squeeze("<b>ok</b>") == "<b>ok</b>"
    long = "<b>" + "&amp;" * 1000 + "</b>"
    assert squeeze(long, 100) == "&amp;" * 19 + "…" and units(squeeze(long, 100)) <= 100


def test_paginate_and_keyboards() -> None:
    items = ["ж" * 300 for _ in range(30)]
    starts = paginate(["Организаторы"], items, tail=["как добавить"], limit=1000)
    assert starts == list(range(0, 30, 3))
    assert paginate(["x"], [], limit=100) == [0]
    assert paginate(["x"], ["y"] * 10, most=4) == [0, 4, 8]
    rows = cap_rows([[1, 2]] * 60, reserved=2)
    assert sum(len(r) for r in rows) == 98


def test_long_values_reach_the_message_whole() -> None:
    # Fluent renders a whole message as "{???}" when an argument is longer than 2500 characters; an idea of 2000
    # "&" is 10000 characters escaped.
    t = Translator().for_lang("ru")
    text = t("card-body", text="&" * 2000)
    assert text == "&amp;" * 2000
    assert t("card-body", text=Html("<b>" + "ж" * 3000 + "</b>")).count("ж") == 3000
