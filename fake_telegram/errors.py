"""Errors the fake Bot API answers with, worded as the official Bot API server words them."""

from __future__ import annotations

from typing import Any

CHAT_NOT_FOUND = "Bad Request: chat not found"
CHAT_ID_EMPTY = "Bad Request: chat_id is empty"
BOT_BLOCKED = "Forbidden: bot was blocked by the user"
BOT_KICKED_SUPERGROUP = "Forbidden: bot was kicked from the supergroup chat"
BOT_NOT_MEMBER_SUPERGROUP = "Forbidden: bot is not a member of the supergroup chat"
BOT_KICKED_CHANNEL = "Forbidden: bot was kicked from the channel chat"
BOT_NOT_MEMBER_CHANNEL = "Forbidden: bot is not a member of the channel chat"
TEXT_EMPTY = "Bad Request: message text is empty"
TEXT_MUST_BE_NON_EMPTY = "Bad Request: message must be non-empty"
TEXT_TOO_LONG = "Bad Request: message is too long"
CAPTION_TOO_LONG = "Bad Request: message caption is too long"
PARSE_MODE_UNSUPPORTED = "Bad Request: unsupported parse_mode"
BUTTON_DATA_INVALID = "Bad Request: BUTTON_DATA_INVALID"
BUTTON_URL_INVALID = "Bad Request: BUTTON_URL_INVALID"
TEXT_BUTTONS_UNALLOWED = (
    "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
)
REPLY_MARKUP_NOT_JSON = "Bad Request: can't parse reply keyboard markup JSON object"
REPLY_MARKUP_NOT_OBJECT = "Bad Request: object expected as reply markup"
REPLY_MARKUP_TOO_LONG = "Bad Request: reply markup is too long"
INLINE_KEYBOARD_NOT_ARRAY = 'Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup must be an Array'
INLINE_KEYBOARD_NOT_ARRAY_OF_ARRAYS = (
    'Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays'
)
KEYBOARD_NOT_ARRAY_OF_ARRAYS = 'Bad Request: field "keyboard" of the ReplyKeyboardMarkup must be an Array of Arrays'
BUTTON_NOT_OBJECT = "Bad Request: can't parse inline keyboard button: InlineKeyboardButton must be an Object"
BUTTON_NO_TEXT = "Bad Request: can't parse inline keyboard button: Can't find field \"text\""
BUTTON_TEXT_NOT_STRING = 'Bad Request: can\'t parse inline keyboard button: Field "text" must be of type String'
QUERY_INVALID = "Bad Request: query is too old and response timeout expired or query ID is invalid"
MESSAGE_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
MESSAGE_TO_EDIT_NOT_FOUND = "Bad Request: message to edit not found"
MESSAGE_TO_DELETE_NOT_FOUND = "Bad Request: message to delete not found"
MESSAGE_CANT_BE_EDITED = "Bad Request: message can't be edited"
MESSAGE_CANT_BE_DELETED = "Bad Request: message can't be deleted"
MESSAGE_NO_TEXT_TO_EDIT = "Bad Request: there is no text in the message to edit"
MESSAGE_NO_CAPTION_TO_EDIT = "Bad Request: there is no caption in the message to edit"
MESSAGE_ID_NOT_SPECIFIED = "Bad Request: message identifier is not specified"
REPLY_NOT_FOUND = "Bad Request: message to be replied not found"
MESSAGE_TO_COPY_NOT_FOUND = "Bad Request: message to copy not found"
MESSAGE_TO_FORWARD_NOT_FOUND = "Bad Request: message to forward not found"
MESSAGE_CANT_BE_COPIED = "Bad Request: the message can't be copied"
THREAD_NOT_FOUND = "Bad Request: message thread not found"
FILE_ID_INVALID = "Bad Request: wrong file identifier/HTTP URL specified"
FILE_EMPTY = "Bad Request: file must be non-empty"
GET_FILE_ID_INVALID = "Bad Request: invalid file_id"
FILE_ID_NOT_SPECIFIED = "Bad Request: file_id not specified"
FILE_TOO_BIG = "Bad Request: file is too big"
CHAT_ACTION_INVALID = "Bad Request: wrong parameter action in request"
ALBUM_EMPTY = "Bad Request: there are no messages to send"
ALBUM_TOO_BIG = "Bad Request: too many messages to send as an album"
ALBUM_DOCUMENTS_MIXED = "Bad Request: document can't be mixed with other media types"
ALBUM_AUDIO_MIXED = "Bad Request: audio can't be mixed with other media types"
ALBUM_MEDIA_NOT_FOUND = "Bad Request: can't parse InputMedia: media not found"
POLL_TEXT_EMPTY = "Bad Request: text must be non-empty"
POLL_QUESTION_TOO_LONG = "Bad Request: poll question length must not exceed 300"
POLL_NO_OPTIONS = "Bad Request: poll must have at least one answer option"
POLL_ONE_OPTION = "Bad Request: poll must have at least 2 option"
POLL_TOO_MANY_OPTIONS = "Bad Request: poll can't have more than 12 options"
POLL_OPTION_TOO_LONG = "Bad Request: poll options length must not exceed 100"
POLL_TO_STOP_NOT_FOUND = "Bad Request: message with poll to stop not found"
POLL_ALREADY_CLOSED = "Bad Request: poll has already been closed"
POLL_NON_ANONYMOUS_CHANNEL = "Bad Request: non-anonymous polls can't be sent to channel chats"
USER_NOT_FOUND = "Bad Request: user not found"
USER_ID_INVALID = "Bad Request: invalid user_id specified"
NO_ADMINS_IN_PRIVATE = "Bad Request: there are no administrators in the private chat"
LANGUAGE_CODE_INVALID = "Bad Request: invalid language code specified"
BOT_COMMAND_INVALID = "Bad Request: BOT_COMMAND_INVALID"
BOT_COMMANDS_TOO_MUCH = "Bad Request: BOT_COMMANDS_TOO_MUCH"
COMMAND_EMPTY = "Bad Request: command must be non-empty"
COMMAND_TOO_LONG = "Bad Request: command length must not exceed 32"
COMMAND_DESCRIPTION_EMPTY = "Bad Request: command description must be non-empty"
COMMAND_DESCRIPTION_TOO_LONG = "Bad Request: command description length must not exceed 256"
CALLBACK_ANSWER_TOO_LONG = "Bad Request: MESSAGE_TOO_LONG"
WEBHOOK_ACTIVE = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"
)
POLL_CONFLICT = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
UNAUTHORIZED = "Unauthorized"
NOT_FOUND = "Not Found"

