"""/stats and /export end to end: numbers against seeded data, the chart PNG, every export read back."""

from __future__ import annotations

import io
import re
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PIL import Image

from bot.callbacks import ExportCb
from bot.i18n import Translator
from bot.services import export as export_service
from bot.services.export import CsvRows, sheet_name
from bot.services.stats import STATUSES, render_text
from bot.services.territories import Territories
from bot.storage.models import Direction
from bot.storage.stats import Residents, Snapshot, TopIdea
from tests.fake_telegram import BotMessage, FakeTelegram, ScriptedUser
from tests.support.exports import read_csv, read_xlsx
from tests.support.in_process import InProcessBot
from tests.support.scenarios import PNG_SIGNATURE, onboard

T0 = "2026-11-20T10:00:00+00:00"  # 15:00 in Asia/Yekaterinburg
T1 = "2026-11-21T06:30:00+00:00"  # 11:30 there
ORGANIZER_ID = 4001

RESIDENTS = [
    # id, consent, first, last, username, territory, language, is_active, banned_at
    (5001, "accepted", "Анна", "Иванова", "anna", "orenburg", "ru", 1, None),
    (5002, "accepted", "Пётр", None, "petr", "orenburg", "en", 0, None),
    (5003, "accepted", '=HYPERLINK("http://evil.example")', None, None, "orsk", "ru", 1, T1),
    # Not consenting: they must never appear by name in a file (names are set here on purpose).
    (5004, "declined", "Тайный", "Житель", "secret", "orsk", "ru", 1, None),
    (5005, "pending", "Ожидающий", None, "waiting", None, None, 1, None),
    (5006, "withdrawn", None, None, None, None, "ru", 1, None),
]
IDEAS = [
    # id, author, direction, status, territory, text, hidden_at, decided_at
    (1, 5001, 3, "accepted", "orenburg", "Поставить <скамейки> & урны вдоль набережной Урала", None, T1),
    (2, 5004, 3, "new", "orsk", "Отремонтировать детскую площадку во дворе", None, None),
    (3, 5002, 1, "rejected", "orenburg", "Wi-Fi в парке у фонтана", None, T1),
    (4, None, 2, "implemented", None, "Кружок для пенсионеров в библиотеке", None, T1),
    (5, 5001, 4, "in_progress", "orenburg", "Стажировки для студентов на заводе", T1, T1),
    (6, 5003, 1, "duplicate", "orsk", "=SUM(A1:A2) формула вместо идеи", None, T1),
]
SUPPORTS = [(1, 5001), (1, 5002), (1, 5004), (4, 5001)]
DELIVERIES = [
    (1, 5001, "sent", None),
    (2, 5002, "blocked", "Forbidden: bot was blocked by the user"),
    (3, 5003, "failed", "Bad Request: chat not found"),
]


async def seed(bot: InProcessBot) -> None:
    db = bot.dp["db"]
    for uid, consent, first, last, username, territory, lang, active, banned in RESIDENTS:
        await db.execute(
            "INSERT INTO users (id, language, consent_status, consent_version, consent_at, first_name, last_name, "
            "username, territory_code, onboarded_at, is_active, banned_at, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                uid,
                lang,
                consent,
                "2026-11-01" if consent == "accepted" else None,
                T0 if consent == "accepted" else None,
                first,
                last,
                username,
                territory,
                T0,
                active,
                banned,
                T0,
                T0,
            ),
        )
    await db.execute("INSERT INTO subscriptions (user_id, direction_id, created_at) VALUES (5001, 1, ?)", (T0,))
    await db.execute("INSERT INTO subscriptions (user_id, direction_id, created_at) VALUES (5001, 3, ?)", (T0,))
    for idea_id, author, direction, status, territory, text, hidden, decided in IDEAS:
        await db.execute(
            "INSERT INTO ideas (id, author_id, text, territory_code, direction_id, status, hidden_at, decided_at, "
            "card_pending, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
            (idea_id, author, text, territory, direction, status, hidden, decided, T0, T0),
        )
    for idea_id, user_id in SUPPORTS:
        await db.execute("INSERT INTO supports (idea_id, user_id, created_at) VALUES (?, ?, ?)", (idea_id, user_id, T1))
    await db.execute(
        "INSERT INTO broadcasts (id, token, created_by, source_chat_id, source_message_id, audience_kind, total, "
        "status, created_at, finished_at) VALUES (1, 'seed', 9001, 9001, 1, 'all', 3, 'done', ?, ?)",
        (T0, T1),
    )
    for seq, user_id, status, error in DELIVERIES:
        await db.execute(
            "INSERT INTO deliveries (broadcast_id, seq, user_id, status, error, updated_at) VALUES (1, ?, ?, ?, ?, ?)",
            (seq, user_id, status, error, T1),
        )


