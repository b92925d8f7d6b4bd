"""Roles: granting and taking the organizer and curator roles, with the menu, the notice and the audit entry
that go with each change; reading someone's @username or id; rendering the audit log."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import tzinfo
from enum import Enum

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError

from bot.config import Settings
from bot.services.limits import fit
from bot.services.limits import person as display_name
from bot.services.territories import Territories
from bot.services.timetext import as_local
from bot.storage.models import AuditEntry, Direction
from bot.storage.projects import Role
from bot.storage.repositories import Repos
from bot.storage.roles import Organizer, Person
from bot.telegram.commands import hide_staff_menu, show_staff_menu, staff_commands_text
from bot.telegram.i18n import Html, Translate, Translator
from bot.telegram.sender import deliver

log = logging.getLogger(__name__)

ID_RE = re.compile(r"^\d{1,15}$")
# Telegram usernames: 5–32 characters, letters, digits and underscores, starting with a letter
# (a few old ones are shorter, so 4 are accepted). "@name" and "t.me/name" links are read too.
USERNAME_RE = re.compile(r"^(?:@|(?:https?://)?t\.me/)?([A-Za-z][A-Za-z0-9_]{3,31})$")

ROLE_ACTIONS = ("role_grant", "role_revoke", "curator_grant", "curator_revoke")
AUDIT_LIMIT = 20
TARGET_MAX = 40
DETAILS_MAX = 120


def parse_reference(text: str) -> int | str | None:
    """A numeric Telegram id, or a username without the "@", or None if the text is neither."""
    value = text.strip()
    if ID_RE.match(value):
        number = int(value)
        return number if number > 0 else None
    match = USERNAME_RE.match(value)
    return match.group(1) if match else None


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def person_label(person_id: int, first_name: str | None, last_name: str | None, username: str | None) -> str:
    """Plain text (escaped by the translator): "Name (@username)", the name shortened for a list (limits.person),
    falling back to the id."""
    return display_name(first_name, last_name, username) or f"id {person_id}"


class Grant(Enum):
    ADDED = "added"
    ALREADY = "already"
    SUPERADMIN = "superadmin"
    UNREACHABLE = "unreachable"  # no dialogue with the bot: nothing stored, nothing to do until they press Start


class CuratorChange(Enum):
    ADDED = "added"
    REMOVED = "removed"
    NOT_ORGANIZER = "not_organizer"
    UNCHANGED = "unchanged"


@dataclass(frozen=True, slots=True)
class Removal:
    was_organizer: bool
    curated: list[int]


@dataclass(frozen=True, slots=True)
class Roster:
    """The organizers, and the directions they may curate: what /organizers shows."""

    organizers: list[Organizer]
    directions: list[Direction]

    def organizer(self, user_id: int) -> Organizer | None:
        return next((o for o in self.organizers if o.id == user_id), None)

    def direction(self, direction_id: int) -> Direction | None:
        return next((d for d in self.directions if d.id == direction_id), None)


IN_CHAT = frozenset({"member", "administrator", "creator", "restricted"})


@dataclass(frozen=True)
class ChatPresence:
    """A bound curators' chat someone is still in after losing the role, and whether the bot can remove them."""

    chat_id: int
    title: str
    removable: bool
    chat_admin: bool = False  # an administrator of that chat: only a person can remove them

    @property
    def supergroup(self) -> bool:
        # Supergroup ids start with -100; in a basic group a removed member may rejoin by link, nothing to lift.
        return str(self.chat_id).startswith("-100")


