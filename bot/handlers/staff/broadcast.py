"""/broadcast: organizers compose a message for residents, pick its audience and follow its delivery."""

from __future__ import annotations

import logging
import secrets

from aiogram import F
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.handlers.staff.callbacks import BroadcastAction, BroadcastCb
from bot.handlers.staff.keyboards import (
    broadcast_audience_kb,
    broadcast_confirm_kb,
    broadcast_directions_kb,
    broadcast_resend_kb,
    broadcast_territories_kb,
)
from bot.handlers.staff.states import BroadcastDraft
from bot.services.audiences import BY_DIRECTION, EVERYONE, Audiences
from bot.services.broadcast import BroadcastWorker
from bot.storage.broadcasts import Audience, Broadcast
from bot.storage.repositories import Repos
from bot.telegram.filters import IsStaff, Magic, Typed
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


@staff.message(StateFilter(BroadcastDraft.message), Typed())
async def draft_message(message: Message, t: Translate, state: FSMContext, audiences: Audiences) -> None:
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
    everyone = await audiences.count(EVERYONE)
    await message.answer(t("bc-ask-audience"), reply_markup=broadcast_audience_kb(t, everyone))


@staff.message(StateFilter(BroadcastDraft.audience, BroadcastDraft.confirm), Typed())
async def draft_waiting_for_button(message: Message, t: Translate, state: FSMContext, audiences: Audiences) -> None:
    """The hint carries the buttons it asks for (the question's own message may never have arrived)."""
    if await state.get_state() == BroadcastDraft.audience.state:
        markup = broadcast_audience_kb(t, await audiences.count(EVERYONE))
    else:
        data = await state.get_data()
        audience = Audience(data["kind"], data.get("value"))
        markup = broadcast_confirm_kb(t, await audiences.count(audience))
    await message.answer(t("bc-use-buttons"), reply_markup=markup)


@staff.callback_query(BroadcastCb.filter(F.action == BroadcastAction.STOP))
async def progress_stop(
    callback: CallbackQuery, callback_data: BroadcastCb, t: Translate, repos: Repos, broadcaster: BroadcastWorker
) -> None:
    number = callback_data.broadcast_id
    if not await repos.broadcasts.request_cancel(number):
        await callback.answer(t("bc-already-finished"), show_alert=True)
        return
    broadcaster.cancel(number)
    await repos.audit.record(callback.from_user.id, "broadcast_cancel", number)
    await callback.answer(t("bc-stopping"))


@staff.callback_query(BroadcastCb.filter(F.action == BroadcastAction.RESEND))
async def report_resend_ask(callback: CallbackQuery, callback_data: BroadcastCb, t: Translate, repos: Repos) -> None:
    broadcast_id = callback_data.broadcast_id
    unknown = await repos.broadcasts.resendable(broadcast_id)
    broadcast = await repos.broadcasts.get(broadcast_id)
    if broadcast is None or not unknown or broadcast.status == "sending":
        await callback.answer(t("bc-resend-nothing"), show_alert=True)
        return
    await callback.answer()
    if isinstance(callback.message, Message):
        await callback.message.answer(
            t("bc-resend-ask", number=broadcast.number, n=unknown),
            reply_markup=broadcast_resend_kb(t, broadcast_id, unknown),
        )


@staff.callback_query(BroadcastCb.filter(F.action == BroadcastAction.RESEND_CONFIRMED))
async def report_resend(
    callback: CallbackQuery, callback_data: BroadcastCb, t: Translate, repos: Repos, broadcaster: BroadcastWorker
) -> None:
    broadcast_id = callback_data.broadcast_id
    n = await repos.broadcasts.resend_unknown(broadcast_id)
    if not n:
        await callback.answer(t("bc-resend-nothing"), show_alert=True)
        return
    await repos.audit.record(callback.from_user.id, "broadcast_resend", broadcast_id, {"recipients": n})
    broadcaster.wake()
    await callback.answer()
    broadcast = await repos.broadcasts.get(broadcast_id)
    if isinstance(callback.message, Message) and broadcast is not None:
        await callback.message.edit_text(t("bc-resend-started", number=broadcast.number, n=n))


@staff.callback_query(BroadcastCb.filter(F.action == BroadcastAction.KEEP))
async def report_resend_keep(callback: CallbackQuery, callback_data: BroadcastCb, t: Translate, repos: Repos) -> None:
    await callback.answer()
    broadcast = await repos.broadcasts.get(callback_data.broadcast_id)
    if isinstance(callback.message, Message) and broadcast is not None:
        await callback.message.edit_text(t("bc-resend-kept", number=broadcast.number))


