"""A project leader's tools (issue 15, point 3): /project, the team and its applicants, what help is needed, the
project's updates (the curators can stop one), /bind_team with personal invite links, stepping down.

Every press re-checks that the one pressing leads the project (the curators' Stop: that they are staff).
Contacts of a team member are shown only with their contact consent; otherwise their first name.
"""

from __future__ import annotations

import logging
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from aiogram import Bot, F
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import BaseFilter, Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import (
    CallbackQuery,
    ChatMemberAdministrator,
    ChatMemberOwner,
    ChatMemberUpdated,
    InlineKeyboardMarkup,
    Message,
    TelegramObject,
)
from aiogram.utils.formatting import Text

from bot.config import Settings
from bot.handlers.ideas.page_screen import notice_kb
from bot.handlers.projects.callbacks import LeaderAction, LeaderCb
from bot.handlers.projects.keyboards import (
    call_ask_button,
    leader_bind_kb,
    leader_invite_kb,
    leader_pick_kb,
    leader_resign_kb,
    leader_screen_kb,
    leader_send_kb,
    leader_stage_rows,
    leader_stop_kb,
)
from bot.handlers.projects.page_parts import expert_line
from bot.handlers.projects.states import LeaderInput
from bot.services.project_updates import UPDATE_MAX, UPDATE_MIN, Posted, ProjectUpdates
from bot.services.projects import NEXT, ProjectService, shown_stage
from bot.services.public import excerpt
from bot.services.timetext import DAY_TIME, as_local
from bot.storage.broadcasts import Broadcast
from bot.storage.projects import NOTE_MAX, Offer, Person, Project, Role, Stage
from bot.storage.repositories import Repos
from bot.telegram.bundles import bundle
from bot.telegram.filters import IsStaff, Magic, Typed
from bot.telegram.i18n import Translate, Translator
from bot.telegram.messages import settle, show
from bot.telegram.routes import Routes
from bot.telegram.sender import deliver

log = logging.getLogger(__name__)
GROUPS = {"group", "supergroup"}
PICK_EXCERPT = 40  # characters of an idea's text on a project's button
SCREEN_EXCERPT = 200
JOINED = {"member", "administrator", "creator", "restricted"}
NEEDS_WORD = re.compile(r"^(нужн[ыоа]|требу[ею]тся|needed|needs|need)\s*:\s*", re.IGNORECASE)  # the list's own word
LEADER_SKIPS = {Stage.GATHERING_TEAM}  # a move of the curators' panel the leader's screen leaves to them


@dataclass(frozen=True)
class Desk:
    """What the leader's handlers use, handed over as one object (a router filter makes it)."""

    t: Translate
    repos: Repos
    translator: Translator
    settings: Settings
    bot: Bot
    project_updates: ProjectUpdates


class AtDesk(BaseFilter):
    async def __call__(self, event: TelegramObject, **data: object) -> dict[str, Desk]:
        return {"desk": bundle(Desk, data)}


# --- what the leader sees ------------------------------------------------------------------------


def shown_name(person: Person) -> str:
    """A name and @username with the person's contact consent; their first name only without it."""
    first = person.first_name or "—"
    if person.contact_ok is None:
        return first
    name = " ".join(part for part in (first, person.last_name) if part)
    return f"{name} (@{person.username})" if person.username else name


def _help(t: Translate, person: Person) -> str:
    return ", ".join(t(f"pjl-help-{h.value}") for h in person.help)


async def _label(repos: Repos, t: Translate, idea_id: int) -> str:
    idea = await repos.ideas.get(idea_id)
    return t("pjl-pick-item", number=idea_id, text=excerpt(idea.text, PICK_EXCERPT) if idea else "")


