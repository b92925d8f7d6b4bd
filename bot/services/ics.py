"""A session as an iCalendar file (RFC 5545), for registrants' calendars.

CRLF line ends, content lines folded at 75 octets (never inside a UTF-8 character), TEXT values
escaped (backslash, semicolon, comma, newline), times in UTC with Z, and an alarm an hour before.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from bot.clock import read_stored
from bot.storage.sessions import Session

LINE_OCTETS = 75
PRODID = "-//Tochka Kipeniya Orenburg//Ideas bot//RU"
ALARM_BEFORE = "-PT1H"
URL_RE = re.compile(r"^https?://[^\s<>\"]+$", re.IGNORECASE)


def sequence(session: Session) -> int:
    created, updated = read_stored(session.created_at), read_stored(session.updated_at)
    if created is None or updated is None:
        return 0
    return max(0, int((updated - created).total_seconds()))


def escape_text(value: str) -> str:
    """A TEXT value: \\ ; , escaped, any line break as \\n."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into parts of at most 75 octets; each continuation starts with a space."""
    parts: list[str] = []
    current, size = "", 0
    limit = LINE_OCTETS
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            parts.append(current)
            current, size = " ", 1  # the space that opens a continuation line counts too
            limit = LINE_OCTETS
        current += char
        size += octets
    parts.append(current)
    return "\r\n".join(parts)


def utc_stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def link_in(place: str) -> str | None:
    """The place itself when it is a web link (an online session)."""
    place = place.strip()
    return place if URL_RE.match(place) else None


def session_ics(session: Session, bot_username: str, stamp: datetime, link: str | None = None) -> bytes:
    """The .ics file of one session. `link` (the session's deep link) ends the description."""
    description = session.description.strip()
    if link:
        description = f"{description}\n\n{link}" if description else link
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:session-{session.id}@{bot_username}",
        f"DTSTAMP:{utc_stamp(stamp)}",
        # Any change (time, place, title…) must replace the copy already in the calendar: the sequence
        # is the seconds between the session's creation and its last change, which only grows.
        f"SEQUENCE:{sequence(session)}",
        f"DTSTART:{utc_stamp(session.starts_at)}",
        f"DTEND:{utc_stamp(session.ends_at)}",
        f"SUMMARY:{escape_text(session.title)}",
        f"DESCRIPTION:{escape_text(description)}",
        f"LOCATION:{escape_text(session.place)}",
    ]
    url = link_in(session.place)
    if url:
        lines.append(f"URL:{url}")
    if session.status == "cancelled":
        lines.append("STATUS:CANCELLED")
    lines += [
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"DESCRIPTION:{escape_text(session.title)}",
        f"TRIGGER:{ALARM_BEFORE}",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode("utf-8")


def unfold(data: bytes) -> list[str]:
    """Content lines of an .ics file with folding undone (used by tests to read a file back)."""
    text = data.decode("utf-8")
    return text.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")[:-1]


def unescape_text(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        char = value[i]
        if char == "\\" and i + 1 < len(value):
            nxt = value[i + 1]
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
            continue
        out.append(char)
        i += 1
    return "".join(out)
