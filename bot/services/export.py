"""/export: ideas, consenting residents, supports, broadcast deliveries, polls and votes as CSV or XLSX files.

Rows come from the database in chunks (bot/storage/stats.py) and are written to a temporary file as
they arrive, so memory stays flat however many rows there are:

* CSV: UTF-8 with a byte-order mark (Excel then reads Cyrillic correctly), ``;`` as the separator
  (what Excel expects under Russian regional settings, so a double click opens columns), every field
  quoted when needed (RFC 4180 rules with ``;``).
* XLSX: xlsxwriter in ``constant_memory`` mode (each row is flushed to disk as it is written), every
  string written as a string (never a formula, number or link), dates as real dates.

Every text cell of both (names, ideas, poll questions and options, vote counts, labels: whatever it holds) goes
through ``guard_text``: one that a spreadsheet could read as a formula (it begins with ``= + - @``, their
fullwidth forms ``＝ ＋ － ＠``, which Excel reads the same way, or a tab or line break, which some programs strip
first) gets a leading apostrophe in CSV, so nobody's text ever runs as a formula. In XLSX, where every string
is a string cell already, such a cell also gets Excel's own hidden apostrophe (the quote prefix format): it
shows exactly what was typed and stays text when someone edits it or copies it to another cell.

Dates are shown in the configured time zone. Writing runs in a worker thread, chunk by chunk, so the
event loop keeps serving other people meanwhile.
"""

from __future__ import annotations

import asyncio
import csv
import json
import re
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

from bot.clock import now, usable
from bot.services.territories import Territories
from bot.services.timetext import FILE_STAMP
from bot.storage.models import Direction
from bot.storage.polls import PollsRepo
from bot.storage.stats import StatsRepo
from bot.storage.surveys import SurveysRepo
from bot.telegram.i18n import Translate


class ExportKind(StrEnum):
    IDEAS = "ideas"
    RESIDENTS = "residents"
    SUPPORTS = "supports"
    DELIVERIES = "deliveries"
    POLLS = "polls"
    VOTES = "votes"
    PROJECTS = "projects"  # issue 15
    TEAM = "team"  # issue 15: who offered to help or to lead (names only with their contact consent)


class ExportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


KINDS: tuple[ExportKind, ...] = tuple(ExportKind)
FORMATS: tuple[ExportFormat, ...] = tuple(ExportFormat)
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024  # Telegram's limit for a document a bot uploads
CSV_DELIMITER = ";"
# What a spreadsheet may read as the start of a formula: = + - @, their fullwidth forms (Excel reads those as
# the ASCII ones), and a leading tab or line break (stripped by some programs before the formula is read).
FORMULA_START = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20", "\t", "\r", "\n")
DATE_FORMAT = "%Y-%m-%d %H:%M"
ZERO = timedelta(0)
HOUR = timedelta(hours=1)

COLUMNS: dict[str, tuple[str, ...]] = {
    "ideas": ("number", "text", "status", "direction", "territory", "supports", "author", "created", "decided"),
    "residents": (
        "id",
        "name",
        "username",
        "territory",
        "language",
        "consent-version",
        "consent-date",
        "subscriptions",
        "active",
        "banned",
    ),
    "supports": ("idea", "direction", "supporter-id", "supporter-name", "supported-at"),
    "deliveries": ("broadcast", "recipient", "status", "error", "time"),
    "polls": (
        "number",
        "session",
        "chat",
        "question",
        "options",
        "settings",
        "status",
        "poll-created",
        "poll-closed",
        "voters",
        "counts",
    ),
    "votes": ("poll", "id", "name", "choice", "time"),
    "projects": (
        "number",
        "text",
        "direction",
        "territory",
        "stage",
        "leader",
        "team-size",
        "needs",
        "experts",
        "result-yes",
        "result-partly",
        "result-no",
        "followup-yes",
        "followup-partly",
        "followup-no",
    ),
    "team": ("project", "first-name", "name", "username", "help", "role", "offer-status", "since"),
}
WIDTHS = {
    "text": 60,
    "name": 24,
    "author": 24,
    "supporter-name": 24,
    "error": 40,
    "subscriptions": 30,
    "session": 30,
    "question": 50,
    "options": 40,
    "settings": 30,
    "counts": 40,
    "choice": 30,
}

