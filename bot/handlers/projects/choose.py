"""The curators choose a project's leader (issue 15, point 2): the project's panel under a curator card («🧭 Проект
и заявки») and after /moderate #N shows its stage, leader and applicants; the curators appoint, replace or remove a
leader (a reason asked first, as a reply in a group, and told to the people concerned) and move the stage.

Superadmins and organizers, as the cards' other buttons; everyone else pressing these buttons is refused.
"""

from __future__ import annotations

import logging

from aiogram import F, html
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, ForceReply, InlineKeyboardMarkup, Message, User

from bot.handlers.curation.guards import replies_to, typed_reason
from bot.handlers.projects.callbacks import ChooseAction, ChooseCb
from bot.handlers.projects.keyboards import CANDIDATE_BUTTONS, choose_panel_kb
from bot.handlers.projects.states import ChooseReason
from bot.services.ideas import backs_out
from bot.services.limits import squeeze
from bot.services.moderation import excerpt
from bot.services.projects import STAGES, Applicants, Chosen, ProjectService, name_of
from bot.storage.projects import Offer, Role
from bot.telegram.filters import IsStaff, Magic
from bot.telegram.i18n import Html, Translate
from bot.telegram.messages import show
from bot.telegram.routes import Routes

log = logging.getLogger(__name__)
PITCH_SHOWN = 300  # characters of a leader's pitch on the panel

router = Routes(name="projects-choose")  # staff, then refusals
staff = Routes(name="projects-choose-staff")
staff.message.filter(StateFilter(ChooseReason.reason), IsStaff())  # only the reason's replies
staff.callback_query.filter(IsStaff())
refusals = Routes(name="projects-choose-refusals")
router.include_routers(staff, refusals)

REFUSALS = {
    Chosen.MISSING: "choose-missing",
    Chosen.NOT_OFFERED: "choose-not-offered",
    Chosen.ALREADY: "choose-already",
}


# --- the panel ------------------------------------------------------------------------------------


def panel_text(t: Translate, found: Applicants) -> str:
    """Stage, leader, how many offered to help and to lead, and each leader candidate's pitch."""
    number = found.idea.id
    lines = [
        t("choose-panel-head", number=number),
        t("choose-panel-stage", stage=t(f"choose-stage-{found.stage.value}")),
        t("choose-panel-leader", name=name_of(found.leader)) if found.leader else t("choose-panel-no-leader"),
        t(
            "choose-panel-counts",
            applied=found.members_applied,
            accepted=found.members_accepted,
            leaders=found.leader_offers,
        ),
    ]
    parts = ["\n".join(lines)]
    if found.candidates:
        items = [t("choose-panel-candidates")]
        for someone in found.candidates[:CANDIDATE_BUTTONS]:
            key = "choose-panel-candidate-declined" if someone.status is Offer.DECLINED else "choose-panel-candidate"
            items.append(t(key, name=name_of(someone), pitch=excerpt(someone.note or "—", PITCH_SHOWN)))
        more = len(found.candidates) - CANDIDATE_BUTTONS
        if more > 0:
            items.append(t("choose-panel-more", count=more))
        parts.append("\n".join(items))
    else:
        parts.append(t("choose-panel-nobody"))
    return squeeze("\n\n".join(parts))


async def panel(t: Translate, projects: ProjectService, idea_id: int) -> tuple[str, InlineKeyboardMarkup] | None:
    """The panel's text and buttons; None when the idea is not public."""
    found = await projects.applicants(idea_id)
    if found is None:
        return None
    return panel_text(t, found), choose_panel_kb(t, found, projects.next_stages(found.stage))


async def send_panel(message: Message, t: Translate, projects: ProjectService, idea_id: int, head: str = "") -> bool:
    """The project's panel as a new message (``head``: a line above it, what was just done). False: no project."""
    shown = await panel(t, projects, idea_id)
    if shown is None:
        return False
    text, keyboard = shown
    await message.answer(f"{head}\n\n{text}" if head else text, reply_markup=keyboard)
    return True


@staff.callback_query(ChooseCb.filter(F.action == ChooseAction.OPEN))
async def open_panel(callback: CallbackQuery, callback_data: ChooseCb, t: Translate, projects: ProjectService) -> None:
    if not isinstance(callback.message, Message):
        await callback.answer(t("button-outdated"), show_alert=True)
        return
    if not await send_panel(callback.message, t, projects, callback_data.idea_id):
        await callback.answer(t("choose-missing", number=callback_data.idea_id), show_alert=True)
        return
    await callback.answer()


# --- stages -----------------------------------------------------------------------------------------


