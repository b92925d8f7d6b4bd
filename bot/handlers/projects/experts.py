"""Experts (/experts, organizers and superadmins): the list, adding one step by step, removing one, attaching one to
a project (the leader sees them on the project's page; an expert the bot knows gets the page). Similar experience
on a project's page (its «Похожий опыт» button, staff): added in four lines, removed by a tap.

Every action is the staff's: the router's filters let only them in (a press re-checked, as every update is).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from aiogram import Bot, F
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message, MessageOriginUser

from bot.config import Settings
from bot.handlers.ideas.callbacks import PageFrom
from bot.handlers.ideas.page_screen import Pager
from bot.handlers.projects.callbacks import ExperienceAction, ExperienceCb, ExpertAction, ExpertCb, ExpertDetachCb
from bot.handlers.projects.keyboards import (
    experience_kb,
    expert_card_kb,
    expert_consent_kb,
    expert_detach_rows,
    expert_region_kb,
    expert_skip_kb,
    experts_list_kb,
)
from bot.handlers.projects.page_parts import experience_line, expert_line
from bot.handlers.projects.states import ExperienceAdd, ExpertAdd, ExpertAttach
from bot.services.territories import Territories
from bot.storage.experts import (
    CONTACT_MAX,
    EXPERIENCE_MAX,
    FIELD_MAX,
    LINK_MAX,
    NAME_MAX,
    REGION_MAX,
    TAKEAWAY_MAX,
    TITLE_MAX,
    Expert,
)
from bot.storage.repositories import Repos
from bot.telegram.bundles import bundle
from bot.telegram.callbacks import number
from bot.telegram.filters import IsStaff, Magic, Typed
from bot.telegram.i18n import Translate, Translator
from bot.telegram.messages import show
from bot.telegram.routes import Routes
from bot.text import tidy

log = logging.getLogger(__name__)
PAGE_SIZE = 10
DETACH_BUTTONS = 20  # «Открепить от № N» buttons on an expert's card
LINK = re.compile(r"https?://\S+")
# The steps of adding an expert: the state, the field it fills, its limit, the next state's question.
TEXT_STEPS = {
    ExpertAdd.name.state: ("name", NAME_MAX),
    ExpertAdd.field.state: ("field", FIELD_MAX),
    ExpertAdd.region.state: ("region", REGION_MAX),
    ExpertAdd.contact.state: ("contact", CONTACT_MAX),
}
NEXT = {
    ExpertAdd.name.state: (ExpertAdd.field, "experts-ask-field"),
    ExpertAdd.field.state: (ExpertAdd.region, "experts-ask-region"),
    ExpertAdd.region.state: (ExpertAdd.contact, "experts-ask-contact"),
    ExpertAdd.contact.state: (ExpertAdd.consent, "experts-ask-consent"),
}


@dataclass(frozen=True)
class Desk:
    """What the experts' handlers use, handed over by the router's filter."""

    t: Translate
    lang: str
    repos: Repos
    translator: Translator
    territories: Territories
    settings: Settings
    bot: Bot


async def desk(event: Message | CallbackQuery, **data: Any) -> dict[str, Desk]:
    return {"desk": bundle(Desk, data)}


router = Routes(name="projects-experts")
router.message.filter(Magic(F.chat.type == "private"), IsStaff(), desk)
router.callback_query.filter(Magic(F.message.chat.type == "private"), IsStaff(), desk)


# --- the list and a card -------------------------------------------------------------------------


async def list_screen(d: Desk, page: int) -> tuple[str, InlineKeyboardMarkup]:
    experts, total = await d.repos.experts.page(page * PAGE_SIZE, PAGE_SIZE)
    if not experts and page > 0:
        page = 0
        experts, total = await d.repos.experts.page(0, PAGE_SIZE)
    if total == 0:
        return d.t("experts-empty"), experts_list_kb(d.t, [], 0, 0)
    lines = [d.t("experts-head", count=total)]
    for expert in experts:
        line = expert_line(d.t, expert, contact=False)
        if not expert.consented:
            line += " " + d.t("experts-no-consent")
        lines.append(line)
    pages = (total + PAGE_SIZE - 1) // PAGE_SIZE
    return "\n\n".join(lines), experts_list_kb(d.t, experts, page, pages)


def card_text(t: Translate, expert: Expert) -> str:
    return t(
        "experts-card",
        line=expert_line(t, expert),
        consent=t("experts-consent-yes" if expert.consented else "experts-consent-no"),
        telegram=t("experts-telegram-yes" if expert.user_id else "experts-telegram-no"),
    )


@router.message(Command("experts"))
async def cmd_experts(message: Message, desk: Desk) -> None:
    text, keyboard = await list_screen(desk, 0)
    await message.answer(text, reply_markup=keyboard)


@router.callback_query(ExpertCb.filter(F.action == ExpertAction.LIST))
async def to_list(callback: CallbackQuery, callback_data: ExpertCb, desk: Desk) -> None:
    await callback.answer()
    await show(callback.message, *await list_screen(desk, callback_data.page))


async def card_screen(d: Desk, expert: Expert, page: int) -> tuple[str, InlineKeyboardMarkup]:
    """The card, the projects the expert is attached to, and «Открепить от № N» for each (revC)."""
    ideas = await d.repos.experts.projects_of(expert.id)
    numbers = ", ".join(d.t("revc-number", number=str(n)) for n in ideas)
    projects = d.t("revc-expert-projects", numbers=numbers) if ideas else d.t("revc-expert-no-projects")
    keyboard = expert_card_kb(d.t, expert.id, page)
    rows = [*expert_detach_rows(d.t, expert.id, ideas[:DETACH_BUTTONS], page), *keyboard.inline_keyboard]
    return card_text(d.t, expert) + "\n" + projects, InlineKeyboardMarkup(inline_keyboard=rows)


@router.callback_query(ExpertCb.filter(F.action == ExpertAction.OPEN))
async def open_card(callback: CallbackQuery, callback_data: ExpertCb, desk: Desk) -> None:
    expert = await desk.repos.experts.get(callback_data.expert)
    if expert is None:
        await callback.answer(desk.t("experts-gone"), show_alert=True)
        return
    await callback.answer()
    await show(callback.message, *await card_screen(desk, expert, callback_data.page))


@router.callback_query(ExpertDetachCb.filter())
async def detach(callback: CallbackQuery, callback_data: ExpertDetachCb, desk: Desk) -> None:
    """The expert off one project; the card again (revC)."""
    expert = await desk.repos.experts.get(callback_data.expert)
    if expert is None:
        await callback.answer(desk.t("experts-gone"), show_alert=True)
        return
    number = str(callback_data.idea)
    done = await desk.repos.experts.detach(callback_data.idea, expert.id, callback.from_user.id)
    await callback.answer(desk.t("revc-detached" if done else "revc-detached-already", number=number))
    await show(callback.message, *await card_screen(desk, expert, callback_data.page))


@router.callback_query(ExpertCb.filter(F.action == ExpertAction.REMOVE))
async def remove(callback: CallbackQuery, callback_data: ExpertCb, desk: Desk) -> None:
    removed = await desk.repos.experts.remove(callback_data.expert, callback.from_user.id)
    await callback.answer(desk.t("experts-removed" if removed else "experts-gone"))
    await show(callback.message, *await list_screen(desk, callback_data.page))


# --- adding one, step by step --------------------------------------------------------------------


@router.callback_query(ExpertCb.filter(F.action == ExpertAction.ADD))
async def add_start(callback: CallbackQuery, desk: Desk, state: FSMContext) -> None:
    await callback.answer()
    await state.set_state(ExpertAdd.name)
    await state.set_data({})
    if isinstance(callback.message, Message):
        await callback.message.answer(desk.t("experts-ask-name", max=NAME_MAX))


@router.message(StateFilter(*TEXT_STEPS), Typed(text=True))
async def add_text(message: Message, desk: Desk, state: FSMContext) -> None:
    assert message.text is not None
    current = await state.get_state()
    assert current is not None
    name, limit = TEXT_STEPS[current]
    value = tidy(message.text)
    if not value or len(value) > limit:
        await message.answer(desk.t("experts-too-long", max=limit, count=len(value)))
        return
    await state.update_data({name: value})
    following, key = NEXT[current]
    await state.set_state(following)
    keyboard = {
        ExpertAdd.field.state: expert_region_kb(desk.t),
        ExpertAdd.contact.state: expert_consent_kb(desk.t),
    }.get(current)
    await message.answer(desk.t(key, max=TEXT_STEPS.get(following.state, ("", 0))[1]), reply_markup=keyboard)


@router.callback_query(StateFilter(ExpertAdd.region), ExpertCb.filter(F.action == ExpertAction.FEDERAL))
async def add_federal(callback: CallbackQuery, desk: Desk, state: FSMContext) -> None:
    await callback.answer()
    await state.update_data({"region": None})
    await state.set_state(ExpertAdd.contact)
    if isinstance(callback.message, Message):
        await callback.message.answer(desk.t("experts-ask-contact", max=CONTACT_MAX))


@router.callback_query(
    StateFilter(ExpertAdd.consent), ExpertCb.filter(F.action.in_({ExpertAction.CONSENT_YES, ExpertAction.CONSENT_NO}))
)
async def add_consent(callback: CallbackQuery, callback_data: ExpertCb, desk: Desk, state: FSMContext) -> None:
    await callback.answer()
    await state.update_data({"consented": callback_data.action is ExpertAction.CONSENT_YES})
    await state.set_state(ExpertAdd.telegram)
    if isinstance(callback.message, Message):
        await callback.message.answer(desk.t("experts-ask-telegram"), reply_markup=expert_skip_kb(desk.t))


@router.callback_query(StateFilter(ExpertAdd.telegram), ExpertCb.filter(F.action == ExpertAction.SKIP))
async def add_skip(callback: CallbackQuery, desk: Desk, state: FSMContext) -> None:
    await callback.answer()
    if isinstance(callback.message, Message):
        await _save(callback.message, desk, state, callback.from_user.id, None)


@router.message(StateFilter(ExpertAdd.telegram))
async def add_telegram(message: Message, desk: Desk, state: FSMContext) -> None:
    assert message.from_user is not None
    origin = message.forward_origin
    user_id: int | None = None
    if isinstance(origin, MessageOriginUser) and not origin.sender_user.is_bot:
        user_id = origin.sender_user.id
    elif origin is None and message.text:
        user_id = number(message.text.strip(), 2**53) or None
    if user_id is None:
        await message.answer(desk.t("experts-telegram-bad"), reply_markup=expert_skip_kb(desk.t))
        return
    await _save(message, desk, state, message.from_user.id, user_id)


async def _save(chat: Message, desk: Desk, state: FSMContext, by: int, user_id: int | None) -> None:
    data = await state.get_data()
    await state.clear()
    if not data.get("name") or not data.get("field") or not data.get("contact"):
        await chat.answer(desk.t("button-outdated"))
        return
    expert_id = await desk.repos.experts.add(
        data["name"], data["field"], data.get("region"), data["contact"], bool(data.get("consented")), user_id, by
    )
    expert = await desk.repos.experts.get(expert_id)
    assert expert is not None
    await chat.answer(
        desk.t("experts-added") + "\n\n" + card_text(desk.t, expert), reply_markup=expert_card_kb(desk.t, expert_id, 0)
    )


# --- attaching one to a project ------------------------------------------------------------------


@router.callback_query(ExpertCb.filter(F.action == ExpertAction.ATTACH))
async def attach_ask(callback: CallbackQuery, callback_data: ExpertCb, desk: Desk, state: FSMContext) -> None:
    if await desk.repos.experts.get(callback_data.expert) is None:
        await callback.answer(desk.t("experts-gone"), show_alert=True)
        return
    await callback.answer()
    await state.set_state(ExpertAttach.idea)
    await state.set_data({"expert": callback_data.expert})
    if isinstance(callback.message, Message):
        await callback.message.answer(desk.t("experts-ask-project"))


@router.message(StateFilter(ExpertAttach.idea), Typed(text=True))
async def attach_project(message: Message, desk: Desk, state: FSMContext) -> None:
    assert message.text is not None and message.from_user is not None
    t, repos = desk.t, desk.repos
    idea_id = number(message.text.strip().lstrip("#№").strip(), 999_999_999)
    project = await repos.projects.get(idea_id) if idea_id else None
    if idea_id is None or project is None:
        await message.answer(t("experts-project-bad"))
        return
    expert = await repos.experts.get(int((await state.get_data()).get("expert", 0)))
    await state.clear()
    if expert is None:
        await message.answer(t("experts-gone"))
        return
    if not await repos.experts.attach(idea_id, expert.id, message.from_user.id):
        await message.answer(t("experts-attached-already", number=str(idea_id)))
        return
    lines = [t("experts-attached", number=str(idea_id))]
    if project.leader_id is not None and expert.consented:
        await _tell(desk, project.leader_id, "experts-leader-told", idea_id, expert)
        lines.append(t("experts-attached-leader"))
    elif not expert.consented:
        lines.append(t("experts-attached-no-consent"))
    if expert.user_id is not None:
        sent = await _tell(desk, expert.user_id, "experts-invited", idea_id, None)
        lines.append(t("experts-attached-page" if sent else "experts-attached-unreachable"))
    await message.answer("\n".join(lines))


async def _tell(desk: Desk, user_id: int, key: str, idea_id: int, expert: Expert | None) -> bool:
    """A message to the leader (the expert attached) or the expert (with the project's page after it); False when
    Telegram refused it (the person never started the bot, or blocked it)."""
    person = await desk.repos.users.get(user_id)
    lang = person.language if person is not None and person.language else desk.settings.default_locale
    t = desk.translator.for_lang(lang)
    pager = Pager(person, t, lang, desk.repos, desk.territories, desk.settings, desk.bot)
    found = await pager.visible(idea_id, user_id)
    if found is None:
        return False
    try:
        if expert is not None:
            await desk.bot.send_message(user_id, t(key, number=str(idea_id)) + "\n\n" + expert_line(t, expert))
        else:
            await desk.bot.send_message(user_id, t(key, number=str(idea_id)))
        text, keyboard = await pager.screen(*found, PageFrom.LIST)
        await desk.bot.send_message(user_id, text, reply_markup=keyboard)
    except TelegramAPIError as exc:
        log.warning("could not tell %s about the expert on #%s: %s", user_id, idea_id, exc)
        return False
    return True


# --- similar experience (from the project's page) -------------------------------------------------


async def experience_screen(d: Desk, idea_id: int) -> tuple[str, InlineKeyboardMarkup]:
    items = await d.repos.experience.of_project(idea_id)
    room = len(items) < EXPERIENCE_MAX
    if not items:
        return d.t("experience-empty", number=str(idea_id)), experience_kb(d.t, idea_id, items, room)
    text = d.t("experience-list", number=str(idea_id)) + "\n\n" + "\n\n".join(experience_line(d.t, e) for e in items)
    return text, experience_kb(d.t, idea_id, items, room)


@router.callback_query(ExperienceCb.filter(F.action == ExperienceAction.OPEN))
async def experience_open(callback: CallbackQuery, callback_data: ExperienceCb, desk: Desk) -> None:
    if await desk.repos.projects.get(callback_data.idea) is None:
        await callback.answer(desk.t("public-not-public", number=str(callback_data.idea)), show_alert=True)
        return
    await callback.answer()
    if isinstance(callback.message, Message):
        text, keyboard = await experience_screen(desk, callback_data.idea)
        await callback.message.answer(text, reply_markup=keyboard)


@router.callback_query(ExperienceCb.filter(F.action == ExperienceAction.ADD))
async def experience_ask(callback: CallbackQuery, callback_data: ExperienceCb, desk: Desk, state: FSMContext) -> None:
    await callback.answer()
    await state.set_state(ExperienceAdd.text)
    await state.set_data({"idea": callback_data.idea})
    if isinstance(callback.message, Message):
        await callback.message.answer(desk.t("experience-ask", number=str(callback_data.idea)))


@router.message(StateFilter(ExperienceAdd.text), Typed(text=True))
async def experience_text(message: Message, desk: Desk, state: FSMContext) -> None:
    assert message.text is not None and message.from_user is not None
    t = desk.t
    idea_id = int((await state.get_data()).get("idea", 0))
    lines = [tidy(line) for line in message.text.splitlines() if tidy(line)]
    if len(lines) != 4:
        await message.answer(t("experience-bad-lines"))
        return
    title, region, link, takeaway = lines
    link_kept = None if link in ("-", "—", "–") else link
    if link_kept is not None and (not LINK.fullmatch(link_kept) or len(link_kept) > LINK_MAX):
        await message.answer(t("experience-bad-link"))
        return
    if len(title) > TITLE_MAX or len(region) > REGION_MAX or len(takeaway) > TAKEAWAY_MAX:
        await message.answer(t("experience-too-long", title=TITLE_MAX, region=REGION_MAX, takeaway=TAKEAWAY_MAX))
        return
    if await desk.repos.projects.get(idea_id) is None:
        await state.clear()
        await message.answer(t("public-not-public", number=str(idea_id)))
        return
    if len(await desk.repos.experience.of_project(idea_id)) >= EXPERIENCE_MAX:
        await state.clear()
        await message.answer(t("experience-full", max=EXPERIENCE_MAX))
        return
    await state.clear()
    await desk.repos.experience.add(idea_id, title, region, link_kept, takeaway, message.from_user.id)
    text, keyboard = await experience_screen(desk, idea_id)
    await message.answer(t("experience-added", number=str(idea_id)) + "\n\n" + text, reply_markup=keyboard)


@router.callback_query(ExperienceCb.filter(F.action == ExperienceAction.REMOVE))
async def experience_remove(callback: CallbackQuery, callback_data: ExperienceCb, desk: Desk) -> None:
    removed = await desk.repos.experience.remove(callback_data.item, callback.from_user.id)
    await callback.answer(desk.t("experience-removed" if removed is not None else "experts-gone"))
    await show(callback.message, *await experience_screen(desk, callback_data.idea))
