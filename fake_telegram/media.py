"""Media and files: sendPhoto, sendDocument and the other single-file sends, sendMediaGroup, getFile
and file downloads, and the file store scripted users send from."""

from __future__ import annotations

import itertools
import mimetypes
import secrets
from typing import Any

from aiohttp import web

from . import errors as e
from .core import FakeCore
from .errors import ApiError, bad_request
from .models import StoredFile, UploadedFile
from .state import Handler, JsonDict
from .validation import as_bool, parse_reply_markup
from .wire import error_response

FILE_ID_PREFIX = {
    "photo": "AgACAgIAAxkBAA",
    "document": "BQACAgIAAxkBAA",
    "video": "BAACAgIAAxkBAA",
    "audio": "CQACAgIAAxkBAA",
    "voice": "AwACAgIAAxkBAA",
    "animation": "CgACAgIAAxkBAA",
    "sticker": "CAACAgIAAxkBAA",
    "video_note": "DQACAgIAAxkBAA",
}
FILE_FOLDER = {
    "photo": ("photos", "jpg"),
    "document": ("documents", "bin"),
    "video": ("videos", "mp4"),
    "audio": ("music", "mp3"),
    "voice": ("voice", "oga"),
    "animation": ("animations", "mp4"),
    "sticker": ("stickers", "webp"),
    "video_note": ("video_notes", "mp4"),
}
MAX_DOWNLOAD_SIZE = 20 * 1024 * 1024
MAX_UPLOAD_SIZE = 50 * 1024 * 1024  # a file a bot sends by multipart upload