async def screen(desk: Desk, project: Project) -> tuple[str, InlineKeyboardMarkup]:
    t, repos = desk.t, desk.repos
    idea = await repos.ideas.get(project.idea_id)
    stage = shown_stage(project, idea.status) if idea is not None else project.stage
    lines = [t("pjl-title", number=project.idea_id, stage=t(f"pjl-stage-{stage.value}"))]
    if idea is not None:
        lines.append(Text(excerpt(idea.text, SCREEN_EXCERPT)).as_html())
    lines.append(t("pjl-needs", needs=project.needs) if project.needs else t("pjl-needs-none"))
    team = [p for p in await repos.projects.team(project.idea_id) if p.role is Role.MEMBER]
    lines.append("")
    lines.append(t("pjl-team", count=len(team)) if team else t("pjl-team-empty"))
    for person in team:
        help_text = _help(t, person)
        key = "pjl-person" if help_text else "pjl-person-plain"
        lines.append(t(key, name=shown_name(person), help=help_text))
    applicants = await repos.projects.people(project.idea_id, Role.MEMBER, Offer.APPLIED)
    if applicants:
        lines.append("")
        lines.append(t("pjl-applicants", count=len(applicants)))
        for person in applicants:
            help_text = _help(t, person)
            key = "pjl-person" if help_text else "pjl-person-plain"
            lines.append(t(key, name=shown_name(person), help=help_text))
            if person.note:
                lines.append(t("pjl-note", note=person.note[:NOTE_MAX]))
    experts = await repos.experts.of_project(project.idea_id)  # consented only: the leader may contact them
    if experts:
        lines.append("")
        lines.append(t("experts-page-head"))
        lines.extend(expert_line(t, e) for e in experts)
    lines.append("")
    lines.append(t("pjl-group-bound") if project.team_chat_id else t("pjl-group-none"))
    buttons = [(p.user_id, shown_name(p)) for p in applicants]
    moves = [s for s in NEXT[stage] if s not in LEADER_SKIPS]
    extra = leader_stage_rows(t, project.idea_id, moves, stage is Stage.PAUSED)
    if project.needs:
        extra.append([call_ask_button(t, project.idea_id)])
    return "\n".join(lines), leader_screen_kb(t, project.idea_id, buttons, extra)


async def led(repos: Repos, user_id: int) -> list[Project]:
    """The public projects this person leads."""
    found = []
    for project in await repos.projects.led_by(user_id):
        current = await repos.projects.get(project.idea_id)
        if current is not None and current.leader_id == user_id:
            found.append(current)
    return found


async def own_project(desk: Desk, idea_id: int, user_id: int) -> Project | None:
    project = await desk.repos.projects.get(idea_id)
    return project if project is not None and project.leader_id == user_id else None


async def tell(desk: Desk, user_id: int, key: str, markup: InlineKeyboardMarkup | None = None, **args: object) -> None:
    """A message to one person in their language (logged, never raised, when it cannot be delivered)."""
    person = await desk.repos.users.get(user_id)
    t = desk.translator.for_lang((person.language if person else None) or desk.settings.default_locale)
    await deliver(
        f"project notice to {user_id}", lambda: desk.bot.send_message(user_id, t(key, **args), reply_markup=markup)
    )


async def tell_curators(
    desk: Desk,
    idea_id: int,
    key: str,
    markup_of: Callable[[Translate], InlineKeyboardMarkup] | None = None,
    **args: object,
) -> None:
    """The curators' chat of the idea's direction (the superadmins privately when the direction has none)."""
    idea = await desk.repos.ideas.get(idea_id)
    chat = await desk.repos.curator_chats.for_direction(idea.direction_id) if idea else None
    t = desk.translator.for_lang(desk.settings.default_locale)
    markup = markup_of(t) if markup_of is not None else None
    text = t(key, **args)
    targets = [(chat.chat_id, chat.thread_id)] if chat else [(admin, None) for admin in desk.settings.admin_ids]
    for chat_id, thread_id in targets:

        async def send(c: int = chat_id, th: int | None = thread_id) -> Message:
            return await desk.bot.send_message(c, text, message_thread_id=th, reply_markup=markup)

        await deliver(f"project #{idea_id} curators' notice", send)


