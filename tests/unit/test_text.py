"""The one helper that counts what a person sees (issue 11, point 6), and the free-text rules built on it."""

from __future__ import annotations

import pytest

from bot.services.ideas import address_problem, reason_problem, text_problem
from bot.services.polls import PollProblem, check_option, check_question
from bot.services.sessions_admin import read_text
from bot.text import INVISIBLE, has_visible, tidy, too_long, visible_length

# Each draws nothing: zero-width space, non-joiner, joiner, word joiner, BOM, soft hyphen, direction marks,
# a tag character, blanks of several widths, line and paragraph separators, a Hangul filler, the blank
# Braille pattern, variation selector 16 and combining marks with nothing to sit on.
INVISIBLE_CHARS = [
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\u00ad",
    "\u200e",
    "\u202e",
    "\U000e0020",
    " ",
    "\u00a0",
    "\u3000",
    "\u2028",
    "\u2029",
    "\t",
    "\n",
    "\u3164",
    "\u2800",
    "\ufe0f",
    "\u0301",
    "\u034f",
    "\u20dd",
]


@pytest.mark.parametrize("char", INVISIBLE_CHARS)
def test_nothing_but_invisible_characters_is_nothing(char: str) -> None:
    text = char * 12
    assert visible_length(text) == 0 and not has_visible(text)


def test_visible_characters_are_those_a_person_counts() -> None:
    assert visible_length("Двор мечты") == 9
    assert visible_length("й") == 1 and visible_length("и\u0306") == 1  # a letter and its accent: one
    assert visible_length("\u200bДвор\u200d") == 4
    assert visible_length("👨\u200d👩\u200d👧") == 3  # a family emoji: its joiners draw nothing
    assert visible_length("❤\ufe0f") == 1
    assert has_visible("\u200b.\u200b") and has_visible("١٢٣")
    assert visible_length(None) == 0 and not has_visible("")


def test_tidy_takes_invisible_characters_off_the_ends_only() -> None:
    assert tidy("\u200b\ufeff  Двор мечты \u2060\n") == "Двор мечты"
    assert tidy("a\u200bb") == "a\u200bb"  # inside: kept (it may join emoji or words)
    assert tidy("❤\ufe0f") == "❤\ufe0f"  # a trailing variation selector belongs to the heart
    assert tidy("\u200b" * 12) == "" and tidy(None) == ""


def test_limits_count_visible_characters_with_a_ceiling_for_padding() -> None:
    assert too_long("a" * 10, 10) is None
    assert too_long("a" * 11, 10) == 11
    assert too_long("e\u0301" * 10, 10) is None  # ten accented letters typed as two code points each
    assert too_long("a" * 10 + "\u200b" * 10, 10) is None
    assert too_long("a" * 10 + "\u200b" * 11, 10) == 21  # padding beyond the limit's size: too long too


@pytest.mark.parametrize("char", INVISIBLE_CHARS)
def test_every_free_text_rule_refuses_invisible_only_text(char: str) -> None:
    text = char * 12
    assert text_problem(text) == (INVISIBLE, {})  # an idea
    assert address_problem(text) == INVISIBLE
    assert reason_problem(text) == (INVISIBLE, {})
    assert read_text(text, 120).problem in {"invisible", "empty"}
    with pytest.raises(PollProblem) as question:
        check_question(text)
    with pytest.raises(PollProblem) as option:
        check_option(text, 2, [])
    assert question.value.key in {"poll-err-question-invisible", "poll-err-question-empty"}
    assert option.value.key in {"poll-err-option-invisible", "poll-err-option-empty"}


def test_invisible_text_gets_its_own_answer_not_empty_or_short() -> None:
    assert read_text("\u200b" * 12, 120).problem == "invisible"
    assert read_text("   ", 120).problem == "empty"
    with pytest.raises(PollProblem) as caught:
        check_question("\u200b" * 12)
    assert caught.value.key == "poll-err-question-invisible"


def test_idea_lengths_count_what_is_seen() -> None:
    assert text_problem("Скамейки\u200b\u200b\u200b\u200b") == ("idea-text-short", {"length": 8, "min": 10})
    assert text_problem("Скамейки во дворе") is None
    assert text_problem("и\u0306" * 2000) is None  # 2000 letters a person sees, 4000 code points
    assert text_problem("д" * 2001) == ("idea-text-long", {"length": 2001, "max": 2000})
    assert reason_problem("\u200bок\u200b") == ("reject-reason-short", {"length": 2, "min": 10})
    assert address_problem("\u200bул\u200b") == "idea-place-short"
    assert read_text("\u200b Двор мечты \u200b", 120).value == "Двор мечты"
    assert check_option("\u200bДа\u200b", 1, []) == "Да"
    with pytest.raises(PollProblem) as caught:
        check_option("Да\u200b", 2, ["Да"])  # the same option with a hidden character is a repeat
    assert caught.value.key == "poll-err-option-duplicate"


def test_unassigned_and_private_use_characters_are_not_visible() -> None:
    from bot.text import has_visible

    assert not has_visible("\u0378" * 12)  # unassigned
    assert not has_visible("\ue000" * 12)  # private use
    assert has_visible("\u0378a")
