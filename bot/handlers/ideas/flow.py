"""Steps of the idea draft shared by several handlers (prompts, routing, summary): `Steps`, and the start of a
draft (`begin_idea`), which the set-up runs too when someone came for an idea."""

from __future__ import annotations

from dataclasses import dataclass

from aiogram import html
from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from bot.config import Settings
from bot.handlers.ideas.keyboards import cancel_kb, photos_kb, place_kb, route_kb, similar_kb, summary_kb
from bot.handlers.ideas.states import IdeaForm
from bot.handlers.onboarding.keyboards import main_menu
from bot.services.cards import map_link
from bot.services.ideas import PHOTOS_MAX, TEXT_MAX, TEXT_MIN, draft_from, draft_token, new_token
from bot.services.limits import ELLIPSIS, clip, escaped_units
from bot.services.routing import DirectionRouter
from bot.services.territories import Territories
from bot.services.timetext import as_local
from bot.storage.models import User
from bot.storage.repositories import Repos
from bot.telegram.bundles import Bundled
from bot.telegram.i18n import Html, Translate

SUMMARY_EXCERPT = 700  # characters of the idea's text on its summary
SUMMARY_UNITS = 1400  # ... as sent (bot/services/limits.py): every emoji fits, a text of "&" is shortened
ADDRESS_UNITS = 1200


async def quota_refusal(repos: Repos, settings: Settings, user_id: int, t: Translate) -> str | None:
    """The refusal text when the person has used up today's ideas, else None."""
    if await repos.ideas.count_recent(user_id) < settings.ideas_per_day:
        return None
    frees_at = await repos.ideas.quota_frees_at(user_id)
    when = as_local(frees_at, settings.tz)
    return t("idea-quota", limit=settings.ideas_per_day, when=when)


async def begin_idea(
    message: Message, t: Translate, state: FSMContext, repos: Repos, settings: Settings, user_id: int
) -> None:
    """Start a new draft, or show the step an unfinished draft stopped at."""
    current = await state.get_state()
    if current and current.startswith(IdeaForm.__name__):
        await prompt_step(message, t, state, current, repos, user_id, settings.default_locale)
        return
    refusal = await quota_refusal(repos, settings, user_id, t)
    if refusal:
        await message.answer(refusal)
        return
    await state.set_state(IdeaForm.text)
    await state.set_data({"draft": {}, "token": new_token()})
    await message.answer(t("idea-ask-text", min=TEXT_MIN, max=TEXT_MAX), reply_markup=cancel_kb(t))


async def prompt_step(
    message: Message,
    t: Translate,
    state: FSMContext,
    current: str,
    repos: Repos | None = None,
    user_id: int = 0,
    default_lang: str = "ru",
) -> None:
    """Repeat the question of the step the draft is at (after a restart, /idea or /start), with its buttons.

    repos and user_id are needed for the direction step (the directions, in the person's language).
    """
    draft = draft_from(await state.get_data())
    if current == IdeaForm.text.state:
        await message.answer(t("idea-ask-text", min=TEXT_MIN, max=TEXT_MAX), reply_markup=cancel_kb(t))
    elif current == IdeaForm.photos.state:
        if draft.photos:
            await message.answer(
                t("idea-photos-added", count=len(draft.photos), max=PHOTOS_MAX), reply_markup=photos_kb(t, True)
            )
        else:
            await message.answer(t("idea-ask-photos", max=PHOTOS_MAX), reply_markup=photos_kb(t, False))
    elif current == IdeaForm.place.state:
        await message.answer(t("idea-ask-place"), reply_markup=place_kb(t))
    elif current == IdeaForm.similar.state:
        similar = [int(n) for n in (await state.get_data()).get("similar", [])]
        await message.answer(t("idea-similar-need"), reply_markup=similar_kb(t, similar))
    elif current == IdeaForm.direction.state and repos is not None:
        person = await repos.users.get(user_id)
        lang = person.language if person is not None and person.language else default_lang
        await message.answer(t("idea-route-need"), reply_markup=route_kb(t, await repos.directions.all(), lang, False))
    elif current == IdeaForm.confirm.state:
        await message.answer(t("idea-summary-need"), reply_markup=summary_kb(t, draft_token(await state.get_data())))
    else:
        await message.answer(t("idea-route-need"))


