"""keyboards."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.types import InlineKeyboardMarkup

from bot.handlers.ideas.callbacks import IdeaCb, PubCb
from bot.services.moderation import REPORT_REASONS
from bot.storage.models import Direction
from bot.telegram.i18n import Translate
from bot.telegram.keyboards import _button


def cancel_kb(t: Translate) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[_button(t("btn-cancel"), IdeaCb(action="cancel").pack())]])


def photos_kb(t: Translate, has_photos: bool) -> InlineKeyboardMarkup:
    first = (
        _button(t("btn-done"), IdeaCb(action="done_photos").pack())
        if has_photos
        else _button(t("btn-skip"), IdeaCb(action="skip_photos").pack())
    )
    return InlineKeyboardMarkup(inline_keyboard=[[first], [_button(t("btn-cancel"), IdeaCb(action="cancel").pack())]])


def place_kb(t: Translate) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [_button(t("btn-skip"), IdeaCb(action="skip_place").pack())],
            [_button(t("btn-cancel"), IdeaCb(action="cancel").pack())],
        ]
    )


def route_kb(t: Translate, first: Sequence[Direction], lang: str, offer_other: bool) -> InlineKeyboardMarkup:
    rows = [[_button(d.label(lang), IdeaCb(action="dir", value=d.id).pack())] for d in first]
    if offer_other:
        rows.append([_button(t("idea-route-other"), IdeaCb(action="other_dirs").pack())])
    rows.append([_button(t("btn-cancel"), IdeaCb(action="cancel").pack())])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def summary_kb(t: Translate, token: int) -> InlineKeyboardMarkup:
    """token: the draft's (a second press of Send finds the idea it made)."""
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [_button(t("idea-send"), IdeaCb(action="send", value=token).pack())],
            [
                _button(t("idea-edit"), IdeaCb(action="edit").pack()),
                _button(t("btn-cancel"), IdeaCb(action="cancel").pack()),
            ],
        ]
    )


def edit_kb(t: Translate) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                _button(t("idea-edit-text"), IdeaCb(action="edit_text").pack()),
                _button(t("idea-edit-photos"), IdeaCb(action="edit_photos").pack()),
            ],
            [
                _button(t("idea-edit-place"), IdeaCb(action="edit_place").pack()),
                _button(t("idea-edit-direction"), IdeaCb(action="edit_direction").pack()),
            ],
            [_button(t("btn-back"), IdeaCb(action="back").pack())],
        ]
    )


def _pub(view: PubCb, **changes: object) -> str:
    """A PubCb for the same view (filter, sort, page) with some fields changed."""
    return view.model_copy(update=changes).pack()


def public_list_kb(t: Translate, view: PubCb, idea_ids: Sequence[int], pages: int) -> InlineKeyboardMarkup:
    rows = []
    if idea_ids:
        rows.append([_button(f"#{n}", _pub(view, action="open", idea=n)) for n in idea_ids])
    if pages > 1:
        nav = []
        if view.page > 0:
            nav.append(_button("◀", _pub(view, action="page", idea=0, page=view.page - 1)))
        nav.append(_button(f"{view.page + 1} / {pages}", _pub(view, action="noop", idea=0)))
        if view.page < pages - 1:
            nav.append(_button("▶", _pub(view, action="page", idea=0, page=view.page + 1)))
        rows.append(nav)
    sort_button = (
        _button(t("public-btn-sort-date"), _pub(view, action="page", idea=0, sort="d", page=0))
        if view.sort == "s"
        else _button(t("public-btn-sort-supports"), _pub(view, action="page", idea=0, sort="s", page=0))
    )
    rows.append([sort_button, _button(t("public-btn-filter"), _pub(view, action="flt", idea=0))])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def public_filter_kb(t: Translate, view: PubCb) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [_button(t("public-btn-all"), _pub(view, action="set", kind="a", value="", page=0))],
            [_button(t("public-btn-by-direction"), _pub(view, action="fd"))],
            [_button(t("public-btn-by-territory"), _pub(view, action="ft"))],
            [_button(t("public-btn-back"), _pub(view, action="page"))],
        ]
    )


def public_directions_kb(
    t: Translate, view: PubCb, directions: Sequence[tuple[Direction, int]], lang: str
) -> InlineKeyboardMarkup:
    rows = [
        [_button(f"{d.label(lang)} · {n}", _pub(view, action="set", kind="d", value=str(d.id), page=0))]
        for d, n in directions
    ]
    rows.append([_button(t("public-btn-back"), _pub(view, action="flt"))])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def public_territories_kb(t: Translate, view: PubCb, items: Sequence[tuple[str, str, int]]) -> InlineKeyboardMarkup:
    """items: (code, name, public ideas)."""
    buttons = [
        _button(f"{name} · {n}", _pub(view, action="set", kind="t", value=code, page=0)) for code, name, n in items
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([_button(t("public-btn-back"), _pub(view, action="flt"))])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def public_idea_kb(
    t: Translate, view: PubCb, idea_id: int, *, own: bool, supported: bool, reported: bool
) -> InlineKeyboardMarkup:
    rows = []
    if not own:
        if supported:
            rows.append([_button(t("public-btn-withdraw"), _pub(view, action="uns", idea=idea_id))])
        else:
            rows.append([_button(t("public-btn-support"), _pub(view, action="sup", idea=idea_id))])
        if not reported:
            rows.append([_button(t("public-btn-report"), _pub(view, action="rep", idea=idea_id))])
    rows.append([_button(t("public-btn-list"), _pub(view, action="page", idea=0))])
    return InlineKeyboardMarkup(inline_keyboard=rows)




def public_report_kb(t: Translate, view: PubCb, idea_id: int) -> InlineKeyboardMarkup:
    rows = [
        [_button(t(f"public-reason-{reason}"), _pub(view, action="rr", idea=idea_id, reason=reason))]
        for reason in REPORT_REASONS
    ]
    rows.append([_button(t("public-btn-back"), _pub(view, action="open", idea=idea_id))])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def public_back_kb(t: Translate, view: PubCb) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[_button(t("public-btn-list"), _pub(view, action="page", idea=0))]])


def similar_kb(t: Translate, idea_ids: Sequence[int]) -> InlineKeyboardMarkup:
    rows = [
        [_button(t("idea-similar-support", number=str(n)), IdeaCb(action="sim_sup", value=n).pack())] for n in idea_ids
    ]
    rows.append([_button(t("idea-similar-continue"), IdeaCb(action="sim_go").pack())])
    rows.append([_button(t("btn-cancel"), IdeaCb(action="cancel").pack())])
    return InlineKeyboardMarkup(inline_keyboard=rows)
