"""Projects' results (issue 15, point 6): «Получилось?» when a project is implemented and «Как там сейчас?»
FOLLOWUP_AFTER later, once each per person; and the projects' numbers for /stats and /export (point 8).

A line here may touch ``project_surveys`` and ``project_followups`` (and read the projects' tables). The survey
itself is a broadcast of kind ``survey`` (bot/storage/broadcasts.py ``create_survey``: once per idea and round);
an answer is kept only from someone it reached.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import aiosqlite

from bot.clock import now_iso
from bot.storage.db import Database
from bot.storage.models import PUBLIC_STATUSES
from bot.storage.outbox import queue_in
from bot.storage.stats import CHUNK, keyset_chunks


class Round(StrEnum):
    RESULT = "result"  # «Получилось?», when the project is implemented
    FOLLOWUP = "followup"  # «Как там сейчас?», FOLLOWUP_AFTER later


class Answer(StrEnum):
    YES = "yes"
    PARTLY = "partly"
    NO = "no"


COMMENT_MAX = 500  # characters of a comment on an answer


def survey_token(idea_id: int, round_: Round | str) -> str:
    return f"survey:{idea_id}:{round_}"


async def queue_result_in(conn: aiosqlite.Connection, idea_id: int, now: str) -> None:
    """In the transaction that marks an idea implemented: its project's stage, its survey (the outbox makes the
    broadcast, once per token) and the row the follow-up is planned from (kept from the first time)."""
    await queue_in(conn, "survey", idea_id, None, {"round": Round.RESULT.value}, now)
    # The project's stage follows the idea's status (whichever way it was marked).
    await conn.execute(
        "INSERT INTO projects (idea_id, stage, created_at, updated_at) VALUES (?, 'implemented', ?, ?) "
        "ON CONFLICT (idea_id) DO UPDATE SET stage = 'implemented', updated_at = excluded.updated_at",
        (idea_id, now, now),
    )
    await conn.execute(
        "INSERT INTO project_followups (idea_id, implemented_at) VALUES (?, ?) ON CONFLICT (idea_id) DO NOTHING",
        (idea_id, now),
    )


@dataclass(frozen=True, slots=True)
class Counts:
    yes: int = 0
    partly: int = 0
    no: int = 0

    @property
    def total(self) -> int:
        return self.yes + self.partly + self.no


@dataclass(slots=True)
class ProjectNumbers:
    """/stats: leaders, projects per stage, teams, help still needed, survey results."""

    leaders: int = 0
    stages: dict[str, int] = field(default_factory=dict)  # stage -> public projects
    team_total: int = 0  # accepted members of every project
    teams: int = 0  # projects with at least one accepted member
    needs: int = 0  # projects not yet implemented that say what help they still need
    surveys: dict[str, Counts] = field(default_factory=dict)  # round -> counts

    @property
    def team_average(self) -> float:
        return self.team_total / self.teams if self.teams else 0.0


def _counts(rows: list[Any]) -> Counts:
    found = {str(r[0]): int(r[1]) for r in rows if r[0] is not None}
    return Counts(found.get("yes", 0), found.get("partly", 0), found.get("no", 0))


class SurveysRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    # --- the surveys -------------------------------------------------------------------------

    async def asked(self, idea_id: int, round_: Round, user_id: int) -> bool:
        """Did this round's survey reach this person (or is it on its way to them)?"""
        row = await self.db.fetchone(
            "SELECT 1 FROM deliveries d JOIN broadcasts b ON b.id = d.broadcast_id WHERE b.token = ? "
            "AND d.user_id = ? AND d.status IN ('sent', 'sending', 'unknown') LIMIT 1",
            (survey_token(idea_id, round_), user_id),
        )
        return row is not None

    async def answer(self, idea_id: int, round_: Round, user_id: int, answer: Answer) -> bool:
        """Keep (or change) a person's answer; False when the survey never reached them."""
        if not await self.asked(idea_id, round_, user_id):
            return False
        now = now_iso()
        await self.db.execute(
            "INSERT INTO project_surveys (idea_id, user_id, round, answer, asked_at, answered_at) "
            "SELECT ?, ?, ?, ?, b.created_at, ? FROM broadcasts b WHERE b.token = ? "
            "ON CONFLICT (idea_id, user_id, round) DO UPDATE SET answer = excluded.answer, "
            "answered_at = excluded.answered_at",
            (idea_id, user_id, round_.value, answer.value, now, survey_token(idea_id, round_)),
        )
        return True

    async def comment(self, idea_id: int, round_: Round, user_id: int, text: str) -> bool:
        """False when there is no answer to attach it to (never given, or the person's data was deleted). The
        curators' line is queued with it (the outbox's ``survey_note``; the line names nobody)."""
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "UPDATE project_surveys SET comment = ? WHERE idea_id = ? AND user_id = ? AND round = ? "
                "AND answer IS NOT NULL RETURNING answer",
                (text, idea_id, user_id, round_.value),
            )
            row = await cur.fetchone()
            if row is None:
                return False
            # The note names whose answer it is, read when it is sent (gone with the person's /delete_me).
            await queue_in(conn, "survey_note", idea_id, None, {"round": round_.value, "user": user_id}, now_iso())
            return True

    async def given(self, idea_id: int, round_: Round, user_id: int) -> tuple[Answer, str | None] | None:
        """A person's answer and comment, if they gave one."""
        row = await self.db.fetchone(
            "SELECT answer, comment FROM project_surveys WHERE idea_id = ? AND user_id = ? AND round = ? "
            "AND answer IS NOT NULL",
            (idea_id, user_id, round_.value),
        )
        return (Answer(row[0]), row[1]) if row else None

    async def counts(self, idea_id: int, round_: Round) -> Counts:
        rows = await self.db.fetchall(
            "SELECT answer, count(*) FROM project_surveys WHERE idea_id = ? AND round = ? GROUP BY answer",
            (idea_id, round_.value),
        )
        return _counts(list(rows))

    async def comments(self, idea_id: int, limit: int = 3) -> list[tuple[str, str, str]]:
        """The latest comments: (round, answer, comment), newest first."""
        rows = await self.db.fetchall(
            "SELECT round, answer, comment FROM project_surveys WHERE idea_id = ? AND comment IS NOT NULL "
            "AND comment != '' ORDER BY answered_at DESC LIMIT ?",
            (idea_id, limit),
        )
        return [(str(r[0]), str(r[1]), str(r[2])) for r in rows]

    # --- the follow-up -------------------------------------------------------------------------

    async def followups_due(self) -> list[tuple[int, str]]:
        """(idea, implemented at) of every follow-up still owed."""
        rows = await self.db.fetchall(
            "SELECT idea_id, implemented_at FROM project_followups WHERE sent_at IS NULL ORDER BY idea_id"
        )
        return [(int(r[0]), str(r[1])) for r in rows]

    async def implemented_at(self, idea_id: int) -> str | None:
        row = await self.db.fetchone(
            "SELECT implemented_at FROM project_followups WHERE idea_id = ? AND sent_at IS NULL", (idea_id,)
        )
        return str(row[0]) if row else None

    async def followup_sent(self, idea_id: int) -> None:
        await self.db.execute(
            "UPDATE project_followups SET sent_at = ? WHERE idea_id = ? AND sent_at IS NULL", (now_iso(), idea_id)
        )

    # --- /stats ----------------------------------------------------------------------------------

    async def numbers(self) -> ProjectNumbers:
        marks = ",".join("?" * len(PUBLIC_STATUSES))
        numbers = ProjectNumbers()
        row = await self.db.read_one(
            "SELECT count(DISTINCT leader_id) FROM projects WHERE leader_id IS NOT NULL"
        )
        numbers.leaders = int(row[0]) if row else 0
        rows = await self.db.read(
            "SELECT coalesce(p.stage, 'seeking_leader'), count(*) FROM ideas i LEFT JOIN projects p "
            f"ON p.idea_id = i.id WHERE i.status IN ({marks}) AND i.hidden_at IS NULL GROUP BY 1",
            PUBLIC_STATUSES,
        )
        numbers.stages = {str(r[0]): int(r[1]) for r in rows}
        row = await self.db.read_one(
            "SELECT count(*), count(DISTINCT idea_id) FROM project_people "
            "WHERE role = 'member' AND status = 'accepted'"
        )
        if row:
            numbers.team_total, numbers.teams = int(row[0]), int(row[1])
        row = await self.db.read_one(
            "SELECT count(*) FROM projects WHERE needs IS NOT NULL AND trim(needs) != '' "
            "AND stage NOT IN ('implemented')"
        )
        numbers.needs = int(row[0]) if row else 0
        for round_ in Round:
            rows = await self.db.read(
                "SELECT answer, count(*) FROM project_surveys WHERE round = ? GROUP BY answer", (round_.value,)
            )
            numbers.surveys[round_.value] = _counts(list(rows))
        return numbers

    # --- /export -------------------------------------------------------------------------------------

    def projects_rows(self, chunk: int = CHUNK) -> AsyncIterator[list[tuple[Any, ...]]]:
        """Public ideas as projects: (number, text, direction id, territory, stage, leader's name (full with their
        contact consent, else first name), accepted members, needs, experts' names, result yes/partly/no,
        follow-up yes/partly/no)."""
        marks = ",".join("?" * len(PUBLIC_STATUSES))
        return keyset_chunks(
            lambda sql, params: self.db.read(sql, (*PUBLIC_STATUSES, *params)),
            "SELECT i.id, i.text, i.direction_id, i.territory_code, coalesce(p.stage, 'seeking_leader'), "
            "CASE WHEN p.leader_id IS NULL THEN NULL "
            "WHEN (SELECT contact_ok FROM project_people x WHERE x.idea_id = i.id AND x.user_id = p.leader_id "
            "AND x.role = 'leader') IS NOT NULL "
            "THEN trim(coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, '') "
            "|| coalesce(' @' || u.username, '')) ELSE u.first_name END, "
            "(SELECT count(*) FROM project_people m WHERE m.idea_id = i.id AND m.role = 'member' "
            "AND m.status = 'accepted'), p.needs, "
            "(SELECT group_concat(e.name, '; ') FROM project_experts pe JOIN experts e ON e.id = pe.expert_id "
            "WHERE pe.idea_id = i.id), "
            "(SELECT count(*) FROM project_surveys s WHERE s.idea_id = i.id AND s.round = 'result' "
            "AND s.answer = 'yes'), "
            "(SELECT count(*) FROM project_surveys s WHERE s.idea_id = i.id AND s.round = 'result' "
            "AND s.answer = 'partly'), "
            "(SELECT count(*) FROM project_surveys s WHERE s.idea_id = i.id AND s.round = 'result' "
            "AND s.answer = 'no'), "
            "(SELECT count(*) FROM project_surveys s WHERE s.idea_id = i.id AND s.round = 'followup' "
            "AND s.answer = 'yes'), "
            "(SELECT count(*) FROM project_surveys s WHERE s.idea_id = i.id AND s.round = 'followup' "
            "AND s.answer = 'partly'), "
            "(SELECT count(*) FROM project_surveys s WHERE s.idea_id = i.id AND s.round = 'followup' "
            "AND s.answer = 'no') "
            "FROM ideas i LEFT JOIN projects p ON p.idea_id = i.id LEFT JOIN users u ON u.id = p.leader_id "
            f"WHERE i.status IN ({marks}) AND i.hidden_at IS NULL AND i.id > ? ORDER BY i.id LIMIT ?",
            (0,),
            chunk,
        )

    def team_rows(self, chunk: int = CHUNK) -> AsyncIterator[list[tuple[Any, ...]]]:
        """Everyone who offered to help or to lead: (project number, first name, full name and @username only with
        their contact consent (else None, None), help as "hands,skills", role, status, note, since)."""
        return keyset_chunks(
            self.db.read,
            "SELECT p.idea_id, u.first_name, "
            "CASE WHEN p.contact_ok IS NOT NULL THEN trim(coalesce(u.first_name, '') || ' ' || "
            "coalesce(u.last_name, '')) END, "
            "CASE WHEN p.contact_ok IS NOT NULL THEN u.username END, "
            "(SELECT group_concat(value, ',') FROM json_each(p.help)), p.role, p.status, p.created_at, "
            "p.user_id FROM project_people p JOIN users u ON u.id = p.user_id "
            "WHERE (p.idea_id, p.user_id, p.role) > (?, ?, ?) ORDER BY p.idea_id, p.user_id, p.role LIMIT ?",
            (0, -(2**63), ""),
            chunk,
            key=(0, 8, 5),
            width=8,
        )
