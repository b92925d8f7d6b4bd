"""Roles: /organizers (superadmins), curators, /audit; refusals of organizer commands for everyone else."""

from __future__ import annotations

import logging

from aiogram import F
from aiogram.filters import Command, CommandObject, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message, MessageOriginHiddenUser, MessageOriginUser

from bot.config import Settings
from bot.handlers.staff.callbacks import OrgAction, OrgCb
from bot.handlers.staff.screens import card_view, chats_left_view, kicked_view, list_view, remove_ask_view
from bot.handlers.staff.states import RolesAdd
from bot.services.roles import (
    AUDIT_LIMIT,
    CuratorChange,
    Grant,
    RoleService,
    Roster,
    parse_reference,
    person_label,
    render_audit,
)
from bot.storage.repositories import Repos
from bot.telegram.commands import ORGANIZER_COMMANDS, SUPERADMIN_COMMANDS
from bot.telegram.filters import IsStaff, IsSuperAdmin, Magic, Typed
from bot.telegram.i18n import Translate, Translator
from bot.telegram.messages import show
from bot.telegram.routes import Routes

log = logging.getLogger(__name__)

PRIVATE = Magic(F.chat.type == "private")
GROUPS = Magic(F.chat.type.in_({"group", "supergroup"}))
ADD_WORDS = {"add", "добавить"}
REMOVE_WORDS = {"remove", "del", "delete", "убрать", "удалить", "снять"}

# Staff (superadmins and organizers): /audit. Inside it, superadmins only: /organizers and its buttons.
router = Routes(name="roles")
router.message.filter(IsStaff())
router.callback_query.filter(IsStaff())

superadmins = Routes(name="roles-superadmins")
superadmins.message.filter(IsSuperAdmin())
superadmins.callback_query.filter(IsSuperAdmin())

staff = Routes(name="roles-staff")

router.include_routers(superadmins, staff)


async def _list(
    t: Translate, lang: str, roles: RoleService, notice: str | None = None, page: int = 0
) -> tuple[str, InlineKeyboardMarkup]:
    return list_view(t, lang, await roles.roster(), notice, page)


async def _send_list(message: Message, t: Translate, lang: str, roles: RoleService, notice: str | None = None) -> None:
    text, markup = await _list(t, lang, roles, notice)
    await message.answer(text, reply_markup=markup)


async def _after_grant(
    message: Message, granted: tuple[bool, str], t: Translate, lang: str, state: FSMContext, roles: RoleService
) -> None:
    """Someone made an organizer (or nothing to do): the dialogue over, the list with the notice. Otherwise the
    notice alone: the person is to be given another way."""
    finished, notice = granted
    if not finished:
        await message.answer(notice)
        return
    await state.clear()
    await _send_list(message, t, lang, roles, notice)


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


async def _grant(t: Translate, actor_id: int, user_id: int, shown_name: str, roles: RoleService) -> tuple[bool, str]:
    """Make someone an organizer. Returns (finished, notice): not finished means "try another way"."""
    if roles.is_superadmin(user_id):
        return True, t("roles-is-superadmin", name=shown_name or f"id {user_id}")
    person = await roles.find(user_id)
    if person is None:
        label = shown_name or f"id {user_id}"
    else:
        label = person_label(person.id, person.first_name, person.last_name, person.username)
        if label.startswith("id ") and shown_name:
            label = shown_name
    outcome, told = await roles.add_organizer(actor_id, user_id, person)
    if outcome is Grant.UNREACHABLE:
        username = await roles.bot_username()
        return False, t("roles-not-started", name=label, bot=f"@{username}")
    if outcome is Grant.SUPERADMIN:
        return True, t("roles-is-superadmin", name=label)
    if outcome is Grant.ALREADY:
        return True, t("roles-already", name=label)
    return True, t("roles-added", name=label) + ("" if told else "\n" + t("roles-not-told"))


async def _grant_by_reference(
    t: Translate, actor_id: int, reference: int | str, roles: RoleService
) -> tuple[bool, str]:
    if isinstance(reference, str):
        person = await roles.find(reference)
        if person is None:
            return False, t("roles-username-unknown", username="@" + reference)
        return await _grant(t, actor_id, person.id, "@" + reference, roles)
    return await _grant(t, actor_id, reference, "", roles)


# --- /organizers --------------------------------------------------------------------------


