"""/idea: text → photos → place → direction → summary → send. Residents who consented only."""

from __future__ import annotations

import logging

from aiogram import Bot, F
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, Message

from bot.handlers.ideas.callbacks import IdeaAction, IdeaCb
from bot.handlers.ideas.flow import Steps, prompt_step, quota_refusal, writing
from bot.handlers.ideas.keyboards import edit_kb, photos_kb, route_kb, similar_kb, summary_kb
from bot.handlers.ideas.public import Reader, reading, refused, show_ideas
from bot.handlers.ideas.states import IdeaForm
from bot.handlers.onboarding.keyboards import main_menu
from bot.services.albums import AlbumAcks
from bot.services.cards import CardService
from bot.services.ideas import (
    ADDRESS_MAX,
    PHOTOS_MAX,
    add_photos,
    address_problem,
    draft_from,
    draft_to,
    draft_token,
    text_problem,
)
from bot.services.limits import clip
from bot.services.public import PublicIdeas, excerpt
from bot.services.skipwords import no_photos, no_place
from bot.storage.ideas import QuotaExceeded
from bot.storage.models import Idea, User
from bot.storage.public import Outcome
from bot.telegram.filters import IsOnboarded, Magic, MenuButton
from bot.telegram.i18n import Translate
from bot.telegram.messages import drop_keyboard, set_keyboard, settle
from bot.telegram.routes import Routes
from bot.text import tidy

log = logging.getLogger(__name__)
router = Routes(name="idea")
router.message.filter(Magic(F.chat.type == "private"), IsOnboarded(), writing)
router.callback_query.filter(Magic(F.message.chat.type == "private"), IsOnboarded(), writing)


@router.message(Command("idea"))
@router.message(MenuButton("menu-idea"))
async def cmd_idea(message: Message, steps: Steps) -> None:
    await steps.begin(message)


@router.message(StateFilter(IdeaForm), MenuButton("menu-ideas"), reading)
async def ideas_while_writing(message: Message, reader: Reader) -> None:
    """The menu's /ideas button in the middle of a draft is not the idea's text; the draft stays."""
    await show_ideas(message, reader)


# --- text ---------------------------------------------------------------------


async def _text_refused(message: Message, t: Translate, text: str) -> bool:
    """Whether the idea's text (typed, or a photo's caption) was refused, the person told why."""
    problem = text_problem(text)
    if problem:
        key, args = problem
        await message.answer(t(key, **args))
        return True
    return False


@router.message(StateFilter(IdeaForm.text), Magic(F.text & ~F.text.startswith("/")))
async def idea_text(message: Message, steps: Steps, public: PublicIdeas) -> None:
    assert message.text is not None
    t, state = steps.t, steps.state
    if await _text_refused(message, t, message.text):
        return
    data = await state.get_data()
    text = tidy(message.text)
    data.setdefault("draft", {})["text"] = text
    if data.get("editing"):
        await state.set_data(data)
        await steps.ask_direction(message)
        return
    # Duplicate prevention: approved ideas saying much the same are offered for support first.
    similar = await public.similar(text, exclude_author=steps.user.id)
    if similar:
        data["similar"] = [idea.id for idea in similar]
        await state.set_data(data)
        await state.set_state(IdeaForm.similar)
        await message.answer(_similar_text(t, similar), reply_markup=similar_kb(t, data["similar"]))
        return
    await state.set_data(data)
    await state.set_state(IdeaForm.photos)
    await message.answer(t("idea-ask-photos", max=PHOTOS_MAX), reply_markup=photos_kb(t, False))


# --- similar public ideas -------------------------------------------------------------

SIMILAR_EXCERPT = 300


