"""The projects' keyboards: pure functions of what they show. Each part appends its builders under its own
heading."""

from __future__ import annotations

# --- choose ---
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.handlers.projects.callbacks import ChooseAction, ChooseCb
from bot.services.projects import STAGES, Applicants, name_of
from bot.storage.projects import Stage
from bot.telegram.i18n import Translate
from bot.telegram.keyboards import button, markup

CANDIDATE_BUTTONS = 8  # candidates with a button of their own on the panel (the list names them all)
BUTTON_NAME = 24  # characters of a name on a button


def choose_open_kb(t: Translate, idea_id: int) -> list[InlineKeyboardButton]:
    """The row that opens the project's panel under a curator card."""
    return [button(t("choose-btn-open"), ChooseCb(action=ChooseAction.OPEN, idea_id=idea_id))]


def choose_panel_kb(t: Translate, found: Applicants, next_stages: tuple[Stage, ...]) -> InlineKeyboardMarkup:
    """Appoint (or replace with) each candidate, remove the leader, move the project on."""
    n = found.idea.id
    replace = found.leader is not None
    rows: list[list[InlineKeyboardButton]] = []
    for someone in found.candidates[:CANDIDATE_BUTTONS]:
        name = name_of(someone, BUTTON_NAME)
        key = "choose-btn-replace" if replace else "choose-btn-appoint"
        rows.append(
            [button(t(key, name=name), ChooseCb(action=ChooseAction.APPOINT, idea_id=n, person=someone.user_id))]
        )
    if replace:
        rows.append([button(t("choose-btn-remove"), ChooseCb(action=ChooseAction.REMOVE, idea_id=n))])
    for stage in next_stages:
        data = ChooseCb(action=ChooseAction.STAGE, idea_id=n, stage=STAGES.index(stage))
        rows.append([button(t("choose-btn-stage", stage=t(f"choose-stage-{stage.value}")), data)])
    if found.stage is Stage.PAUSED:
        rows.append([button(t("choose-btn-resume"), ChooseCb(action=ChooseAction.RESUME, idea_id=n))])
    return markup(rows)
