"""Keyboards of the staff feature: the broadcast draft, its progress and report, /export."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.types import InlineKeyboardMarkup

from bot.handlers.staff.callbacks import BroadcastAction, BroadcastCb, ExportCb
from bot.services.export import ExportFormat, ExportKind
from bot.storage.models import Direction
from bot.telegram.i18n import Translate
from bot.telegram.keyboards import button, markup


def broadcast_audience_kb(t: Translate, everyone: int) -> InlineKeyboardMarkup:
    return markup(
        [
            [button(t("bc-aud-all", n=everyone), BroadcastCb(action=BroadcastAction.PICK, audience="all"))],
            [button(t("bc-aud-direction"), BroadcastCb(action=BroadcastAction.NARROW, audience="direction"))],
            [button(t("bc-aud-territory"), BroadcastCb(action=BroadcastAction.NARROW, audience="territory"))],
            [button(t("bc-aud-authors"), BroadcastCb(action=BroadcastAction.NARROW, audience="authors"))],
            [button(t("bc-aud-leaders"), BroadcastCb(action=BroadcastAction.NARROW, audience="leaders"))],
            [button(t("bc-aud-teams"), BroadcastCb(action=BroadcastAction.NARROW, audience="teams"))],
            [button(t("bc-drop"), BroadcastCb(action=BroadcastAction.DROP))],
        ]
    )


def broadcast_directions_kb(
    t: Translate, kind: str, directions: Sequence[tuple[Direction, int]], lang: str
) -> InlineKeyboardMarkup:
    rows = [
        [button(f"{d.label(lang)} · {n}", BroadcastCb(action=BroadcastAction.PICK, audience=f"{kind}.{d.id}"))]
        for d, n in directions
    ]
    rows.append([button(t("bc-back"), BroadcastCb(action=BroadcastAction.BACK))])
    return markup(rows)


def broadcast_territories_kb(t: Translate, items: Sequence[tuple[str, str, int]]) -> InlineKeyboardMarkup:
    """items: (code, name, residents)."""
    buttons = [
        button(f"{name} · {n}", BroadcastCb(action=BroadcastAction.PICK, audience=f"territory.{code}"))
        for code, name, n in items
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([button(t("bc-back"), BroadcastCb(action=BroadcastAction.BACK))])
    return markup(rows)


def broadcast_confirm_kb(t: Translate, recipients: int) -> InlineKeyboardMarkup:
    rows = []
    if recipients > 0:
        rows.append([button(t("bc-confirm", n=recipients), BroadcastCb(action=BroadcastAction.CONFIRM))])
    rows.append([button(t("bc-change-audience"), BroadcastCb(action=BroadcastAction.BACK))])
    rows.append([button(t("bc-drop"), BroadcastCb(action=BroadcastAction.DROP))])
    return markup(rows)


def broadcast_stop_kb(t: Translate, broadcast_id: int) -> InlineKeyboardMarkup:
    return markup([[button(t("bc-stop"), BroadcastCb(action=BroadcastAction.STOP, broadcast_id=broadcast_id))]])


def broadcast_report_kb(t: Translate, broadcast_id: int, unknown: int) -> InlineKeyboardMarkup | None:
    """Under a broadcast's report: send again to those whose outcome is unknown (asks first)."""
    if unknown <= 0:
        return None
    resend = BroadcastCb(action=BroadcastAction.RESEND, broadcast_id=broadcast_id)
    return markup([[button(t("bc-resend", n=unknown), resend)]])


def broadcast_resend_kb(t: Translate, broadcast_id: int, unknown: int) -> InlineKeyboardMarkup:
    return markup(
        [
            [
                button(
                    t("bc-resend-confirm", n=unknown),
                    BroadcastCb(action=BroadcastAction.RESEND_CONFIRMED, broadcast_id=broadcast_id),
                )
            ],
            [button(t("bc-resend-keep"), BroadcastCb(action=BroadcastAction.KEEP, broadcast_id=broadcast_id))],
        ]
    )


def export_kb(t: Translate, kinds: Sequence[ExportKind], formats: Sequence[ExportFormat]) -> InlineKeyboardMarkup:
    """One row per kind of data, one button per file format: a single press asks for one file."""
    return markup(
        [
            [button(f"{t('export-kind-' + kind)} · {fmt.upper()}", ExportCb(kind=kind, fmt=fmt)) for fmt in formats]
            for kind in kinds
        ]
    )