def numbers(line: str) -> list[int]:
    return [int(n.replace("\xa0", "").replace(" ", "")) for n in re.findall(r"\d[\d\xa0 ]*\d|\d", line)]


def line_with(text: str, fragment: str) -> str:
    found = [line for line in text.splitlines() if fragment in line]
    assert found, f"no line with {fragment!r} in:\n{text}"
    return found[0]


async def test_stats_numbers_match_the_data_and_a_chart_arrives(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser
) -> None:
    await seed(bot)
    await admin.send_command("/stats")
    summary = await admin.expect_message()
    chart = await admin.expect_message()
    text = summary.text or ""
    assert "Статистика" in text

    # The superadmin may have a row of their own (from writing to the bot): count it like the bot does.
    extra = await bot.dp["db"].fetchone(
        "SELECT count(*), coalesce(sum(consent_status = 'accepted' AND is_active = 1 AND banned_at IS NULL), 0), "
        "coalesce(sum(consent_status = 'accepted'), 0) "
        "FROM users WHERE id NOT BETWEEN 5001 AND 5006"
    )
    others, others_active, others_consented = (int(v) for v in extra)
    assert numbers(line_with(text, "Жители")) == [6 + others, 3 + others_consented]
    # Active = consented, not blocked, not banned (5001); 5002 blocked the bot; 5003 is banned.
    assert numbers(line_with(text, "активны")) == [1 + others_active, 1, 1]
    assert numbers(line_with(text, "• Оренбург")) == [2]
    assert numbers(line_with(text, "• Орск")) == [1]
    assert numbers(line_with(text, "Идеи")) == [6, 1]
    for status in ("новые", "одобрены", "в работе", "реализованы", "отклонены", "дубликаты"):
        assert numbers(line_with(text, f"• {status} —")) == [1]
    assert numbers(line_with(text, "Технологическое лидерство")) == [2, 1, 1]
    assert "отклонены 1, дубликаты 1" in line_with(text, "Технологическое лидерство")
    assert numbers(line_with(text, "Социальные проекты")) == [1, 1]
    assert "новые 1, одобрены 1" in line_with(text, "Развитие городской среды")
    assert "в работе 1" in line_with(text, "Молодые профессионалы")
    assert numbers(line_with(text, "Поддержки")) == [4, 3]
    top = line_with(text, "#1 ")
    assert "«Поставить <скамейки> & урны вдоль набережной Урала»" in top and top.endswith("— 3")
    assert line_with(text, "#4 ").endswith("— 1")
    assert numbers(line_with(text, "Рассылки")) == [1]
    assert numbers(line_with(text, "доставлено")) == [1, 1, 1, 0, 0]
    assert len(summary.html or "") <= 4096

    assert chart.kind == "photo" and chart.caption and "Идеи по направлениям" in chart.caption
    assert chart.photo is not None
    png = fake.file_data(chart.photo)
    assert png is not None and png.startswith(PNG_SIGNATURE) and 5_000 < len(png) < 1_000_000
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG" and image.width == 1000 and 300 < image.height < 2000
    assert fake.refused == []


