"""/export never hands a spreadsheet a formula: every text cell of every export, in CSV and XLSX (issue 11, point 7).

People's names, ideas, delivery errors, session titles, poll questions, options (and the per-option counts built
from them) and votes are seeded to begin with each character a spreadsheet may read as the start of a formula,
the fullwidth forms included; each of the twelve files is then asked for through the /export buttons and read back.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import openpyxl

from bot.services import export as export_service
from bot.services.export import CsvRows, XlsxRows, guard_text
from fake_telegram import FakeTelegram, ScriptedUser
from tests.support.in_process import InProcessBot
from tests.support.locale_text import button

T0 = "2026-11-20T10:00:00+00:00"
STARTS = ("=", "+", "-", "@", "＝", "＋", "－", "＠", "\t", "\r", "\n")


async def seed(bot: InProcessBot) -> None:
    db = bot.dp["db"]
    people = [
        # id, first name, last name, username, territory code (an unknown code is exported as it is)
        (6001, '=HYPERLINK("http://evil.example")', None, None, "orenburg"),
        (6002, "＝1+1", "Житель", "－user", "=cmd|' /C calc'!A0"),
        (6003, "\tТаб", None, "@name", None),
    ]
    for uid, first, last, username, territory in people:
        await db.execute(
            "INSERT INTO users (id, language, consent_status, consent_version, consent_at, first_name, last_name, "
            "username, territory_code, onboarded_at, created_at, updated_at) "
            "VALUES (?, 'ru', 'accepted', '1', ?, ?, ?, ?, ?, ?, ?, ?)",
            (uid, T0, first, last, username, territory, T0, T0, T0),
        )
    for idea_id, author, text in (
        (1, 6001, "+79991234567 позвоните мне"),
        (2, 6002, "＠SUM(A1) идея"),
        (3, 6003, "-2+3"),
    ):
        await db.execute(
            "INSERT INTO ideas (id, author_id, text, territory_code, direction_id, status, card_pending, created_at, "
            "updated_at) VALUES (?, ?, ?, 'orenburg', 3, 'accepted', 0, ?, ?)",
            (idea_id, author, text, T0, T0),
        )
    for idea_id, user_id in ((1, 6002), (2, 6003), (3, 6001)):
        await db.execute("INSERT INTO supports (idea_id, user_id, created_at) VALUES (?, ?, ?)", (idea_id, user_id, T0))
    for idea_id, user_id, consent in ((1, 6002, "2026-12-05"), (2, 6001, None)):  # projects' people (issue 15)
        await db.execute(
            "INSERT INTO project_people (idea_id, user_id, role, status, help, note, contact_ok, created_at) "
            "VALUES (?, ?, 'member', 'accepted', '[\"hands\"]', '=1+1', ?, ?)",
            (idea_id, user_id, consent, T0),
        )
    await db.execute(
        "INSERT INTO projects (idea_id, stage, leader_id, needs, created_at, updated_at) "
        "VALUES (1, 'in_work', 6002, '=SUM(A1) волонтёры', ?, ?)",
        (T0, T0),
    )
    await db.execute(
        "INSERT INTO broadcasts (id, token, created_by, source_chat_id, source_message_id, audience_kind, total, "
        "status, created_at, finished_at) VALUES (1, 'seed', 9001, 9001, 1, 'all', 2, 'done', ?, ?)",
        (T0, T0),
    )
    for seq, user_id, error in ((1, 6001, "\r=error"), (2, 6002, "＋error")):
        await db.execute(
            "INSERT INTO deliveries (broadcast_id, seq, user_id, status, error, updated_at) "
            "VALUES (1, ?, ?, 'failed', ?, ?)",
            (seq, user_id, error, T0),
        )
    await db.execute(
        "INSERT INTO sessions (id, title, description, direction_id, starts_at, duration_min, place, capacity, "
        "deadline_at, status, created_by, created_at, updated_at) "
        "VALUES (1, '=Сессия', 'Описание', 3, ?, 60, 'Оренбург', 0, ?, 'ended', 9001, ?, ?)",
        (T0, T0, T0, T0),
    )
    await db.execute(
        "INSERT INTO polls (id, tg_poll_id, session_id, chat_id, message_id, question, options, is_anonymous, "
        "status, counts, total_voters, created_by, created_at) "
        "VALUES (1, 'tg1', 1, -1001, 5, '+Вопрос?', ?, 0, 'closed', '[2, 1]', 3, 9001, ?)",
        (json.dumps(["=Да", "@Нет"], ensure_ascii=False), T0),
    )
    for user_id, chosen in ((6001, [0]), (6002, [1]), (6003, [0, 1])):
        await db.execute(
            "INSERT INTO poll_votes (poll_id, user_id, option_ids, updated_at) VALUES (1, ?, ?, ?)",
            (user_id, json.dumps(chosen), T0),
        )


def csv_cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def xlsx_cells(data: bytes) -> list[list[tuple[Any, bool]]]:
    """(value, marked as text with Excel's quote prefix) per cell."""
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    rows = [
        [(cell.value, bool(getattr(cell, "style_array", None) and cell.style_array.quotePrefix)) for cell in row]
        for row in book.worksheets[0].iter_rows()
    ]
    book.close()
    return rows


async def test_every_text_cell_of_every_export_is_guarded(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser
) -> None:
    await seed(bot)
    files: dict[tuple[str, str], bytes] = {}
    for kind in export_service.KINDS:
        for fmt in ("CSV", "XLSX"):
            await admin.send_command("/export")
            menu = await admin.expect_message()
            await admin.press(menu, f"{button('ru', 'export-kind-' + kind)} · {fmt}")
            document = await admin.expect_message(timeout=15)
            assert document.kind == "document" and document.document_bytes, document
            files[(kind, fmt)] = document.document_bytes

    guarded: set[str] = set()
    for kind in export_service.KINDS:
        rows = csv_cells(files[(kind, "CSV")])
        assert len(rows) > 1, (kind, rows)
        for row in rows:
            for cell in row:
                if re.fullmatch(r"-?[0-9]+", cell):
                    continue  # a number cell (a group's chat id is negative)
                assert not cell.startswith(STARTS), f"{kind}.csv: {cell!r} could run as a formula"
                if cell.startswith("'"):
                    guarded.add(cell)
        for row in xlsx_cells(files[(kind, "XLSX")]):
            for value, quoted in row:
                if isinstance(value, str) and value.startswith(STARTS):
                    assert quoted, f"{kind}.xlsx: {value!r} is not marked as text"
                    guarded.add(guard_text(value))
    # What the seed put at the start of a cell reached the files guarded (and nothing else was changed).
    for expected in (
        '\'=HYPERLINK("http://evil.example")',  # a name (residents, ideas' authors, supporters, votes)
        "'＝1+1 Житель",
        "'－user",  # a username
        "'=cmd|' /C calc'!A0",  # an unknown territory code, exported as it is
        "'\tТаб",
        "'+79991234567 позвоните мне",  # ideas
        "'＠SUM(A1) идея",
        "'-2+3",
        "'\r=error",  # delivery errors
        "'＋error",
        "'+Вопрос?",  # the poll's question, options and counts
        "'=Да; @Нет",
        "'=Да: 2; @Нет: 1",
        "'=Да",  # votes
        "'@Нет",
    ):
        assert expected in guarded, (expected, sorted(guarded))
    assert ["1", "№\u00a01 =Сессия"] == csv_cells(files[("polls", "CSV")])[1][:2]  # not at the start: left as it is
    assert fake.refused == []


def test_writers_guard_text_cells_whatever_the_column(tmp_path: Any) -> None:
    path = tmp_path / "x.csv"
    writer = CsvRows(path, ["=a", "b"])
    writer.write([["=1+1", "=kept?"], ["-2", 3], ["＠x", None], ["\n+", "a=b"], ['текст; с "кавычками"\nи строкой', 5]])
    writer.close()
    assert csv_cells(path.read_bytes()) == [
        ["'=a", "b"],
        ["'=1+1", "'=kept?"],
        ["'-2", "3"],
        ["'＠x", ""],
        ["'\n+", "a=b"],
        ['текст; с "кавычками"\nи строкой', "5"],
    ]
    book = tmp_path / "x.xlsx"
    sheet = XlsxRows(book, ["=a", "b"], [10, 10], "s")
    sheet.write([["＝1", -5], ["ok", "\t@"]])
    sheet.close()
    assert xlsx_cells(book.read_bytes()) == [
        [("=a", True), ("b", False)],
        [("＝1", True), (-5, False)],
        [("ok", False), ("\t@", True)],
    ]
