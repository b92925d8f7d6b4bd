"""Ideas whose cards go nowhere, made visible to the staff.

A card of a direction with no curators' chat goes privately to the direction's curators and the superadmins; if
none of them can be reached (no superadmin has pressed Start yet), the outbox keeps trying and the card waits.
Staff learn of it in /stats, and once per wave at the first chance: their next message to the bot. A superadmin who
writes can be reached from then on, so the waiting cards are sent to them at once.
"""

from __future__ import annotations

import logging

from aiogram import Bot

from bot.config import Settings
from bot.services.cards import CardService
from bot.storage.repositories import Repos
from bot.storage.staff_notices import UNROUTED, Unrouted
from bot.telegram.i18n import Translate, Translator
from bot.telegram.sender import deliver

log = logging.getLogger(__name__)

# Commands whose answer shows the waiting ideas themselves: whoever sends them has seen them, no notice follows.
SHOWS_THE_IDEAS = frozenset({"moderate", "stats"})


class StaffNotices:
    def __init__(self, bot: Bot, repos: Repos, translator: Translator, settings: Settings, cards: CardService) -> None:
        self.bot = bot
        self.repos = repos
        self.translator = translator
        self.settings = settings
        self.cards = cards

    async def is_staff(self, user_id: int) -> bool:
        return user_id in self.settings.admin_ids or await self.repos.roles.is_organizer(user_id)

    async def _directions(self, unrouted: Unrouted, lang: str) -> list[str]:
        by_id = {d.id: d for d in await self.repos.directions.all()}
        return [f"«{by_id[i].name(lang)}»" for i in unrouted.direction_ids if i in by_id]

    async def stats_line(self, user_id: int, t: Translate, lang: str) -> str | None:
        """The /stats line about ideas that wait with no one to see them (None when there are none). Whoever
        reads it is not told again of the same wave."""
        unrouted = await self.repos.staff_notices.unrouted()
        if not unrouted:
            return None
        await self.repos.staff_notices.told(user_id, UNROUTED)
        directions = ", ".join(await self._directions(unrouted, lang))
        return t("staff-unrouted-stats", count=unrouted.count, directions=directions)

    async def on_staff_message(self, user_id: int, lang: str | None, command: str | None) -> None:
        """A staff member wrote to the bot in private (``command``: the command sent, if any): waiting cards go to a
        superadmin (they can be reached now), and the person is told of the waiting ideas unless already told of
        this wave or shown them by the command itself."""
        unrouted = await self.repos.staff_notices.unrouted()
        if not unrouted:
            return
        superadmin = user_id in self.settings.admin_ids
        told_at = await self.repos.staff_notices.told_at(user_id, UNROUTED)
        due = told_at is None or (unrouted.since is not None and told_at < unrouted.since)
        if due and command in SHOWS_THE_IDEAS:
            await self.repos.staff_notices.told(user_id, UNROUTED)
        elif due:
            lang = lang or self.settings.default_locale
            t = self.translator.for_lang(lang)
            directions = await self._directions(unrouted, lang)
            text = t(
                "staff-unrouted-notice",
                count=unrouted.count,
                directions=", ".join(directions),
                many=len(directions),  # «у направления «…»» for one, «у направлений «…», «…»» for more
            )
            if superadmin:
                text += "\n" + t("staff-unrouted-coming")
            sent = await deliver(f"unrouted cards notice to {user_id}", lambda: self.bot.send_message(user_id, text))
            if sent is not None:
                await self.repos.staff_notices.told(user_id, UNROUTED)
        if superadmin:
            log.info("%s idea card(s) wait for someone; superadmin %s can be reached now", unrouted.count, user_id)
            await self.cards.deliver_pending()
