"""The bot's Settings as tests build them: in one place, from the values given only.

Neither the environment nor a .env file is read (an operator's BOT_TOKEN on the machine changes nothing).
A bot process started by a test is configured through its environment instead: see
`tests.support.bot_process.process_env`, which uses the same token, admin and defaults.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot import clock
from bot.config import Settings

TOKEN = "123456:TEST-token_for-fake"
ADMIN_ID = 9001
BOT_ID = 123456


class _Isolated(Settings):
    """Settings from the values given only: neither the environment nor a .env file is read."""

    @classmethod
    def settings_customise_sources(cls, settings_cls: Any, init_settings: Any, *args: Any, **kwargs: Any) -> Any:
        return (init_settings,)


def make_settings(**values: Any) -> Settings:
    """The one place tests build Settings: the test token unless another is given, then ``values`` as given."""
    return _Isolated(**{"bot_token": TOKEN, **values})


# What every bot a test starts runs with, in the test's process (`bot_settings`) or as a process
# (`tests.support.bot_process.process_env`, the same values as environment variables).
BOT_DEFAULTS: dict[str, Any] = {
    "admin_ids": str(ADMIN_ID),
    "album_wait": 0.3,
    "polling_timeout": 1,
    "request_timeout": 5,
    "log_level": "INFO",
    "backup_time": "",  # no daily backup (tests of backups turn it on)
    "flood_limit": 0,  # scripted people are faster than any person (tests of the flood guard turn it on)
    "telegram_rate": 0,  # no shared send budget: scripted people read faster too (tests of delivery turn it on)
}


def bot_settings(fake_url: str, db_path: Path, **overrides: Any) -> Settings:
    """Settings for a bot in the test's process, polling the fake Bot API at ``fake_url``.

    Its clock is the test's: start-up sets bot.clock from CLOCK_SHIFT, so the shift in force (a pinned time
    of day) is passed on unless ``clock_shift`` is given.
    """
    return make_settings(
        **{
            **BOT_DEFAULTS,
            "database_path": db_path,
            "telegram_api_url": fake_url,
            "clock_shift": clock.SHIFT.total_seconds(),
            **overrides,
        }
    )
