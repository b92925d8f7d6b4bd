"""The consent version as people read it, and who is asked to renew their consent."""

from __future__ import annotations

from datetime import date

from bot.consent import CONSENT_EDITION, CONSENT_VERSION, edition
from bot.services.timetext import DATE
from bot.storage.models import User


def person(status: str = "accepted", version: str | None = "2026-11-28", asked: str | None = None) -> User:
    return User(1, "ru", status, version, None, None, None, None, None, None, True, consent_asked=asked)


def test_a_version_is_shown_as_a_date_never_iso() -> None:
    assert edition("2026-12-05") == date(2026, 12, 5).strftime(DATE)
    assert CONSENT_EDITION == edition(CONSENT_VERSION) and CONSENT_VERSION not in CONSENT_EDITION
    assert edition("v1") == "v1" and edition(None) == ""


def test_only_an_older_consent_not_yet_asked_about_is_due() -> None:
    assert person().to_ask(CONSENT_VERSION)
    assert not person(asked=CONSENT_VERSION).to_ask(CONSENT_VERSION)  # asked once: never again
    assert not person(version=CONSENT_VERSION).to_ask(CONSENT_VERSION)
    assert not person(status="declined", version=None).to_ask(CONSENT_VERSION)
    assert not person(status="withdrawn", version=None).to_ask(CONSENT_VERSION)
    assert person(version=CONSENT_VERSION).consents_to(CONSENT_VERSION)
    assert not person().consents_to(CONSENT_VERSION)
