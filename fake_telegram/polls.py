"""Polls: sendPoll, stopPoll and scripted users' votes (``poll`` and ``poll_answer`` updates)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import errors as e
from .errors import bad_request
from .html import utf16_len
from .models import BotMessage, UploadedFile
from .state import Handler, JsonDict
from .updates import UpdatesMixin
from .validation import as_bool, as_int, format_text

if TYPE_CHECKING:
    from .actors import ScriptedUser


@dataclass(eq=False)
class _PollState:
    poll: JsonDict
    chat_id: int
    message_id: int
    votes: dict[int, list[int]] = field(default_factory=dict)


class PollsMixin(UpdatesMixin):
    """Polls the bot sends, and the votes in them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._polls: dict[str, _PollState] = {}
        self._poll_counter = itertools.count(1)

    def _polls_api(self) -> dict[str, Handler]:
        return {"sendPoll": self._send_poll, "stopPoll": self._stop_poll}

    def vote(self, user: ScriptedUser, message: BotMessage, option_ids: list[int]) -> None:
        """``user`` votes in the bot's poll (``[]`` takes the vote back): a ``poll`` update, and a
        ``poll_answer`` one unless the poll is anonymous. What Telegram's clients forbid is an AssertionError."""
        if message.poll is None:
            raise AssertionError(f"message {message.summary()} is not a poll")
        state = self._polls[message.poll["id"]]
        poll = state.poll
        if poll["is_closed"]:
            raise AssertionError("the poll is closed")
        if len(option_ids) > 1 and not poll["allows_multiple_answers"]:
            raise AssertionError("the poll allows one answer only")
        if any(not 0 <= option < len(poll["options"]) for option in option_ids):
            raise AssertionError(f"option ids out of range: {option_ids}")
        previous = state.votes.get(user.id)
        if previous and not poll.get("allows_revoting", True):
            raise AssertionError("the poll does not allow changing a vote")
        counts = [option["voter_count"] for option in poll["options"]]
        for option in previous or []:
            counts[option] -= 1
        for option in option_ids:
            counts[option] += 1
        if option_ids:
            state.votes[user.id] = list(option_ids)
        else:
            state.votes.pop(user.id, None)
        new_poll = dict(poll)
        new_poll["options"] = [
            {**option, "voter_count": count} for option, count in zip(poll["options"], counts, strict=True)
        ]
        new_poll["total_voter_count"] = len(state.votes)
        self._set_poll(state, new_poll)
        self.queue_update("poll", new_poll)
        if not poll["is_anonymous"]:
            self.queue_update(
                "poll_answer",
                {
                    "poll_id": poll["id"],
                    "user": user.as_user(),
                    "option_ids": list(option_ids),
                    "option_persistent_ids": [poll["options"][o]["persistent_id"] for o in option_ids],
                },
            )

    def _set_poll(self, state: _PollState, poll: JsonDict) -> None:
        state.poll = poll
        chat = self._chats[state.chat_id]
        message = chat.bot_messages.get(state.message_id)
        if message is not None:
            message.raw = {**message.raw, "poll": poll}
            chat.messages[state.message_id] = message.raw
            message.poll = poll
        self._changed(chat)

    # ------------------------------------------------------------------ Bot API methods

    def _send_poll(self, params: JsonDict, files: dict[str, UploadedFile]) -> JsonDict:
        chat = self._chat_for_send(params)
        question_raw = params.get("question")
        question, question_entities = format_text(
            str(question_raw or ""),
            params.get("question_parse_mode"),
            params.get("question_entities"),
            strict_ampersand=self.strict_ampersand,
        )
        if not question:
            raise bad_request(e.POLL_TEXT_EMPTY)
        if utf16_len(question) > 300:
            raise bad_request(e.POLL_QUESTION_TOO_LONG)
        options = params.get("options")
        if not isinstance(options, list) or not options:
            raise bad_request(e.POLL_NO_OPTIONS)
        if len(options) == 1:
            raise bad_request(e.POLL_ONE_OPTION)
        if len(options) > 12:
            raise bad_request(e.POLL_TOO_MANY_OPTIONS)
        poll_options: list[JsonDict] = []
        for index, option in enumerate(options):
            if isinstance(option, dict):
                text, _ = format_text(
                    str(option.get("text") or ""),
                    option.get("text_parse_mode"),
                    option.get("text_entities"),
                    strict_ampersand=self.strict_ampersand,
                )
            else:
                text = str(option).strip()
            if not text:
                raise bad_request(e.POLL_TEXT_EMPTY)
            if utf16_len(text) > 100:
                raise bad_request(e.POLL_OPTION_TOO_LONG)
            poll_options.append({"persistent_id": str(index), "text": text, "voter_count": 0})
        is_anonymous = as_bool(params.get("is_anonymous", True))
        if chat.type == "channel" and not is_anonymous:
            raise bad_request(e.POLL_NON_ANONYMOUS_CHANNEL)
        poll_type = params.get("type") or "regular"
        if poll_type not in ("regular", "quiz"):
            raise bad_request("poll type is invalid")
        options = self._send_options(chat, params)
        poll_id = str(5_000_000_000_000_000_000 + next(self._poll_counter))
        poll: JsonDict = {
            "id": poll_id,
            "question": question,
            "options": poll_options,
            "total_voter_count": 0,
            "is_closed": as_bool(params.get("is_closed", False)),
            "is_anonymous": is_anonymous,
            "type": poll_type,
            "allows_multiple_answers": as_bool(params.get("allows_multiple_answers", False)),
            "allows_revoting": as_bool(params.get("allows_revoting", poll_type == "regular")),
            "members_only": as_bool(params.get("members_only", False)),
        }
        if question_entities:
            poll["question_entities"] = question_entities
        correct = params.get("correct_option_ids")
        if correct is None and params.get("correct_option_id") is not None:
            correct = [params.get("correct_option_id")]
        if poll_type == "quiz":
            if not isinstance(correct, list) or not correct:
                raise bad_request("correct quiz option list must be non-empty")
            if any(not isinstance(c, int) or not 0 <= c < len(poll_options) for c in correct):
                raise bad_request("wrong correct option id specified")
            poll["correct_option_ids"] = correct
            poll["correct_option_id"] = correct[0]
        for key in ("explanation", "open_period", "close_date"):
            if params.get(key) is not None:
                poll[key] = params[key]
        message = self._store_bot_message(
            chat, "poll", {"poll": poll}, method="sendPoll", html=str(question_raw), **options
        )
        self._polls[poll_id] = _PollState(poll, chat.id, message.message_id)
        return message.raw

    def _stop_poll(self, params: JsonDict, files: dict[str, UploadedFile]) -> JsonDict:
        chat = self._lookup_chat(params.get("chat_id"))
        message_id = as_int(params.get("message_id"), e.POLL_TO_STOP_NOT_FOUND)
        message = chat.bot_messages.get(message_id)
        if message is None or message.deleted or message.poll is None:
            raise bad_request(e.POLL_TO_STOP_NOT_FOUND)
        state = self._polls[message.poll["id"]]
        if state.poll["is_closed"]:
            raise bad_request(e.POLL_ALREADY_CLOSED)
        markup = self._edit_markup(params)
        closed = {**state.poll, "is_closed": True}
        self._set_poll(state, closed)
        if params.get("reply_markup") is not None:
            self._edit(message, "stopPoll", {}, markup)
        else:
            self._notify(chat)
        self.queue_update("poll", closed)
        return closed
