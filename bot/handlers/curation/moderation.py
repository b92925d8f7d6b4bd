"""Moderation: /moderate queue, decisions, bans."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from aiogram import Bot, F
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command, CommandObject, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import (
    CallbackQuery,
    InlineKeyboardMarkup,
    InputMediaAudio,
    InputMediaDocument,
    InputMediaLivePhoto,
    InputMediaPhoto,
    InputMediaVideo,
    Message,
    MessageOriginHiddenUser,
    MessageOriginUser,
)

from bot.config import Settings
from bot.handlers.curation.callbacks import ModCb
from bot.handlers.curation.keyboards import moderation_empty_kb, moderation_kb, moderation_move_kb
from bot.handlers.curation.states import ModerationInput
from bot.services.cards import NOTE_RESERVE, CardService
from bot.services.ideas import REASON_MAX, REASON_MIN, reason_problem
from bot.services.moderation import (
    REPORTERS_BUDGET,
    REPORTERS_SHOWN,
    Ban,
    ModerationService,
    parse_idea_number,
    reporters_text,
)
from bot.services.roles import parse_reference, person_label
from bot.storage.models import PUBLIC_STATUSES, Idea
from bot.storage.moderation import Duplicate
from bot.storage.repositories import Repos
from bot.storage.roles import Person
from bot.telegram.filters import IsStaff, Magic
from bot.telegram.i18n import Translate, Translator
from bot.telegram.messages import set_keyboard
from bot.telegram.routes import Routes
from bot.telegram.sender import deliver
from bot.text import has_visible, tidy, too_long

log = logging.getLogger(__name__)

router = Routes(name="moderation")
router.message.filter(IsStaff())
router.callback_query.filter(IsStaff())

# Everyone else pressing a moderation button (an old message, a forged callback): refused, nothing changes.
refusal_router = Routes(name="moderation-refusals")

PRIVATE = Magic(F.chat.type == "private")
TEXT = Magic(F.text & ~F.text.startswith("/"))
NEW_QUEUE = "new"
HIDDEN_QUEUE = "hidden"


@dataclass(frozen=True, slots=True)
class Ctx:
    """What every moderation handler needs, gathered once."""

    t: Translate
    lang: str
    repos: Repos
    cards: CardService
    service: ModerationService
    actor_id: int
    who: str


def _ctx(
    t: Translate,
    lang: str,
    bot: Bot,
    repos: Repos,
    translator: Translator,
    settings: Settings,
    cards: CardService,
    actor_id: int,
    who: str,
) -> Ctx:
    return Ctx(t, lang, repos, cards, ModerationService(bot, repos, translator, settings, cards), actor_id, who)


@dataclass(frozen=True, slots=True)
class View:
    body: str | None  # the idea's text as its own message when the card would be too long
    text: str
    markup: InlineKeyboardMarkup | None


def _is_hidden(idea: Idea) -> bool:
    return idea.hidden_at is not None and idea.status in PUBLIC_STATUSES


async def _curated(c: Ctx) -> list[int]:
    """Curators see their directions' new ideas first (then the others: any organizer may decide any idea)."""
    return await c.repos.roles.curator_directions(c.actor_id)


async def _who_did(c: Ctx, idea: Idea) -> str:
    actor = await c.repos.moderation.last_actor(idea.id, idea.status)
    if actor is None:
        return "—"
    person = await c.repos.users.get(actor)
    if person is None:
        return f"id {actor}"
    return person_label(actor, person.first_name, person.last_name, person.username)


async def _view(c: Ctx, idea: Idea, *, queue: bool, status: str | None = None, who: str | None = None) -> View:
    """An idea as /moderate shows it: the curator card in the moderator's language, with its buttons.

    queue: a header with how many wait (the idea is shown as part of a queue, not settled).
    status: a status line to show instead of the idea's own (e.g. "moved").
    """
    direction = await c.repos.directions.get(idea.direction_id)
    assert direction is not None
    notes: list[str] = []
    other = 0
    reserve = NOTE_RESERVE
    if _is_hidden(idea):
        other = (await c.repos.moderation.count_new())[0]
        if queue:
            notes.append(c.t("mod-queue-hidden", total=await c.repos.moderation.count_hidden()))
        notes.append(c.t("mod-hidden-note", reports=idea.reports_count, supports=idea.supports_count))
        reporters, total = await c.repos.moderation.reporters(idea.id, REPORTERS_SHOWN)
        if total:
            notes.append(reporters_text(c.t, reporters, total))
            reserve += REPORTERS_BUDGET
    elif idea.status == "new":
        other = await c.repos.moderation.count_hidden()
        if queue:
            curated = await _curated(c)
            total, mine = await c.repos.moderation.count_new(curated)
            head = c.t("mod-queue-new", total=total)
            if curated:
                head += c.t("mod-queue-mine", mine=mine)
            notes.append(head)
    if status is None:
        status = c.cards.status_line(idea, who if who is not None else await _who_did(c, idea), c.lang)
    card = c.cards.render(idea, direction, status, note="\n".join(notes) or None, lang=c.lang, note_reserve=reserve)
    markup = moderation_kb(c.t, idea, other)
    return View(card.separate_body, card.card, markup)