@dataclass(frozen=True)
class Steps:
    """One resident's idea form (the draft itself is in the dialogue's data) and what its steps read.

    The form's routers hand it to their handlers (`writing`, a router filter).
    """

    user: User
    t: Translate
    lang: str
    state: FSMContext
    repos: Repos
    territories: Territories
    settings: Settings
    classifier: DirectionRouter

    async def begin(self, message: Message) -> None:
        """Start a new draft, or show the step an unfinished draft stopped at."""
        await begin_idea(message, self.t, self.state, self.repos, self.settings, self.user.id)

    async def ask_direction(self, message: Message) -> None:
        t, lang, state = self.t, self.lang, self.state
        data = await state.get_data()
        draft = draft_from(data)
        suggestion = self.classifier.suggest(draft.text)
        draft.suggested_direction_id = suggestion.best
        data["draft"]["suggested_direction_id"] = suggestion.best
        await state.set_data(data)
        await state.set_state(IdeaForm.direction)
        directions = {d.id: d for d in await self.repos.directions.all()}
        if suggestion.confident and suggestion.runner_up is not None:
            best, second = directions[suggestion.best], directions[suggestion.runner_up]
            await message.answer(
                t("idea-route", best=best.label(lang), second=second.label(lang)),
                reply_markup=route_kb(t, [best, second], lang, offer_other=True),
            )
        else:
            await message.answer(
                t("idea-route-unsure"), reply_markup=route_kb(t, list(directions.values()), lang, offer_other=False)
            )

    async def show_summary(self, message: Message) -> None:
        t, lang, state = self.t, self.lang, self.state
        data = await state.get_data()
        draft = draft_from(data)
        await state.set_state(IdeaForm.confirm)
        direction = await self.repos.directions.get(draft.direction_id or 0)
        text = draft.text
        excerpt: str | Html = text
        cut = text[:SUMMARY_EXCERPT]
        shown = cut if escaped_units(cut) <= SUMMARY_UNITS else clip(cut, SUMMARY_UNITS).removesuffix(ELLIPSIS)
        if len(shown) < len(text):
            rest = t("idea-summary-cut", rest=len(text) - len(shown))
            excerpt = Html(html.quote(shown) + rest)
        if draft.latitude is not None and draft.longitude is not None:
            place: str | Html = map_link(draft.latitude, draft.longitude, t("idea-place-point"))
        elif draft.address:
            place = clip(draft.address, ADDRESS_UNITS)
        else:
            place = t("idea-place-none")
        await message.answer(
            t(
                "idea-summary",
                text=excerpt,
                photos=len(draft.photos),
                place=place,
                territory=self.territories.name(self.user.territory_code, lang) or "—",
                direction=direction.label(lang) if direction else "—",
            ),
            reply_markup=summary_kb(t, draft_token(data)),
        )

    async def after_photos(self, message: Message) -> None:
        """On to the place, or back to the summary when the photos were being changed."""
        if (await self.state.get_data()).get("editing"):
            await self.show_summary(message)
            return
        await self.state.set_state(IdeaForm.place)
        await message.answer(self.t("idea-ask-place"), reply_markup=place_kb(self.t))

    async def after_place(self, message: Message) -> None:
        """On to the direction, or back to the summary when the place was being changed."""
        if (await self.state.get_data()).get("editing"):
            await self.show_summary(message)
        else:
            await self.ask_direction(message)

    async def sent(self, message: Message, idea_id: int, direction_id: int | None) -> None:
        """Tell the number of the idea sent, with the menu back."""
        direction = await self.repos.directions.get(direction_id or 0)
        await message.answer(
            self.t("idea-sent", number=idea_id, direction=direction.label(self.lang) if direction else "—"),
            reply_markup=main_menu(self.t),
        )


writing = Bundled("steps", Steps)  # the form's handlers get their `steps`
