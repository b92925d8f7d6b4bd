"""The page and its JSON API, served by the sandbox (aiohttp).

    GET  /                              the page (sandbox/static/index.html, app.js, app.css)
    GET  /api/state                     personas, clock, bot status, next_session (for the time machine)
    GET  /api/chats/{persona}?version=V&wait=25&member=ID
                                        long poll: at once when the chat's version != V, else within ``wait`` s
                                        → {version, messages, reply_keyboard, force_reply, commands}
    POST /api/chats/{persona}/send      {text, member?, reply_to?}
    POST /api/chats/{persona}/press     {message_id, data, member?} → {answer: {text, show_alert} | null}
    POST /api/chats/{persona}/photos    multipart: file (one or more), caption?, member?
    POST /api/chats/{persona}/document  multipart: file, caption?, member?
    POST /api/chats/{persona}/location  {latitude, longitude, member?}
    POST /api/chats/{persona}/vote      {message_id, option_ids, member?}
    GET  /files/{file_id}               a file's bytes, with its name and type
    POST /api/clock                     {seconds} → the new clock (the bot restarts with its clock moved)
    POST /api/reset                     start over: empty chats, a new database, the clock back to now

A message carries ``sender_id`` (the bot's or the person's user id) besides the contract's fields, and
``media_group_id``. Errors are ``{"error": "one line"}`` with a 4xx status. ``reply_keyboard`` is
``{"message_id", "rows": [[{"text", "request_location", "request_contact"}]], "one_time", "placeholder"}``;
``force_reply`` is ``{"message_id", "placeholder"}`` (the next message of the chat answers it unless
``reply_to`` says otherwise).
"""

from __future__ import annotations

import asyncio
import json
import math
import re
import secrets
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from aiohttp import BodyPartReader, web

from fake_telegram import ScriptedUser
from fake_telegram.actors import command_entities
from fake_telegram.media import MAX_DOWNLOAD_SIZE
from fake_telegram.state import ChatState
from fake_telegram.validation import CAPTION_LIMIT, TEXT_LIMIT

from .personas import BY_ID, PERSONAS, Person, Persona
from .render import chat_messages, force_reply_json, reply_keyboard_json

if TYPE_CHECKING:
    from .runner import Sandbox

JsonDict = dict[str, Any]
STATIC = Path(__file__).resolve().parent / "static"
STATIC_NAME = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9_.-]*")
MAX_UPLOAD = MAX_DOWNLOAD_SIZE  # what the bot may download with getFile
MAX_WAIT = 30.0
PRESS_WAIT = 5.0
MAX_STEP = 366 * 86400


