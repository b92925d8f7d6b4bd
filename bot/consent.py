"""The version of the consent text in locales/*/consent.ftl. Bump it when the text changes."""

CONSENT_VERSION = "2026-11-28"