class RoleService:
    def __init__(self, bot: Bot, repos: Repos, translator: Translator, settings: Settings) -> None:
        self.bot = bot
        self.repos = repos
        self.translator = translator
        self.settings = settings

    async def show_staff_menus(self) -> None:
        """At start-up: every superadmin and organizer gets their menu in their language.

        A superadmin the bot has never heard from is skipped (Telegram would answer "chat not found");
        they get their menu when they open /organizers.
        """
        for user_id in sorted(self.settings.admin_ids):
            if await self.repos.roles.find_person(user_id=user_id) is None:
                log.info("superadmin %s has not started the bot yet: their menu is set on /organizers", user_id)
                continue
            await self.refresh_menu(user_id)
        for user_id in sorted(await self.repos.roles.organizer_ids() - set(self.settings.admin_ids)):
            await self.refresh_menu(user_id)

    async def roster(self) -> Roster:
        return Roster(await self.repos.roles.list_organizers(), await self.repos.directions.all())

    def is_superadmin(self, user_id: int) -> bool:
        return user_id in self.settings.admin_ids

    async def is_organizer(self, user_id: int) -> bool:
        return await self.repos.roles.is_organizer(user_id)

    async def is_staff(self, user_id: int) -> bool:
        return self.is_superadmin(user_id) or await self.is_organizer(user_id)

    async def bot_username(self) -> str | None:
        return (await self.bot.me()).username

    def language_of(self, person: Person | None) -> str:
        if person is not None and person.language:
            return person.language
        return self.settings.default_locale

    async def find(self, reference: int | str) -> Person | None:
        """Someone who has started the bot (only they can be told of a role and see a menu)."""
        if isinstance(reference, int):
            return await self.repos.roles.find_person(user_id=reference)
        return await self.repos.roles.find_person(username=reference)

    async def _notify(self, person: Person | None, user_id: int, key: str, **kwargs: object) -> bool:
        t = self.translator.for_lang(self.language_of(person))
        if key == "roles-you-organizer":  # the welcome lists every command of the menu that comes with the role
            kwargs.setdefault("commands", Html(staff_commands_text(t, superadmin=False)))
        sent = await deliver(
            f"role notice {key} to {user_id}",
            lambda: self.bot.send_message(user_id, t(key, **kwargs)),
            on_blocked=lambda: self.repos.users.set_active(user_id, False),
        )
        return sent is not None

    async def refresh_menu(self, user_id: int) -> bool:
        """Show or hide the staff command menu of one person, as their roles are now (e.g. after /language)."""
        superadmin = user_id in self.settings.admin_ids
        if superadmin or await self.repos.roles.is_organizer(user_id):
            person = await self.repos.roles.find_person(user_id=user_id)
            return await show_staff_menu(self.bot, self.translator, user_id, self.language_of(person), superadmin)
        return await hide_staff_menu(self.bot, user_id)

    async def add_organizer(self, actor_id: int, user_id: int, person: Person | None) -> tuple[Grant, bool]:
        """Returns what happened and whether the person was told.

        ``person`` is None for someone the bot keeps no record of: a person who pressed Start but did not accept the
        residents' consent is not stored. Staff work needs no residents' consent, so the role is given if the
        person can be written to (they have a dialogue with the bot); the notice is the check, sent first.
        """
        if user_id in self.settings.admin_ids:
            return Grant.SUPERADMIN, False
        if person is None:
            if await self.repos.roles.is_organizer(user_id):
                return Grant.ALREADY, False
            if not await self._notify(None, user_id, "roles-you-organizer"):
                return Grant.UNREACHABLE, False
        if not await self.repos.roles.add_organizer(user_id, actor_id):
            return Grant.ALREADY, False
        name = (
            person_label(user_id, person.first_name, person.last_name, person.username)
            if person is not None
            else f"id {user_id}"
        )
        await self.repos.audit.record(actor_id, "role_grant", user_id, {"role": "organizer", "name": name})
        await show_staff_menu(self.bot, self.translator, user_id, self.language_of(person), superadmin=False)
        if person is None:
            return Grant.ADDED, True
        told = await self._notify(person, user_id, "roles-you-organizer")
        return Grant.ADDED, told

    async def remove_organizer(self, actor_id: int, user_id: int) -> tuple[Removal, bool]:
        was_organizer, curated = await self.repos.roles.remove_organizer(user_id)
        if not was_organizer:
            return Removal(False, curated), False
        person = await self.repos.roles.find_person(user_id=user_id)
        codes = [d.code for d in await self.repos.directions.all() if d.id in curated]
        details: dict[str, object] = {"role": "organizer"}
        if person is not None:
            details["name"] = person_label(person.id, person.first_name, person.last_name, person.username)
        if codes:
            details["curated"] = ",".join(codes)
        await self.repos.audit.record(actor_id, "role_revoke", user_id, details)
        await hide_staff_menu(self.bot, user_id)
        told = await self._notify(person, user_id, "roles-you-not-organizer")
        return Removal(True, curated), told

    async def curator_chats_of(self, user_id: int) -> list[ChatPresence]:
        """The bound curators' chats this person is in (cards there show residents' names and territories).

        A chat Telegram will not answer about (the bot was removed from it) is left out: nothing can be done there.
        """
        found: list[ChatPresence] = []
        me = await self.bot.me()
        for chat_id, title in await self.repos.curator_chats.chats():
            try:
                member = await self.bot.get_chat_member(chat_id, user_id)
                if member.status not in IN_CHAT or not getattr(member, "is_member", True):
                    continue  # gone (a restricted member who left is "restricted" with is_member false)
                bot_member = await self.bot.get_chat_member(chat_id, me.id)
            except TelegramAPIError as exc:
                log.info("curators' chat %s: cannot check membership of %s: %s", chat_id, user_id, exc)
                continue
            can_remove = bot_member.status == "creator" or (
                bot_member.status == "administrator" and bool(getattr(bot_member, "can_restrict_members", False))
            )
            chat_admin = member.status in ("administrator", "creator")
            found.append(ChatPresence(chat_id, title or "", can_remove and not chat_admin, chat_admin))
        return found

    async def remove_from_curator_chats(self, actor_id: int, user_id: int) -> tuple[list[str], list[str]]:
        """Remove a former organizer from the curators' chats where the bot may (ban, then unban at once: they
        can be invited back). Returns (titles removed from, titles where it failed)."""
        done: list[str] = []
        failed: list[str] = []
        for chat in await self.curator_chats_of(user_id):
            if not chat.removable:
                failed.append(chat.title)
                continue
            try:
                await self.bot.ban_chat_member(chat.chat_id, user_id)
                if chat.supergroup:  # lift the ban at once: a new invitation brings them back
                    await self.bot.unban_chat_member(chat.chat_id, user_id, only_if_banned=True)
            except TelegramAPIError as exc:
                log.warning("curators' chat %s: could not remove %s: %s", chat.chat_id, user_id, exc)
                failed.append(chat.title)
                continue
            done.append(chat.title)
        if done:
            await self.repos.audit.record(actor_id, "chat_removal", user_id, {"chats": ", ".join(done)})
        return done, failed

    async def set_curator(self, actor_id: int, user_id: int, direction_id: int, on: bool) -> CuratorChange:
        direction = await self.repos.directions.get(direction_id)
        if direction is None:
            return CuratorChange.UNCHANGED
        if not await self.repos.roles.is_organizer(user_id):
            return CuratorChange.NOT_ORGANIZER
        person = await self.repos.roles.find_person(user_id=user_id)
        lang = self.language_of(person)
        if on:
            if not await self.repos.roles.make_curator(user_id, direction_id, actor_id):
                return CuratorChange.UNCHANGED
            await self.repos.audit.record(actor_id, "curator_grant", user_id, {"direction": direction.code})
            await self._notify(person, user_id, "roles-you-curator", direction=direction.label(lang))
            return CuratorChange.ADDED
        if not await self.repos.roles.drop_curator(user_id, direction_id):
            return CuratorChange.UNCHANGED
        await self.repos.audit.record(actor_id, "curator_revoke", user_id, {"direction": direction.code})
        await self._notify(person, user_id, "roles-you-not-curator", direction=direction.label(lang))
        return CuratorChange.REMOVED