def _similar_text(t: Translate, ideas: list[Idea]) -> str:
    items = [
        t(
            "idea-similar-item",
            number=str(idea.id),
            supports=str(idea.supports_count),
            status=t(f"public-status-{idea.status}"),
            excerpt=clip(excerpt(idea.text, SIMILAR_EXCERPT), 2 * SIMILAR_EXCERPT),
        )
        for idea in ideas
    ]
    return "\n\n".join([t("idea-similar"), *items, t("idea-similar-foot")])


@router.callback_query(StateFilter(IdeaForm.similar), IdeaCb.filter(F.action == IdeaAction.SUPPORT_SIMILAR))
async def idea_support_instead(
    callback: CallbackQuery, callback_data: IdeaCb, t: Translate, state: FSMContext, public: PublicIdeas, user: User
) -> None:
    """Support the similar idea instead: the draft ends here."""
    idea_id = callback_data.idea
    if idea_id not in (await state.get_data()).get("similar", []):
        await callback.answer(t("button-outdated"), show_alert=True)
        return
    result = await public.support(idea_id, user.id)
    if await refused(callback, t, result.outcome, "public-own-support", idea_id):
        return
    await state.clear()
    await callback.answer()
    key = "idea-similar-supported" if result.outcome is Outcome.DONE else "idea-similar-already"
    await settle(callback.message, t(key, number=str(idea_id)))


@router.callback_query(StateFilter(IdeaForm.similar), IdeaCb.filter(F.action == IdeaAction.NOT_SIMILAR))
async def idea_not_similar(callback: CallbackQuery, t: Translate, state: FSMContext) -> None:
    """Mine is different: on to the photos, as if no similar idea had been found."""
    await callback.answer()
    data = await state.get_data()
    data.pop("similar", None)
    await state.set_data(data)
    await state.set_state(IdeaForm.photos)
    if isinstance(callback.message, Message):
        await drop_keyboard(callback.message)
        await callback.message.answer(t("idea-ask-photos", max=PHOTOS_MAX), reply_markup=photos_kb(t, False))


@router.message(StateFilter(IdeaForm.similar), Magic(~F.text.startswith("/")))
async def idea_similar_hint(message: Message, t: Translate, state: FSMContext) -> None:
    similar = [int(n) for n in (await state.get_data()).get("similar", [])]
    await message.answer(t("idea-similar-need"), reply_markup=similar_kb(t, similar))


@router.message(StateFilter(IdeaForm.text), Magic(F.photo & F.caption))
async def idea_text_as_caption(message: Message, t: Translate, state: FSMContext, albums: AlbumAcks) -> None:
    """A photo (or an album) whose caption is the idea: take both at once."""
    assert message.caption is not None and message.photo is not None
    if await _text_refused(message, t, message.caption):
        return
    data = await state.get_data()
    draft = draft_from(data)
    draft.text = tidy(message.caption)
    add_photos(draft, [message.photo[-1].file_id])
    data["draft"] = draft_to(draft)
    if data.get("editing"):
        data["editing"] = False  # new text and a new photo: walk the remaining steps again
    await state.set_data(data)
    await state.set_state(IdeaForm.photos)
    if message.media_group_id is None:
        await _ack_photos(message, t, state)
    else:
        albums.schedule((message.chat.id, message.media_group_id), lambda: _ack_photos(message, t, state))


# --- photos -------------------------------------------------------------------


@router.message(StateFilter(IdeaForm.photos), Magic(F.photo))
async def idea_photo(message: Message, t: Translate, state: FSMContext, albums: AlbumAcks) -> None:
    assert message.photo is not None
    data = await state.get_data()
    draft = draft_from(data)
    refused = add_photos(draft, [message.photo[-1].file_id])
    data["draft"] = draft_to(draft)
    if refused:
        data["photos_refused"] = True
    await state.set_data(data)
    if message.media_group_id is None:
        await _ack_photos(message, t, state)
        return
    # An album arrives as one update per photo: answer once, after the last one.
    albums.schedule((message.chat.id, message.media_group_id), lambda: _ack_photos(message, t, state))


