"""Public ideas: /ideas browsing, supports, reports. Residents who consented and finished the set-up.

One message per browsing session: page turns, filters, an opened idea and the report reasons all
edit it. Every press re-reads the idea: an idea hidden or withdrawn in the meantime (or a forged
number) gets a clear answer and changes nothing.
"""

from __future__ import annotations

import html as std_html
import logging
import re
from dataclasses import dataclass

from aiogram import F
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InaccessibleMessage, InlineKeyboardMarkup, Message

from bot.config import Settings
from bot.handlers.ideas.callbacks import FilterKind, PubAction, PubCb, ReportReason, Sort
from bot.handlers.ideas.keyboards import (
    public_back_kb,
    public_directions_kb,
    public_filter_kb,
    public_idea_kb,
    public_list_kb,
    public_report_kb,
    public_stages_kb,
    public_territories_kb,
)
from bot.services.limits import clip, shrink, squeeze
from bot.services.projects import STAGES
from bot.services.public import PublicIdeas, excerpt
from bot.services.territories import Territories
from bot.services.timetext import DATE, as_local
from bot.storage.models import Direction, Idea, User
from bot.storage.public import Filter, Outcome
from bot.storage.repositories import Repos
from bot.telegram.bundles import Bundled
from bot.telegram.callbacks import number
from bot.telegram.filters import IsOnboarded, Magic, MenuButton
from bot.telegram.i18n import Translate
from bot.telegram.messages import show
from bot.telegram.routes import Routes

log = logging.getLogger(__name__)
PAGE_SIZE = 5
LIST_EXCERPT = 220  # characters of an idea's text on the list
LIST_EXCERPT_UNITS = 480  # ... as sent (bot/services/limits.py): 5 ideas and their lines stay below 4096
DETAIL_TEXT = 1700  # characters of an idea's text when opened (shortened further if the message would not fit)
TAG_RE = re.compile(r"<[^>]+>")

# --- rendering ------------------------------------------------------------------------------


def _view(data: PubCb | None = None) -> PubCb:
    """The view (filter, sort, page) of a press, the page kept within bounds."""
    if data is None:
        return PubCb(action=PubAction.PAGE)
    return PubCb(
        action=PubAction.PAGE,
        kind=data.kind,
        value=data.value if data.kind != FilterKind.ALL else "",
        sort=data.sort,
        page=max(0, min(data.page, 10_000)),
    )


def _status(t: Translate, idea: Idea) -> str:
    return t(f"public-status-{idea.status}")