@superadmins.message(Command("organizers"), PRIVATE)
async def cmd_organizers(
    message: Message, command: CommandObject, t: Translate, lang: str, state: FSMContext, roles: RoleService
) -> None:
    assert message.from_user is not None
    words = (command.args or "").split()
    verb = words[0].lower() if words else ""
    if not words:
        await state.clear()
        await _send_list(message, t, lang, roles)
        await roles.refresh_menu(message.from_user.id)  # a superadmin new to the bot gets their menu too
        return
    if verb in ADD_WORDS and len(words) == 1:
        if message.reply_to_message is not None:
            await _add_from_message(message, message.reply_to_message, t, lang, state, roles)
            return
        await _ask_for_person(message, t, state)
        return
    reference = parse_reference(words[1]) if len(words) == 2 else None
    if verb in ADD_WORDS and reference is not None:
        granted = await _grant_by_reference(t, message.from_user.id, reference, roles)
        await _after_grant(message, granted, t, lang, state, roles)
        return
    if verb in REMOVE_WORDS and reference is not None:
        await _remove_by_reference(message, words[1], reference, t, lang, roles)
        return
    await message.answer(t("roles-usage"))


async def _remove_by_reference(
    message: Message, typed: str, reference: int | str, t: Translate, lang: str, roles: RoleService
) -> None:
    """/organizers remove @name (or an id)."""
    assert message.from_user is not None
    user_id = reference if isinstance(reference, int) else None
    if isinstance(reference, str):
        person = await roles.find(reference)
        user_id = person.id if person is not None else None
    if user_id is None or not await roles.is_organizer(user_id):
        await message.answer(t("roles-not-organizer", who=typed))
        return
    notice = await _remove(t, message.from_user.id, user_id, roles)
    await _send_list(message, t, lang, roles, notice)
    await _tell_chats_left(message, t, user_id, roles)


@superadmins.message(Command("organizers"), GROUPS, Magic(F.reply_to_message))
async def cmd_organizers_reply_in_group(
    message: Message, command: CommandObject, t: Translate, roles: RoleService
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
    _, notice = await _grant(t, message.from_user.id, user_id, name, roles)
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
    reply_target: Message, source: Message, t: Translate, lang: str, state: FSMContext, roles: RoleService
) -> None:
    """Add the author of a forwarded (or replied-to) message; on a problem, say what to do instead."""
    assert reply_target.from_user is not None
    user_id, name, problem = _sender_of(source)
    if user_id is None or problem is not None:
        await reply_target.answer(t(problem or "roles-not-a-person", name=name))
        return
    granted = await _grant(t, reply_target.from_user.id, user_id, name, roles)
    await _after_grant(reply_target, granted, t, lang, state, roles)


@superadmins.message(StateFilter(RolesAdd.person), PRIVATE, Magic(F.forward_origin))
async def add_forwarded(message: Message, t: Translate, lang: str, state: FSMContext, roles: RoleService) -> None:
    await _add_from_message(message, message, t, lang, state, roles)


@superadmins.message(StateFilter(RolesAdd.person), PRIVATE, Typed(text=True))
async def add_typed(message: Message, t: Translate, lang: str, state: FSMContext, roles: RoleService) -> None:
    assert message.text is not None and message.from_user is not None
    reference = parse_reference(message.text)
    if reference is None:
        await message.answer(t("roles-ask-again"))
        return
    granted = await _grant_by_reference(t, message.from_user.id, reference, roles)
    await _after_grant(message, granted, t, lang, state, roles)


@superadmins.message(StateFilter(RolesAdd.person), PRIVATE, Typed())
async def add_unreadable(message: Message, t: Translate) -> None:
    await message.answer(t("roles-ask-again"))


# --- /organizers buttons -------------------------------------------------------------------


@superadmins.callback_query(OrgCb.filter(F.action == OrgAction.LIST))
async def org_list(callback: CallbackQuery, callback_data: OrgCb, t: Translate, lang: str, roles: RoleService) -> None:
    await callback.answer()
    await show(callback.message, *await _list(t, lang, roles, page=callback_data.page))


@superadmins.callback_query(OrgCb.filter(F.action == OrgAction.ADD))
async def org_add(callback: CallbackQuery, t: Translate, state: FSMContext) -> None:
    await callback.answer()
    if isinstance(callback.message, Message):
        await _ask_for_person(callback.message, t, state)


