"""keyboards."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup

from bot.handlers.onboarding.callbacks import (
    ConsentAction,
    ConsentCb,
    LangCb,
    RenewAction,
    RenewCb,
    SubsAction,
    SubsCb,
    TerritoryAction,
    TerritoryCb,
)
from bot.services.territories import Territories
from bot.storage.models import Direction
from bot.telegram.i18n import Translate
from bot.telegram.keyboards import button, markup

TERRITORY_PAGE_SIZE = 12


@lru_cache(maxsize=16)  # one per language (Translator.for_lang gives the same function): built once, sent often
def main_menu(t: Translate) -> ReplyKeyboardMarkup:
    """Two columns: ideas on the first two rows, then sessions and settings, help last."""
    return ReplyKeyboardMarkup(
        keyboard=[
            [KeyboardButton(text=t("menu-idea")), KeyboardButton(text=t("menu-ideas"))],
            [KeyboardButton(text=t("menu-my")), KeyboardButton(text=t("menu-sessions"))],
            [KeyboardButton(text=t("menu-settings")), KeyboardButton(text=t("menu-help"))],
        ],
        resize_keyboard=True,
        is_persistent=True,
    )


def language_kb(back: InlineKeyboardButton | None = None) -> InlineKeyboardMarkup:
    """``back``: the picker opened from /settings (its «Назад» there)."""
    rows = [[button("🇷🇺 Русский", LangCb(code="ru")), button("🇬🇧 English", LangCb(code="en"))]]
    return markup([*rows, [back]] if back else rows)


@lru_cache(maxsize=16)  # as main_menu: every /start of a newcomer sends it
def consent_kb(t: Translate) -> InlineKeyboardMarkup:
    return markup(
        [
            [button(t("consent-accept"), ConsentCb(action=ConsentAction.ACCEPT))],
            [button(t("consent-decline"), ConsentCb(action=ConsentAction.DECLINE))],
            [button(t("lang-switch"), ConsentCb(action=ConsentAction.LANGUAGE))],
        ]
    )


def consent_review_kb(t: Translate) -> InlineKeyboardMarkup:
    return markup([[button(t("consent-review"), ConsentCb(action=ConsentAction.SHOW))]])


def renewal_kb(t: Translate) -> InlineKeyboardMarkup:
    """The new consent version, asked of someone who accepted an older one."""
    return markup(
        [
            [button(t("consent-renew-accept"), RenewCb(action=RenewAction.ACCEPT))],
            [button(t("consent-renew-decline"), RenewCb(action=RenewAction.DECLINE))],
            [button(t("consent-full-text"), RenewCb(action=RenewAction.TEXT))],
        ]
    )


def privacy_kb(t: Translate, renew: bool) -> InlineKeyboardMarkup:
    """/privacy: the full consent text; the current version to accept for whoever has only an older one."""
    rows = [[button(t("consent-full-text"), RenewCb(action=RenewAction.TEXT))]]
    if renew:
        rows.append([button(t("consent-renew-accept"), RenewCb(action=RenewAction.ACCEPT))])
    return markup(rows)


def territory_kb(
    t: Translate, territories: Territories, page: int, lang: str, back: InlineKeyboardButton | None = None
) -> InlineKeyboardMarkup:
    """A page of the territories; ``back``: the picker opened from /settings (its «Назад» there)."""
    items, pages = territories.page(page, TERRITORY_PAGE_SIZE)
    page = min(max(page, 0), pages - 1)
    names = [button(item.name(lang), TerritoryCb(action=TerritoryAction.PICK, code=item.code)) for item in items]
    rows = [names[i : i + 2] for i in range(0, len(names), 2)]
    nav = []
    if page > 0:
        nav.append(button("◀", TerritoryCb(action=TerritoryAction.PAGE, page=page - 1)))
    here = TerritoryCb(action=TerritoryAction.PAGE, page=page)
    nav.append(button(t("territory-page", page=page + 1, pages=pages), here))
    if page < pages - 1:
        nav.append(button("▶", TerritoryCb(action=TerritoryAction.PAGE, page=page + 1)))
    rows.append(nav)
    other = TerritoryCb(action=TerritoryAction.PICK, code=territories.other.code)
    rows.append([button(t("territory-other"), other)])
    if back:
        rows.append([back])
    return markup(rows)


def subscriptions_kb(
    t: Translate,
    directions: Sequence[Direction],
    selected: set[int],
    lang: str,
    back: InlineKeyboardButton | None = None,
) -> InlineKeyboardMarkup:
    """A toggle per direction, then «Готово» (the set-up's next step), or ``back`` when opened from /settings
    (each toggle is saved at once: «Назад» is all it needs)."""
    rows = [
        [
            button(
                f"{'✅' if d.id in selected else '⬜'} {d.label(lang)}",
                SubsCb(action=SubsAction.TOGGLE, direction_id=d.id),
            )
        ]
        for d in directions
    ]
    rows.append([back or button(t("subs-done"), SubsCb(action=SubsAction.DONE))])
    return markup(rows)
