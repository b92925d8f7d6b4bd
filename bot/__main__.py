"""Entry point: python -m bot"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Coroutine
from typing import Any

from pydantic import ValidationError

from bot.app import configure_logging, run
from bot.config import describe_error, load_settings


def run_loop(main: Coroutine[Any, Any, None]) -> None:
    """uvloop where it is installed (aiogram[fast], Linux and macOS), asyncio's own loop otherwise."""
    try:
        import uvloop
    except ImportError:
        asyncio.run(main)
    else:
        uvloop.run(main)


def main() -> int:
    try:
        settings = load_settings()
    except ValidationError as exc:
        print(describe_error(exc), file=sys.stderr)
        return 2
    configure_logging(settings.log_level)
    try:
        run_loop(run(settings))
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
