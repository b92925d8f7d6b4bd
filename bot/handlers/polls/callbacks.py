"""callbacks."""

from __future__ import annotations

from typing import Literal

from bot.telegram.callbacks import ChatId, Strict

PollAction = Literal[
    "bind",
    "res",
    "page",
    "done",
    "anon",
    "multi",
    "quiz",
    "correct",
    "noquiz",
    "close",
    "closeset",
    "back",
    "next",
    "chat",
    "post",
    "drop",
]


class PollCb(Strict, prefix="poll1"):
    """Session chats, step-by-step poll drafting and results (bot/handlers/polls.py)."""

    # bind (value: session id, in a group) | res (value: poll id) | page (value: page of /results in private)
    # draft: done (options entered) | anon | multi | quiz | correct (value: option index) | noquiz | close |
    #   closeset (value: minutes; 0 none, -1 typed) | back | next (pick a chat) | chat (value: chat id) | post | drop
    action: PollAction
    value: ChatId = 0
