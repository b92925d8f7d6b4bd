"""Projects: an accepted idea with a leader, a team, what help is needed, and who offered to help or to lead.

A line here may touch the ``projects`` and ``project_people`` tables (and write the audit row of a leader or
curator action in the same transaction). A public idea without a ``projects`` row is a project looking for its
leader: the row is made at its first step (an appointment, a stage, the needs). Experts, similar experience,
updates and surveys have tables of their own (migration 0015); their repositories are added beside this one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import aiosqlite

from bot.clock import now_iso
from bot.storage.db import Database
from bot.storage.models import PUBLIC_STATUSES, audit_details
from bot.storage.outbox import queue_in

# The outbox kind of the notices curators' choices send (the new leader, the one replaced or removed, the applicants
# not chosen): rendered and sent by bot/services/projects.py.
LEADER_NOTICE = "leader_notice"


class Stage(StrEnum):
    SEEKING_LEADER = "seeking_leader"  # «ищем лидера»
    GATHERING_TEAM = "gathering_team"  # «собираем команду»
    IN_WORK = "in_work"  # «в работе»
    IMPLEMENTED = "implemented"  # «реализован»
    PAUSED = "paused"  # «приостановлен»


class Role(StrEnum):
    MEMBER = "member"  # «Хочу участвовать»
    LEADER = "leader"  # «Готов(а) возглавить»: an applicant for the lead


class Offer(StrEnum):
    APPLIED = "applied"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    LEFT = "left"


class Help(StrEnum):
    """How a member can help (the wire and the stored value)."""

    HANDS = "hands"  # руками
    SKILLS = "skills"  # знаниями, профессией
    RESOURCES = "resources"  # ресурсами
    CONTACTS = "contacts"  # связями


# A public idea's stage as a project, in SQL over ``ideas i``: an implemented idea's project is implemented (however
# it got there), else its row's stage (no row: looking for a leader). As bot/services/projects.py shown_stage.
STAGE_OF_IDEA = (
    "CASE WHEN i.status = 'implemented' THEN 'implemented' "
    "ELSE coalesce((SELECT pr.stage FROM projects pr WHERE pr.idea_id = i.id), 'seeking_leader') END"
)

NOTE_MAX = 300  # characters of a member's note
PITCH_MIN, PITCH_MAX = 30, 1000  # characters of a leader's pitch


@dataclass(frozen=True, slots=True)
class Project:
    idea_id: int
    stage: Stage
    leader_id: int | None
    needs: str | None
    team_chat_id: int | None


@dataclass(frozen=True, slots=True)
class Person:
    """Someone's offer to help or to lead, with what the leader and curators may see of them."""

    idea_id: int
    user_id: int
    role: Role
    status: Offer
    help: tuple[Help, ...]
    note: str | None
    contact_ok: str | None  # the contact consent's version they gave; None: shown by first name only
    created_at: str
    first_name: str | None = None
    last_name: str | None = None
    username: str | None = None


PERSON_SELECT = (
    "SELECT p.idea_id, p.user_id, p.role, p.status, p.help, p.note, p.contact_ok, p.created_at, "
    "u.first_name, u.last_name, u.username FROM project_people p JOIN users u ON u.id = p.user_id"
)


def _person(row: Any) -> Person:
    return Person(
        idea_id=row[0],
        user_id=row[1],
        role=Role(row[2]),
        status=Offer(row[3]),
        help=tuple(Help(h) for h in json.loads(row[4]) if h in Help._value2member_map_),
        note=row[5],
        contact_ok=row[6],
        created_at=row[7],
        first_name=row[8],
        last_name=row[9],
        username=row[10],
    )


async def _audit(conn: aiosqlite.Connection, actor_id: int, action: str, idea_id: int, details: dict[str, Any]) -> None:
    kept = audit_details(details)
    await conn.execute(
        "INSERT INTO audit_log (actor_id, action, target, details, created_at) VALUES (?, ?, ?, ?, ?)",
        (actor_id, action, f"#{idea_id}", json.dumps(kept, ensure_ascii=False) if kept else None, now_iso()),
    )


async def _ensure(conn: aiosqlite.Connection, idea_id: int, now: str) -> None:
    await conn.execute(
        "INSERT INTO projects (idea_id, created_at, updated_at) VALUES (?, ?, ?) ON CONFLICT (idea_id) DO NOTHING",
        (idea_id, now, now),
    )


