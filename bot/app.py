"""Wiring: bot, dispatcher, dependencies, start-up and shutdown."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import TelegramNetworkError, TelegramRetryAfter, TelegramServerError

from bot.clock import set_shift
from bot.config import Settings
from bot.handlers import build_router
from bot.handlers.curation.keyboards import card_followup_kb, card_kb
from bot.handlers.ideas.page_screen import IdeaNewsMessages
from bot.handlers.projects.calls import CallMessages
from bot.handlers.projects.leader import ProjectNewsMessages
from bot.handlers.projects.survey import SurveyMessages
from bot.handlers.sessions.messages import SessionMessages
from bot.handlers.sessions.screens import offer_view
from bot.handlers.staff.keyboards import broadcast_report_kb, broadcast_stop_kb
from bot.services.albums import AlbumAcks
from bot.services.audiences import Audiences
from bot.services.backups import Backups
from bot.services.broadcast import BroadcastWorker, KindRenderers
from bot.services.budget import BudgetGate, SendBudget
from bot.services.cards import CardKeyboards, CardService
from bot.services.date_alerts import DateAlerts
from bot.services.export import Exporter
from bot.services.flood import FloodGuard
from bot.services.idea_news import IdeaNews
from bot.services.lifecycle import SessionLifecycle
from bot.services.moderation import ModerationService
from bot.services.outbox import OutboxWorker
from bot.services.polls import PollService
from bot.services.privacy import Privacy
from bot.services.project_privacy import LeaderGone
from bot.services.project_updates import ProjectUpdates
from bot.services.projects import ProjectService
from bot.services.public import PublicIdeas
from bot.services.registration import RegistrationService
from bot.services.roles import RoleService
from bot.services.routing import DirectionRouter
from bot.services.sessions_admin import SessionAdmin
from bot.services.staff_notices import StaffNotices
from bot.services.surveys import Surveys
from bot.services.territories import Territories
from bot.services.timers import Timers
from bot.storage.db import Database
from bot.storage.fsm import SQLiteStorage
from bot.storage.outbox import TICKETS
from bot.storage.projects import LEADER_NOTICE
from bot.storage.repositories import Repos
from bot.telegram.answers import RecordAnswers, TrackAnswers
from bot.telegram.commands import set_commands
from bot.telegram.i18n import Translator
from bot.telegram.isolation import PrunedEventIsolation
from bot.telegram.middlewares import (
    BanMiddleware,
    ContextMiddleware,
    FloodMiddleware,
    FlushConversations,
    InFlightMiddleware,
    OnceMiddleware,
    VotesFastPath,
)
from bot.telegram.proxy import ProxyFailures
from bot.telegram.retry import ConnectTimeoutSession, ReplyRetry
from bot.telegram.speed import pin_response_models
from bot.telegram.staff_notice import StaffNoticeMiddleware

log = logging.getLogger(__name__)
IN_FLIGHT_WAIT = 10  # seconds shutdown lets the updates being handled finish


def create_bot(settings: Settings) -> Bot:
    session = ConnectTimeoutSession(
        api=TelegramAPIServer.from_base(settings.telegram_api_url),
        timeout=settings.request_timeout,
        proxy=settings.telegram_proxy,  # socks5:// or http://, through aiohttp-socks (None: direct)
    )
    session.middleware(ReplyRetry(settings.reply_retry_budget))  # outermost: it sees the proxy's errors as aiogram's
    if settings.telegram_proxy:
        session.middleware(ProxyFailures())
    return Bot(settings.bot_token, session=session, default=DefaultBotProperties(parse_mode=ParseMode.HTML))


@dataclass
class App:
    """What the process needs besides the dispatcher: the database it must close, the shutdown to finish."""

    dp: Dispatcher
    db: Database
    shutdown: Callable[..., Awaitable[None]]  # shutdown(quick=False); each step runs once however often called
    started: asyncio.Event  # set when the start-up hook has finished (polling follows)
    hurry: asyncio.Event  # set when the shutdown is cut short: every step still to come is quick


def build_dispatcher(settings: Settings, bot: Bot) -> Dispatcher:
    return build_app(settings, bot).dp


def build_app(settings: Settings, bot: Bot) -> App:
    pin_response_models()
    set_shift(settings.clock_shift)
    backups = Backups(settings)
    db = Database(settings.database_path, before_migrating=backups.before_migrating)
    repos = Repos(db)
    translator = Translator(default=settings.default_locale)
    territories = Territories.load()
    albums = AlbumAcks(settings.album_wait)
    send_budget = SendBudget(per_second=settings.telegram_rate) if settings.telegram_rate else None
    if send_budget is not None:
        bot.session.middleware(BudgetGate(send_budget))
    outbox = OutboxWorker(repos, settings.outage_backoff_max)
    card_keyboards = CardKeyboards(card=card_kb, followup=card_followup_kb)
    cards = CardService(bot, repos, translator, territories, settings, card_keyboards, wake=outbox.wake)
    outbox.register("card", cards.post_card)
    outbox.register("notice", cards.send_notice)
    broadcaster = BroadcastWorker(
        bot,
        repos,
        translator,
        settings,
        broadcast_stop_kb,
        renderer=KindRenderers(
            SessionMessages(repos, translator, settings),
            {
                "idea": IdeaNewsMessages(repos, translator),
                "call": CallMessages(repos, translator),
                "project": ProjectNewsMessages(repos, translator),
                "survey": SurveyMessages(repos, translator),
            },
        ),
        report_keyboard=broadcast_report_kb,
        budget=send_budget,
    )
    timers = Timers(repos, settings, on_bad_row=DateAlerts(repos, settings, broadcaster))  # a stored time it cannot use
    registration = RegistrationService(bot, repos, translator, settings, timers, offer_view, wake=outbox.wake)
    outbox.register("offer", registration.send_offer)
    outbox.register("ics", registration.send_ticket)  # a registrant's tickets, queued with the place
    outbox.register("qr", registration.send_ticket)
    public = PublicIdeas(bot, repos, translator, settings, cards)
    polls = PollService(bot, repos, translator, settings, timers)
    lifecycle = SessionLifecycle(bot, repos, translator, settings, broadcaster, polls_text=polls.session_results_text)
    timers.on("reminder", lifecycle.remind)
    timers.on("end", lifecycle.end)
    timers.on("offer", registration.expire_offer)
    timers.on("poll", polls.close_scheduled)
    news = IdeaNews(repos, broadcaster, wake_outbox=outbox.wake)  # an idea's followers told of its later steps
    outbox.register("news", news.send)
    project_updates = ProjectUpdates(repos, broadcaster, settings)  # a project leader's updates
    # A project's «Получилось?», then the follow-up; comments on them told to the curators.
    surveys = Surveys(bot, repos, translator, broadcaster, settings.followup_after, settings.default_locale)
    surveys.plan = timers.followup_planned
    outbox.register("survey", surveys.send)
    outbox.register("survey_note", surveys.tell_curators)
    timers.on("followup", surveys.followup)
    moderation = ModerationService(bot, repos, translator, settings, cards)
    # Projects: the curators' choice of a leader and the stages (issue 15); its notices go through the outbox.
    projects = ProjectService(bot, repos, translator, settings, moderation, wake=outbox.wake)
    outbox.register(LEADER_NOTICE, projects.send_notice)
    roles = RoleService(bot, repos, translator, settings)
    sessions_admin = SessionAdmin(repos, timers, broadcaster, registration)
    audiences = Audiences(repos, territories)
    exporter = Exporter(repos.stats, territories, settings.tz, settings.timezone, polls=repos.polls)
    privacy = Privacy(repos, settings, polls, registration, public, wake_outbox=outbox.wake)
    outbox.register("leader_gone", LeaderGone(bot, repos, translator, settings).send)  # a leader's /delete_me
    staff_notices = StaffNotices(bot, repos, translator, settings, cards)
    conversations = SQLiteStorage(db)
    dp = Dispatcher(
        storage=conversations,
        events_isolation=PrunedEventIsolation(),
        settings=settings,
        db=db,
        repos=repos,
        translator=translator,
        territories=territories,
        albums=albums,
        cards=cards,
        outbox=outbox,
        broadcaster=broadcaster,
        public=public,
        timers=timers,
        lifecycle=lifecycle,
        polls=polls,
        registration=registration,
        backups=backups,
        moderation=moderation,
        projects=projects,
        news=news,
        project_updates=project_updates,
        roles=roles,
        sessions_admin=sessions_admin,
        audiences=audiences,
        exporter=exporter,
        privacy=privacy,
        staff_notices=staff_notices,
    )
    # Counted before anything awaits (the FSM's lock and state read come next): at shutdown, every update aiogram
    # has started a task for is either counted or has not begun, and one turn of the loop lets those begin.
    in_flight = InFlightMiddleware()
    dp.update.outer_middleware(in_flight)
    VotesFastPath.install(dp, polls)
    dp.update.outer_middleware(TrackAnswers())  # a press is answered once, even when its handler fails
    bot.session.middleware(RecordAnswers())
    flood = FloodGuard(settings.flood_limit, settings.flood_window)
    dp.update.outer_middleware(FloodMiddleware(flood, translator, settings))
    once = OnceMiddleware(repos, conversations)
    dp.update.outer_middleware(once)
    bot.session.middleware(FlushConversations(conversations))
    dp.update.outer_middleware(ContextMiddleware(repos, translator, settings))
    dp.update.outer_middleware(BanMiddleware(repos, settings))
    # After a staff member's message: ideas whose cards wait with no one to take them, told once.
    dp.message.outer_middleware(StaffNoticeMiddleware(staff_notices))
    dp.include_router(build_router())

    async def on_startup(bot: Bot) -> None:
        await db.connect()
        directions = await repos.directions.all()
        urban = next((d.id for d in directions if d.code == "urban"), None)
        dp["classifier"] = DirectionRouter([(d.id, d.keywords) for d in directions], default_id=urban)
        await repos.updates.prune()
        try:
            await set_commands(bot, translator, settings.default_locale)
            await roles.show_staff_menus()
        except (TelegramNetworkError, TelegramServerError, TelegramRetryAfter) as exc:
            # Telegram keeps the menus it has; they are set again at the next start.
            log.warning("command menus not updated now: %s", exc)
        # Hidden by reports that no longer count enough (an upgrade from before reports were weighed, or a higher
        # REPORTS_TO_HIDE): public again, the author and the staff told.
        await public.reports_withdrawn(await repos.ideas.restore_underreported(settings.reports_to_hide))
        owed = await cards.deliver_pending()
        if owed:
            log.info("%s curator card(s) left pending by the previous run are being posted", owed)
        for kind in TICKETS:  # tickets held for a confirmation the previous run did not get to send: due now
            await repos.outbox.hurry(kind)
        outbox.start()  # cards, notices: whatever the previous run left, then what comes
        broadcaster.start()  # resumes unfinished broadcasts from the database
        polls.start()  # writes buffered poll votes in batches
        await timers.start()  # re-registers reminders, offers, poll closings and session ends
        if settings.backup_at is not None:
            timers.daily("backup", *settings.backup_at)
            if backups.missed():
                timers.soon("backup")
        me = await bot.me()
        log.info("bot @%s started (schema v%s)", me.username, await db.schema_version())
        started.set()

    started = asyncio.Event()

    done: set[str] = set()

    async def shutdown(quick: bool = False) -> None:
        """Each step once: a quick call after a graceful one that was cut short does only what is left.

        quick: don't wait for updates in flight, give the broadcast message in flight a second. Also when the
        shutdown was cut short before it began (a second signal right after the first).
        """
        if "updates" not in done:
            await asyncio.sleep(0)  # update tasks created just before polling stopped enter InFlightMiddleware
            quick = quick or hurry.is_set()
            if in_flight.count and not await in_flight.wait_idle(seconds=0.1 if quick else IN_FLIGHT_WAIT):
                log.warning("%s update(s) still being handled at shutdown", in_flight.count)
            done.add("updates")
        if "marks" not in done and db.is_open:
            await once.write_marks()  # the handled updates' marks still waiting
            done.add("marks")
        timers.stop()
        if "polls" not in done:
            await polls.stop()  # the votes still buffered are written before the database closes
            done.add("polls")
        quick = quick or hurry.is_set()
        wait = 1 if quick else settings.request_timeout + 5
        await asyncio.gather(broadcaster.stop(timeout=wait), outbox.stop(timeout=wait))
        await albums.close()
        if "db" not in done:
            was_open = db.is_open
            await db.close()
            done.add("db")
            if was_open:
                log.info("bot stopped")

    async def on_shutdown() -> None:
        await shutdown()

    timers.on("backup", backups.daily)
    dp.startup.register(on_startup)
    dp.shutdown.register(on_shutdown)
    hurry = asyncio.Event()
    return App(dp=dp, db=db, shutdown=shutdown, started=started, hurry=hurry)