# --- exports ------------------------------------------------------------------------------------


async def ask_export(organizer: ScriptedUser, kind: str, fmt: str) -> BotMessage:
    await organizer.send_command("/export")
    menu = await organizer.expect_message()
    assert "Что выгрузить" in (menu.text or "")
    assert len(menu.buttons) == len(export_service.KINDS) and all(len(row) == 2 for row in menu.buttons)
    answer = await organizer.press(menu, f"{kind} · {fmt}")
    assert answer.text == "Готовлю файл…" and not answer.show_alert
    document = await organizer.expect_message(timeout=15)
    assert document.kind == "document", document
    return document


async def test_exports_read_back_in_csv_and_xlsx(fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser) -> None:
    await seed(bot)
    organizer = fake.user(ORGANIZER_ID, first_name="Ирина", language_code="ru")
    await bot.dp["repos"].roles.grant(organizer.user_id, "organizer", granted_by=admin.user_id)

    files: dict[tuple[str, str], bytes] = {}
    for kind_label, kind in (
        ("Идеи", "ideas"),
        ("Жители", "residents"),
        ("Поддержки", "supports"),
        ("Рассылки", "deliveries"),
    ):
        for fmt in ("csv", "xlsx"):
            document = await ask_export(organizer, kind_label, fmt.upper())
            assert document.document_name and document.document_name.startswith(kind + "_")
            assert document.document_name.endswith("." + fmt)
            assert document.document_bytes
            files[kind, fmt] = document.document_bytes
            rows = {"ideas": 6, "residents": 3, "supports": 4, "deliveries": 3}[kind]
            assert document.caption and document.caption.endswith(f" {kind_label}: строк — {rows}.")
            assert document.raw["document"]["mime_type"] in (
                "text/csv",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )

    # Ideas.
    ideas = read_csv(files["ideas", "csv"])
    assert ideas[0] == [
        "Номер",
        "Текст",
        "Статус",
        "Направление",
        "Территория",
        "Поддержки",
        "Автор",
        "Создана (Asia/Yekaterinburg)",
        "Решение (Asia/Yekaterinburg)",
    ]
    assert len(ideas) == 1 + 6
    by_number = {row[0]: row for row in ideas[1:]}
    assert by_number["1"] == [
        "1",
        "Поставить <скамейки> & урны вдоль набережной Урала",
        "одобрены",
        "Развитие городской среды",
        "Оренбург",
        "3",
        "Анна Иванова",
        "2026-11-20 15:00",
        "2026-11-21 11:30",
    ]
    assert by_number["2"][6] == ""  # the author declined consent: no name
    assert by_number["4"][4:7] == ["", "1", ""]  # no territory, one support, no author
    assert by_number["6"][1] == "'=SUM(A1:A2) формула вместо идеи"  # never a formula in Excel
    assert by_number["6"][2] == "дубликаты" and by_number["5"][2] == "в работе"
    values, types = read_xlsx(files["ideas", "xlsx"])
    assert values[0] == ideas[0] and len(values) == 7
    first = values[1]
    assert first[:7] == [1, "Поставить <скамейки> & урны вдоль набережной Урала", "одобрены",
                         "Развитие городской среды", "Оренбург", 3, "Анна Иванова"]  # fmt: skip
    assert first[7] == datetime(2026, 11, 20, 15, 0) and first[8] == datetime(2026, 11, 21, 11, 30)
    formula_row = next(i for i, row in enumerate(values) if row[0] == 6)
    assert values[formula_row][1] == "=SUM(A1:A2) формула вместо идеи" and types[formula_row][1] == "s"
    assert values[2][6] is None  # idea 2: no author name

    # Residents: only the three who consented.
    residents = read_csv(files["residents", "csv"])
    assert residents[0][:3] == ["ID Telegram", "Имя", "Username"]
    assert [row[0] for row in residents[1:]] == ["5001", "5002", "5003"]
    assert residents[1] == [
        "5001",
        "Анна Иванова",
        "anna",
        "Оренбург",
        "ru",
        "2026-11-01",
        "2026-11-20 15:00",
        "Технологическое лидерство; Развитие городской среды",
        "да",
        "нет",
    ]
    assert residents[2][8:] == ["нет", "нет"]  # blocked the bot
    assert residents[3][1] == '\'=HYPERLINK("http://evil.example")' and residents[3][9] == "да"
    raw = files["residents", "csv"].decode("utf-8-sig")
    for secret in ("Тайный", "secret", "Ожидающий", "waiting", "5004", "5005", "5006"):
        assert secret not in raw
    values, types = read_xlsx(files["residents", "xlsx"])
    assert [row[0] for row in values[1:]] == [5001, 5002, 5003]
    assert values[3][1] == '=HYPERLINK("http://evil.example")' and types[3][1] == "s"
    flat = repr(values)
    assert "Тайный" not in flat and "secret" not in flat and "5004" not in flat

    # Supports: the declined supporter is counted but not named.
    supports = read_csv(files["supports", "csv"])
    assert supports[1:] == [
        ["1", "Развитие городской среды", "5001", "Анна Иванова", "2026-11-21 11:30"],
        ["1", "Развитие городской среды", "5002", "Пётр", "2026-11-21 11:30"],
        ["1", "Развитие городской среды", "", "", "2026-11-21 11:30"],
        ["4", "Социальные проекты", "5001", "Анна Иванова", "2026-11-21 11:30"],
    ]
    values, _ = read_xlsx(files["supports", "xlsx"])
    assert [row[:3] for row in values[1:]] == [[1, "Развитие городской среды", 5001],
                                               [1, "Развитие городской среды", 5002],
                                               [1, "Развитие городской среды", None],
                                               [4, "Социальные проекты", 5001]]  # fmt: skip

    # Broadcast deliveries.
    deliveries = read_csv(files["deliveries", "csv"])
    assert deliveries[0] == ["Рассылка №", "ID Telegram получателя", "Статус", "Ошибка", "Время (Asia/Yekaterinburg)"]
    assert deliveries[1:] == [
        ["1", "5001", "доставлено", "", "2026-11-21 11:30"],
        ["1", "5002", "бот заблокирован", "Forbidden: bot was blocked by the user", "2026-11-21 11:30"],
        ["1", "5003", "ошибка", "Bad Request: chat not found", "2026-11-21 11:30"],
    ]
    values, _ = read_xlsx(files["deliveries", "xlsx"])
    assert values[1:] == [
        [1, 5001, "доставлено", None, datetime(2026, 11, 21, 11, 30)],
        [1, 5002, "бот заблокирован", "Forbidden: bot was blocked by the user", datetime(2026, 11, 21, 11, 30)],
        [1, 5003, "ошибка", "Bad Request: chat not found", datetime(2026, 11, 21, 11, 30)],
    ]

    # Every export is in the audit log, with who asked for it.
    audit = [e for e in await bot.dp["repos"].audit.last(50) if e.action == "export"]
    assert len(audit) == 8 and {e.actor_id for e in audit} == {ORGANIZER_ID}
    assert sorted(e.target for e in audit) == sorted(["ideas", "residents", "supports", "deliveries"] * 2)
    assert fake.refused == []


