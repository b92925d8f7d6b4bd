"""Roles: /organizers (superadmins), curators, /audit; refusals of organizer commands for everyone else."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from aiogram import Bot, F
from aiogram.filters import Command, CommandObject, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    MessageOriginHiddenUser,
    MessageOriginUser,
)

from bot.config import Settings
from bot.handlers.staff.callbacks import OrgCb
from bot.handlers.staff.states import RolesAdd
from bot.services.limits import BUTTONS_LIMIT, clip, fit, paginate
from bot.services.roles import (
    AUDIT_LIMIT,
    CuratorChange,
    Grant,
    RoleService,
    parse_reference,
    person_label,
    render_audit,
)
from bot.storage.models import Direction
from bot.storage.repositories import Repos
from bot.storage.roles import Organizer
from bot.telegram.commands import ORGANIZER_COMMANDS, SUPERADMIN_COMMANDS
from bot.telegram.filters import IsStaff, IsSuperAdmin, Magic
from bot.telegram.i18n import Translate, Translator
from bot.telegram.messages import show
from bot.telegram.routes import Routes

log = logging.getLogger(__name__)

PRIVATE = Magic(F.chat.type == "private")
GROUPS = Magic(F.chat.type.in_({"group", "supergroup"}))
ADD_WORDS = {"add", "добавить"}
REMOVE_WORDS = {"remove", "del", "delete", "убрать", "удалить", "снять"}
BUTTON_NAME_MAX = 40

# Staff (superadmins and organizers): /audit. Inside it, superadmins only: /organizers and its buttons.
router = Routes(name="roles")
router.message.filter(IsStaff())
router.callback_query.filter(IsStaff())

superadmins = Routes(name="roles-superadmins")
superadmins.message.filter(IsSuperAdmin())
superadmins.callback_query.filter(IsSuperAdmin())

staff = Routes(name="roles-staff")

router.include_routers(superadmins, staff)


# --- rendering ------------------------------------------------------------------------


def _button(text: str, data: OrgCb) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data.pack())


def list_view(
    t: Translate,
    lang: str,
    organizers: list[Organizer],
    directions: list[Direction],
    notice: str | None = None,
    page: int = 0,
) -> tuple[str, InlineKeyboardMarkup]:
    """One page of organizers: as many as fit in a message (a button each), with page turns when there are more."""
    by_id = {d.id: d for d in directions}
    head = [notice, ""] if notice else []
    head.append(t("roles-list-title", count=len(organizers)))
    if not organizers:
        head.append(t("roles-list-empty"))
    tail = ["", t("roles-list-how")]
    lines: list[str] = []
    labels: list[str] = []
    for number, org in enumerate(organizers, 1):
        label = person_label(org.id, org.first_name, org.last_name, org.username)
        line = t("roles-list-item", number=number, name=label, id=str(org.id))
        if org.curates:
            curated = ", ".join(by_id[d].label(lang) for d in org.curates if d in by_id)
            line += "\n" + t("roles-list-curates", directions=curated)
        lines.append(line)
        labels.append(label)
    starts = paginate(head, lines, tail=tail, most=BUTTONS_LIMIT - 4)  # a button each; Add and the page turns
    page = min(max(page, 0), len(starts) - 1)
    first = starts[page]
    last = starts[page + 1] if page + 1 < len(starts) else len(lines)
    text = fit(head, lines[first:last], tail=tail).text
    rows = [
        [
            _button(
                f"⚙️ {number}. {clip(labels[number - 1], BUTTON_NAME_MAX, escaped=False)}",
                OrgCb(action="open", user_id=org.id),
            )
        ]
        for number, org in enumerate(organizers[first:last], first + 1)
    ]
    if len(starts) > 1:
        nav = []
        if page > 0:
            nav.append(_button("◀", OrgCb(action="list", page=page - 1)))
        nav.append(_button(f"{page + 1}/{len(starts)}", OrgCb(action="list", page=page)))
        if page + 1 < len(starts):
            nav.append(_button("▶", OrgCb(action="list", page=page + 1)))
        rows.append(nav)
    rows.append([_button(t("roles-btn-add"), OrgCb(action="add"))])
    return text, InlineKeyboardMarkup(inline_keyboard=rows)


def card_view(
    t: Translate, lang: str, org: Organizer, directions: list[Direction], notice: str | None = None
) -> tuple[str, InlineKeyboardMarkup]:
    label = person_label(org.id, org.first_name, org.last_name, org.username)
    curated = [d for d in directions if d.id in org.curates]
    parts = [notice, ""] if notice else []
    parts.append(t("roles-card", name=label, id=str(org.id)))
    if curated:
        parts.append(t("roles-card-curates", directions=", ".join(d.label(lang) for d in curated)))
    else:
        parts.append(t("roles-card-no-curates"))
    parts.append(t("roles-card-how"))
    rows = [
        [
            _button(
                ("✅ " if d.id in org.curates else "▫️ ") + d.label(lang),
                OrgCb(action="cur-" if d.id in org.curates else "cur+", user_id=org.id, direction_id=d.id),
            )
        ]
        for d in directions
    ]
    rows.append([_button(t("roles-btn-remove"), OrgCb(action="rm", user_id=org.id))])
    rows.append([_button(t("roles-btn-back"), OrgCb(action="list"))])
    return "\n".join(parts), InlineKeyboardMarkup(inline_keyboard=rows)


async def _list(
    t: Translate, lang: str, repos: Repos, notice: str | None = None, page: int = 0
) -> tuple[str, InlineKeyboardMarkup]:
    return list_view(t, lang, await repos.roles.list_organizers(), await repos.directions.all(), notice, page)


async def _organizer(repos: Repos, user_id: int) -> Organizer | None:
    return next((o for o in await repos.roles.list_organizers() if o.id == user_id), None)


def _service(bot: Bot, repos: Repos, translator: Translator, settings: Settings) -> RoleService:
    return RoleService(bot, repos, translator, settings)


# --- adding: who is meant ---------------------------------------------------------------


def _sender_of(message: Message) -> tuple[int | None, str, str | None]:
    """Who wrote a forwarded (or replied-to) message: (id, name, problem message key)."""
    origin = message.forward_origin
    if isinstance(origin, MessageOriginHiddenUser):
        return None, origin.sender_user_name, "roles-hidden-sender"
    if origin is not None and not isinstance(origin, MessageOriginUser):
        return None, "", "roles-not-a-person"
    user = origin.sender_user if isinstance(origin, MessageOriginUser) else message.from_user
    if user is None:
        return None, "", "roles-not-a-person"
    if user.is_bot:
        return None, user.full_name, "roles-is-bot"
    return user.id, person_label(user.id, user.first_name, user.last_name, user.username), None


async def _grant(
    t: Translate,
    actor_id: int,
    user_id: int,
    shown_name: str,
    service: RoleService,
    bot: Bot,
) -> tuple[bool, str]:
    """Make someone an organizer. Returns (finished, notice): not finished means "try another way"."""
    if user_id in service.settings.admin_ids:
        return True, t("roles-is-superadmin", name=shown_name or f"id {user_id}")
    person = await service.find(user_id)
    if person is None:
        me = await bot.me()
        return False, t("roles-not-started", name=shown_name or f"id {user_id}", bot=f"@{me.username}")
    label = person_label(person.id, person.first_name, person.last_name, person.username)
    if label.startswith("id ") and shown_name:
        label = shown_name
    outcome, told = await service.add_organizer(actor_id, person)
    if outcome is Grant.SUPERADMIN:
        return True, t("roles-is-superadmin", name=label)
    if outcome is Grant.ALREADY:
        return True, t("roles-already", name=label)
    return True, t("roles-added", name=label) + ("" if told else "\n" + t("roles-not-told"))


async def _grant_by_reference(
    t: Translate, actor_id: int, reference: int | str, service: RoleService, bot: Bot
) -> tuple[bool, str]:
    if isinstance(reference, str):
        person = await service.find(reference)
        if person is None:
            return False, t("roles-username-unknown", username="@" + reference)
        return await _grant(t, actor_id, person.id, "@" + reference, service, bot)
    return await _grant(t, actor_id, reference, "", service, bot)


# --- /organizers --------------------------------------------------------------------------


@superadmins.message(Command("organizers"), PRIVATE)
async def cmd_organizers(
    message: Message,
    command: CommandObject,
    t: Translate,
    lang: str,
    state: FSMContext,
    repos: Repos,
    bot: Bot,
    translator: Translator,
    settings: Settings,
) -> None:
    assert message.from_user is not None
    words = (command.args or "").split()
    verb = words[0].lower() if words else ""
    service = _service(bot, repos, translator, settings)
    if not words:
        await state.clear()
        text, markup = await _list(t, lang, repos)
        await message.answer(text, reply_markup=markup)
        await service.refresh_menu(message.from_user.id)  # a superadmin new to the bot gets their menu too
        return
    if verb in ADD_WORDS and len(words) == 1:
        if message.reply_to_message is not None:
            await _add_from_message(message, message.reply_to_message, t, lang, state, repos, service, bot)
            return
        await _ask_for_person(message, t, state)
        return
    reference = parse_reference(words[1]) if len(words) == 2 else None
    if verb in ADD_WORDS and reference is not None:
        finished, notice = await _grant_by_reference(t, message.from_user.id, reference, service, bot)
        if finished:
            await state.clear()
            text, markup = await _list(t, lang, repos, notice)
            await message.answer(text, reply_markup=markup)
        else:
            await message.answer(notice)
        return
    if verb in REMOVE_WORDS and reference is not None:
        user_id = reference if isinstance(reference, int) else None
        if isinstance(reference, str):
            person = await service.find(reference)
            user_id = person.id if person is not None else None
        if user_id is None or not await repos.roles.is_organizer(user_id):
            await message.answer(t("roles-not-organizer", who=words[1]))
            return
        notice = await _remove(t, message.from_user.id, user_id, service, repos)
        text, markup = await _list(t, lang, repos, notice)
        await message.answer(text, reply_markup=markup)
        await _tell_chats_left(message, t, user_id, service, repos)
        return
    await message.answer(t("roles-usage"))


@superadmins.message(Command("organizers"), GROUPS, Magic(F.reply_to_message))
async def cmd_organizers_reply_in_group(
    message: Message,
    command: CommandObject,
    t: Translate,
    repos: Repos,
    bot: Bot,
    translator: Translator,
    settings: Settings,
) -> None:
    """A superadmin answers someone's message in a group with "/organizers add"."""
    assert message.from_user is not None and message.reply_to_message is not None
    # In a forum every message of a topic "replies" to the topic's creation: that is no one's message.
    if (command.args or "").strip().lower() not in ADD_WORDS or message.reply_to_message.forum_topic_created:
        await message.reply(t("roles-group-usage"))
        return
    user_id, name, problem = _sender_of(message.reply_to_message)
    if user_id is None or problem is not None:
        await message.reply(t(problem or "roles-not-a-person", name=name))
        return
    service = _service(bot, repos, translator, settings)
    _, notice = await _grant(t, message.from_user.id, user_id, name, service, bot)
    await message.reply(notice)


