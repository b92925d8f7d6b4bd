"""keyboards."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.types import InlineKeyboardMarkup

from bot.handlers.staff.callbacks import BroadcastCb, ExportCb
from bot.services.export import ExportFormat, ExportKind
from bot.storage.models import Direction
from bot.telegram.i18n import Translate
from bot.telegram.keyboards import _button, button, markup


def broadcast_audience_kb(t: Translate, everyone: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [_button(t("bc-aud-all", n=everyone), BroadcastCb(action="pick", value="all").pack())],
            [_button(t("bc-aud-direction"), BroadcastCb(action="aud", value="direction").pack())],
            [_button(t("bc-aud-territory"), BroadcastCb(action="aud", value="territory").pack())],
            [_button(t("bc-aud-authors"), BroadcastCb(action="aud", value="authors").pack())],
            [_button(t("bc-drop"), BroadcastCb(action="drop").pack())],
        ]
    )


def broadcast_directions_kb(
    t: Translate, kind: str, directions: Sequence[tuple[Direction, int]], lang: str
) -> InlineKeyboardMarkup:
    rows = [
        [_button(f"{d.label(lang)} · {n}", BroadcastCb(action="pick", value=f"{kind}.{d.id}").pack())]
        for d, n in directions
    ]
    rows.append([_button(t("bc-back"), BroadcastCb(action="back").pack())])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def broadcast_territories_kb(t: Translate, items: Sequence[tuple[str, str, int]]) -> InlineKeyboardMarkup:
    """items: (code, name, residents)."""
    buttons = [
        _button(f"{name} · {n}", BroadcastCb(action="pick", value=f"territory.{code}").pack())
        for code, name, n in items
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([_button(t("bc-back"), BroadcastCb(action="back").pack())])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def broadcast_confirm_kb(t: Translate, recipients: int) -> InlineKeyboardMarkup:
    rows = []
    if recipients > 0:
        rows.append([_button(t("bc-confirm", n=recipients), BroadcastCb(action="confirm").pack())])
    rows.append([_button(t("bc-change-audience"), BroadcastCb(action="back").pack())])
    rows.append([_button(t("bc-drop"), BroadcastCb(action="drop").pack())])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def broadcast_stop_kb(t: Translate, broadcast_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[_button(t("bc-stop"), BroadcastCb(action="stop", id=broadcast_id).pack())]]
    )


def broadcast_report_kb(t: Translate, broadcast_id: int, unknown: int) -> InlineKeyboardMarkup | None:
    """Under a broadcast's report: send again to those whose outcome is unknown (asks first)."""
    if unknown <= 0:
        return None
    button = _button(t("bc-resend", n=unknown), BroadcastCb(action="resend", id=broadcast_id).pack())
    return InlineKeyboardMarkup(inline_keyboard=[[button]])


def broadcast_resend_kb(t: Translate, broadcast_id: int, unknown: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [_button(t("bc-resend-confirm", n=unknown), BroadcastCb(action="resendok", id=broadcast_id).pack())],
            [_button(t("bc-resend-keep"), BroadcastCb(action="keep", id=broadcast_id).pack())],
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
