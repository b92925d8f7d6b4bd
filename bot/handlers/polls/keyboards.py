"""keyboards."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from aiogram.types import InlineKeyboardMarkup

from bot.handlers.polls.callbacks import BindSessionCb, DraftAction, PollDraftCb, ResultsAction, ResultsCb
from bot.services.limits import cap_rows
from bot.services.polls import CLOSE_WORDS, PollDraft
from bot.services.timetext import duration_text
from bot.telegram.i18n import Translate
from bot.telegram.keyboards import button, markup


def bind_session_kb(sessions: Sequence[tuple[int, str]]) -> InlineKeyboardMarkup:
    """(session id, label) per upcoming session."""
    return markup([[button(label, BindSessionCb(session_id=sid))] for sid, label in sessions])


def poll_list_kb(t: Translate, polls: Sequence[tuple[int, str]], page: int = 0, pages: int = 1) -> InlineKeyboardMarkup:
    """(poll id, label) per poll; Back/Next between pages when there are several."""
    rows = [[button(label, ResultsCb(action=ResultsAction.SHOW, poll_id=pid))] for pid, label in polls]
    nav = []
    if page > 0:
        nav.append(button(t("poll-btn-prev"), ResultsCb(action=ResultsAction.PAGE, page=page - 1)))
    if page + 1 < pages:
        nav.append(button(t("poll-btn-next"), ResultsCb(action=ResultsAction.PAGE, page=page + 1)))
    rows.append(nav)
    return markup(rows)


def poll_options_done_kb(t: Translate) -> InlineKeyboardMarkup:
    return markup(
        [
            [button(t("poll-btn-done"), PollDraftCb(action=DraftAction.DONE))],
            [button(t("poll-btn-drop"), PollDraftCb(action=DraftAction.DROP))],
        ]
    )


def poll_settings_kb(t: Translate, draft: PollDraft) -> InlineKeyboardMarkup:
    yes, no = t("poll-yes"), t("poll-no")
    quiz = t("poll-btn-quiz-on", number=draft.correct + 1) if draft.correct is not None else t("poll-btn-quiz-off")
    close = (
        t("poll-btn-close-after", duration=duration_text(t, draft.close_after, CLOSE_WORDS))
        if draft.close_after
        else t("poll-btn-close-manual")
    )
    return markup(
        [
            [
                button(
                    t("poll-btn-anon", value=yes if draft.anonymous else no), PollDraftCb(action=DraftAction.ANONYMOUS)
                )
            ],
            [
                button(
                    t("poll-btn-multi", value=yes if draft.multiple else no), PollDraftCb(action=DraftAction.MULTIPLE)
                )
            ],
            [button(quiz, PollDraftCb(action=DraftAction.QUIZ))],
            [button(close, PollDraftCb(action=DraftAction.CLOSE))],
            [button(t("poll-btn-pick-chat"), PollDraftCb(action=DraftAction.CHATS))],
            [button(t("poll-btn-drop"), PollDraftCb(action=DraftAction.DROP))],
        ]
    )


def poll_quiz_kb(t: Translate, options: int) -> InlineKeyboardMarkup:
    numbers = [button(str(i + 1), PollDraftCb(action=DraftAction.CORRECT, option=i)) for i in range(options)]
    rows = [numbers[i : i + 6] for i in range(0, len(numbers), 6)]
    rows.append([button(t("poll-btn-no-quiz"), PollDraftCb(action=DraftAction.NO_QUIZ))])
    rows.append([button(t("poll-btn-back"), PollDraftCb(action=DraftAction.BACK))])
    return markup(rows)


POLL_CLOSE_CHOICES = (0, 15, 30, 60)  # minutes; 0 = closed by hand


def poll_close_kb(t: Translate) -> InlineKeyboardMarkup:
    choices = [
        button(
            t("poll-btn-close-none") if m == 0 else duration_text(t, timedelta(minutes=m), CLOSE_WORDS),
            PollDraftCb(action=DraftAction.CLOSE_AFTER, minutes=m),
        )
        for m in POLL_CLOSE_CHOICES
    ]
    return markup(
        [
            choices[:2],
            choices[2:],
            [button(t("poll-btn-close-typed"), PollDraftCb(action=DraftAction.CLOSE_TYPED))],
            [button(t("poll-btn-back"), PollDraftCb(action=DraftAction.BACK))],
        ]
    )


def poll_chats_kb(t: Translate, chats: Sequence[tuple[int, str]]) -> InlineKeyboardMarkup:
    """(chat id, label) per session chat, then Back and Drop."""
    chosen = [[button(label, PollDraftCb(action=DraftAction.CHAT, chat_id=chat_id))] for chat_id, label in chats]
    rows = cap_rows(chosen, reserved=2)
    rows.append([button(t("poll-btn-back"), PollDraftCb(action=DraftAction.BACK))])
    rows.append([button(t("poll-btn-drop"), PollDraftCb(action=DraftAction.DROP))])
    return markup(rows)


def poll_confirm_kb(t: Translate) -> InlineKeyboardMarkup:
    return markup(
        [
            [button(t("poll-btn-post"), PollDraftCb(action=DraftAction.POST))],
            [button(t("poll-btn-other-chat"), PollDraftCb(action=DraftAction.CHATS))],
            [button(t("poll-btn-drop"), PollDraftCb(action=DraftAction.DROP))],
        ]
    )
