"""Keyboards as pure functions of what they show."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup

from bot.callbacks import (
    BindCb,
    BroadcastCb,
    CardCb,
    ConsentCb,
    DeleteMeCb,
    IdeaCb,
    LangCb,
    SettingsCb,
    SubsCb,
    TerritoryCb,
)
from bot.i18n import Translate
from bot.services.territories import Territories
from bot.storage.models import Direction

TERRITORY_PAGE_SIZE = 12


def _button(text: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data)


def main_menu(t: Translate) -> ReplyKeyboardMarkup:
    return ReplyKeyboardMarkup(
        keyboard=[
            [KeyboardButton(text=t("menu-idea"))],
            [KeyboardButton(text=t("menu-my")), KeyboardButton(text=t("menu-help"))],
        ],
        resize_keyboard=True,
        is_persistent=True,
    )


def language_kb() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                _button("🇷🇺 Русский", LangCb(code="ru").pack()),
                _button("🇬🇧 English", LangCb(code="en").pack()),
            ]
        ]
    )


def consent_kb(t: Translate) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [_button(t("consent-accept"), ConsentCb(action="accept").pack())],
            [_button(t("consent-decline"), ConsentCb(action="decline").pack())],
            [_button(t("lang-switch"), ConsentCb(action="lang").pack())],
        ]
    )


def consent_review_kb(t: Translate) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[_button(t("consent-review"), ConsentCb(action="show").pack())]])


def territory_kb(t: Translate, territories: Territories, page: int, lang: str) -> InlineKeyboardMarkup:
    items, pages = territories.page(page, TERRITORY_PAGE_SIZE)
    page = min(max(page, 0), pages - 1)
    names = [_button(item.name(lang), TerritoryCb(action="pick", value=item.code).pack()) for item in items]
    rows = [names[i : i + 2] for i in range(0, len(names), 2)]
    nav = []
    if page > 0:
        nav.append(_button("◀", TerritoryCb(action="page", value=str(page - 1)).pack()))
    nav.append(
        _button(t("territory-page", page=page + 1, pages=pages), TerritoryCb(action="page", value=str(page)).pack())
    )
    if page < pages - 1:
        nav.append(_button("▶", TerritoryCb(action="page", value=str(page + 1)).pack()))
    rows.append(nav)
    rows.append([_button(t("territory-other"), TerritoryCb(action="pick", value=territories.other.code).pack())])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def subscriptions_kb(
    t: Translate, directions: Sequence[Direction], selected: set[int], lang: str
) -> InlineKeyboardMarkup:
    rows = [
        [
            _button(
                f"{'✅' if d.id in selected else '⬜'} {d.label(lang)}",
                SubsCb(action="toggle", direction_id=d.id).pack(),
            )
        ]
        for d in directions
    ]
    rows.append([_button(t("subs-done"), SubsCb(action="done").pack())])
    return InlineKeyboardMarkup(inline_keyboard=rows)


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


def summary_kb(t: Translate) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [_button(t("idea-send"), IdeaCb(action="send").pack())],
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


def bind_kb(directions: Sequence[Direction], lang: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[_button(d.label(lang), BindCb(direction_id=d.id).pack())] for d in directions]
    )


def delete_me_kb(t: Translate) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                _button(t("delete-yes"), DeleteMeCb(confirm=True).pack()),
                _button(t("delete-no"), DeleteMeCb(confirm=False).pack()),
            ]
        ]
    )


# --- broadcasts (organizers) and settings (residents) ---------------------------------


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


def settings_kb(t: Translate, announcements: bool) -> InlineKeyboardMarkup:
    key = "settings-announcements-turn-off" if announcements else "settings-announcements-turn-on"
    return InlineKeyboardMarkup(
        inline_keyboard=[[_button(t(key), SettingsCb(action="announcements", on=not announcements).pack())]]
    )