async def _send_view(message: Message, view: View) -> None:
    if view.body is not None:
        await message.answer(view.body, parse_mode=None)
    await message.answer(view.text, reply_markup=view.markup)


async def _edit_to(bot: Bot, chat_id: int, message_id: int, text: str, markup: InlineKeyboardMarkup | None) -> None:
    """Replace a moderation message; an edit that changes nothing (a double tap) is not an error."""
    try:
        await bot.edit_message_text(text, chat_id=chat_id, message_id=message_id, reply_markup=markup)
    except TelegramBadRequest as exc:
        if "message is not modified" not in exc.message:
            log.warning("moderation message %s in %s not updated: %s", message_id, chat_id, exc.message)


async def _settle(bot: Bot, c: Ctx, chat_id: int, message_id: int, idea_id: int, status: str | None = None) -> None:
    """The decided idea's message shows its new status (and only the buttons still useful)."""
    idea = await c.repos.ideas.get(idea_id)
    if idea is None:
        return
    view = await _view(c, idea, queue=False, status=status, who=c.who)
    await _edit_to(bot, chat_id, message_id, view.text, view.markup)


async def _show_first(message: Message, c: Ctx, queue: str, after: Idea | None = None) -> None:
    """The next idea of a queue as a new message, or what is left when the queue is empty."""
    if queue == HIDDEN_QUEUE:
        idea = await c.repos.moderation.next_hidden(after.id if after is not None else 0)
    else:
        idea = await c.repos.moderation.next_new(await _curated(c), after)
    if idea is not None:
        await _send_view(message, await _view(c, idea, queue=True))
        return
    text, markup = await _empty(c, queue)
    await message.answer(text, reply_markup=markup)


async def _empty(c: Ctx, queue: str) -> tuple[str, InlineKeyboardMarkup | None]:
    new = (await c.repos.moderation.count_new())[0]
    hidden = await c.repos.moderation.count_hidden()
    if queue == HIDDEN_QUEUE:
        return c.t("mod-hidden-empty"), moderation_empty_kb(c.t, new, 0)
    return c.t("mod-queue-empty"), moderation_empty_kb(c.t, 0, hidden)


# --- /moderate ------------------------------------------------------------------------------


@router.message(Command("moderate"), PRIVATE)
async def cmd_moderate(
    message: Message,
    command: CommandObject,
    state: FSMContext,
    t: Translate,
    lang: str,
    bot: Bot,
    repos: Repos,
    translator: Translator,
    settings: Settings,
    cards: CardService,
) -> None:
    assert message.from_user is not None
    c = _ctx(t, lang, bot, repos, translator, settings, cards, message.from_user.id, message.from_user.full_name)
    current = await state.get_state()
    if current is not None and current.startswith(ModerationInput.__name__):
        await state.clear()
    args = (command.args or "").strip()
    if not args:
        await _show_first(message, c, NEW_QUEUE)
        return
    number = parse_idea_number(args)
    if number is None:
        await message.answer(t("mod-usage"))
        return
    idea = await repos.ideas.get(number)
    if idea is None:
        await message.answer(t("mod-idea-missing", number=number))
        return
    await _send_view(message, await _view(c, idea, queue=False))


@router.message(Command("moderate"))
async def cmd_moderate_in_group(message: Message, t: Translate) -> None:
    await message.reply(t("mod-private-only"))


# --- buttons ----------------------------------------------------------------------------------


def _where(callback: CallbackQuery) -> Message | None:
    message = callback.message
    return message if isinstance(message, Message) else None