async def _ack_photos(message: Message, t: Translate, state: FSMContext) -> None:
    if await state.get_state() != IdeaForm.photos.state:
        return
    data = await state.get_data()
    draft = draft_from(data)
    if data.pop("photos_refused", False):
        await state.set_data(data)
        await message.answer(t("idea-photos-full", max=PHOTOS_MAX), reply_markup=photos_kb(t, True))
        return
    await message.answer(
        t("idea-photos-added", count=len(draft.photos), max=PHOTOS_MAX), reply_markup=photos_kb(t, True)
    )


# A picture sent as a file ("without compression"): shown back as a photo, whose id the draft keeps (a document's
# id cannot be sent as a photo to the curators). Telegram takes photos up to 10 MB.
IMAGE_FILES = frozenset({"image/jpeg", "image/png", "image/webp", "image/heic", "image/heif"})
PHOTO_FILE_MB = 10


@router.message(StateFilter(IdeaForm.photos), Magic(F.document.mime_type.in_(IMAGE_FILES)))
async def idea_photo_file(message: Message, steps: Steps, bot: Bot) -> None:
    assert message.document is not None
    t, state, document = steps.t, steps.state, message.document
    had = len(draft_from(await state.get_data()).photos)
    if had >= PHOTOS_MAX:
        await message.answer(t("idea-photos-full", max=PHOTOS_MAX), reply_markup=photos_kb(t, True))
        return
    if (document.file_size or 0) > PHOTO_FILE_MB * 1024 * 1024:
        await message.answer(t("idea-photo-file-big", mb=PHOTO_FILE_MB), reply_markup=photos_kb(t, had > 0))
        return
    content = await bot.download(document)
    if content is None:
        await message.answer(t("idea-photo-file-bad"), reply_markup=photos_kb(t, had > 0))
        return
    caption = t("idea-photos-added", count=had + 1, max=PHOTOS_MAX)
    picture = BufferedInputFile(content.read(), filename=document.file_name or "photo")
    try:
        shown = await message.answer_photo(picture, caption=caption, reply_markup=photos_kb(t, True))
    except TelegramBadRequest as exc:  # a format Telegram cannot show as a photo
        log.info("image file from %s not taken as a photo: %s", steps.user.id, exc.message)
        await message.answer(t("idea-photo-file-bad"), reply_markup=photos_kb(t, had > 0))
        return
    if not shown.photo or await state.get_state() != IdeaForm.photos.state:
        return
    data = await state.get_data()  # read again: other photos may have come in meanwhile
    draft = draft_from(data)
    add_photos(draft, [shown.photo[-1].file_id])
    data["draft"] = draft_to(draft)
    await state.set_data(data)


@router.message(StateFilter(IdeaForm.photos), Magic(F.text & ~F.text.startswith("/")))
async def idea_photos_typed(message: Message, steps: Steps) -> None:
    """«фото нет», «без фото», "skip" (or «готово» once photos came): as the button; anything else: the hint,
    with the button."""
    assert message.text is not None
    if no_photos(message.text):
        await steps.after_photos(message)
        return
    has_photos = bool(draft_from(await steps.state.get_data()).photos)
    await message.answer(steps.t("idea-photos-need"), reply_markup=photos_kb(steps.t, has_photos))


@router.callback_query(
    StateFilter(IdeaForm.photos), IdeaCb.filter(F.action.in_({IdeaAction.SKIP_PHOTOS, IdeaAction.DONE_PHOTOS}))
)
async def idea_photos_done(callback: CallbackQuery, steps: Steps) -> None:
    await callback.answer()
    if not isinstance(callback.message, Message):
        return
    await drop_keyboard(callback.message)
    await steps.after_photos(callback.message)


# --- place --------------------------------------------------------------------