async def invite(desk: Desk, project_id: int, chat_id: int, user_id: int) -> bool:
    """A personal link to the team's group (one use, no join request), sent to one member."""
    try:
        link = await desk.bot.create_chat_invite_link(chat_id, member_limit=1, creates_join_request=False)
    except TelegramAPIError as exc:
        log.warning("project #%s: no invite link for the team's group: %s", project_id, exc)
        return False
    person = await desk.repos.users.get(user_id)
    t = desk.translator.for_lang((person.language if person else None) or desk.settings.default_locale)
    sent = await deliver(
        f"project #{project_id} invite to {user_id}",
        lambda: desk.bot.send_message(
            user_id, t("pjl-invite", number=project_id), reply_markup=leader_invite_kb(t, link.invite_link)
        ),
    )
    return sent is not None


# --- routers ---------------------------------------------------------------------------------------

router = Routes(name="projects-leader")
private = Routes(name="projects-leader-private")
private.message.filter(Magic(F.chat.type == "private"), AtDesk())
private.callback_query.filter(AtDesk())
groups = Routes(name="projects-leader-groups")
groups.message.filter(Magic(F.chat.type.in_(GROUPS)), AtDesk())
groups.chat_member.filter(AtDesk())
curators = Routes(name="projects-leader-curators")
curators.callback_query.filter(IsStaff(), AtDesk())
router.include_routers(private, groups, curators)


@private.message(Command("project"))
async def cmd_project(message: Message, desk: Desk, state: FSMContext) -> None:
    user_id = message.from_user.id if message.from_user else 0
    projects = await led(desk.repos, user_id)
    if not projects:
        await message.answer(desk.t("pjl-none"))
        return
    await state.clear()
    if len(projects) == 1:
        text, markup = await screen(desk, projects[0])
        await message.answer(text, reply_markup=markup)
        return
    items = [(p.idea_id, await _label(desk.repos, desk.t, p.idea_id)) for p in projects]
    await message.answer(desk.t("pjl-pick"), reply_markup=leader_pick_kb(items))


@private.callback_query(LeaderCb.filter(F.action == LeaderAction.OPEN))
async def open_project(callback: CallbackQuery, callback_data: LeaderCb, desk: Desk) -> None:
    project = await own_project(desk, callback_data.idea, callback.from_user.id)
    if project is None:
        await callback.answer(desk.t("pjl-not-leader"), show_alert=True)
        return
    await callback.answer()
    text, markup = await screen(desk, project)
    await show(callback.message, text, markup)


@private.callback_query(LeaderCb.filter(F.action.in_({LeaderAction.ACCEPT, LeaderAction.DECLINE})))
async def decide(callback: CallbackQuery, callback_data: LeaderCb, desk: Desk) -> None:
    project = await own_project(desk, callback_data.idea, callback.from_user.id)
    if project is None:
        await callback.answer(desk.t("pjl-not-leader"), show_alert=True)
        return
    accept = callback_data.action is LeaderAction.ACCEPT
    person = callback_data.person
    if not await desk.repos.projects.decide(project.idea_id, person, Role.MEMBER, accept, callback.from_user.id):
        await callback.answer(desk.t("pjl-decided-already"), show_alert=True)
    else:
        await callback.answer(desk.t("pjl-decided"))
        await tell(desk, person, "pjl-accepted-you" if accept else "pjl-declined-you", number=project.idea_id)
        if accept and project.team_chat_id is not None:
            await invite(desk, project.idea_id, project.team_chat_id, person)
    text, markup = await screen(desk, project)
    await show(callback.message, text, markup)


@private.callback_query(LeaderCb.filter(F.action == LeaderAction.NEEDS))
async def needs_ask(callback: CallbackQuery, callback_data: LeaderCb, desk: Desk, state: FSMContext) -> None:
    project = await own_project(desk, callback_data.idea, callback.from_user.id)
    if project is None or not isinstance(callback.message, Message):
        await callback.answer(desk.t("pjl-not-leader"), show_alert=True)
        return
    await callback.answer()
    await state.set_state(LeaderInput.needs)
    await state.set_data({"idea": project.idea_id})
    await callback.message.answer(desk.t("pjl-needs-ask", number=project.idea_id, max=NOTE_MAX))


