-- Privacy: after /delete_me no row names the person; per-person votes only with
-- consent; reports count toward hiding an idea only from established residents.

-- A delivery row outlives its recipient's /delete_me as a count: user_id becomes NULL. The table is
-- rebuilt to allow that (nothing refers to it, so foreign keys stay on).
CREATE TABLE deliveries_new (
    broadcast_id INTEGER NOT NULL REFERENCES broadcasts (id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,                    -- sending order, 1..total
    user_id      INTEGER,                             -- NULL: the recipient deleted their data since
    status       TEXT NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'sending', 'sent', 'blocked', 'failed', 'unknown', 'cancelled')),
    message_id   INTEGER,
    error        TEXT,
    updated_at   TEXT,
    PRIMARY KEY (broadcast_id, seq)
) WITHOUT ROWID;
INSERT INTO deliveries_new (broadcast_id, seq, user_id, status, message_id, error, updated_at)
SELECT broadcast_id, seq, user_id, status, message_id, error, updated_at FROM deliveries;
DROP TABLE deliveries;
ALTER TABLE deliveries_new RENAME TO deliveries;
CREATE UNIQUE INDEX deliveries_recipient ON deliveries (broadcast_id, user_id);

-- An idea's 'submitted' event no longer copies its author (the idea row names the author until
-- /delete_me sets it to NULL; a copy here let authorship be recovered afterwards).
DROP TRIGGER ideas_submitted_event;
CREATE TRIGGER ideas_submitted_event AFTER INSERT ON ideas
BEGIN
    INSERT INTO idea_events (idea_id, actor_id, action, created_at)
    VALUES (new.id, NULL, 'submitted', new.created_at);
END;
UPDATE idea_events SET actor_id = NULL WHERE action = 'submitted';

-- Reports: whether a report counts toward hiding the idea is decided when it is made (the reporter's
-- age and own actions, see PublicRepo.report); reports_count counts only those. Earlier ones count.
ALTER TABLE reports ADD COLUMN counted INTEGER NOT NULL DEFAULT 1;
DROP TRIGGER reports_added;
DROP TRIGGER reports_removed;
CREATE TRIGGER reports_added AFTER INSERT ON reports
BEGIN
    UPDATE ideas SET reports_count = reports_count + new.counted WHERE id = new.idea_id;
END;
CREATE TRIGGER reports_removed AFTER DELETE ON reports
BEGIN
    UPDATE ideas SET reports_count = reports_count - old.counted WHERE id = old.idea_id;
END;

-- Votes are kept per person only for residents with consent who are not banned (the totals come from
-- Telegram's poll updates and include everyone).
DELETE FROM poll_votes
WHERE user_id NOT IN (SELECT id FROM users WHERE consent_status = 'accepted' AND banned_at IS NULL);

-- People who ran /delete_me before this version: what UsersRepo.forget now does, done for them too.
-- (Someone still holding a role is left alone: staff cannot delete themselves, see /delete_me.)
CREATE TEMP TABLE gone AS
SELECT id FROM users WHERE consent_status = 'withdrawn' AND id NOT IN (SELECT user_id FROM roles);
UPDATE deliveries SET user_id = NULL WHERE user_id IN (SELECT id FROM gone);
UPDATE broadcasts SET token = 'feedback:' || session_id || ':forgotten:' || id
WHERE kind = 'feedback' AND EXISTS (SELECT 1 FROM gone g WHERE broadcasts.token = 'feedback:' || broadcasts.session_id || ':' || g.id);
UPDATE idea_events SET actor_id = NULL WHERE actor_id IN (SELECT id FROM gone);
UPDATE ideas SET decided_by = NULL WHERE decided_by IN (SELECT id FROM gone);
UPDATE users SET banned_by = NULL WHERE banned_by IN (SELECT id FROM gone);
UPDATE roles SET granted_by = NULL WHERE granted_by IN (SELECT id FROM gone);
UPDATE registrations SET attended_by = NULL WHERE attended_by IN (SELECT id FROM gone);
UPDATE curator_chats SET bound_by = 0 WHERE bound_by IN (SELECT id FROM gone);
UPDATE session_chats SET bound_by = 0 WHERE bound_by IN (SELECT id FROM gone);
UPDATE sessions SET created_by = 0 WHERE created_by IN (SELECT id FROM gone);
UPDATE polls SET created_by = 0 WHERE created_by IN (SELECT id FROM gone);
UPDATE broadcasts SET created_by = 0, source_chat_id = 0, progress_chat_id = NULL
WHERE created_by IN (SELECT id FROM gone) AND status != 'sending';
DELETE FROM session_summaries WHERE chat_id IN (SELECT id FROM gone);
DELETE FROM idea_cards WHERE chat_id IN (SELECT id FROM gone);
DELETE FROM fsm_state WHERE EXISTS (SELECT 1 FROM gone g WHERE fsm_state.key LIKE '%:' || g.id || ':%');
DELETE FROM users WHERE id IN (SELECT id FROM gone);
DROP TABLE gone;