@superadmins.message(Command("organizers"))
@staff.message(Command("audit"), ~PRIVATE)
async def staff_command_in_group(message: Message, t: Translate) -> None:
    await message.reply(t("roles-private-only"))


async def _ask_for_person(message: Message, t: Translate, state: FSMContext) -> None:
    await state.set_state(RolesAdd.person)
    await state.set_data({})
    await message.answer(t("roles-ask-person"))


async def _add_from_message(
    reply_target: Message,
    source: Message,
    t: Translate,
    lang: str,
    state: FSMContext,
    repos: Repos,
    service: RoleService,
    bot: Bot,
) -> None:
    """Add the author of a forwarded (or replied-to) message; on a problem, say what to do instead."""
    assert reply_target.from_user is not None
    user_id, name, problem = _sender_of(source)
    if user_id is None or problem is not None:
        await reply_target.answer(t(problem or "roles-not-a-person", name=name))
        return
    finished, notice = await _grant(t, reply_target.from_user.id, user_id, name, service, bot)
    if not finished:
        await reply_target.answer(notice)
        return
    await state.clear()
    text, markup = await _list(t, lang, repos, notice)
    await reply_target.answer(text, reply_markup=markup)


@superadmins.message(StateFilter(RolesAdd.person), PRIVATE, Magic(F.forward_origin))
async def add_forwarded(
    message: Message,
    t: Translate,
    lang: str,
    state: FSMContext,
    repos: Repos,
    bot: Bot,
    translator: Translator,
    settings: Settings,
) -> None:
    await _add_from_message(message, message, t, lang, state, repos, _service(bot, repos, translator, settings), bot)


