-- Following an idea: who asked to be told when its status changes. Supporters follow without a row here;
-- a row with following = 0 is a supporter (or a former follower) who asked not to be told about this idea.
CREATE TABLE follows (
    idea_id    INTEGER NOT NULL REFERENCES ideas (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    following  INTEGER NOT NULL DEFAULT 1 CHECK (following IN (0, 1)),
    created_at TEXT NOT NULL,
    PRIMARY KEY (idea_id, user_id)
) WITHOUT ROWID;
CREATE INDEX follows_user ON follows (user_id);
