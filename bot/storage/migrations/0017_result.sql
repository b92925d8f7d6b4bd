-- Projects' results (issue 15, point 6): a row per implemented project whose «Как там сейчас?» is still owed.
-- The timers re-plan every row without sent_at at start-up (due: implemented_at + FOLLOWUP_AFTER).
CREATE TABLE project_followups (
    idea_id        INTEGER PRIMARY KEY REFERENCES ideas (id) ON DELETE CASCADE,
    implemented_at TEXT NOT NULL,
    sent_at        TEXT
);