@staff.callback_query(BroadcastCb.filter(), ~StateFilter(BroadcastDraft.audience, BroadcastDraft.confirm))
async def draft_gone(callback: CallbackQuery, t: Translate) -> None:
    """A draft button pressed after the draft was sent, dropped or replaced."""
    await callback.answer(t("bc-draft-gone"), show_alert=True)


@staff.callback_query(BroadcastCb.filter(F.action == BroadcastAction.DROP))
async def draft_drop(callback: CallbackQuery, t: Translate, state: FSMContext) -> None:
    await state.clear()
    await callback.answer()
    await settle(callback.message, t("bc-dropped"))


@staff.callback_query(BroadcastCb.filter(F.action == BroadcastAction.BACK))
async def draft_back(callback: CallbackQuery, t: Translate, state: FSMContext, audiences: Audiences) -> None:
    await state.set_state(BroadcastDraft.audience)
    await callback.answer()
    everyone = await audiences.count(EVERYONE)
    await show(callback.message, t("bc-ask-audience"), broadcast_audience_kb(t, everyone))


@staff.callback_query(BroadcastCb.filter(F.action == BroadcastAction.NARROW))
async def draft_audience_kind(
    callback: CallbackQuery, callback_data: BroadcastCb, t: Translate, lang: str, audiences: Audiences
) -> None:
    kind = callback_data.audience
    if kind in BY_DIRECTION:
        items = await audiences.by_direction(kind)
        await callback.answer()
        await show(callback.message, t(f"bc-ask-{kind}"), broadcast_directions_kb(t, kind, items, lang))
    elif kind == "territory":
        places = await audiences.by_territory(lang)
        await callback.answer()
        await show(
            callback.message,
            t("bc-ask-territory" if places else "bc-no-territories"),
            broadcast_territories_kb(t, places),
        )
    else:
        await callback.answer(t("button-outdated"), show_alert=True)


@staff.callback_query(BroadcastCb.filter(F.action == BroadcastAction.PICK))
async def draft_pick(
    callback: CallbackQuery,
    callback_data: BroadcastCb,
    t: Translate,
    lang: str,
    state: FSMContext,
    audiences: Audiences,
) -> None:
    audience = await audiences.parse(callback_data.audience)
    data = await state.get_data()
    if audience is None or "source_message" not in data:
        await callback.answer(t("button-outdated"), show_alert=True)
        return
    count = await audiences.count(audience)
    await callback.answer()
    if not isinstance(callback.message, Message):
        return
    token = secrets.token_hex(8)
    await state.set_state(BroadcastDraft.confirm)
    await state.update_data(kind=audience.kind, value=audience.value, token=token)
    label = await audiences.label(audience, t, lang)
    await settle(callback.message, t("bc-audience-picked", audience=label))
    # The preview: exactly what residents will receive.
    await callback.message.bot.copy_message(  # type: ignore[union-attr]
        chat_id=callback.message.chat.id, from_chat_id=data["source_chat"], message_id=data["source_message"]
    )
    key = "bc-preview" if count else "bc-preview-nobody"
    await callback.message.answer(t(key, audience=label, n=count), reply_markup=broadcast_confirm_kb(t, count))


@staff.callback_query(BroadcastCb.filter(F.action == BroadcastAction.CONFIRM), StateFilter(BroadcastDraft.confirm))
async def draft_confirm(
    callback: CallbackQuery, t: Translate, state: FSMContext, repos: Repos, broadcaster: BroadcastWorker
) -> None:
    data = await state.get_data()
    if not {"token", "source_chat", "source_message", "kind"} <= data.keys():
        await callback.answer(t("bc-draft-gone"), show_alert=True)
        return
    audience = Audience(data["kind"], data.get("value"))
    made = await repos.broadcasts.create(
        data["token"], callback.from_user.id, int(data["source_chat"]), int(data["source_message"]), audience
    )
    await launch(callback, t, state, broadcaster, made, "bc-started")


async def launch(
    callback: CallbackQuery,
    t: Translate,
    state: FSMContext,
    broadcaster: BroadcastWorker,
    made: tuple[Broadcast, bool],
    key: str,
) -> None:
    """A broadcast made from the draft confirmed (by /broadcast, or /announce of a session): the draft over, the
    press settled with ``key`` (its number and size), the broadcast on its way."""
    broadcast, created = made
    await state.clear()
    await callback.answer()
    await settle(callback.message, t(key, number=broadcast.number, n=broadcast.total))
    if created:
        # The progress message (with Stop) right away, also for a broadcast waiting behind another one.
        await broadcaster.announce(broadcast)
    broadcaster.wake()


# --- everyone else -----------------------------------------------------------------------


@refusals.callback_query(BroadcastCb.filter())
async def refuse_press(callback: CallbackQuery, t: Translate) -> None:
    log.info("refused broadcast button from %s: %s", callback.from_user.id, callback.data)
    await callback.answer(t("not-allowed"), show_alert=True)
