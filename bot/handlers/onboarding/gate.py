"""/idea from someone who has not consented or not finished the set-up."""

from __future__ import annotations

from aiogram import F
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from bot.config import Settings
from bot.handlers.onboarding.keyboards import consent_review_kb
from bot.handlers.onboarding.start import continue_onboarding
from bot.services.territories import Territories
from bot.storage.models import User
from bot.storage.repositories import Repos
from bot.telegram.filters import Magic, MenuButton
from bot.telegram.i18n import Translate
from bot.telegram.routes import Routes

router = Routes(name="gate")
router.message.filter(Magic(F.chat.type == "private"))


@router.message(Command("idea"))
@router.message(MenuButton("menu-idea"))
async def idea_refused(
    message: Message,
    t: Translate,
    lang: str,
    state: FSMContext,
    repos: Repos,
    territories: Territories,
    settings: Settings,
    user: User | None,
) -> None:
    assert message.from_user is not None
    if user is None or not user.has_consent:
        await message.answer(t("consent-required"), reply_markup=consent_review_kb(t))
        return
    await message.answer(t("setup-first"))
    await state.update_data(payload="idea")
    await continue_onboarding(message, message.from_user, t, lang, state, repos, territories, settings)
