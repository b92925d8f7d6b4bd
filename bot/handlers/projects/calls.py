"""Calls for help: a project's «нужны…» sent to the residents of its territory subscribed to its direction.

The leader (or a curator) presses «Позвать на помощь» on the project's page and sees who would get it; the leader's
request goes to the curators of the idea's direction (a card in their chat, or to the superadmins privately when the
direction has no chat) with «Одобрить» / «Отклонить»; a curator's own call goes out at once. An approved call is a
broadcast of kind "call" (once per call: one version of the needs), paced by the broadcast engine, like an
announcement (the announcements setting, bans, blocks and consent count), with «Хочу участвовать» under it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from aiogram import Bot, F
from aiogram.exceptions import TelegramAPIError
from aiogram.types import CallbackQuery, Message

from bot.config import Settings
from bot.handlers.projects.callbacks import CallAction, CallCb
from bot.handlers.projects.keyboards import call_card_kb, call_message_kb, call_preview_kb
from bot.services.broadcast import BroadcastWorker
from bot.services.limits import clip
from bot.services.public import excerpt
from bot.storage.broadcasts import Broadcast
from bot.storage.repositories import Repos
from bot.telegram.bundles import bundle
from bot.telegram.filters import IsStaff, Magic
from bot.telegram.i18n import Translate, Translator
from bot.telegram.messages import settle
from bot.telegram.routes import Routes

log = logging.getLogger(__name__)
NEEDS_UNITS = 1200  # the needs in a call, escaped
EXCERPT = 200  # characters of the idea's text in a call


@dataclass(frozen=True)
class Caller:
    t: Translate
    repos: Repos
    translator: Translator
    settings: Settings
    bot: Bot
    broadcaster: BroadcastWorker

    async def staff(self, user_id: int) -> bool:
        return user_id in self.settings.admin_ids or await self.repos.roles.is_organizer(user_id)


async def calling(event: Message | CallbackQuery, **data: Any) -> dict[str, Caller]:
    return {"caller": bundle(Caller, data)}


router = Routes(name="projects-calls")
# The leader's and the curators' presses in a private chat (who may press is checked on each press)...
asking = Routes(name="projects-calls-ask")
asking.callback_query.filter(Magic(F.message.chat.type == "private"), calling)
# ... and the curators' decisions, in their chat or privately.
deciding = Routes(name="projects-calls-decide")
deciding.callback_query.filter(IsStaff(), calling)
router.include_routers(asking, deciding)


async def _may_ask(c: Caller, idea_id: int, user_id: int) -> tuple[str | None, bool]:
    """(the needs, staff) when this person may call for help for this project; (None, …) otherwise."""
    project = await c.repos.projects.get(idea_id)
    staff = await c.staff(user_id)
    if project is None or not project.needs or not (staff or project.leader_id == user_id):
        return None, staff
    return project.needs, staff


@asking.callback_query(CallCb.filter(F.action == CallAction.ASK))
async def ask(callback: CallbackQuery, callback_data: CallCb, caller: Caller) -> None:
    t, idea_id = caller.t, callback_data.idea
    needs, staff = await _may_ask(caller, idea_id, callback.from_user.id)
    if needs is None:
        await callback.answer(t("call-not-yours"), show_alert=True)
        return
    await callback.answer()
    count = await caller.repos.broadcasts.count_call(idea_id)
    key = "call-preview-staff" if staff else "call-preview"
    if isinstance(callback.message, Message):
        await callback.message.answer(
            t(key, number=str(idea_id), needs=clip(needs, NEEDS_UNITS), count=count),
            reply_markup=call_preview_kb(t, idea_id, staff),
        )


@asking.callback_query(CallCb.filter(F.action == CallAction.SEND))
async def send(callback: CallbackQuery, callback_data: CallCb, caller: Caller) -> None:
    t, idea_id, user_id = caller.t, callback_data.idea, callback.from_user.id
    needs, staff = await _may_ask(caller, idea_id, user_id)
    if needs is None:
        await callback.answer(t("call-not-yours"), show_alert=True)
        return
    call, made = await caller.repos.calls.request(idea_id, needs, user_id)
    if not made:
        key = "call-pending" if call.status == "pending" else "call-sent-already"
        await callback.answer(t(key, number=str(idea_id)), show_alert=True)
        return
    await callback.answer()
    if staff:
        await caller.repos.calls.decide(call.id, True, user_id)
        total = await _broadcast(caller, call.id, idea_id, user_id)
        await settle(callback.message, t("call-out", number=str(idea_id), count=total))
        return
    await _post_card(caller, call.id, idea_id, needs, callback.from_user.first_name)
    await settle(callback.message, t("call-asked", number=str(idea_id)))


async def _broadcast(c: Caller, call_id: int, idea_id: int, by: int) -> int:
    broadcast, created = await c.repos.broadcasts.create_call(call_id, idea_id, by)
    await c.repos.calls.set_broadcast(call_id, broadcast.id)
    if created:
        log.info("call for help #%s of idea #%s: %s resident(s)", call_id, idea_id, broadcast.total)
        c.broadcaster.wake()
    return broadcast.total


async def _post_card(c: Caller, call_id: int, idea_id: int, needs: str, who: str) -> None:
    """The card for the curators of the idea's direction (their chat; the superadmins privately without one)."""
    idea = await c.repos.ideas.get(idea_id)
    if idea is None:
        return
    t = c.translator.for_lang(c.settings.default_locale)
    count = await c.repos.broadcasts.count_call(idea_id)
    text = t("call-card", number=str(idea_id), needs=clip(needs, NEEDS_UNITS), count=count, who=clip(who, 100))
    keyboard = call_card_kb(t, idea_id, call_id)
    chat = await c.repos.curator_chats.for_direction(idea.direction_id)
    targets = [(chat.chat_id, chat.thread_id)] if chat else [(a, None) for a in sorted(c.settings.admin_ids)]
    for chat_id, thread_id in targets:
        try:
            await c.bot.send_message(chat_id, text, message_thread_id=thread_id, reply_markup=keyboard)
        except TelegramAPIError as exc:
            log.warning("the call for help #%s could not reach %s: %s", call_id, chat_id, exc)


