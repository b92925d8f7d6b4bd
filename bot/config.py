"""Configuration from the environment and `.env` (pydantic-settings)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.services.timetext import SECOND, parse_duration

TOKEN_RE = re.compile(r"^\d{1,20}:[A-Za-z0-9_-]{1,100}$")
# BOT_TOKEN as .env.example has it: not a token yet (./scripts/run then opens the sandbox).
PLACEHOLDER_TOKEN = "123456789:AAExampleExampleExampleExampleExample"
OFFICIAL_API = "https://api.telegram.org"
SUPPORTED_LOCALES = ("ru", "en")
LOG_FORMATS = ("text", "json")
PROXY_SCHEMES = ("socks5", "socks4", "http")
# Durations the bot computes dates with are bounded, so no setting can push a date off the calendar.
REMINDER_MAX = 30 * 86400  # a reminder a month before the start at most
OFFER_TTL_MAX = 30 * 86400
CLOCK_SHIFT_MAX = 10 * 365 * 86400


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    bot_token: str
    admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    database_path: Path = Path("data/bot.sqlite3")
    telegram_api_url: str = OFFICIAL_API
    timezone: str = "Asia/Yekaterinburg"
    default_locale: str = "ru"
    ideas_per_day: int = Field(default=5, ge=1, le=1000)
    project_updates_per_day: int = Field(default=1, ge=1, le=100)  # a project leader's updates within 24 hours
    log_level: str = "INFO"
    # Organizers.
    broadcast_rate: float = Field(default=25.0, gt=0, le=1000)  # messages per second, below Telegram's 30
    # Telegram's paid broadcasts (allow_paid_broadcast, billed in Stars) lift the limit to 1,000/s: opt in here.
    broadcast_paid: bool = False
    # Messages in flight at once. 1 keeps the guarantee that a crash duplicates at most one message;
    # N allows up to N duplicates per crash, for paid broadcasts faster than one round trip allows.
    broadcast_in_flight: int = Field(default=1, ge=1, le=64)
    # How to reach the operator about personal data (shown in /privacy): an e-mail, a phone, an address.
    operator_contact: str = Field(default="", max_length=300)
    support_threshold: int = Field(default=10, ge=1)  # authors are told when their idea reaches it
    reports_to_hide: int = Field(default=3, ge=1)  # reports that hide an idea pending review
    near_radius_m: int = Field(default=3000, ge=100, le=100_000)  # /ideas "near me": public ideas within it
    # Whose report counts toward hiding an idea: residents who consented at least this many seconds ago …
    report_min_age: int = Field(default=24 * 3600, ge=0)
    # … and have at least this many actions of their own (ideas written, ideas supported, session registrations).
    report_min_actions: int = Field(default=1, ge=0, le=1000)
    # Tuning knobs (tests and benchmarks shorten them; defaults suit production).
    album_wait: float = Field(default=1.0, ge=0.0, le=10.0)
    polling_timeout: int = Field(default=10, ge=0, le=50)
    request_timeout: float = Field(default=30.0, gt=0)
    progress_interval: float = Field(default=3.0, ge=0.1, le=60)  # broadcast progress message edits, seconds
    # Telegram unreachable or failing: sending pauses and tries again after 1, 2, 4 … up to this many seconds.
    outage_backoff_max: float = Field(default=10.0, ge=0.05, le=600)
    # Telegram's overall limit, shared by replies, the outbox and broadcasts (replies first); per chat the bot keeps
    # to about 1 message a second (bursts of 3) and 19 a minute in a group. 0 turns the shared budget off.
    telegram_rate: float = Field(default=28.0, ge=0, le=1000)
    # A reply waits out flood control and retries a request that never left for at most this many seconds.
    reply_retry_budget: float = Field(default=10.0, ge=0, le=120)
    # Sessions and polls.
    # Reminders before a session starts, e.g. "24h,1h" (units: d, h, m, s).
    reminder_offsets: Annotated[tuple[int, ...], NoDecode] = (24 * 3600, 3600)
    # Seconds a freed place waits for the first on the waitlist (at most 30 days).
    offer_ttl: int = Field(default=2 * 3600, ge=1, le=OFFER_TTL_MAX)
    # Seconds from a project implemented to its «Как там сейчас?» (issue 15; default 21 days).
    followup_after: int = Field(default=21 * 24 * 3600, ge=1, le=366 * 24 * 3600)
    # Shifts the bot's clock by this many seconds (tests and demos only: "the bot was down for a day").
    clock_shift: float = Field(default=0.0, ge=-CLOCK_SHIFT_MAX, le=CLOCK_SHIFT_MAX)
    # Operations.
    log_format: str = "text"  # "text" or "json" (one object per line)
    # socks5://user:password@host:port, socks4://…, http://user:password@host:port: every Bot API call goes through it.
    telegram_proxy: str | None = None
    # Start-up while Telegram is unreachable: attempts back off from 1 s up to this many seconds apart …
    startup_retry_max: float = Field(default=60.0, ge=0.05, le=3600)
    # … and the process gives up (exit code 3) after this many seconds; 0 = keep trying (a supervisor restarts anyway).
    startup_give_up: float = Field(default=0.0, ge=0)
    # Graceful shutdown (updates being handled, the broadcast message in flight) is cut short after this many seconds.
    shutdown_timeout: float = Field(default=45.0, ge=1, le=600)
    # Updates handled at once; the next ones wait at Telegram (not in memory) until one is done. Bounds the memory a
    # crowd of people writing at once can take (bench/README.md); no handler waits long, so 64 never idles anyone.
    updates_in_flight: int = Field(default=64, ge=1, le=10_000)
    # Another process polling with this token (409 Conflict) for this many seconds ends this one (exit code 4).
    conflict_give_up: float = Field(default=60.0, ge=1, le=86400)
    # Backups: the folder (default: "backups" beside the database), the daily time in TIMEZONE ("" = no daily
    # backup), and how many daily copies to keep.
    backup_dir: Path | None = None
    backup_time: str = "03:30"
    backup_keep: int = Field(default=7, ge=1, le=1000)
    # Flood guard: one person's updates within FLOOD_WINDOW seconds beyond FLOOD_LIMIT get one notice,
    # then are dropped until the window has room (0 = no limit).
    flood_limit: int = Field(default=20, ge=0, le=10_000)
    flood_window: float = Field(default=10.0, gt=0, le=3600)

    @field_validator("bot_token")
    @classmethod
    def _check_token(cls, value: str) -> str:
        value = value.strip()
        if not TOKEN_RE.match(value):
            raise ValueError("BOT_TOKEN must look like 123456789:ABCdef… (as BotFather gives it)")
        return value

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _parse_admin_ids(cls, value: object) -> frozenset[int]:
        if value is None or value == "":
            return frozenset()
        if isinstance(value, int):
            return frozenset({value})
        if isinstance(value, str):
            parts = [p.strip() for p in value.replace(";", ",").split(",") if p.strip()]
        elif isinstance(value, list | tuple | set | frozenset):
            parts = [str(p).strip() for p in value]
        else:
            raise ValueError("ADMIN_IDS must be comma-separated Telegram user ids, e.g. 12345,67890")
        ids: set[int] = set()
        for part in parts:
            if not re.fullmatch(r"\d{1,20}", part):
                raise ValueError(f"ADMIN_IDS: {part!r} is not a Telegram user id (digits only), e.g. 12345,67890")
            ids.add(int(part))
        return frozenset(ids)

    @field_validator("reminder_offsets", mode="before")
    @classmethod
    def _parse_offsets(cls, value: object) -> tuple[int, ...]:
        if value is None or value == "":
            return ()
        if isinstance(value, int):
            return (value,)
        if isinstance(value, str):
            parts = [p.strip() for p in value.replace(";", ",").split(",") if p.strip()]
        elif isinstance(value, list | tuple):
            parts = [str(p).strip() for p in value]
        else:
            raise ValueError("REMINDER_OFFSETS must look like 24h,1h")
        offsets: set[int] = set()
        for part in parts:
            offset = parse_duration(part, smallest=SECOND)  # a bare number is seconds here
            seconds = offset // SECOND if offset is not None else 0
            if seconds <= 0:
                raise ValueError(f"REMINDER_OFFSETS: {part!r} is not a duration, e.g. 24h,1h or 30m")
            if seconds > REMINDER_MAX:
                raise ValueError(f"REMINDER_OFFSETS: {part!r} is too far before the start (at most 30d)")
            offsets.add(seconds)
        return tuple(sorted(offsets, reverse=True))

    @field_validator("timezone")
    @classmethod
    def _check_tz(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"TIMEZONE: unknown time zone {value!r}, e.g. Asia/Yekaterinburg") from exc
        return value

    @field_validator("default_locale")
    @classmethod
    def _check_locale(cls, value: str) -> str:
        value = value.strip().lower()
        if value not in SUPPORTED_LOCALES:
            raise ValueError(f"DEFAULT_LOCALE must be one of {', '.join(SUPPORTED_LOCALES)}")
        return value

    @field_validator("log_level")
    @classmethod
    def _check_level(cls, value: str) -> str:
        value = value.strip().upper()
        if value not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL")
        return value

    @field_validator("telegram_api_url")
    @classmethod
    def _check_url(cls, value: str) -> str:
        value = value.strip().rstrip("/")
        if not re.match(r"^https?://[^\s/]+", value):
            raise ValueError("TELEGRAM_API_URL must be an http(s) URL, e.g. http://127.0.0.1:8081")
        return value

    @field_validator("log_format")
    @classmethod
    def _check_log_format(cls, value: str) -> str:
        value = value.strip().lower()
        if value not in LOG_FORMATS:
            raise ValueError("LOG_FORMAT must be text or json")
        return value

    @field_validator("telegram_proxy")
    @classmethod
    def _check_proxy(cls, value: str | None) -> str | None:
        value = (value or "").strip()
        if not value:
            return None
        parsed = urlsplit(value)
        if parsed.scheme not in PROXY_SCHEMES:
            raise ValueError("TELEGRAM_PROXY must start with socks5://, socks4:// or http://")
        try:
            port = parsed.port
        except ValueError:
            port = None
        if not parsed.hostname or port is None:
            raise ValueError("TELEGRAM_PROXY needs a host and a port, e.g. socks5://user:password@10.0.0.5:1080")
        return value

    @field_validator("backup_dir", mode="before")
    @classmethod
    def _empty_backup_dir(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("backup_time")
    @classmethod
    def _check_backup_time(cls, value: str) -> str:
        value = value.strip()
        if value and not re.fullmatch(r"([01]?\d|2[0-3]):[0-5]\d", value):
            raise ValueError("BACKUP_TIME must look like 03:30 (or be empty for no daily backup)")
        return value

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def backups(self) -> Path:
        return self.backup_dir if self.backup_dir is not None else self.database_path.parent / "backups"

    @property
    def backup_at(self) -> tuple[int, int] | None:
        """(hour, minute) of the daily backup in TIMEZONE, or None when it is off."""
        if not self.backup_time:
            return None
        hour, minute = self.backup_time.split(":")
        return int(hour), int(minute)

    def secrets(self) -> list[str]:
        """What must never appear in logs: the token (and its secret half), passwords in the proxy's and the
        Bot API server's addresses."""
        found = [self.bot_token, self.bot_token.partition(":")[2]]
        for url in (self.telegram_proxy, self.telegram_api_url):  # a local Bot API server may sit behind a login
            password = urlsplit(url).password if url else None
            if password:
                found.extend([password, unquote(password)])  # as written, and as sent
        return found


