"""Who a broadcast may go to: reading the audience an organizer picked, counting it, naming it."""

from __future__ import annotations

from bot.services.territories import Territories
from bot.storage.broadcasts import Audience
from bot.storage.models import Direction
from bot.storage.repositories import Repos
from bot.telegram.callbacks import number
from bot.telegram.i18n import Translate

EVERYONE = Audience("all")
# The kinds narrowed down to one direction (leaders, teams: of the projects of that direction).
BY_DIRECTION = frozenset({"direction", "authors", "leaders", "teams"})


class Audiences:
    def __init__(self, repos: Repos, territories: Territories) -> None:
        self.repos = repos
        self.territories = territories

    async def count(self, audience: Audience) -> int:
        return await self.repos.broadcasts.count_audience(audience)

    async def by_direction(self, kind: str) -> list[tuple[Direction, int]]:
        """Every direction with the residents a broadcast of this kind (one of BY_DIRECTION) would reach."""
        return [(d, await self.count(Audience(kind, str(d.id)))) for d in await self.repos.directions.all()]

    async def by_territory(self, lang: str) -> list[tuple[str, str, int]]:
        """Territories that have residents to reach, most populated first: (code, name, residents)."""
        rows = await self.repos.broadcasts.territories_with_residents()
        return [(code, self.territories.name(code, lang) or code, n) for code, n in rows]

    async def parse(self, value: str) -> Audience | None:
        """The audience a button carries ("all", "direction.3", "territory.orenburg"), if it still exists."""
        if value == "all":
            return EVERYONE
        kind, _, arg = value.partition(".")
        if kind in BY_DIRECTION:
            direction_id = number(arg, 999)
            if direction_id is not None and await self.repos.directions.get(direction_id) is not None:
                return Audience(kind, arg)
            return None
        if kind == "territory" and self.territories.get(arg) is not None:
            return Audience(kind, arg)
        return None

    async def label(self, audience: Audience, t: Translate, lang: str) -> str:
        if audience.kind in BY_DIRECTION:
            direction = await self.repos.directions.get(int(audience.value or 0))
            return t(f"bc-label-{audience.kind}", direction=direction.label(lang) if direction else "?")
        if audience.kind == "territory":
            return t("bc-label-territory", territory=self.territories.name(audience.value, lang) or "?")
        return t("bc-label-all")
