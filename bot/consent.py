"""The version of the consent text in locales/*/consent.ftl. Bump it when the text changes.

Whoever accepted an older version is asked once, at their next action, to accept this one
(bot/handlers/onboarding/renewal.py); the purposes only the new version names (session registrations,
tickets and check-ins, ratings, poll votes) need it.
"""

from datetime import date

from bot.services.timetext import DATE

CONSENT_VERSION = "2026-12-05"


def edition(version: str | None = CONSENT_VERSION) -> str:
    """A version as people read it: the date of the text (never an ISO date); an old free-form version as it is."""
    if not version:
        return ""
    try:
        return date.fromisoformat(version).strftime(DATE)
    except ValueError:
        return version


CONSENT_EDITION = edition()

# The version of the contact consent (locales/*/projects_join.ftl, «projects-join-contact-ask»): someone who offers
# to help or to lead a project may let its leader and curators see their name and @username. Stored per offer in
# project_people.contact_ok; without it they are shown by first name only. Bump it when that text changes.
CONTACT_CONSENT_VERSION = "2026-12-05"