@router.callback_query(ModCb.filter(F.action.in_({NEW_QUEUE, HIDDEN_QUEUE})))
async def open_queue(
    callback: CallbackQuery,
    callback_data: ModCb,
    t: Translate,
    lang: str,
    bot: Bot,
    repos: Repos,
    translator: Translator,
    settings: Settings,
    cards: CardService,
) -> None:
    c = _ctx(t, lang, bot, repos, translator, settings, cards, callback.from_user.id, callback.from_user.full_name)
    await callback.answer()
    message = _where(callback)
    if message is not None:
        await _show_first(message, c, callback_data.action)


@router.callback_query(ModCb.filter())
async def idea_button(
    callback: CallbackQuery,
    callback_data: ModCb,
    state: FSMContext,
    t: Translate,
    lang: str,
    bot: Bot,
    repos: Repos,
    translator: Translator,
    settings: Settings,
    cards: CardService,
) -> None:
    c = _ctx(t, lang, bot, repos, translator, settings, cards, callback.from_user.id, callback.from_user.full_name)
    idea = await repos.ideas.get(callback_data.idea_id)
    message = _where(callback)
    if idea is None or message is None:
        await callback.answer(t("card-missing"), show_alert=True)
        return
    action = callback_data.action
    handler = BUTTONS.get(action)
    if handler is None:
        await callback.answer(t("button-outdated"), show_alert=True)
        return
    await handler(callback, callback_data, message, idea, c, bot, state)


async def _approve(
    callback: CallbackQuery, data: ModCb, message: Message, idea: Idea, c: Ctx, bot: Bot, state: FSMContext
) -> None:
    if not await c.service.record_status(idea.id, "accepted", c.actor_id):
        await callback.answer(c.t("card-already"), show_alert=True)
        return
    await callback.answer(c.t("mod-approved-toast", number=idea.id))
    await _settle(bot, c, message.chat.id, message.message_id, idea.id)
    await c.service.announce_status(idea.id, "accepted", c.who)
    await _show_first(message, c, NEW_QUEUE, after=idea)


async def _step(
    callback: CallbackQuery, data: ModCb, message: Message, idea: Idea, c: Ctx, bot: Bot, state: FSMContext
) -> None:
    """In progress / implemented: the idea's message is updated in place."""
    status = "in_progress" if data.action == "prog" else "implemented"
    if not await c.service.record_status(idea.id, status, c.actor_id):
        await callback.answer(c.t("card-already"), show_alert=True)
        return
    await callback.answer(c.t("mod-step-toast", number=idea.id))
    await _settle(bot, c, message.chat.id, message.message_id, idea.id)
    await c.service.announce_status(idea.id, status, c.who)


async def _ask(
    callback: CallbackQuery, data: ModCb, message: Message, idea: Idea, c: Ctx, bot: Bot, state: FSMContext
) -> None:
    """Reject (asks for the reason), reject a hidden idea, mark as a duplicate (asks for the number)."""
    hidden = data.action == "hrej"
    if (hidden and not _is_hidden(idea)) or (not hidden and idea.status != "new"):
        await callback.answer(c.t("card-already"), show_alert=True)
        return
    await callback.answer()
    if data.action == "dup":
        await message.answer(c.t("mod-dup-ask", number=idea.id))
        await state.set_state(ModerationInput.duplicate)
    else:
        await message.answer(c.t("mod-reason-ask", number=idea.id, min=REASON_MIN, max=REASON_MAX))
        await state.set_state(ModerationInput.reason)
    await state.set_data(
        {"idea_id": idea.id, "chat_id": message.chat.id, "message_id": message.message_id, "hidden": hidden}
    )


async def _move_menu(
    callback: CallbackQuery, data: ModCb, message: Message, idea: Idea, c: Ctx, bot: Bot, state: FSMContext
) -> None:
    if idea.status != "new":
        await callback.answer(c.t("card-already"), show_alert=True)
        return
    await callback.answer()
    markup: InlineKeyboardMarkup | None
    if data.action == "mv":
        markup = moderation_move_kb(c.t, idea.id, await c.repos.directions.all(), idea.direction_id, c.lang)
    else:
        markup = moderation_kb(c.t, idea, await c.repos.moderation.count_hidden())
    if markup is not None:
        await set_keyboard(message, markup)


