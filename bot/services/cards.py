"""Idea cards for curators and notifications for authors."""

from __future__ import annotations

import html as std_html
import logging
from collections.abc import Callable
from dataclasses import dataclass

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError, TelegramMigrateToChat
from aiogram.types import (
    InlineKeyboardMarkup,
    InputMediaAudio,
    InputMediaDocument,
    InputMediaLivePhoto,
    InputMediaPhoto,
    InputMediaVideo,
    Message,
)

from bot import logs
from bot.config import Settings
from bot.services.limits import TEXT_LIMIT, clip, person, squeeze, units
from bot.services.outbox import NotYet
from bot.services.territories import Territories
from bot.services.timetext import as_local
from bot.storage.models import Direction, Idea
from bot.storage.outbox import OutboxItem
from bot.storage.repositories import Repos
from bot.telegram.i18n import Html, Translate, Translator
from bot.telegram.sender import deliver

log = logging.getLogger(__name__)
MESSAGE_LIMIT = TEXT_LIMIT
# Units (bot/services/limits.py) of what a card shows from people: an address (300 characters are allowed) and a
# rejection reason (500): every emoji fits, a text of "&" (five units each, escaped) is shortened.
ADDRESS_UNITS = 1200
REASON_UNITS = 1200
STATUS_RESERVE = 1400  # the longest status line: a name and a reason
NOTE_RESERVE = 300  # the "no curator chat bound" line on cards sent to superadmins, /moderate's queue notes


def map_link(lat: float, lon: float, label: str) -> Html:
    """A point on the map as a link with words ("точка на карте"): people are never shown raw coordinates."""
    url = f"https://yandex.ru/maps/?pt={lon:.6f},{lat:.6f}&z=17&l=map"
    return Html(f'<a href="{std_html.escape(url)}">{std_html.escape(label)}</a>')


def page_link(bot_username: str, idea_id: int) -> str:
    return f"https://t.me/{bot_username}?start=idea_{idea_id}"


@dataclass(frozen=True, slots=True)
class CardText:
    separate_body: str | None  # the idea's text as its own plain message, when the card would be too long
    card: str


@dataclass(frozen=True)
class CardKeyboards:
    """The card's buttons, drawn by the curators' feature (bot/handlers/curation/keyboards.py)."""

    card: Callable[[Translate, int], InlineKeyboardMarkup]  # (t, idea id): the decision buttons
    followup: Callable[[Translate, int, str], InlineKeyboardMarkup | None]  # (t, idea id, status): after a decision


class NoOneToTell(NotYet):
    """A card with no curator chat bound and no reachable curator or superadmin: the outbox tries again later."""


