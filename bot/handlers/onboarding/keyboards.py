"""keyboards."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.types import InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup

from bot.handlers.onboarding.callbacks import ConsentCb, LangCb, SubsCb, TerritoryCb
from bot.services.territories import Territories
from bot.storage.models import Direction
from bot.telegram.i18n import Translate
from bot.telegram.keyboards import _button

TERRITORY_PAGE_SIZE = 12


def main_menu(t: Translate) -> ReplyKeyboardMarkup:
    return ReplyKeyboardMarkup(
        keyboard=[
            [KeyboardButton(text=t("menu-idea")), KeyboardButton(text=t("menu-ideas"))],
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
