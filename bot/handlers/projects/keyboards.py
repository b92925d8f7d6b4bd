"""The projects' keyboards: pure functions of what they show. Each part appends its builders under its own
heading."""

from __future__ import annotations

# --- result ---
from aiogram.types import InlineKeyboardMarkup

from bot.handlers.projects.callbacks import SurveyAction, SurveyCb
from bot.storage.surveys import Answer, Round
from bot.telegram.i18n import Translate
from bot.telegram.keyboards import button, markup


def survey_kb(t: Translate, idea_id: int, round_: Round) -> InlineKeyboardMarkup:
    """«Получилось?»: да / частично / нет, one tap."""
    press = [SurveyCb(action=SurveyAction.ANSWER, idea_id=idea_id, round=round_, answer=a) for a in Answer]
    return markup([[button(t(f"survey-btn-{cb.answer.value}"), cb) for cb in press]])


def survey_comment_kb(t: Translate, idea_id: int, round_: Round, answer: Answer) -> InlineKeyboardMarkup:
    """After the answer: finish without a comment."""
    skip = SurveyCb(action=SurveyAction.SKIP, idea_id=idea_id, round=round_, answer=answer)
    return markup([[button(t("survey-btn-skip"), skip)]])