@superadmins.message(StateFilter(RolesAdd.person), PRIVATE, Magic(F.text & ~F.text.startswith("/")))
async def add_typed(
    message: Message,
    t: Translate,
    lang: str,
    state: FSMContext,
    repos: Repos,
    bot: Bot,
    translator: Translator,
    settings: Settings,
) -> None:
    assert message.text is not None and message.from_user is not None
    reference = parse_reference(message.text)
    if reference is None:
        await message.answer(t("roles-ask-again"))
        return
    service = _service(bot, repos, translator, settings)
    finished, notice = await _grant_by_reference(t, message.from_user.id, reference, service, bot)
    if not finished:
        await message.answer(notice)
        return
    await state.clear()
    text, markup = await _list(t, lang, repos, notice)
    await message.answer(text, reply_markup=markup)


@superadmins.message(StateFilter(RolesAdd.person), PRIVATE, Magic(~F.text.startswith("/")))
async def add_unreadable(message: Message, t: Translate) -> None:
    await message.answer(t("roles-ask-again"))


# --- /organizers buttons -------------------------------------------------------------------


@superadmins.callback_query(OrgCb.filter(F.action == "list"))
async def org_list(callback: CallbackQuery, callback_data: OrgCb, t: Translate, lang: str, repos: Repos) -> None:
    await callback.answer()
    await show(callback.message, *await _list(t, lang, repos, page=callback_data.page))