@private.message(StateFilter(LeaderInput.needs), Typed(), F.text)
async def needs_text(message: Message, desk: Desk, state: FSMContext) -> None:
    data = await state.get_data()
    user_id = message.from_user.id if message.from_user else 0
    project = await own_project(desk, int(data.get("idea", 0)), user_id)
    if project is None:
        await state.clear()
        await message.answer(desk.t("pjl-not-leader"))
        return
    text = " ".join((message.text or "").split())
    if len(text) > NOTE_MAX:
        await message.answer(desk.t("pjl-needs-long", max=NOTE_MAX))
        return
    text = NEEDS_WORD.sub("", text)  # «Что нужно: нужны: …» would say it twice
    needs = None if text in ("-", "—", "") else text
    await desk.repos.projects.set_needs(project.idea_id, needs, user_id)
    await state.clear()
    await message.answer(desk.t("pjl-needs-saved" if needs else "pjl-needs-cleared"))
    fresh = await desk.repos.projects.get(project.idea_id)
    if fresh is not None:
        screen_text, markup = await screen(desk, fresh)
        await message.answer(screen_text, reply_markup=markup)


@private.callback_query(LeaderCb.filter(F.action == LeaderAction.UPDATE))
async def update_ask(callback: CallbackQuery, callback_data: LeaderCb, desk: Desk, state: FSMContext) -> None:
    project = await own_project(desk, callback_data.idea, callback.from_user.id)
    if project is None or not isinstance(callback.message, Message):
        await callback.answer(desk.t("pjl-not-leader"), show_alert=True)
        return
    await callback.answer()
    later = await desk.project_updates.next_at(project.idea_id)
    if later is not None:
        when = as_local(later, desk.settings.tz, DAY_TIME)
        await callback.message.answer(desk.t("pjl-update-too-soon", when=when))
        return
    await state.set_state(LeaderInput.update)
    await state.set_data({"idea": project.idea_id})
    await callback.message.answer(desk.t("pjl-update-ask", number=project.idea_id))


def news_text(t: Translate, idea_id: int, idea_text: str, text: str) -> str:
    """The update as its recipients see it (the leader's preview too)."""
    return "\n\n".join(
        [
            t("pjl-news", number=idea_id),
            Text(text).as_html(),
            t("pjl-news-idea", text=excerpt(idea_text, SCREEN_EXCERPT)),
        ]
    )


@private.message(StateFilter(LeaderInput.update), Typed(), F.text)
async def update_text(message: Message, desk: Desk, state: FSMContext) -> None:
    data = await state.get_data()
    user_id = message.from_user.id if message.from_user else 0
    project = await own_project(desk, int(data.get("idea", 0)), user_id)
    idea = await desk.repos.ideas.get(project.idea_id) if project else None
    if project is None or idea is None:
        await state.clear()
        await message.answer(desk.t("pjl-not-leader"))
        return
    text = (message.text or "").strip()
    if len(text) < UPDATE_MIN:
        await message.answer(desk.t("pjl-update-short", min=UPDATE_MIN))
        return
    if len(text) > UPDATE_MAX:
        await message.answer(desk.t("pjl-update-long", max=UPDATE_MAX))
        return
    await state.set_state(LeaderInput.confirm)
    await state.update_data(text=text, draft=secrets.token_hex(8))
    await message.answer(news_text(desk.t, idea.id, idea.text, text))
    await message.answer(desk.t("pjl-update-preview"), reply_markup=leader_send_kb(desk.t, idea.id))


