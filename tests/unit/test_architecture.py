"""The layout's rules, checked: what each folder of the bot may import, and how wide a handler may be.

(Tests that stand alone are checked in test_layout.py.)
"""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

from aiogram import Router

from bot.handlers import build_router

ROOT = Path(__file__).resolve().parents[2]
MAX_HANDLER_PARAMETERS = 6


def imports_of(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def modules(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def handlers_of(router: Router) -> list[object]:
    found = [handler.callback for observer in router.observers.values() for handler in observer.handlers]
    for child in router.sub_routers:
        found.extend(handlers_of(child))
    return found


def test_services_and_storage_never_import_handlers() -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(name for name in imports_of(path) if name.startswith("bot.handlers"))
        for folder in ("bot/services", "bot/storage", "bot/telegram")
        for path in modules(folder)
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_the_bot_never_imports_tests_or_benches() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in modules("bot")
        if any(name.split(".")[0] in ("tests", "bench") for name in imports_of(path))
    ]
    assert offenders == []


SQL = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|PRAGMA)\s")


def test_sql_lives_in_storage_only() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in modules("bot")
        if "storage" not in path.parts
        and (
            "aiosqlite" in imports_of(path)
            or any(
                isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.match(node.value)
                for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            )
        )
    ]
    assert offenders == []


def test_no_handler_takes_more_than_six_parameters() -> None:
    wide = {
        f"{callback.__module__}.{callback.__qualname__}": len(inspect.signature(callback).parameters)  # type: ignore[attr-defined]
        for callback in handlers_of(build_router())
        if len(inspect.signature(callback).parameters) > MAX_HANDLER_PARAMETERS  # type: ignore[arg-type]
    }
    assert wide == {}
