"""The Bot API wire format: how parameters arrive (query, form, multipart, JSON) and how answers are written."""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web

from .errors import ApiError
from .models import UploadedFile
from .state import JsonDict

# Parameters Telegram reads as strings: never JSON-decoded even if they look like numbers.
STRING_PARAMS = frozenset(
    (
        "text caption parse_mode question question_parse_mode explanation explanation_parse_mode "
        "description description_parse_mode short_description title address name first_name last_name "
        "phone_number vcard emoji action file_id language_code callback_query_id inline_message_id "
        "business_connection_id message_effect_id url secret_token foursquare_id foursquare_type "
        "google_place_id google_place_type custom_title icon_custom_emoji_id photo document video audio "
        "voice animation sticker video_note thumbnail type"
    ).split()
)


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


async def read_params(request: web.Request) -> tuple[JsonDict, dict[str, UploadedFile]]:
    """The call's parameters (non-string values JSON-decoded) and its uploaded files."""
    raw: JsonDict = dict(request.query)
    files: dict[str, UploadedFile] = {}
    if request.method == "POST" and request.can_read_body:
        content_type = request.content_type
        if content_type == "application/json":
            body = await request.json()
            if isinstance(body, dict):
                return {**{k: decode_param(k, v) for k, v in raw.items()}, **body}, files
        else:
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, web.FileField):
                    files[key] = UploadedFile(value.filename, value.content_type, value.file.read())
                else:
                    raw[key] = value
    return {key: decode_param(key, value) for key, value in raw.items()}, files


def decode_param(key: str, value: Any) -> Any:
    if not isinstance(value, str) or key in STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def ok_response(result: Any) -> web.Response:
    return web.Response(text='{"ok":true,"result":' + dumps(result) + "}", content_type="application/json")


def error_response(error: ApiError) -> web.Response:
    headers = {"Retry-After": str(error.retry_after)} if error.retry_after is not None else None
    return web.Response(text=dumps(error.body()), status=error.code, content_type="application/json", headers=headers)


def plain_json(value: Any, status: int = 200) -> web.Response:
    return web.Response(text=dumps(value), status=status, content_type="application/json")