Cell = str | int | datetime | None


def needs_guard(value: str) -> bool:
    """Whether a spreadsheet could read this text cell as a formula (see the module's docstring)."""
    return value.startswith(FORMULA_START)


def guard_text(value: str) -> str:
    """A text cell for CSV: a leading apostrophe where a spreadsheet could read it as a formula."""
    return "'" + value if needs_guard(value) else value


def sheet_name(label: str) -> str:
    """A worksheet name from a button label: no leading emoji, none of Excel's forbidden characters, ≤ 31."""
    name = re.sub(r"[\[\]:*?/\\]", " ", re.sub(r"^\W+", "", label)).strip()
    return (name or "data")[:31]


class TooLarge(Exception):
    """The file would exceed what Telegram accepts from a bot."""

    def __init__(self, size: int) -> None:
        super().__init__(f"export of {size} bytes exceeds {MAX_DOCUMENT_BYTES}")
        self.size = size


@dataclass(frozen=True, slots=True)
class ExportFile:
    path: Path
    filename: str
    kind: str
    fmt: str
    rows: int
    size: int


class RowWriter(Protocol):
    def write(self, rows: list[list[Cell]]) -> None: ...

    def close(self) -> None: ...


class CsvRows:
    def __init__(self, path: Path, header: Sequence[str]) -> None:
        self._file = path.open("w", encoding="utf-8-sig", newline="")
        self._writer = csv.writer(self._file, delimiter=CSV_DELIMITER, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        self._width = len(header)
        self._writer.writerow([guard_text(title) for title in header])

    def write(self, rows: list[list[Cell]]) -> None:
        for row in rows:
            if len(row) != self._width:
                raise ValueError(f"a row of {len(row)} cells under {self._width} columns")
        self._writer.writerows([self._cell(value) for value in row] for row in rows)

    @staticmethod
    def _cell(value: Cell) -> str | int:
        if value is None:
            return ""
        if isinstance(value, datetime):
            return value.strftime(DATE_FORMAT)
        if isinstance(value, str):
            return guard_text(value)
        return value

    def close(self) -> None:
        self._file.close()


class XlsxRows:
    def __init__(self, path: Path, header: Sequence[str], widths: Sequence[int], sheet: str) -> None:
        import xlsxwriter

        self._book = xlsxwriter.Workbook(
            str(path),
            {
                "constant_memory": True,
                "tmpdir": str(path.parent),
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
            },
        )
        self._sheet = self._book.add_worksheet(sheet)
        self._date = self._book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
        # Excel's hidden apostrophe: the cell is text, shown exactly as written, also after someone edits it.
        self._text = self._book.add_format({"quote_prefix": True})
        bold = self._book.add_format({"bold": True})
        bold_text = self._book.add_format({"bold": True, "quote_prefix": True})
        for column, width in enumerate(widths):
            self._sheet.set_column(column, column, width)
        self._sheet.freeze_panes(1, 0)
        for column, title in enumerate(header):
            self._sheet.write_string(0, column, title, bold_text if needs_guard(title) else bold)
        self._row = 1

    def write(self, rows: list[list[Cell]]) -> None:
        sheet = self._sheet
        for row in rows:
            for column, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, datetime):
                    sheet.write_datetime(self._row, column, value, self._date)
                elif isinstance(value, int):
                    sheet.write_number(self._row, column, value)
                elif needs_guard(value):
                    sheet.write_string(self._row, column, value, self._text)
                else:
                    sheet.write_string(self._row, column, value)
            self._row += 1

    def close(self) -> None:
        self._book.close()


