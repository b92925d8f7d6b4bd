"""/ideas search: public ideas by words (the list's «🔎 Поиск» button, or /ideas <words>) and near a shared
location (the list's «📍 Рядом со мной» button, or a location sent outside any dialogue).

The query (the words, or the point) is kept in the dialogue's data under a fresh token; the result's buttons carry
only the token and the page, so a button of an older search answers that it is out of date. Waiting for the words
or the location is a state of its own; the dialogue that was under way before (a draft, say) resumes after it.
Results are listed as /ideas lists ideas, and open through the same buttons.
"""

from __future__ import annotations

import secrets
from typing import Any

from aiogram import F
from aiogram.filters import Command, CommandObject, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.handlers.ideas.callbacks import FindAction, FindCb, FindMode
from bot.handlers.ideas.keyboards import find_place_kb, find_results_kb, find_words_prompt
from bot.handlers.ideas.public import PAGE_SIZE, Reader, reading, show_ideas
from bot.handlers.ideas.states import FindIdeas
from bot.handlers.onboarding.keyboards import main_menu
from bot.services.find import (
    QUERY_MAX,
    QUERY_MIN,
    WORD_MIN,
    Query,
    QueryProblem,
    Unit,
    distance_parts,
    near,
    parse_query,
    search,
)
from bot.services.limits import squeeze
from bot.telegram.filters import IsOnboarded, Magic, MenuButton
from bot.telegram.i18n import Translate
from bot.telegram.messages import show
from bot.telegram.routes import Routes

router = Routes(name="find")
residents = Routes(name="find-residents")
residents.message.filter(Magic(F.chat.type == "private"), IsOnboarded(), reading)
residents.callback_query.filter(IsOnboarded(), reading)
others = Routes(name="find-refusal")  # consent not given or set-up not finished
router.include_routers(residents, others)

PREVIOUS = "find_prev"  # the state the search interrupted
WORDS = "find"  # {"n": token, "q": the query}
PLACE = "near"  # {"n": token, "lat": …, "lon": …}


def _token() -> int:
    return secrets.randbelow(999_999_998) + 1


async def _enter(state: FSMContext, target: Any) -> None:
    """Wait for the words or the location, remembering the dialogue under way (if any) to resume it after."""
    current = await state.get_state()
    if current is None or not current.startswith(FindIdeas.__name__):
        await state.update_data({PREVIOUS: current})
    await state.set_state(target)


async def leave_search(state: FSMContext) -> None:
    """Back to the dialogue the search interrupted (none: no state)."""
    current = await state.get_state()
    if current is not None and current.startswith(FindIdeas.__name__):
        data = await state.get_data()
        await state.set_state(data.get(PREVIOUS))