class Refused(Exception):
    """A request the API refuses: one line for the page, and the status."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def _error(message: str, status: int) -> web.Response:
    return web.json_response({"error": message}, status=status, dumps=_dumps)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _json(value: Any) -> web.Response:
    return web.json_response(value, dumps=_dumps, headers={"Cache-Control": "no-store"})


@web.middleware
async def _errors(request: web.Request, handler: Any) -> web.StreamResponse:
    try:
        response: web.StreamResponse = await handler(request)
    except Refused as refused:
        return _error(str(refused), refused.status)
    return response


async def _body(request: web.Request) -> JsonDict:
    try:
        body = await request.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise Refused("Нужен JSON") from None
    if not isinstance(body, dict):
        raise Refused("Нужен JSON-объект")
    return body


def _number(value: Any, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise Refused(f"Нужно число: {name}")
    try:
        number = float(value)
    except ValueError:
        raise Refused(f"Нужно число: {name}") from None
    if not math.isfinite(number):
        raise Refused(f"Нужно число: {name}")
    return number


def _int(value: Any, name: str) -> int:
    number = _number(value, name)
    if number != int(number):
        raise Refused(f"Нужно целое число: {name}")
    return int(number)


class Api:
    """Handlers of the page's API over the sandbox's fake Bot API."""

    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox

    def make_app(self) -> web.Application:
        app = web.Application(client_max_size=MAX_UPLOAD * 4, middlewares=[_errors])
        router = app.router
        router.add_get("/", self.index)
        router.add_get("/api/state", self.state)
        router.add_get("/api/chats/{persona}", self.chat)
        router.add_post("/api/chats/{persona}/send", self.send)
        router.add_post("/api/chats/{persona}/press", self.press)
        router.add_post("/api/chats/{persona}/photos", self.photos)
        router.add_post("/api/chats/{persona}/document", self.document)
        router.add_post("/api/chats/{persona}/location", self.location)
        router.add_post("/api/chats/{persona}/vote", self.vote)
        router.add_get("/files/{file_id}", self.file)
        router.add_post("/api/clock", self.clock)
        router.add_post("/api/reset", self.reset)
        router.add_get("/static/{name}", self.static)
        router.add_get("/{name}", self.static)
        return app

    # ------------------------------------------------------------------ helpers

    @property
    def fake(self) -> Any:
        return self.sandbox.fake

    def _persona(self, request: web.Request) -> Persona:
        persona = BY_ID.get(request.match_info["persona"])
        if persona is None:
            raise Refused("Нет такого чата", 404)
        return persona

    def _member(self, persona: Persona, value: Any) -> Person:
        user_id = None if value is None or value == "" else _int(value, "member")
        person = persona.member(user_id)
        if person is None:
            raise Refused("Этого человека нет в чате")
        return person

    async def _json_call(self, request: web.Request) -> tuple[Persona, Person, JsonDict]:
        """What every JSON action starts with: whose chat, the body, and which member writes."""
        persona = self._persona(request)
        body = await _body(request)
        return persona, self._member(persona, body.get("member")), body

    def _user(self, person: Person) -> ScriptedUser:
        return self.fake.user(person.user_id)

    def _chat(self, persona: Persona) -> ChatState:
        chat: ChatState = self.fake.chat_state(persona.chat_id)
        if persona.kind == "private":
            chat.known = True  # the person writes to the bot: the bot may answer from now on
            if chat.blocked:
                chat.blocked = False
        return chat

    def _reply_target(self, chat: ChatState, value: Any) -> JsonDict | None:
        if value is None or value == "":
            forced = self.fake.force_reply(chat.id)
            if forced is None:
                return None
            value = forced["message_id"]
        target = chat.messages.get(_int(value, "reply_to"))
        if target is None:
            raise Refused("Сообщения, на которое вы отвечаете, уже нет")
        return target

    def _post(
        self,
        persona: Persona,
        person: Person,
        content: JsonDict,
        *,
        reply_to: JsonDict | None = None,
        media_group_id: str | None = None,
    ) -> JsonDict:
        chat = self._chat(persona)
        raw: JsonDict = self.fake.user_message(
            self._user(person), chat, content, reply_to=reply_to, media_group_id=media_group_id
        )
        return {"ok": True, "message_id": raw["message_id"]}

    # ------------------------------------------------------------------ the page

    async def index(self, request: web.Request) -> web.StreamResponse:
        page = STATIC / "index.html"
        if not page.is_file():
            raise Refused("Страницы нет: sandbox/static/index.html", 404)
        return web.FileResponse(page, headers={"Cache-Control": "no-store"})

    async def static(self, request: web.Request) -> web.StreamResponse:
        """A file of sandbox/static by its name (app.js, app.css, ...), at / and at /static/."""
        name = request.match_info["name"]
        path = STATIC / name
        if not STATIC_NAME.fullmatch(name) or not path.is_file():
            raise Refused("Нет такой страницы", 404)
        return web.FileResponse(path, headers={"Cache-Control": "no-store"})

    async def state(self, request: web.Request) -> web.Response:
        return _json(await self.sandbox.state())

    async def chat(self, request: web.Request) -> web.Response:
        persona = self._persona(request)
        version = request.query.get("version")
        wait = min(max(_number(request.query.get("wait", "0"), "wait"), 0.0), MAX_WAIT)
        person = self._member(persona, request.query.get("member"))
        if version not in (None, ""):
            await self.sandbox.wait_change(persona, _int(version, "version"), wait)
        return _json(self.chat_view(persona, person))

    def chat_view(self, persona: Persona, person: Person) -> JsonDict:
        fake = self.fake
        chat = fake.chat_state(persona.chat_id)
        return {
            "version": self.sandbox.version(persona),
            "messages": chat_messages(fake, chat, person.user_id),
            "reply_keyboard": reply_keyboard_json(fake, chat),
            "force_reply": force_reply_json(fake, chat),
            "commands": fake.commands_for(persona.chat_id, person.user_id, person.lang),
        }

    # ------------------------------------------------------------------ what a person does

    async def send(self, request: web.Request) -> web.Response:
        persona, person, body = await self._json_call(request)
        text = body.get("text")
        if not isinstance(text, str) or not text.strip():
            raise Refused("Пустое сообщение")
        if len(text) > TEXT_LIMIT:
            raise Refused(f"Слишком длинное сообщение: не больше {TEXT_LIMIT} символов")
        chat = self._chat(persona)
        content: JsonDict = {"text": text}
        entities = command_entities(text)
        if entities:
            content["entities"] = entities
        return _json(self._post(persona, person, content, reply_to=self._reply_target(chat, body.get("reply_to"))))

    async def press(self, request: web.Request) -> web.Response:
        persona, person, body = await self._json_call(request)
        message_id = _int(body.get("message_id"), "message_id")
        data = body.get("data")
        if not isinstance(data, str) or not data:
            raise Refused("Нет данных кнопки")
        chat = self._chat(persona)
        raw = chat.messages.get(message_id)
        if raw is None:
            raise Refused("Этого сообщения уже нет")
        pending = self.fake.new_callback(self._user(person), chat, raw, message_id, data)
        try:
            answer = await asyncio.wait_for(asyncio.shield(pending.future), PRESS_WAIT)
        except TimeoutError:
            return _json({"answer": None})
        return _json({"answer": {"text": answer.text, "show_alert": answer.show_alert}})

    async def _uploads(self, request: web.Request) -> tuple[list[tuple[str, str | None, bytes]], dict[str, str]]:
        if not request.content_type.startswith("multipart/"):
            raise Refused("Нужна форма с файлом (multipart/form-data)")
        files: list[tuple[str, str | None, bytes]] = []
        fields: dict[str, str] = {}
        reader = await request.multipart()
        while True:
            part = await reader.next()
            if part is None:
                break
            if not isinstance(part, BodyPartReader):
                continue
            name = part.name or ""
            data = bytearray()
            while chunk := await part.read_chunk():
                data.extend(chunk)
                if len(data) > MAX_UPLOAD:
                    raise Refused("Файл больше 20 МБ", 413)
            if name == "file":
                files.append((part.filename or "file", part.headers.get("Content-Type"), bytes(data)))
            else:
                fields[name] = bytes(data).decode("utf-8", errors="replace")
        if not files:
            raise Refused("Нет файла")
        if any(not data for _, _, data in files):
            raise Refused("Пустой файл")
        return files, fields

    def _caption(self, fields: dict[str, str]) -> JsonDict:
        caption = fields.get("caption", "").strip()
        if len(caption) > CAPTION_LIMIT:
            raise Refused(f"Слишком длинная подпись: не больше {CAPTION_LIMIT} символов")
        return {"caption": caption} if caption else {}

    async def photos(self, request: web.Request) -> web.Response:
        persona = self._persona(request)
        files, fields = await self._uploads(request)
        person = self._member(persona, fields.get("member"))
        if len(files) > 10:
            raise Refused("В альбоме не больше 10 фото")
        caption = self._caption(fields)
        group = str(15_000_000_000_000_000 + secrets.randbelow(10**15)) if len(files) > 1 else None
        sent = []
        for index, (_name, _type, data) in enumerate(files):
            content = self.fake.upload("photo", data)
            if index == 0:
                content.update(caption)
            sent.append(self._post(persona, person, content, media_group_id=group)["message_id"])
        return _json({"ok": True, "message_ids": sent})

    async def document(self, request: web.Request) -> web.Response:
        persona = self._persona(request)
        files, fields = await self._uploads(request)
        person = self._member(persona, fields.get("member"))
        if len(files) != 1:
            raise Refused("Отправьте один файл")
        name, mime, data = files[0]
        content = self.fake.upload("document", data, file_name=name, mime_type=mime or "application/octet-stream")
        content.update(self._caption(fields))
        return _json(self._post(persona, person, content))

    async def location(self, request: web.Request) -> web.Response:
        persona, person, body = await self._json_call(request)
        latitude = _number(body.get("latitude"), "latitude")
        longitude = _number(body.get("longitude"), "longitude")
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise Refused("Таких координат нет: широта от -90 до 90, долгота от -180 до 180")
        content = {"location": {"latitude": latitude, "longitude": longitude}}
        return _json(self._post(persona, person, content))

    async def vote(self, request: web.Request) -> web.Response:
        persona, person, body = await self._json_call(request)
        message_id = _int(body.get("message_id"), "message_id")
        options = body.get("option_ids")
        if not isinstance(options, list):
            raise Refused("Нужен список вариантов: option_ids")
        option_ids = [_int(option, "option_ids") for option in options]
        chat = self._chat(persona)
        message = chat.bot_messages.get(message_id)
        if message is None or message.deleted or message.poll is None:
            raise Refused("Этого опроса уже нет")
        try:
            self.fake.vote(self._user(person), message, option_ids)
        except AssertionError as refused:  # what Telegram's apps do not let anyone do
            reasons = {
                "the poll is closed": "Опрос закрыт",
                "the poll allows one answer only": "Здесь можно выбрать только один вариант",
                "the poll does not allow changing a vote": "Голос в этом опросе изменить нельзя",
            }
            raise Refused(reasons.get(str(refused), "Такого варианта нет")) from None
        return _json({"ok": True})

    async def file(self, request: web.Request) -> web.StreamResponse:
        stored = self.fake.stored_file(request.match_info["file_id"])
        if stored is None:
            raise Refused("Файла нет", 404)
        name = stored.file_name or ("photo.jpg" if stored.kind == "photo" else "file")
        return web.Response(
            body=stored.data,
            content_type=stored.mime_type or ("image/jpeg" if stored.kind == "photo" else "application/octet-stream"),
            headers={
                "Content-Disposition": f"inline; filename*=UTF-8''{quote(name)}",
                "Cache-Control": "private, max-age=3600",
            },
        )

    # ------------------------------------------------------------------ the sandbox itself

    async def clock(self, request: web.Request) -> web.Response:
        body = await _body(request)
        seconds = _number(body.get("seconds"), "seconds")
        if not 0 < seconds <= MAX_STEP:
            raise Refused("Часы идут только вперёд, не больше чем на год за раз")
        clock = await self.sandbox.move_clock(seconds)
        return _json({**clock, "bot": self.sandbox.child.status})

    async def reset(self, request: web.Request) -> web.Response:
        await self.sandbox.reset()
        return _json(await self.sandbox.state())


def personas_json() -> list[dict[str, object]]:
    return [persona.as_json() for persona in PERSONAS]