class Exporter:
    """Builds one export file; the caller sends it and removes the directory."""

    def __init__(
        self, stats: StatsRepo, territories: Territories, tz: tzinfo, tz_name: str, polls: PollsRepo | None = None
    ) -> None:
        self.stats = stats
        self.polls = polls or PollsRepo(stats.db)
        self.surveys = SurveysRepo(stats.db)  # the projects' rows (issue 15)
        self.territories = territories
        self.tz = tz
        self.tz_name = tz_name
        self._offsets: dict[datetime, timedelta | None] = {}  # UTC hour -> offset (None: it changes)

    async def build(
        self, kind: str, fmt: str, t: Translate, lang: str, directions: Sequence[Direction], directory: Path
    ) -> ExportFile:
        if kind not in KINDS or fmt not in FORMATS:
            raise ValueError(f"unknown export {kind}/{fmt}")
        columns = COLUMNS[kind]
        header = [t("export-col-" + c, tz=self.tz_name) for c in columns]
        stamp = now().astimezone(self.tz).strftime(FILE_STAMP)
        filename = f"{kind}_{stamp}.{fmt}"
        path = directory / filename
        writer: RowWriter
        if fmt == "csv":
            writer = CsvRows(path, header)
        else:
            writer = await asyncio.to_thread(
                XlsxRows, path, header, [WIDTHS.get(c, 14) for c in columns], sheet_name(t("export-kind-" + kind))
            )
        mapper = self._mapper(kind, t, lang, directions)

        def write(chunk: list[tuple[Any, ...]]) -> None:  # in a worker thread: mapping and writing both
            writer.write([mapper(row) for row in chunk])

        count = 0
        try:
            async for chunk in self._source(kind):
                await asyncio.to_thread(write, chunk)
                count += len(chunk)
        finally:
            await asyncio.to_thread(writer.close)
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            raise TooLarge(size)
        return ExportFile(path, filename, kind, fmt, count, size)

    def _source(self, kind: str) -> AsyncIterator[list[tuple[Any, ...]]]:
        return {
            "ideas": self.stats.ideas_rows,
            "residents": self.stats.residents_rows,
            "supports": self.stats.supports_rows,
            "deliveries": self.stats.deliveries_rows,
            "polls": self.polls.polls_rows,
            "votes": self.polls.votes_rows,
            "projects": self.surveys.projects_rows,
            "team": self.surveys.team_rows,
        }[kind]()

    def _date(self, value: str | None) -> datetime | None:
        """UTC ISO text → naive local time (Excel has no time zones; the column header names the zone).

        Converting through the time zone costs ~10 µs a row; the offset is instead looked up once per UTC
        hour (an hour with a change of offset inside it is converted row by row).
        """
        if not value:
            return None
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:  # a row edited by hand: an empty cell, not a failed export
            return None
        if not usable(moment):
            return None
        if moment.utcoffset() != ZERO:
            return moment.astimezone(self.tz).replace(tzinfo=None, microsecond=0)
        hour = moment.replace(minute=0, second=0, microsecond=0)
        if hour not in self._offsets:
            start, end = hour.astimezone(self.tz).utcoffset(), (hour + HOUR).astimezone(self.tz).utcoffset()
            self._offsets[hour] = start if start == end else None
        offset = self._offsets[hour]
        if offset is None:
            return moment.astimezone(self.tz).replace(tzinfo=None, microsecond=0)
        return (moment + offset).replace(tzinfo=None, microsecond=0)

    def _mapper(
        self, kind: str, t: Translate, lang: str, directions: Sequence[Direction]
    ) -> Callable[[tuple[Any, ...]], list[Cell]]:
        names = {d.id: d.name(lang) for d in directions}
        labels: dict[str, str] = {}

        def label(key: str) -> str:
            found = labels.get(key)
            if found is None:
                found = labels[key] = t(key)
            return found

        def territory(code: str | None) -> str | None:
            return self.territories.name(code, lang) or code

        yes, no = label("export-yes"), label("export-no")

        if kind == "ideas":

            def idea(r: tuple[Any, ...]) -> list[Cell]:
                number, text, status, direction_id, terr, supports, author, created, decided = r
                return [
                    number,
                    text,
                    label("stats-status-" + status.replace("_", "-")),
                    names.get(direction_id, str(direction_id)),
                    territory(terr),
                    supports,
                    author or None,
                    self._date(created),
                    self._date(decided),
                ]

            return idea
        if kind == "residents":

            def resident(r: tuple[Any, ...]) -> list[Cell]:
                uid, name, username, terr, language, version, consent_at, subs, active, banned_at = r
                subscribed = [names.get(int(d), d) for d in subs.split(",")] if subs else []
                return [
                    uid,
                    name or None,
                    username,
                    territory(terr),
                    language,
                    version,
                    self._date(consent_at),
                    "; ".join(str(s) for s in subscribed) or None,
                    yes if active else no,
                    yes if banned_at else no,
                ]

            return resident
        if kind == "supports":

            def support(r: tuple[Any, ...]) -> list[Cell]:
                idea_id, direction_id, user_id, name, created = r
                return [idea_id, names.get(direction_id, str(direction_id)), user_id, name or None, self._date(created)]

            return support

        if kind == "polls":

            def poll(r: tuple[Any, ...]) -> list[Cell]:
                (poll_id, session_id, session_title, chat_id, question, options_json, anonymous, multiple, correct,
                 status, created, closed, voters, counts_json) = r  # fmt: skip
                options = json.loads(options_json)
                counts = json.loads(counts_json) if counts_json else [0] * len(options)
                settings = [label("poll-kind-anonymous" if anonymous else "poll-kind-open")]
                if multiple:
                    settings.append(label("poll-kind-multiple"))
                if correct is not None:
                    settings.append(label("poll-kind-quiz") + " " + t("export-poll-correct", number=int(correct) + 1))
                return [
                    poll_id,
                    f"{t('number-label', number=session_id)} {session_title}" if session_id is not None else None,
                    chat_id,
                    question,
                    "; ".join(options),
                    " · ".join(settings),
                    label("poll-status-" + status),
                    self._date(created),
                    self._date(closed),
                    voters,
                    "; ".join(f"{option}: {count}" for option, count in zip(options, counts, strict=False)),
                ]

            return poll
        if kind == "votes":

            def vote(r: tuple[Any, ...]) -> list[Cell]:
                poll_id, user_id, name, chosen_json, options_json, updated = r
                options = json.loads(options_json)
                chosen = [options[i] for i in json.loads(chosen_json) if 0 <= i < len(options)]
                return [poll_id, user_id, name or None, "; ".join(chosen) or label("export-vote-retracted"),
                        self._date(updated)]  # fmt: skip

            return vote

        if kind == "projects":

            def project(r: tuple[Any, ...]) -> list[Cell]:
                number, text, direction_id, terr, stage, leader, team, needs, experts, *answers = r
                return [number, text, names.get(direction_id, str(direction_id)), territory(terr),
                        label("stats-project-stage-" + stage), leader or None, team, needs, experts,
                        *answers]  # fmt: skip

            return project
        if kind == "team":

            def member(r: tuple[Any, ...]) -> list[Cell]:
                idea_id, first, name, username, helps, role, status, since = r
                how = "; ".join(label("export-help-" + h) for h in helps.split(",")) if helps else None
                return [idea_id, first, name or None, username, how, label("export-role-" + role),
                        label("export-offer-" + status), self._date(since)]  # fmt: skip

            return member

        def delivery(r: tuple[Any, ...]) -> list[Cell]:
            number, kind, user_id, status, error, updated = r
            # The number people saw in the chat; the bot's own notices and reminders carry none: their kind instead.
            shown = number if number is not None else label("export-broadcast-" + kind)
            return [shown, user_id, label("export-delivery-" + status), error, self._date(updated)]

        return delivery