# --- the audit log ----------------------------------------------------------------------


# Details already said by the action's own words ("идея принята" needs no "status: accepted").
SILENT_DETAILS = frozenset({"status"})
# Details holding a stored moment: shown in the hub's time, never as ISO.
MOMENT_DETAILS = frozenset({"starts_at", "from", "to"})
# Details of a project's entries holding residents' ids (one or a list): shown by first name only (nothing more
# without their contact consent), or as gone; looked up when /audit is read.
PEOPLE_DETAILS = frozenset({"leader", "replaced", "declined", "person"})


@dataclass(frozen=True, slots=True)
class AuditWords:
    """What /audit needs to show details in words: the translation, the directions, the hub's time zone."""

    t: Translate
    known: set[str]
    directions: dict[str, str]  # code (and id, as text) → label in the reader's language
    tz: tzinfo
    territory: Callable[[str], str | None]  # code → name in the reader's language
    broadcasts: dict[str, int]  # broadcast id → the number people see (no gaps: bot-made ones not counted)
    people: dict[str, str] = field(default_factory=dict)  # a resident's id in a project's entry → first name


def _detail_value(words: AuditWords, key: str, value: object, details: dict[str, object]) -> str:
    t = words.t
    if isinstance(value, bool):
        return t("audit-value-yes") if value else t("audit-value-no")
    if key in MOMENT_DETAILS:
        return as_local(str(value), words.tz)
    if key in ("direction", "curated"):
        return ", ".join(words.directions.get(code, code) for code in str(value).split(",") if code)
    if key == "broadcast":
        return t("number-label", number=str(words.broadcasts.get(str(value), value)))
    if key in ("duplicate_of", "project"):
        return t("number-label", number=str(value))
    if key == "stage" and "audit-stage-" + str(value) in words.known:
        return t("audit-stage-" + str(value))
    if key in PEOPLE_DETAILS:
        ids = value if isinstance(value, list) else [value]
        return ", ".join(words.people.get(str(i)) or t("audit-person-gone") for i in ids if isinstance(i, int)) or "—"
    if key == "role" and "audit-role-" + str(value) in words.known:
        return t("audit-role-" + str(value))
    if key == "audience" and "bc-label-" + str(value) in words.known:
        shown = str(details.get("value") or "")
        direction = words.directions.get(shown, shown)
        return t("bc-label-" + str(value), direction=direction, territory=words.territory(shown) or shown)
    if key == "fields":
        names = [n.strip() for n in str(value).split(",") if n.strip()]
        return ", ".join(
            t("audit-session-field-" + n) if "audit-session-field-" + n in words.known else n for n in names
        )
    if key == "format":
        return str(value).upper()
    if key == "stage" and "choose-stage-" + str(value) in words.known:
        return t("choose-stage-" + str(value))
    return str(value)