async def in_work_in(conn: aiosqlite.Connection, idea_id: int, now: str) -> None:
    """In the transaction that marks an idea «в работе» (any path: the curators' card, /moderate, ProjectService):
    its project is in work too (a paused one as well: the step is taken on purpose), with no audit row of its own
    (the idea's step is the one recorded). As bot/storage/surveys.py queue_result_in for «реализована»."""
    await conn.execute(
        "INSERT INTO projects (idea_id, stage, created_at, updated_at) VALUES (?, 'in_work', ?, ?) "
        "ON CONFLICT (idea_id) DO UPDATE SET stage = 'in_work', updated_at = excluded.updated_at "
        "WHERE projects.stage NOT IN ('in_work', 'implemented')",
        (idea_id, now, now),
    )


async def tell_team_in(conn: aiosqlite.Connection, idea_id: int, leader_id: int, now: str) -> None:
    """In the transaction that takes a project's leader away (stepping down, removed, /delete_me): its team (the
    accepted members) is told the project looks for a leader again, each in their language (LEADER_NOTICE). Not
    once the project is implemented: it looks for nobody."""
    cur = await conn.execute(
        "SELECT pp.user_id FROM project_people pp JOIN ideas i ON i.id = pp.idea_id "
        "LEFT JOIN projects p ON p.idea_id = pp.idea_id WHERE pp.idea_id = ? AND pp.role = 'member' "
        "AND pp.status = 'accepted' AND pp.user_id != ? AND i.status != 'implemented' "
        "AND coalesce(p.stage, '') != 'implemented' ORDER BY pp.created_at, pp.user_id",
        (idea_id, leader_id),
    )
    for (member,) in await cur.fetchall():
        await queue_in(conn, LEADER_NOTICE, idea_id, int(member), {"key": "pja-team-leader-gone"}, now)


class ProjectsRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    # --- the project ----------------------------------------------------------------------------

    async def get(self, idea_id: int) -> Project | None:
        """The project of a public idea (a row or not: without one it looks for its leader); None when the idea
        is not public."""
        marks = ",".join("?" * len(PUBLIC_STATUSES))
        row = await self.db.fetchone(
            "SELECT i.id, coalesce(p.stage, 'seeking_leader'), p.leader_id, p.needs, p.team_chat_id "
            f"FROM ideas i LEFT JOIN projects p ON p.idea_id = i.id WHERE i.id = ? AND i.status IN ({marks}) "
            "AND i.hidden_at IS NULL",
            (idea_id, *PUBLIC_STATUSES),
        )
        return Project(row[0], Stage(row[1]), row[2], row[3], row[4]) if row else None

    async def led_by(self, user_id: int) -> list[Project]:
        rows = await self.db.fetchall(
            "SELECT idea_id, stage, leader_id, needs, team_chat_id FROM projects WHERE leader_id = ? "
            "ORDER BY idea_id",
            (user_id,),
        )
        return [Project(r[0], Stage(r[1]), r[2], r[3], r[4]) for r in rows]

    async def set_stage(self, idea_id: int, stage: Stage, actor_id: int) -> bool:
        """False when the project already is at that stage."""
        now = now_iso()
        async with self.db.transaction() as conn:
            await _ensure(conn, idea_id, now)
            cur = await conn.execute(
                "UPDATE projects SET stage = ?, updated_at = ? WHERE idea_id = ? AND stage != ?",
                (stage.value, now, idea_id, stage.value),
            )
            if cur.rowcount == 0:
                return False
            await _audit(conn, actor_id, "project_stage", idea_id, {"stage": stage.value})
            return True

    async def set_needs(self, idea_id: int, needs: str | None, actor_id: int) -> None:
        now = now_iso()
        async with self.db.transaction() as conn:
            await _ensure(conn, idea_id, now)
            await conn.execute("UPDATE projects SET needs = ?, updated_at = ? WHERE idea_id = ?", (needs, now, idea_id))
            await _audit(conn, actor_id, "project_needs", idea_id, {"needs": needs or ""})

    async def appoint_leader(
        self, idea_id: int, user_id: int, actor_id: int, reason: str | None, *, tell: bool = False
    ) -> int | None:
        """The leader, chosen by the curators: their offer to lead is accepted, they are in the team, and a project
        looking for a leader starts gathering its team (or is in work again, when its idea is in progress). Returns
        the leader replaced (if any).

        ``tell``: the people concerned are told, with the reason, through the outbox in the same transaction: the
        new leader, the one replaced, and the others who offered to lead (their offers are declined)."""
        now = now_iso()
        async with self.db.transaction() as conn:
            await _ensure(conn, idea_id, now)
            cur = await conn.execute("SELECT leader_id FROM projects WHERE idea_id = ?", (idea_id,))
            row = await cur.fetchone()
            previous = row[0] if row and row[0] != user_id else None
            await conn.execute(
                # An idea already «в работе» (its leader gone or removed meanwhile) goes back to work, as `resume`.
                "UPDATE projects SET leader_id = ?, updated_at = ?, stage = CASE WHEN stage = 'seeking_leader' "
                "THEN CASE WHEN (SELECT status FROM ideas WHERE id = ?) = 'in_progress' THEN 'in_work' "
                "ELSE 'gathering_team' END ELSE stage END WHERE idea_id = ?",
                (user_id, now, idea_id, idea_id),
            )
            await conn.execute(
                "INSERT INTO project_people (idea_id, user_id, role, status, created_at, decided_at, decided_by) "
                "VALUES (?, ?, 'leader', 'accepted', ?, ?, ?) ON CONFLICT (idea_id, user_id, role) DO UPDATE SET "
                "status = 'accepted', decided_at = excluded.decided_at, decided_by = excluded.decided_by",
                (idea_id, user_id, now, now, actor_id),
            )
            if previous is not None:
                await conn.execute(
                    "UPDATE project_people SET status = 'left', decided_at = ?, decided_by = ? "
                    "WHERE idea_id = ? AND user_id = ? AND role = 'leader'",
                    (now, actor_id, idea_id, previous),
                )
            details: dict[str, Any] = {"leader": user_id, "replaced": previous, "reason": reason or ""}
            if tell:
                args = {"reason": reason or ""}
                await queue_in(conn, LEADER_NOTICE, idea_id, user_id, {"key": "choose-told-appointed", **args}, now)
                if previous is not None:
                    await queue_in(conn, LEADER_NOTICE, idea_id, previous, {"key": "choose-told-replaced", **args}, now)
                cur = await conn.execute(
                    "UPDATE project_people SET status = 'declined', decided_at = ?, decided_by = ? WHERE idea_id = ? "
                    "AND role = 'leader' AND status = 'applied' AND user_id != ? RETURNING user_id",
                    (now, actor_id, idea_id, user_id),
                )
                declined = [int(r[0]) for r in await cur.fetchall()]
                for person in declined:
                    await queue_in(conn, LEADER_NOTICE, idea_id, person, {"key": "choose-told-not-chosen", **args}, now)
                details["declined"] = declined
            await _audit(conn, actor_id, "project_leader", idea_id, details)
            return previous

    async def drop_leader(self, idea_id: int, actor_id: int, reason: str | None, *, tell: bool = False) -> int | None:
        """The leader leaves or is removed: the project goes back to the curators, looking for a leader, with its
        team intact, and the team is told. Returns who led it (None: nobody did). ``tell``: the leader removed is told,
        with the reason (through the outbox, in the same transaction)."""
        now = now_iso()
        async with self.db.transaction() as conn:
            cur = await conn.execute("SELECT leader_id FROM projects WHERE idea_id = ?", (idea_id,))
            row = await cur.fetchone()
            if row is None or row[0] is None:
                return None
            leader = int(row[0])
            await conn.execute(
                "UPDATE projects SET leader_id = NULL, updated_at = ?, stage = CASE WHEN stage IN "
                "('gathering_team', 'in_work') THEN 'seeking_leader' ELSE stage END WHERE idea_id = ?",
                (now, idea_id),
            )
            await conn.execute(
                "UPDATE project_people SET status = 'left', decided_at = ?, decided_by = ? "
                "WHERE idea_id = ? AND user_id = ? AND role = 'leader'",
                (now, actor_id, idea_id, leader),
            )
            await _audit(conn, actor_id, "project_leader_dropped", idea_id, {"leader": leader, "reason": reason or ""})
            if tell:
                args = {"key": "choose-told-removed", "reason": reason or ""}
                await queue_in(conn, LEADER_NOTICE, idea_id, leader, args, now)
            await tell_team_in(conn, idea_id, leader, now)
            return leader

    # --- offers to help or to lead -------------------------------------------------------------------

    async def offer(
        self, idea_id: int, user_id: int, role: Role, help: tuple[Help, ...], note: str | None, contact_ok: str | None
    ) -> bool:
        """Someone offers to help or to lead (again, after leaving or being declined). False when their offer
        stands already (applied or accepted)."""
        now = now_iso()
        cur = await self.db.fetchone(
            "SELECT status FROM project_people WHERE idea_id = ? AND user_id = ? AND role = ?",
            (idea_id, user_id, role.value),
        )
        if cur is not None and cur[0] in (Offer.APPLIED, Offer.ACCEPTED):
            return False
        await self.db.execute(
            "INSERT INTO project_people (idea_id, user_id, role, status, help, note, contact_ok, created_at) "
            "VALUES (?, ?, ?, 'applied', ?, ?, ?, ?) ON CONFLICT (idea_id, user_id, role) DO UPDATE SET "
            "status = 'applied', help = excluded.help, note = excluded.note, contact_ok = excluded.contact_ok, "
            "created_at = excluded.created_at, decided_at = NULL, decided_by = NULL",
            (idea_id, user_id, role.value, json.dumps([h.value for h in help]), note, contact_ok, now),
        )
        return True

    async def leave(self, idea_id: int, user_id: int, role: Role) -> bool:
        """One tap: the offer withdrawn, or the team left. False when there was nothing to leave."""
        changed = await self.db.execute_rowcount(
            "UPDATE project_people SET status = 'left', decided_at = ?, decided_by = user_id "
            "WHERE idea_id = ? AND user_id = ? AND role = ? AND status IN ('applied', 'accepted')",
            (now_iso(), idea_id, user_id, role.value),
        )
        return changed > 0

    async def decide(self, idea_id: int, user_id: int, role: Role, accept: bool, actor_id: int) -> bool:
        """The leader (a member) or the curators (a leader's offer, when declined) answer an offer. False when it
        was answered already or withdrawn."""
        now = now_iso()
        status = Offer.ACCEPTED if accept else Offer.DECLINED
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "UPDATE project_people SET status = ?, decided_at = ?, decided_by = ? "
                "WHERE idea_id = ? AND user_id = ? AND role = ? AND status = 'applied'",
                (status.value, now, actor_id, idea_id, user_id, role.value),
            )
            if cur.rowcount == 0:
                return False
            await _audit(conn, actor_id, f"project_{role.value}_{status.value}", idea_id, {"person": user_id})
            return True

    async def people(self, idea_id: int, role: Role | None = None, status: Offer | None = None) -> list[Person]:
        """Offers on a project, oldest first."""
        where: list[str] = ["p.idea_id = ?"]
        params: list[object] = [idea_id]
        if role is not None:
            where.append("p.role = ?")
            params.append(role.value)
        if status is not None:
            where.append("p.status = ?")
            params.append(status.value)
        rows = await self.db.fetchall(f"{PERSON_SELECT} WHERE {' AND '.join(where)} ORDER BY p.created_at", params)
        return [_person(r) for r in rows]

    async def team(self, idea_id: int) -> list[Person]:
        """Accepted members and the leader."""
        rows = await self.db.fetchall(
            f"{PERSON_SELECT} WHERE p.idea_id = ? AND p.status = 'accepted' "
            "ORDER BY p.role = 'leader' DESC, p.decided_at",
            (idea_id,),
        )
        return [_person(r) for r in rows]

    async def offers_of(self, user_id: int) -> list[Person]:
        """A person's offers that stand (applied or accepted), newest first: their applications in the profile."""
        rows = await self.db.fetchall(
            f"{PERSON_SELECT} WHERE p.user_id = ? AND p.status IN ('applied', 'accepted') ORDER BY p.created_at DESC",
            (user_id,),
        )
        return [_person(r) for r in rows]

    async def offer_of(self, idea_id: int, user_id: int, role: Role) -> Person | None:
        row = await self.db.fetchone(
            f"{PERSON_SELECT} WHERE p.idea_id = ? AND p.user_id = ? AND p.role = ?", (idea_id, user_id, role.value)
        )
        return _person(row) if row else None
