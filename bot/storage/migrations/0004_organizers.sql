-- Organizers: moderation statuses, supports, reports, bans, announcements
-- preference, broadcasts with one delivery row per recipient, and the audit log.
-- The ideas table is rebuilt to widen its status CHECK (SQLite's documented 12-step
-- procedure; migrate() runs this file with foreign keys off, see MIGRATE_FK_OFF).
-- migrate: foreign-keys-off

CREATE TABLE ideas_new (
    id                     INTEGER PRIMARY KEY AUTOINCREMENT,   -- public number #N
    author_id              INTEGER REFERENCES users (id) ON DELETE SET NULL,
    text                   TEXT NOT NULL,
    photos                 TEXT NOT NULL DEFAULT '[]',
    latitude               REAL,
    longitude              REAL,
    address                TEXT,
    territory_code         TEXT,
    direction_id           INTEGER NOT NULL REFERENCES directions (id),
    suggested_direction_id INTEGER REFERENCES directions (id),
    -- new → accepted (approved: public) → in_progress → implemented; or rejected / duplicate
    status                 TEXT NOT NULL DEFAULT 'new'
                           CHECK (status IN ('new', 'accepted', 'rejected', 'duplicate', 'in_progress', 'implemented')),
    reject_reason          TEXT,
    duplicate_of           INTEGER REFERENCES ideas_new (id),
    decided_by             INTEGER,
    decided_at             TEXT,
    card_pending           INTEGER NOT NULL DEFAULT 1,
    supports_count         INTEGER NOT NULL DEFAULT 0,          -- kept by triggers on supports
    reports_count          INTEGER NOT NULL DEFAULT 0,          -- kept by triggers on reports
    hidden_at              TEXT,                                -- hidden by reports, pending review
    threshold_notified     INTEGER NOT NULL DEFAULT 0,          -- author told the support threshold was passed
    created_at             TEXT NOT NULL,
    updated_at             TEXT NOT NULL
);
INSERT INTO ideas_new (id, author_id, text, photos, latitude, longitude, address, territory_code, direction_id,
                       suggested_direction_id, status, reject_reason, decided_by, decided_at, card_pending,
                       created_at, updated_at)
SELECT id, author_id, text, photos, latitude, longitude, address, territory_code, direction_id,
       suggested_direction_id, status, reject_reason, decided_by, decided_at, card_pending, created_at, updated_at
FROM ideas;
DROP TRIGGER idea_cards_posted;  -- refers to ideas; re-created below
CREATE TEMP TABLE ideas_seq AS SELECT seq FROM sqlite_sequence WHERE name = 'ideas';
DROP TABLE ideas;
ALTER TABLE ideas_new RENAME TO ideas;
DELETE FROM sqlite_sequence WHERE name = 'ideas';
INSERT INTO sqlite_sequence (name, seq)
SELECT 'ideas', max(coalesce((SELECT seq FROM ideas_seq), 0), coalesce((SELECT max(id) FROM ideas), 0));
DROP TABLE ideas_seq;
CREATE INDEX ideas_author_created ON ideas (author_id, created_at);
CREATE INDEX ideas_card_pending ON ideas (card_pending) WHERE card_pending = 1;
CREATE INDEX ideas_status_direction ON ideas (status, direction_id);
CREATE INDEX ideas_public_supports ON ideas (supports_count DESC, id DESC)
    WHERE status IN ('accepted', 'in_progress', 'implemented') AND hidden_at IS NULL;

CREATE TRIGGER ideas_submitted_event AFTER INSERT ON ideas
BEGIN
    INSERT INTO idea_events (idea_id, actor_id, action, created_at)
    VALUES (new.id, new.author_id, 'submitted', new.created_at);
END;

CREATE TRIGGER idea_cards_posted AFTER INSERT ON idea_cards
BEGIN
    UPDATE ideas SET card_pending = 0 WHERE id = new.idea_id;
END;

-- People: announcements preference, ban, when the bot was blocked.
ALTER TABLE users ADD COLUMN announcements INTEGER NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN banned_at TEXT;
ALTER TABLE users ADD COLUMN banned_by INTEGER;
ALTER TABLE users ADD COLUMN ban_reason TEXT;
ALTER TABLE users ADD COLUMN ban_notified INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN blocked_at TEXT;
CREATE INDEX users_territory ON users (territory_code);

-- One support per resident per idea; withdrawing deletes the row.
CREATE TABLE supports (
    idea_id    INTEGER NOT NULL REFERENCES ideas (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (idea_id, user_id)
) WITHOUT ROWID;
CREATE INDEX supports_user ON supports (user_id);
CREATE TRIGGER supports_added AFTER INSERT ON supports
BEGIN
    UPDATE ideas SET supports_count = supports_count + 1 WHERE id = new.idea_id;
END;
CREATE TRIGGER supports_removed AFTER DELETE ON supports
BEGIN
    UPDATE ideas SET supports_count = supports_count - 1 WHERE id = old.idea_id;
END;

-- One report per resident per idea.
CREATE TABLE reports (
    idea_id    INTEGER NOT NULL REFERENCES ideas (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    reason     TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (idea_id, user_id)
) WITHOUT ROWID;
CREATE TRIGGER reports_added AFTER INSERT ON reports
BEGIN
    UPDATE ideas SET reports_count = reports_count + 1 WHERE id = new.idea_id;
END;
CREATE TRIGGER reports_removed AFTER DELETE ON reports
BEGIN
    UPDATE ideas SET reports_count = reports_count - 1 WHERE id = old.idea_id;
END;

-- A broadcast: the organizer's message (copied to each recipient) and its audience.
CREATE TABLE broadcasts (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    token               TEXT NOT NULL UNIQUE,         -- from the organizer's draft: a confirm re-delivered makes no second one
    created_by          INTEGER NOT NULL,
    source_chat_id      INTEGER NOT NULL,
    source_message_id   INTEGER NOT NULL,
    audience_kind       TEXT NOT NULL,                -- all | direction | territory | authors | session
    audience_value      TEXT,
    total               INTEGER NOT NULL DEFAULT 0,
    status              TEXT NOT NULL DEFAULT 'sending'
                        CHECK (status IN ('sending', 'cancelled', 'done')),
    cancel_requested    INTEGER NOT NULL DEFAULT 0,
    progress_chat_id    INTEGER,
    progress_message_id INTEGER,
    report_sent         INTEGER NOT NULL DEFAULT 0,
    created_at          TEXT NOT NULL,
    finished_at         TEXT
);

-- One row per recipient, written with the broadcast (before the first send).
-- pending → sending (the one message in flight) → sent | blocked | failed | unknown; pending → cancelled
CREATE TABLE deliveries (
    broadcast_id INTEGER NOT NULL REFERENCES broadcasts (id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,                    -- sending order, 1..total
    user_id      INTEGER NOT NULL,
    status       TEXT NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'sending', 'sent', 'blocked', 'failed', 'unknown', 'cancelled')),
    message_id   INTEGER,
    error        TEXT,
    updated_at   TEXT,
    PRIMARY KEY (broadcast_id, seq)
) WITHOUT ROWID;
CREATE UNIQUE INDEX deliveries_recipient ON deliveries (broadcast_id, user_id);

-- Append-only log of organizer actions.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    actor_id   INTEGER NOT NULL,
    action     TEXT NOT NULL,
    target     TEXT,
    details    TEXT,
    created_at TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