async def test_english_export_and_empty_database(fake: FakeTelegram, bot: InProcessBot) -> None:
    organizer = fake.user(ORGANIZER_ID, first_name="Irene", language_code="en")
    await bot.dp["repos"].roles.grant(organizer.user_id, "organizer", granted_by=9001)
    await organizer.send_command("/stats")
    summary = await organizer.expect_message()
    assert "Statistics" in (summary.text or "") and "Ideas" in (summary.text or "")
    chart = await organizer.expect_message()
    assert chart.kind == "photo" and (fake.file_data(chart.photo or "") or b"").startswith(PNG_SIGNATURE)

    await organizer.send_command("/export")
    menu = await organizer.expect_message()
    await organizer.press(menu, "Ideas · XLSX")
    document = await organizer.expect_message(timeout=15)
    assert document.caption == "💡 Ideas: 0 rows."
    values, _ = read_xlsx(document.document_bytes or b"")
    assert values == [["Number", "Text", "Status", "Direction", "Territory", "Supports", "Author",
                       "Created (Asia/Yekaterinburg)", "Decided (Asia/Yekaterinburg)"]]  # fmt: skip


async def test_residents_get_no_numbers_and_no_files(fake: FakeTelegram, bot: InProcessBot) -> None:
    await seed(bot)
    resident = fake.user(3101, first_name="Жанна", language_code="ru")
    await onboard(resident)
    for command in ("/stats", "/export"):
        await resident.send_command(command)
        reply = await resident.expect_message()
        assert reply.kind == "text" and "Статистика" not in (reply.text or "")
        assert "Что выгрузить" not in (reply.text or "") and not reply.buttons
    last = resident.inbox[-1]
    forged = await resident.press_data(last.chat_id, last.message_id, ExportCb(kind="residents", fmt="csv").pack())
    assert forged.show_alert and forged.text and "только организаторам" in forged.text
    await resident.expect_no_message(within=0.5)
    assert all(m.kind not in ("document", "photo") for m in resident.inbox)
    assert not [e for e in await bot.dp["repos"].audit.last(50) if e.action == "export"]


