"""Records the fake keeps: requests, files, the bot's messages and callback answers."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any


@dataclass
class UploadedFile:
    """A file part of a multipart request."""

    filename: str | None
    content_type: str | None
    data: bytes


@dataclass
class RecordedRequest:
    """One Bot API call as the fake received it (``params`` with JSON values decoded)."""

    method: str
    params: dict[str, Any]
    files: dict[str, UploadedFile]
    ok: bool
    error: str | None
    at: float
    error_code: int | None = None


@dataclass
class StoredFile:
    """A file Telegram would keep: uploaded by the bot, sent by a scripted user, or given by URL."""

    file_id: str
    file_unique_id: str
    kind: str
    data: bytes = b""
    file_name: str | None = None
    mime_type: str | None = None
    file_path: str | None = None
    url: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.data)


@dataclass
class CallbackResult:
    """How the bot answered a button press (``answered=False`` if it did not answer in time)."""

    text: str | None
    show_alert: bool
    answered: bool = True
    url: str | None = None
    query_id: str = ""


@dataclass
class FakeStats:
    """Counters kept even when requests are not recorded."""

    requests: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    error_codes: Counter[int] = field(default_factory=Counter)
    rate_limited: int = 0
    injected_faults: int = 0
    updates_queued: int = 0
    updates_dropped: int = 0
    updates_delivered: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "requests": dict(self.requests),
            "total_requests": sum(self.requests.values()),
            "errors": dict(self.errors),
            "error_codes": {str(code): count for code, count in self.error_codes.items()},
            "total_errors": sum(self.errors.values()),
            "rate_limited": self.rate_limited,
            "injected_faults": self.injected_faults,
            "updates_queued": self.updates_queued,
            "updates_dropped": self.updates_dropped,
            "updates_delivered": self.updates_delivered,
        }

    def __getitem__(self, key: str) -> Any:
        return self.as_dict()[key]


@dataclass(eq=False)
class BotMessage:
    """A message the bot sent, kept up to date with its edits and deletion.

    ``text`` is the plain text after parsing (or the caption of media); ``html`` is the text or
    caption exactly as the bot sent it. ``raw`` is the Message object the fake answered with.
    """

    message_id: int
    chat_id: int
    kind: str
    raw: dict[str, Any]
    method: str = ""
    thread_id: int | None = None
    text: str | None = None
    html: str | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    parse_mode: str | None = None
    reply_markup: dict[str, Any] | None = None
    photo: str | None = None
    file_id: str | None = None
    caption: str | None = None
    media_group_id: str | None = None
    reply_to_message_id: int | None = None
    location: dict[str, Any] | None = None
    venue: dict[str, Any] | None = None
    document_name: str | None = None
    document_bytes: bytes | None = None
    poll: dict[str, Any] | None = None
    forwarded_from: tuple[int, int] | None = None
    copied_from: tuple[int, int] | None = None
    edits: list[dict[str, Any]] = field(default_factory=list)
    deleted: bool = False
    index: int = 0
    sent_at: float = 0.0
    edits_seen: int = field(default=0, repr=False)

    @property
    def buttons(self) -> list[list[str]]:
        """Button texts by row, of an inline keyboard or a reply keyboard."""
        markup = self.reply_markup or {}
        rows = markup.get("inline_keyboard") or markup.get("keyboard") or []
        return [[_button_text(button) for button in row] for row in rows]

    @property
    def button_data(self) -> dict[str, str]:
        """callback_data by button text (inline keyboards)."""
        markup = self.reply_markup or {}
        return {
            str(button.get("text")): str(button["callback_data"])
            for row in markup.get("inline_keyboard") or []
            for button in row
            if isinstance(button, dict) and "callback_data" in button
        }

    @property
    def inline_buttons(self) -> list[dict[str, Any]]:
        markup = self.reply_markup or {}
        return [button for row in markup.get("inline_keyboard") or [] for button in row if isinstance(button, dict)]

    def summary(self) -> str:
        shown = self.text if self.text is not None else ""
        if len(shown) > 80:
            shown = shown[:77] + "..."
        extra = f" buttons={self.buttons}" if self.reply_markup else ""
        state = " (deleted)" if self.deleted else ""
        return f"#{self.message_id} {self.kind} {shown!r}{extra}{state}"


def _button_text(button: Any) -> str:
    if isinstance(button, dict):
        return str(button.get("text", ""))
    return str(button)
