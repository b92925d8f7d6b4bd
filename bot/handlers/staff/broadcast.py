"""/broadcast: organizers compose a message for residents, pick its audience and follow its delivery."""

from __future__ import annotations

import logging
import secrets

from aiogram import F
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.handlers.staff.callbacks import BroadcastCb
from bot.handlers.staff.keyboards import (
    broadcast_audience_kb,
    broadcast_confirm_kb,
    broadcast_directions_kb,
    broadcast_resend_kb,
    broadcast_territories_kb,
)
from bot.handlers.staff.states import BroadcastDraft
from bot.services.broadcast import BroadcastWorker
from bot.services.territories import Territories
from bot.storage.broadcasts import Audience
from bot.storage.repositories import Repos
from bot.telegram.callbacks import number
from bot.telegram.filters import IsStaff, Magic
from bot.telegram.i18n import Translate
from bot.telegram.messages import settle, show
from bot.telegram.routes import Routes
from bot.text import INVISIBLE, has_visible

log = logging.getLogger(__name__)

# What an organizer may broadcast: copyMessage carries it over exactly, formatting included.
BROADCASTABLE = {"text", "photo", "video", "document", "animation", "audio", "voice"}

router = Routes(name="broadcast")

staff = Routes(name="broadcast-staff")
staff.message.filter(IsStaff(), Magic(F.chat.type == "private"))
staff.callback_query.filter(IsStaff())

refusals = Routes(name="broadcast-refusals")

router.include_routers(staff, refusals)


# --- organizers: composing ------------------------------------------------------------


@staff.message(Command("broadcast"))
async def cmd_broadcast(message: Message, t: Translate, state: FSMContext) -> None:
    await state.set_state(BroadcastDraft.message)
    await state.set_data({})
    await message.answer(t("bc-ask-message"))


@staff.message(StateFilter(BroadcastDraft.message), Magic(~F.text.startswith("/")))
async def draft_message(message: Message, t: Translate, state: FSMContext, repos: Repos) -> None:
    if message.media_group_id is not None:
        data = await state.get_data()
        if data.get("album") != message.media_group_id:  # one answer per album, not per photo
            await state.update_data(album=message.media_group_id)
            await message.answer(t("bc-album"))
        return
    if message.content_type not in BROADCASTABLE:
        await message.answer(t("bc-unsupported"))
        return
    if message.text is not None and not has_visible(message.text):
        await message.answer(t(INVISIBLE))  # a text message that would reach everyone as a blank one
        return
    await state.set_state(BroadcastDraft.audience)
    await state.update_data(source_chat=message.chat.id, source_message=message.message_id)
    everyone = await repos.broadcasts.count_audience(Audience("all"))
    await message.answer(t("bc-ask-audience"), reply_markup=broadcast_audience_kb(t, everyone))


@staff.message(StateFilter(BroadcastDraft.audience, BroadcastDraft.confirm), Magic(~F.text.startswith("/")))
async def draft_waiting_for_button(message: Message, t: Translate, state: FSMContext, repos: Repos) -> None:
    """The hint carries the buttons it asks for (the question's own message may never have arrived)."""
    if await state.get_state() == BroadcastDraft.audience.state:
        markup = broadcast_audience_kb(t, await repos.broadcasts.count_audience(Audience("all")))
    else:
        data = await state.get_data()
        audience = Audience(data["kind"], data.get("value"))
        markup = broadcast_confirm_kb(t, await repos.broadcasts.count_audience(audience))
    await message.answer(t("bc-use-buttons"), reply_markup=markup)


@staff.callback_query(BroadcastCb.filter(F.action == "stop"))
async def progress_stop(
    callback: CallbackQuery, callback_data: BroadcastCb, t: Translate, repos: Repos, broadcaster: BroadcastWorker
) -> None:
    if not await repos.broadcasts.request_cancel(callback_data.id):
        await callback.answer(t("bc-already-finished"), show_alert=True)
        return
    broadcaster.cancel(callback_data.id)
    await repos.audit.record(callback.from_user.id, "broadcast_cancel", callback_data.id)
    await callback.answer(t("bc-stopping"))


