"""The idea page's screens: its text and buttons, the follow notices the broadcast engine sends, /my's list.

Pure rendering: what a page shows is decided here from what the handlers read (bot/handlers/ideas/page.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo
from urllib.parse import quote

from aiogram import Bot
from aiogram.types import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputMediaAudio,
    InputMediaDocument,
    InputMediaLivePhoto,
    InputMediaPhoto,
    InputMediaVideo,
    Message,
)

from bot.config import Settings
from bot.handlers.ideas.callbacks import PageAction, PageCb, PageFrom
from bot.handlers.projects.keyboards import join_notes, join_rows
from bot.handlers.projects.page_parts import project_parts
from bot.services.cards import page_link
from bot.services.limits import clip, fit, shrink
from bot.services.projects import shown_stage
from bot.services.projects_join import Joining, joining_of
from bot.services.public import excerpt
from bot.services.territories import Territories
from bot.services.timetext import DATE, as_local
from bot.storage.broadcasts import Broadcast
from bot.storage.follows import IdeaEvent
from bot.storage.models import PUBLIC_STATUSES, Idea, User
from bot.storage.repositories import Repos
from bot.storage.surveys import Round
from bot.telegram.callbacks import number
from bot.telegram.i18n import Translate, Translator
from bot.telegram.keyboards import button, markup, url_button

ADDRESS_UNITS = 1200  # an address (300 characters allowed), escaped
ANSWER_UNITS = 2400  # the curators' answer on the page (1000 characters allowed), escaped
NOTICE_EXCERPT = 200  # characters of an idea's text in a follow notice
NOTICE_ANSWER = 600  # characters of an answer in a follow notice
MY_LIMIT = 10
MY_EXCERPT = 80
MY_REASON = 150
MY_ROW = 5  # number buttons per row under /my
LEADER_NAME_UNITS = 60  # a project leader's first name on the page
ALBUM_MAX = 10  # photos in one album (Telegram's limit; an idea holds fewer)


def is_public(idea: Idea) -> bool:
    return idea.status in PUBLIC_STATUSES and idea.hidden_at is None


@dataclass(frozen=True, slots=True)
class Viewer:
    """Who looks at the page, as far as it matters for what it shows."""

    own: bool = False  # the author
    staff: bool = False  # superadmins and organizers: may answer, may see an idea that is not public
    member: bool = False  # consented and set up: may support and follow (others are led through the set-up)
    supported: bool = False
    following: bool = False
    joining: Joining | None = None  # a public idea's project: the person's offers to help or to lead (projects/join)


@dataclass(frozen=True, slots=True)
class PageFacts:
    """What the page shows besides the idea itself, read by the handler."""

    direction: str
    territory: str
    history: list[IdeaEvent]
    tz: tzinfo
    extras: tuple[str, ...] = ()  # the project's blocks (similar experience, experts): safe HTML
    project: str | None = None  # «Проект: ищем лидера» (a public idea is a project), with its leader's first name
    results: tuple[str, ...] = ()  # residents on a project's result (issue 15): «Жители об итоге: да — 5, …»


def _status(t: Translate, status: str) -> str:
    return t(f"idea-page-status-{status}")


def _place(t: Translate, idea: Idea) -> str:
    if idea.latitude is not None and idea.longitude is not None:
        return t("idea-page-place-point")
    if idea.address:
        return clip(idea.address, ADDRESS_UNITS)
    return t("idea-page-place-none")


def _answer(t: Translate, idea: Idea, facts: PageFacts) -> str | None:
    """The curators' public answer: the last one they wrote, or the reason of a rejection."""
    answers = [e for e in facts.history if e.action == "answer" and e.details]
    if answers:
        last = answers[-1]
        return t(
            "idea-page-answer",
            date=as_local(last.created_at, facts.tz, DATE),
            answer=clip(last.details or "", ANSWER_UNITS),
        )
    if idea.status == "rejected" and idea.reject_reason:
        return t("idea-page-reason", reason=clip(idea.reject_reason, ANSWER_UNITS))
    return None


