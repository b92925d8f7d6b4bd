"""Logging, configured once per process: plain text (default) or one JSON object per line.

JSON lines carry the time, level, logger and message, plus the ids the line is about where they are
known: the update being handled, the person it came from, the idea and the broadcast. Handlers and
services don't pass them around: ``bind`` puts them in a context variable for the current task (the
update's middleware, the broadcast worker), and ``log.info(..., extra={"idea": 12})`` works too.

Secrets never reach the output: the token (it is part of every Bot API URL, which an HTTP library may
quote in an error) and a proxy's password are replaced by ``***`` in every line, tracebacks included.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

CONTEXT_IDS = ("update", "user", "idea", "broadcast")
_context: ContextVar[dict[str, int] | None] = ContextVar("log_context", default=None)
MASK = "***"


def bind(**ids: int | None) -> None:
    """Attach ids to every line logged from now on in this task (and the tasks it starts)."""
    current = dict(_context.get() or {})
    current.update({key: value for key, value in ids.items() if value is not None})
    _context.set(current)


def unbind() -> None:
    """Forget the ids of this task: work that merely inherited them (a timer planned while an update was
    handled) is not about that update."""
    _context.set(None)


@contextmanager
def bound(**ids: int | None) -> Iterator[None]:
    """``bind`` for the duration of a block."""
    token = _context.set({**(_context.get() or {}), **{k: v for k, v in ids.items() if v is not None}})
    try:
        yield
    finally:
        _context.reset(token)


def current_ids() -> dict[str, int]:
    return dict(_context.get() or {})


class Redactor:
    """Replaces every secret by ``***``."""

    def __init__(self, secrets: Iterable[str]) -> None:
        # Longest first, so a secret that contains another is masked whole.
        self.secrets = sorted({s for s in secrets if s and len(s) >= 4}, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for secret in self.secrets:
            if secret in text:
                text = text.replace(secret, MASK)
        return text


def token_secrets(token: str) -> list[str]:
    """The token, and its secret half on its own (the bot id before the colon is public)."""
    return [token, token.partition(":")[2]]


class TextFormatter(logging.Formatter):
    def __init__(self, redact: Redactor) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")
        self.redact = redact

    def format(self, record: logging.LogRecord) -> str:
        return self.redact(super().format(record))


class JsonFormatter(logging.Formatter):
    def __init__(self, redact: Redactor) -> None:
        super().__init__()
        self.redact = redact

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": self.redact(record.getMessage()),
        }
        ids = current_ids()
        for key in CONTEXT_IDS:
            value = getattr(record, key, None)
            if value is None:
                value = ids.get(key)
            if isinstance(value, int) and not isinstance(value, bool):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.redact(self.formatException(record.exc_info))
        elif record.exc_text:
            entry["exception"] = self.redact(record.exc_text)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(level: str, fmt: str = "text", secrets: Iterable[str] = ()) -> None:
    """The one place that sets up logging (stderr; the service manager or Docker keeps the logs)."""
    redact = Redactor(secrets)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter(redact) if fmt == "json" else TextFormatter(redact))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    # aiogram logs every handled update at INFO ("Update id=… is handled"): noise at the default level.
    logging.getLogger("aiogram.event").setLevel(max(logging.getLevelName(level), logging.WARNING))
    # APScheduler says "Added job …" and "Running job …" for every reminder; its warnings still show.
    logging.getLogger("apscheduler").setLevel(max(logging.getLevelName(level), logging.WARNING))