@staff.callback_query(BroadcastCb.filter(F.action == "resend"))
async def report_resend_ask(callback: CallbackQuery, callback_data: BroadcastCb, t: Translate, repos: Repos) -> None:
    unknown = await repos.broadcasts.resendable(callback_data.id)
    broadcast = await repos.broadcasts.get(callback_data.id)
    if broadcast is None or not unknown or broadcast.status == "sending":
        await callback.answer(t("bc-resend-nothing"), show_alert=True)
        return
    await callback.answer()
    if isinstance(callback.message, Message):
        await callback.message.answer(
            t("bc-resend-ask", number=callback_data.id, n=unknown),
            reply_markup=broadcast_resend_kb(t, callback_data.id, unknown),
        )


@staff.callback_query(BroadcastCb.filter(F.action == "resendok"))
async def report_resend(
    callback: CallbackQuery, callback_data: BroadcastCb, t: Translate, repos: Repos, broadcaster: BroadcastWorker
) -> None:
    n = await repos.broadcasts.resend_unknown(callback_data.id)
    if not n:
        await callback.answer(t("bc-resend-nothing"), show_alert=True)
        return
    await repos.audit.record(callback.from_user.id, "broadcast_resend", callback_data.id, {"recipients": n})
    broadcaster.wake()
    await callback.answer()
    if isinstance(callback.message, Message):
        await callback.message.edit_text(t("bc-resend-started", number=callback_data.id, n=n))


@staff.callback_query(BroadcastCb.filter(F.action == "keep"))
async def report_resend_keep(callback: CallbackQuery, callback_data: BroadcastCb, t: Translate) -> None:
    await callback.answer()
    if isinstance(callback.message, Message):
        await callback.message.edit_text(t("bc-resend-kept", number=callback_data.id))


@staff.callback_query(BroadcastCb.filter(), ~StateFilter(BroadcastDraft.audience, BroadcastDraft.confirm))
async def draft_gone(callback: CallbackQuery, t: Translate) -> None:
    """A draft button pressed after the draft was sent, dropped or replaced."""
    await callback.answer(t("bc-draft-gone"), show_alert=True)


@staff.callback_query(BroadcastCb.filter(F.action == "drop"))
async def draft_drop(callback: CallbackQuery, t: Translate, state: FSMContext) -> None:
    await state.clear()
    await callback.answer()
    await settle(callback.message, t("bc-dropped"))


@staff.callback_query(BroadcastCb.filter(F.action == "back"))
async def draft_back(callback: CallbackQuery, t: Translate, state: FSMContext, repos: Repos) -> None:
    await state.set_state(BroadcastDraft.audience)
    await callback.answer()
    everyone = await repos.broadcasts.count_audience(Audience("all"))
    await show(callback.message, t("bc-ask-audience"), broadcast_audience_kb(t, everyone))


@staff.callback_query(BroadcastCb.filter(F.action == "aud"))
async def draft_audience_kind(
    callback: CallbackQuery,
    callback_data: BroadcastCb,
    t: Translate,
    lang: str,
    repos: Repos,
    territories: Territories,
) -> None:
    kind = callback_data.value
    if kind in {"direction", "authors"}:
        items = [
            (d, await repos.broadcasts.count_audience(Audience(kind, str(d.id)))) for d in await repos.directions.all()
        ]
        await callback.answer()
        await show(callback.message, t(f"bc-ask-{kind}"), broadcast_directions_kb(t, kind, items, lang))
    elif kind == "territory":
        rows = await repos.broadcasts.territories_with_residents()
        places = [(code, territories.name(code, lang) or code, n) for code, n in rows]
        await callback.answer()
        await show(
            callback.message,
            t("bc-ask-territory" if places else "bc-no-territories"),
            broadcast_territories_kb(t, places),
        )
    else:
        await callback.answer(t("button-outdated"), show_alert=True)


