"""Keyboards as pure functions of what they show."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup

from bot.callbacks import (
    BindCb,
    BroadcastCb,
    CardCb,
    ConsentCb,
    DeleteMeCb,
    ExportCb,
    ExportFormat,
    ExportKind,
    IdeaCb,
    LangCb,
    ModCb,
    PollAction,
    PollCb,
    PubCb,
    SettingsCb,
    SubsCb,
    TerritoryCb,
)
from bot.i18n import Translate
from bot.services.limits import cap_rows
from bot.services.polls import PollDraft, duration_text
from bot.services.territories import Territories
from bot.storage.models import PUBLIC_STATUSES, Direction, Idea

TERRITORY_PAGE_SIZE = 12


def _button(text: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data)


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


def settings_kb(t: Translate, announcements: bool) -> InlineKeyboardMarkup:
    key = "settings-announcements-turn-off" if announcements else "settings-announcements-turn-on"
    return InlineKeyboardMarkup(
        inline_keyboard=[[_button(t(key), SettingsCb(action="announcements", on=not announcements).pack())]]
    )


# --- moderation (organizers) ------------------------------------------------------------


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


def export_kb(t: Translate, kinds: Sequence[ExportKind], formats: Sequence[ExportFormat]) -> InlineKeyboardMarkup:
    """One row per kind of data, one button per file format: a single press asks for one file."""
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                _button(f"{t('export-kind-' + kind)} · {fmt.upper()}", ExportCb(kind=kind, fmt=fmt).pack())
                for fmt in formats
            ]
            for kind in kinds
        ]
    )


# --- public ideas: /ideas and similar ideas in the idea form (issue 3, item 4) ---------------


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


REPORT_REASONS = ("spam", "abuse", "offtopic", "dup", "none")


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


# --- session chats and polls (issue 4) ---------------------------------------------------------


def _poll(action: PollAction, value: int = 0) -> str:
    return PollCb(action=action, value=value).pack()


def bind_session_kb(sessions: Sequence[tuple[int, str]]) -> InlineKeyboardMarkup:
    """(session id, label) per upcoming session."""
    return InlineKeyboardMarkup(inline_keyboard=[[_button(label, _poll("bind", sid))] for sid, label in sessions])


def poll_list_kb(t: Translate, polls: Sequence[tuple[int, str]], page: int = 0, pages: int = 1) -> InlineKeyboardMarkup:
    """(poll id, label) per poll; Back/Next between pages when there are several."""
    rows = [[_button(label, _poll("res", pid))] for pid, label in polls]
    nav = []
    if page > 0:
        nav.append(_button(t("poll-btn-prev"), _poll("page", page - 1)))
    if page + 1 < pages:
        nav.append(_button(t("poll-btn-next"), _poll("page", page + 1)))
    if nav:
        rows.append(nav)
    return InlineKeyboardMarkup(inline_keyboard=rows)


def poll_options_done_kb(t: Translate) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[_button(t("poll-btn-done"), _poll("done"))], [_button(t("poll-btn-drop"), _poll("drop"))]]
    )


def poll_settings_kb(t: Translate, draft: PollDraft) -> InlineKeyboardMarkup:
    yes, no = t("poll-yes"), t("poll-no")
    quiz = t("poll-btn-quiz-on", number=draft.correct + 1) if draft.correct is not None else t("poll-btn-quiz-off")
    close = (
        t("poll-btn-close-after", duration=duration_text(t, draft.close_after))
        if draft.close_after
        else t("poll-btn-close-manual")
    )
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [_button(t("poll-btn-anon", value=yes if draft.anonymous else no), _poll("anon"))],
            [_button(t("poll-btn-multi", value=yes if draft.multiple else no), _poll("multi"))],
            [_button(quiz, _poll("quiz"))],
            [_button(close, _poll("close"))],
            [_button(t("poll-btn-pick-chat"), _poll("next"))],
            [_button(t("poll-btn-drop"), _poll("drop"))],
        ]
    )


def poll_quiz_kb(t: Translate, options: int) -> InlineKeyboardMarkup:
    numbers = [_button(str(i + 1), _poll("correct", i)) for i in range(options)]
    rows = [numbers[i : i + 6] for i in range(0, len(numbers), 6)]
    rows.append([_button(t("poll-btn-no-quiz"), _poll("noquiz"))])
    rows.append([_button(t("poll-btn-back"), _poll("back"))])
    return InlineKeyboardMarkup(inline_keyboard=rows)


POLL_CLOSE_CHOICES = (0, 15, 30, 60)  # minutes; 0 = closed by hand


def poll_close_kb(t: Translate) -> InlineKeyboardMarkup:
    choices = [
        _button(t("poll-btn-close-none") if m == 0 else duration_text(t, timedelta(minutes=m)), _poll("closeset", m))
        for m in POLL_CLOSE_CHOICES
    ]
    return InlineKeyboardMarkup(
        inline_keyboard=[
            choices[:2],
            choices[2:],
            [_button(t("poll-btn-close-typed"), _poll("closeset", -1))],
            [_button(t("poll-btn-back"), _poll("back"))],
        ]
    )


def poll_chats_kb(t: Translate, chats: Sequence[tuple[int, str]]) -> InlineKeyboardMarkup:
    """(chat id, label) per session chat, then Back and Drop."""
    rows = cap_rows([[_button(label, _poll("chat", chat_id))] for chat_id, label in chats], reserved=2)
    rows.append([_button(t("poll-btn-back"), _poll("back"))])
    rows.append([_button(t("poll-btn-drop"), _poll("drop"))])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def poll_confirm_kb(t: Translate) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [_button(t("poll-btn-post"), _poll("post"))],
            [_button(t("poll-btn-other-chat"), _poll("next"))],
            [_button(t("poll-btn-drop"), _poll("drop"))],
        ]
    )
