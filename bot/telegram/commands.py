"""Command menus: which commands each audience sees (the descriptions live in the locales).

The general menus are set per language at start-up. People who hold a role get their own menu in
their private chat (BotCommandScopeChat, which Telegram prefers over the all-private-chats menu),
in their language: at start-up, when the role is granted, and it is deleted when the role is taken.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from aiogram import Bot, html
from aiogram.exceptions import TelegramAPIError
from aiogram.types import (
    BotCommand,
    BotCommandScopeAllChatAdministrators,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
)

from bot.config import SUPPORTED_LOCALES
from bot.telegram.i18n import Translate, Translator

log = logging.getLogger(__name__)

PRIVATE_COMMANDS = [
    "start",
    "idea",
    "ideas",
    "sessions",
    "my_sessions",
    "my",
    "settings",
    "help",
    "language",
    "privacy",
    "delete_me",
    "cancel",
]
ADMIN_GROUP_COMMANDS = ["bind_direction", "bind_session", "poll", "close_poll", "results"]
# Shown, in addition to PRIVATE_COMMANDS, only in the private chats of people who hold the role
# (BotCommandScopeChat), and enforced by router filters regardless of the menu.
ORGANIZER_COMMANDS = [
    "new_session",
    "announce",
    "poll",
    "results",
    "moderate",
    "broadcast",
    "stats",
    "export",
    "ban",
    "unban",
    "audit",
    "experts",
]
SUPERADMIN_COMMANDS = ["organizers"]


def _commands(translator: Translator, lang: str, names: Iterable[str]) -> list[BotCommand]:
    return [
        BotCommand(command=name, description=translator.get(lang, "cmd-" + name.replace("_", "-"))) for name in names
    ]


def staff_command_names(superadmin: bool) -> list[str]:
    return PRIVATE_COMMANDS + ORGANIZER_COMMANDS + (SUPERADMIN_COMMANDS if superadmin else [])


def staff_commands_text(t: Translate, superadmin: bool) -> str:
    """Every command of the staff menu, one line each ("/moderate — Очередь модерации"), for the welcome that
    comes with the role. Derived from the same lists as the menu, so the text and the menu cannot drift apart.
    Safe HTML (the descriptions are escaped)."""
    return "\n".join(
        f"/{name} — {html.quote(t('cmd-' + name.replace('_', '-')))}" for name in staff_command_names(superadmin)
    )


async def set_commands(bot: Bot, translator: Translator, default_lang: str) -> None:
    private = BotCommandScopeAllPrivateChats()
    admins = BotCommandScopeAllChatAdministrators()
    await bot.set_my_commands(_commands(translator, default_lang, PRIVATE_COMMANDS), scope=private)
    await bot.set_my_commands(_commands(translator, default_lang, ADMIN_GROUP_COMMANDS), scope=admins)
    for lang in SUPPORTED_LOCALES:
        await bot.set_my_commands(_commands(translator, lang, PRIVATE_COMMANDS), scope=private, language_code=lang)
        await bot.set_my_commands(_commands(translator, lang, ADMIN_GROUP_COMMANDS), scope=admins, language_code=lang)


async def show_staff_menu(bot: Bot, translator: Translator, user_id: int, lang: str, superadmin: bool) -> bool:
    """The organizer's (or superadmin's) menu in their private chat. False if Telegram refused it
    (e.g. "chat not found": the person never started the bot); logged, never raised."""
    try:
        await bot.set_my_commands(
            _commands(translator, lang, staff_command_names(superadmin)), scope=BotCommandScopeChat(chat_id=user_id)
        )
    except TelegramAPIError as exc:
        log.warning("could not set the staff command menu for %s: %s", user_id, exc)
        return False
    return True


async def hide_staff_menu(bot: Bot, user_id: int) -> bool:
    """Back to the residents' menu (the chat-scoped one is deleted). False if Telegram refused (logged)."""
    try:
        await bot.delete_my_commands(scope=BotCommandScopeChat(chat_id=user_id))
    except TelegramAPIError as exc:
        log.warning("could not delete the staff command menu of %s: %s", user_id, exc)
        return False
    return True
