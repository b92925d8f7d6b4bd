"""All repositories over one database: ``Repos``, the object handlers and services are given.

This module holds no aggregate of its own and no SQL: it builds each aggregate's repository (one
module per aggregate in ``bot.storage``) over the same Database, once at start-up. A line here may
only construct repositories and wire one to another (the moderation repository drops a person's
in-memory copy through the users repository).
"""

from __future__ import annotations

from bot.storage.audit import AuditRepo
from bot.storage.broadcasts import BroadcastsRepo
from bot.storage.curator_chats import CuratorChatsRepo
from bot.storage.db import Database
from bot.storage.directions import DirectionsRepo
from bot.storage.experts import CallsRepo, ExperienceRepo, ExpertsRepo
from bot.storage.find import FindRepo
from bot.storage.follows import FollowsRepo
from bot.storage.ideas import IdeasRepo
from bot.storage.moderation import ModerationRepo
from bot.storage.outbox import OutboxRepo
from bot.storage.polls import PollsRepo
from bot.storage.project_team import ProjectTeamRepo
from bot.storage.projects import ProjectsRepo
from bot.storage.public import PublicRepo
from bot.storage.registrations import RegistrationsRepo
from bot.storage.roles import RolesRepo
from bot.storage.schedule import ScheduleRepo
from bot.storage.session_projects import SessionProjectsRepo
from bot.storage.sessions import SessionsRepo
from bot.storage.staff_notices import StaffNoticesRepo
from bot.storage.stats import StatsRepo
from bot.storage.surveys import SurveysRepo
from bot.storage.updates import UpdatesRepo
from bot.storage.users import UsersRepo


class Repos:
    """All repositories over one database, created once at start-up."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.directions = DirectionsRepo(db)
        self.users = UsersRepo(db)
        self.ideas = IdeasRepo(db)
        self.curator_chats = CuratorChatsRepo(db)
        self.roles = RolesRepo(db)
        self.audit = AuditRepo(db)
        self.updates = UpdatesRepo(db)
        self.broadcasts = BroadcastsRepo(db)
        self.stats = StatsRepo(db)
        self.moderation = ModerationRepo(db, self.users.uncache)
        self.public = PublicRepo(db)
        self.sessions = SessionsRepo(db)
        self.registrations = RegistrationsRepo(db)
        self.polls = PollsRepo(db)
        self.projects = ProjectsRepo(db)
        self.experts, self.experience, self.calls = ExpertsRepo(db), ExperienceRepo(db), CallsRepo(db)  # experts
        self.project_team = ProjectTeamRepo(db)  # a leader's tools: the team's group, the updates
        self.schedule = ScheduleRepo(db)
        self.outbox = OutboxRepo(db)
        self.follows = FollowsRepo(db)
        self.staff_notices = StaffNoticesRepo(db)
        self.find = FindRepo(db)
        self.surveys = SurveysRepo(db)  # projects' results (issue 15, point 6)
        self.session_projects = SessionProjectsRepo(db)  # projects tied to sessions (issue 15)
