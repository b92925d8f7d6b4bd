"""Broadcasts and their deliveries: audiences, the delivery journal, progress counts."""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.clock import now_iso
from bot.storage.db import Database
from bot.storage.ideas import PUBLIC_IN

# Who counts as a recipient: a consenting resident who has not blocked the bot, has not
# turned announcements off and is not banned.
ELIGIBLE = "u.consent_status = 'accepted' AND u.is_active = 1 AND u.announcements = 1 AND u.banned_at IS NULL"
AUDIENCES: dict[str, str] = {
    "all": "",
    "direction": " AND EXISTS (SELECT 1 FROM subscriptions s WHERE s.user_id = u.id AND s.direction_id = ?)",
    "territory": " AND u.territory_code = ?",
    "authors": " AND EXISTS (SELECT 1 FROM ideas i WHERE i.author_id = u.id AND i.direction_id = ?)",
    # Projects (issue 15): the leaders of the public ideas' projects of a direction, and their teams (the accepted
    # members and the leader).
    "leaders": " AND EXISTS (SELECT 1 FROM projects p JOIN ideas i ON i.id = p.idea_id WHERE p.leader_id = u.id"
    f" AND i.direction_id = ? AND i.hidden_at IS NULL AND i.status IN {PUBLIC_IN})",
    "teams": " AND EXISTS (SELECT 1 FROM project_people pp JOIN ideas i ON i.id = pp.idea_id WHERE pp.user_id = u.id"
    f" AND pp.status = 'accepted' AND i.direction_id = ? AND i.hidden_at IS NULL AND i.status IN {PUBLIC_IN})",
}
# One SQL statement and its parameters.
Statement = tuple[str, tuple[object, ...]]
FINAL = ("sent", "blocked", "failed", "unknown", "cancelled")

# Messages about a session someone registered for are not announcements: they go to anyone who can
# still be reached (consent, not blocked, not banned), whatever the announcements setting.
REACHABLE = "u.consent_status = 'accepted' AND u.is_active = 1 AND u.banned_at IS NULL"
# Who receives each kind, re-checked per batch while sending (``?`` = the broadcast's session id).
KIND_ELIGIBLE: dict[str, str] = {
    "copy": ELIGIBLE,
    "session": ELIGIBLE,
    "notice": REACHABLE,
    "feedback": REACHABLE,
    # Still registered, the session still planned for the time the reminder was made for, not started; and
    # session reminders still on in /settings.
    "reminder": REACHABLE + " AND u.notify_reminders = 1"
    " AND EXISTS (SELECT 1 FROM registrations r JOIN sessions s ON s.id = r.session_id"
    " WHERE r.session_id = ? AND r.user_id = u.id AND r.status = 'registered' AND s.status = 'scheduled'"
    " AND s.version = ? AND s.starts_at > ?)",
    # News of an idea someone follows or supports: only while they still want such notices (/settings).
    "idea": REACHABLE + " AND u.notify_followed = 1",
    # A project's update from its leader (issue 15): the same switch as an idea's news.
    "project": REACHABLE + " AND u.notify_followed = 1",
    # A session or poll whose stored time the bot cannot use (written before dates were checked, or edited by
    # hand), for the organizers who can fix it.
    "alert": "u.is_active = 1",
    # A project's call for help, approved by the curators: like an announcement (the announcements setting counts).
    "call": ELIGIBLE,
    # A project's «Получилось?» / «Как там сейчас?» (issue 15): whoever it was made for and can still be reached.
    "survey": REACHABLE,
}
# Bot-made kinds: no progress message or report, and a message in flight at a crash is never resent
# (it may have arrived: 'unknown'), so nobody gets one twice.
# A call for help's recipients (``?`` = the idea): residents of the idea's territory subscribed to its direction who
# may get announcements; not its author, nor anyone who offered to help or lead it or is in its team.
CALL_RECIPIENTS = (
    "FROM users u JOIN ideas i ON i.id = ? WHERE u.territory_code = i.territory_code "
    "AND EXISTS (SELECT 1 FROM subscriptions s WHERE s.user_id = u.id AND s.direction_id = i.direction_id) "
    "AND u.id != coalesce(i.author_id, 0) AND u.id NOT IN (SELECT user_id FROM project_people "
    f"WHERE idea_id = i.id AND status IN ('applied', 'accepted')) AND {ELIGIBLE}"
)
SYSTEM_KINDS = frozenset({"notice", "reminder", "feedback", "alert", "idea", "call", "project", "survey"})
PRIORITY = {"reminder": 2, "notice": 1, "feedback": 1, "alert": 1, "idea": 1, "project": 1, "survey": 1}
# The number people see: the broadcasts organizers start (copies, session announcements) counted in order, so
# the bot's own notices and reminders, which share the id sequence, leave no gaps between "№ 1" and "№ 2".
SHOWN_NUMBER = (
    "(SELECT count(*) FROM broadcasts b WHERE b.id <= broadcasts.id AND b.kind NOT IN "
    + "("
    + ", ".join(f"'{kind}'" for kind in sorted(SYSTEM_KINDS))
    + ")) AS shown_number"
)