@superadmins.callback_query(OrgCb.filter(F.action == "add"))
async def org_add(callback: CallbackQuery, t: Translate, state: FSMContext) -> None:
    await callback.answer()
    if isinstance(callback.message, Message):
        await _ask_for_person(callback.message, t, state)


@superadmins.callback_query(OrgCb.filter(F.action == "open"))
async def org_open(callback: CallbackQuery, callback_data: OrgCb, t: Translate, lang: str, repos: Repos) -> None:
    org = await _organizer(repos, callback_data.user_id)
    if org is None:
        await callback.answer(t("roles-gone"), show_alert=True)
        await show(callback.message, *await _list(t, lang, repos))
        return
    await callback.answer()
    await show(callback.message, *card_view(t, lang, org, await repos.directions.all()))


@superadmins.callback_query(OrgCb.filter(F.action == "rm"))
async def org_remove_ask(callback: CallbackQuery, callback_data: OrgCb, t: Translate, lang: str, repos: Repos) -> None:
    org = await _organizer(repos, callback_data.user_id)
    if org is None:
        await callback.answer(t("roles-gone"), show_alert=True)
        await show(callback.message, *await _list(t, lang, repos))
        return
    await callback.answer()
    label = person_label(org.id, org.first_name, org.last_name, org.username)
    markup = InlineKeyboardMarkup(
        inline_keyboard=[
            [_button(t("roles-btn-remove-yes"), OrgCb(action="rm_yes", user_id=org.id))],
            [_button(t("roles-btn-remove-no"), OrgCb(action="open", user_id=org.id))],
        ]
    )
    await show(callback.message, t("roles-remove-ask", name=label), markup)


