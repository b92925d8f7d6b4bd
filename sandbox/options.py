"""The sandbox's command-line options (light: ``python -m bot`` reads them without loading the sandbox)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080
DEFAULT_DATA_DIR = "data"


def _env_port() -> int:
    value = os.environ.get("SANDBOX_PORT", "").strip()
    return int(value) if value.isdigit() else DEFAULT_PORT


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--host",
        default=os.environ.get("SANDBOX_HOST") or DEFAULT_HOST,
        help="the page's address (default 127.0.0.1: this computer only; or SANDBOX_HOST)",
    )
    parser.add_argument(
        "--port", type=int, default=_env_port(), help=f"the page's port (default {DEFAULT_PORT}; or SANDBOX_PORT)"
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=Path(os.environ.get("SANDBOX_DATA_DIR") or DEFAULT_DATA_DIR),
        help="where sandbox.sqlite3, sandbox-clock.json and sandbox.log are kept (default data; or SANDBOX_DATA_DIR)",
    )


def defaults() -> argparse.Namespace:
    """The options when nothing is given on the command line (./scripts/run without a token)."""
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    return parser.parse_args([])
