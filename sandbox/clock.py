"""The sandbox's time machine: how far the bot's clock is moved forward, kept in ``sandbox-clock.json``."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.config import CLOCK_SHIFT_MAX
from bot.services.timetext import DATE_TIME

CLOCK_FILE = "sandbox-clock.json"
ZONE = ZoneInfo("Asia/Yekaterinburg")  # the bot's default TIMEZONE: Orenburg time
ZONE_NAME = "Оренбург"


class SandboxClock:
    """The shift (seconds) the bot child gets as CLOCK_SHIFT; the fake's clock follows it."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / CLOCK_FILE
        self.shift = self._read()

    def _read(self) -> float:
        try:
            value = float(json.loads(self.path.read_text(encoding="utf-8"))["shift_seconds"])
        except (OSError, ValueError, KeyError, TypeError):
            return 0.0
        return min(max(value, 0.0), float(CLOCK_SHIFT_MAX))

    def move(self, seconds: float) -> None:
        """Forward by ``seconds`` (kept on disk at once)."""
        self.shift = min(self.shift + seconds, float(CLOCK_SHIFT_MAX))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps({"shift_seconds": self.shift}), encoding="utf-8")

    def reset(self) -> None:
        self.shift = 0.0
        self.path.unlink(missing_ok=True)

    def now(self) -> float:
        """The bot's time (a Unix timestamp)."""
        return time.time() + self.shift

    def as_json(self) -> dict[str, object]:
        moment = datetime.fromtimestamp(self.now(), UTC)
        return {
            "shift_seconds": self.shift,
            "now": moment.isoformat(timespec="seconds"),
            "now_text": f"{moment.astimezone(ZONE).strftime(DATE_TIME)} ({ZONE_NAME})",
        }
