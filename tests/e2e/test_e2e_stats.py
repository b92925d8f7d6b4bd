"""/stats and /export end to end: numbers against seeded data, the chart PNG, every export read back."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PIL import Image

from bot.handlers.staff.callbacks import ExportCb
from bot.services import export as export_service
from bot.services.export import CsvRows, sheet_name
from bot.services.stats import STATUSES, render_text
from bot.services.territories import Territories
from bot.storage.models import Direction
from bot.storage.stats import Residents, Snapshot, TopIdea
from bot.telegram.i18n import Translator
from fake_telegram import BotMessage, FakeTelegram, ScriptedUser
from tests.support.exports import read_csv, read_xlsx
from tests.support.in_process import InProcessBot
from tests.support.locale_text import MARK, before_mark, button, en, ru
from tests.support.scenarios import PNG_SIGNATURE, onboarded

T0 = "2026-11-20T10:00:00+00:00"  # 15:00 in Asia/Yekaterinburg
T1 = "2026-11-21T06:30:00+00:00"  # 11:30 there
ORGANIZER_ID = 4001
TZ = "Asia/Yekaterinburg"

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


def plain(key: str, /, **args: Any) -> str:
    """A Russian locale string as plain text: a cell or a column name of an export (no HTML in a file)."""
    return button("ru", key, **args)


def has_lines(text: str, block: str) -> bool:
    """Whether ``block`` (one line or several) stands in ``text`` as whole lines."""
    return f"\n{block}\n" in f"\n{text}\n"


async def test_stats_numbers_match_the_data_and_a_chart_arrives(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser
) -> None:
    await seed(bot)
    await admin.send_command("/stats")
    summary = await admin.expect_message()
    chart = await admin.expect_message()
    text = summary.text or ""
    assert before_mark(ru("stats-title", date=MARK)) in text

    # The superadmin may have a row of their own (from writing to the bot): count it like the bot does.
    extra = await bot.dp["db"].fetchone(
        "SELECT count(*), coalesce(sum(consent_status = 'accepted' AND is_active = 1 AND banned_at IS NULL), 0), "
        "coalesce(sum(consent_status = 'accepted'), 0) "
        "FROM users WHERE id NOT BETWEEN 5001 AND 5006"
    )
    others, others_active, others_consented = (int(v) for v in extra)
    # Active = consented, not blocked, not banned (5001); 5002 blocked the bot; 5003 is banned.
    residents = ru(
        "stats-residents",
        total=6 + others,
        consented=3 + others_consented,
        active=1 + others_active,
        blocked=1,
        banned=1,
    )
    assert has_lines(text, residents)
    assert has_lines(text, ru("stats-territory-line", name="Оренбург", count=2))
    assert has_lines(text, ru("stats-territory-line", name="Орск", count=1))
    assert has_lines(text, ru("stats-ideas", total=6, hidden=1))
    statuses = {
        s: ru("stats-status-" + s) for s in ("new", "accepted", "in-progress", "implemented", "rejected", "duplicate")
    }
    for status in statuses.values():
        assert has_lines(text, ru("stats-status-line", status=status, count=1))

    def direction(label: str, total: int, *breakdown: tuple[str, int]) -> str:
        counts = ", ".join(f"{statuses[s]} {n}" for s, n in breakdown)  # as the bot lists them
        return ru("stats-direction-line", direction=label, total=total, breakdown=counts)

    assert has_lines(text, direction("🚀 Технологическое лидерство", 2, ("rejected", 1), ("duplicate", 1)))
    assert has_lines(text, direction("🤝 Социальные проекты", 1, ("implemented", 1)))
    assert has_lines(text, direction("🌳 Развитие городской среды", 2, ("new", 1), ("accepted", 1)))
    assert has_lines(text, direction("🎓 Молодые профессионалы", 1, ("in-progress", 1)))
    assert has_lines(text, ru("stats-supports", total=4, supporters=3))
    top = ru("stats-top-line", number="1", text="Поставить <скамейки> & урны вдоль набережной Урала", supports=3)
    assert has_lines(text, top)
    assert has_lines(text, ru("stats-top-line", number="4", text="Кружок для пенсионеров в библиотеке", supports=1))
    assert has_lines(text, ru("stats-broadcasts", count=1, sent=1, blocked=1, failed=1, unknown=0, waiting=0))
    assert len(summary.html or "") <= 4096

    assert chart.kind == "photo" and chart.caption == ru("stats-chart-caption")
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
    assert menu.text == ru("export-ask")
    assert len(menu.buttons) == len(export_service.KINDS) and all(len(row) == 2 for row in menu.buttons)
    answer = await organizer.press(menu, f"{kind} · {fmt}")
    assert answer.text == ru("export-preparing") and not answer.show_alert
    document = await organizer.expect_message(timeout=15)
    assert document.kind == "document", document
    return document


async def test_exports_read_back_in_csv_and_xlsx(fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser) -> None:
    await seed(bot)
    organizer = fake.user(ORGANIZER_ID, first_name="Ирина", language_code="ru")
    await bot.dp["repos"].roles.grant(organizer.user_id, "organizer", granted_by=admin.user_id)

    files: dict[tuple[str, str], bytes] = {}
    for kind in ("ideas", "residents", "supports", "deliveries"):
        kind_label = button("ru", f"export-kind-{kind}")
        for fmt in ("csv", "xlsx"):
            document = await ask_export(organizer, kind_label, fmt.upper())
            assert document.document_name and document.document_name.startswith(kind + "_")
            assert document.document_name.endswith("." + fmt)
            assert document.document_bytes
            files[kind, fmt] = document.document_bytes
            rows = {"ideas": 6, "residents": 3, "supports": 4, "deliveries": 3}[kind]
            assert document.caption == ru("export-done", kind=kind_label, rows=rows)
            assert document.raw["document"]["mime_type"] in (
                "text/csv",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )

    # Ideas.
    ideas = read_csv(files["ideas", "csv"])
    # whole-screen check: the wording itself is under test
    assert ideas[0] == [
        "Номер",
        "Текст",
        "Статус",
        "Направление",
        "Территория",
        "Поддержки",
        "Автор",
        "Создана (по времени Оренбурга)",
        "Решение (по времени Оренбурга)",
    ]
    assert len(ideas) == 1 + 6
    by_number = {row[0]: row for row in ideas[1:]}
    assert by_number["1"] == [
        "1",
        "Поставить <скамейки> & урны вдоль набережной Урала",
        plain("stats-status-accepted"),
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
    assert by_number["6"][2] == plain("stats-status-duplicate") and by_number["5"][2] == plain(
        "stats-status-in-progress"
    )
    values, types = read_xlsx(files["ideas", "xlsx"])
    assert values[0] == ideas[0] and len(values) == 7
    first = values[1]
    assert first[:7] == [1, "Поставить <скамейки> & урны вдоль набережной Урала", plain("stats-status-accepted"),
                         "Развитие городской среды", "Оренбург", 3, "Анна Иванова"]  # fmt: skip
    assert first[7] == datetime(2026, 11, 20, 15, 0) and first[8] == datetime(2026, 11, 21, 11, 30)
    formula_row = next(i for i, row in enumerate(values) if row[0] == 6)
    assert values[formula_row][1] == "=SUM(A1:A2) формула вместо идеи" and types[formula_row][1] == "s"
    assert values[2][6] is None  # idea 2: no author name

    # Residents: only the three who consented.
    residents = read_csv(files["residents", "csv"])
    assert residents[0][:3] == [plain("export-col-id"), plain("export-col-name"), plain("export-col-username")]
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
        plain("export-yes"),
        plain("export-no"),
    ]
    assert residents[2][8:] == [plain("export-no"), plain("export-no")]  # blocked the bot
    assert residents[3][1] == '\'=HYPERLINK("http://evil.example")' and residents[3][9] == plain("export-yes")
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
    columns = ("export-col-broadcast", "export-col-recipient", "export-col-status", "export-col-error")
    assert deliveries[0] == [*(plain(c) for c in columns), plain("export-col-time", tz=TZ)]
    sent, blocked, failed = (plain(f"export-delivery-{s}") for s in ("sent", "blocked", "failed"))
    assert deliveries[1:] == [
        ["1", "5001", sent, "", "2026-11-21 11:30"],
        ["1", "5002", blocked, "Forbidden: bot was blocked by the user", "2026-11-21 11:30"],
        ["1", "5003", failed, "Bad Request: chat not found", "2026-11-21 11:30"],
    ]
    values, _ = read_xlsx(files["deliveries", "xlsx"])
    assert values[1:] == [
        [1, 5001, sent, None, datetime(2026, 11, 21, 11, 30)],
        [1, 5002, blocked, "Forbidden: bot was blocked by the user", datetime(2026, 11, 21, 11, 30)],
        [1, 5003, failed, "Bad Request: chat not found", datetime(2026, 11, 21, 11, 30)],
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
    text = summary.text or ""
    assert before_mark(en("stats-title", date=MARK)) in text and has_lines(text, en("stats-ideas", total=0, hidden=0))
    chart = await organizer.expect_message()
    assert chart.kind == "photo" and (fake.file_data(chart.photo or "") or b"").startswith(PNG_SIGNATURE)

    await organizer.send_command("/export")
    menu = await organizer.expect_message()
    await organizer.press(menu, f"{button('en', 'export-kind-ideas')} · XLSX")
    document = await organizer.expect_message(timeout=15)
    assert document.caption == en("export-done", kind=en("export-kind-ideas"), rows=0)
    values, _ = read_xlsx(document.document_bytes or b"")
    columns = ("number", "text", "status", "direction", "territory", "supports", "author")
    header = [button("en", f"export-col-{c}") for c in columns]
    header += [button("en", "export-col-created", tz=TZ), button("en", "export-col-decided", tz=TZ)]
    assert values == [header]


async def test_residents_get_no_numbers_and_no_files(fake: FakeTelegram, bot: InProcessBot) -> None:
    await seed(bot)
    resident = await onboarded(fake, 3101, "Жанна")
    for command in ("/stats", "/export"):
        await resident.send_command(command)
        reply = await resident.expect_message()
        assert reply.kind == "text" and reply.text == ru("roles-refused-organizer", command=command)
        assert not reply.buttons
    last = resident.inbox[-1]
    forged = await resident.press_data(last.chat_id, last.message_id, ExportCb(kind="residents", fmt="csv").pack())
    assert forged.show_alert and forged.text == ru("not-allowed")
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
    await admin.press(menu, f"{button('ru', 'export-kind-ideas')} · CSV")
    refusal = await admin.expect_message()
    assert refusal.kind == "text" and refusal.text == ru("export-too-large", mb=0)  # 0 MB: a file of a few bytes
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