@private.callback_query(LeaderCb.filter(F.action == LeaderAction.SEND))
async def update_send(callback: CallbackQuery, callback_data: LeaderCb, desk: Desk, state: FSMContext) -> None:
    data = await state.get_data()
    project = await own_project(desk, callback_data.idea, callback.from_user.id)
    if project is None or data.get("idea") != project.idea_id or "draft" not in data:
        await callback.answer(desk.t("button-outdated"), show_alert=True)
        return
    await callback.answer()
    result = await desk.project_updates.post(project.idea_id, callback.from_user.id, str(data["text"]), data["draft"])
    await state.clear()
    if not isinstance(result, Posted):
        when = as_local(result.next_at, desk.settings.tz, DAY_TIME)
        await settle(callback.message, desk.t("pjl-update-too-soon", when=when))
        return
    await settle(callback.message, desk.t("pjl-update-sent", number=project.idea_id))
    if result.update is not None:
        update_id = result.update.id
        await tell_curators(
            desk,
            project.idea_id,
            "pjl-curators-update",
            lambda t: leader_stop_kb(t, project.idea_id, update_id),
            number=project.idea_id,
            count=result.broadcast.total,
        )


@private.callback_query(LeaderCb.filter(F.action == LeaderAction.CANCEL))
async def update_cancel(callback: CallbackQuery, desk: Desk, state: FSMContext) -> None:
    await state.clear()
    await callback.answer()
    await settle(callback.message, desk.t("pjl-update-cancelled"))


@private.callback_query(LeaderCb.filter(F.action == LeaderAction.RESIGN))
async def resign_ask(callback: CallbackQuery, callback_data: LeaderCb, desk: Desk) -> None:
    project = await own_project(desk, callback_data.idea, callback.from_user.id)
    if project is None or not isinstance(callback.message, Message):
        await callback.answer(desk.t("pjl-not-leader"), show_alert=True)
        return
    await callback.answer()
    await callback.message.answer(
        desk.t("pjl-resign-ask", number=project.idea_id), reply_markup=leader_resign_kb(desk.t, project.idea_id)
    )


@private.callback_query(LeaderCb.filter(F.action.in_({LeaderAction.RESIGN_YES, LeaderAction.RESIGN_NO})))
async def resign(callback: CallbackQuery, callback_data: LeaderCb, desk: Desk, projects: ProjectService) -> None:
    project = await own_project(desk, callback_data.idea, callback.from_user.id)
    if project is None:
        await callback.answer(desk.t("pjl-not-leader"), show_alert=True)
        return
    await callback.answer()
    if callback_data.action is LeaderAction.RESIGN_NO:
        await settle(callback.message, desk.t("pjl-stay", number=project.idea_id))
        return
    if not await projects.step_down(project.idea_id, callback.from_user.id):  # the team is told
        await settle(callback.message, desk.t("pjl-not-leader"))
        return
    await settle(callback.message, desk.t("pjl-resigned", number=project.idea_id))
    team = [p for p in await desk.repos.projects.team(project.idea_id) if p.role is Role.MEMBER]
    await tell_curators(desk, project.idea_id, "pjl-curators-handback", number=project.idea_id, count=len(team))


# --- the curators: stopping an update ------------------------------------------------------------


@curators.callback_query(LeaderCb.filter(F.action == LeaderAction.STOP))
async def stop_update(callback: CallbackQuery, callback_data: LeaderCb, desk: Desk) -> None:
    update = await desk.project_updates.stop(callback_data.person, callback.from_user.id)
    if update is None:
        await callback.answer(desk.t("pjl-stop-late"), show_alert=True)
        return
    await callback.answer()
    await settle(callback.message, desk.t("pjl-stopped", number=update.idea_id))
    if update.author_id is not None:
        await tell(desk, update.author_id, "pjl-stopped-leader", number=update.idea_id)


# --- the team's group ----------------------------------------------------------------------------


