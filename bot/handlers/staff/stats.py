"""Numbers for organizers: /stats (text and chart) and /export (CSV and XLSX)."""

from __future__ import annotations

import asyncio
import logging
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiogram import F
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command
from aiogram.types import BufferedInputFile, CallbackQuery, FSInputFile, Message

from bot.config import Settings
from bot.handlers.staff.callbacks import ExportCb
from bot.handlers.staff.keyboards import export_kb
from bot.services.export import FORMATS, KINDS, Exporter, TooLarge
from bot.services.limits import squeeze
from bot.services.staff_notices import StaffNotices
from bot.services.stats import chart_data, render_chart, render_text
from bot.services.territories import Territories
from bot.storage.repositories import Repos
from bot.telegram.bundles import bundle
from bot.telegram.filters import IsStaff, Magic
from bot.telegram.i18n import Html, Translate
from bot.telegram.routes import Routes

log = logging.getLogger(__name__)

router = Routes(name="stats")

staff = Routes(name="stats-staff")
staff.message.filter(IsStaff(), Magic(F.chat.type == "private"))
staff.callback_query.filter(IsStaff(), Magic(F.message.chat.type == "private"))

refusals = Routes(name="stats-refusals")

router.include_routers(staff, refusals)


@dataclass(frozen=True)
class StatsDesk:
    """What /stats reads, handed over as one object (a handler takes at most six parameters)."""

    repos: Repos
    territories: Territories
    settings: Settings
    staff_notices: StaffNotices


async def at_the_desk(event: Message, **data: Any) -> dict[str, StatsDesk]:
    return {"desk": bundle(StatsDesk, data)}


@staff.message(Command("stats"), at_the_desk)
async def cmd_stats(message: Message, t: Translate, lang: str, desk: StatsDesk) -> None:
    assert message.from_user is not None
    repos, territories = desk.repos, desk.territories
    snapshot = await repos.stats.snapshot()
    snapshot.projects = await repos.surveys.numbers()  # leaders, stages, teams, needs, results (issue 15)
    directions = await repos.directions.all()
    text = render_text(snapshot, t, lang, directions, territories, desk.settings.tz)
    # Ideas whose cards wait with no one to take them (no curators' chat, no superadmin reachable).
    unrouted = await desk.staff_notices.stats_line(message.from_user.id, t, lang)
    await message.answer(squeeze(f"{text}\n\n{unrouted}") if unrouted else text)
    # Drawing takes tens of milliseconds of CPU: a worker thread keeps the loop serving others.
    png = await asyncio.to_thread(render_chart, chart_data(snapshot, t, lang, directions, territories))
    await message.answer_photo(BufferedInputFile(png, filename="stats.png"), caption=t("stats-chart-caption"))


@staff.message(Command("export"))
async def cmd_export(message: Message, t: Translate) -> None:
    await message.answer(t("export-ask"), reply_markup=export_kb(t, KINDS, FORMATS))


@staff.callback_query(ExportCb.filter())
async def export_pick(
    callback: CallbackQuery, callback_data: ExportCb, t: Translate, lang: str, repos: Repos, exporter: Exporter
) -> None:
    await callback.answer(t("export-preparing"))
    bot = callback.bot
    assert bot is not None
    chat_id = callback.from_user.id
    directory = Path(tempfile.mkdtemp(prefix="export-"))
    try:
        try:
            built = await exporter.build(
                callback_data.kind, callback_data.fmt, t, lang, await repos.directions.all(), directory
            )
        except TooLarge as exc:
            log.warning("export %s/%s too large: %s bytes", callback_data.kind, callback_data.fmt, exc.size)
            await bot.send_message(chat_id, t("export-too-large", mb=round(exc.size / 1024 / 1024)))
            return
        # Recorded before the file leaves: a file that reached someone is never missing from the log.
        await repos.audit.record(
            chat_id, "export", built.kind, {"format": built.fmt, "rows": built.rows, "bytes": built.size}
        )
        try:
            await bot.send_document(
                chat_id,
                FSInputFile(built.path, filename=built.filename),
                caption=t("export-done", kind=Html(t("export-kind-" + built.kind)), rows=built.rows),
            )
        except TelegramAPIError as exc:
            log.warning("export %s could not be sent to %s: %s", built.filename, chat_id, exc)
            await bot.send_message(chat_id, t("export-failed"))
            return
        log.info("export %s (%s rows, %s bytes) sent to %s", built.filename, built.rows, built.size, chat_id)
    finally:
        shutil.rmtree(directory, ignore_errors=True)


# --- everyone else --------------------------------------------------------------------------
# /stats and /export from non-staff are refused by roles.refusal_router (all organizer commands).


@refusals.callback_query(ExportCb.filter())
async def refuse_press(callback: CallbackQuery, t: Translate) -> None:
    log.info("refused export button from %s: %s", callback.from_user.id, callback.data)
    await callback.answer(t("not-allowed"), show_alert=True)