@router.message(StateFilter(IdeaForm.place), Magic(F.location))
async def idea_location(message: Message, steps: Steps) -> None:
    assert message.location is not None
    data = await steps.state.get_data()
    data["draft"].update(latitude=message.location.latitude, longitude=message.location.longitude, address=None)
    await steps.state.set_data(data)
    await steps.after_place(message)


@router.message(StateFilter(IdeaForm.place), Magic(F.text & ~F.text.startswith("/")))
async def idea_address(message: Message, steps: Steps) -> None:
    assert message.text is not None
    if no_place(message.text):  # «нет», «без адреса», "skip": as the button
        await steps.after_place(message)
        return
    problem = address_problem(message.text)
    if problem:
        await message.answer(steps.t(problem, max=ADDRESS_MAX))
        return
    data = await steps.state.get_data()
    data["draft"].update(address=tidy(message.text), latitude=None, longitude=None)
    await steps.state.set_data(data)
    await steps.after_place(message)


@router.callback_query(StateFilter(IdeaForm.place), IdeaCb.filter(F.action == IdeaAction.SKIP_PLACE))
async def idea_skip_place(callback: CallbackQuery, steps: Steps) -> None:
    await callback.answer()
    if isinstance(callback.message, Message):
        await drop_keyboard(callback.message)
        await steps.after_place(callback.message)


# --- direction ----------------------------------------------------------------


@router.callback_query(StateFilter(IdeaForm.direction), IdeaCb.filter(F.action == IdeaAction.OTHER_DIRECTIONS))
async def idea_other_directions(callback: CallbackQuery, steps: Steps) -> None:
    await callback.answer()
    if isinstance(callback.message, Message):
        directions = await steps.repos.directions.all()
        await set_keyboard(callback.message, route_kb(steps.t, directions, steps.lang, offer_other=False))


@router.callback_query(StateFilter(IdeaForm.direction), IdeaCb.filter(F.action == IdeaAction.DIRECTION))
async def idea_pick_direction(callback: CallbackQuery, callback_data: IdeaCb, steps: Steps) -> None:
    direction = await steps.repos.directions.get(callback_data.direction_id)
    if direction is None:
        await callback.answer(steps.t("button-outdated"), show_alert=True)
        return
    await callback.answer()
    data = await steps.state.get_data()
    data["draft"]["direction_id"] = direction.id
    data["editing"] = False
    await steps.state.set_data(data)
    if isinstance(callback.message, Message):
        await drop_keyboard(callback.message)
        await steps.show_summary(callback.message)


# --- summary --------------------------------------------------------------------


@router.callback_query(StateFilter(IdeaForm.confirm), IdeaCb.filter(F.action == IdeaAction.SEND))
async def idea_send(callback: CallbackQuery, callback_data: IdeaCb, steps: Steps, cards: CardService) -> None:
    t, settings, user = steps.t, steps.settings, steps.user
    data = await steps.state.get_data()
    if callback_data.token and draft_token(data) and callback_data.token != draft_token(data):
        # Send on the summary of an earlier draft, while a newer one waits here: that earlier one's #N.
        await idea_send_again(callback, callback_data, steps)
        return
    draft = draft_from(data)
    if not draft.text or draft.direction_id is None:
        await callback.answer(t("button-outdated"), show_alert=True)
        return
    await callback.answer()  # the press is taken; what came of it follows as a message
    try:
        idea_id = await steps.repos.ideas.submit(
            user.id, draft, user.territory_code, settings.ideas_per_day, draft_token(data) or None
        )
    except QuotaExceeded:
        refusal = await quota_refusal(steps.repos, settings, user.id, t)
        if isinstance(callback.message, Message):
            await callback.message.answer(refusal or t("idea-quota", limit=settings.ideas_per_day, when="—"))
        return
    cards.wake()  # the card was queued with the idea (one statement); the outbox posts it
    await steps.state.clear()
    if isinstance(callback.message, Message):
        # "#N" first: if it does not arrive, the summary keeps its Send button, and pressing it again
        # shows the same #N (the draft's token made one idea).
        await steps.sent(callback.message, idea_id, draft.direction_id)
        await drop_keyboard(callback.message)


