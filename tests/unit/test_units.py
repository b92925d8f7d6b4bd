"""Fast checks of pieces that need no Telegram."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.services.ideas import text_problem
from bot.services.routing import DirectionRouter
from bot.services.territories import Territories
from bot.storage.db import Database, StorageError, load_migrations
from bot.storage.repositories import Repos
from bot.telegram.i18n import Html, Translator

ROOT = Path(__file__).resolve().parents[2]
PLACEABLE = re.compile(r"\{\s*\$([a-z_]+)")


def test_every_locale_has_every_key_with_the_same_arguments() -> None:
    translator = Translator()
    ru, en = translator.key_sets["ru"], translator.key_sets["en"]
    assert ru, "no Russian strings loaded"
    assert ru - en == set(), f"missing in en: {sorted(ru - en)}"
    assert en - ru == set(), f"missing in ru: {sorted(en - ru)}"
    for lang in ("ru", "en"):
        sources = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "locales" / lang).glob("*.ftl"))
        assert "\t" not in sources
    for key in ru:
        args = {}
        for lang in ("ru", "en"):
            bundle = translator.bundles[lang]
            pattern = bundle._messages[key].value
            args[lang] = set(PLACEABLE.findall(repr(pattern))) if pattern else set()
        assert args["ru"] == args["en"] or key in {"subs-saved"}, key


def test_no_key_is_written_twice() -> None:
    """Two files of one language defining the same key: only one of the texts is ever shown (a merge left it)."""
    for lang in ("ru", "en"):
        where: dict[str, list[str]] = {}
        for path in sorted((ROOT / "locales" / lang).glob("*.ftl")):
            for key in re.findall(r"^([a-z][a-z0-9_-]*) =", path.read_text(encoding="utf-8"), re.MULTILINE):
                where.setdefault(key, []).append(path.name)
        assert {key: files for key, files in where.items() if len(files) > 1} == {}, lang


def test_translations_escape_arguments_but_not_markup() -> None:
    translator = Translator()
    text = translator.get("en", "territory-set", name="<b>&")
    assert text == "Saved: &lt;b&gt;&amp;."
    assert translator.get("en", "territory-set", name=Html("<b>x</b>")) == "Saved: <b>x</b>."
    assert "5" in translator.get("ru", "idea-quota", limit=5, when="x")


def test_every_key_used_in_code_exists() -> None:
    translator = Translator()
    used = set()
    for path in (ROOT / "bot").rglob("*.py"):
        used.update(
            re.findall(
                r"""\bt\(\s*"([a-z0-9-]+)"|get\([^,]+,\s*"([a-z0-9-]+)"|MenuButton\("([a-z0-9-]+)"\)""",
                path.read_text(),
            )
        )
    keys = {k for group in used for k in group if k and not k.endswith("-")}
    missing = {k for k in keys if k not in translator.key_sets["ru"]}
    assert missing == set()


async def test_migrations_from_empty_and_reapplied(tmp_path: Path) -> None:
    path = tmp_path / "fresh.sqlite3"
    db = Database(path)
    await db.connect()
    assert await db.schema_version() == len(load_migrations())
    assert await db.migrate() == len(load_migrations())  # re-applied: nothing to do, nothing breaks
    repos = Repos(db)
    codes = [d.code for d in await repos.directions.all()]
    assert codes == ["tech", "social", "urban", "youth"]
    await db.close()
    db2 = Database(path)
    await db2.connect()
    assert await db2.schema_version() == len(load_migrations())
    mode = await db2.fetchone("PRAGMA journal_mode")
    assert mode is not None and mode[0] == "wal"
    fk = await db2.fetchone("PRAGMA foreign_keys")
    assert fk is not None and fk[0] == 1
    await db2.close()
    with sqlite3.connect(path) as raw:
        names = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"users", "ideas", "directions", "curator_chats", "roles", "fsm_state", "subscriptions"} <= names


async def test_organizer_migration_keeps_ideas_and_numbers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """0004 rebuilds the ideas table: rows, their cards and events, and the #N sequence survive."""
    from bot.storage import db as db_module

    every = load_migrations()
    path = tmp_path / "v3.sqlite3"
    monkeypatch.setattr(db_module, "load_migrations", lambda: every[:3])
    db = Database(path)
    await db.connect()
    now = "2026-11-01T00:00:00+00:00"
    await db.execute("INSERT INTO users (id, created_at, updated_at) VALUES (1, ?, ?)", (now, now))
    for text in ("first idea text", "second idea text", "third idea text"):
        await db.execute(
            "INSERT INTO ideas (author_id, text, direction_id, created_at, updated_at) VALUES (1, ?, 3, ?, ?)",
            (text, now, now),
        )
    await db.execute("DELETE FROM ideas WHERE id = 3")  # the next number must still be 4
    await db.execute("INSERT INTO idea_cards VALUES (1, -100, NULL, 7, ?)", (now,))
    await db.close()
    monkeypatch.setattr(db_module, "load_migrations", lambda: every)
    db = Database(path)
    await db.connect()
    assert await db.schema_version() == len(every)
    rows = await db.fetchall("SELECT id, text, status, card_pending, supports_count FROM ideas ORDER BY id")
    assert [tuple(r) for r in rows] == [(1, "first idea text", "new", 0, 0), (2, "second idea text", "new", 1, 0)]
    events = await db.fetchall("SELECT idea_id, action FROM idea_events ORDER BY id")
    assert [tuple(r) for r in events] == [(1, "submitted"), (2, "submitted")]
    assert [tuple(r) for r in await db.fetchall("SELECT idea_id, message_id FROM idea_cards")] == [(1, 7)]
    new_id = await db.execute(
        "INSERT INTO ideas (author_id, text, direction_id, created_at, updated_at) VALUES (1, 'x', 3, ?, ?)", (now, now)
    )
    assert new_id == 4
    fk = await db.fetchone("PRAGMA foreign_keys")
    assert fk is not None and fk[0] == 1
    with pytest.raises(sqlite3.IntegrityError):
        await db.execute("UPDATE ideas SET status = 'bogus' WHERE id = 1")
    await db.close()


async def test_failed_migration_rolls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.storage import db as db_module

    good = load_migrations()
    broken = [*good, (len(good) + 1, "9999_broken.sql", "CREATE TABLE half_done (x INT); SELECT * FROM nope;")]
    monkeypatch.setattr(db_module, "load_migrations", lambda: broken)
    db = Database(tmp_path / "b.sqlite3")
    with pytest.raises(StorageError, match=r"migration 9999_broken.sql failed \(no such table: nope\); the database is left at schema version"):
        await db.connect()
    with sqlite3.connect(tmp_path / "b.sqlite3") as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == len(good)
        names = {r[0] for r in raw.execute("SELECT name FROM sqlite_master")}
    assert "half_done" not in names


async def test_routing_accuracy_on_labelled_ideas() -> None:
    db = Database(":memory:")
    await db.connect()
    directions = await Repos(db).directions.all()
    await db.close()
    router = DirectionRouter([(d.id, d.keywords) for d in directions], default_id=3)
    code = {d.id: d.code for d in directions}
    data = json.loads((ROOT / "tests" / "data" / "routing_ideas.json").read_text(encoding="utf-8"))
    assert len(data) >= 60
    assert {"ru", "en"} == {item["lang"] for item in data}
    hits = sum(code[router.suggest(item["text"]).best] == item["direction"] for item in data)
    accuracy = hits / len(data)
    print(f"routing top-1 accuracy: {accuracy:.1%} on {len(data)} ideas")
    assert accuracy >= 0.85
    # Russian word forms and English both understood
    assert code[router.suggest("В парках нашего города нет скамеек").best] == "urban"
    assert code[router.suggest("Internships for students at local factories").best] == "youth"


def test_idea_text_limits() -> None:
    assert text_problem("x" * 9) == ("idea-text-short", {"length": 9, "min": 10})
    assert text_problem("x" * 10) is None
    assert text_problem("x" * 2000) is None
    assert text_problem("x" * 2001) == ("idea-text-long", {"length": 2001, "max": 2000})


def test_territories_data_file() -> None:
    territories = Territories.load()
    names = [t.ru for t in territories.items]
    assert names[:6] == ["Оренбург", "Орск", "Новотроицк", "Бузулук", "Бугуруслан", "Гай"]
    assert {"Медногорск", "Сорочинск", "Ясный"} <= set(names)
    assert len(territories.items) >= 40
    assert len({t.code for t in territories.items}) == len(territories.items)
    assert territories.match("оренбурге").code == "orenburg"  # type: ignore[union-attr]
    assert territories.match("Orsk").code == "orsk"  # type: ignore[union-attr]
    assert territories.match("Атлантида") is None
    assert territories.get("other") is not None


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "Configuration error: BOT_TOKEN is required"),
        ({"BOT_TOKEN": "not-a-token"}, "Configuration error: BOT_TOKEN"),
        (
            {"BOT_TOKEN": "1:abc", "ADMIN_IDS": "12,abc"},
            "Configuration error: ADMIN_IDS: 'abc' is not a Telegram user id",
        ),
    ],
)
def test_bad_configuration_stops_with_one_line(tmp_path: Path, env: dict[str, str], expected: str) -> None:
    clean = {k: v for k, v in os.environ.items() if k not in {"BOT_TOKEN", "ADMIN_IDS"}}
    proc = subprocess.run(
        [sys.executable, "-m", "bot"],
        cwd=tmp_path,
        env={**clean, "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith(expected), lines[0]


async def test_an_update_handled_once_is_skipped_when_redelivered(tmp_path: Path) -> None:
    from aiogram.types import Update

    from bot.storage.fsm import SQLiteStorage
    from bot.telegram.middlewares import OnceMiddleware

    db = Database(tmp_path / "once.sqlite3")
    await db.connect()
    middleware = OnceMiddleware(Repos(db), SQLiteStorage(db))
    calls: list[int] = []

    async def handler(event: object, data: dict[str, object]) -> str:
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("boom")
        return "ok"

    update = Update(update_id=41)
    assert await middleware(handler, update, {}) == "ok"
    assert await middleware(handler, update, {}) is None  # re-delivered: not handled again
    with pytest.raises(RuntimeError):
        await middleware(handler, Update(update_id=42), {})
    assert await middleware(handler, Update(update_id=42), {}) is None  # a failed update is not retried forever
    assert len(calls) == 2
    # The marks are written in one batch; a restarted bot (nothing in memory) skips both updates too.
    await middleware.write_marks()
    restarted = OnceMiddleware(Repos(db), SQLiteStorage(db))
    assert await restarted(handler, Update(update_id=41), {}) is None
    assert await restarted(handler, Update(update_id=42), {}) is None
    assert await restarted(handler, Update(update_id=43), {}) == "ok"
    assert len(calls) == 3
    await db.close()


def test_idea_numbers_are_not_grouped_like_counts() -> None:
    t = Translator().for_lang("ru")
    assert "№\u00a012345" in t("idea-sent", number=12345)
    assert "2\u00a0000" in t("bc-confirm", n=2000)  # counts keep the locale's grouping
