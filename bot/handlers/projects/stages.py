"""The leader moves their project's stage from /project (issue 15, points 2–3): «в работе», «реализован»,
«приостановить» / «возобновить» — the moves the curators' panel allows, through the same ProjectService, so the
idea's status follows as it does there (the author and followers told; «реализован» sends the result survey, so it
asks to confirm first).

Every press re-checks that the one pressing leads the project.
"""

from __future__ import annotations

import logging

from aiogram import F
from aiogram.types import CallbackQuery

from bot.handlers.projects.callbacks import LeaderStageAction, LeaderStageCb
from bot.handlers.projects.keyboards import leader_implemented_kb
from bot.handlers.projects.leader import LEADER_SKIPS, AtDesk, Desk, own_project, screen
from bot.services.projects import STAGES, Chosen, ProjectService
from bot.storage.projects import Stage
from bot.telegram.filters import Magic
from bot.telegram.messages import show
from bot.telegram.routes import Routes

log = logging.getLogger(__name__)

router = Routes(name="projects-leader-stages")
router.callback_query.filter(Magic(F.message.chat.type == "private"), AtDesk())

REFUSALS = {Chosen.MISSING: "revc-stage-missing", Chosen.ALREADY: "revc-stage-already"}


async def _redraw(callback: CallbackQuery, desk: Desk, idea_id: int) -> None:
    project = await own_project(desk, idea_id, callback.from_user.id)
    if project is not None:
        await show(callback.message, *await screen(desk, project))


@router.callback_query(LeaderStageCb.filter())
async def stage_press(
    callback: CallbackQuery, callback_data: LeaderStageCb, desk: Desk, projects: ProjectService
) -> None:
    t, number, user = desk.t, callback_data.idea, callback.from_user
    if await own_project(desk, number, user.id) is None:
        await callback.answer(t("pjl-not-leader"), show_alert=True)
        return
    action = callback_data.action
    if action is LeaderStageAction.KEEP:
        await callback.answer()
        await _redraw(callback, desk, number)
        return
    if action is LeaderStageAction.RESUME:
        chosen = await projects.resume(number, user.id)
    else:
        stage = STAGES[callback_data.stage] if callback_data.stage < len(STAGES) else None
        if action is LeaderStageAction.CONFIRM:
            stage = Stage.IMPLEMENTED
        if stage is None or stage in LEADER_SKIPS:
            chosen = Chosen.ALREADY
        elif stage is Stage.IMPLEMENTED and action is LeaderStageAction.MOVE:
            await callback.answer()  # it sends the survey to many people: asked once more
            await show(
                callback.message, t("revc-implemented-ask", number=str(number)), leader_implemented_kb(t, number)
            )
            return
        else:
            chosen = await projects.move(number, stage, user.id, user.full_name)
    if chosen is not Chosen.DONE:
        await callback.answer(t(REFUSALS.get(chosen, "revc-stage-already"), number=str(number)), show_alert=True)
        await _redraw(callback, desk, number)
        return
    found = await projects.applicants(number)
    log.info("idea #%s: the leader %s moved the project to %s", number, user.id, found.stage if found else "?")
    stage_name = t(f"pjl-stage-{found.stage.value}") if found else ""
    await callback.answer(t("revc-stage-toast", number=str(number), stage=stage_name))
    await _redraw(callback, desk, number)