async def _move_to(
    callback: CallbackQuery, data: ModCb, message: Message, idea: Idea, c: Ctx, bot: Bot, state: FSMContext
) -> None:
    previous = await c.service.record_move(idea.id, data.value, c.actor_id)
    target = await c.repos.directions.get(data.value)
    if previous is None or target is None:
        await callback.answer(c.t("card-already"), show_alert=True)
        return
    await callback.answer(c.t("card-moved-toast"))
    moved = c.t("card-status-moved", direction=target.label(c.lang), who=c.who)
    direction_before = await c.repos.directions.get(idea.direction_id)
    assert direction_before is not None
    card = c.cards.render(idea, direction_before, moved, lang=c.lang)
    await _edit_to(bot, message.chat.id, message.message_id, card.card, None)
    await c.service.announce_move(idea.id, previous, c.who)
    await _show_first(message, c, NEW_QUEUE, after=idea)


async def _skip(
    callback: CallbackQuery, data: ModCb, message: Message, idea: Idea, c: Ctx, bot: Bot, state: FSMContext
) -> None:
    """The next idea of the same queue replaces this one (the skipped one comes round again at the end)."""
    queue = HIDDEN_QUEUE if data.action == "hskip" else NEW_QUEUE
    if queue == HIDDEN_QUEUE:
        following = await c.repos.moderation.next_hidden(idea.id)
    else:
        following = await c.repos.moderation.next_new(await _curated(c), after=idea)
    if following is not None and following.id == idea.id:
        await callback.answer(c.t("mod-skip-only"), show_alert=True)
        return
    await callback.answer()
    if following is None:
        text, markup = await _empty(c, queue)
        await _edit_to(bot, message.chat.id, message.message_id, text, markup)
        return
    view = await _view(c, following, queue=True)
    if view.body is not None:
        await _send_view(message, view)  # a long idea needs its text above the card: a new message
    else:
        await _edit_to(bot, message.chat.id, message.message_id, view.text, view.markup)


async def _restore(
    callback: CallbackQuery, data: ModCb, message: Message, idea: Idea, c: Ctx, bot: Bot, state: FSMContext
) -> None:
    if not await c.service.restore(idea.id, c.actor_id):
        await callback.answer(c.t("card-already"), show_alert=True)
        return
    await callback.answer(c.t("mod-restored-toast", number=idea.id))
    await _settle(bot, c, message.chat.id, message.message_id, idea.id, status=c.t("mod-status-restored", who=c.who))
    await _show_first(message, c, HIDDEN_QUEUE, after=idea)


async def _photos(
    callback: CallbackQuery, data: ModCb, message: Message, idea: Idea, c: Ctx, bot: Bot, state: FSMContext
) -> None:
    if not idea.photos:
        await callback.answer(c.t("mod-no-photos"), show_alert=True)
        return
    await callback.answer()
    chat_id = message.chat.id
    what = f"photos of idea #{idea.id} to {chat_id}"
    if len(idea.photos) == 1:
        photo = idea.photos[0]
        await deliver(what, lambda: bot.send_photo(chat_id, photo, caption=f"#{idea.id}"))
        return
    media: list[InputMediaAudio | InputMediaDocument | InputMediaLivePhoto | InputMediaPhoto | InputMediaVideo] = [
        InputMediaPhoto(media=file_id, caption=f"#{idea.id}" if n == 0 else None)
        for n, file_id in enumerate(idea.photos)
    ]
    await deliver(what, lambda: bot.send_media_group(chat_id, media))


BUTTONS = {
    "ok": _approve,
    "prog": _step,
    "impl": _step,
    "rej": _ask,
    "hrej": _ask,
    "dup": _ask,
    "mv": _move_menu,
    "back": _move_menu,
    "mvto": _move_to,
    "skip": _skip,
    "hskip": _skip,
    "rst": _restore,
    "photos": _photos,
}


# --- typed answers: the rejection reason, the number of the original ---------------------------


@router.message(StateFilter(ModerationInput.reason), PRIVATE, TEXT)
async def reason_typed(
    message: Message,
    state: FSMContext,
    t: Translate,
    lang: str,
    bot: Bot,
    repos: Repos,
    translator: Translator,
    settings: Settings,
    cards: CardService,
) -> None:
    assert message.text is not None and message.from_user is not None
    c = _ctx(t, lang, bot, repos, translator, settings, cards, message.from_user.id, message.from_user.full_name)
    reason = tidy(message.text)
    problem = reason_problem(reason)
    if problem is not None:
        key, args = problem
        await message.answer(t(key, **args))
        return
    data = await state.get_data()
    await state.clear()
    idea_id, hidden = int(data.get("idea_id", 0)), bool(data.get("hidden"))
    recorded = await c.service.record_status(
        idea_id, status="rejected", actor_id=c.actor_id, reason=reason, from_hidden=hidden
    )
    idea = await repos.ideas.get(idea_id)
    if idea is None or not recorded:
        await message.answer(t("card-already"))
        return
    await _settle(bot, c, int(data["chat_id"]), int(data["message_id"]), idea_id)
    await c.service.announce_status(idea_id, "rejected", c.who, reason)
    await message.answer(t("mod-rejected-done", number=idea_id))
    await _show_first(message, c, HIDDEN_QUEUE if hidden else NEW_QUEUE, after=idea)


