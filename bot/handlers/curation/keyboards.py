"""keyboards."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.handlers.curation.callbacks import (
    BindCb,
    CardAction,
    CardCb,
    ModAction,
    ModCb,
    ReasonAction,
    ReasonCb,
    ReasonFrom,
)
from bot.handlers.projects.keyboards import choose_open_kb
from bot.services.moderation import is_hidden
from bot.storage.models import Direction, Idea
from bot.telegram.i18n import Translate
from bot.telegram.keyboards import button, markup

# An approved idea's project (its leader, applicants, stage) opens from its card until the idea is implemented.
PROJECT_STATUSES = ("accepted", "in_progress")


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


def _move_kb(
    t: Translate,
    directions: Sequence[Direction],
    current_id: int,
    lang: str,
    move_to: Callable[[int], CallbackData],
    back: CallbackData,
) -> InlineKeyboardMarkup:
    """Where an idea can move (every direction but its own, ``move_to`` of its id), then Back."""
    rows = [[button(d.label(lang), move_to(d.id))] for d in directions if d.id != current_id]
    rows.append([button(t("btn-back"), back)])
    return markup(rows)


def _followup_rows(
    t: Translate, status: str, progress: CallbackData, implemented: CallbackData
) -> list[list[InlineKeyboardButton]]:
    """The later steps of an approved idea: in progress (once accepted), implemented (until it is)."""
    rows = []
    if status == "accepted":
        rows.append([button(t("card-in-progress"), progress)])
    if status in ("accepted", "in_progress"):
        rows.append([button(t("card-implemented"), implemented)])
    return rows


def card_move_kb(
    t: Translate, idea_id: int, directions: Sequence[Direction], current_id: int, lang: str
) -> InlineKeyboardMarkup:
    def move_to(direction_id: int) -> CardCb:
        return CardCb(action=CardAction.MOVE_TO, idea_id=idea_id, direction_id=direction_id)

    return _move_kb(t, directions, current_id, lang, move_to, CardCb(action=CardAction.BACK, idea_id=idea_id))


def card_followup_kb(t: Translate, idea_id: int, status: str) -> InlineKeyboardMarkup | None:
    """The later steps on a curator card once the idea is approved (None: nothing left to press)."""
    progress = CardCb(action=CardAction.PROGRESS, idea_id=idea_id)
    implemented = CardCb(action=CardAction.IMPLEMENTED, idea_id=idea_id)
    rows = _followup_rows(t, status, progress, implemented)
    if status in PROJECT_STATUSES:
        rows.append(choose_open_kb(t, idea_id))
    return markup(rows) if rows else None


def bind_kb(directions: Sequence[Direction], lang: str) -> InlineKeyboardMarkup:
    return markup([[button(d.label(lang), BindCb(direction_id=d.id))] for d in directions])


def moderation_kb(t: Translate, idea: Idea, other_queue: int) -> InlineKeyboardMarkup | None:
    """Buttons under an idea shown by /moderate, by what can still happen to it.

    other_queue: for a new idea, how many ideas are hidden by reports; for a hidden one, how many are new.
    """
    n = idea.id

    def press(key: str, action: ModAction) -> InlineKeyboardButton:
        return button(t(key), ModCb(action=action, idea_id=n))

    photos = [button(t("mod-btn-photos", n=len(idea.photos)), ModCb(action=ModAction.PHOTOS, idea_id=n))]
    rows: list[list[InlineKeyboardButton]]
    if idea.status == "new":
        rows = [
            [press("mod-btn-approve", ModAction.APPROVE), press("mod-btn-reject", ModAction.REJECT)],
            [press("mod-btn-duplicate", ModAction.DUPLICATE), press("mod-btn-move", ModAction.MOVE)],
            [*(photos if idea.photos else []), press("mod-btn-skip", ModAction.SKIP)],
        ]
        if other_queue:
            rows.append([button(t("mod-btn-hidden", n=other_queue), ModCb(action=ModAction.HIDDEN))])
    elif is_hidden(idea):
        rows = [
            [press("mod-btn-restore", ModAction.RESTORE), press("mod-btn-reject", ModAction.HIDDEN_REJECT)],
            [*(photos if idea.photos else []), press("mod-btn-skip", ModAction.HIDDEN_SKIP)],
        ]
        if other_queue:
            rows.append([button(t("mod-btn-new", n=other_queue), ModCb(action=ModAction.NEW))])
    else:
        progress = ModCb(action=ModAction.PROGRESS, idea_id=n)
        implemented = ModCb(action=ModAction.IMPLEMENTED, idea_id=n)
        rows = _followup_rows(t, idea.status, progress, implemented)
        if idea.status in PROJECT_STATUSES:
            rows.append(choose_open_kb(t, n))
        if idea.photos:
            rows.append(photos)
    return markup(rows) if rows else None


def moderation_move_kb(
    t: Translate, idea_id: int, directions: Sequence[Direction], current_id: int, lang: str
) -> InlineKeyboardMarkup:
    def move_to(direction_id: int) -> ModCb:
        return ModCb(action=ModAction.MOVE_TO, idea_id=idea_id, value=direction_id)

    return _move_kb(t, directions, current_id, lang, move_to, ModCb(action=ModAction.BACK, idea_id=idea_id))


def moderation_empty_kb(t: Translate, new: int, hidden: int) -> InlineKeyboardMarkup | None:
    rows = []
    if new:
        rows.append([button(t("mod-btn-new", n=new), ModCb(action=ModAction.NEW))])
    if hidden:
        rows.append([button(t("mod-btn-hidden", n=hidden), ModCb(action=ModAction.HIDDEN))])
    return markup(rows) if rows else None


def reason_preview_kb(t: Translate, origin: ReasonFrom, idea_id: int, by: int) -> InlineKeyboardMarkup:
    """Under a rejection's preview: send it to the author, change the reason, or back out (nothing sent)."""

    def press(key: str, action: ReasonAction) -> InlineKeyboardButton:
        return button(t(key), ReasonCb(action=action, origin=origin, idea_id=idea_id, by=by))

    return markup(
        [
            [press("reject-btn-send", ReasonAction.SEND)],
            [press("reject-btn-edit", ReasonAction.EDIT), press("reject-btn-back", ReasonAction.BACK)],
        ]
    )
