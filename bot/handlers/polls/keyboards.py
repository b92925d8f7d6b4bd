"""keyboards."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from aiogram.types import InlineKeyboardMarkup

from bot.handlers.polls.callbacks import PollAction, PollCb
from bot.services.limits import cap_rows
from bot.services.polls import CLOSE_WORDS, PollDraft
from bot.services.timetext import duration_text
from bot.telegram.i18n import Translate
from bot.telegram.keyboards import _button


def _poll(action: PollAction, value: int = 0) -> str:
    return PollCb(action=action, value=value).pack()


def bind_session_kb(sessions: Sequence[tuple[int, str]]) -> InlineKeyboardMarkup:
    """(session id, label) per upcoming session."""
    return InlineKeyboardMarkup(inline_keyboard=[[_button(label, _poll("bind", sid))] for sid, label in sessions])


def poll_list_kb(t: Translate, polls: Sequence[tuple[int, str]], page: int = 0, pages: int = 1) -> InlineKeyboardMarkup:
    """(poll id, label) per poll; Back/Next between pages when there are several."""
    rows = [[_button(label, _poll("res", pid))] for pid, label in polls]
    nav = []
    if page > 0:
        nav.append(_button(t("poll-btn-prev"), _poll("page", page - 1)))
    if page + 1 < pages:
        nav.append(_button(t("poll-btn-next"), _poll("page", page + 1)))
    if nav:
        rows.append(nav)
    return InlineKeyboardMarkup(inline_keyboard=rows)


def poll_options_done_kb(t: Translate) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[_button(t("poll-btn-done"), _poll("done"))], [_button(t("poll-btn-drop"), _poll("drop"))]]
    )


def poll_settings_kb(t: Translate, draft: PollDraft) -> InlineKeyboardMarkup:
    yes, no = t("poll-yes"), t("poll-no")
    quiz = t("poll-btn-quiz-on", number=draft.correct + 1) if draft.correct is not None else t("poll-btn-quiz-off")
    close = (
        t("poll-btn-close-after", duration=duration_text(t, draft.close_after, CLOSE_WORDS))
        if draft.close_after
        else t("poll-btn-close-manual")
    )
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [_button(t("poll-btn-anon", value=yes if draft.anonymous else no), _poll("anon"))],
            [_button(t("poll-btn-multi", value=yes if draft.multiple else no), _poll("multi"))],
            [_button(quiz, _poll("quiz"))],
            [_button(close, _poll("close"))],
            [_button(t("poll-btn-pick-chat"), _poll("next"))],
            [_button(t("poll-btn-drop"), _poll("drop"))],
        ]
    )


def poll_quiz_kb(t: Translate, options: int) -> InlineKeyboardMarkup:
    numbers = [_button(str(i + 1), _poll("correct", i)) for i in range(options)]
    rows = [numbers[i : i + 6] for i in range(0, len(numbers), 6)]
    rows.append([_button(t("poll-btn-no-quiz"), _poll("noquiz"))])
    rows.append([_button(t("poll-btn-back"), _poll("back"))])
    return InlineKeyboardMarkup(inline_keyboard=rows)


POLL_CLOSE_CHOICES = (0, 15, 30, 60)  # minutes; 0 = closed by hand


def poll_close_kb(t: Translate) -> InlineKeyboardMarkup:
    choices = [
        _button(
            t("poll-btn-close-none") if m == 0 else duration_text(t, timedelta(minutes=m), CLOSE_WORDS),
            _poll("closeset", m),
        )
        for m in POLL_CLOSE_CHOICES
    ]
    return InlineKeyboardMarkup(
        inline_keyboard=[
            choices[:2],
            choices[2:],
            [_button(t("poll-btn-close-typed"), _poll("closeset", -1))],
            [_button(t("poll-btn-back"), _poll("back"))],
        ]
    )


def poll_chats_kb(t: Translate, chats: Sequence[tuple[int, str]]) -> InlineKeyboardMarkup:
    """(chat id, label) per session chat, then Back and Drop."""
    rows = cap_rows([[_button(label, _poll("chat", chat_id))] for chat_id, label in chats], reserved=2)
    rows.append([_button(t("poll-btn-back"), _poll("back"))])
    rows.append([_button(t("poll-btn-drop"), _poll("drop"))])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def poll_confirm_kb(t: Translate) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [_button(t("poll-btn-post"), _poll("post"))],
            [_button(t("poll-btn-other-chat"), _poll("next"))],
            [_button(t("poll-btn-drop"), _poll("drop"))],
        ]
    )
