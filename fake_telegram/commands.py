"""The bot's profile: getMe, logOut/close, commands (setMyCommands, getMyCommands, deleteMyCommands),
name and descriptions, and the menu button."""

from __future__ import annotations

import json
from typing import Any

from . import errors as e
from .core import FakeCore
from .errors import bad_request
from .models import UploadedFile
from .state import Handler, JsonDict

COMMAND_SCOPES = frozenset(
    ("default all_private_chats all_group_chats all_chat_administrators chat chat_administrators chat_member").split()
)


class CommandsMixin(FakeCore):
    """The bot's own settings: ``commands`` by (scope, language) and ``bot_settings`` by (name, language)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        self.bot_settings: dict[tuple[str, str], Any] = {}

    def _commands_api(self) -> dict[str, Handler]:
        return {
            "getMe": self._get_me,
            "logOut": self._true,
            "close": self._true,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "setMyDescription": self._set_bot_setting("description", 512),
            "setMyShortDescription": self._set_bot_setting("short_description", 120),
            "setMyName": self._set_bot_setting("name", 64),
            "setChatMenuButton": self._set_chat_menu_button,
        }

    def _true(self, params: JsonDict, files: dict[str, UploadedFile]) -> bool:
        return True

    def _get_me(self, params: JsonDict, files: dict[str, UploadedFile]) -> JsonDict:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    def _commands_key(self, params: JsonDict) -> tuple[str, str]:
        scope = params.get("scope")
        language = params.get("language_code") or ""
        if not isinstance(language, str) or (
            language and not (len(language) == 2 and language.isascii() and language.isalpha())
        ):
            raise bad_request(e.LANGUAGE_CODE_INVALID)
        if scope is None:
            return ("default", language)
        if not isinstance(scope, dict) or scope.get("type") not in COMMAND_SCOPES:
            raise bad_request("can't parse BotCommandScope JSON object")
        if scope.get("chat_id") is not None:
            chat = self._lookup_chat(scope["chat_id"])
            if chat.type == "private" and scope["type"] != "chat":
                raise bad_request("can't use specified scope in private chats")
        if set(scope) == {"type"}:
            return (str(scope["type"]), language)
        return (json.dumps(scope, sort_keys=True, separators=(",", ":")), language)

    def _set_my_commands(self, params: JsonDict, files: dict[str, UploadedFile]) -> bool:
        commands = params.get("commands", [])
        if not isinstance(commands, list):
            raise bad_request("can't parse commands JSON object")
        key = self._commands_key(params)
        if len(commands) > 100:
            raise bad_request(e.BOT_COMMANDS_TOO_MUCH)
        checked: list[dict[str, str]] = []
        for command in commands:
            if not isinstance(command, dict):
                raise bad_request("can't parse BotCommand: expected an Object")
            name = command.get("command")
            description = command.get("description")
            if not isinstance(name, str) or not name:
                raise bad_request(e.COMMAND_EMPTY)
            if name.startswith("/"):
                name = name[1:]
            if len(name) > 32:
                raise bad_request(e.COMMAND_TOO_LONG)
            if not name or not all(c.isascii() and (c.islower() or c.isdigit() or c == "_") for c in name):
                raise bad_request(e.BOT_COMMAND_INVALID)
            if not isinstance(description, str) or not description.strip():
                raise bad_request(e.COMMAND_DESCRIPTION_EMPTY)
            if len(description) > 256:
                raise bad_request(e.COMMAND_DESCRIPTION_TOO_LONG)
            checked.append({"command": name, "description": description})
        if checked:
            self.commands[key] = checked
        else:
            self.commands.pop(key, None)
        return True

    def _get_my_commands(self, params: JsonDict, files: dict[str, UploadedFile]) -> list[dict[str, str]]:
        return list(self.commands.get(self._commands_key(params), []))

    def _delete_my_commands(self, params: JsonDict, files: dict[str, UploadedFile]) -> bool:
        self.commands.pop(self._commands_key(params), None)
        return True

    def _set_bot_setting(self, name: str, limit: int) -> Handler:
        def handler(params: JsonDict, files: dict[str, UploadedFile]) -> bool:
            value = params.get(name) or ""
            if not isinstance(value, str) or len(value) > limit:
                raise bad_request(f"{name} is too long")
            self.bot_settings[(name, str(params.get("language_code") or ""))] = value
            return True

        return handler

    def _set_chat_menu_button(self, params: JsonDict, files: dict[str, UploadedFile]) -> bool:
        if params.get("chat_id") is not None:
            self._lookup_chat(params["chat_id"])
        self.bot_settings[("menu_button", str(params.get("chat_id") or ""))] = params.get("menu_button")
        return True
