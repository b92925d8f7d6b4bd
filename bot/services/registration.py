"""Registration for sessions: places, the waitlist and its offers, tickets (.ics and QR), check-in.

Plain logic over the repositories: the handlers of the session cards call it for a person's presses,
the timers call `expire_offer`, the organizers' side calls `fill_free_places` after raising the
capacity. Every change runs in one transaction (see bot/storage/registrations.py); messages to
other people (offers, expired offers) go out after it commits. A place taken queues its tickets (.ics, QR) in
that transaction: the press is answered and confirmed first, the outbox sends the tickets after.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from aiogram import Bot
from aiogram.types import BufferedInputFile, InlineKeyboardMarkup

from bot.clock import now, parse_iso, usable
from bot.config import Settings
from bot.services.ics import session_ics
from bot.services.qr import checkin_link, qr_png, session_link
from bot.services.timers import Timers
from bot.services.timetext import local, when_text
from bot.storage.outbox import TICKETS, OutboxItem
from bot.storage.registrations import CheckinTarget, Offer, PlaceChange
from bot.storage.repositories import Repos
from bot.storage.sessions import Registrant, Session
from bot.telegram.i18n import Translate, Translator
from bot.telegram.sender import deliver

log = logging.getLogger(__name__)


CHECKIN_OPENS = timedelta(hours=6)  # before the start: a code scanned days early is a mistake, not a visit


@dataclass(frozen=True, slots=True)
class CheckIn:
    """outcome: done | already | not_registered (cancelled, waiting, declined…) | called_off | too_early |
    unknown"""

    outcome: str
    target: CheckinTarget | None = None
    attended_at: datetime | None = None


# The offer of a freed place as the sessions feature draws it (bot/handlers/sessions/screens.py):
# (t, session, expires_at, tz, now) -> (text, keyboard).
OfferView = Callable[[Translate, Session, datetime, ZoneInfo, datetime], tuple[str, InlineKeyboardMarkup]]


class RegistrationService:
    def __init__(
        self,
        bot: Bot,
        repos: Repos,
        translator: Translator,
        settings: Settings,
        timers: Timers,
        offer_view: OfferView,
        wake: Callable[[], None] = lambda: None,
    ) -> None:
        self.wake = wake  # the outbox worker's: offers were queued
        self.offer_view = offer_view
        self.bot = bot
        self.repos = repos
        self.translator = translator
        self.settings = settings
        self.timers = timers

    @property
    def ttl(self) -> timedelta:
        return timedelta(seconds=self.settings.offer_ttl)

    # --- a person's presses ---------------------------------------------------------------------

    async def request_place(self, session_id: int, user_id: int) -> PlaceChange:
        """Register (or take a place offered to them); when the session is full, join the waitlist."""
        change = await self.repos.registrations.request_place(session_id, user_id, now(), self.ttl)
        await self._after(change)
        return change

    async def accept_offer(self, session_id: int, user_id: int) -> PlaceChange:
        change = await self.repos.registrations.accept_offer(session_id, user_id, now(), self.ttl)
        await self._after(change)
        return change

    async def cancel(self, session_id: int, user_id: int) -> PlaceChange:
        """Give up a place; the first on the waitlist is offered it."""
        return await self._withdraw(session_id, user_id, "registered")

    async def leave_waitlist(self, session_id: int, user_id: int) -> PlaceChange:
        return await self._withdraw(session_id, user_id, "waitlist")

    async def decline_offer(self, session_id: int, user_id: int) -> PlaceChange:
        return await self._withdraw(session_id, user_id, "offered")

    async def _withdraw(self, session_id: int, user_id: int, expected: str) -> PlaceChange:
        change = await self.repos.registrations.withdraw(session_id, user_id, expected, now(), self.ttl)
        await self._after(change)
        return change

    # --- timers and organizers ---------------------------------------------------------------------

    async def expire_offer(self, session_id: int, user_id: int) -> None:
        """The offer's time is up (the timers call this at offer_expires_at): the person is told and the
        place goes to the next in line. Idempotent: re-checks the database, does nothing if the person
        answered meanwhile or it already ran."""
        change = await self.repos.registrations.expire_offer(session_id, user_id, now(), self.ttl)
        if change.outcome != "expired":
            return
        session = await self.repos.sessions.get(session_id)
        if session is not None and session.status == "scheduled":
            t, _ = await self._voice(user_id)
            # Offers end at the start at the latest: then nobody gets the place and nobody can queue again.
            key = "session-offer-passed" if now() < session.starts_at else "session-offer-passed-started"
            await self._send(user_id, "offer expired", t(key, title=session.title))
        await self._after(change)

    async def fill_free_places(self, session_id: int) -> int:
        """After an organizer raised the capacity: offer each free place to the waitlist, in order.
        Returns how many offers were made."""
        offers = await self.repos.registrations.fill_free_places(session_id, now(), self.ttl)
        await self._announce(offers)
        return len(offers)

    async def registrants(self, session_id: int) -> list[Registrant]:
        """People holding a place, with names, in the order they registered."""
        return await self.repos.registrations.registrants(session_id)

    async def waitlist(self, session_id: int) -> list[Registrant]:
        """The waitlist in its order (with people holding an offer), with names."""
        return await self.repos.registrations.waitlist(session_id)

    async def registered_user_ids(self, session_id: int) -> list[int]:
        return await self.repos.registrations.registered_user_ids(session_id)

    async def check_in(self, token: str, by: int) -> CheckIn:
        """An organizer opened a registrant's QR link: mark them attended (once)."""
        target = await self.repos.registrations.checkin_target(token)
        if target is None:
            return CheckIn("unknown")
        if target.session_status == "cancelled":
            return CheckIn("called_off", target)
        if target.status != "registered":
            return CheckIn("not_registered", target)
        if usable(target.starts_at) and now() < target.starts_at - CHECKIN_OPENS:
            return CheckIn("too_early", target)
        if target.attended_at is not None:
            return CheckIn("already", target, target.attended_at)
        if await self.repos.registrations.mark_attended(target.session_id, target.user_id, by):
            fresh = await self.repos.registrations.checkin_target(token)
            return CheckIn("done", target, fresh.attended_at if fresh else now())
        # Someone else checked them in (or they cancelled) a moment ago: say what is true now.
        fresh = await self.repos.registrations.checkin_target(token)
        if fresh is not None and fresh.attended_at is not None:
            return CheckIn("already", fresh, fresh.attended_at)
        return CheckIn("not_registered", fresh or target)

    # --- tickets ------------------------------------------------------------------------------------

    async def send_tickets(self, user_id: int, session_id: int, t: Translate) -> None:
        """After registering: the confirmation, then the .ics file and the check-in QR code, which were queued with
        the place (`send_ticket` sends them through the outbox, after the confirmation and never before anyone's
        answer)."""
        session = await self.repos.sessions.get(session_id)
        if session is not None:
            text = t("session-registered", title=session.title, when=when_text(session, self.settings.tz))
            await self._send(user_id, "registration confirmation", text)
        if await self.repos.outbox.release(TICKETS, session_id, user_id):
            self.wake()

    async def send_ticket(self, item: OutboxItem) -> None:
        """The outbox's sender for a registrant's .ics file and QR code (kinds "ics" and "qr"): only while the
        place is theirs. Raises what Telegram raised (the outbox decides what follows)."""
        if item.ref is None or item.chat_id is None:
            return
        registration = await self.repos.registrations.get(item.ref, item.chat_id)
        if registration is None or registration.status != "registered":
            return  # given up (or the data deleted) before the ticket went out
        session = await self.repos.sessions.get(item.ref)
        if session is None or session.status == "cancelled":
            return  # called off before the ticket went out: the cancellation notice says what matters
        t, _ = await self._voice(item.chat_id)
        if item.kind == "ics":
            document, caption = await self._ics(session, t)
            await self.bot.send_document(item.chat_id, document, caption=caption)
        else:
            photo, caption = await self._qr(session, registration.checkin_token, t)
            await self.bot.send_photo(item.chat_id, photo, caption=caption)

    async def send_ics(self, user_id: int, session: Session, t: Translate) -> None:
        document, caption = await self._ics(session, t)
        await deliver(
            f"session {session.id} .ics to {user_id}",
            lambda: self.bot.send_document(user_id, document, caption=caption),
            on_blocked=lambda: self.repos.users.set_active(user_id, False),
        )

    async def send_qr(self, user_id: int, session: Session, token: str, t: Translate) -> None:
        photo, caption = await self._qr(session, token, t)
        await deliver(
            f"session {session.id} QR to {user_id}",
            lambda: self.bot.send_photo(user_id, photo, caption=caption),
            on_blocked=lambda: self.repos.users.set_active(user_id, False),
        )

    async def _ics(self, session: Session, t: Translate) -> tuple[BufferedInputFile, str]:
        username = await self._username()
        data = session_ics(session, username, now(), session_link(username, session.id))
        document = BufferedInputFile(data, filename=f"session-{session.id}.ics")
        return document, t("session-ics-caption", title=session.title)

    async def _qr(self, session: Session, token: str, t: Translate) -> tuple[BufferedInputFile, str]:
        png = qr_png(checkin_link(await self._username(), token))
        photo = BufferedInputFile(png, filename=f"checkin-{session.id}.png")
        return photo, t("session-qr-caption", title=session.title, when=local(session.starts_at, self.settings.tz))

    async def ticket_token(self, session_id: int, user_id: int) -> str | None:
        registration = await self.repos.registrations.get(session_id, user_id)
        return registration.checkin_token if registration and registration.status == "registered" else None

    # --- messages to others -----------------------------------------------------------------------------

    async def _after(self, change: PlaceChange) -> None:
        await self._announce(change.offers)

    async def _announce(self, offers: tuple[Offer, ...]) -> None:
        """Plan each offer's expiry; its message was queued with it (the outbox sends it). An offer whose
        message cannot be delivered still passes on in time."""
        for offer in offers:
            self.timers.offer_made(offer.session_id, offer.user_id, offer.expires_at)
        if offers:
            self.wake()

    async def send_offer(self, item: OutboxItem) -> None:
        """The outbox's sender for offers: only while the offer stands (not taken, declined or expired)."""
        if item.ref is None or item.chat_id is None:
            return
        registration = await self.repos.registrations.get(item.ref, item.chat_id)
        stamp = item.args.get("expires_at")
        if not isinstance(stamp, str):
            log.error("outbox offer #%s has no expiry; not sent", item.id)
            return
        expires_at = parse_iso(stamp)
        if registration is None or registration.status != "offered" or registration.offer_expires_at != expires_at:
            return  # answered or passed on meanwhile: nothing to offer any more
        if expires_at <= now():
            return
        session = await self.repos.sessions.get(item.ref)
        if session is None:
            return
        t, _ = await self._voice(item.chat_id)
        text, markup = self.offer_view(t, session, expires_at, self.settings.tz, now())
        await self.bot.send_message(item.chat_id, text, reply_markup=markup)

    async def _voice(self, user_id: int) -> tuple[Translate, str]:
        user = await self.repos.users.get(user_id)
        lang = user.language if user is not None and user.language else self.settings.default_locale
        return self.translator.for_lang(lang), lang

    async def _send(self, user_id: int, what: str, text: str) -> None:
        await deliver(
            f"{what} to {user_id}",
            lambda: self.bot.send_message(user_id, text),
            on_blocked=lambda: self.repos.users.set_active(user_id, False),
        )

    async def _username(self) -> str:
        me = await self.bot.me()
        return me.username or "bot"
