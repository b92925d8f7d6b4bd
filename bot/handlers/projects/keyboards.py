"""The projects' keyboards: pure functions of what they show. Each part appends its builders under its own
heading."""

from __future__ import annotations

# --- join ---
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.handlers.ideas.callbacks import PageFrom
from bot.handlers.projects.callbacks import JoinAction, JoinCb
from bot.services.projects_join import STANDING, Joining
from bot.storage.projects import Help, Offer, Person, Role
from bot.telegram.i18n import Translate
from bot.telegram.keyboards import button, markup

HELP_ORDER = (Help.HANDS, Help.SKILLS, Help.RESOURCES, Help.CONTACTS)  # a bit each in JoinCb.mask, in this order


def help_of(mask: int) -> tuple[Help, ...]:
    return tuple(h for n, h in enumerate(HELP_ORDER) if mask & (1 << n))


def help_words(t: Translate, help: tuple[Help, ...]) -> str:
    return ", ".join(t(f"projects-join-help-{h.value}") for h in help)


def join_notes(t: Translate, joining: Joining, own: bool) -> list[str]:
    """Lines on the page about the person's offers."""
    notes = []
    if joining.member is Offer.ACCEPTED:
        notes.append(t("projects-join-note-member"))
    elif joining.member is Offer.APPLIED:
        notes.append(t("projects-join-note-applied"))
    if joining.leads:
        notes.append(t("projects-join-note-leader"))
    elif joining.leader is Offer.APPLIED:
        notes.append(t("projects-join-note-lead-applied"))
    elif own and joining.open and not joining.has_leader:
        notes.append(t("projects-join-note-author"))
    return notes


def join_rows(
    t: Translate, idea_id: int, joining: Joining, own: bool, src: PageFrom
) -> list[list[InlineKeyboardButton]]:
    """The page's rows for offers: to lead (first for the author), to help, or to take an offer back (one tap)."""

    def press(key: str, action: JoinAction, role: Role = Role.MEMBER) -> list[InlineKeyboardButton]:
        return [button(t(key), JoinCb(action=action, idea=idea_id, role=role, src=src))]

    lead: list[list[InlineKeyboardButton]] = []
    if joining.leader is Offer.APPLIED:
        lead.append(press("projects-join-btn-unlead", JoinAction.LEAVE, Role.LEADER))
    elif joining.open and not joining.has_leader and joining.leader not in STANDING:
        lead.append(press("projects-join-btn-lead", JoinAction.LEAD))
    help: list[list[InlineKeyboardButton]] = []
    if joining.member is Offer.ACCEPTED:
        help.append(press("projects-join-btn-leave", JoinAction.LEAVE))
    elif joining.member is Offer.APPLIED:
        help.append(press("projects-join-btn-withdraw", JoinAction.LEAVE))
    elif joining.open and not joining.leads:
        help.append(press("projects-join-btn-join", JoinAction.JOIN))
    return lead + help if own else help + lead


def help_kb(t: Translate, idea_id: int, mask: int) -> InlineKeyboardMarkup:
    """The kinds of help, ticked or not (a press flips one), then «Дальше»."""
    rows = []
    for n, kind in enumerate(HELP_ORDER):
        on = bool(mask & (1 << n))
        label = f"{'✅' if on else '⬜'} {t(f'projects-join-help-{kind.value}')}"
        rows.append([button(label, JoinCb(action=JoinAction.TOGGLE, idea=idea_id, mask=mask ^ (1 << n)))])
    rows.append([button(t("projects-join-btn-next"), JoinCb(action=JoinAction.NEXT, idea=idea_id, mask=mask))])
    return markup(rows)


def skip_kb(t: Translate, idea_id: int) -> InlineKeyboardMarkup:
    return markup([[button(t("projects-join-btn-skip"), JoinCb(action=JoinAction.SKIP, idea=idea_id))]])


def contact_kb(t: Translate, idea_id: int) -> InlineKeyboardMarkup:
    return markup(
        [
            [button(t("projects-join-btn-contact-yes"), JoinCb(action=JoinAction.CONTACT_YES, idea=idea_id))],
            [button(t("projects-join-btn-contact-no"), JoinCb(action=JoinAction.CONTACT_NO, idea=idea_id))],
        ]
    )


def mine_kb(t: Translate, offers: list[Person], back: InlineKeyboardButton | None) -> InlineKeyboardMarkup:
    """«Мои заявки»: a one-tap button per offer that can be taken back (a leader's own project is left in /project),
    and «Назад» to /settings when opened from there."""
    rows = []
    for p in offers:
        if p.role is Role.LEADER and p.status is Offer.ACCEPTED:
            continue
        key = "projects-join-btn-mine-leave" if p.status is Offer.ACCEPTED else "projects-join-btn-mine-withdraw"
        data = JoinCb(action=JoinAction.DROP, idea=p.idea_id, role=p.role, back=back is not None)
        rows.append([button(t(key, number=str(p.idea_id)), data)])
    if back is not None:
        rows.append([back])
    return markup(rows)