def describe_error(exc: ValidationError) -> str:
    """One clear line for a configuration problem."""
    problems = []
    for err in exc.errors():
        name = ".".join(str(p) for p in err.get("loc", ())).upper() or "SETTINGS"
        if err.get("type") == "missing":
            problems.append(f"{name} is required (set it in the environment or in .env)")
        else:
            msg = str(err.get("msg", "invalid value")).removeprefix("Value error, ")
            problems.append(f"{name}: {msg}" if not msg.startswith(name) else msg)
    return "Configuration error: " + "; ".join(problems)


class _TokenOnly(BaseSettings):
    """BOT_TOKEN read as Settings reads it (the environment first, then the .env file), nothing else checked."""

    model_config = SettingsConfigDict(env_file_encoding="utf-8", extra="ignore")

    bot_token: str = ""


def token_given(env_file: Path = Path(".env")) -> bool:
    """Whether BOT_TOKEN is set (in the environment, else in ``env_file``) to something other than the
    placeholder of .env.example. ``./scripts/run`` opens the sandbox when it is not."""
    value = _TokenOnly(_env_file=env_file).bot_token.strip()  # type: ignore[call-arg]
    return bool(value) and value != PLACEHOLDER_TOKEN


def load_settings() -> Settings:
    return Settings()  # type: ignore[call-arg]
