"""The projects' keyboards: pure functions of what they show. Each part appends its builders under its own
heading."""

from __future__ import annotations

# --- experts ---
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.handlers.ideas.callbacks import PageAction, PageCb
from bot.handlers.projects.callbacks import (
    CallAction,
    CallCb,
    ExperienceAction,
    ExperienceCb,
    ExpertAction,
    ExpertCb,
)
from bot.services.limits import clip
from bot.storage.experts import Experience, Expert
from bot.telegram.i18n import Translate
from bot.telegram.keyboards import button, markup

LABEL_UNITS = 40  # an expert's name or an experience's title on a button


def experts_list_kb(t: Translate, experts: list[Expert], page: int, pages: int) -> InlineKeyboardMarkup:
    """/experts: one button per expert (their card), the pages, «Добавить эксперта»."""
    rows = [
        [button(clip(e.name, LABEL_UNITS, escaped=False), ExpertCb(action=ExpertAction.OPEN, expert=e.id, page=page))]
        for e in experts
    ]
    turns = []
    if page > 0:
        turns.append(button(t("experts-btn-prev"), ExpertCb(action=ExpertAction.LIST, page=page - 1)))
    if page + 1 < pages:
        turns.append(button(t("experts-btn-next"), ExpertCb(action=ExpertAction.LIST, page=page + 1)))
    if turns:
        rows.append(turns)
    rows.append([button(t("experts-btn-add"), ExpertCb(action=ExpertAction.ADD))])
    return markup(rows)


def expert_card_kb(t: Translate, expert_id: int, page: int) -> InlineKeyboardMarkup:
    return markup(
        [
            [button(t("experts-btn-attach"), ExpertCb(action=ExpertAction.ATTACH, expert=expert_id, page=page))],
            [button(t("experts-btn-remove"), ExpertCb(action=ExpertAction.REMOVE, expert=expert_id, page=page))],
            [button(t("experts-btn-list"), ExpertCb(action=ExpertAction.LIST, page=page))],
        ]
    )


def expert_region_kb(t: Translate) -> InlineKeyboardMarkup:
    return markup([[button(t("experts-btn-federal"), ExpertCb(action=ExpertAction.FEDERAL))]])


def expert_consent_kb(t: Translate) -> InlineKeyboardMarkup:
    return markup(
        [
            [button(t("experts-btn-consent-yes"), ExpertCb(action=ExpertAction.CONSENT_YES))],
            [button(t("experts-btn-consent-no"), ExpertCb(action=ExpertAction.CONSENT_NO))],
        ]
    )


def expert_skip_kb(t: Translate) -> InlineKeyboardMarkup:
    return markup([[button(t("experts-btn-skip"), ExpertCb(action=ExpertAction.SKIP))]])


def experience_kb(t: Translate, idea_id: int, items: list[Experience], room: bool) -> InlineKeyboardMarkup:
    """A project's similar experience: remove each, add one more (while there is room)."""
    rows = [
        [
            button(
                t("experience-btn-remove", title=clip(e.title, LABEL_UNITS, escaped=False)),
                ExperienceCb(action=ExperienceAction.REMOVE, idea=idea_id, item=e.id),
            )
        ]
        for e in items
    ]
    if room:
        rows.append([button(t("experience-btn-add"), ExperienceCb(action=ExperienceAction.ADD, idea=idea_id))])
    return markup(rows)


def call_ask_button(t: Translate, idea_id: int) -> InlineKeyboardButton:
    """«Позвать на помощь»: the leader's (or a curator's) way to a call for help (also for the leader's /project)."""
    return button(t("call-btn-ask"), CallCb(action=CallAction.ASK, idea=idea_id))


def call_preview_kb(t: Translate, idea_id: int, staff: bool) -> InlineKeyboardMarkup:
    key = "call-btn-send-now" if staff else "call-btn-send"
    return markup([[button(t(key), CallCb(action=CallAction.SEND, idea=idea_id))]])


def call_card_kb(t: Translate, idea_id: int, call_id: int) -> InlineKeyboardMarkup:
    return markup(
        [
            [
                button(t("call-btn-approve"), CallCb(action=CallAction.APPROVE, idea=idea_id, call=call_id)),
                button(t("call-btn-decline"), CallCb(action=CallAction.DECLINE, idea=idea_id, call=call_id)),
            ]
        ]
    )


def call_message_kb(t: Translate, idea_id: int) -> InlineKeyboardMarkup:
    """Under a call for help: «Хочу участвовать» opens the project's page, where the join button is."""
    return markup([[button(t("call-btn-join"), PageCb(action=PageAction.OPEN, idea=idea_id))]])
