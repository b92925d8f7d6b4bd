"""keyboards."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.handlers.curation.callbacks import BindCb, CardAction, CardCb, ModAction, ModCb
from bot.services.moderation import is_hidden
from bot.storage.models import Direction, Idea
from bot.telegram.i18n import Translate
from bot.telegram.keyboards import button, markup


def card_kb(t: Translate, idea_id: int) -> InlineKeyboardMarkup:
    return markup(
        [
            [
                button(t("card-accept"), CardCb(action=CardAction.ACCEPT, idea_id=idea_id)),
                button(t("card-reject"), CardCb(action=CardAction.REJECT, idea_id=idea_id)),
            ],
            [button(t("card-move"), CardCb(action=CardAction.MOVE, idea_id=idea_id))],
        ]
    )


def card_move_kb(
    t: Translate, idea_id: int, directions: Sequence[Direction], current_id: int, lang: str
) -> InlineKeyboardMarkup:
    rows = [
        [button(d.label(lang), CardCb(action=CardAction.MOVE_TO, idea_id=idea_id, direction_id=d.id))]
        for d in directions
        if d.id != current_id
    ]
    rows.append([button(t("btn-back"), CardCb(action=CardAction.BACK, idea_id=idea_id))])
    return markup(rows)


def card_followup_kb(t: Translate, idea_id: int, status: str) -> InlineKeyboardMarkup | None:
    """The later steps on a curator card once the idea is approved (None: nothing left to press)."""
    rows = []
    if status == "accepted":
        rows.append([button(t("card-in-progress"), CardCb(action=CardAction.PROGRESS, idea_id=idea_id))])
    if status in ("accepted", "in_progress"):
        rows.append([button(t("card-implemented"), CardCb(action=CardAction.IMPLEMENTED, idea_id=idea_id))])
    return markup(rows) if rows else None


def bind_kb(directions: Sequence[Direction], lang: str) -> InlineKeyboardMarkup:
    return markup([[button(d.label(lang), BindCb(direction_id=d.id))] for d in directions])


def moderation_kb(t: Translate, idea: Idea, other_queue: int) -> InlineKeyboardMarkup | None:
    """Buttons under an idea shown by /moderate, by what can still happen to it.

    other_queue: for a new idea, how many ideas are hidden by reports; for a hidden one, how many are new.
    """
    n = idea.id
    rows: list[list[InlineKeyboardButton]] = []
    photos = [button(t("mod-btn-photos", n=len(idea.photos)), ModCb(action=ModAction.PHOTOS, idea_id=n))]
    if idea.status == "new":
        rows.append(
            [
                button(t("mod-btn-approve"), ModCb(action=ModAction.APPROVE, idea_id=n)),
                button(t("mod-btn-reject"), ModCb(action=ModAction.REJECT, idea_id=n)),
            ]
        )
        rows.append(
            [
                button(t("mod-btn-duplicate"), ModCb(action=ModAction.DUPLICATE, idea_id=n)),
                button(t("mod-btn-move"), ModCb(action=ModAction.MOVE, idea_id=n)),
            ]
        )
        rows.append(
            [
                *(photos if idea.photos else []),
                button(t("mod-btn-skip"), ModCb(action=ModAction.SKIP, idea_id=n)),
            ]
        )
        if other_queue:
            rows.append([button(t("mod-btn-hidden", n=other_queue), ModCb(action=ModAction.HIDDEN))])
    elif is_hidden(idea):
        rows.append(
            [
                button(t("mod-btn-restore"), ModCb(action=ModAction.RESTORE, idea_id=n)),
                button(t("mod-btn-reject"), ModCb(action=ModAction.HIDDEN_REJECT, idea_id=n)),
            ]
        )
        rows.append(
            [
                *(photos if idea.photos else []),
                button(t("mod-btn-skip"), ModCb(action=ModAction.HIDDEN_SKIP, idea_id=n)),
            ]
        )
        if other_queue:
            rows.append([button(t("mod-btn-new", n=other_queue), ModCb(action=ModAction.NEW))])
    else:
        if idea.status == "accepted":
            rows.append([button(t("card-in-progress"), ModCb(action=ModAction.PROGRESS, idea_id=n))])
        if idea.status in ("accepted", "in_progress"):
            rows.append([button(t("card-implemented"), ModCb(action=ModAction.IMPLEMENTED, idea_id=n))])
        if idea.photos:
            rows.append(photos)
    return markup(rows) if rows else None


def moderation_move_kb(
    t: Translate, idea_id: int, directions: Sequence[Direction], current_id: int, lang: str
) -> InlineKeyboardMarkup:
    rows = [
        [button(d.label(lang), ModCb(action=ModAction.MOVE_TO, idea_id=idea_id, value=d.id))]
        for d in directions
        if d.id != current_id
    ]
    rows.append([button(t("btn-back"), ModCb(action=ModAction.BACK, idea_id=idea_id))])
    return markup(rows)


def moderation_empty_kb(t: Translate, new: int, hidden: int) -> InlineKeyboardMarkup | None:
    rows = []
    if new:
        rows.append([button(t("mod-btn-new", n=new), ModCb(action=ModAction.NEW))])
    if hidden:
        rows.append([button(t("mod-btn-hidden", n=hidden), ModCb(action=ModAction.HIDDEN))])
    return markup(rows) if rows else None
