"""Join or lead (issue 15, point 1): «🙋 Хочу участвовать» and «🧭 Возглавить проект» on an idea's page, and «Мои
заявки» in the profile.

To help: the kinds of help (ticked on one message: the ticks travel in the buttons), an optional note, then the
contact consent. To lead: a pitch (why, experience), then the contact consent. The consent is asked once per offer,
explicitly: whether the project's leader and curators may see the person's name and @username (its version goes
into ``project_people.contact_ok``); without it they still join, shown by first name only. Taking an offer back,
or leaving the team, is one tap on the page or in «Мои заявки».

Offers need the residents' consent to its current version and the set-up done; someone who has not done it yet is
led through it and back to the page, as for supports. A project that is implemented or paused takes no offers; one
with a leader takes no offers to lead (the curators may still replace a leader).
"""

from __future__ import annotations

from typing import Any

from aiogram import F
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, ForceReply, Message

from bot.consent import CONSENT_VERSION, CONTACT_CONSENT_VERSION
from bot.handlers.account.profile import back_button
from bot.handlers.ideas.page import paging
from bot.handlers.ideas.page_screen import Pager
from bot.handlers.onboarding.gate import Visit, visiting
from bot.handlers.projects.callbacks import JoinAction, JoinCb
from bot.handlers.projects.keyboards import (
    contact_kb,
    help_kb,
    help_of,
    help_words,
    mine_kb,
    skip_kb,
)
from bot.handlers.projects.states import JoinSteps
from bot.services.projects_join import STANDING, joining_of
from bot.services.public import excerpt
from bot.storage.projects import NOTE_MAX, PITCH_MAX, PITCH_MIN, Help, Offer, Role
from bot.telegram.filters import Magic, Typed
from bot.telegram.messages import settle, show
from bot.telegram.routes import Routes

TITLE = 60  # characters of an idea's first words naming its project in «Мои заявки»

router = Routes(name="projects-join")
router.message.filter(Magic(F.chat.type == "private"), paging)
router.callback_query.filter(Magic(F.message.chat.type == "private"), paging)


async def _may_offer(callback: CallbackQuery, pager: Pager, visit: Visit, idea_id: int, role: Role) -> bool:
    """Whether the person may offer to help (or lead) the project now; if not, they are told why (or led through
    the set-up and back to the page)."""
    t = pager.t
    if not pager.member or pager.user is None:
        await callback.answer()
        if isinstance(callback.message, Message):
            await callback.message.answer(t("idea-page-need-setup"))
            await visit.state.update_data(payload=f"idea_{idea_id}")
            await visit.resume(callback.message)
        return False
    if not pager.user.consents_to(CONSENT_VERSION):
        await callback.answer(t("projects-join-consent-first"), show_alert=True)
        return False
    joining = await joining_of(pager.repos, idea_id, pager.user.id)
    if joining is None:
        await callback.answer(t("public-not-public", number=str(idea_id)), show_alert=True)
        return False
    standing = joining.leader if role is Role.LEADER else joining.member
    if standing in STANDING:
        await callback.answer(t(f"projects-join-already-{role.value}", number=str(idea_id)), show_alert=True)
        return False
    if not joining.open:
        await callback.answer(t("projects-join-closed", number=str(idea_id)), show_alert=True)
        return False
    if role is Role.LEADER and joining.has_leader:
        await callback.answer(t("projects-join-has-leader", number=str(idea_id)), show_alert=True)
        return False
    return True


# --- to help: the kinds, a note ----------------------------------------------------------------------


@router.callback_query(JoinCb.filter(F.action == JoinAction.JOIN), visiting)
async def join_start(callback: CallbackQuery, callback_data: JoinCb, pager: Pager, visit: Visit) -> None:
    if not await _may_offer(callback, pager, visit, callback_data.idea, Role.MEMBER):
        return
    await callback.answer()
    if ((await visit.state.get_state()) or "").startswith(JoinSteps.__name__ + ":"):
        await visit.state.clear()  # an offer left half-way before is dropped (other dialogues stay as they are)
    if isinstance(callback.message, Message):
        idea = callback_data.idea
        await callback.message.answer(
            pager.t("projects-join-help-ask", number=str(idea)), reply_markup=help_kb(pager.t, idea, 0)
        )