@superadmins.callback_query(OrgCb.filter(F.action.in_({OrgAction.OPEN, OrgAction.REMOVE})))
async def org_screen(
    callback: CallbackQuery, callback_data: OrgCb, t: Translate, lang: str, roles: RoleService
) -> None:
    """An organizer's card, or the question whether to remove them."""
    roster = await roles.roster()
    org = roster.organizer(callback_data.user_id)
    if org is None:
        await _gone(callback, t, lang, roster)
        return
    await callback.answer()
    view = card_view(t, lang, org, roster) if callback_data.action is OrgAction.OPEN else remove_ask_view(t, org)
    await show(callback.message, *view)


async def _gone(callback: CallbackQuery, t: Translate, lang: str, roster: Roster) -> None:
    """The person pressed about is no organizer any more: said, and the list as it is now."""
    await callback.answer(t("roles-gone"), show_alert=True)
    await show(callback.message, *list_view(t, lang, roster))


async def _label_of(user_id: int, roles: RoleService) -> str | None:
    person = await roles.find(user_id)
    return person_label(user_id, person.first_name, person.last_name, person.username) if person else None


async def _remove(t: Translate, actor_id: int, user_id: int, roles: RoleService) -> str:
    label = await _label_of(user_id, roles) or f"id {user_id}"
    removal, told = await roles.remove_organizer(actor_id, user_id)
    if not removal.was_organizer:
        return t("roles-gone")
    return t("roles-removed", name=label) + ("" if told else "\n" + t("roles-not-told"))


async def _tell_chats_left(message: Message, t: Translate, user_id: int, roles: RoleService) -> None:
    """After a removal: the curators' chats the person is still in, with a button to remove them where the bot can."""
    chats = await roles.curator_chats_of(user_id)
    if not chats:
        return
    label = await _label_of(user_id, roles) or t("roles-someone")
    text, markup = chats_left_view(t, user_id, label, chats)
    await message.answer(text, reply_markup=markup)


@superadmins.callback_query(OrgCb.filter(F.action == OrgAction.REMOVE_CONFIRMED))
async def org_remove(
    callback: CallbackQuery, callback_data: OrgCb, t: Translate, lang: str, roles: RoleService
) -> None:
    if not await roles.is_organizer(callback_data.user_id):
        await _gone(callback, t, lang, await roles.roster())
        return
    notice = await _remove(t, callback.from_user.id, callback_data.user_id, roles)
    await callback.answer(t("roles-removed-toast"))
    await show(callback.message, *await _list(t, lang, roles, notice))
    if isinstance(callback.message, Message):
        await _tell_chats_left(callback.message, t, callback_data.user_id, roles)


@superadmins.callback_query(OrgCb.filter(F.action == OrgAction.KICK))
async def org_kick(callback: CallbackQuery, callback_data: OrgCb, t: Translate, roles: RoleService) -> None:
    """Remove a former organizer from the curators' chats (pressed under the removal's follow-up message)."""
    user_id = callback_data.user_id
    if await roles.is_staff(user_id):
        await callback.answer(t("roles-kick-staff-again"), show_alert=True)
        return
    done, failed = await roles.remove_from_curator_chats(callback.from_user.id, user_id)
    await callback.answer()
    await show(callback.message, *kicked_view(t, done, failed))


@superadmins.callback_query(OrgCb.filter(F.action.in_({OrgAction.CURATE, OrgAction.UNCURATE})))
async def org_curator(
    callback: CallbackQuery, callback_data: OrgCb, t: Translate, lang: str, roles: RoleService
) -> None:
    on = callback_data.action is OrgAction.CURATE
    change = await roles.set_curator(callback.from_user.id, callback_data.user_id, callback_data.direction_id, on)
    roster = await roles.roster()
    if change is CuratorChange.NOT_ORGANIZER:
        await _gone(callback, t, lang, roster)
        return
    org = roster.organizer(callback_data.user_id)
    direction = roster.direction(callback_data.direction_id)
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
    await show(callback.message, *card_view(t, lang, org, roster, notice))


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

command_refusals = Routes(name="organizer-refusals")

not_staff = Routes(name="organizer-refusals-residents")
not_staff.message.filter(~IsStaff())

not_superadmin = Routes(name="organizer-refusals-organizers")
not_superadmin.message.filter(~IsSuperAdmin())
not_superadmin.callback_query.filter(~IsSuperAdmin())

command_refusals.include_routers(not_staff, not_superadmin)


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