@staff.callback_query(BroadcastCb.filter(F.action == "pick"))
async def draft_pick(
    callback: CallbackQuery,
    callback_data: BroadcastCb,
    t: Translate,
    lang: str,
    state: FSMContext,
    repos: Repos,
    territories: Territories,
) -> None:
    audience = await _parse_audience(callback_data.value, repos, territories)
    data = await state.get_data()
    if audience is None or "source_message" not in data:
        await callback.answer(t("button-outdated"), show_alert=True)
        return
    count = await repos.broadcasts.count_audience(audience)
    await callback.answer()
    if not isinstance(callback.message, Message):
        return
    token = secrets.token_hex(8)
    await state.set_state(BroadcastDraft.confirm)
    await state.update_data(kind=audience.kind, value=audience.value, token=token)
    label = await _audience_label(audience, t, lang, repos, territories)
    await settle(callback.message, t("bc-audience-picked", audience=label))
    # The preview: exactly what residents will receive.
    await callback.message.bot.copy_message(  # type: ignore[union-attr]
        chat_id=callback.message.chat.id, from_chat_id=data["source_chat"], message_id=data["source_message"]
    )
    key = "bc-preview" if count else "bc-preview-nobody"
    await callback.message.answer(t(key, audience=label, n=count), reply_markup=broadcast_confirm_kb(t, count))


@staff.callback_query(BroadcastCb.filter(F.action == "confirm"), StateFilter(BroadcastDraft.confirm))
async def draft_confirm(
    callback: CallbackQuery, t: Translate, state: FSMContext, repos: Repos, broadcaster: BroadcastWorker
) -> None:
    data = await state.get_data()
    if not {"token", "source_chat", "source_message", "kind"} <= data.keys():
        await callback.answer(t("bc-draft-gone"), show_alert=True)
        return
    audience = Audience(data["kind"], data.get("value"))
    broadcast, created = await repos.broadcasts.create(
        data["token"], callback.from_user.id, int(data["source_chat"]), int(data["source_message"]), audience
    )
    await state.clear()
    await callback.answer()
    await settle(callback.message, t("bc-started", number=broadcast.id, n=broadcast.total))
    if created:
        # The progress message (with Stop) right away, also for a broadcast waiting behind another one.
        await broadcaster.announce(broadcast)
    broadcaster.wake()


# --- everyone else -----------------------------------------------------------------------


@refusals.callback_query(BroadcastCb.filter())
async def refuse_press(callback: CallbackQuery, t: Translate) -> None:
    log.info("refused broadcast button from %s: %s", callback.from_user.id, callback.data)
    await callback.answer(t("not-allowed"), show_alert=True)


# --- helpers ----------------------------------------------------------------------------------


async def _parse_audience(value: str, repos: Repos, territories: Territories) -> Audience | None:
    if value == "all":
        return Audience("all")
    kind, _, arg = value.partition(".")
    if kind in {"direction", "authors"}:
        direction_id = number(arg, 999)
        if direction_id is not None and await repos.directions.get(direction_id) is not None:
            return Audience(kind, arg)
        return None
    if kind == "territory" and territories.get(arg) is not None:
        return Audience(kind, arg)
    return None


async def _audience_label(audience: Audience, t: Translate, lang: str, repos: Repos, territories: Territories) -> str:
    if audience.kind in {"direction", "authors"}:
        direction = await repos.directions.get(int(audience.value or 0))
        return t(f"bc-label-{audience.kind}", direction=direction.label(lang) if direction else "?")
    if audience.kind == "territory":
        return t("bc-label-territory", territory=territories.name(audience.value, lang) or "?")
    return t("bc-label-all")