@dataclass(frozen=True)
class Reader:
    """A resident browsing /ideas: who, in which language, and what the list's screens read.

    The residents' router hands it to their handlers (`reading`, a router filter).
    """

    user: User
    t: Translate
    lang: str
    repos: Repos
    territories: Territories
    settings: Settings

    async def where(self, view: PubCb) -> tuple[Filter, str]:
        """The filter of the view and its label; an unknown direction or territory means all ideas."""
        t, lang = self.t, self.lang
        direction_id = number(view.value, 999) if view.kind == FilterKind.DIRECTION else None
        if direction_id is not None:
            direction = await self.repos.directions.get(direction_id)
            if direction is not None:
                return Filter("d", view.value), t("public-filter-direction", name=direction.name(lang))
        if view.kind == FilterKind.TERRITORY:
            name = self.territories.name(view.value, lang)
            if name is not None:
                return Filter("t", view.value), t("public-filter-territory", name=name)
        place = number(view.value, len(STAGES) - 1) if view.kind == FilterKind.STAGE else None
        if place is not None:
            stage = STAGES[place]
            return Filter("p", stage.value), t("choose-filter-stage", stage=t(f"choose-stage-{stage.value}"))
        return Filter(), t("public-filter-all")

    async def list_screen(self, view: PubCb) -> tuple[str, InlineKeyboardMarkup]:
        t, repos = self.t, self.repos
        where, label = await self.where(view)
        if where.kind == "a":
            view = view.model_copy(update={"kind": FilterKind.ALL, "value": ""})
        ideas, total = await repos.public.page(where, view.sort, view.page * PAGE_SIZE, PAGE_SIZE)
        pages = max(1, -(-total // PAGE_SIZE))
        if view.page >= pages:  # the list got shorter since the button was drawn
            view = view.model_copy(update={"page": pages - 1})
            ideas, total = await repos.public.page(where, view.sort, view.page * PAGE_SIZE, PAGE_SIZE)
        directions = await self.directions()
        head = t(
            "public-list-head",
            filter=label,
            sort=t("public-sort-supports" if view.sort == Sort.SUPPORTS else "public-sort-date"),
            total=str(total),
            page=str(view.page + 1),
            pages=str(pages),
        )
        parts = [head, *(self.list_item(idea, directions) for idea in ideas)]
        parts.append(t("public-list-hint") if ideas else t("public-list-empty"))
        # Five clipped excerpts with their lines always fit; squeeze only makes sure of it.
        return squeeze("\n\n".join(parts)), public_list_kb(t, view, [i.id for i in ideas], pages)

    async def directions(self) -> dict[int, Direction]:
        return {d.id: d for d in await self.repos.directions.all()}

    def list_item(self, idea: Idea, directions: dict[int, Direction]) -> str:
        """An idea as a list shows it (/ideas, and the results of a search)."""
        t, lang = self.t, self.lang
        direction = directions.get(idea.direction_id)
        return t(
            "public-list-item",
            number=str(idea.id),
            supports=str(idea.supports_count),
            status=_status(t, idea),
            excerpt=clip(excerpt(idea.text, LIST_EXCERPT), LIST_EXCERPT_UNITS),
            direction=direction.label(lang) if direction else "—",
            territory=self.territories.name(idea.territory_code, lang) or t("public-territory-none"),
        )

    async def idea_screen(self, idea: Idea, view: PubCb) -> tuple[str, InlineKeyboardMarkup]:
        t, lang, user = self.t, self.lang, self.user
        direction = await self.repos.directions.get(idea.direction_id)
        supported, reported = await self.repos.public.viewer(idea.id, user.id)
        own = idea.author_id == user.id
        notes = []
        if own:
            notes.append(t("public-detail-own"))
        else:
            if supported:
                notes.append(t("public-detail-supported"))
            if reported:
                notes.append(t("public-detail-reported"))

        def render(text: str) -> str:
            body = t(
                "public-detail",
                number=str(idea.id),
                status=_status(t, idea),
                text=text,
                direction=direction.label(lang) if direction else "—",
                territory=self.territories.name(idea.territory_code, lang) or t("public-territory-none"),
                date=as_local(idea.created_at, self.settings.tz, DATE),
                supports=str(idea.supports_count),
            )
            return body + ("\n\n" + "\n".join(notes) if notes else "")

        text = idea.text if len(idea.text) <= DETAIL_TEXT else excerpt(idea.text, DETAIL_TEXT)
        markup = public_idea_kb(t, view, idea.id, own=own, supported=supported, reported=reported)
        return shrink(render, text), markup

    async def show_idea(self, message: Message | InaccessibleMessage | None, idea_id: int, view: PubCb) -> None:
        """The idea again, as it is now (after a support or a report), if it is still public."""
        idea = await self.repos.public.get(idea_id)
        if idea is not None:
            await _show(message, *await self.idea_screen(idea, view))


reading = Bundled("reader", Reader)  # the list's handlers get their `reader`


def _plain(html_text: str) -> str:
    return std_html.unescape(TAG_RE.sub("", html_text)).strip()


def _same_markup(shown: InlineKeyboardMarkup | None, markup: InlineKeyboardMarkup) -> bool:
    # Compared as JSON: a markup parsed from an update and one built here differ in unset defaults.
    return shown is not None and shown.model_dump(exclude_none=True) == markup.model_dump(exclude_none=True)


async def _show(message: Message | InaccessibleMessage | None, text: str, markup: InlineKeyboardMarkup) -> None:
    """Edit the browsing message in place; a press that would change nothing sends no edit."""
    if not isinstance(message, Message):
        return
    if (message.text or "").strip() == _plain(text) and _same_markup(message.reply_markup, markup):
        return
    await show(message, text, markup)


async def show_ideas(message: Message, reader: Reader) -> None:
    """/ideas: the first page of all public ideas, most supported first, as a new message."""
    text, markup = await reader.list_screen(_view())
    await message.answer(text, reply_markup=markup)


router = Routes(name="public")
residents = Routes(name="public-residents")
residents.message.filter(Magic(F.chat.type == "private"), IsOnboarded(), reading)
residents.callback_query.filter(IsOnboarded(), reading)
others = Routes(name="public-refusal")  # consent not given or set-up not finished
others.message.filter(Magic(F.chat.type == "private"))
router.include_routers(residents, others)


# --- residents: browsing ------------------------------------------------------------------


@residents.message(Command("ideas"))
@residents.message(MenuButton("menu-ideas"))
async def cmd_ideas(message: Message, reader: Reader) -> None:
    await show_ideas(message, reader)


@residents.callback_query(PubCb.filter(F.action.in_({PubAction.PAGE, PubAction.SET_FILTER})))
async def list_page(callback: CallbackQuery, callback_data: PubCb, reader: Reader) -> None:
    await callback.answer()
    await _show(callback.message, *await reader.list_screen(_view(callback_data)))


@residents.callback_query(PubCb.filter(F.action == PubAction.NOOP))
async def page_number(callback: CallbackQuery) -> None:
    await callback.answer()


@residents.callback_query(PubCb.filter(F.action == PubAction.FILTER))
async def filter_menu(callback: CallbackQuery, callback_data: PubCb, t: Translate) -> None:
    await callback.answer()
    await _show(callback.message, t("public-filter-ask"), public_filter_kb(t, _view(callback_data)))


@residents.callback_query(PubCb.filter(F.action == PubAction.FILTER_DIRECTION))
async def filter_directions(
    callback: CallbackQuery, callback_data: PubCb, t: Translate, lang: str, repos: Repos
) -> None:
    await callback.answer()
    counts = await repos.public.count_by_direction()
    items = [(d, counts.get(d.id, 0)) for d in await repos.directions.all()]
    await _show(
        callback.message, t("public-filter-pick-direction"), public_directions_kb(t, _view(callback_data), items, lang)
    )


@residents.callback_query(PubCb.filter(F.action == PubAction.FILTER_TERRITORY))
async def filter_territories(
    callback: CallbackQuery, callback_data: PubCb, t: Translate, lang: str, repos: Repos, territories: Territories
) -> None:
    await callback.answer()
    counts = await repos.public.count_by_territory()
    items = sorted(
        ((code, territories.name(code, lang) or code, n) for code, n in counts.items() if territories.get(code)),
        key=lambda item: (-item[2], item[1]),
    )
    await _show(
        callback.message, t("public-filter-pick-territory"), public_territories_kb(t, _view(callback_data), items)
    )


@residents.callback_query(PubCb.filter(F.action == PubAction.FILTER_STAGE))
async def filter_stages(callback: CallbackQuery, callback_data: PubCb, t: Translate, repos: Repos) -> None:
    """The projects' stages with how many published ideas are at each (issue 15)."""
    await callback.answer()
    counts = await repos.public.count_by_stage()
    items = [(n, t(f"choose-stage-{stage.value}"), counts.get(stage.value, 0)) for n, stage in enumerate(STAGES)]
    await _show(callback.message, t("choose-filter-ask"), public_stages_kb(t, _view(callback_data), items))


# --- residents: one idea ------------------------------------------------------------------


async def _refuse(callback: CallbackQuery, t: Translate, key: str, idea_id: int) -> None:
    await callback.answer(t(key, number=str(idea_id)), show_alert=True)


async def refused(callback: CallbackQuery, t: Translate, outcome: Outcome, own: str, idea_id: int) -> bool:
    """Whether a support or a report was refused, the press told why: the idea is not public any more, or it is the
    person's own (``own``: the key saying so)."""
    key = {Outcome.NOT_PUBLIC: "public-not-public", Outcome.OWN: own}.get(outcome)
    if key is None:
        return False
    await _refuse(callback, t, key, idea_id)
    return True


@residents.callback_query(PubCb.filter(F.action == PubAction.OPEN))
async def open_idea(callback: CallbackQuery, callback_data: PubCb, reader: Reader) -> None:
    idea = await reader.repos.public.get(callback_data.idea)
    if idea is None:
        await _refuse(callback, reader.t, "public-not-public", callback_data.idea)
        return
    await callback.answer()
    await _show(callback.message, *await reader.idea_screen(idea, _view(callback_data)))


SUPPORT_ANSWERS = {
    (PubAction.SUPPORT, Outcome.DONE): "public-supported",
    (PubAction.SUPPORT, Outcome.ALREADY): "public-already-supported",
    (PubAction.WITHDRAW, Outcome.DONE): "public-withdrawn",
    (PubAction.WITHDRAW, Outcome.ALREADY): "public-not-supported",
}


@residents.callback_query(PubCb.filter(F.action.in_({PubAction.SUPPORT, PubAction.WITHDRAW})))
async def support_idea(callback: CallbackQuery, callback_data: PubCb, reader: Reader, public: PublicIdeas) -> None:
    idea_id, t = callback_data.idea, reader.t
    if callback_data.action == PubAction.SUPPORT:
        result = await public.support(idea_id, reader.user.id)
    else:
        result = await public.withdraw(idea_id, reader.user.id)
    if await refused(callback, t, result.outcome, "public-own-support", idea_id):
        return
    await callback.answer(t(SUPPORT_ANSWERS[(callback_data.action, result.outcome)], number=str(idea_id)))
    await reader.show_idea(callback.message, idea_id, _view(callback_data))


@residents.callback_query(PubCb.filter(F.action == PubAction.REPORT))
async def report_reasons(callback: CallbackQuery, callback_data: PubCb, t: Translate, repos: Repos, user: User) -> None:
    idea = await repos.public.get(callback_data.idea)
    if idea is None:
        await _refuse(callback, t, "public-not-public", callback_data.idea)
        return
    if idea.author_id == user.id:
        await _refuse(callback, t, "public-own-report", idea.id)
        return
    if (await repos.public.viewer(idea.id, user.id))[1]:
        await _refuse(callback, t, "public-already-reported", idea.id)
        return
    await callback.answer()
    await _show(
        callback.message,
        t("public-report-ask", number=str(idea.id)),
        public_report_kb(t, _view(callback_data), idea.id),
    )


@residents.callback_query(PubCb.filter(F.action == PubAction.REPORT_REASON))
async def report_idea(callback: CallbackQuery, callback_data: PubCb, reader: Reader, public: PublicIdeas) -> None:
    idea_id, t = callback_data.idea, reader.t
    if callback_data.reason is ReportReason.NOTHING:
        await callback.answer(t("button-outdated"), show_alert=True)
        return
    reason = None if callback_data.reason is ReportReason.NONE else callback_data.reason.word
    result = await public.report(idea_id, reader.user.id, reason)
    view = _view(callback_data)
    if await refused(callback, t, result.outcome, "public-own-report", idea_id):
        return
    if result.hidden:
        await callback.answer()
        await _show(callback.message, t("public-hidden-now", number=str(idea_id)), public_back_kb(t, view))
        return
    key = "public-reported" if result.outcome is Outcome.DONE else "public-already-reported"
    await callback.answer(t(key, number=str(idea_id)))
    await reader.show_idea(callback.message, idea_id, view)


# --- everyone else ---------------------------------------------------------------------------


@others.message(Command("ideas"))
async def ideas_refused(message: Message, t: Translate) -> None:
    await message.answer(t("public-need-setup"))


@others.callback_query(PubCb.filter())
async def press_refused(callback: CallbackQuery, t: Translate) -> None:
    """A /ideas button pressed by someone who withdrew consent (or never finished the set-up)."""
    await callback.answer(t("public-need-setup"), show_alert=True)