@router.message(StateFilter(ModerationInput.duplicate), PRIVATE, TEXT)
async def duplicate_typed(
    message: Message,
    state: FSMContext,
    t: Translate,
    lang: str,
    bot: Bot,
    repos: Repos,
    translator: Translator,
    settings: Settings,
    cards: CardService,
) -> None:
    assert message.text is not None and message.from_user is not None
    c = _ctx(t, lang, bot, repos, translator, settings, cards, message.from_user.id, message.from_user.full_name)
    data = await state.get_data()
    idea_id = int(data.get("idea_id", 0))
    of_id = parse_idea_number(message.text)
    if of_id is None:
        await message.answer(t("mod-dup-not-number", number=idea_id))
        return
    outcome, chain = await c.service.record_duplicate(idea_id, of_id, c.actor_id)
    if outcome is Duplicate.SELF:
        await message.answer(t("mod-dup-self", number=idea_id))
        return
    if outcome is Duplicate.MISSING:
        await message.answer(t("mod-dup-missing", original=of_id))
        return
    if outcome is Duplicate.CHAIN:
        await message.answer(t("mod-dup-chain", original=of_id, first=chain or 0))
        return
    if outcome is Duplicate.CLOSED:
        await message.answer(t("mod-dup-closed", original=of_id))
        return
    await state.clear()
    if outcome is Duplicate.ALREADY:
        await message.answer(t("card-already"))
        return
    idea = await repos.ideas.get(idea_id)
    await _settle(bot, c, int(data["chat_id"]), int(data["message_id"]), idea_id)
    await c.service.announce_duplicate(idea_id, of_id, c.who)
    await message.answer(t("mod-dup-done", number=idea_id, original=of_id))
    await _show_first(message, c, NEW_QUEUE, after=idea)


@router.message(StateFilter(ModerationInput.reason, ModerationInput.duplicate), PRIVATE, ~Magic(F.text))
async def answer_not_text(message: Message, state: FSMContext, t: Translate) -> None:
    current = await state.get_state()
    await message.answer(t("mod-need-number" if current == ModerationInput.duplicate.state else "hint-reason"))


# --- /ban and /unban ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Target:
    user_id: int | None = None
    username: str | None = None
    problem: str | None = None  # a message key: why the person cannot be told apart
    name: str = ""


def _target_of(message: Message) -> Target:
    """The author of a forwarded message (or of a replied-to one in a group)."""
    origin = message.forward_origin
    if isinstance(origin, MessageOriginHiddenUser):
        return Target(problem="mod-ban-hidden", name=origin.sender_user_name)
    if origin is not None and not isinstance(origin, MessageOriginUser):
        return Target(problem="mod-ban-not-person")
    user = origin.sender_user if isinstance(origin, MessageOriginUser) else message.from_user
    if user is None or user.is_bot:
        return Target(problem="mod-ban-not-person")
    return Target(user_id=user.id, name=user.full_name)


def _split(text: str) -> tuple[Target | None, str]:
    """ "@name reason…" / "123 reason…" → (the person, the reason)."""
    first, _, rest = text.strip().partition(" ")
    reference = parse_reference(first)
    if reference is None:
        return None, ""
    # A reason is optional: one with nothing visible in it is no reason (never shown to the person as blank).
    reason = tidy(rest) if has_visible(rest) else ""
    if isinstance(reference, int):
        return Target(user_id=reference), reason
    return Target(username=reference), reason


