"""keyboards."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.types import ForceReply, InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup

from bot.handlers.ideas.callbacks import (
    FilterKind,
    FindAction,
    FindCb,
    FindMode,
    IdeaAction,
    IdeaCb,
    PageAction,
    PageCb,
    PubAction,
    PubCb,
    ReportReason,
    Sort,
)
from bot.storage.models import Direction
from bot.telegram.i18n import Translate
from bot.telegram.keyboards import button, markup

CANCEL = IdeaCb(action=IdeaAction.CANCEL)


def cancel_kb(t: Translate) -> InlineKeyboardMarkup:
    return markup([[button(t("btn-cancel"), CANCEL)]])


def photos_kb(t: Translate, has_photos: bool) -> InlineKeyboardMarkup:
    first = (
        button(t("btn-done"), IdeaCb(action=IdeaAction.DONE_PHOTOS))
        if has_photos
        else button(t("btn-skip"), IdeaCb(action=IdeaAction.SKIP_PHOTOS))
    )
    return markup([[first], [button(t("btn-cancel"), CANCEL)]])


def place_kb(t: Translate) -> InlineKeyboardMarkup:
    return markup(
        [
            [button(t("btn-skip"), IdeaCb(action=IdeaAction.SKIP_PLACE))],
            [button(t("btn-cancel"), CANCEL)],
        ]
    )


def route_kb(t: Translate, first: Sequence[Direction], lang: str, offer_other: bool) -> InlineKeyboardMarkup:
    rows = [[button(d.label(lang), IdeaCb(action=IdeaAction.DIRECTION, direction_id=d.id))] for d in first]
    if offer_other:
        rows.append([button(t("idea-route-other"), IdeaCb(action=IdeaAction.OTHER_DIRECTIONS))])
    rows.append([button(t("btn-cancel"), CANCEL)])
    return markup(rows)


def summary_kb(t: Translate, token: int) -> InlineKeyboardMarkup:
    """token: the draft's (a second press of Send finds the idea it made)."""
    return markup(
        [
            [button(t("idea-send"), IdeaCb(action=IdeaAction.SEND, token=token))],
            [button(t("idea-edit"), IdeaCb(action=IdeaAction.EDIT)), button(t("btn-cancel"), CANCEL)],
        ]
    )


def edit_kb(t: Translate) -> InlineKeyboardMarkup:
    return markup(
        [
            [
                button(t("idea-edit-text"), IdeaCb(action=IdeaAction.EDIT_TEXT)),
                button(t("idea-edit-photos"), IdeaCb(action=IdeaAction.EDIT_PHOTOS)),
            ],
            [
                button(t("idea-edit-place"), IdeaCb(action=IdeaAction.EDIT_PLACE)),
                button(t("idea-edit-direction"), IdeaCb(action=IdeaAction.EDIT_DIRECTION)),
            ],
            [button(t("btn-back"), IdeaCb(action=IdeaAction.BACK))],
        ]
    )


def similar_kb(t: Translate, idea_ids: Sequence[int]) -> InlineKeyboardMarkup:
    rows = [
        [button(t("idea-similar-support", number=str(n)), IdeaCb(action=IdeaAction.SUPPORT_SIMILAR, idea=n))]
        for n in idea_ids
    ]
    rows.append([button(t("idea-similar-continue"), IdeaCb(action=IdeaAction.NOT_SIMILAR))])
    rows.append([button(t("btn-cancel"), CANCEL)])
    return markup(rows)


# --- /ideas ------------------------------------------------------------------------------------------------


def idea_buttons(t: Translate, view: PubCb, idea_ids: Sequence[int]) -> list[InlineKeyboardButton]:
    """The ideas of a list (/ideas, a search's results), each opening the idea."""
    return [button(t("number-label", number=n), view.press(PubAction.OPEN, idea=n)) for n in idea_ids]


def public_list_kb(t: Translate, view: PubCb, idea_ids: Sequence[int], pages: int) -> InlineKeyboardMarkup:
    rows = [idea_buttons(t, view, idea_ids)]
    if pages > 1:
        nav = []
        if view.page > 0:
            nav.append(button("◀", view.press(PubAction.PAGE, idea=0, page=view.page - 1)))
        nav.append(button(f"{view.page + 1} / {pages}", view.press(PubAction.NOOP, idea=0)))
        if view.page < pages - 1:
            nav.append(button("▶", view.press(PubAction.PAGE, idea=0, page=view.page + 1)))
        rows.append(nav)
    sort_button = (
        button(t("public-btn-sort-date"), view.press(PubAction.PAGE, idea=0, sort=Sort.DATE, page=0))
        if view.sort == Sort.SUPPORTS
        else button(t("public-btn-sort-supports"), view.press(PubAction.PAGE, idea=0, sort=Sort.SUPPORTS, page=0))
    )
    rows.append([sort_button, button(t("public-btn-filter"), view.press(PubAction.FILTER, idea=0))])
    rows.append(find_buttons(t))
    return markup(rows)