class CardService:
    def __init__(
        self,
        bot: Bot,
        repos: Repos,
        translator: Translator,
        territories: Territories,
        settings: Settings,
        keyboards: CardKeyboards,
        wake: Callable[[], None] = lambda: None,
    ) -> None:
        self.wake = wake  # the outbox worker's: something was queued
        self.keyboards = keyboards
        self.bot = bot
        self.repos = repos
        self.translator = translator
        self.territories = territories
        self.settings = settings
        self.lang = settings.default_locale

    # --- rendering (pure) ----------------------------------------------------

    def format_date(self, iso: str) -> str:
        return as_local(iso, self.settings.tz)  # never fails on a bad row: curator cards go out at start-up

    def place_text(self, idea: Idea, lang: str) -> str | Html:
        t = self.translator.for_lang(lang)
        if idea.latitude is not None and idea.longitude is not None:
            return map_link(idea.latitude, idea.longitude, t("idea-place-point"))
        if idea.address:
            return clip(idea.address, ADDRESS_UNITS)
        return t("idea-place-none")

    def render(
        self,
        idea: Idea,
        direction: Direction,
        status: str,
        note: str | None = None,
        lang: str | None = None,
        note_reserve: int = NOTE_RESERVE,
        page: str | None = None,
    ) -> CardText:
        """The card in the curator chats' language, or in ``lang`` (a moderator's private chat).

        ``note_reserve``: the longest note this card may get (the text goes into a message of its own if
        the card would not fit with it). ``page``: the link to the idea's page (it opens in a private chat).
        """
        lang = lang or self.lang
        t = self.translator.for_lang(lang)
        if idea.author_id is None:
            author = t("card-author-deleted")
        else:
            author = person((idea.author_name or "").strip(), None, idea.author_username) or str(idea.author_id)
        meta = t(
            "card-meta",
            author=author,
            territory=self.territories.name(idea.territory_code, lang) or "—",
            place=self.place_text(idea, lang),
            photos=len(idea.photos),
            date=self.format_date(idea.created_at),
        )
        if page is not None:
            meta += "\n" + t("card-page-link", url=Html(std_html.escape(page)))
        title = t("card-title", number=idea.id, direction=direction.label(lang))
        head = [note, title] if note else [title]
        full = "\n\n".join([*head, t("card-body", text=idea.text), meta, status])
        # Decided without the status line and the note, so that a card posted whole stays whole
        # when a long rejection reason replaces them later (and a split card stays split).
        base = "\n\n".join([title, t("card-body", text=idea.text), meta])
        if units(base) + STATUS_RESERVE + note_reserve <= MESSAGE_LIMIT:
            return CardText(None, squeeze(full))
        short = "\n\n".join([*head, t("card-text-above"), meta, status])
        body = f"{t('number-label', number=idea.id)}\n\n{idea.text}"
        return CardText(clip(body, MESSAGE_LIMIT, escaped=False), squeeze(short))

    def status_line(self, idea: Idea, who: str = "", lang: str | None = None) -> str:
        t = self.translator.for_lang(lang or self.lang)
        if idea.status == "accepted":
            return t("card-status-accepted", who=who)
        if idea.status == "rejected":
            return t("card-status-rejected", who=who, reason=clip(idea.reject_reason or "—", REASON_UNITS))
        if idea.status == "duplicate":
            return t("card-status-duplicate", who=who, original=idea.duplicate_of or 0)
        if idea.status == "in_progress":
            return t("card-status-in_progress", who=who)
        if idea.status == "implemented":
            return t("card-status-implemented", who=who)
        return t("card-status-new")

    async def page_link(self, idea_id: int) -> str:
        """t.me/<bot>?start=idea_<N>: the idea's page, in the private chat of whoever opens it."""
        return page_link((await self.bot.me()).username or "", idea_id)

    # --- delivery --------------------------------------------------------------

    async def deliver(self, idea_id: int) -> None:
        """Queue the idea's card (after a move: for the new direction's curators); the outbox posts it."""
        await self.repos.outbox.queue("card", idea_id)
        self.wake()

    async def deliver_pending(self) -> int:
        """Cards still owed go now (a curators' chat was just bound, or at start-up); returns how many wait."""
        await self.repos.outbox.requeue_lost_cards()
        await self.repos.outbox.hurry("card")
        self.wake()
        return len(await self.repos.ideas.pending_cards())

    async def post_card(self, item: OutboxItem) -> None:
        """The outbox's sender for cards: where the direction's curators are, else privately to them and the
        superadmins. Raises what Telegram raised when it may pass (the outbox tries again); a chat that
        refuses for good falls back to private cards."""
        if item.ref is None:
            return
        with logs.bound(idea=item.ref):
            await self._post_card(item.ref, again=item.attempts > 1 or item.resent)

    async def _post_card(self, idea_id: int, again: bool) -> None:
        """``again``: this row was tried before (a failure midway through the private cards, or a crash)."""
        idea = await self.repos.ideas.get(idea_id)
        if idea is None:
            return
        have = {c.chat_id for c in await self.repos.ideas.cards(idea.id)}
        if not await self.repos.ideas.card_owed(idea_id) and not (again and have):
            return  # posted already (a second row for the same card)
        direction = await self.repos.directions.get(idea.direction_id)
        assert direction is not None
        status = self.status_line(idea)
        page = await self.page_link(idea.id)
        card = self.render(idea, direction, status, page=page)
        markup = self.keyboards.card(self.translator.for_lang(self.lang), idea.id)
        target = await self.repos.curator_chats.for_direction(direction.id)
        if target is not None and target.chat_id in have:
            return  # the curators' chat has it (the bot stopped before this row was marked sent)
        if target is not None:
            message = await self._post(idea, card, markup, target.chat_id, target.thread_id)
            if message is not None:
                if await self.repos.ideas.record_card(
                    idea.id, message.chat.id, target.thread_id, message.message_id, direction.id
                ):
                    log.info("idea #%s: card posted to the curators' chat", idea.id)
                else:
                    log.info("idea #%s moved while its card was on its way; the new direction's card follows", idea.id)
                return
            log.warning("idea #%s: curator chat %s unreachable, falling back to superadmins", idea.id, target.chat_id)
        t = self.translator.for_lang(self.lang)
        # The card itself tells the superadmin why it came to them (one message, not two).
        card = self.render(
            idea, direction, status, note=t("card-fallback-note", direction=direction.label(self.lang)), page=page
        )
        # Privately to the direction's curators, then to the superadmins; those who have it already (a retry
        # after a failure midway) are skipped.
        curators = await self.repos.roles.curators_of(direction.id)
        posted = bool(have)
        for person_id in dict.fromkeys([*curators, *sorted(self.settings.admin_ids)]):
            if person_id in have:
                continue
            message = await self._post(idea, card, markup, person_id, None)
            if message is not None:
                await self.repos.ideas.record_card(idea.id, person_id, None, message.message_id, direction.id)
                posted = True
        if not posted:
            raise NoOneToTell(f"idea #{idea.id}: no curator chat and no reachable superadmin")
        log.info("idea #%s: card posted privately", idea.id)

    async def _post(
        self,
        idea: Idea,
        card: CardText,
        markup: InlineKeyboardMarkup,
        chat_id: int,
        thread_id: int | None,
    ) -> Message | None:
        """Photos, the text if long, then the card. None when the chat refuses for good (403, 400)."""
        caption = self.translator.get(self.lang, "number-label", number=idea.id)
        try:
            if len(idea.photos) == 1:
                await self.bot.send_photo(chat_id, idea.photos[0], caption=caption, message_thread_id=thread_id)
            elif idea.photos:
                media: list[
                    InputMediaAudio | InputMediaDocument | InputMediaLivePhoto | InputMediaPhoto | InputMediaVideo
                ] = [
                    InputMediaPhoto(media=file_id, caption=caption if n == 0 else None)
                    for n, file_id in enumerate(idea.photos)
                ]
                await self.bot.send_media_group(chat_id, media, message_thread_id=thread_id)
            if card.separate_body is not None:
                await self.bot.send_message(chat_id, card.separate_body, parse_mode=None, message_thread_id=thread_id)
            return await self.bot.send_message(chat_id, card.card, reply_markup=markup, message_thread_id=thread_id)
        except TelegramMigrateToChat as exc:
            log.info("chat %s became supergroup %s", chat_id, exc.migrate_to_chat_id)
            await self.repos.curator_chats.migrate_chat(chat_id, exc.migrate_to_chat_id)
            return await self._post(idea, card, markup, exc.migrate_to_chat_id, thread_id)
        except (TelegramForbiddenError, TelegramBadRequest) as exc:
            log.warning("idea #%s: card not posted to %s: %s", idea.id, chat_id, exc.message)
            if chat_id > 0 and isinstance(exc, TelegramForbiddenError):
                await self.repos.users.set_active(chat_id, False)
            return None

    async def refresh(self, idea_id: int, who: str, moved_from: Direction | None = None) -> None:
        """Show the idea's new status on every card posted for it, with the buttons of the steps left
        (in progress, implemented for an approved idea; none after a final decision).

        After a move, ``moved_from`` is the old direction: its cards keep their title
        and say where the idea went.
        """
        idea = await self.repos.ideas.get(idea_id)
        if idea is None:
            return
        current = await self.repos.directions.get(idea.direction_id)
        assert current is not None
        t = self.translator.for_lang(self.lang)
        if moved_from is not None:
            status = t("card-status-moved", direction=current.label(self.lang), who=who)
        else:
            status = self.status_line(idea, who)
        text = self.render(idea, moved_from or current, status, page=await self.page_link(idea.id)).card
        markup = None if moved_from is not None else self.keyboards.followup(t, idea.id, idea.status)
        for card in await self.repos.ideas.cards(idea_id):
            await deliver(
                f"idea #{idea_id} card refresh",
                lambda c=card: self.bot.edit_message_text(  # type: ignore[misc]
                    text, chat_id=c.chat_id, message_id=c.message_id, reply_markup=markup
                ),
            )

    async def notify_author(self, idea_id: int, key: str, **extra: str | int) -> None:
        """Queue a notice to the idea's author; the outbox sends it (in their language, when it goes)."""
        idea = await self.repos.ideas.get(idea_id)
        if idea is None or idea.author_id is None:
            return
        await self.repos.outbox.queue("notice", idea_id, idea.author_id, {"key": key, **extra})
        self.wake()

    async def send_notice(self, item: OutboxItem) -> None:
        """The outbox's sender for notices to authors. Raises what Telegram raised."""
        idea = await self.repos.ideas.get(item.ref or 0)
        if idea is None or idea.author_id is None or idea.author_id != item.chat_id:
            return  # the idea or its author's data is gone: nobody to tell
        # Counts stay numbers, so the text picks its plural form ("2 жителя", "5 жителей").
        args = {k: v if type(v) is int else str(v) for k, v in item.args.items() if k != "key"}
        text = await self.notice_text(idea, str(item.args["key"]), **args)
        await self.bot.send_message(idea.author_id, text)

    async def notice_text(self, idea: Idea, key: str, **args: object) -> str:
        """The notice ``key`` about ``idea`` exactly as its author gets it (their language, the direction's name):
        what a rejection's preview shows the curator before it is sent."""
        lang = idea.author_language or self.settings.default_locale
        direction = await self.repos.directions.get(idea.direction_id)
        assert direction is not None
        return self.translator.get(lang, key, number=idea.id, direction=direction.label(lang), **args)
