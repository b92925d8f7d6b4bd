"""The idea page: one message per idea (its photos above it) with the text, place, direction, territory, supports,
the status history and the curators' public answer. Reached from /my, /ideas («Подробнее»), the curator cards'
link and t.me/<bot>?start=idea_<N>; the follow notices open it too.

Who sees what is decided on every press: a public idea by anyone (a newcomer from a link too: supporting or
following leads them through the set-up and back to the page); an idea that is not public (under review,
rejected, hidden by reports) only by its author and the staff. Staff write the curators' public answer here
(the cards in the curators' chats link to the page, which opens in a private chat).
"""

from __future__ import annotations

import logging
from typing import Any

from aiogram import F
from aiogram.filters import CommandObject, CommandStart, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, ForceReply, Message

from bot.handlers.ideas.callbacks import PageAction, PageCb, PageFrom, PubAction, PubCb
from bot.handlers.ideas.page_screen import Pager, idea_payload, is_public, my_screen, notice_kb, resume_kb
from bot.handlers.ideas.public import Reader
from bot.handlers.ideas.states import PageAnswer
from bot.handlers.onboarding.gate import Visit, visiting
from bot.services.idea_news import ANSWER_MAX, IdeaNews
from bot.services.public import PublicIdeas
from bot.storage.models import Notice
from bot.storage.public import Outcome
from bot.telegram.bundles import bundle
from bot.telegram.filters import Magic, Typed
from bot.telegram.messages import set_keyboard, settle, show
from bot.telegram.routes import Routes

log = logging.getLogger(__name__)
IDEA_LINK = CommandStart(deep_link=True, magic=F.args.startswith("idea_"))
PROMPTS = "prompts"  # the public answer's questions (force-replies): the answer is a reply to one of them
CHANGES = {PageAction.SUPPORT, PageAction.WITHDRAW, PageAction.FOLLOW, PageAction.UNFOLLOW}
# The answer to a press that changed something (or found it done already): (action, outcome) → key.
TOASTS = {
    (PageAction.SUPPORT, Outcome.DONE): "public-supported",
    (PageAction.SUPPORT, Outcome.ALREADY): "public-already-supported",
    (PageAction.WITHDRAW, Outcome.DONE): "public-withdrawn",
    (PageAction.WITHDRAW, Outcome.ALREADY): "public-not-supported",
}


async def paging(event: Message | CallbackQuery, **data: Any) -> dict[str, Pager]:
    """A router filter that hands the page's handlers a `pager` (its ``user`` is None for someone the bot does not
    know yet)."""
    return {"pager": bundle(Pager, data, user=data.get("user"))}


router = Routes(name="idea-page")
router.message.filter(Magic(F.chat.type == "private"), paging)
router.callback_query.filter(Magic(F.message.chat.type == "private"), paging)


@router.message(IDEA_LINK)
async def idea_link(message: Message, command: CommandObject, pager: Pager) -> None:
    assert message.from_user is not None
    idea_id = idea_payload(command.args)
    if idea_id is None:
        await message.answer(pager.t("idea-page-bad-link"))
        return
    await pager.open(message, idea_id, message.from_user.id)


@router.callback_query(PageCb.filter(F.action == PageAction.OPEN))
async def open_page(callback: CallbackQuery, callback_data: PageCb, pager: Pager) -> None:
    found = await pager.visible(callback_data.idea, callback.from_user.id)
    if found is None:
        await callback.answer(pager.t("idea-page-not-public", number=str(callback_data.idea)), show_alert=True)
        return
    await callback.answer()
    if isinstance(callback.message, Message):
        await pager.send(callback.message, *found, callback_data.src)


@router.callback_query(PageCb.filter(F.action == PageAction.MAP))
async def show_map(callback: CallbackQuery, callback_data: PageCb, pager: Pager) -> None:
    found = await pager.visible(callback_data.idea, callback.from_user.id)
    idea = found[0] if found is not None else None
    if idea is None or idea.latitude is None or idea.longitude is None:
        await callback.answer(pager.t("idea-page-not-public", number=str(callback_data.idea)), show_alert=True)
        return
    await callback.answer()
    if isinstance(callback.message, Message):
        await callback.message.answer_location(idea.latitude, idea.longitude)


async def _redraw(callback: CallbackQuery, pager: Pager, callback_data: PageCb) -> None:
    """The page as it is now, in the message pressed on."""
    found = await pager.visible(callback_data.idea, callback.from_user.id)
    if found is not None:
        await show(callback.message, *await pager.screen(*found, callback_data.src))