def _pages(total: int) -> int:
    return max(1, -(-total // PAGE_SIZE))


def distance_text(t: Translate, lang: str, metres: float) -> str:
    unit, value = distance_parts(metres, lang)
    return t("find-metres" if unit is Unit.METRES else "find-km", value=value)


# --- screens --------------------------------------------------------------------------------------------------


async def words_screen(reader: Reader, query: Query, token: int, page: int) -> tuple[str, InlineKeyboardMarkup]:
    t, repos, territories = reader.t, reader.repos, reader.territories
    ideas, total = await search(repos, territories, query, page * PAGE_SIZE, PAGE_SIZE)
    pages = _pages(total)
    if page >= pages:  # fewer results since the button was drawn
        page = pages - 1
        ideas, total = await search(repos, territories, query, page * PAGE_SIZE, PAGE_SIZE)
    if not ideas:
        return t("find-empty", query=query.text), find_results_kb(t, FindMode.WORDS, token, 0, 1, [])
    directions = await reader.directions()
    head = t("find-head", query=query.text, total=total, page=str(page + 1), pages=str(pages))
    parts = [head, *(reader.list_item(idea, directions) for idea in ideas), t("public-list-hint")]
    markup = find_results_kb(t, FindMode.WORDS, token, page, pages, [i.id for i in ideas])
    return squeeze("\n\n".join(parts)), markup


async def near_screen(
    reader: Reader, point: tuple[float, float], token: int, page: int
) -> tuple[str, InlineKeyboardMarkup]:
    t, lang, radius_m = reader.t, reader.lang, reader.settings.near_radius_m
    found = await near(reader.repos, point[0], point[1], radius_m)
    radius = distance_text(t, lang, radius_m)
    if not found:
        return t("find-near-empty", radius=radius), find_results_kb(t, FindMode.NEAR, token, 0, 1, [])
    pages = _pages(len(found))
    page = min(page, pages - 1)
    shown = found[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    directions = await reader.directions()
    head = t("find-near-head", radius=radius, total=len(found), page=str(page + 1), pages=str(pages))
    items = [
        reader.list_item(n.idea, directions) + "\n" + t("find-near-distance", distance=distance_text(t, lang, n.metres))
        for n in shown
    ]
    markup = find_results_kb(t, FindMode.NEAR, token, page, pages, [n.idea.id for n in shown])
    return squeeze("\n\n".join([head, *items, t("public-list-hint")])), markup


# --- by words -------------------------------------------------------------------------------------------------


async def _search(message: Message, reader: Reader, state: FSMContext, text: str) -> None:
    t = reader.t
    query = parse_query(text)
    if isinstance(query, QueryProblem):
        key = "find-too-long" if query is QueryProblem.LONG else "find-too-short"
        await _enter(state, FindIdeas.words)  # the next message is the words again
        await message.answer(t(key, min=QUERY_MIN, word=WORD_MIN, max=QUERY_MAX), reply_markup=find_words_prompt(t))
        return
    await leave_search(state)
    token = _token()
    await state.update_data({WORDS: {"n": token, "q": query.text}})
    screen, markup = await words_screen(reader, query, token, 0)
    await message.answer(screen, reply_markup=markup)


@residents.message(Command("ideas", magic=F.args))
async def ideas_with_words(message: Message, command: CommandObject, reader: Reader, state: FSMContext) -> None:
    await _search(message, reader, state, command.args or "")


@residents.message(StateFilter(FindIdeas), Command("ideas"))
@residents.message(StateFilter(FindIdeas), MenuButton("menu-ideas"))
async def list_instead(message: Message, reader: Reader, state: FSMContext) -> None:
    """/ideas (or its menu button) while the search waits: the search is dropped, the list shown."""
    await leave_search(state)
    await show_ideas(message, reader)


@residents.callback_query(FindCb.filter(F.action == FindAction.SEARCH))
async def ask_words(callback: CallbackQuery, reader: Reader, state: FSMContext) -> None:
    await callback.answer()
    await _enter(state, FindIdeas.words)
    assert callback.bot is not None
    t = reader.t
    await callback.bot.send_message(reader.user.id, t("find-ask", word=WORD_MIN), reply_markup=find_words_prompt(t))


@residents.message(StateFilter(FindIdeas.words), Magic(F.text & ~F.text.startswith("/")))
async def words_typed(message: Message, reader: Reader, state: FSMContext) -> None:
    await _search(message, reader, state, message.text or "")


# --- near a location ------------------------------------------------------------------------------------------


@residents.callback_query(FindCb.filter(F.action == FindAction.NEAR))
async def ask_place(callback: CallbackQuery, reader: Reader, state: FSMContext) -> None:
    await callback.answer()
    await _enter(state, FindIdeas.place)
    assert callback.bot is not None
    t = reader.t
    radius = distance_text(t, reader.lang, reader.settings.near_radius_m)
    await callback.bot.send_message(reader.user.id, t("find-near-ask", radius=radius), reply_markup=find_place_kb(t))


@residents.message(StateFilter(None, FindIdeas), Magic(F.location))
async def place_shared(message: Message, reader: Reader, state: FSMContext) -> None:
    """A location shared with the button, or sent outside any dialogue: the public ideas near it."""
    assert message.location is not None
    t = reader.t
    point = (message.location.latitude, message.location.longitude)
    await leave_search(state)
    token = _token()
    await state.update_data({PLACE: {"n": token, "lat": point[0], "lon": point[1]}})
    await message.answer(t("find-near-got"), reply_markup=main_menu(t))  # the location keyboard goes
    screen, markup = await near_screen(reader, point, token, 0)
    await message.answer(screen, reply_markup=markup)


@residents.message(StateFilter(FindIdeas.place), MenuButton("btn-cancel"))
async def place_cancelled(message: Message, reader: Reader, state: FSMContext) -> None:
    await leave_search(state)
    await message.answer(reader.t("find-near-cancelled"), reply_markup=main_menu(reader.t))


@residents.message(StateFilter(FindIdeas.place), Magic(~F.text.startswith("/")))
async def place_awaited(message: Message, reader: Reader) -> None:
    """Anything else while the location is awaited: what to press."""
    t = reader.t
    await message.answer(t("find-near-wait"), reply_markup=find_place_kb(t))


@residents.message(StateFilter(FindIdeas.words), Magic(~F.text.startswith("/")))
async def words_awaited(message: Message, reader: Reader) -> None:
    """A photo, a sticker… while the words are awaited."""
    t = reader.t
    await message.answer(t("find-words-wait", word=WORD_MIN), reply_markup=find_words_prompt(t))


# --- results' pages -------------------------------------------------------------------------------------------


@residents.callback_query(FindCb.filter(F.action == FindAction.PAGE))
async def results_page(callback: CallbackQuery, callback_data: FindCb, reader: Reader, state: FSMContext) -> None:
    data = await state.get_data()
    saved = data.get(WORDS if callback_data.mode == FindMode.WORDS else PLACE)
    if not isinstance(saved, dict) or saved.get("n") != callback_data.token:
        await callback.answer(reader.t("button-outdated"), show_alert=True)
        return
    page = callback_data.page
    if callback_data.mode == FindMode.WORDS:
        query = parse_query(str(saved.get("q", "")))
        if isinstance(query, QueryProblem):  # not saved so; answered as out of date all the same
            await callback.answer(reader.t("button-outdated"), show_alert=True)
            return
        screen = await words_screen(reader, query, callback_data.token, page)
    else:
        point = (float(saved["lat"]), float(saved["lon"]))
        screen = await near_screen(reader, point, callback_data.token, page)
    await callback.answer()
    await show(callback.message, *screen)


@residents.callback_query(FindCb.filter(F.action == FindAction.NOOP))
async def page_number(callback: CallbackQuery) -> None:
    await callback.answer()


@others.callback_query(FindCb.filter())
async def press_refused(callback: CallbackQuery, t: Translate) -> None:
    """A search button pressed by someone who withdrew consent (or never finished the set-up)."""
    await callback.answer(t("public-need-setup"), show_alert=True)