@deciding.callback_query(CallCb.filter(F.action.in_({CallAction.APPROVE, CallAction.DECLINE})))
async def decide(callback: CallbackQuery, callback_data: CallCb, caller: Caller) -> None:
    t, approve = caller.t, callback_data.action is CallAction.APPROVE
    call = await caller.repos.calls.get(callback_data.call)
    if call is None or not await caller.repos.calls.decide(call.id, approve, callback.from_user.id):
        await callback.answer(t("call-decided-already"), show_alert=True)
        return
    await callback.answer()
    who = callback.from_user.first_name
    if approve:
        total = await _broadcast(caller, call.id, call.idea_id, callback.from_user.id)
        line = t("call-approved-card", who=who, count=total)
        told, args = "call-approved", {"count": total}
    else:
        line = t("call-declined-card", who=who)
        told, args = "call-declined", {}
    if isinstance(callback.message, Message) and callback.message.html_text:
        await settle(callback.message, callback.message.html_text + "\n\n" + line)
    if call.requested_by is not None and call.requested_by != callback.from_user.id:
        person = await caller.repos.users.get(call.requested_by)
        lang = person.language if person is not None and person.language else caller.settings.default_locale
        try:
            await caller.bot.send_message(
                call.requested_by, caller.translator.for_lang(lang)(told, number=str(call.idea_id), **args)
            )
        except TelegramAPIError as exc:
            log.warning("the leader of #%s could not be told of the call: %s", call.idea_id, exc)


class CallMessages:
    """The broadcast engine's renderer for kind "call": the project, what help it needs, «Хочу участвовать»."""

    def __init__(self, repos: Repos, translator: Translator) -> None:
        self.repos = repos
        self.translator = translator

    async def render(self, broadcast: Broadcast, lang: str) -> tuple[str, str | None] | None:
        idea_id, call_id = broadcast.payload.get("idea"), broadcast.payload.get("call")
        if not isinstance(idea_id, int) or not isinstance(call_id, int):
            return None
        call = await self.repos.calls.get(call_id)
        idea = await self.repos.ideas.get(idea_id)
        if call is None or idea is None or await self.repos.projects.get(idea_id) is None:
            return None  # hidden or gone since: no call
        t = self.translator.for_lang(lang)
        text = t(
            "call-message",
            number=str(idea_id),
            text=excerpt(idea.text, EXCERPT),
            needs=clip(call.needs, NEEDS_UNITS),
        )
        return text, call_message_kb(t, idea_id).model_dump_json(exclude_none=True)
