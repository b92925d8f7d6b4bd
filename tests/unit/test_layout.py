"""The test suite's own rules: tests live in tests/unit or tests/e2e, and no test module imports another one
(nor conftest.py): what tests share is in tests/support, the fixtures in tests/conftest.py."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]


def imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module if node.level == 0 else "." * node.level + node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def test_test_modules_are_in_unit_or_e2e() -> None:
    misplaced = [
        str(path.relative_to(TESTS))
        for path in TESTS.rglob("test_*.py")
        if path.parent.name not in {"unit", "e2e"} and "fake_telegram" not in path.parts
    ]
    assert misplaced == []


def test_no_test_module_imports_another_or_conftest() -> None:
    offending = {}
    for path in TESTS.rglob("*.py"):
        if "fake_telegram" in path.parts:
            continue
        bad = {
            name
            for name in imported_modules(path)
            if name.startswith(".")
            or "conftest" in name.split(".")
            or (
                (name.split(".")[0] in {"tests", "unit", "e2e"} or name.startswith("test_"))
                and any(part.startswith("test_") for part in name.split("."))
            )
            or name.startswith(("tests.unit", "tests.e2e"))
        }
        if bad:
            offending[str(path.relative_to(TESTS))] = sorted(bad)
    assert offending == {}
