-- Calls for help (issue 15, point 4): a project's «нужны…» sent, once the curators approve it, to the residents
-- of its territory subscribed to its direction. One row per request; the needs as they were when asked.
CREATE TABLE project_calls (
    id           INTEGER PRIMARY KEY,
    idea_id      INTEGER NOT NULL REFERENCES ideas (id) ON DELETE CASCADE,
    needs        TEXT NOT NULL,
    requested_by INTEGER,                       -- the leader or curator who asked (NULL once they deleted their data)
    status       TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'declined')),
    decided_by   INTEGER,
    decided_at   TEXT,
    broadcast_id INTEGER,
    created_at   TEXT NOT NULL
);
CREATE UNIQUE INDEX project_calls_pending ON project_calls (idea_id) WHERE status = 'pending';