class MediaMixin(FakeCore):
    """Files the fake holds, and the methods that send or fetch them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.allow_single_item_album: bool = False
        self._files_by_path: dict[str, StoredFile] = {}
        self._file_counter = itertools.count(1)
        self._media_group_counter = itertools.count(1)

    def _media_api(self) -> dict[str, Handler]:
        return {
            "sendPhoto": self._send_media("photo"),
            "sendDocument": self._send_media("document"),
            "sendVideo": self._send_media("video"),
            "sendAudio": self._send_media("audio"),
            "sendVoice": self._send_media("voice"),
            "sendAnimation": self._send_media("animation"),
            "sendSticker": self._send_media("sticker"),
            "sendMediaGroup": self._send_media_group,
            "getFile": self._get_file,
        }

    # ------------------------------------------------------------------ the file store

    def new_file(
        self,
        kind: str,
        data: bytes = b"",
        *,
        file_name: str | None = None,
        mime_type: str | None = None,
        url: str | None = None,
    ) -> StoredFile:
        """Keep a file as Telegram keeps one (uploaded, or at ``url``); returns it with a new file_id."""
        number = next(self._file_counter)
        stored = StoredFile(
            file_id=f"{FILE_ID_PREFIX.get(kind, 'BQACAgIAAxkBAA')}{number:07d}{secrets.token_urlsafe(9)}",
            file_unique_id=f"AgAD{number:07d}",
            kind=kind,
            data=data,
            file_name=file_name,
            mime_type=mime_type,
            url=url,
        )
        self._files[stored.file_id] = stored
        return stored

    def file_data(self, file_id: str) -> bytes | None:
        """The bytes of a file the fake holds (e.g. what the bot uploaded as a photo or document)."""
        stored = self._files.get(file_id)
        return stored.data if stored is not None else None

    def new_photo(self, data: bytes) -> list[JsonDict]:
        """Register a photo in three sizes; returns the PhotoSize list (largest last)."""
        sizes: list[JsonDict] = []
        for width, height in ((90, 67), (320, 240), (1280, 960)):
            stored = self.new_file("photo", data, mime_type="image/jpeg")
            stored.extra["sizes"] = sizes
            sizes.append(
                {
                    "file_id": stored.file_id,
                    "file_unique_id": stored.file_unique_id,
                    "file_size": len(data),
                    "width": width,
                    "height": height,
                }
            )
        return sizes

    def _input_file(
        self, params: JsonDict, files: dict[str, UploadedFile], name: str, kind: str | None = None
    ) -> StoredFile:
        """The file a send method names in ``name``: an upload, a known file_id or a URL."""
        kind = kind or name
        value = params.get(name)
        upload: UploadedFile | None = None
        if value is None and name in files:
            upload = files[name]
        elif isinstance(value, str) and value.startswith("attach://"):
            upload = files.get(value[len("attach://") :])
            if upload is None:
                raise bad_request(f"there is no {name} in the request")
        elif isinstance(value, str) and value:
            if value.startswith(("http://", "https://")):
                if kind == "photo":
                    return self._files[self.new_photo(b"")[-1]["file_id"]]
                return self.new_file(kind, url=value, file_name=value.rsplit("/", 1)[-1] or None)
            stored = self._files.get(value)
            if stored is None:
                raise bad_request(e.FILE_ID_INVALID)
            return stored
        else:
            raise bad_request(f"there is no {name} in the request")
        if not upload.data:
            raise bad_request(e.FILE_EMPTY)
        if len(upload.data) > MAX_UPLOAD_SIZE:
            # Bots may upload at most 50 MB per file; the official server refuses the request as a whole.
            raise ApiError(413, e.default_description(413))
        if kind == "photo":
            return self._files[self.new_photo(upload.data)[-1]["file_id"]]
        mime_type = upload.content_type
        if not mime_type or mime_type == "application/octet-stream":
            mime_type = mimetypes.guess_type(upload.filename or "")[0] or mime_type
        return self.new_file(kind, upload.data, file_name=upload.filename, mime_type=mime_type)

    def media_content(self, kind: str, stored: StoredFile) -> JsonDict:
        """The Message fields that carry ``stored`` as ``kind`` (e.g. ``{"document": {...}}``)."""
        if kind == "photo":
            sizes = stored.extra.get("sizes")
            if sizes is None:
                sizes = self._photo_sizes_for(stored)
            return {"photo": sizes}
        base: JsonDict = {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id}
        if stored.data:
            base["file_size"] = len(stored.data)
        if kind in ("document", "video", "audio", "animation"):
            if stored.file_name:
                base["file_name"] = stored.file_name
            if stored.mime_type:
                base["mime_type"] = stored.mime_type
        if kind in ("video", "animation"):
            base.update(width=640, height=360, duration=stored.extra.get("duration", 5))
        elif kind == "audio":
            base["duration"] = stored.extra.get("duration", 120)
        elif kind == "voice":
            base["duration"] = stored.extra.get("duration", 3)
            base["mime_type"] = "audio/ogg"
        elif kind == "sticker":
            base.update(type="regular", width=512, height=512, is_animated=False, is_video=False)
            if "emoji" in stored.extra:
                base["emoji"] = stored.extra["emoji"]
        return {kind: base}

    def _photo_sizes_for(self, stored: StoredFile) -> list[JsonDict]:
        # A file uploaded through another kind (e.g. a document id sent as photo): give it sizes.
        sizes = [
            {
                "file_id": stored.file_id,
                "file_unique_id": stored.file_unique_id,
                "file_size": len(stored.data),
                "width": 1280,
                "height": 960,
            }
        ]
        stored.extra["sizes"] = sizes
        return sizes

    # ------------------------------------------------------------------ Bot API methods

    def _send_media(self, kind: str) -> Handler:
        method = "send" + kind.capitalize()

        def handler(params: JsonDict, files: dict[str, UploadedFile]) -> JsonDict:
            chat = self._chat_for_send(params)
            thread_id = self._thread(chat, params)
            caption = self._caption(params) if kind not in ("sticker",) else {}
            markup = parse_reply_markup(params.get("reply_markup"))
            reply_to = self._reply_target(chat, params)
            stored = self._input_file(params, files, kind)
            if kind == "sticker" and isinstance(params.get("emoji"), str):
                stored.extra["emoji"] = params["emoji"]
            content = self.media_content(kind, stored)
            content.update(caption)
            if kind == "photo" and as_bool(params.get("has_spoiler", False)):
                content["has_media_spoiler"] = True
            message = self._store_bot_message(
                chat,
                kind,
                content,
                method=method,
                thread_id=thread_id,
                reply_to=reply_to,
                markup=markup,
                html=params.get("caption"),
                parse_mode=params.get("parse_mode"),
            )
            return message.raw

        return handler

    def _send_media_group(self, params: JsonDict, files: dict[str, UploadedFile]) -> list[JsonDict]:
        chat = self._chat_for_send(params)
        media = params.get("media")
        if media is None:
            raise bad_request('parameter "media" is required')
        if not isinstance(media, list) or not media:
            raise bad_request(e.ALBUM_EMPTY)
        if len(media) > 10:
            raise bad_request(e.ALBUM_TOO_BIG)
        if len(media) == 1 and not self.allow_single_item_album:
            raise bad_request(
                "media group must have 2-10 items (the fake refuses 1; Telegram would send it as a single message)"
            )
        kinds: list[str] = []
        for item in media:
            if not isinstance(item, dict) or item.get("type") not in ("photo", "video", "document", "audio"):
                kind = item.get("type") if isinstance(item, dict) else None
                raise bad_request(f"can't parse InputMedia: type \"{kind}\" can't be used in sendMediaGroup")
            kinds.append(str(item["type"]))
        if "document" in kinds and any(k != "document" for k in kinds):
            raise bad_request(e.ALBUM_DOCUMENTS_MIXED)
        if "audio" in kinds and any(k != "audio" for k in kinds):
            raise bad_request(e.ALBUM_AUDIO_MIXED)
        thread_id = self._thread(chat, params)
        reply_to = self._reply_target(chat, params)
        prepared: list[tuple[str, JsonDict, JsonDict]] = []
        for position, item in enumerate(media, start=1):
            value = item.get("media")
            if isinstance(value, str) and value.startswith("attach://") and value[9:] not in files:
                raise bad_request(e.ALBUM_MEDIA_NOT_FOUND)
            caption_params = {
                "caption": item.get("caption"),
                "parse_mode": item.get("parse_mode"),
                "caption_entities": item.get("caption_entities"),
            }
            caption = self._caption(caption_params)
            kind = str(item["type"])
            try:
                stored = self._input_file({"media": value}, files, "media", kind)
            except ApiError as error:
                reason = error.description.removeprefix("Bad Request: ")
                reason = reason[:1].upper() + reason[1:]
                raise bad_request(f'failed to send message #{position} with the error message "{reason}"') from None
            content = self.media_content(kind, stored)
            content.update(caption)
            prepared.append((kind, content, caption_params))
        group_id = None
        if len(prepared) > 1:
            group_id = str(13_000_000_000_000_000 + next(self._media_group_counter))
        result: list[JsonDict] = []
        for index, (_kind, content, caption_params) in enumerate(prepared):
            message = self._store_bot_message(
                chat,
                "media_group_item",
                content,
                method="sendMediaGroup",
                thread_id=thread_id,
                reply_to=reply_to if index == 0 else None,
                html=caption_params["caption"],
                parse_mode=caption_params["parse_mode"],
                media_group_id=group_id,
            )
            result.append(message.raw)
        return result

    def _get_file(self, params: JsonDict, files: dict[str, UploadedFile]) -> JsonDict:
        file_id = params.get("file_id")
        if not file_id:
            raise bad_request(e.FILE_ID_NOT_SPECIFIED)
        stored = self._files.get(str(file_id))
        if stored is None:
            raise bad_request(e.GET_FILE_ID_INVALID)
        if stored.size > MAX_DOWNLOAD_SIZE:
            raise bad_request(e.FILE_TOO_BIG)
        if stored.file_path is None:
            folder, extension = FILE_FOLDER.get(stored.kind, ("documents", "bin"))
            if stored.file_name and "." in stored.file_name:
                extension = stored.file_name.rsplit(".", 1)[-1]
            stored.file_path = f"{folder}/file_{len(self._files_by_path)}.{extension}"
            self._files_by_path[stored.file_path] = stored
        result: JsonDict = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_path": stored.file_path,
        }
        if stored.data:
            result["file_size"] = stored.size
        return result

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return error_response(ApiError(401, e.UNAUTHORIZED))
        stored = self._files_by_path.get(request.match_info["path"])
        if stored is None:
            return error_response(ApiError(404, e.NOT_FOUND))
        return web.Response(body=stored.data, content_type=stored.mime_type or "application/octet-stream")
