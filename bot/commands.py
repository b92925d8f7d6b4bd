"""Command menus: which commands each audience sees (the descriptions live in the locales)."""

from __future__ import annotations

PRIVATE_COMMANDS = ["start", "idea", "ideas", "my", "settings", "help", "language", "privacy", "delete_me", "cancel"]
ADMIN_GROUP_COMMANDS = ["bind_direction"]
# Shown, in addition to PRIVATE_COMMANDS, only in the private chats of people who hold the role
# (BotCommandScopeChat), and enforced by router filters regardless of the menu.
ORGANIZER_COMMANDS = ["moderate", "broadcast", "stats", "export", "ban", "unban", "audit"]
SUPERADMIN_COMMANDS = ["organizers"]
