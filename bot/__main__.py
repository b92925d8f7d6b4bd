"""Entry point: python -m bot"""

from __future__ import annotations

import asyncio
import sys

from pydantic import ValidationError

from bot.app import configure_logging, run
from bot.config import describe_error, load_settings


def main() -> int:
    try:
        settings = load_settings()
    except ValidationError as exc:
        print(describe_error(exc), file=sys.stderr)
        return 2
    configure_logging(settings.log_level)
    try:
        asyncio.run(run(settings))
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
