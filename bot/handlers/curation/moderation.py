"""Moderation: /moderate queue, decisions, bans."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import Enum

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
    User,
)

from bot.handlers.curation.callbacks import ModAction, ModCb, ReasonAction, ReasonCb, ReasonFrom
from bot.handlers.curation.guards import (
    open_to,
    preview,
    preview_pressed,
    reason_checked,
    reason_of,
    typed_at_preview,
)
from bot.handlers.curation.keyboards import moderation_empty_kb, moderation_kb, moderation_move_kb
from bot.handlers.curation.states import ModerationInput
from bot.handlers.ideas.page_screen import survey_lines
from bot.handlers.projects.choose import send_panel
from bot.services.cards import NOTE_RESERVE, CardService
from bot.services.ideas import REASON_MAX, REASON_MIN
from bot.services.moderation import (
    REPORTERS_BUDGET,
    REPORTERS_SHOWN,
    Answer,
    Ban,
    Decided,
    Decision,
    ModerationService,
    Step,
    Verdict,
    is_hidden,
    parse_idea_number,
    reporters_text,
)
from bot.services.projects import ProjectService
from bot.services.public import excerpt
from bot.services.roles import parse_reference, person_label
from bot.storage.models import Idea
from bot.storage.repositories import Repos
from bot.storage.roles import Person
from bot.telegram.filters import IsStaff, Magic, Typed
from bot.telegram.i18n import Html, Translate
from bot.telegram.messages import drop_keyboard, set_keyboard, settle
from bot.telegram.routes import Routes
from bot.telegram.sender import deliver
from bot.text import has_visible, tidy, too_long

log = logging.getLogger(__name__)
SURVEY_RESERVE = 900  # room on the card for the residents' answers on a project's result (issue 15)

router = Routes(name="moderation")  # staff, then refusals

staff = Routes(name="moderation-staff")  # superadmins and organizers (its filters follow `Ctx`, below)

# Everyone else pressing a moderation button (an old message, a forged callback): refused, nothing changes.
refusals = Routes(name="moderation-refusals")
router.include_routers(staff, refusals)

PRIVATE = Magic(F.chat.type == "private")
TEXT = Typed(text=True)


class Queue(Enum):
    NEW = "new"  # new ideas
    HIDDEN = "hidden"  # ideas hidden by reports


QUEUE_OF = {ModAction.NEW: Queue.NEW, ModAction.HIDDEN: Queue.HIDDEN}  # the buttons that open a queue
# A duplicate's original that does not fit: the moderator is told why and may give another number.
DUPLICATE_PROBLEMS = {
    Verdict.SELF: "mod-dup-self",
    Verdict.NO_ORIGINAL: "mod-dup-missing",
    Verdict.CHAIN: "mod-dup-chain",
    Verdict.CLOSED: "mod-dup-closed",
}


@dataclass(frozen=True, slots=True)
class Ctx:
    """What every moderation handler needs, gathered once."""

    t: Translate
    lang: str
    service: ModerationService
    actor_id: int
    who: str

    @classmethod
    def of(cls, t: Translate, lang: str, service: ModerationService, user: User) -> Ctx:
        return cls(t, lang, service, user.id, user.full_name)

    @property
    def repos(self) -> Repos:
        return self.service.repos

    @property
    def cards(self) -> CardService:
        return self.service.cards

    @property
    def bot(self) -> Bot:
        return self.service.bot

    def decision(
        self, step: Step, idea_id: int, reason: str | None = None, from_hidden: bool = False, target: int = 0
    ) -> Decision:
        """A decision by the moderator (the same path as a curator card's)."""
        return Decision(step, idea_id, self.actor_id, self.who, reason, from_hidden, target)


async def moderating(
    event: Message | CallbackQuery, t: Translate, lang: str, moderation: ModerationService
) -> dict[str, Ctx] | bool:
    """A router filter that hands the staff's handlers their `c`, made once for the update (the moderator is its
    sender)."""
    if event.from_user is None:
        return False
    return {"c": Ctx.of(t, lang, moderation, event.from_user)}


staff.message.filter(IsStaff(), moderating)
staff.callback_query.filter(IsStaff(), moderating)


@dataclass(frozen=True, slots=True)
class View:
    body: str | None  # the idea's text as its own message when the card would be too long
    text: str
    markup: InlineKeyboardMarkup | None


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
    if is_hidden(idea):
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
    if idea.status == "implemented":  # residents on the project's result, and their latest comments (issue 15)
        results = list(await survey_lines(c.t, c.repos, idea.id))
        for _, answer, comment in await c.repos.surveys.comments(idea.id):
            said = c.t(f"survey-btn-{answer}")
            results.append(c.t("survey-comment-line", answer=said, comment=excerpt(comment, 150)))
        if results:
            notes.append("\n".join(results))
            reserve += SURVEY_RESERVE
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


async def _settle(c: Ctx, chat_id: int, message_id: int, idea_id: int, status: str | None = None) -> None:
    """The decided idea's message shows its new status (and only the buttons still useful)."""
    idea = await c.repos.ideas.get(idea_id)
    if idea is None:
        return
    view = await _view(c, idea, queue=False, status=status, who=c.who)
    await _edit_to(c.bot, chat_id, message_id, view.text, view.markup)


async def _show_first(message: Message, c: Ctx, queue: Queue, after: Idea | None = None) -> None:
    """The next idea of a queue as a new message, or what is left when the queue is empty."""
    if queue is Queue.HIDDEN:
        idea = await c.repos.moderation.next_hidden(after.id if after is not None else 0)
    else:
        idea = await c.repos.moderation.next_new(await _curated(c), after)
    if idea is not None:
        await _send_view(message, await _view(c, idea, queue=True))
        return
    text, markup = await _empty(c, queue)
    await message.answer(text, reply_markup=markup)


async def _empty(c: Ctx, queue: Queue) -> tuple[str, InlineKeyboardMarkup | None]:
    new = (await c.repos.moderation.count_new())[0]
    hidden = await c.repos.moderation.count_hidden()
    if queue is Queue.HIDDEN:
        return c.t("mod-hidden-empty"), moderation_empty_kb(c.t, new, 0)
    return c.t("mod-queue-empty"), moderation_empty_kb(c.t, 0, hidden)


# --- /moderate ------------------------------------------------------------------------------


@staff.message(Command("moderate"), PRIVATE)
async def cmd_moderate(
    message: Message, command: CommandObject, state: FSMContext, c: Ctx, projects: ProjectService
) -> None:
    t = c.t
    current = await state.get_state()
    if current is not None and current.startswith(ModerationInput.__name__):
        await state.clear()
    args = (command.args or "").strip()
    if not args:
        await _show_first(message, c, Queue.NEW)
        return
    number = parse_idea_number(args)
    if number is None:
        await message.answer(t("mod-usage"))
        return
    idea = await c.repos.ideas.get(number)
    if idea is None:
        await message.answer(t("mod-idea-missing", number=number))
        return
    await _send_view(message, await _view(c, idea, queue=False))
    if await c.repos.projects.people(idea.id):  # a project with applicants: its panel follows (issue 15)
        await send_panel(message, t, projects, idea.id)


@staff.message(Command("moderate"))
async def cmd_moderate_in_group(message: Message, t: Translate) -> None:
    await message.reply(t("mod-private-only"))


# --- buttons ----------------------------------------------------------------------------------


@staff.callback_query(ModCb.filter(F.action.in_(QUEUE_OF.keys())))
async def open_queue(callback: CallbackQuery, callback_data: ModCb, c: Ctx) -> None:
    await callback.answer()
    if isinstance(callback.message, Message):
        await _show_first(callback.message, c, QUEUE_OF[callback_data.action])


@dataclass(frozen=True, slots=True)
class Press:
    """A button pressed under an idea shown by /moderate."""

    callback: CallbackQuery
    data: ModCb
    message: Message  # the idea's message
    idea: Idea  # as it was when pressed
    state: FSMContext

    async def decide(self, c: Ctx, decision: Decision, answer: Answer) -> bool:
        """Take the decision pressed for (``answer`` once it is taken); False, the press refused, when it was not:
        the idea is gone, or it was decided meanwhile."""
        decided = await c.service.decide(decision, answer)
        if decided.verdict is Verdict.DONE:
            return True
        await self.callback.answer(
            c.t("card-missing" if decided.verdict is Verdict.MISSING else "card-already"), show_alert=True
        )
        return False

    def settles(self, c: Ctx, toast: str, status: str | None = None) -> Answer:
        """The answer to a decision taken: the toast, then the idea's message shows its new status."""

        async def answer(_: Decided) -> None:
            await self.callback.answer(toast)
            await _settle(c, self.message.chat.id, self.message.message_id, self.idea.id, status)

        return answer


@staff.callback_query(ModCb.filter())
async def idea_button(callback: CallbackQuery, callback_data: ModCb, state: FSMContext, c: Ctx) -> None:
    idea = await c.repos.ideas.get(callback_data.idea_id)
    message = callback.message
    if idea is None or not isinstance(message, Message):
        await callback.answer(c.t("card-missing"), show_alert=True)
        return
    handler = BUTTONS.get(callback_data.action)
    if handler is None:
        await callback.answer(c.t("button-outdated"), show_alert=True)
        return
    await handler(Press(callback, callback_data, message, idea, state), c)


async def _approve(press: Press, c: Ctx) -> None:
    idea = press.idea
    answer = press.settles(c, c.t("mod-approved-toast", number=idea.id))
    if await press.decide(c, c.decision(Step.ACCEPT, idea.id), answer):
        await _show_first(press.message, c, Queue.NEW, after=idea)


async def _step(press: Press, c: Ctx) -> None:
    """In progress / implemented: the idea's message is updated in place."""
    idea = press.idea
    step = Step.IN_PROGRESS if press.data.action is ModAction.PROGRESS else Step.IMPLEMENTED
    await press.decide(c, c.decision(step, idea.id), press.settles(c, c.t("mod-step-toast", number=idea.id)))


async def _ask(press: Press, c: Ctx) -> None:
    """Reject (asks for the reason), reject a hidden idea, mark as a duplicate (asks for the number)."""
    idea, message, state = press.idea, press.message, press.state
    hidden = press.data.action is ModAction.HIDDEN_REJECT
    duplicate = press.data.action is ModAction.DUPLICATE
    if await open_to(press.callback, c.t, idea, Step.DUPLICATE if duplicate else Step.REJECT, hidden) is None:
        return
    if duplicate:
        await message.answer(c.t("mod-dup-ask", number=idea.id))
        await state.set_state(ModerationInput.duplicate)
    else:
        await message.answer(c.t("reject-mod-ask", number=idea.id, min=REASON_MIN, max=REASON_MAX))
        await state.set_state(ModerationInput.reason)
    await state.set_data(
        {"idea_id": idea.id, "chat_id": message.chat.id, "message_id": message.message_id, "hidden": hidden}
    )


async def _move_menu(press: Press, c: Ctx) -> None:
    idea = press.idea
    if await open_to(press.callback, c.t, idea, Step.MOVE) is None:
        return
    markup: InlineKeyboardMarkup | None
    if press.data.action is ModAction.MOVE:
        markup = moderation_move_kb(c.t, idea.id, await c.repos.directions.all(), idea.direction_id, c.lang)
    else:
        markup = moderation_kb(c.t, idea, await c.repos.moderation.count_hidden())
    if markup is not None:
        await set_keyboard(press.message, markup)


async def _move_to(press: Press, c: Ctx) -> None:
    idea, message = press.idea, press.message

    async def answer(decided: Decided) -> None:
        assert decided.previous is not None and decided.target is not None
        await press.callback.answer(c.t("card-moved-toast"))
        moved = c.t("card-status-moved", direction=decided.target.label(c.lang), who=c.who)
        card = c.cards.render(idea, decided.previous, moved, lang=c.lang)  # the card as it was, with where it went
        await _edit_to(c.bot, message.chat.id, message.message_id, card.card, None)

    if await press.decide(c, c.decision(Step.MOVE, idea.id, target=press.data.value), answer):
        await _show_first(message, c, Queue.NEW, after=idea)


async def _skip(press: Press, c: Ctx) -> None:
    """The next idea of the same queue replaces this one (the skipped one comes round again at the end)."""
    idea, message = press.idea, press.message
    queue = Queue.HIDDEN if press.data.action is ModAction.HIDDEN_SKIP else Queue.NEW
    if queue is Queue.HIDDEN:
        following = await c.repos.moderation.next_hidden(idea.id)
    else:
        following = await c.repos.moderation.next_new(await _curated(c), after=idea)
    if following is not None and following.id == idea.id:
        await press.callback.answer(c.t("mod-skip-only"), show_alert=True)
        return
    await press.callback.answer()
    if following is None:
        text, markup = await _empty(c, queue)
        await _edit_to(c.bot, message.chat.id, message.message_id, text, markup)
        return
    view = await _view(c, following, queue=True)
    if view.body is not None:
        await _send_view(message, view)  # a long idea needs its text above the card: a new message
    else:
        await _edit_to(c.bot, message.chat.id, message.message_id, view.text, view.markup)


async def _restore(press: Press, c: Ctx) -> None:
    idea = press.idea
    answer = press.settles(c, c.t("mod-restored-toast", number=idea.id), c.t("mod-status-restored", who=c.who))
    if await press.decide(c, c.decision(Step.RESTORE, idea.id), answer):
        await _show_first(press.message, c, Queue.HIDDEN, after=idea)


async def _photos(press: Press, c: Ctx) -> None:
    idea = press.idea
    if not idea.photos:
        await press.callback.answer(c.t("mod-no-photos"), show_alert=True)
        return
    await press.callback.answer()
    chat_id, bot = press.message.chat.id, c.bot
    what = f"photos of idea #{idea.id} to {chat_id}"
    caption = c.t("number-label", number=idea.id)
    if len(idea.photos) == 1:
        photo = idea.photos[0]
        await deliver(what, lambda: bot.send_photo(chat_id, photo, caption=caption))
        return
    media: list[InputMediaAudio | InputMediaDocument | InputMediaLivePhoto | InputMediaPhoto | InputMediaVideo] = [
        InputMediaPhoto(media=file_id, caption=caption if n == 0 else None)
        for n, file_id in enumerate(idea.photos)
    ]
    await deliver(what, lambda: bot.send_media_group(chat_id, media))


BUTTONS = {
    ModAction.APPROVE: _approve,
    ModAction.PROGRESS: _step,
    ModAction.IMPLEMENTED: _step,
    ModAction.REJECT: _ask,
    ModAction.HIDDEN_REJECT: _ask,
    ModAction.DUPLICATE: _ask,
    ModAction.MOVE: _move_menu,
    ModAction.BACK: _move_menu,
    ModAction.MOVE_TO: _move_to,
    ModAction.SKIP: _skip,
    ModAction.HIDDEN_SKIP: _skip,
    ModAction.RESTORE: _restore,
    ModAction.PHOTOS: _photos,
}


# --- typed answers: the rejection reason, the number of the original ---------------------------


@staff.message(StateFilter(ModerationInput.reason), PRIVATE, TEXT)
async def reason_typed(message: Message, state: FSMContext, c: Ctx) -> None:
    """Backing out («нет», «отмена»), a refusal (too short), or the preview of what the author will get."""
    assert message.text is not None
    t = c.t
    data = await state.get_data()
    typed = await reason_checked(message, t, state, c.repos, int(data.get("idea_id", 0)), bool(data.get("hidden")))
    if typed is None:
        return
    idea, reason = typed
    await preview(message, t, c.cards, idea, reason, ReasonFrom.MODERATE, c.actor_id)
    await state.set_state(ModerationInput.confirm)
    await state.update_data(reason=reason)


@staff.message(StateFilter(ModerationInput.confirm), PRIVATE, TEXT)
async def typed_at_moderate_preview(message: Message, state: FSMContext, c: Ctx) -> None:
    await typed_at_preview(message, c.t, state, ReasonFrom.MODERATE)


@staff.callback_query(ReasonCb.filter(F.origin == ReasonFrom.MODERATE))
async def reason_button(callback: CallbackQuery, callback_data: ReasonCb, state: FSMContext, c: Ctx) -> None:
    """Send (the decision taken, the author told, the next idea), Edit (asked again) or Back under a preview."""
    t = c.t
    reason = await reason_of(callback, callback_data, state, t)
    shown = callback.message
    if reason is None or not isinstance(shown, Message):
        return
    data = await state.get_data()
    idea_id, hidden = callback_data.idea_id, bool(data.get("hidden"))
    idea = await preview_pressed(callback, shown, callback_data, t, state, c.repos, hidden)
    if idea is None:
        return
    if callback_data.action is ReasonAction.EDIT:
        await callback.answer()
        await drop_keyboard(shown)
        await state.set_state(ModerationInput.reason)
        await shown.answer(t("reject-mod-ask", number=idea_id, min=REASON_MIN, max=REASON_MAX))
        return
    notice = Html(await c.cards.notice_text(idea, "notify-rejected", reason=reason))
    await state.clear()

    async def answer(_: Decided) -> None:
        await callback.answer(t("card-rejected-toast"))
        await settle(shown, t("reject-sent", number=idea_id, notice=notice))
        await _settle(c, int(data["chat_id"]), int(data["message_id"]), idea_id)

    decided = await c.service.decide(c.decision(Step.REJECT, idea_id, reason, from_hidden=hidden), answer)
    if decided.verdict is not Verdict.DONE:
        await callback.answer(t("card-already"), show_alert=True)
        await settle(shown, t("reject-already", number=idea_id))
        return
    await _show_first(shown, c, Queue.HIDDEN if hidden else Queue.NEW, after=decided.idea)


@staff.message(StateFilter(ModerationInput.duplicate), PRIVATE, TEXT)
async def duplicate_typed(message: Message, state: FSMContext, c: Ctx) -> None:
    assert message.text is not None
    t = c.t
    data = await state.get_data()
    idea_id = int(data.get("idea_id", 0))
    of_id = parse_idea_number(message.text)
    if of_id is None:
        await message.answer(t("mod-dup-not-number", number=idea_id))
        return

    async def answer(_: Decided) -> None:
        await state.clear()
        await _settle(c, int(data["chat_id"]), int(data["message_id"]), idea_id)

    decided = await c.service.decide(c.decision(Step.DUPLICATE, idea_id, target=of_id), answer)
    problem = DUPLICATE_PROBLEMS.get(decided.verdict)
    if problem is not None:
        await message.answer(t(problem, number=idea_id, original=of_id, first=decided.chain or 0))
        return
    if decided.verdict is not Verdict.DONE:
        await state.clear()
        await message.answer(t("card-already"))
        return
    await message.answer(t("mod-dup-done", number=idea_id, original=of_id))
    await _show_first(message, c, Queue.NEW, after=decided.idea)


@staff.message(StateFilter(ModerationInput.reason, ModerationInput.duplicate), PRIVATE, ~Magic(F.text))
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
    message: Message, action: str, target: Target, reason: str, t: Translate, service: ModerationService
) -> bool:
    """Ban or unban (by the sender of ``message``); answers the organizer. False when the input should be given
    again."""
    assert message.from_user is not None
    repos, actor_id = service.repos, message.from_user.id
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


