"""keyboards."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.handlers.curation.callbacks import BindCb, CardCb, ModCb
from bot.storage.models import PUBLIC_STATUSES, Direction, Idea
from bot.telegram.i18n import Translate
from bot.telegram.keyboards import _button


def card_kb(t: Translate, idea_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                _button(t("card-accept"), CardCb(action="accept", idea_id=idea_id).pack()),
                _button(t("card-reject"), CardCb(action="reject", idea_id=idea_id).pack()),
            ],
            [_button(t("card-move"), CardCb(action="move", idea_id=idea_id).pack())],
        ]
    )


def card_move_kb(
    t: Translate, idea_id: int, directions: Sequence[Direction], current_id: int, lang: str
) -> InlineKeyboardMarkup:
    rows = [
        [_button(d.label(lang), CardCb(action="move_to", idea_id=idea_id, direction_id=d.id).pack())]
        for d in directions
        if d.id != current_id
    ]
    rows.append([_button(t("btn-back"), CardCb(action="back", idea_id=idea_id).pack())])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def card_followup_kb(t: Translate, idea_id: int, status: str) -> InlineKeyboardMarkup | None:
    """The later steps on a curator card once the idea is approved (None: nothing left to press)."""
    rows = []
    if status == "accepted":
        rows.append([_button(t("card-in-progress"), CardCb(action="progress", idea_id=idea_id).pack())])
    if status in ("accepted", "in_progress"):
        rows.append([_button(t("card-implemented"), CardCb(action="implemented", idea_id=idea_id).pack())])
    return InlineKeyboardMarkup(inline_keyboard=rows) if rows else None


def bind_kb(directions: Sequence[Direction], lang: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[_button(d.label(lang), BindCb(direction_id=d.id).pack())] for d in directions]
    )


def moderation_kb(t: Translate, idea: Idea, other_queue: int) -> InlineKeyboardMarkup | None:
    """Buttons under an idea shown by /moderate, by what can still happen to it.

    other_queue: for a new idea, how many ideas are hidden by reports; for a hidden one, how many are new.
    """
    n = idea.id
    rows: list[list[InlineKeyboardButton]] = []
    photos = [_button(t("mod-btn-photos", n=len(idea.photos)), ModCb(action="photos", idea_id=n).pack())]
    if idea.status == "new":
        rows.append(
            [
                _button(t("mod-btn-approve"), ModCb(action="ok", idea_id=n).pack()),
                _button(t("mod-btn-reject"), ModCb(action="rej", idea_id=n).pack()),
            ]
        )
        rows.append(
            [
                _button(t("mod-btn-duplicate"), ModCb(action="dup", idea_id=n).pack()),
                _button(t("mod-btn-move"), ModCb(action="mv", idea_id=n).pack()),
            ]
        )
        rows.append(
            [*(photos if idea.photos else []), _button(t("mod-btn-skip"), ModCb(action="skip", idea_id=n).pack())]
        )
        if other_queue:
            rows.append([_button(t("mod-btn-hidden", n=other_queue), ModCb(action="hidden").pack())])
    elif idea.hidden_at is not None and idea.status in PUBLIC_STATUSES:
        rows.append(
            [
                _button(t("mod-btn-restore"), ModCb(action="rst", idea_id=n).pack()),
                _button(t("mod-btn-reject"), ModCb(action="hrej", idea_id=n).pack()),
            ]
        )
        rows.append(
            [*(photos if idea.photos else []), _button(t("mod-btn-skip"), ModCb(action="hskip", idea_id=n).pack())]
        )
        if other_queue:
            rows.append([_button(t("mod-btn-new", n=other_queue), ModCb(action="new").pack())])
    else:
        if idea.status == "accepted":
            rows.append([_button(t("card-in-progress"), ModCb(action="prog", idea_id=n).pack())])
        if idea.status in ("accepted", "in_progress"):
            rows.append([_button(t("card-implemented"), ModCb(action="impl", idea_id=n).pack())])
        if idea.photos:
            rows.append(photos)
    return InlineKeyboardMarkup(inline_keyboard=rows) if rows else None


def moderation_move_kb(
    t: Translate, idea_id: int, directions: Sequence[Direction], current_id: int, lang: str
) -> InlineKeyboardMarkup:
    rows = [
        [_button(d.label(lang), ModCb(action="mvto", idea_id=idea_id, value=d.id).pack())]
        for d in directions
        if d.id != current_id
    ]
    rows.append([_button(t("btn-back"), ModCb(action="back", idea_id=idea_id).pack())])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def moderation_empty_kb(t: Translate, new: int, hidden: int) -> InlineKeyboardMarkup | None:
    rows = []
    if new:
        rows.append([_button(t("mod-btn-new", n=new), ModCb(action="new").pack())])
    if hidden:
        rows.append([_button(t("mod-btn-hidden", n=hidden), ModCb(action="hidden").pack())])
    return InlineKeyboardMarkup(inline_keyboard=rows) if rows else None