def page_text(t: Translate, idea: Idea, facts: PageFacts, viewer: Viewer) -> str:
    """The page: the text, direction, territory, place, supports, the status history with dates, the answer."""
    steps = [
        t(
            "idea-page-step",
            date=as_local(e.created_at, facts.tz, DATE),
            step=t(f"idea-page-step-{e.action}"),
        )
        for e in facts.history
    ]
    notes = []
    if not is_public(idea):
        notes.append(t("idea-page-not-public-note"))
    if viewer.own:
        notes.append(t("idea-page-own"))
    elif is_public(idea):
        if viewer.supported:
            notes.append(t("idea-page-supported"))
        if viewer.following:
            notes.append(t("idea-page-following"))
        if not viewer.member:
            notes.append(t("idea-page-join"))
    if viewer.joining is not None and viewer.member:  # the person's offers to help or to lead (projects/join)
        notes.extend(join_notes(t, viewer.joining, viewer.own))
    answer = _answer(t, idea, facts)

    def render(text: str) -> str:
        parts = [
            t("idea-page-head", number=str(idea.id), status=_status(t, idea.status)),
            text,
            t(
                "idea-page-facts",
                direction=facts.direction,
                territory=facts.territory,
                place=_place(t, idea),
                supports=idea.supports_count,
            ),
        ]
        if idea.photos:
            parts[-1] += "\n" + t("idea-page-photos-above", count=len(idea.photos))
        if facts.project:
            parts[-1] += "\n" + facts.project
        if steps:
            parts.append(t("idea-page-history") + "\n" + "\n".join(steps))
        if answer:
            parts.append(answer)
        parts.extend(facts.extras)
        if facts.results:
            parts.append("\n".join(facts.results))
        if notes:
            parts.append("\n".join(notes))
        return "\n\n".join(parts)

    return shrink(render, idea.text)


def share_url(link: str, t: Translate, idea_id: int) -> str:
    """Telegram's "share" screen with the page's link and a line asking for support."""
    text = t("idea-page-share-text", number=str(idea_id))
    return f"https://t.me/share/url?url={quote(link, safe='')}&text={quote(text, safe='')}"


def page_kb(t: Translate, idea: Idea, viewer: Viewer, link: str, src: PageFrom) -> InlineKeyboardMarkup:
    def press(key: str, action: PageAction) -> InlineKeyboardButton:
        return button(t(key), PageCb(action=action, idea=idea.id, src=src))

    rows: list[list[InlineKeyboardButton]] = []
    public = is_public(idea)
    if public and viewer.own and viewer.joining is not None:  # the author is offered to lead first
        rows.extend(join_rows(t, idea.id, viewer.joining, True, src))
    if public and not viewer.own:
        if viewer.supported:
            rows.append([press("idea-page-btn-withdraw", PageAction.WITHDRAW)])
        else:
            rows.append([press("idea-page-btn-support", PageAction.SUPPORT)])
        if viewer.following:
            rows.append([press("idea-page-btn-unfollow", PageAction.UNFOLLOW)])
        else:
            rows.append([press("idea-page-btn-follow", PageAction.FOLLOW)])
        if viewer.joining is not None:  # «Хочу участвовать», «Возглавить проект», or one tap back
            rows.extend(join_rows(t, idea.id, viewer.joining, False, src))
    if idea.latitude is not None and idea.longitude is not None:
        rows.append([press("idea-page-btn-map", PageAction.MAP)])
    if public:
        rows.append([url_button(t("idea-page-btn-share"), share_url(link, t, idea.id))])
    if viewer.staff and public:
        rows.append([press("idea-page-btn-answer", PageAction.ANSWER)])
    if viewer.member:
        rows.append([press("idea-page-btn-my" if src is PageFrom.MY else "idea-page-btn-list", PageAction.BACK)])
    return markup(rows)


# --- /my ----------------------------------------------------------------------------------------