@router.callback_query(JoinCb.filter(F.action == JoinAction.TOGGLE))
async def join_toggle(callback: CallbackQuery, callback_data: JoinCb, pager: Pager) -> None:
    await callback.answer()
    t, idea = pager.t, callback_data.idea
    await show(callback.message, t("projects-join-help-ask", number=str(idea)), help_kb(t, idea, callback_data.mask))


@router.callback_query(JoinCb.filter(F.action == JoinAction.NEXT))
async def join_next(callback: CallbackQuery, callback_data: JoinCb, pager: Pager, state: FSMContext) -> None:
    t, idea = pager.t, callback_data.idea
    help = help_of(callback_data.mask)
    if not help:
        await callback.answer(t("projects-join-help-none"), show_alert=True)
        return
    await callback.answer()
    await settle(callback.message, t("projects-join-help-chosen", number=str(idea), help=help_words(t, help)))
    await state.set_state(JoinSteps.note)
    await state.set_data({"idea": idea, "role": Role.MEMBER.value, "help": [h.value for h in help]})
    if isinstance(callback.message, Message):
        await callback.message.answer(t("projects-join-note-ask", max=NOTE_MAX), reply_markup=skip_kb(t, idea))


@router.message(StateFilter(JoinSteps.note), Typed())
async def join_note(message: Message, pager: Pager, state: FSMContext) -> None:
    t = pager.t
    data = await state.get_data()
    idea = int(data.get("idea", 0))
    if message.text is None:
        await message.answer(t("projects-join-note-text"), reply_markup=skip_kb(t, idea))
        return
    note = message.text.strip()
    if len(note) > NOTE_MAX:
        await message.answer(t("projects-join-note-long", max=NOTE_MAX, count=len(note)), reply_markup=skip_kb(t, idea))
        return
    await _ask_contact(message, pager, state, note or None)


@router.callback_query(JoinCb.filter(F.action == JoinAction.SKIP), StateFilter(JoinSteps.note))
async def join_skip(callback: CallbackQuery, callback_data: JoinCb, pager: Pager, state: FSMContext) -> None:
    data = await state.get_data()
    if int(data.get("idea", 0)) != callback_data.idea:
        await callback.answer(pager.t("button-outdated"), show_alert=True)
        return
    await callback.answer()
    await settle(callback.message, pager.t("projects-join-note-skipped"))
    if isinstance(callback.message, Message):
        await _ask_contact(callback.message, pager, state, None)


# --- to lead: the pitch -----------------------------------------------------------------------------


@router.callback_query(JoinCb.filter(F.action == JoinAction.LEAD), visiting)
async def lead_start(callback: CallbackQuery, callback_data: JoinCb, pager: Pager, visit: Visit) -> None:
    if not await _may_offer(callback, pager, visit, callback_data.idea, Role.LEADER):
        return
    await callback.answer()
    await visit.state.set_state(JoinSteps.pitch)
    await visit.state.set_data({"idea": callback_data.idea, "role": Role.LEADER.value})
    if isinstance(callback.message, Message):
        ask = pager.t("projects-join-pitch-ask", number=str(callback_data.idea), min=PITCH_MIN, max=PITCH_MAX)
        await callback.message.answer(ask, reply_markup=ForceReply())


@router.message(StateFilter(JoinSteps.pitch), Typed())
async def lead_pitch(message: Message, pager: Pager, state: FSMContext) -> None:
    t = pager.t
    pitch = (message.text or "").strip()
    if not pitch:
        await message.answer(t("projects-join-pitch-text", min=PITCH_MIN, max=PITCH_MAX), reply_markup=ForceReply())
        return
    if len(pitch) < PITCH_MIN:
        await message.answer(t("projects-join-pitch-short", min=PITCH_MIN, count=len(pitch)), reply_markup=ForceReply())
        return
    if len(pitch) > PITCH_MAX:
        await message.answer(t("projects-join-pitch-long", max=PITCH_MAX, count=len(pitch)), reply_markup=ForceReply())
        return
    await _ask_contact(message, pager, state, pitch)


# --- the contact consent, and the offer made ------------------------------------------------------------


async def _ask_contact(chat: Message, pager: Pager, state: FSMContext, note: str | None) -> None:
    data = await state.get_data()
    await state.set_state(JoinSteps.contact)
    await state.set_data({**data, "note": note})
    await chat.answer(pager.t("projects-join-contact-ask"), reply_markup=contact_kb(pager.t, int(data.get("idea", 0))))