@dataclass(frozen=True, slots=True)
class Audience:
    kind: str  # all | direction | territory | authors | leaders | teams
    value: str | None = None

    def where(self) -> tuple[str, tuple[object, ...]]:
        if self.kind not in AUDIENCES:
            raise ValueError(f"unknown audience {self.kind!r}")
        clause = ELIGIBLE + AUDIENCES[self.kind]
        params: tuple[object, ...] = () if self.kind == "all" else (self.value,)
        return clause, params


@dataclass(slots=True)
class Broadcast:
    id: int
    created_by: int
    source_chat_id: int
    source_message_id: int
    audience: Audience
    total: int
    status: str
    cancel_requested: bool
    progress_chat_id: int | None
    progress_message_id: int | None
    report_sent: bool
    created_at: str
    finished_at: str | None
    kind: str = "copy"  # copy | session | notice | reminder | feedback
    session_id: int | None = None
    payload: dict[str, Any] = field(default_factory=dict)
    priority: int = 0
    number: int = 0  # the number people see (SHOWN_NUMBER); the id stays in callbacks and logs

    @property
    def is_system(self) -> bool:
        return self.kind in SYSTEM_KINDS


@dataclass(frozen=True, slots=True)
class Delivery:
    seq: int
    user_id: int
    status: str
    eligible: bool = True  # still a recipient now (not banned, blocked, opted out or withdrawn)
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one delivery, written together with the next one's 'sending' mark."""

    seq: int
    status: str
    message_id: int | None = None
    error: str | None = None


def _broadcast(r: Any) -> Broadcast:
    return Broadcast(
        id=r["id"],
        created_by=r["created_by"],
        source_chat_id=r["source_chat_id"],
        source_message_id=r["source_message_id"],
        audience=Audience(r["audience_kind"], r["audience_value"]),
        total=r["total"],
        status=r["status"],
        cancel_requested=bool(r["cancel_requested"]),
        progress_chat_id=r["progress_chat_id"],
        progress_message_id=r["progress_message_id"],
        report_sent=bool(r["report_sent"]),
        created_at=r["created_at"],
        finished_at=r["finished_at"],
        kind=r["kind"],
        session_id=r["session_id"],
        payload=json.loads(r["payload"]) if r["payload"] else {},
        priority=r["priority"],
        number=r["shown_number"],
    )


class BroadcastsRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def count_audience(self, audience: Audience) -> int:
        where, params = audience.where()
        row = await self.db.fetchone(f"SELECT count(*) FROM users u WHERE {where}", params)
        return int(row[0]) if row else 0

    async def territories_with_residents(self) -> list[tuple[str, int]]:
        """Territories that have eligible residents, most populated first."""
        rows = await self.db.fetchall(
            f"SELECT u.territory_code, count(*) AS n FROM users u WHERE {ELIGIBLE} "
            "AND u.territory_code IS NOT NULL GROUP BY u.territory_code ORDER BY n DESC, u.territory_code"
        )
        return [(r[0], int(r[1])) for r in rows]

    async def create(
        self, token: str, created_by: int, source_chat_id: int, source_message_id: int, audience: Audience
    ) -> tuple[Broadcast, bool]:
        """The broadcast and one delivery row per recipient, in one transaction, before any send.

        The token comes from the organizer's draft: confirming the same draft again (a double press,
        an update re-delivered after a restart) returns the broadcast made the first time.
        Returns (broadcast, created).
        """
        where, params = audience.where()
        now = now_iso()
        return await self._create_once(
            token,
            (
                "INSERT INTO broadcasts (token, created_by, source_chat_id, source_message_id, audience_kind, "
                "audience_value, progress_chat_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    token,
                    created_by,
                    source_chat_id,
                    source_message_id,
                    audience.kind,
                    audience.value,
                    created_by,
                    now,
                ),
            ),
            (f"SELECT ?, row_number() OVER (ORDER BY u.id), u.id FROM users u WHERE {where}", params),
            lambda broadcast_id: (
                "INSERT INTO audit_log (actor_id, action, target, details, created_at) "
                "SELECT ?, 'broadcast', ?, json_object('audience', ?, 'value', ?, 'recipients', total), ? "
                "FROM broadcasts WHERE id = ?",
                (created_by, str(broadcast_id), audience.kind, audience.value, now, broadcast_id),
            ),
        )

    async def get(self, broadcast_id: int) -> Broadcast | None:
        row = await self.db.fetchone(f"SELECT *, {SHOWN_NUMBER} FROM broadcasts WHERE id = ?", (broadcast_id,))
        return _broadcast(row) if row else None

    async def unfinished(self) -> list[Broadcast]:
        """Broadcasts to (re)start: still sending, or finished without the organizer's report.

        Reminders first, then notices and feedback requests, then announcements, each oldest first.
        """
        rows = await self.db.fetchall(
            f"SELECT *, {SHOWN_NUMBER} FROM broadcasts WHERE status = 'sending' OR report_sent = 0 "
            "ORDER BY priority DESC, id"
        )
        return [_broadcast(r) for r in rows]

    async def unfinished_by(self, user_id: int) -> bool:
        """Is a broadcast this person made still going out (or its report still owed to them)?"""
        row = await self.db.fetchone(
            "SELECT 1 FROM broadcasts WHERE created_by = ? AND (status = 'sending' OR report_sent = 0) LIMIT 1",
            (user_id,),
        )
        return row is not None

    async def more_urgent_waiting(self, broadcast: Broadcast) -> bool:
        """Is a broadcast of higher priority waiting (a reminder made while an announcement is sending)?"""
        row = await self.db.fetchone(
            "SELECT 1 FROM broadcasts WHERE status = 'sending' AND priority > ? AND id != ? LIMIT 1",
            (broadcast.priority, broadcast.id),
        )
        return row is not None

    async def next_deliveries(self, broadcast: Broadcast | int, after_seq: int, limit: int) -> list[Delivery]:
        """Deliveries still to send, in order: 'sending' (in flight when the bot stopped) and 'pending'."""
        if isinstance(broadcast, int):
            found = await self.get(broadcast)
            assert found is not None
            broadcast = found
        clause = KIND_ELIGIBLE.get(broadcast.kind, ELIGIBLE)
        params: tuple[object, ...] = ()
        if broadcast.kind == "reminder":
            params = (broadcast.session_id, broadcast.payload.get("version"), now_iso())
        rows = await self.db.fetchall(
            f"SELECT d.seq, d.user_id, d.status, coalesce({clause}, 0), u.language FROM deliveries d "
            "LEFT JOIN users u ON u.id = d.user_id WHERE d.broadcast_id = ? AND d.seq > ? "
            "AND d.status IN ('pending', 'sending') ORDER BY d.seq LIMIT ?",
            (*params, broadcast.id, after_seq, limit),
        )
        # A recipient who deleted their data since (user_id NULL) is no longer eligible: never sent.
        return [Delivery(r[0], r[1] or 0, r[2], bool(r[3]) and r[1] is not None, r[4]) for r in rows]

    # --- sessions: announcements, notices, reminders, feedback requests, alerts -----------

    async def create_session_announcement(
        self, token: str, created_by: int, session_id: int, audience: Audience
    ) -> tuple[Broadcast, bool]:
        """A session card with a Register button for an audience; like `create`, once per draft token."""
        where, params = audience.where()
        return await self._create_kind(
            token,
            "session",
            session_id,
            {},
            created_by,
            f"SELECT u.id AS uid FROM users u WHERE {where}",
            params,
            audit=("session_announce", json.dumps({"audience": audience.kind, "value": audience.value})),
        )

    async def create_session_notice(
        self, session_id: int, created_by: int, payload: dict[str, Any]
    ) -> tuple[Broadcast, bool]:
        """A change of a session, for everyone registered, waitlisted or holding an offer."""
        return await self._create_kind(
            f"notice:{session_id}:{secrets.token_hex(8)}",
            "notice",
            session_id,
            payload,
            created_by,
            "SELECT r.user_id AS uid FROM registrations r JOIN users u ON u.id = r.user_id WHERE r.session_id = ? "
            f"AND r.status IN ('registered', 'waitlist', 'offered') AND {REACHABLE}",
            (session_id,),
        )

    async def create_reminder(self, session_id: int, version: int, offset: int) -> tuple[Broadcast | None, bool]:
        """The reminder `offset` seconds before the session (as planned in `version`), once ever.

        Made only while the session is still planned for that time and has not started: a reminder
        for an old time, a cancelled or a started session is never made. (None, False) then.
        """
        token = f"reminder:{session_id}:{version}:{offset}"
        now = now_iso()
        async with self.db.transaction() as conn:
            cur = await conn.execute("SELECT id FROM broadcasts WHERE token = ?", (token,))
            existing = await cur.fetchone()
            if existing is None:
                cur = await conn.execute(
                    "SELECT 1 FROM sessions WHERE id = ? AND status = 'scheduled' AND version = ? AND starts_at > ?",
                    (session_id, version, now),
                )
                if await cur.fetchone() is None:
                    return None, False
        return await self._create_kind(
            token,
            "reminder",
            session_id,
            {"version": version, "offset": offset},
            0,
            # Only to those who keep session reminders on (/settings); confirmations, tickets, changes and
            # cancellations of the session are not reminders and go to every registrant.
            "SELECT r.user_id AS uid FROM registrations r JOIN users u ON u.id = r.user_id WHERE r.session_id = ? "
            f"AND r.status = 'registered' AND u.notify_reminders = 1 AND {REACHABLE}",
            (session_id,),
        )

    async def create_feedback_request(self, session_id: int, user_id: int | None = None) -> tuple[Broadcast, bool]:
        """After the session: the rating request, for those who attended, once; or, for someone marked
        as attended after the end, for that one person, once."""
        one = "" if user_id is None else " AND r.user_id = ?"
        return await self._create_kind(
            f"feedback:{session_id}" + ("" if user_id is None else f":{user_id}"),
            "feedback",
            session_id,
            {},
            0,
            "SELECT r.user_id AS uid FROM registrations r JOIN users u ON u.id = r.user_id WHERE r.session_id = ? "
            f"AND r.status = 'registered' AND r.attended_at IS NOT NULL AND {REACHABLE}{one}",
            (session_id,) if user_id is None else (session_id, user_id),
        )

    async def create_alert(
        self, token: str, session_id: int | None, payload: dict[str, Any], user_ids: list[int]
    ) -> tuple[Broadcast, bool]:
        """A warning for organizers about a row whose stored time the bot cannot plan with; once ever per token."""
        marks = ", ".join("?" for _ in user_ids) or "NULL"
        return await self._create_kind(
            token,
            "alert",
            session_id,
            payload,
            0,
            f"SELECT u.id AS uid FROM users u WHERE u.id IN ({marks})",
            tuple(user_ids),
        )

    async def create_idea_update(self, token: str, idea_id: int, change: str) -> tuple[Broadcast, bool]:
        """News of an idea (``change``: in_progress, implemented, answer) for its supporters and followers, once per
        token: not its author (told on their own), not those who stopped following it or turned such notices off."""
        return await self._create_kind(
            token,
            "idea",
            None,
            {"idea": idea_id, "change": change},
            0,
            "SELECT u.id AS uid FROM users u WHERE u.id IN (SELECT user_id FROM supports WHERE idea_id = ? "
            "UNION SELECT user_id FROM follows WHERE idea_id = ? AND following = 1) "
            "AND u.id NOT IN (SELECT user_id FROM follows WHERE idea_id = ? AND following = 0) "
            "AND u.id != coalesce((SELECT author_id FROM ideas WHERE id = ?), 0) "
            f"AND {REACHABLE} AND u.notify_followed = 1",
            (idea_id, idea_id, idea_id, idea_id),
        )

    async def create_call(self, call_id: int, idea_id: int, created_by: int) -> tuple[Broadcast, bool]:
        """A project's call for help, once per call (a call is one version of the project's needs): for residents of
        the idea's territory subscribed to its direction who may get announcements, not those already on the
        project (offered to help or to lead, or in its team) nor its author."""
        return await self._create_kind(
            f"call:{idea_id}:{call_id}",
            "call",
            None,
            {"idea": idea_id, "call": call_id},
            created_by,
            "SELECT u.id AS uid " + CALL_RECIPIENTS,
            (idea_id,),
        )

    async def count_call(self, idea_id: int) -> int:
        """How many residents a call for help of this project would reach now."""
        row = await self.db.fetchone(
            "SELECT count(*) " + CALL_RECIPIENTS,
            (idea_id,),
        )
        return int(row[0]) if row else 0

    async def create_project_update(
        self, token: str, idea_id: int, update_id: int, author_id: int
    ) -> tuple[Broadcast, bool]:
        """A project's update (issue 15) for its team, its idea's supporters and followers, once per token: not its
        author, not those who stopped following the idea (a team member is told whatever their following), not
        those who turned such notices off."""
        return await self._create_kind(
            token,
            "project",
            None,
            {"idea": idea_id, "update": update_id},
            author_id,
            "SELECT u.id AS uid FROM users u WHERE (u.id IN (SELECT user_id FROM project_people WHERE idea_id = ? "
            "AND status = 'accepted') OR (u.id IN (SELECT user_id FROM supports WHERE idea_id = ? "
            "UNION SELECT user_id FROM follows WHERE idea_id = ? AND following = 1) "
            "AND u.id NOT IN (SELECT user_id FROM follows WHERE idea_id = ? AND following = 0))) "
            f"AND u.id != ? AND {REACHABLE} AND u.notify_followed = 1",
            (idea_id, idea_id, idea_id, idea_id, author_id),
        )

    async def by_token(self, token: str) -> Broadcast | None:
        row = await self.db.fetchone(f"SELECT *, {SHOWN_NUMBER} FROM broadcasts WHERE token = ?", (token,))
        return _broadcast(row) if row else None

    async def create_survey(self, idea_id: int, round_: str) -> tuple[Broadcast, bool]:
        """A project's survey (issue 15), once per idea and round. «Получилось?» (``result``): its author, its
        team (accepted offers) and whoever follows or supports it (not those who stopped following it or turned
        such notices off). «Как там сейчас?» (``followup``): the same people the first one reached."""
        token = f"survey:{idea_id}:{round_}"
        if round_ == "followup":
            recipients = (
                "SELECT d.user_id AS uid FROM deliveries d JOIN broadcasts b ON b.id = d.broadcast_id "
                f"JOIN users u ON u.id = d.user_id WHERE b.token = ? AND d.status = 'sent' AND {REACHABLE}"
            )
            params: tuple[object, ...] = (f"survey:{idea_id}:result",)
        else:
            recipients = (
                "SELECT u.id AS uid FROM users u WHERE ("
                "u.id = coalesce((SELECT author_id FROM ideas WHERE id = ?), 0) "
                "OR u.id IN (SELECT user_id FROM project_people WHERE idea_id = ? AND status = 'accepted') "
                "OR (u.notify_followed = 1 AND u.id IN (SELECT user_id FROM supports WHERE idea_id = ? "
                "UNION SELECT user_id FROM follows WHERE idea_id = ? AND following = 1) "
                "AND u.id NOT IN (SELECT user_id FROM follows WHERE idea_id = ? AND following = 0))"
                f") AND {REACHABLE}"
            )
            params = (idea_id,) * 5
        return await self._create_kind(token, "survey", None, {"idea": idea_id, "round": round_}, 0, recipients, params)

    async def reminders_made(self, session_id: int, version: int) -> set[int]:
        """Offsets (seconds) of the reminders already made for this session and version."""
        rows = await self.db.fetchall(
            "SELECT payload FROM broadcasts WHERE kind = 'reminder' AND session_id = ? AND token LIKE ?",
            (session_id, f"reminder:{session_id}:{version}:%"),
        )
        return {int(json.loads(r[0])["offset"]) for r in rows}

    async def _create_kind(
        self,
        token: str,
        kind: str,
        session_id: int | None,
        payload: dict[str, Any],
        created_by: int,
        recipients_sql: str,
        params: tuple[object, ...],
        audit: tuple[str, str] | None = None,
    ) -> tuple[Broadcast, bool]:
        now = now_iso()
        system = kind in SYSTEM_KINDS
        return await self._create_once(
            token,
            (
                "INSERT INTO broadcasts (token, created_by, source_chat_id, source_message_id, audience_kind, "
                "audience_value, progress_chat_id, created_at, kind, session_id, payload, priority) "
                "VALUES (?, ?, 0, 0, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    token,
                    created_by,
                    "session" if system else kind,
                    None if session_id is None else str(session_id),
                    None if system else created_by,
                    now,
                    kind,
                    session_id,
                    json.dumps(payload),
                    PRIORITY.get(kind, 0),
                ),
            ),
            (f"SELECT ?, row_number() OVER (ORDER BY q.uid), q.uid FROM ({recipients_sql}) AS q", params),
            None
            if audit is None
            else lambda broadcast_id: (
                "INSERT INTO audit_log (actor_id, action, target, details, created_at) "
                "SELECT ?, ?, ?, json_patch(?, json_object('broadcast', id, 'recipients', total)), ? "
                "FROM broadcasts WHERE id = ?",
                (created_by, audit[0], str(session_id), audit[1], now, broadcast_id),
            ),
        )

    async def _create_once(
        self,
        token: str,
        insert: Statement,
        recipients: Statement,
        audit: Callable[[int], Statement] | None,
    ) -> tuple[Broadcast, bool]:
        """The broadcast and one delivery row per recipient, in one transaction, before any send; made once per
        token: the same token again (a double press, an update re-delivered after a restart, a timer fired
        twice) returns the broadcast made the first time. Returns (broadcast, created).

        ``insert`` writes the broadcasts row; ``recipients`` selects (broadcast id, seq, user id) for the
        deliveries, the new broadcast's id being the first ``?``; ``audit`` gives, for that id, the audit entry,
        written in the same transaction: no broadcast without its entry, even after a crash.
        """
        async with self.db.transaction() as conn:
            cur = await conn.execute("SELECT id FROM broadcasts WHERE token = ?", (token,))
            existing = await cur.fetchone()
            if existing is not None:
                created, broadcast_id = False, int(existing[0])
            else:
                cur = await conn.execute(*insert)
                broadcast_id = int(cur.lastrowid or 0)
                await conn.execute(
                    "INSERT INTO deliveries (broadcast_id, seq, user_id) " + recipients[0],
                    (broadcast_id, *recipients[1]),
                )
                await conn.execute(
                    "UPDATE broadcasts SET total = (SELECT count(*) FROM deliveries WHERE broadcast_id = ?) "
                    "WHERE id = ?",
                    (broadcast_id, broadcast_id),
                )
                if audit is not None:
                    await conn.execute(*audit(broadcast_id))
                created = True
        broadcast = await self.get(broadcast_id)
        assert broadcast is not None
        return broadcast, created

    async def advance(self, broadcast_id: int, done: list[Outcome], next_seqs: list[int]) -> set[int]:
        """Record finished deliveries and mark the next ones in flight, in one statement.

        The rows marked 'sending' are exactly those whose messages are about to go out (one, unless
        BROADCAST_IN_FLIGHT allows more), written before they leave: after a crash only they are
        sent again, and every later row is still 'pending'. Returns the seqs marked: a row whose
        recipient deleted their data (/delete_me) since it was read is not marked, and not sent.
        """
        if not done and not next_seqs:
            return set()
        now = now_iso()
        if len(done) <= 1 and len(next_seqs) <= 1:
            return await self._advance_one(
                broadcast_id, done[0] if done else None, next_seqs[0] if next_seqs else None, now
            )
        rows = [(o.seq, o.status, o.message_id, o.error) for o in done] + [
            (q, "sending", None, None) for q in next_seqs
        ]
        values = ", ".join("(?, ?, ?, ?)" for _ in rows)
        params: list[object] = [now]  # in the order of the placeholders: SET, VALUES, WHERE
        for row in rows:
            params.extend(row)
        params.append(broadcast_id)
        marked = await self.db.fetchall(
            "UPDATE deliveries SET status = r.column2, message_id = r.column3, error = r.column4, updated_at = ? "
            f"FROM (VALUES {values}) AS r WHERE deliveries.broadcast_id = ? AND deliveries.seq = r.column1 "
            "AND (r.column2 != 'sending' OR deliveries.user_id IS NOT NULL) RETURNING deliveries.seq",
            params,
            forever=bool(done),  # an outcome is recorded: never lost to another process's lock
        )
        return {int(r[0]) for r in marked} & set(next_seqs)

    async def _advance_one(self, broadcast_id: int, done: Outcome | None, next_seq: int | None, now: str) -> set[int]:
        if done is None:
            marked = await self.db.execute_rowcount(
                "UPDATE deliveries SET status = 'sending', updated_at = ? "
                "WHERE broadcast_id = ? AND seq = ? AND user_id IS NOT NULL",
                (now, broadcast_id, next_seq),
            )
            return {next_seq} if marked and next_seq is not None else set()
        if next_seq is None:
            await self.db.execute(
                "UPDATE deliveries SET status = ?, message_id = ?, error = ?, updated_at = ? "
                "WHERE broadcast_id = ? AND seq = ?",
                (done.status, done.message_id, done.error, now, broadcast_id, done.seq),
                forever=True,  # an outcome is recorded: never lost to another process's lock
            )
            return set()
        rows = await self.db.fetchall(
            "UPDATE deliveries SET "
            "status = CASE seq WHEN ? THEN ? ELSE 'sending' END, "
            "message_id = CASE seq WHEN ? THEN ? ELSE message_id END, "
            "error = CASE seq WHEN ? THEN ? ELSE error END, "
            "updated_at = ? WHERE broadcast_id = ? AND seq IN (?, ?) AND (seq = ? OR user_id IS NOT NULL) "
            "RETURNING seq",
            (
                done.seq,
                done.status,
                done.seq,
                done.message_id,
                done.seq,
                done.error,
                now,
                broadcast_id,
                done.seq,
                next_seq,
                done.seq,
            ),
            forever=True,
        )
        return {int(r[0]) for r in rows} & {next_seq}

    async def counts(self, broadcast_id: int) -> dict[str, int]:
        rows = await self.db.fetchall(
            "SELECT status, count(*) FROM deliveries WHERE broadcast_id = ? GROUP BY status", (broadcast_id,)
        )
        return {r[0]: int(r[1]) for r in rows}

    async def request_cancel(self, broadcast_id: int) -> bool:
        """False if the broadcast had already finished."""
        changed = await self.db.execute_rowcount(
            "UPDATE broadcasts SET cancel_requested = 1 WHERE id = ? AND status = 'sending'", (broadcast_id,)
        )
        return changed > 0

    async def finish(self, broadcast_id: int, status: str) -> None:
        """'done' or 'cancelled'; on cancel the deliveries not yet sent are cancelled with it."""
        now = now_iso()
        async with self.db.transaction() as conn:
            if status == "cancelled":
                await conn.execute(
                    "UPDATE deliveries SET status = 'cancelled', updated_at = ? "
                    "WHERE broadcast_id = ? AND status = 'pending'",
                    (now, broadcast_id),
                )
                # In flight when the bot stopped, cancelled before it could be resent: it may have arrived.
                await conn.execute(
                    "UPDATE deliveries SET status = 'unknown', error = 'cancelled after a restart', updated_at = ? "
                    "WHERE broadcast_id = ? AND status = 'sending'",
                    (now, broadcast_id),
                )
            await conn.execute(
                "UPDATE broadcasts SET status = ?, finished_at = ? WHERE id = ? AND status = 'sending'",
                (status, now, broadcast_id),
            )

    async def resend_unknown(self, broadcast_id: int) -> int:
        """Send a finished announcement again to the recipients whose outcome is unknown.

        Returns how many go back to the queue: 0 when the broadcast is not a finished, reported copy
        (still sending, resent already, a bot-made message) or nothing is unknown.
        """
        now = now_iso()
        async with self.db.transaction() as conn:
            reopened = await conn.execute(
                "UPDATE broadcasts SET status = 'sending', report_sent = 0, cancel_requested = 0, finished_at = NULL "
                "WHERE id = ? AND kind = 'copy' AND status IN ('done', 'cancelled') AND report_sent = 1 "
                "AND EXISTS (SELECT 1 FROM deliveries WHERE broadcast_id = ? AND status = 'unknown' "
                "AND user_id IS NOT NULL)",
                (broadcast_id, broadcast_id),
            )
            if reopened.rowcount == 0:
                return 0
            requeued = await conn.execute(
                "UPDATE deliveries SET status = 'pending', error = NULL, updated_at = ? "
                "WHERE broadcast_id = ? AND status = 'unknown' AND user_id IS NOT NULL",
                (now, broadcast_id),
            )
            return int(requeued.rowcount)

    async def resendable(self, broadcast_id: int) -> int:
        """Recipients whose outcome is unknown and who are still there to be sent to again."""
        row = await self.db.fetchone(
            "SELECT count(*) FROM deliveries WHERE broadcast_id = ? AND status = 'unknown' AND user_id IS NOT NULL",
            (broadcast_id,),
        )
        return int(row[0]) if row else 0

    async def set_progress_message(self, broadcast_id: int, chat_id: int, message_id: int) -> None:
        await self.db.execute(
            "UPDATE broadcasts SET progress_chat_id = ?, progress_message_id = ? WHERE id = ?",
            (chat_id, message_id, broadcast_id),
        )

    async def mark_reported(self, broadcast_id: int) -> None:
        await self.db.execute("UPDATE broadcasts SET report_sent = 1 WHERE id = ?", (broadcast_id,), forever=True)
