"""Plain records returned by the repositories."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Notice(StrEnum):
    """Kinds of notices a person can turn off in /settings; the value is the ``users`` column."""

    ANNOUNCEMENTS = "announcements"  # the hub's broadcasts and session announcements
    FOLLOWED = "notify_followed"  # status changes of ideas they support or follow
    REMINDERS = "notify_reminders"  # reminders of sessions they registered for


@dataclass(frozen=True, slots=True)
class Direction:
    id: int
    code: str
    position: int
    emoji: str
    name_ru: str
    name_en: str
    description_ru: str
    description_en: str
    keywords: tuple[str, ...]

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_ru

    def description(self, lang: str) -> str:
        return self.description_en if lang == "en" else self.description_ru

    def label(self, lang: str) -> str:
        return f"{self.emoji} {self.name(lang)}"


@dataclass(slots=True)
class User:
    id: int
    language: str | None
    consent_status: str
    consent_version: str | None
    consent_at: str | None
    first_name: str | None
    last_name: str | None
    username: str | None
    territory_code: str | None
    onboarded_at: str | None
    is_active: bool
    announcements: bool = True
    banned_at: str | None = None
    ban_notified: bool = False
    notify_followed: bool = True
    notify_reminders: bool = True

    def notice(self, kind: Notice) -> bool:
        """Whether the person gets this kind of notice (/settings)."""
        if kind is Notice.ANNOUNCEMENTS:
            return self.announcements
        if kind is Notice.FOLLOWED:
            return self.notify_followed
        return self.notify_reminders
    consent_asked: str | None = None  # the newer consent version this person was asked to accept
    consent_refused: str | None = None  # the newer consent version this person declined

    @property
    def is_banned(self) -> bool:
        return self.banned_at is not None

    @property
    def has_consent(self) -> bool:
        return self.consent_status == "accepted"

    def consents_to(self, version: str) -> bool:
        """Consent given to this version of the text (not only to an older one)."""
        return self.has_consent and self.consent_version == version

    def to_ask(self, version: str) -> bool:
        """Consented to an older version and not yet asked about this one."""
        return self.has_consent and self.consent_version != version and self.consent_asked != version

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p) or (self.username or str(self.id))

    @classmethod
    def from_row(cls, row: Any) -> User:
        return cls(
            id=row["id"],
            language=row["language"],
            consent_status=row["consent_status"],
            consent_version=row["consent_version"],
            consent_at=row["consent_at"],
            first_name=row["first_name"],
            last_name=row["last_name"],
            username=row["username"],
            territory_code=row["territory_code"],
            onboarded_at=row["onboarded_at"],
            is_active=bool(row["is_active"]),
            announcements=bool(row["announcements"]),
            banned_at=row["banned_at"],
            ban_notified=bool(row["ban_notified"]),
            notify_followed=bool(row["notify_followed"]),
            notify_reminders=bool(row["notify_reminders"]),
            consent_asked=row["consent_asked"],
            consent_refused=row["consent_refused"],
        )


@dataclass(slots=True)
class Idea:
    id: int
    author_id: int | None
    text: str
    photos: list[str]
    latitude: float | None
    longitude: float | None
    address: str | None
    territory_code: str | None
    direction_id: int
    suggested_direction_id: int | None
    status: str
    reject_reason: str | None
    decided_by: int | None
    decided_at: str | None
    created_at: str
    duplicate_of: int | None = None
    supports_count: int = 0
    reports_count: int = 0
    hidden_at: str | None = None
    author_name: str | None = None
    author_username: str | None = None
    author_language: str | None = None

    @classmethod
    def from_row(cls, row: Any) -> Idea:
        keys = row.keys()
        return cls(
            id=row["id"],
            author_id=row["author_id"],
            text=row["text"],
            photos=list(json.loads(row["photos"] or "[]")),
            latitude=row["latitude"],
            longitude=row["longitude"],
            address=row["address"],
            territory_code=row["territory_code"],
            direction_id=row["direction_id"],
            suggested_direction_id=row["suggested_direction_id"],
            status=row["status"],
            reject_reason=row["reject_reason"],
            decided_by=row["decided_by"],
            decided_at=row["decided_at"],
            created_at=row["created_at"],
            duplicate_of=row["duplicate_of"],
            supports_count=row["supports_count"],
            reports_count=row["reports_count"],
            hidden_at=row["hidden_at"],
            author_name=row["author_name"] if "author_name" in keys else None,
            author_username=row["author_username"] if "author_username" in keys else None,
            author_language=row["author_language"] if "author_language" in keys else None,
        )


PUBLIC_STATUSES = ("accepted", "in_progress", "implemented")


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    actor_id: int
    action: str
    target: str | None
    details: str | None
    created_at: str


@dataclass(frozen=True, slots=True)
class CuratorChat:
    direction_id: int
    chat_id: int
    thread_id: int | None
    title: str | None


@dataclass(frozen=True, slots=True)
class IdeaCard:
    idea_id: int
    chat_id: int
    thread_id: int | None
    message_id: int


@dataclass(slots=True)
class IdeaDraft:
    """What a resident has entered so far (kept in FSM data)."""

    text: str = ""
    photos: list[str] = field(default_factory=list)
    latitude: float | None = None
    longitude: float | None = None
    address: str | None = None
    direction_id: int | None = None
    suggested_direction_id: int | None = None


# The audit log is append-only and outlives /delete_me: it keeps ids, never names.
PERSONAL_DETAILS = frozenset({"name", "first_name", "last_name", "username"})


def audit_details(details: dict[str, Any] | None) -> dict[str, Any] | None:
    if not details:
        return None
    kept = {key: value for key, value in details.items() if key not in PERSONAL_DETAILS}
    return kept or None