async def _remove(t: Translate, actor_id: int, user_id: int, service: RoleService, repos: Repos) -> str:
    person = await repos.roles.find_person(user_id=user_id)
    label = person_label(user_id, person.first_name, person.last_name, person.username) if person else f"id {user_id}"
    removal, told = await service.remove_organizer(actor_id, user_id)
    if not removal.was_organizer:
        return t("roles-gone")
    return t("roles-removed", name=label) + ("" if told else "\n" + t("roles-not-told"))


async def _tell_chats_left(
    message: Message, t: Translate, user_id: int, service: RoleService, repos: Repos
) -> None:
    """After a removal: the curators' chats the person is still in, with a button to remove them where the bot can."""
    chats = await service.curator_chats_of(user_id)
    if not chats:
        return
    person = await repos.roles.find_person(user_id=user_id)
    label = (
        person_label(user_id, person.first_name, person.last_name, person.username) if person else t("roles-someone")
    )
    removable = [c for c in chats if c.removable]
    admins = [c for c in chats if c.chat_admin]
    no_rights = [c for c in chats if not c.removable and not c.chat_admin]
    lines = [t("roles-still-in-chats", name=label, count=len(chats), chats=_titles(c.title for c in chats))]
    if admins:
        lines.append(t("roles-kick-chat-admin", count=len(admins), chats=_titles(c.title for c in admins)))
    if no_rights:
        lines.append(t("roles-kick-manual", count=len(no_rights), chats=_titles(c.title for c in no_rights)))
    markup = None
    if removable:
        kick = _button(t("roles-btn-kick", count=len(removable)), OrgCb(action="kick", user_id=user_id))
        markup = InlineKeyboardMarkup(inline_keyboard=[[kick]])
    await message.answer("\n".join(lines), reply_markup=markup)


def _titles(titles: Iterable[str]) -> str:
    return ", ".join(f"«{title}»" for title in titles)


@superadmins.callback_query(OrgCb.filter(F.action == "rm_yes"))
async def org_remove(
    callback: CallbackQuery,
    callback_data: OrgCb,
    t: Translate,
    lang: str,
    repos: Repos,
    bot: Bot,
    translator: Translator,
    settings: Settings,
) -> None:
    if not await repos.roles.is_organizer(callback_data.user_id):
        await callback.answer(t("roles-gone"), show_alert=True)
        await show(callback.message, *await _list(t, lang, repos))
        return
    service = _service(bot, repos, translator, settings)
    notice = await _remove(t, callback.from_user.id, callback_data.user_id, service, repos)
    await callback.answer(t("roles-removed-toast"))
    await show(callback.message, *await _list(t, lang, repos, notice))
    if isinstance(callback.message, Message):
        await _tell_chats_left(callback.message, t, callback_data.user_id, service, repos)


@superadmins.callback_query(OrgCb.filter(F.action == "kick"))
async def org_kick(
    callback: CallbackQuery,
    callback_data: OrgCb,
    t: Translate,
    repos: Repos,
    bot: Bot,
    translator: Translator,
    settings: Settings,
) -> None:
    """Remove a former organizer from the curators' chats (pressed under the removal's follow-up message)."""
    user_id = callback_data.user_id
    if user_id in settings.admin_ids or await repos.roles.is_organizer(user_id):
        await callback.answer(t("roles-kick-staff-again"), show_alert=True)
        return
    service = _service(bot, repos, translator, settings)
    done, failed = await service.remove_from_curator_chats(callback.from_user.id, user_id)
    await callback.answer()
    lines = [t("roles-kicked", count=len(done), chats=_titles(done))] if done else [t("roles-kicked-none")]
    if failed:
        lines.append(t("roles-kick-failed", count=len(failed), chats=_titles(failed)))
    await show(callback.message, "\n".join(lines), InlineKeyboardMarkup(inline_keyboard=[]))