@staff.message(Command("ban", "unban"))
async def cmd_ban(
    message: Message, command: CommandObject, state: FSMContext, t: Translate, moderation: ModerationService
) -> None:
    assert message.from_user is not None
    action = command.command.lower()
    args = (command.args or "").strip()
    replied = message.reply_to_message
    if replied is not None and (replied.forward_origin is not None or message.chat.type != "private"):
        # A reply to the person's message (in a group) or to a message of theirs forwarded here.
        await _apply_ban(message, action, _target_of(replied), args, t, moderation)
        return
    if args:
        target, reason = _split(args)
        if target is None:
            await message.answer(t("mod-ban-usage", command="/" + action))
            return
        await _apply_ban(message, action, target, reason, t, moderation)
        return
    if message.chat.type != "private":
        await message.answer(t("mod-ban-usage", command="/" + action))
        return
    await state.set_state(ModerationInput.ban_person)
    await state.set_data({"action": action})
    await message.answer(t("mod-ban-ask" if action == "ban" else "mod-unban-ask"))


@staff.message(StateFilter(ModerationInput.ban_person), PRIVATE, Magic(F.forward_origin))
async def ban_forwarded(message: Message, state: FSMContext, t: Translate, moderation: ModerationService) -> None:
    action = "unban" if (await state.get_data()).get("action") == "unban" else "ban"
    if await _apply_ban(message, action, _target_of(message), "", t, moderation):
        await state.clear()


@staff.message(StateFilter(ModerationInput.ban_person), PRIVATE, TEXT)
async def ban_typed(message: Message, state: FSMContext, t: Translate, moderation: ModerationService) -> None:
    assert message.text is not None
    action = "unban" if (await state.get_data()).get("action") == "unban" else "ban"
    target, reason = _split(message.text)
    if target is None:
        await message.answer(t("mod-ban-again"))
        return
    if await _apply_ban(message, action, target, reason, t, moderation):
        await state.clear()


@staff.message(StateFilter(ModerationInput.ban_person), PRIVATE, Typed())
async def ban_other(message: Message, t: Translate) -> None:
    await message.answer(t("mod-ban-again"))


# --- everyone else -------------------------------------------------------------------------------


@refusals.callback_query(ModCb.filter())
@refusals.callback_query(ReasonCb.filter(F.origin == ReasonFrom.MODERATE))
async def refuse_press(callback: CallbackQuery, t: Translate) -> None:
    log.info("refused moderation button from %s: %s", callback.from_user.id, callback.data)
    await callback.answer(t("not-allowed"), show_alert=True)
