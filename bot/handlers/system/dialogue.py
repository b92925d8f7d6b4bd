"""Commands typed in the middle of a dialogue: never taken as the answer to the step.

The rule, one for every dialogue in a private chat:

* Commands that only show something (/help, /privacy, /language, /my, /ideas, /sessions, /settings, /stats,
  /results, /audit, /export, and /cancel, /delete_me of course) run as usual; the dialogue stays where it was.
* The dialogue's own command runs too: /idea (and /start) show where an unfinished idea stopped; /moderate, /ban,
  /unban while a moderation step waits, /organizers while adding an organizer.
* Any other command (one that would start something else) does not run: the person is told to finish what they
  started or send /cancel first, and that nothing was lost; the step's question comes again with its buttons.
* The set-up (consent, territory, subscriptions) and the optional comment after a rating hold no draft: every
  command runs there. What needs the set-up done is refused with the step's question and buttons again: /idea by
  the set-up's gate (which remembers it and opens the idea after the set-up), /ideas here.
* A command the bot does not know ("/xyz") is said to be unknown, and the step's question comes again.
* A staff command from someone without the role goes on to its refusal (which changes nothing): "finish first,
  then repeat /broadcast" would promise a command they cannot use.

The main menu's buttons are their commands here («💡 Предложить идею» is /idea, «🗳 Идеи жителей» /ideas, …).

The handlers of free-text steps skip commands and the menu's buttons (their filter `Typed`), so a command allowed
here always reaches its own handler further down the tree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aiogram import F
from aiogram.filters import BaseFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from bot.config import Settings
from bot.handlers.curation.states import ModerationInput
from bot.handlers.ideas.states import FindIdeas, IdeaForm, PageAnswer
from bot.handlers.onboarding.gate import Visit, visiting
from bot.handlers.onboarding.states import Onboarding
from bot.handlers.polls.states import PollForm
from bot.handlers.projects.states import JoinSteps, LeaderInput, SessionProjectsInput, SurveyForm
from bot.handlers.sessions.states import FeedbackForm, SessionAnnounce, SessionDraft, SessionEdit
from bot.handlers.staff.states import BroadcastDraft, RolesAdd
from bot.handlers.system.fallback import state_hint
from bot.storage.models import User
from bot.storage.repositories import Repos
from bot.telegram.commands import (
    ADMIN_GROUP_COMMANDS,
    ORGANIZER_COMMANDS,
    PRIVATE_COMMANDS,
    SUPERADMIN_COMMANDS,
)
from bot.telegram.filters import Magic, menu_command
from bot.telegram.i18n import Translator
from bot.telegram.routes import Routes

# Commands in no menu, for whoever they concern: a project's leader (/project, and /bind_team in the team's group).
UNLISTED = frozenset({"project", "bind_team"})
KNOWN = frozenset(PRIVATE_COMMANDS + ORGANIZER_COMMANDS + SUPERADMIN_COMMANDS + ADMIN_GROUP_COMMANDS) | UNLISTED
NAME_SHOWN = 32  # characters of an unknown command repeated back (Telegram's commands are at most 32)
STAFF_ONLY = KNOWN - frozenset(PRIVATE_COMMANDS) - UNLISTED
SUPERADMIN_ONLY = frozenset(SUPERADMIN_COMMANDS)
# Commands that show something and change no dialogue: they run in any dialogue.
SHOWING = frozenset(
    {"help", "privacy", "language", "my", "ideas", "sessions", "my_sessions", "settings", "stats", "results"}
    | {"audit", "export"}
    | {"cancel", "delete_me"}
)
# Dialogues without a draft to lose (the set-up, one message awaited: a comment, a search, a public answer): every
# known command runs.
OPEN = frozenset({Onboarding.__name__, FeedbackForm.__name__, FindIdeas.__name__, PageAnswer.__name__})
OPEN |= {JoinSteps.__name__}  # an offer to help or to lead: a note, a pitch, one press (projects/join.py)
OPEN |= {SurveyForm.__name__}  # a comment on a project's result (issue 15)
OPEN |= {SessionProjectsInput.__name__}  # a project's number to tie to a session (issue 15)
# Held during the set-up: they need it done (/idea too, but the set-up's gate answers that one).
NEEDS_SETUP = frozenset({"ideas"})
# A dialogue's own commands (their handlers know the dialogue: they resume or restart it themselves).
OWN = {
    IdeaForm.__name__: frozenset({"idea", "start"}),
    ModerationInput.__name__: frozenset({"moderate", "ban", "unban"}),
    RolesAdd.__name__: frozenset({"organizers"}),
    LeaderInput.__name__: frozenset({"project"}),  # /project shows the project's screen afresh
}
# What is not finished, by dialogue (the busy answer names it).
WHAT = {
    IdeaForm.__name__: "dialogue-what-idea",
    BroadcastDraft.__name__: "dialogue-what-broadcast",
    SessionDraft.__name__: "dialogue-what-session-new",
    SessionEdit.__name__: "dialogue-what-session-edit",
    SessionAnnounce.__name__: "dialogue-what-session-announce",
    PollForm.__name__: "dialogue-what-poll",
    RolesAdd.__name__: "dialogue-what-organizer",
    ModerationInput.__name__: "dialogue-what-moderation",
}


def command_name(text: str) -> str:
    """ "/Idea@SomeBot args" → "idea"."""
    return text.split(maxsplit=1)[0][1:].split("@", 1)[0].lower()


@dataclass(frozen=True, slots=True)
class Held:
    """A command that does not run here: ``known`` False for a command the bot does not have."""

    command: str
    group: str
    known: bool
    setup: bool = False  # held until the set-up is done


def verdict(current: str | None, text: str, staff: bool = True, superadmin: bool = True) -> Held | None:
    """None when the command may run in the dialogue ``current`` (or there is none), else why it is held.

    ``staff``/``superadmin``: the person's roles (a command of a role they lack goes on to its refusal).
    """
    name = command_name(text)
    if current is None or not name:  # "/ text" is no command: the step's own handler answers it
        return None
    group = current.split(":", 1)[0]
    if name not in KNOWN:
        shown = name if len(name) <= NAME_SHOWN else name[: NAME_SHOWN - 1] + "…"
        return Held("/" + shown, group, known=False)
    if group == Onboarding.__name__ and name in NEEDS_SETUP:
        return Held("/" + name, group, known=True, setup=True)
    if group in OPEN or name in SHOWING or name in OWN.get(group, ()):
        return None
    if (name in STAFF_ONLY and not staff) or (name in SUPERADMIN_ONLY and not superadmin):
        return None
    return Held("/" + name, group, known=True)


class CommandHeld(BaseFilter):
    """A command typed in a dialogue that must not run there (hands the handler ``held``)."""

    async def __call__(
        self, message: Message, state: FSMContext, settings: Settings, repos: Repos, translator: Translator
    ) -> dict[str, Any] | bool:
        menu = menu_command(message.text, translator)  # a main-menu button stands for its command
        text = "/" + menu if menu else message.text
        if not text or not text.startswith("/") or len(text) < 2:
            return False
        current = await state.get_state()
        if current is None:
            return False
        person = message.from_user.id if message.from_user else 0
        superadmin = person in settings.admin_ids
        staff = superadmin or await repos.roles.is_organizer(person)
        held = verdict(current, text, staff, superadmin)
        return {"held": held} if held is not None else False


router = Routes(name="dialogue")
router.message.filter(Magic(F.chat.type == "private"), CommandHeld(), visiting)


@router.message()
async def command_held(message: Message, held: Held, visit: Visit, user: User | None) -> None:
    t = visit.t
    if held.setup:
        await message.answer(t("setup-first"))
        await visit.resume(message)  # the step's question again, with its buttons
        return
    if held.known:
        what = t(WHAT.get(held.group, "dialogue-what-other"))
        await message.answer(t("dialogue-busy", command=held.command, what=what))
    else:
        await message.answer(t("dialogue-unknown-command", command=held.command))
    current = await visit.state.get_state()
    if current is not None and not await state_hint(message, visit, user, current) and not held.known:
        await message.answer(t("dialogue-awaited"))
