"""Poll buttons, one factory per flow: binding a group to a session, the results lists, the step-by-step draft."""

from __future__ import annotations

from enum import StrEnum

from bot.telegram.callbacks import ChatId, Id, Page, Small, Strict


class BindSessionCb(Strict, prefix="pbind1"):
    """A session offered by /bind_session in a group: the group becomes that session's chat."""

    session_id: Id


class ResultsAction(StrEnum):
    SHOW = "res"  # the results of `poll_id`
    PAGE = "page"  # another `page` of /results (in private)


class ResultsCb(Strict, prefix="pres1"):
    """/results: a poll picked from the list, or another page of the list."""

    action: ResultsAction
    poll_id: Id = 0
    page: Page = 0


class DraftAction(StrEnum):
    """The buttons of /poll step by step in a private chat."""

    DONE = "done"  # the options are entered
    ANONYMOUS = "anon"
    MULTIPLE = "multi"
    QUIZ = "quiz"  # asks which answer is correct
    CORRECT = "correct"  # `option` is the correct answer
    NO_QUIZ = "noquiz"
    CLOSE = "close"  # asks when the poll closes
    CLOSE_AFTER = "closeset"  # closes `minutes` after posting (0: by hand)
    CLOSE_TYPED = "closetyped"  # the closing time is typed in
    BACK = "back"
    CHATS = "next"  # on to the choice of the session chat
    CHAT = "chat"  # `chat_id` picked
    POST = "post"
    DROP = "drop"


class PollDraftCb(Strict, prefix="pdraft1"):
    action: DraftAction
    option: Small = 0
    minutes: Small = 0
    chat_id: ChatId = 0