async def _apply_ban(
    message: Message,
    action: str,
    target: Target,
    reason: str,
    t: Translate,
    repos: Repos,
    service: ModerationService,
    actor_id: int,
) -> bool:
    """Ban or unban; answers the organizer. False when the input should be given again."""
    if target.problem is not None:
        await message.answer(t(target.problem, name=target.name or "—"))
        return False
    if too_long(reason, REASON_MAX) is not None:
        await message.answer(t("mod-ban-reason-long", max=REASON_MAX))
        return False
    if action == "ban" and target.user_id is not None and await service.is_protected(target.user_id):
        await message.answer(t("mod-ban-protected", name=target.name or f"id {target.user_id}"))
        return True
    person: Person | None
    if target.user_id is not None:
        person = await repos.roles.find_person(user_id=target.user_id)
        shown = target.name or f"id {target.user_id}"
    else:
        person = await repos.roles.find_person(username=target.username)
        shown = f"@{target.username}"
    if person is None:
        await message.answer(t("mod-ban-unknown", name=shown))
        return False
    name = person_label(person.id, person.first_name, person.last_name, person.username)
    if action == "ban":
        outcome = await service.ban(actor_id, person, reason or None)
        key = {Ban.DONE: "mod-banned", Ban.ALREADY: "mod-ban-already", Ban.PROTECTED: "mod-ban-protected"}[outcome]
        await message.answer(t(key, name=name))
        return True
    done, told = await service.unban(actor_id, person)
    if done is Ban.DONE:
        await message.answer(t("mod-unbanned", name=name) + ("" if told else "\n" + t("mod-unban-not-told")))
    else:
        await message.answer(t("mod-unban-not-banned", name=name))
    return True


@router.message(Command("ban", "unban"))
async def cmd_ban(
    message: Message,
    command: CommandObject,
    state: FSMContext,
    t: Translate,
    bot: Bot,
    repos: Repos,
    translator: Translator,
    settings: Settings,
    cards: CardService,
) -> None:
    assert message.from_user is not None
    service = ModerationService(bot, repos, translator, settings, cards)
    action = command.command.lower()
    args = (command.args or "").strip()
    replied = message.reply_to_message
    if replied is not None and (replied.forward_origin is not None or message.chat.type != "private"):
        # A reply to the person's message (in a group) or to a message of theirs forwarded here.
        await _apply_ban(message, action, _target_of(replied), args, t, repos, service, message.from_user.id)
        return
    if args:
        target, reason = _split(args)
        if target is None:
            await message.answer(t("mod-ban-usage", command="/" + action))
            return
        await _apply_ban(message, action, target, reason, t, repos, service, message.from_user.id)
        return
    if message.chat.type != "private":
        await message.answer(t("mod-ban-usage", command="/" + action))
        return
    await state.set_state(ModerationInput.ban_person)
    await state.set_data({"action": action})
    await message.answer(t("mod-ban-ask" if action == "ban" else "mod-unban-ask"))


@router.message(StateFilter(ModerationInput.ban_person), PRIVATE, Magic(F.forward_origin))
async def ban_forwarded(
    message: Message,
    state: FSMContext,
    t: Translate,
    bot: Bot,
    repos: Repos,
    translator: Translator,
    settings: Settings,
    cards: CardService,
) -> None:
    assert message.from_user is not None
    service = ModerationService(bot, repos, translator, settings, cards)
    action = "unban" if (await state.get_data()).get("action") == "unban" else "ban"
    if await _apply_ban(message, action, _target_of(message), "", t, repos, service, message.from_user.id):
        await state.clear()


@router.message(StateFilter(ModerationInput.ban_person), PRIVATE, TEXT)
async def ban_typed(
    message: Message,
    state: FSMContext,
    t: Translate,
    bot: Bot,
    repos: Repos,
    translator: Translator,
    settings: Settings,
    cards: CardService,
) -> None:
    assert message.text is not None and message.from_user is not None
    service = ModerationService(bot, repos, translator, settings, cards)
    action = "unban" if (await state.get_data()).get("action") == "unban" else "ban"
    target, reason = _split(message.text)
    if target is None:
        await message.answer(t("mod-ban-again"))
        return
    if await _apply_ban(message, action, target, reason, t, repos, service, message.from_user.id):
        await state.clear()


@router.message(StateFilter(ModerationInput.ban_person), PRIVATE)
async def ban_other(message: Message, t: Translate) -> None:
    await message.answer(t("mod-ban-again"))


# --- everyone else -------------------------------------------------------------------------------


@refusal_router.callback_query(ModCb.filter())
async def refuse_press(callback: CallbackQuery, t: Translate) -> None:
    log.info("refused moderation button from %s: %s", callback.from_user.id, callback.data)
    await callback.answer(t("not-allowed"), show_alert=True)
