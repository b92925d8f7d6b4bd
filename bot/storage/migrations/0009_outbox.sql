-- One outbox for what the bot sends on its own initiative (curator cards, notices to authors,
-- offers of a freed place). A row is an intent, rendered when sent; one worker sends them in order.
CREATE TABLE outbox (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,                 -- card | notice | offer
    ref          INTEGER,                       -- the idea or session it is about
    chat_id      INTEGER,                       -- the recipient (a card finds its chats when sent)
    args         TEXT NOT NULL DEFAULT '{}',    -- what the text needs (JSON)
    priority     INTEGER NOT NULL DEFAULT 50,
    status       TEXT NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'sending', 'sent', 'refused', 'unknown')),
    was_sending  INTEGER NOT NULL DEFAULT 0,    -- taken again after a crash left it in flight
    attempts     INTEGER NOT NULL DEFAULT 0,
    not_before   TEXT,                          -- a retry waits until then
    error        TEXT,
    created_at   TEXT NOT NULL,
    done_at      TEXT
);
CREATE INDEX outbox_due ON outbox (priority DESC, id) WHERE status IN ('pending', 'sending');
CREATE INDEX outbox_done ON outbox (done_at) WHERE status IN ('sent', 'refused', 'unknown');

-- A new idea queues its curator card in the same statement.
CREATE TRIGGER ideas_card_queued AFTER INSERT ON ideas WHEN new.card_pending = 1
BEGIN
    INSERT INTO outbox (kind, ref, priority, created_at) VALUES ('card', new.id, 50, new.created_at);
END;

-- Cards still owed from before the outbox.
INSERT INTO outbox (kind, ref, priority, created_at)
SELECT 'card', id, 50, updated_at FROM ideas WHERE card_pending = 1;