_DEFAULT_DESCRIPTIONS: dict[int, str] = {
    400: "Bad Request",
    401: UNAUTHORIZED,
    403: BOT_BLOCKED,
    404: NOT_FOUND,
    409: POLL_CONFLICT,
    413: "Request Entity Too Large",
    500: "Internal Server Error",
    502: "Bad Gateway",
}


def default_description(code: int) -> str:
    return _DEFAULT_DESCRIPTIONS.get(code, f"Error {code}")


class ApiError(Exception):
    """A refusal: answered as ``{"ok": false, "error_code": code, "description": description}``."""

    def __init__(
        self,
        code: int,
        description: str,
        *,
        retry_after: int | None = None,
        migrate_to_chat_id: int | None = None,
    ) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after
        self.migrate_to_chat_id = migrate_to_chat_id

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"ok": False, "error_code": self.code, "description": self.description}
        parameters: dict[str, int] = {}
        if self.retry_after is not None:
            parameters["retry_after"] = self.retry_after
        if self.migrate_to_chat_id is not None:
            parameters["migrate_to_chat_id"] = self.migrate_to_chat_id
        if parameters:
            body["parameters"] = parameters
        return body


def bad_request(description: str) -> ApiError:
    if not description.startswith("Bad Request"):
        description = f"Bad Request: {description}"
    return ApiError(400, description)


def too_many_requests(retry_after: int) -> ApiError:
    return ApiError(429, f"Too Many Requests: retry after {retry_after}", retry_after=retry_after)