def public_filter_kb(t: Translate, view: PubCb) -> InlineKeyboardMarkup:
    everything = view.press(PubAction.SET_FILTER, kind=FilterKind.ALL, value="", page=0)
    return markup(
        [
            [button(t("public-btn-all"), everything)],
            [button(t("public-btn-by-direction"), view.press(PubAction.FILTER_DIRECTION))],
            [button(t("public-btn-by-territory"), view.press(PubAction.FILTER_TERRITORY))],
            [button(t("choose-btn-by-stage"), view.press(PubAction.FILTER_STAGE))],
            [button(t("public-btn-back"), view.press(PubAction.PAGE))],
        ]
    )


def public_directions_kb(
    t: Translate, view: PubCb, directions: Sequence[tuple[Direction, int]], lang: str
) -> InlineKeyboardMarkup:
    rows = [
        [
            button(
                f"{d.label(lang)} · {n}",
                view.press(PubAction.SET_FILTER, kind=FilterKind.DIRECTION, value=str(d.id), page=0),
            )
        ]
        for d, n in directions
    ]
    rows.append([button(t("public-btn-back"), view.press(PubAction.FILTER))])
    return markup(rows)


def public_territories_kb(t: Translate, view: PubCb, items: Sequence[tuple[str, str, int]]) -> InlineKeyboardMarkup:
    """items: (code, name, public ideas)."""
    buttons = [
        button(f"{name} · {n}", view.press(PubAction.SET_FILTER, kind=FilterKind.TERRITORY, value=code, page=0))
        for code, name, n in items
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([button(t("public-btn-back"), view.press(PubAction.FILTER))])
    return markup(rows)


def public_stages_kb(t: Translate, view: PubCb, items: Sequence[tuple[int, str, int]]) -> InlineKeyboardMarkup:
    """items: (the stage's place, its name, public ideas at it); «ищем лидера» first."""
    rows = [
        [button(f"{name} · {n}", view.press(PubAction.SET_FILTER, kind=FilterKind.STAGE, value=str(place), page=0))]
        for place, name, n in items
    ]
    rows.append([button(t("public-btn-back"), view.press(PubAction.FILTER))])
    return markup(rows)


def public_idea_kb(
    t: Translate, view: PubCb, idea_id: int, *, own: bool, supported: bool, reported: bool
) -> InlineKeyboardMarkup:
    rows = []
    if not own:
        if supported:
            rows.append([button(t("public-btn-withdraw"), view.press(PubAction.WITHDRAW, idea=idea_id))])
        else:
            rows.append([button(t("public-btn-support"), view.press(PubAction.SUPPORT, idea=idea_id))])
        if not reported:
            rows.append([button(t("public-btn-report"), view.press(PubAction.REPORT, idea=idea_id))])
    rows.append([button(t("idea-page-btn-more"), PageCb(action=PageAction.OPEN, idea=idea_id))])
    rows.append([button(t("public-btn-list"), view.press(PubAction.PAGE, idea=0))])
    return markup(rows)


def public_report_kb(t: Translate, view: PubCb, idea_id: int) -> InlineKeyboardMarkup:
    rows = [
        [button(t(f"public-reason-{reason.word}"), view.press(PubAction.REPORT_REASON, idea=idea_id, reason=reason))]
        for reason in ReportReason
        if reason is not ReportReason.NOTHING
    ]
    rows.append([button(t("public-btn-back"), view.press(PubAction.OPEN, idea=idea_id))])
    return markup(rows)


def public_back_kb(t: Translate, view: PubCb) -> InlineKeyboardMarkup:
    return markup([[button(t("public-btn-list"), view.press(PubAction.PAGE, idea=0))]])


# --- /ideas: search by words, near a location --------------------------------------------------------------


def find_buttons(t: Translate) -> list[InlineKeyboardButton]:
    return [
        button(t("find-btn-search"), FindCb(action=FindAction.SEARCH)),
        button(t("find-btn-near"), FindCb(action=FindAction.NEAR)),
    ]


def find_words_prompt(t: Translate) -> ForceReply:
    return ForceReply(input_field_placeholder=t("find-placeholder"))


def find_place_kb(t: Translate) -> ReplyKeyboardMarkup:
    """One tap shares the location (on a phone); or the search is cancelled."""
    return ReplyKeyboardMarkup(
        keyboard=[
            [KeyboardButton(text=t("find-near-share"), request_location=True)],
            [KeyboardButton(text=t("btn-cancel"))],
        ],
        resize_keyboard=True,
        one_time_keyboard=True,
    )


def find_results_kb(
    t: Translate, mode: FindMode, token: int, page: int, pages: int, idea_ids: Sequence[int]
) -> InlineKeyboardMarkup:
    """Results: each idea opens as from /ideas; pages; search again; all ideas."""
    rows = [idea_buttons(t, PubCb(action=PubAction.PAGE), idea_ids)]
    if pages > 1:
        at = FindCb(action=FindAction.PAGE, mode=mode, token=token, page=page)
        nav = []
        if page > 0:
            nav.append(button("◀", at.model_copy(update={"page": page - 1})))
        nav.append(button(f"{page + 1} / {pages}", at.model_copy(update={"action": FindAction.NOOP})))
        if page < pages - 1:
            nav.append(button("▶", at.model_copy(update={"page": page + 1})))
        rows.append(nav)
    again = FindAction.SEARCH if mode == FindMode.WORDS else FindAction.NEAR
    rows.append(
        [
            button(t("find-btn-again"), FindCb(action=again)),
            button(t("public-btn-all"), PubCb(action=PubAction.PAGE)),
        ]
    )
    return markup(rows)