def _details_text(details: str | None, words: AuditWords) -> str:
    """The details of an audit entry in words: "получатели: все жители, число получателей: 12"."""
    if not details:
        return ""
    try:
        value = json.loads(details)
    except ValueError:
        return shorten(details, DETAILS_MAX)
    if not isinstance(value, dict):
        return shorten(str(value), DETAILS_MAX)
    parts = []
    for key, item in value.items():
        if key in SILENT_DETAILS or (key == "value" and "audience" in value) or item is None or item == "":
            continue
        label_key = "audit-field-" + key
        label = words.t(label_key) if label_key in words.known else key
        parts.append(f"{label}: {_detail_value(words, key, item, value)}")
    return shorten(", ".join(parts), DETAILS_MAX)


def _target_text(words: AuditWords, action: str, target: str) -> str:
    """Which idea, session or broadcast an entry is about, in words ("идея № 12"), not the stored key."""
    t = words.t
    digits = target.lstrip("#")
    if action.startswith(("idea_", "project_")) and digits.isdigit():
        return t("audit-target-idea", number=digits)
    if action.startswith("session_") and digits.isdigit():
        return t("audit-target-session", number=digits)
    if action.startswith("broadcast") and digits.isdigit():
        return t("audit-target-broadcast", number=str(words.broadcasts.get(digits, digits)))
    if action == "export":
        kind, _, number = target.partition(" ")
        if kind == "session" and number.isdigit():
            return t("audit-target-session", number=number)
        return t("export-kind-" + kind) if kind else target
    return target


