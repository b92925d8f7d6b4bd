"""The projects' keyboards: pure functions of what they show. Each part appends its builders under its own
heading."""

from __future__ import annotations

# --- leader ---
from aiogram.types import InlineKeyboardMarkup

from bot.handlers.ideas.callbacks import PageAction, PageCb
from bot.handlers.projects.callbacks import LeaderAction, LeaderCb
from bot.telegram.i18n import Translate
from bot.telegram.keyboards import button, markup, url_button


def leader_pick_kb(items: list[tuple[int, str]]) -> InlineKeyboardMarkup:
    """One button per project the person leads: (idea id, its label)."""
    return markup([[button(label, LeaderCb(action=LeaderAction.OPEN, idea=idea))] for idea, label in items])


def leader_bind_kb(items: list[tuple[int, str]]) -> InlineKeyboardMarkup:
    return markup([[button(label, LeaderCb(action=LeaderAction.BIND, idea=idea))] for idea, label in items])


def leader_screen_kb(t: Translate, idea: int, applicants: list[tuple[int, str]]) -> InlineKeyboardMarkup:
    """The leader's screen: accept or decline each applicant (id, shown name), then the tools."""
    rows = [
        [
            button(t("pjl-btn-accept", name=name), LeaderCb(action=LeaderAction.ACCEPT, idea=idea, person=person)),
            button(t("pjl-btn-decline", name=name), LeaderCb(action=LeaderAction.DECLINE, idea=idea, person=person)),
        ]
        for person, name in applicants
    ]
    rows.append(
        [
            button(t("pjl-btn-needs"), LeaderCb(action=LeaderAction.NEEDS, idea=idea)),
            button(t("pjl-btn-update"), LeaderCb(action=LeaderAction.UPDATE, idea=idea)),
        ]
    )
    rows.append([button(t("pjl-btn-page"), PageCb(action=PageAction.OPEN, idea=idea))])
    rows.append([button(t("pjl-btn-resign"), LeaderCb(action=LeaderAction.RESIGN, idea=idea))])
    return markup(rows)


def leader_send_kb(t: Translate, idea: int) -> InlineKeyboardMarkup:
    return markup(
        [
            [
                button(t("pjl-btn-send"), LeaderCb(action=LeaderAction.SEND, idea=idea)),
                button(t("pjl-btn-cancel"), LeaderCb(action=LeaderAction.CANCEL, idea=idea)),
            ]
        ]
    )


def leader_resign_kb(t: Translate, idea: int) -> InlineKeyboardMarkup:
    return markup(
        [
            [button(t("pjl-btn-resign-yes"), LeaderCb(action=LeaderAction.RESIGN_YES, idea=idea))],
            [button(t("pjl-btn-resign-no"), LeaderCb(action=LeaderAction.RESIGN_NO, idea=idea))],
        ]
    )


def leader_stop_kb(t: Translate, idea: int, update: int) -> InlineKeyboardMarkup:
    return markup([[button(t("pjl-btn-stop"), LeaderCb(action=LeaderAction.STOP, idea=idea, person=update))]])


def leader_invite_kb(t: Translate, link: str) -> InlineKeyboardMarkup:
    return markup([[url_button(t("pjl-btn-join"), link)]])