async def bind(desk: Desk, message: Message, project: Project, actor_id: int) -> None:
    chat_id = message.chat.id
    await desk.repos.project_team.bind_chat(project.idea_id, chat_id, actor_id)
    members = [p for p in await desk.repos.projects.team(project.idea_id) if p.role is Role.MEMBER]
    sent = 0
    for person in members:
        sent += await invite(desk, project.idea_id, chat_id, person.user_id)
    await message.answer(desk.t("pjl-bind-done", number=project.idea_id, count=sent))


async def can_invite(bot: Bot, chat_id: int) -> bool:
    try:
        member = await bot.get_chat_member(chat_id, bot.id)
    except TelegramAPIError:
        return False
    if isinstance(member, ChatMemberOwner):
        return True
    return isinstance(member, ChatMemberAdministrator) and member.can_invite_users


@groups.message(Command("bind_team"))
async def cmd_bind_team(message: Message, desk: Desk) -> None:
    user_id = message.from_user.id if message.from_user else 0
    projects = await led(desk.repos, user_id)
    if not projects:
        await message.reply(desk.t("pjl-bind-only-leader"))
        return
    if not await can_invite(desk.bot, message.chat.id):
        await message.reply(desk.t("pjl-bind-not-admin"))
        return
    if len(projects) == 1:
        await bind(desk, message, projects[0], user_id)
        return
    items = [(p.idea_id, await _label(desk.repos, desk.t, p.idea_id)) for p in projects]
    await message.answer(desk.t("pjl-bind-pick"), reply_markup=leader_bind_kb(items))


@private.callback_query(LeaderCb.filter(F.action == LeaderAction.BIND), Magic(F.message.chat.type.in_(GROUPS)))
async def bind_pick(callback: CallbackQuery, callback_data: LeaderCb, desk: Desk) -> None:
    project = await own_project(desk, callback_data.idea, callback.from_user.id)
    if project is None or not isinstance(callback.message, Message):
        await callback.answer(desk.t("pjl-bind-only-leader"), show_alert=True)
        return
    await callback.answer()
    await settle(callback.message, await _label(desk.repos, desk.t, project.idea_id))
    await bind(desk, callback.message, project, callback.from_user.id)


@groups.chat_member()
async def joined(event: ChatMemberUpdated, desk: Desk) -> None:
    """Someone joined a team's group: its leader is told who (by their first name without contact consent)."""
    if event.new_chat_member.status not in JOINED or event.old_chat_member.status in JOINED:
        return
    idea_id = await desk.repos.project_team.by_chat(event.chat.id)
    project = await desk.repos.projects.get(idea_id) if idea_id else None
    if project is None or project.leader_id is None:
        return
    who = event.new_chat_member.user
    if who.id == project.leader_id:
        return
    offer = await desk.repos.projects.offer_of(project.idea_id, who.id, Role.MEMBER)
    name = shown_name(offer) if offer is not None else who.first_name
    await tell(desk, project.leader_id, "pjl-joined", number=project.idea_id, name=name)


def project_news_broadcast(broadcast: Broadcast) -> tuple[int, int] | None:
    idea_id, update_id = broadcast.payload.get("idea"), broadcast.payload.get("update")
    if not isinstance(idea_id, int) or not isinstance(update_id, int):
        return None
    return idea_id, update_id


class ProjectNewsMessages:
    """What the team, followers and supporters get: the leader's update, the idea's first words, its page."""

    def __init__(self, repos: Repos, translator: Translator) -> None:
        self.repos = repos
        self.translator = translator

    async def render(self, broadcast: Broadcast, lang: str) -> tuple[str, str | None] | None:
        ids = project_news_broadcast(broadcast)
        if ids is None:
            return None
        update = await self.repos.project_team.update(ids[1])
        if update is None or await self.repos.projects.get(ids[0]) is None:
            return None  # hidden or gone since: nothing to tell
        idea = await self.repos.ideas.get(ids[0])
        if idea is None:
            return None
        t = self.translator.for_lang(lang)
        keyboard = notice_kb(t, idea.id)
        return news_text(t, idea.id, idea.text, update.text), keyboard.model_dump_json(exclude_none=True)
