"""The router tree: which handlers an update tries, in order.

aiogram hands an update to the first handler whose filters pass, walking the tree depth first; the order
below is therefore part of the behaviour. `build_router()` builds a fresh tree each call (see
`bot/telegram/routes.py`), so a second dispatcher in the same process gets its own routers.
"""

from aiogram import Router

from bot.handlers.account import info, settings
from bot.handlers.curation import cards, moderation
from bot.handlers.ideas import find, page, public, submit
from bot.handlers.onboarding import gate, renewal, start
from bot.handlers.polls import handlers as poll_handlers
from bot.handlers.projects import audience as projects_audience
from bot.handlers.projects import calls as project_calls
from bot.handlers.projects import choose as projects_choose
from bot.handlers.projects import experts as project_experts
from bot.handlers.projects import join as projects_join
from bot.handlers.projects import leader as projects_leader
from bot.handlers.projects import stages as projects_stages
from bot.handlers.projects import survey as project_survey
from bot.handlers.sessions import admin as sessions_admin
from bot.handlers.sessions import feedback, mine, resident
from bot.handlers.staff import broadcast, roles, stats
from bot.handlers.system import dialogue, errors, fallback, membership
from bot.telegram.routes import FastRouter


def build_router() -> Router:
    root = FastRouter(name="root")
    root.include_routers(
        # Errors of every handler below end here: a reply in the person's language, one log line.
        errors.router.build(),
        # The bot added to or removed from a chat, blocked or unblocked: bookkeeping that no state may hide.
        membership.router.build(),
        # A new consent version, asked once of whoever accepted an older one, at their next private action, before
        # any feature reads it (/help, /privacy, /cancel, /delete_me and /language are let through without it).
        renewal.router.build(),
        # /cancel, /help, /privacy, /my, /delete_me: answered in any dialogue state, before any step reads text.
        info.router.build(),
        # A command typed in a dialogue that must not run there (it would start something else, or the bot has
        # no such command): held with a word on what to finish first; every other command goes on to its handler.
        dialogue.router.build(),
        # Poll answers (the votes' fast path) and the polls' group commands, before anything private.
        poll_handlers.router.build(),
        # Session deep links (start=session_N, start=checkin_T) before the general /start takes the payload.
        resident.router.build(),
        # Idea pages (start=idea_N, the page's buttons, the follow notices' switch, staff's public answer), open to
        # anyone in a private chat: before the general /start takes the payload.
        page.router.build(),
        # The leader's stage buttons on /project («в работе», «реализован», pause and resume) through ProjectService.
        projects_stages.router.build(),
        # «Хочу участвовать», «Возглавить проект» on an idea's page (their steps), «Мои заявки» (projects/join.py).
        projects_join.router.build(),
        # /experts (staff), a project's similar experience and experts' attachments (staff, private chats).
        project_experts.router.build(),
        # Calls for help: the leader's or a curator's «Позвать на помощь», the curators' approval (any chat).
        project_calls.router.build(),
        # The project leader's tools: /project, its buttons and steps, /bind_team, joins to a team's group.
        projects_leader.router.build(),
        # Projects, the curators' choice of a leader and the stages (staff; its reason's replies are in a state).
        projects_choose.router.build(),
        # A project's «Получилось?» / «Как там сейчас?»: its buttons, and the comment that may follow (issue 15).
        project_survey.router.build(),
        # Projects and sessions (issue 15): /announce to projects' leaders or teams, a session's projects (staff).
        projects_audience.router.build(),
        # «Мои записи» (/my_sessions, the button on /settings): also before the idea form, like /sessions.
        mine.router.build(),
        # /start and onboarding: language, consent, territory, subscriptions.
        start.router.build(),
        # /settings and the menu's «Настройки»: the profile of residents with consent (the others are told consent
        # comes first); before the idea form and the staff's dialogues, so the menu's button is never taken as text.
        settings.router.build(),
        # The idea form and its steps (their states make them specific); /ideas's entry from the menu.
        submit.router.build(),
        # Anyone not yet onboarded who reaches for a resident's feature is sent back to finish onboarding.
        gate.router.build(),
        # Curators' chats: binding a direction, card buttons; refusals for card buttons pressed by others.
        cards.router.build(),
        # Staff commands: roles, /moderate, /broadcast, /stats (each router filtered to staff).
        roles.router.build(),
        moderation.router.build(),
        broadcast.router.build(),
        stats.router.build(),
        # /ideas search (by words, near a location), before the list: `/ideas <words>` is a search; a location
        # sent outside any dialogue lists the ideas near it.
        find.router.build(),
        # /ideas: the public list, supports and reports (residents).
        public.router.build(),
        # Organizers' session commands and screens.
        sessions_admin.router.build(),
        # Ratings and comments after a session.
        feedback.router.build(),
        # Staff commands of every feature typed by people who are not staff: one refusal, after every staff router
        # had its turn. (A feature's own buttons pressed by the wrong person are refused by the last child of that
        # feature's router: its `refusals`.)
        roles.command_refusals.build(),
        # Whatever nothing above took: a hint that says what to do, with the buttons it names.
        fallback.router.build(),
    )
    return root
