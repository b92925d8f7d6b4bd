"""The projects' buttons: a versioned prefix per flow ("pj" + the part's letter + version), actions as enums of
short wire codes. Each part appends its factories under its own heading."""

from __future__ import annotations

# --- result ---
from enum import StrEnum

from bot.storage.surveys import Answer, Round
from bot.telegram.callbacks import Id, Strict


class SurveyAction(StrEnum):
    ANSWER = "a"  # да / частично / нет
    SKIP = "s"  # no comment


class SurveyCb(Strict, prefix="pjs1"):
    """A project's «Получилось?» / «Как там сейчас?» (bot/handlers/projects/survey.py)."""

    action: SurveyAction
    idea_id: Id
    round: Round
    answer: Answer  # the one chosen (SKIP carries the one given)
