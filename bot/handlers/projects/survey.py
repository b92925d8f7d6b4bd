"""A project's result (issue 15, point 6): «Получилось?» (да / частично / нет, then an optional comment) when it
is implemented, «Как там сейчас?» FOLLOWUP_AFTER later; and what the broadcast engine sends for both."""

from __future__ import annotations

from aiogram import F
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.handlers.ideas.page_screen import NOTICE_EXCERPT, is_public
from bot.handlers.projects.callbacks import SurveyAction, SurveyCb
from bot.handlers.projects.keyboards import survey_comment_kb, survey_kb
from bot.handlers.projects.states import SurveyForm
from bot.services.outbox import OutboxWorker
from bot.services.public import excerpt
from bot.storage.broadcasts import Broadcast
from bot.storage.repositories import Repos
from bot.storage.surveys import COMMENT_MAX, Answer, Counts, Round
from bot.telegram.filters import HasConsent, Magic, Typed
from bot.telegram.i18n import Translate, Translator
from bot.telegram.messages import settle, show
from bot.telegram.routes import Routes
from bot.text import INVISIBLE, has_visible, tidy, too_long

router = Routes(name="project_survey")
router.message.filter(HasConsent(), Magic(F.chat.type == "private"))
router.callback_query.filter(HasConsent())


def result_line(t: Translate, counts: Counts, round_: Round = Round.RESULT) -> str | None:
    """«Жители об итоге: да — 5, частично — 2, нет — 1» (None before the first answer)."""
    if not counts.total:
        return None
    return t(f"survey-{round_.value}-counts", yes=counts.yes, partly=counts.partly, no=counts.no)


class SurveyMessages:
    """The survey as the broadcast engine sends it: the question, the idea's first words, the three answers."""

    def __init__(self, repos: Repos, translator: Translator) -> None:
        self.repos = repos
        self.translator = translator

    async def render(self, broadcast: Broadcast, lang: str) -> tuple[str, str | None] | None:
        idea_id, round_ = broadcast.payload.get("idea"), broadcast.payload.get("round")
        if not isinstance(idea_id, int) or round_ not in Round._value2member_map_:
            return None
        idea = await self.repos.ideas.get(idea_id)
        if idea is None or not is_public(idea):
            return None  # hidden or gone since: nothing to ask
        t = self.translator.for_lang(lang)
        text = t(f"survey-{round_}-ask", number=str(idea.id), text=excerpt(idea.text, NOTICE_EXCERPT))
        return text, survey_kb(t, idea.id, Round(str(round_))).model_dump_json(exclude_none=True)


@router.callback_query(SurveyCb.filter(F.action == SurveyAction.ANSWER))
async def answer(
    callback: CallbackQuery, callback_data: SurveyCb, t: Translate, repos: Repos, state: FSMContext
) -> None:
    idea_id, round_, chosen = callback_data.idea_id, callback_data.round, callback_data.answer
    if not await repos.surveys.answer(idea_id, round_, callback.from_user.id, chosen):
        await callback.answer(t("survey-not-yours"), show_alert=True)
        return
    current = await state.get_state()
    await callback.answer()
    if current is not None and current != SurveyForm.comment.state:
        # In the middle of something else: that stays as it is; the answer is kept.
        await settle(callback.message, t("survey-thanks", answer=t(f"survey-btn-{chosen.value}")))
        return
    await state.set_state(SurveyForm.comment)
    await state.set_data({"idea_id": idea_id, "round": round_.value, "answer": chosen.value})
    await show(
        callback.message,
        t("survey-answered", answer=t(f"survey-btn-{chosen.value}"), limit=COMMENT_MAX),
        survey_comment_kb(t, idea_id, round_, chosen),
    )


@router.callback_query(SurveyCb.filter(F.action == SurveyAction.SKIP))
async def skip(callback: CallbackQuery, callback_data: SurveyCb, t: Translate, state: FSMContext) -> None:
    data = await state.get_data()
    if await state.get_state() == SurveyForm.comment.state and data.get("idea_id") == callback_data.idea_id:
        await state.clear()
    await callback.answer()
    await settle(callback.message, t("survey-thanks", answer=t(f"survey-btn-{callback_data.answer.value}")))


@router.message(StateFilter(SurveyForm.comment), Typed(text=True))
async def comment(message: Message, t: Translate, repos: Repos, state: FSMContext, outbox: OutboxWorker) -> None:
    assert message.from_user is not None and message.text is not None
    text = tidy(message.text)
    if not has_visible(text):
        await message.answer(t(INVISIBLE))
        return
    over = too_long(text, COMMENT_MAX)
    if over is not None:
        await message.answer(t("survey-comment-too-long", length=over, limit=COMMENT_MAX))
        return
    data = await state.get_data()
    await state.clear()
    round_ = Round(str(data.get("round", Round.RESULT.value)))
    if not await repos.surveys.comment(int(data.get("idea_id", 0)), round_, message.from_user.id, text):
        await message.answer(t("survey-not-yours"))
        return
    outbox.wake()  # the curators' line was queued with the comment
    await message.answer(t("survey-comment-thanks"))


@router.message(StateFilter(SurveyForm.comment), Typed())
async def comment_not_text(message: Message, t: Translate, state: FSMContext) -> None:
    data = await state.get_data()
    round_ = Round(str(data.get("round", Round.RESULT.value)))
    kb = survey_comment_kb(t, int(data.get("idea_id", 0)), round_, Answer(str(data.get("answer", Answer.YES.value))))
    await message.answer(t("survey-comment-text"), reply_markup=kb)
