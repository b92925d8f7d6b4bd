"""What the curator cards and /moderate both check before a decision: that the idea is still open to the step
pressed, and that a typed rejection reason is one."""

from __future__ import annotations

from aiogram.types import CallbackQuery, Message

from bot.services.ideas import reason_problem
from bot.services.moderation import Step, still_open
from bot.storage.models import Idea
from bot.telegram.i18n import Translate
from bot.text import tidy


async def open_to(
    callback: CallbackQuery, t: Translate, idea: Idea | None, step: Step, from_hidden: bool = False
) -> Idea | None:
    """The idea a button is about, the press answered; None (the press refused) when the idea is gone or the step
    is no longer open to it (decided meanwhile)."""
    if idea is None:
        await callback.answer(t("card-missing"), show_alert=True)
        return None
    if not still_open(idea, step, from_hidden=from_hidden):
        await callback.answer(t("card-already"), show_alert=True)
        return None
    await callback.answer()
    return idea


async def typed_reason(message: Message, t: Translate, text: str) -> str | None:
    """A rejection reason as typed, tidied; None (and the person told what is wrong with it) when it is not one."""
    reason = tidy(text)
    problem = reason_problem(reason)
    if problem is not None:
        key, args = problem
        await message.answer(t(key, **args))
        return None
    return reason
