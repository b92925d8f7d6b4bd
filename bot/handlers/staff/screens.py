"""Screens of /organizers: the list, an organizer's card, the removal's question and its follow-ups."""

from __future__ import annotations

from collections.abc import Iterable

from aiogram.types import InlineKeyboardMarkup

from bot.handlers.staff.callbacks import OrgAction, OrgCb
from bot.services.limits import BUTTONS_LIMIT, clip, fit, paginate
from bot.services.limits import person as display_name
from bot.services.roles import ChatPresence, Roster, person_label
from bot.storage.roles import Organizer
from bot.telegram.i18n import Translate
from bot.telegram.keyboards import button, markup

BUTTON_NAME_MAX = 40


def list_view(
    t: Translate, lang: str, roster: Roster, notice: str | None = None, page: int = 0
) -> tuple[str, InlineKeyboardMarkup]:
    """One page of organizers: as many as fit in a message (a button each), with page turns when there are more."""
    organizers = roster.organizers
    by_id = {d.id: d for d in roster.directions}
    head = [notice, ""] if notice else []
    head.append(t("roles-list-title", count=len(organizers)))
    if not organizers:
        head.append(t("roles-list-empty"))
    tail = ["", t("roles-list-how")]
    lines: list[str] = []
    labels: list[str] = []
    for number, org in enumerate(organizers, 1):
        label = person_label(org.id, org.first_name, org.last_name, org.username)
        named = display_name(org.first_name, org.last_name, org.username)
        # No name kept (an organizer who never gave the residents' consent): the id once, not "id N — id N".
        line = t("roles-list-item" if named else "roles-list-item-unnamed", number=number, name=label, id=str(org.id))
        if org.curates:
            curated = ", ".join(by_id[d].label(lang) for d in org.curates if d in by_id)
            line += "\n" + t("roles-list-curates", directions=curated)
        lines.append(line)
        labels.append(label)
    starts = paginate(head, lines, tail=tail, most=BUTTONS_LIMIT - 4)  # a button each; Add and the page turns
    page = min(max(page, 0), len(starts) - 1)
    first = starts[page]
    last = starts[page + 1] if page + 1 < len(starts) else len(lines)
    text = fit(head, lines[first:last], tail=tail).text
    rows = [
        [
            button(
                f"⚙️ {number}. {clip(labels[number - 1], BUTTON_NAME_MAX, escaped=False)}",
                OrgCb(action=OrgAction.OPEN, user_id=org.id),
            )
        ]
        for number, org in enumerate(organizers[first:last], first + 1)
    ]
    if len(starts) > 1:
        nav = []
        if page > 0:
            nav.append(button("◀", OrgCb(action=OrgAction.LIST, page=page - 1)))
        nav.append(button(f"{page + 1}/{len(starts)}", OrgCb(action=OrgAction.LIST, page=page)))
        if page + 1 < len(starts):
            nav.append(button("▶", OrgCb(action=OrgAction.LIST, page=page + 1)))
        rows.append(nav)
    rows.append([button(t("roles-btn-add"), OrgCb(action=OrgAction.ADD))])
    return text, markup(rows)


def card_view(
    t: Translate, lang: str, org: Organizer, roster: Roster, notice: str | None = None
) -> tuple[str, InlineKeyboardMarkup]:
    label = person_label(org.id, org.first_name, org.last_name, org.username)
    curated = [d for d in roster.directions if d.id in org.curates]
    parts = [notice, ""] if notice else []
    parts.append(t("roles-card", name=label, id=str(org.id)))
    if curated:
        parts.append(t("roles-card-curates", directions=", ".join(d.label(lang) for d in curated)))
    else:
        parts.append(t("roles-card-no-curates"))
    parts.append(t("roles-card-how"))
    rows = [
        [
            button(
                ("✅ " if d.id in org.curates else "▫️ ") + d.label(lang),
                OrgCb(
                    action=OrgAction.UNCURATE if d.id in org.curates else OrgAction.CURATE,
                    user_id=org.id,
                    direction_id=d.id,
                ),
            )
        ]
        for d in roster.directions
    ]
    rows.append([button(t("roles-btn-remove"), OrgCb(action=OrgAction.REMOVE, user_id=org.id))])
    rows.append([button(t("roles-btn-back"), OrgCb(action=OrgAction.LIST))])
    return "\n".join(parts), markup(rows)


def remove_ask_view(t: Translate, org: Organizer) -> tuple[str, InlineKeyboardMarkup]:
    label = person_label(org.id, org.first_name, org.last_name, org.username)
    rows = [
        [button(t("roles-btn-remove-yes"), OrgCb(action=OrgAction.REMOVE_CONFIRMED, user_id=org.id))],
        [button(t("roles-btn-remove-no"), OrgCb(action=OrgAction.OPEN, user_id=org.id))],
    ]
    return t("roles-remove-ask", name=label), markup(rows)


def chats_left_view(
    t: Translate, user_id: int, label: str, chats: list[ChatPresence]
) -> tuple[str, InlineKeyboardMarkup | None]:
    """After a removal: the curators' chats the person is still in, with a button to remove them where the bot can."""
    removable = [c for c in chats if c.removable]
    admins = [c for c in chats if c.chat_admin]
    no_rights = [c for c in chats if not c.removable and not c.chat_admin]
    lines = [t("roles-still-in-chats", name=label, count=len(chats), chats=titles(c.title for c in chats))]
    if admins:
        lines.append(t("roles-kick-chat-admin", count=len(admins), chats=titles(c.title for c in admins)))
    if no_rights:
        lines.append(t("roles-kick-manual", count=len(no_rights), chats=titles(c.title for c in no_rights)))
    kick = None
    if removable:
        kick = markup(
            [[button(t("roles-btn-kick", count=len(removable)), OrgCb(action=OrgAction.KICK, user_id=user_id))]]
        )
    return "\n".join(lines), kick


def kicked_view(t: Translate, done: list[str], failed: list[str]) -> tuple[str, InlineKeyboardMarkup]:
    lines = [t("roles-kicked", count=len(done), chats=titles(done))] if done else [t("roles-kicked-none")]
    if failed:
        lines.append(t("roles-kick-failed", count=len(failed), chats=titles(failed)))
    return "\n".join(lines), markup([])


def titles(names: Iterable[str]) -> str:
    return ", ".join(f"«{title}»" for title in names)
