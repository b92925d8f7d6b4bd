-- Projects a session works on (issue 15, point 7): its card lists them, its summary counts their people.
CREATE TABLE session_projects (
    session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    idea_id    INTEGER NOT NULL REFERENCES ideas (id) ON DELETE CASCADE,
    added_by   INTEGER NOT NULL,
    added_at   TEXT NOT NULL,
    PRIMARY KEY (session_id, idea_id)
) WITHOUT ROWID;
CREATE INDEX session_projects_idea ON session_projects (idea_id);
