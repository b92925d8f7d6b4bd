"""Installing and running: what the code imports is declared and locked, set-up happens once, and the tests
read no operator's .env."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

from fake_telegram import FakeTelegram
from tests.support.bot_process import ROOT, BotProcess
from tests.support.settings import TOKEN, bot_settings

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
    local = {"bot", "fake_telegram", "sandbox", "tests", "bench"} | {path.stem for path in (ROOT / folder).glob("*.py")}
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
    # The fake Bot API is part of the product (the sandbox runs it), so its imports are runtime dependencies.
    used = distributions(
        third_party_imports("bot") | third_party_imports("fake_telegram") | third_party_imports("sandbox")
    )
    assert used - runtime == set(), "the bot imports these without declaring them"
    # Declared without an import: tzdata is data for zoneinfo in slim containers.
    assert runtime - used == {"tzdata"}
    assert "psutil" not in runtime | dev
    tools = {"pytest-asyncio", "pytest-timeout", "pytest-xdist", "ruff", "mypy"}  # used by name, not imported
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


FAKE_PYTHON = """#!/usr/bin/env bash
# Stands in for python3 and for .venv/bin/python: records what scripts/venv asks of it.
log="$(dirname "$0")/../../calls.log"
[ -d "$(dirname "$log")" ] || log="$PWD/calls.log"
if [ "$1 $2" = "-m venv" ]; then
    mkdir -p "$3/bin" && cp "$0" "$3/bin/python" && echo "venv $3" >> "$PWD/calls.log"
elif [ "$1 $2 $3" = "-m pip install" ]; then
    shift 3
    echo "pip install $*" | sed -E 's/ --quiet --disable-pip-version-check --require-hashes --no-deps//' >> "$log"
fi
"""


def checkout_copy(tmp_path: Path) -> Path:
    """scripts/venv and the lock files in a folder of their own, with a Python that only records."""
    (tmp_path / "scripts").mkdir()
    shutil.copy2(ROOT / "scripts" / "venv", tmp_path / "scripts" / "venv")
    for lock in ("requirements-build.lock", "requirements.lock", "requirements-dev.lock"):
        shutil.copy2(ROOT / lock, tmp_path / lock)
    python = tmp_path / "fake-python3"
    python.write_text(FAKE_PYTHON, encoding="utf-8")
    python.chmod(0o755)
    return tmp_path


def venv(copy: Path, kind: str) -> tuple[str, list[str]]:
    """Runs scripts/venv; returns what it printed and the calls it made (then forgets them)."""
    env = {**os.environ, "PYTHON": str(copy / "fake-python3"), "PIP_INDEX_URL": "http://127.0.0.1:9/simple"}
    done = subprocess.run([str(copy / "scripts" / "venv"), kind], cwd=copy, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done
    log = copy / "calls.log"
    calls = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    log.unlink(missing_ok=True)
    return done.stderr + done.stdout, calls


def test_the_environment_is_set_up_once_and_again_only_when_a_lock_changes(tmp_path: Path) -> None:
    copy = checkout_copy(tmp_path)
    build = "pip install -r requirements-build.lock"
    assert venv(copy, "run") == (
        "installing the locked dependencies into .venv (once)\n",
        ["venv .venv", build, "pip install --no-build-isolation -r requirements.lock"],
    )
    assert venv(copy, "run") == ("", [])  # set up: no pip, so no package index needed
    assert venv(copy, "dev")[1] == [build, "pip install --no-build-isolation -r requirements-dev.lock"]  # on top
    assert venv(copy, "dev") == ("", []) and venv(copy, "run") == ("", [])

    with (copy / "requirements.lock").open("a", encoding="utf-8") as lock:
        lock.write("# a new version of a dependency\n")
    printed, calls = venv(copy, "run")
    assert printed.startswith("dependencies changed: rebuilding .venv\n")
    assert calls == ["venv .venv", build, "pip install --no-build-isolation -r requirements.lock"]
    assert venv(copy, "run") == ("", [])

    (copy / ".venv" / "bin" / "python").write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")  # a broken .venv
    printed, calls = venv(copy, "run")
    assert "rebuilding .venv" in printed and calls[0] == "venv .venv"


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
    settings = bot_settings(fake.base_url, db_path)
    assert (settings.bot_token, settings.timezone, settings.log_format) == (TOKEN, "Asia/Yekaterinburg", "text")
    bot = await BotProcess.against(fake.base_url, db_path).start()
    await fake.wait_for_request("getUpdates", timeout=45)
    user = fake.user(5101, first_name="Аня", language_code="ru")
    await user.send("/start")
    assert "Здравствуйте" in (await user.expect_message(timeout=10)).text
    assert bot.lines and not bot.lines[0].startswith("{")  # text logs: the environment's LOG_FORMAT is not used
