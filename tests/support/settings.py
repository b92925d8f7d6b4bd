"""The bot's Settings as tests build them, from the values given only (never a .env, never the environment)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.config import Settings
from tests.fake_telegram import FakeTelegram

TOKEN = "123456:TEST-token_for-fake"
ADMIN_ID = 9001
BOT_ID = 123456


def make_settings(fake: FakeTelegram, db_path: Path, **overrides: Any) -> Settings:
    """Settings for a bot in the test's process: from these values only (never a .env, never the environment)."""
    values: dict[str, Any] = {
        "bot_token": TOKEN,
        "admin_ids": str(ADMIN_ID),
        "database_path": db_path,
        "telegram_api_url": fake.base_url,
        "album_wait": 0.3,
        "polling_timeout": 1,
        "request_timeout": 5,
        "log_level": "INFO",
        "backup_time": "",  # no daily backup (tests of backups turn it on)
        "flood_limit": 0,  # scripted people are faster than any person (tests of the flood guard turn it on)
        "telegram_rate": 0,  # no shared send budget: scripted people read faster too (tests of delivery turn it on)
    }
    values.update(overrides)
    return _isolated_settings(**values)


class IsolatedSettings(Settings):
    """Settings from the values given only: neither the environment nor a .env file is read."""

    @classmethod
    def settings_customise_sources(cls, settings_cls: Any, init_settings: Any, *args: Any, **kwargs: Any) -> Any:
        return (init_settings,)


def _isolated_settings(**values: Any) -> Settings:
    return IsolatedSettings(**values)
