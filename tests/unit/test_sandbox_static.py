"""The sandbox's chat page (sandbox/static), checked without a browser: the DOM contract's test ids are there,
nothing is fetched from outside the page's origin, and no text reaches the page through innerHTML."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

STATIC = Path(__file__).resolve().parents[2] / "sandbox" / "static"
FILES = ("index.html", "app.js", "app.css")

# The ids the browser test relies on (the sandbox's DOM contract).
CONTRACT_IDS = (
    "chat-title",
    "member-select",
    "message",
    "message-text",
    "message-photo",
    "document-link",
    "message-location",
    "inline-button",
    "toast",
    "alert",
    "alert-ok",
    "poll",
    "poll-option",
    "poll-vote",
    "poll-results",
    "composer-input",
    "composer-send",
    "commands-button",
    "command-item",
    "attach-photo",
    "attach-document",
    "attach-location",
    "location-picker",
    "location-lat",
    "location-lon",
    "location-send",
    "reply-button",
    "time-machine",
    "time-step",
    "clock",
    "bot-status",
    "reset",
)

# A URL in the page's files that is a name, not a place the browser goes to.
NAMESPACES = {"http://www.w3.org/2000/svg"}


def text(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


def test_the_page_files_exist() -> None:
    for name in FILES:
        assert (STATIC / name).is_file(), name


@pytest.mark.parametrize("test_id", CONTRACT_IDS)
def test_every_contract_test_id_is_on_the_page(test_id: str) -> None:
    page = text("index.html") + text("app.js")
    assert f'data-testid="{test_id}"' in page or f'"data-testid": "{test_id}"' in page, test_id


def test_personas_carry_their_test_id_and_the_active_one_aria_current() -> None:
    script = text("app.js")
    assert '"data-testid": `persona-${p.id}`' in script
    assert '"aria-current": p.id === S.active ? "true" : null' in script


def test_nothing_is_fetched_from_outside() -> None:
    for name in FILES:
        urls = set(re.findall(r"(?:https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}[^\s\"'`)]*", text(name)))
        assert urls <= NAMESPACES, (name, urls - NAMESPACES)
    page = text("index.html")
    for attribute in re.findall(r'(?:src|href)="([^"]*)"', page):
        assert not re.match(r"^[a-z]+:|^//", attribute) or attribute == "data:,", attribute
    assert "@import" not in text("app.css")
    assert "url(" not in text("app.css")


def test_no_html_is_written_as_a_string() -> None:
    script = text("app.js")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in script, sink


def test_page_labels_are_russian() -> None:
    page = text("index.html")
    assert '<html lang="ru">' in page
    for label in ("Машина времени", "Начать заново", "Сообщение"):
        assert label in page, label