async def _project_people(entries: list[AuditEntry], repos: Repos) -> dict[str, str]:
    """The first names of the residents the projects' entries name (leaders, applicants, members)."""
    people: dict[str, str] = {}
    for entry in entries:
        if not entry.action.startswith("project_") or not entry.details:
            continue
        try:
            details = json.loads(entry.details)
        except ValueError:
            continue
        if not isinstance(details, dict):
            continue
        for key in PEOPLE_DETAILS:
            value = details.get(key)
            for user_id in value if isinstance(value, list) else [value]:
                if isinstance(user_id, int) and str(user_id) not in people:
                    person = await repos.users.get(user_id)
                    if person is not None and person.has_consent and person.first_name:
                        people[str(user_id)] = person.first_name
    return people


async def _project_actor(entry: AuditEntry, repos: Repos) -> str | None:
    """A project's leader acting without the contact consent: their first name only (None: as any actor)."""
    digits = (entry.target or "").lstrip("#")
    if not digits.isdigit():
        return None
    offer = await repos.projects.offer_of(int(digits), entry.actor_id, Role.LEADER)
    if offer is None or offer.contact_ok is not None:
        return None
    return offer.first_name or None


PERSON_ACTIONS = frozenset(
    {"role_grant", "role_revoke", "curator_grant", "curator_revoke", "ban", "unban", "chat_removal"}
)


async def render_audit(entries: list[AuditEntry], repos: Repos, translator: Translator, lang: str, tz: tzinfo) -> str:
    """The audit log, newest first, as safe HTML within one message."""
    t: Translate = translator.for_lang(lang)
    if not entries:
        return t("audit-empty")
    known = translator.key_sets.get(lang, set())
    directions: dict[str, str] = {}
    for direction in await repos.directions.all():
        directions[direction.code] = directions[str(direction.id)] = direction.label(lang)
    territories = Territories.load()
    broadcasts: dict[str, int] = {}
    for entry in entries:
        shown_id = entry.target if entry.action.startswith("broadcast") else None
        if entry.action == "session_announce" and entry.details and '"broadcast"' in entry.details:
            try:
                shown_id = str(json.loads(entry.details).get("broadcast", ""))
            except (ValueError, AttributeError):
                shown_id = None
        if shown_id and shown_id.isdigit() and shown_id not in broadcasts:
            broadcast = await repos.broadcasts.get(int(shown_id))
            if broadcast is not None:
                broadcasts[shown_id] = broadcast.number
    people = await _project_people(entries, repos)
    words = AuditWords(t, known, directions, tz, lambda code: territories.name(code, lang), broadcasts, people)
    names: dict[int, str] = {}
    lines: list[str] = []
    for entry in entries:
        if entry.actor_id not in names:
            actor = await repos.users.get(entry.actor_id)
            names[entry.actor_id] = (
                person_label(entry.actor_id, actor.first_name, actor.last_name, actor.username)
                if actor is not None
                else f"id {entry.actor_id}"
            )
        actor_name = names[entry.actor_id]
        if entry.action.startswith("project_"):
            actor_name = await _project_actor(entry, repos) or actor_name
        key = "audit-action-" + entry.action
        action = t(key) if key in known else entry.action
        moment = as_local(entry.created_at, tz)
        shown = entry.target
        if shown and shown.isdigit() and entry.action in PERSON_ACTIONS:
            # The log keeps ids only; the name is looked up now (gone if the person deleted their data).
            person = await repos.users.get(int(shown))
            if person is not None and person.has_consent:
                shown = person_label(person.id, person.first_name, person.last_name, person.username)
        elif shown:
            shown = _target_text(words, entry.action, shown)
        target = t("audit-target", target=shorten(shown, TARGET_MAX)) if shown else ""
        details = _details_text(entry.details, words)
        line = t(
            "audit-entry",
            time=moment,
            actor=actor_name,
            action=action,
            target=Html(target),
            details=Html(t("audit-details", details=details) if details else ""),
        )
        lines.append(line)
    return fit(lambda shown: [t("audit-title", count=shown), ""], lines, more=lambda n: t("audit-more", count=n)).text
