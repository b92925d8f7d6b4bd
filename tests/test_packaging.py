"""Installing and running: what the code imports is declared and locked, set-up happens once, and the tests
read no operator's .env."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import time
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

from tests.bot_process import ROOT, BotProcess
from tests.conftest import TOKEN, make_settings
from tests.fake_telegram import FakeTelegram

pytestmark = pytest.mark.timeout(120)


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_names(requirements: list[str]) -> set[str]:
    return {normal(re.split(r"[\s<>=!~;\[]", req, maxsplit=1)[0]) for req in requirements}


def third_party_imports(folder: str) -> set[str]:
    found: set[str] = set()
    for path in (ROOT / folder).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    local = {"bot", "tests", "bench"} | {path.stem for path in (ROOT / folder).glob("*.py")}
    return {name for name in found if name not in sys.stdlib_module_names and name not in local}


def distributions(modules: set[str]) -> set[str]:
    owners = packages_distributions()
    missing = {m for m in modules if m not in owners}
    assert not missing, f"imported but not installed: {missing}"
    return {normal(owners[m][0]) for m in modules}


def locked(lock: str) -> set[str]:
    text = (ROOT / lock).read_text(encoding="utf-8")
    return {normal(m.group(1)) for m in re.finditer(r"^([A-Za-z0-9_.-]+)==", text, re.MULTILINE)}


def test_what_the_code_imports_is_declared_locked_and_nothing_else_is_declared() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = requirement_names(project["dependencies"])
    dev = requirement_names(project["optional-dependencies"]["dev"])
    used = distributions(third_party_imports("bot"))
    assert used - runtime == set(), "the bot imports these without declaring them"
    # Declared without an import: tzdata is data for zoneinfo in slim containers.
    assert runtime - used == {"tzdata"}
    assert "psutil" not in runtime | dev
    tools = {"pytest-asyncio", "pytest-timeout", "ruff", "mypy"}  # used by name, not imported
    test_used = distributions(third_party_imports("tests") | third_party_imports("bench"))
    assert test_used - runtime - dev == set()
    assert dev - test_used - tools == set(), "declared for the tests but not used by them"
    assert runtime <= locked("requirements.lock") and runtime | dev <= locked("requirements-dev.lock")
    assert not list(ROOT.glob("*.tar.gz")) and not list(ROOT.glob("*.whl"))


def run_lock_versions(lock: str) -> dict[str, str]:
    text = (ROOT / lock).read_text(encoding="utf-8")
    return {normal(m.group(1)): m.group(2) for m in re.finditer(r"^([A-Za-z0-9_.-]+)==(\S+)", text, re.MULTILINE)}


def test_both_locks_pin_the_same_versions_with_hashes() -> None:
    run, dev = run_lock_versions("requirements.lock"), run_lock_versions("requirements-dev.lock")
    assert {name: dev[name] for name in run} == run
    for lock in ("requirements.lock", "requirements-dev.lock"):
        text = (ROOT / lock).read_text(encoding="utf-8")
        assert text.count("--hash=sha256:") >= len(run_lock_versions(lock))


def test_a_set_up_checkout_starts_without_the_package_index() -> None:
    env = {**os.environ, "PIP_INDEX_URL": "http://127.0.0.1:9/simple", "PIP_NO_INDEX": "1"}
    for kind in ("dev", "run"):  # ./scripts/test set it up; both find it ready
        started = time.perf_counter()
        done = subprocess.run([str(ROOT / "scripts" / "venv"), kind], env=env, capture_output=True, text=True)
        took = time.perf_counter() - started
        assert (done.returncode, done.stdout, done.stderr) == (0, "", ""), done
        assert took < 5  # a hash of two files, no pip (pip alone takes seconds to start)


def poisoned_checkout(folder: Path) -> Path:
    folder.mkdir()
    (folder / ".env").write_text(
        "BOT_TOKEN=999:poisoned\nTELEGRAM_API_URL=http://127.0.0.1:9\nLOG_FORMAT=json\n"
        "DATABASE_PATH=/nonexistent/bot.sqlite3\nADMIN_IDS=1\nTIMEZONE=Europe/London\n",
        encoding="utf-8",
    )
    return folder


async def test_an_operators_env_file_changes_nothing_in_the_tests(
    fake: FakeTelegram, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # pytest run from a checkout where the operator keeps a real .env
    monkeypatch.chdir(poisoned_checkout(tmp_path / "checkout"))
    monkeypatch.setenv("LOG_FORMAT", "json")  # and settings in the environment
    settings = make_settings(fake, db_path)
    assert (settings.bot_token, settings.timezone, settings.log_format) == (TOKEN, "Asia/Yekaterinburg", "text")
    bot = await BotProcess.against(fake.base_url, db_path).start()
    await fake.wait_for_request("getUpdates", timeout=45)
    user = fake.user(5101, first_name="Аня", language_code="ru")
    await user.send("/start")
    assert "Здравствуйте" in (await user.expect_message(timeout=10)).text
    assert bot.lines and not bot.lines[0].startswith("{")  # text logs: the environment's LOG_FORMAT is not used