@router.callback_query(
    JoinCb.filter(F.action.in_({JoinAction.CONTACT_YES, JoinAction.CONTACT_NO})), StateFilter(JoinSteps.contact)
)
async def contact_answer(callback: CallbackQuery, callback_data: JoinCb, pager: Pager, state: FSMContext) -> None:
    t = pager.t
    data: dict[str, Any] = await state.get_data()
    idea = callback_data.idea
    stale = int(data.get("idea", 0)) != idea or data.get("role") not in Role._value2member_map_
    if stale or pager.user is None or not pager.member:
        await callback.answer(t("button-outdated"), show_alert=True)
        return
    role = Role(data["role"])
    help = tuple(Help(h) for h in data.get("help", []) if h in Help._value2member_map_)
    yes = callback_data.action is JoinAction.CONTACT_YES
    await state.clear()
    joining = await joining_of(pager.repos, idea, pager.user.id)
    if joining is None or not joining.open or (role is Role.LEADER and joining.has_leader):
        await callback.answer(t("projects-join-closed", number=str(idea)), show_alert=True)
        return
    note = data.get("note")
    contact = CONTACT_CONSENT_VERSION if yes else None
    made = await pager.repos.projects.offer(
        idea, pager.user.id, role, help, note if isinstance(note, str) else None, contact
    )
    await callback.answer()
    await settle(callback.message, t("projects-join-contact-yes" if yes else "projects-join-contact-no"))
    key = f"projects-join-done-{role.value}" if made else f"projects-join-already-{role.value}"
    if isinstance(callback.message, Message):
        await callback.message.answer(t(key, number=str(idea)))


# --- one tap back: on the page, and in «Мои заявки» ------------------------------------------------------------


@router.callback_query(JoinCb.filter(F.action == JoinAction.LEAVE))
async def leave_on_page(callback: CallbackQuery, callback_data: JoinCb, pager: Pager) -> None:
    t, idea = pager.t, callback_data.idea
    if pager.user is None or not await _leave(pager, idea, callback_data.role):
        await callback.answer(t("projects-join-nothing", number=str(idea)), show_alert=True)
        return
    await callback.answer(t(f"projects-join-left-{callback_data.role.value}", number=str(idea)))
    found = await pager.visible(idea, callback.from_user.id)
    if found is not None:
        await show(callback.message, *await pager.screen(*found, callback_data.src))


async def _leave(pager: Pager, idea: int, role: Role) -> bool:
    """An offer taken back or the team left; never a leader's own project (that is handed back in /project)."""
    assert pager.user is not None
    mine = await pager.repos.projects.offer_of(idea, pager.user.id, role)
    if mine is None or (role is Role.LEADER and mine.status is Offer.ACCEPTED):
        return False
    return await pager.repos.projects.leave(idea, pager.user.id, role)


async def mine_screen(pager: Pager, back: bool) -> tuple[str, Any]:
    """«Мои заявки»: each standing offer with its project (the idea's first words), role and status."""
    t, repos = pager.t, pager.repos
    assert pager.user is not None
    offers = await repos.projects.offers_of(pager.user.id)
    lines = []
    for p in offers:
        idea = await repos.ideas.get(p.idea_id)
        lines.append(
            t(
                "projects-join-mine-line",
                number=str(p.idea_id),
                title=excerpt(idea.text, TITLE) if idea else "—",
                role=t(f"projects-join-role-{p.role.value}"),
                status=t(f"projects-join-status-{p.role.value}-{p.status.value}"),
            )
        )
    text = t("projects-join-mine-head", count=len(offers)) if offers else t("projects-join-mine-empty")
    if lines:
        text += "\n\n" + "\n\n".join(lines)
    return text, mine_kb(t, offers, back_button(t) if back else None)


@router.callback_query(JoinCb.filter(F.action.in_({JoinAction.MINE, JoinAction.DROP})))
async def mine(callback: CallbackQuery, callback_data: JoinCb, pager: Pager) -> None:
    t = pager.t
    if pager.user is None or not pager.user.has_consent:
        await callback.answer(t("button-outdated"), show_alert=True)
        return
    if callback_data.action is JoinAction.DROP:
        idea, role = callback_data.idea, callback_data.role
        if await _leave(pager, idea, role):
            await callback.answer(t(f"projects-join-left-{role.value}", number=str(idea)))
        else:
            await callback.answer(t("projects-join-nothing", number=str(idea)), show_alert=True)
    else:
        await callback.answer()
    await show(callback.message, *await mine_screen(pager, callback_data.back))
