-- Project sessions, registrations with a waitlist, session chats, polls and votes,
-- feedback; broadcasts learn kinds (session cards, reminders, feedback requests).
-- Times are UTC ISO-8601 strings (bot.clock.to_iso), shown in TIMEZONE.

CREATE TABLE sessions (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    title         TEXT NOT NULL,
    description   TEXT NOT NULL,
    direction_id  INTEGER NOT NULL REFERENCES directions (id),
    starts_at     TEXT NOT NULL,
    duration_min  INTEGER NOT NULL CHECK (duration_min > 0),
    place         TEXT NOT NULL,                      -- an address or an online link
    capacity      INTEGER NOT NULL DEFAULT 0 CHECK (capacity >= 0),   -- 0 = unlimited
    deadline_at   TEXT NOT NULL,                      -- registration closes
    -- scheduled → ended (its end passed: feedback and summary sent) | cancelled
    status        TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'ended', 'cancelled')),
    -- bumped whenever starts_at or duration changes: reminders and the end job carry it, so
    -- nothing planned for an old time ever fires
    version       INTEGER NOT NULL DEFAULT 1,
    created_by    INTEGER NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    ended_at      TEXT,
    summary_sent  INTEGER NOT NULL DEFAULT 0          -- the organizers' summary went out (once)
);
CREATE INDEX sessions_upcoming ON sessions (status, starts_at);

-- One row per person and session. Waitlist order is `queued_at, seq`.
-- registered → cancelled; waitlist → offered → registered | declined | expired; waitlist → cancelled
CREATE TABLE registrations (
    session_id        INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    user_id           INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status            TEXT NOT NULL
                      CHECK (status IN ('registered', 'waitlist', 'offered', 'cancelled', 'declined', 'expired')),
    seq               INTEGER NOT NULL,               -- order of joining (per session, increasing)
    offer_expires_at  TEXT,                           -- while 'offered'
    checkin_token     TEXT NOT NULL UNIQUE,           -- in the QR code's deep link: start=checkin_<token>
    attended_at       TEXT,
    attended_by       INTEGER,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    PRIMARY KEY (session_id, user_id)
) WITHOUT ROWID;
CREATE INDEX registrations_by_status ON registrations (session_id, status, seq);
CREATE INDEX registrations_offers ON registrations (status, offer_expires_at) WHERE status = 'offered';
CREATE INDEX registrations_by_user ON registrations (user_id, status);

-- The organizers' summary of a session, one message per organizer, edited as feedback arrives.
CREATE TABLE session_summaries (
    session_id  INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    chat_id     INTEGER NOT NULL,
    message_id  INTEGER NOT NULL,
    PRIMARY KEY (session_id, chat_id)
) WITHOUT ROWID;

-- A group tied to a session with /bind_session: greetings and polls.
CREATE TABLE session_chats (
    chat_id     INTEGER PRIMARY KEY,
    session_id  INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    title       TEXT,
    bound_by    INTEGER NOT NULL,
    bound_at    TEXT NOT NULL
);
CREATE INDEX session_chats_by_session ON session_chats (session_id);

-- Native Telegram polls the bot posted.
CREATE TABLE polls (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    tg_poll_id       TEXT UNIQUE,                     -- Telegram's poll id (set once posted)
    session_id       INTEGER REFERENCES sessions (id) ON DELETE SET NULL,
    chat_id          INTEGER NOT NULL,
    message_id       INTEGER,
    question         TEXT NOT NULL,
    options          TEXT NOT NULL,                   -- JSON list of option texts
    is_anonymous     INTEGER NOT NULL DEFAULT 1,
    allows_multiple  INTEGER NOT NULL DEFAULT 0,
    correct_option   INTEGER,                         -- quiz polls: the correct option's index
    close_at         TEXT,                            -- scheduled closing (survives restarts)
    status           TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    closed_at        TEXT,
    counts           TEXT,                            -- JSON list of voter counts (poll updates / stopPoll)
    total_voters     INTEGER NOT NULL DEFAULT 0,
    results_posted   INTEGER NOT NULL DEFAULT 0,
    created_by       INTEGER NOT NULL,
    created_at       TEXT NOT NULL
);
CREATE INDEX polls_to_close ON polls (status, close_at);
CREATE INDEX polls_by_session ON polls (session_id);

-- Per person, for non-anonymous polls (poll_answer). A retracted vote keeps its row with '[]'.
CREATE TABLE poll_votes (
    poll_id     INTEGER NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL,
    option_ids  TEXT NOT NULL,                        -- JSON list of option indexes
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (poll_id, user_id)
) WITHOUT ROWID;

-- After the session: a rating 1–5 and an optional comment from attendees.
CREATE TABLE feedback (
    session_id  INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    rating      INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment     TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (session_id, user_id)
) WITHOUT ROWID;

-- Broadcast kinds: 'copy' (an organizer's message, the only kind until now), 'session' (a session
-- card with a Register button, rendered in each recipient's language), 'reminder' and 'feedback' (sent
-- by the bot itself: no progress message, and a message in flight at a crash is never resent).
ALTER TABLE broadcasts ADD COLUMN kind TEXT NOT NULL DEFAULT 'copy';
ALTER TABLE broadcasts ADD COLUMN session_id INTEGER REFERENCES sessions (id) ON DELETE SET NULL;
ALTER TABLE broadcasts ADD COLUMN payload TEXT;           -- JSON: e.g. the reminder's offset and session version
ALTER TABLE broadcasts ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;  -- reminders go before announcements
CREATE INDEX broadcasts_unfinished ON broadcasts (priority DESC, id) WHERE status = 'sending' OR report_sent = 0;