@superadmins.callback_query(OrgCb.filter(F.action.in_({"cur+", "cur-"})))
async def org_curator(
    callback: CallbackQuery,
    callback_data: OrgCb,
    t: Translate,
    lang: str,
    repos: Repos,
    bot: Bot,
    translator: Translator,
    settings: Settings,
) -> None:
    service = _service(bot, repos, translator, settings)
    on = callback_data.action == "cur+"
    change = await service.set_curator(callback.from_user.id, callback_data.user_id, callback_data.direction_id, on)
    if change is CuratorChange.NOT_ORGANIZER:
        await callback.answer(t("roles-gone"), show_alert=True)
        await show(callback.message, *await _list(t, lang, repos))
        return
    org = await _organizer(repos, callback_data.user_id)
    direction = await repos.directions.get(callback_data.direction_id)
    if org is None or direction is None:
        await callback.answer(t("button-outdated"), show_alert=True)
        return
    label = person_label(org.id, org.first_name, org.last_name, org.username)
    notice: str | None = None
    if change is CuratorChange.ADDED:
        notice = t("roles-curator-added", name=label, direction=direction.label(lang))
    elif change is CuratorChange.REMOVED:
        notice = t("roles-curator-removed", name=label, direction=direction.label(lang))
    await callback.answer(t("roles-saved-toast") if notice else t("roles-unchanged-toast"))
    await show(callback.message, *card_view(t, lang, org, await repos.directions.all(), notice))


@superadmins.callback_query(OrgCb.filter())
async def org_unknown(callback: CallbackQuery, t: Translate) -> None:
    await callback.answer(t("button-outdated"), show_alert=True)


# --- /audit ------------------------------------------------------------------------------


@staff.message(Command("audit"), PRIVATE)
async def cmd_audit(message: Message, lang: str, repos: Repos, translator: Translator, settings: Settings) -> None:
    entries = await repos.audit.last(AUDIT_LIMIT)
    await message.answer(await render_audit(entries, repos, translator, lang, settings.tz))


# --- everyone else -----------------------------------------------------------------------
# Reached only by updates no staff router took: the command is refused, whatever the menu showed.

refusal_router = Routes(name="organizer-refusals")

not_staff = Routes(name="organizer-refusals-residents")
not_staff.message.filter(~IsStaff())

not_superadmin = Routes(name="organizer-refusals-organizers")
not_superadmin.message.filter(~IsSuperAdmin())
not_superadmin.callback_query.filter(~IsSuperAdmin())

refusal_router.include_routers(not_staff, not_superadmin)


@not_staff.message(Command(*ORGANIZER_COMMANDS, *SUPERADMIN_COMMANDS))
async def refuse_organizer_command(message: Message, t: Translate, command: CommandObject) -> None:
    log.info("refused /%s from %s", command.command, message.from_user.id if message.from_user else None)
    await message.answer(t("roles-refused-organizer", command="/" + command.command))


@not_superadmin.message(Command(*SUPERADMIN_COMMANDS))
async def refuse_superadmin_command(message: Message, t: Translate, command: CommandObject) -> None:
    log.info("refused /%s from organizer %s", command.command, message.from_user.id if message.from_user else None)
    await message.answer(t("roles-refused-superadmin", command="/" + command.command))


@not_superadmin.callback_query(OrgCb.filter())
async def refuse_press(callback: CallbackQuery, t: Translate) -> None:
    log.info("refused organizers button from %s: %s", callback.from_user.id, callback.data)
    await callback.answer(t("roles-refused-press"), show_alert=True)