def _cut(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


async def my_screen(
    t: Translate, lang: str, repos: Repos, tz: tzinfo, user_id: int
) -> tuple[str, InlineKeyboardMarkup]:
    """/my: the person's latest ideas, each with a button to its page."""
    ideas, total = await repos.ideas.by_author(user_id, MY_LIMIT)
    if not ideas:
        return t("my-empty"), markup([])
    directions = {d.id: d for d in await repos.directions.all()}
    blocks = []
    for idea in ideas:
        direction = directions.get(idea.direction_id)
        line = t(
            "my-line",
            number=idea.id,
            status=t(f"status-{idea.status}"),
            direction=direction.label(lang) if direction else "—",
            date=as_local(idea.created_at, tz, DATE),
            excerpt=_cut(idea.text, MY_EXCERPT),
        )
        if idea.status == "rejected" and idea.reject_reason:
            line += "\n" + t("my-reason", reason=_cut(idea.reject_reason, MY_REASON))
        blocks.append(line)
    listed = fit(
        [t("my-header", total=total)],
        blocks,
        more=lambda n: t("my-more", shown=total - n, total=total),
        hidden=max(0, total - len(ideas)),
        tail=[t("idea-page-my-hint")],
        sep="\n\n",
    )
    buttons = [
        button(t("idea-page-btn-number", number=str(i.id)), PageCb(action=PageAction.OPEN, idea=i.id, src=PageFrom.MY))
        for i in ideas[: listed.shown]
    ]
    return listed.text, markup([buttons[i : i + MY_ROW] for i in range(0, len(buttons), MY_ROW)])


# --- follow notices (the broadcast engine's renderer for kind "idea") -----------------------------


def notice_kb(t: Translate, idea_id: int, stop: bool = True) -> InlineKeyboardMarkup:
    """Under a follow notice: the idea's page, and the switch that stops such notices (gone once pressed)."""
    rows = [[button(t("idea-news-btn-open"), PageCb(action=PageAction.OPEN, idea=idea_id))]]
    if stop:
        rows.append([button(t("idea-news-btn-stop"), PageCb(action=PageAction.STOP, idea=idea_id))])
    return markup(rows)


def resume_kb(t: Translate) -> InlineKeyboardMarkup:
    return markup([[button(t("idea-news-btn-resume"), PageCb(action=PageAction.RESUME))]])


class IdeaNewsMessages:
    """What followers of an idea get when it moves on: what changed, the idea's first words, its page."""

    def __init__(self, repos: Repos, translator: Translator) -> None:
        self.repos = repos
        self.translator = translator

    async def render(self, broadcast: Broadcast, lang: str) -> tuple[str, str | None] | None:
        idea_id, change = broadcast.payload.get("idea"), broadcast.payload.get("change")
        if not isinstance(idea_id, int) or change not in ("in_progress", "implemented", "answer"):
            return None
        idea = await self.repos.ideas.get(idea_id)
        if idea is None or not is_public(idea):
            return None  # hidden or gone since: nothing to tell
        t = self.translator.for_lang(lang)
        parts = [
            t(f"idea-news-{change}", number=str(idea.id)),
            t("idea-news-excerpt", text=excerpt(idea.text, NOTICE_EXCERPT)),
        ]
        if change == "answer":
            answers = [e for e in await self.repos.follows.history(idea.id) if e.action == "answer" and e.details]
            if answers:
                parts.append(t("idea-news-answer-text", answer=excerpt(answers[-1].details or "", NOTICE_ANSWER)))
        keyboard = notice_kb(t, idea.id)
        return "\n\n".join(parts), keyboard.model_dump_json(exclude_none=True)


# --- one person looking at pages -----------------------------------------------------------------


async def survey_lines(t: Translate, repos: Repos, idea_id: int) -> tuple[str, ...]:
    """What residents answered about a project's result and, later, how it is now (issue 15): a line a round."""
    lines = []
    for round_ in Round:
        counts = await repos.surveys.counts(idea_id, round_)
        if counts.total:
            lines.append(t(f"survey-{round_.value}-counts", yes=counts.yes, partly=counts.partly, no=counts.no))
    return tuple(lines)


def idea_payload(value: object) -> int | None:
    """ "idea_12" (a deep link's payload) → 12; anything else → None."""
    if not isinstance(value, str) or not value.startswith("idea_"):
        return None
    found = number(value.removeprefix("idea_"), 999_999_999)
    return found or None


@dataclass(frozen=True)
class Pager:
    """Someone opening idea pages: who (``user``: None for a newcomer from a link), in which language, and what the
    pages read. The page's router hands it to its handlers (`paging`, a router filter)."""

    user: User | None
    t: Translate
    lang: str
    repos: Repos
    territories: Territories
    settings: Settings
    bot: Bot

    @property
    def member(self) -> bool:
        return self.user is not None and self.user.has_consent and self.user.onboarded_at is not None

    async def is_staff(self, user_id: int) -> bool:
        return user_id in self.settings.admin_ids or await self.repos.roles.is_organizer(user_id)

    async def visible(self, idea_id: int, user_id: int) -> tuple[Idea, Viewer] | None:
        """The idea and how this person sees it; None when it is not theirs to see (not public, nor theirs, nor
        are they staff) or there is no such idea."""
        idea = await self.repos.ideas.get(idea_id)
        if idea is None:
            return None
        own = idea.author_id is not None and idea.author_id == user_id
        staff = await self.is_staff(user_id)
        if not is_public(idea) and not own and not staff:
            return None
        supported = (await self.repos.public.viewer(idea.id, user_id))[0]
        following = await self.repos.follows.following(idea.id, user_id)
        joining = await joining_of(self.repos, idea.id, user_id) if is_public(idea) else None
        return idea, Viewer(own, staff, self.member, supported, following, joining)

    async def screen(self, idea: Idea, viewer: Viewer, src: PageFrom) -> tuple[str, InlineKeyboardMarkup]:
        t, lang = self.t, self.lang
        direction = await self.repos.directions.get(idea.direction_id)
        project = await project_parts(t, self.repos, idea, self.user.id if self.user else None, viewer.staff)
        facts = PageFacts(
            direction=direction.label(lang) if direction else "—",
            territory=self.territories.name(idea.territory_code, lang) or t("idea-page-territory-none"),
            history=await self.repos.follows.history(idea.id),
            tz=self.settings.tz,
            extras=tuple(project.lines),
            project=await self.project_line(idea),
            results=await survey_lines(t, self.repos, idea.id),
        )
        link = page_link((await self.bot.me()).username or "", idea.id)
        keyboard = page_kb(t, idea, viewer, link, src)
        if project.rows:  # the project's buttons above «Назад»
            rows = list(keyboard.inline_keyboard)
            keyboard = markup(
                [*rows[:-1], *project.rows, rows[-1]] if viewer.member and rows else [*rows, *project.rows]
            )
        return page_text(t, idea, facts, viewer), keyboard

    async def project_line(self, idea: Idea) -> str | None:
        """The project's stage and its leader's first name; None when the idea is not public."""
        project = await self.repos.projects.get(idea.id) if is_public(idea) else None
        if project is None:
            return None
        stage = self.t(f"choose-stage-{shown_stage(project, idea.status).value}")
        leader = await self.repos.users.get(project.leader_id) if project.leader_id is not None else None
        name = clip((leader.first_name or "").strip(), LEADER_NAME_UNITS) if leader is not None else ""
        if name:
            return self.t("choose-page-stage-leader", stage=stage, name=name)
        return self.t("choose-page-stage", stage=stage)

    async def send(self, chat: Message, idea: Idea, viewer: Viewer, src: PageFrom) -> None:
        """The page as new messages: its photos (an album), then the page with its buttons."""
        caption = self.t("idea-page-photos", number=str(idea.id))
        if len(idea.photos) == 1:
            await chat.answer_photo(idea.photos[0], caption=caption)
        elif idea.photos:
            album: list[
                InputMediaAudio | InputMediaDocument | InputMediaLivePhoto | InputMediaPhoto | InputMediaVideo
            ] = [
                InputMediaPhoto(media=file_id, caption=caption if n == 0 else None)
                for n, file_id in enumerate(idea.photos[:ALBUM_MAX])
            ]
            await chat.answer_media_group(album)
        text, keyboard = await self.screen(idea, viewer, src)
        await chat.answer(text, reply_markup=keyboard)

    async def open(self, chat: Message, idea_id: int, user_id: int, src: PageFrom = PageFrom.LIST) -> bool:
        """Send the page, or say it is not to be seen; False then."""
        found = await self.visible(idea_id, user_id)
        if found is None:
            await chat.answer(self.t("idea-page-not-public", number=str(idea_id)))
            return False
        await self.send(chat, *found, src)
        return True


async def answer_idea_payload(chat: Message, payload: object, pager: Pager, user_id: int) -> bool:
    """After the set-up: back to the page of the idea the person came to support. False if the payload is not an
    idea's."""
    idea_id = idea_payload(payload)
    if idea_id is None:
        return False
    await pager.open(chat, idea_id, user_id)
    return True