@router.callback_query(StateFilter(IdeaForm.confirm), IdeaCb.filter(F.action == IdeaAction.EDIT))
async def idea_edit(callback: CallbackQuery, t: Translate) -> None:
    await callback.answer()
    if isinstance(callback.message, Message):
        await set_keyboard(callback.message, edit_kb(t))


@router.callback_query(StateFilter(IdeaForm.confirm), IdeaCb.filter(F.action == IdeaAction.BACK))
async def idea_edit_back(callback: CallbackQuery, t: Translate, state: FSMContext) -> None:
    await callback.answer()
    if isinstance(callback.message, Message):
        await set_keyboard(callback.message, summary_kb(t, draft_token(await state.get_data())))


EDITED_STEPS = {
    IdeaAction.EDIT_TEXT: IdeaForm.text,
    IdeaAction.EDIT_PHOTOS: IdeaForm.photos,
    IdeaAction.EDIT_PLACE: IdeaForm.place,
    IdeaAction.EDIT_DIRECTION: IdeaForm.direction,
}


@router.callback_query(StateFilter(IdeaForm.confirm), IdeaCb.filter(F.action.in_(EDITED_STEPS)))
async def idea_edit_field(callback: CallbackQuery, callback_data: IdeaCb, steps: Steps) -> None:
    await callback.answer()
    if not isinstance(callback.message, Message):
        return
    await drop_keyboard(callback.message)
    state = steps.state
    data = await state.get_data()
    data["editing"] = True
    if callback_data.action == IdeaAction.EDIT_PHOTOS:
        data["draft"]["photos"] = []
    await state.set_data(data)
    target = EDITED_STEPS[callback_data.action]
    if target == IdeaForm.direction:
        await steps.ask_direction(callback.message)
        return
    await state.set_state(target)
    await prompt_step(callback.message, steps.t, state, target.state or "")


@router.callback_query(IdeaCb.filter(F.action == IdeaAction.CANCEL))
async def idea_cancel_button(callback: CallbackQuery, t: Translate, state: FSMContext) -> None:
    current = await state.get_state()
    if not current or not current.startswith(IdeaForm.__name__):
        await callback.answer(t("button-outdated"))
        return
    await state.clear()
    await callback.answer()
    if isinstance(callback.message, Message):
        await drop_keyboard(callback.message)
        await callback.message.answer(t("idea-cancelled"), reply_markup=main_menu(t))


@router.callback_query(IdeaCb.filter(F.action == IdeaAction.SEND), IdeaCb.filter(F.token > 0))
async def idea_send_again(callback: CallbackQuery, callback_data: IdeaCb, steps: Steps) -> None:
    """Send pressed again on a draft that was sent (the confirmation may not have arrived): the same #N."""
    repos = steps.repos
    idea_id = await repos.ideas.by_token(steps.user.id, callback_data.token)
    idea = await repos.ideas.get(idea_id) if idea_id is not None else None
    if idea is None:
        await idea_stale_button(callback, callback_data, steps.t, steps.state)
        return
    await callback.answer(steps.t("idea-already-sent"))
    if isinstance(callback.message, Message):
        await steps.sent(callback.message, idea.id, idea.direction_id)
        await drop_keyboard(callback.message)


@router.callback_query(IdeaCb.filter())
async def idea_stale_button(callback: CallbackQuery, callback_data: IdeaCb, t: Translate, state: FSMContext) -> None:
    """A button of a draft that was sent, cancelled or moved on."""
    sent = callback_data.action == IdeaAction.SEND and await state.get_state() is None
    await callback.answer(t("idea-already-sent" if sent else "button-outdated"))
    if isinstance(callback.message, Message):
        await drop_keyboard(callback.message)