@staff.callback_query(ChooseCb.filter(F.action.in_({ChooseAction.STAGE, ChooseAction.RESUME})))
async def stage_press(callback: CallbackQuery, callback_data: ChooseCb, t: Translate, projects: ProjectService) -> None:
    number, user = callback_data.idea_id, callback.from_user
    if callback_data.action is ChooseAction.RESUME:
        chosen = await projects.resume(number, user.id)
    elif callback_data.stage < len(STAGES):
        chosen = await projects.move(number, STAGES[callback_data.stage], user.id, user.full_name)
    else:
        chosen = Chosen.ALREADY
    if chosen is not Chosen.DONE:
        await callback.answer(t(REFUSALS[chosen], number=number), show_alert=True)
        return
    found = await projects.applicants(number)
    if found is None:
        await callback.answer()
        return
    await callback.answer(t("choose-stage-toast", number=number, stage=t(f"choose-stage-{found.stage.value}")))
    await show(callback.message, panel_text(t, found), choose_panel_kb(t, found, projects.next_stages(found.stage)))


# --- appoint, replace, remove: the reason first ---------------------------------------------------


async def _ask(message: Message, t: Translate, user: User, key: str, **args: object) -> int:
    """The reason's prompt; in a group, a reply the curator's client opens by itself (privacy mode lets only
    replies reach the bot). Returns the prompt's id."""
    who = Html(f'<a href="tg://user?id={user.id}">{html.quote(user.full_name)}</a>')
    markup = ForceReply(selective=True) if message.chat.type != "private" else None
    prompt = await message.answer(t(key, who=who, **args), reply_markup=markup)
    return prompt.message_id


@staff.callback_query(ChooseCb.filter(F.action.in_({ChooseAction.APPOINT, ChooseAction.REMOVE})))
async def choice_press(
    callback: CallbackQuery, callback_data: ChooseCb, t: Translate, state: FSMContext, projects: ProjectService
) -> None:
    number = callback_data.idea_id
    found = await projects.applicants(number)
    message = callback.message
    if found is None or not isinstance(message, Message):
        await callback.answer(t("choose-missing", number=number), show_alert=True)
        return
    if callback_data.action is ChooseAction.REMOVE:
        if found.leader is None:
            await callback.answer(t("choose-already", number=number), show_alert=True)
            return
        await callback.answer()
        prompt = await _ask(message, t, callback.from_user, "choose-ask-remove", number=number)
    else:
        someone = next((p for p in found.candidates if p.user_id == callback_data.person), None)
        if someone is None:
            await callback.answer(t("choose-not-offered", number=number), show_alert=True)
            return
        await callback.answer()
        key = "choose-ask-replace" if found.leader is not None else "choose-ask-appoint"
        prompt = await _ask(message, t, callback.from_user, key, number=number, name=name_of(someone))
    await state.set_state(ChooseReason.reason)
    await state.set_data(
        {"idea_id": number, "action": callback_data.action.value, "person": callback_data.person, "prompts": [prompt]}
    )


@staff.message(StateFilter(ChooseReason.reason), Magic(F.text & ~F.text.startswith("/")))
async def choice_reason(message: Message, t: Translate, state: FSMContext, projects: ProjectService) -> None:
    """A reply to the prompt: backing out («отмена»), a refusal (too short, too long), or the choice made."""
    assert message.text is not None and message.from_user is not None
    data = await state.get_data()
    if not replies_to(message, data):
        return  # curators talk among themselves in the group: only a reply to the prompt is the reason
    number = int(data.get("idea_id", 0))
    if backs_out(message.text):
        await state.clear()
        await message.answer(t("choose-cancelled", number=number))
        return
    reason = await typed_reason(message, t, message.text, state)
    if reason is None:
        return
    await state.clear()
    actor = message.from_user.id
    if data.get("action") == ChooseAction.REMOVE.value:
        chosen = await projects.remove(number, actor, reason)
        done = t("choose-removed", number=number)
    else:
        person = int(data.get("person", 0))
        offer = await projects.repos.projects.offer_of(number, person, Role.LEADER)
        chosen = await projects.appoint(number, person, actor, reason)
        done = t("choose-appointed", number=number, name=name_of(offer) if offer else "—")
    if chosen is not Chosen.DONE:
        await message.answer(t(REFUSALS[chosen], number=number))
        return
    log.info("idea #%s: the project's leader %s by %s", number, data.get("action"), actor)
    await send_panel(message, t, projects, number, head=done)


# --- everyone else ---------------------------------------------------------------------------------


@refusals.callback_query(ChooseCb.filter())
async def refuse_press(callback: CallbackQuery, t: Translate) -> None:
    log.info("refused project button from %s: %s", callback.from_user.id, callback.data)
    await callback.answer(t("not-allowed"), show_alert=True)