async def test_a_file_too_large_for_telegram_is_not_sent(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser, monkeypatch: Any
) -> None:
    await seed(bot)
    monkeypatch.setattr(export_service, "MAX_DOCUMENT_BYTES", 100)
    await admin.send_command("/export")
    menu = await admin.expect_message()
    await admin.press(menu, "Идеи · CSV")
    refusal = await admin.expect_message()
    assert refusal.kind == "text" and "больше 50 МБ" in (refusal.text or "") and "/export" in (refusal.text or "")
    await admin.expect_no_message(within=0.3)


# --- services without Telegram -------------------------------------------------------------------


def test_stats_text_stays_within_one_message() -> None:
    translator = Translator()
    territories = Territories.load()
    directions = [Direction(i, f"d{i}", i, "🚀", "Направление " * 3, "Direction", "", "", ()) for i in range(1, 5)]
    snapshot = Snapshot(
        residents=Residents(
            10**6, 10**6, 10**6, 10**5, 10**4, 10**6, [(t.code, 10**5) for t in territories.items[:10]]
        ),
        ideas_total=10**6,
        ideas={(d, s): 10**5 for d in range(1, 5) for s in STATUSES},
        hidden=10**3,
        supports_total=10**7,
        supporters=10**6,
        top_ideas=[TopIdea(10**6 + i, "<&>" * 100, 1, "accepted", 10**5) for i in range(5)],
        broadcasts=10**3,
        deliveries={s: 10**6 for s in ("sent", "blocked", "failed", "unknown", "pending")},
    )
    for lang in ("ru", "en"):
        text = render_text(snapshot, translator.for_lang(lang), lang, directions, territories, ZoneInfo("UTC"))
        assert len(text) <= 4096 and "&lt;&amp;&gt;" in text and "<&>" not in text


def test_csv_cells_never_start_a_formula(tmp_path: Any) -> None:
    path = tmp_path / "x.csv"
    writer = CsvRows(path, ["a", "b"])
    writer.write([["=1+1", "=guarded too"], ["-2", "+3"], ["@x", None], ['текст; с "кавычками"\nи строкой', 5]])
    writer.close()
    rows = read_csv(path.read_bytes())
    assert rows == [
        ["a", "b"],
        ["'=1+1", "'=guarded too"],
        ["'-2", "'+3"],
        ["'@x", ""],
        ['текст; с "кавычками"\nи строкой', "5"],
    ]
    assert sheet_name("📣 Рассылки") == "Рассылки" and sheet_name("a/b:c") == "a b c"
