"""The rule for commands typed mid-dialogue (bot/handlers/system/dialogue.py) and the typed skip words
(bot/services/skipwords.py)."""

from __future__ import annotations

import pytest

from bot.handlers.curation.states import ModerationInput
from bot.handlers.ideas.states import IdeaForm
from bot.handlers.onboarding.states import Onboarding
from bot.handlers.sessions.states import FeedbackForm, SessionDraft
from bot.handlers.staff.states import BroadcastDraft
from bot.handlers.system.dialogue import Held, command_name, verdict
from bot.services.skipwords import no_photos, no_place


def test_command_name() -> None:
    assert command_name("/Idea@TochkaBot now") == "idea"
    assert command_name("/organizers add 5") == "organizers"


@pytest.mark.parametrize(
    ("state", "text", "held"),
    [
        (None, "/broadcast", None),  # no dialogue: nothing to hold
        (None, "/xyz", None),  # (the fallback answers it)
        (Onboarding.territory.state, "/idea", None),  # the set-up holds no draft: every command runs
        (Onboarding.territory.state, "/moderate", None),
        (Onboarding.territory.state, "/ideas", Held("/ideas", "Onboarding", known=True, setup=True)),
        (Onboarding.territory.state, "/xyz", Held("/xyz", "Onboarding", known=False)),
        (FeedbackForm.comment.state, "/idea", None),
        (IdeaForm.text.state, "/idea", None),  # its own command: resumes the draft
        (IdeaForm.photos.state, "/start", None),
        (IdeaForm.place.state, "/sessions", None),  # only shows something
        (IdeaForm.text.state, "/new_session", Held("/new_session", "IdeaForm", known=True)),
        (SessionDraft.title.state, "/idea", Held("/idea", "SessionDraft", known=True)),
        (SessionDraft.title.state, "/stats", None),
        (BroadcastDraft.message.state, "/broadcast", Held("/broadcast", "BroadcastDraft", known=True)),
        (ModerationInput.reason.state, "/moderate", None),
        (ModerationInput.reason.state, "/Poll@bot", Held("/poll", "ModerationInput", known=True)),
    ],
)
def test_which_commands_run_in_which_dialogue(state: str | None, text: str, held: Held | None) -> None:
    assert verdict(state, text) == held


def test_odd_commands() -> None:
    assert verdict(IdeaForm.text.state, "/ привет") is None  # not a command: the step's hint answers it
    long = verdict(IdeaForm.text.state, "/" + "x" * 100)
    assert long is not None and long.command == "/" + "x" * 31 + "…"


def test_a_role_the_person_lacks_goes_on_to_its_refusal() -> None:
    assert verdict(IdeaForm.text.state, "/new_session", staff=False, superadmin=False) is None
    assert verdict(IdeaForm.text.state, "/organizers", staff=True, superadmin=False) is None
    assert verdict(IdeaForm.text.state, "/organizers", staff=True, superadmin=True) is not None
    assert verdict(IdeaForm.text.state, "/nope", staff=False, superadmin=False) == Held("/nope", "IdeaForm", False)


@pytest.mark.parametrize(
    "text", ["фото нет", "Нет фото, пропустите", "без фото", "Пропустить", "skip", "No photo", "готово", "фоток нету"]
)
def test_skip_photos(text: str) -> None:
    assert no_photos(text)


@pytest.mark.parametrize("text", ["фото", "фото у школы", "сейчас найду", "нет, вот фото сквера у дома 5", ""])
def test_not_a_skip_of_photos(text: str) -> None:
    assert not no_photos(text)


@pytest.mark.parametrize("text", ["нет", "без адреса", "Адреса нет", "skip", "no address"])
def test_skip_place(text: str) -> None:
    assert no_place(text)


@pytest.mark.parametrize("text", ["ул. Нет, 5", "у школы", "Ленина 10", "нет" * 30])
def test_an_address_is_not_a_skip(text: str) -> None:
    assert not no_place(text)