@router.callback_query(PageCb.filter(F.action.in_(CHANGES)), visiting)
async def change(
    callback: CallbackQuery, callback_data: PageCb, pager: Pager, visit: Visit, public: PublicIdeas
) -> None:
    """Support, withdraw, follow, unfollow: for residents set up; anyone else is led through the set-up first
    and comes back to the page."""
    t, idea_id, user_id = pager.t, callback_data.idea, callback.from_user.id
    if not pager.member:
        await callback.answer()
        if isinstance(callback.message, Message):
            await callback.message.answer(t("idea-page-need-setup"))
            await visit.state.update_data(payload=f"idea_{idea_id}")
            await visit.resume(callback.message)
        return
    action = callback_data.action
    if action in (PageAction.SUPPORT, PageAction.WITHDRAW):
        result = await (public.support if action is PageAction.SUPPORT else public.withdraw)(idea_id, user_id)
        outcome = result.outcome
        toast = TOASTS.get((action, outcome))
    else:
        found = await pager.visible(idea_id, user_id)
        outcome = Outcome.NOT_PUBLIC if found is None or found[1].own or not is_public(found[0]) else Outcome.DONE
        if outcome is Outcome.DONE:
            await pager.repos.follows.set_following(idea_id, user_id, action is PageAction.FOLLOW)
        toast = "idea-page-followed" if action is PageAction.FOLLOW else "idea-page-unfollowed"
    if outcome in (Outcome.NOT_PUBLIC, Outcome.OWN) or toast is None:
        key = "public-own-support" if outcome is Outcome.OWN else "public-not-public"
        await callback.answer(t(key, number=str(idea_id)), show_alert=True)
        return
    await callback.answer(t(toast, number=str(idea_id)))
    await _redraw(callback, pager, callback_data)


@router.callback_query(PageCb.filter(F.action == PageAction.BACK))
async def back(callback: CallbackQuery, callback_data: PageCb, pager: Pager) -> None:
    """To /my or to /ideas, in the page's message (its photos stay above)."""
    if pager.user is None or not pager.member:
        await callback.answer(pager.t("public-need-setup"), show_alert=True)
        return
    await callback.answer()
    if callback_data.src is PageFrom.MY:
        text, keyboard = await my_screen(pager.t, pager.lang, pager.repos, pager.settings.tz, pager.user.id)
    else:
        reader = Reader(pager.user, pager.t, pager.lang, pager.repos, pager.territories, pager.settings)
        text, keyboard = await reader.list_screen(PubCb(action=PubAction.PAGE))
    await show(callback.message, text, keyboard)


# --- staff: the curators' public answer --------------------------------------------------------


@router.callback_query(PageCb.filter(F.action == PageAction.ANSWER))
async def answer_ask(callback: CallbackQuery, callback_data: PageCb, pager: Pager, state: FSMContext) -> None:
    found = await pager.visible(callback_data.idea, callback.from_user.id)
    if found is None or not found[1].staff:
        await callback.answer(pager.t("not-allowed"), show_alert=True)
        return
    if not is_public(found[0]):
        await callback.answer(pager.t("public-not-public", number=str(callback_data.idea)), show_alert=True)
        return
    await callback.answer()
    if isinstance(callback.message, Message):
        prompt = await callback.message.answer(
            pager.t("idea-answer-ask", number=str(callback_data.idea), max=ANSWER_MAX), reply_markup=ForceReply()
        )
        await state.set_state(PageAnswer.text)
        await state.set_data({"idea_id": callback_data.idea, PROMPTS: [prompt.message_id]})


@router.message(StateFilter(PageAnswer.text), Typed(text=True))
async def answer_text(message: Message, pager: Pager, state: FSMContext, news: IdeaNews) -> None:
    assert message.text is not None and message.from_user is not None
    t = pager.t
    data = await state.get_data()
    idea_id = int(data.get("idea_id", 0))
    if not await pager.is_staff(message.from_user.id):
        await state.clear()
        await message.answer(t("not-allowed"))
        return
    prompts = list(data.get(PROMPTS, []))
    replied = message.reply_to_message.message_id if message.reply_to_message else None
    if replied not in prompts:
        # Not a reply to the question: typed after leaving the step by a command (or the reply dismissed). It goes
        # to the author and every follower, so it is not published on a guess; the step is over.
        await state.clear()
        await message.answer(t("idea-answer-not-reply", number=str(idea_id)))
        return
    text = message.text.strip()
    if len(text) > ANSWER_MAX:
        again = await message.answer(t("idea-answer-long", max=ANSWER_MAX, count=len(text)), reply_markup=ForceReply())
        await state.update_data({PROMPTS: [*prompts, again.message_id]})
        return
    await state.clear()
    if not await news.answer(idea_id, message.from_user.id, text):
        await message.answer(t("public-not-public", number=str(idea_id)))
        return
    await message.answer(t("idea-answer-done", number=str(idea_id)))


# --- under a follow notice: the one switch ------------------------------------------------------


@router.callback_query(PageCb.filter(F.action.in_({PageAction.STOP, PageAction.RESUME})))
async def notices_switch(callback: CallbackQuery, callback_data: PageCb, pager: Pager) -> None:
    t = pager.t
    if pager.user is None or not pager.user.has_consent:
        await callback.answer(t("button-outdated"), show_alert=True)
        return
    on = callback_data.action is PageAction.RESUME
    await pager.repos.users.set_notice(pager.user.id, Notice.FOLLOWED, on)
    await callback.answer()
    if on:
        await settle(callback.message, t("idea-news-resumed"))
        return
    await set_keyboard(callback.message, notice_kb(t, callback_data.idea, stop=False))
    if isinstance(callback.message, Message):
        await callback.message.answer(t("idea-news-stopped"), reply_markup=resume_kb(t))
