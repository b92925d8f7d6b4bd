-- Projects (issue 15): an accepted idea becomes a project with a leader, a team, experts and a result.
-- A public idea without a row here is a project looking for its leader; the row appears at the first step.
CREATE TABLE projects (
    idea_id      INTEGER PRIMARY KEY REFERENCES ideas (id) ON DELETE CASCADE,
    stage        TEXT NOT NULL DEFAULT 'seeking_leader'
                 CHECK (stage IN ('seeking_leader', 'gathering_team', 'in_work', 'implemented', 'paused')),
    leader_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    needs        TEXT,                          -- what help is still needed, in the leader's words
    team_chat_id INTEGER,                       -- the team's group (/bind_team)
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX projects_leader ON projects (leader_id) WHERE leader_id IS NOT NULL;
CREATE INDEX projects_stage ON projects (stage);

-- Who offered to help ('member') or to lead ('leader') a project, and what became of the offer.
CREATE TABLE project_people (
    idea_id      INTEGER NOT NULL REFERENCES ideas (id) ON DELETE CASCADE,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role         TEXT NOT NULL CHECK (role IN ('member', 'leader')),
    status       TEXT NOT NULL DEFAULT 'applied' CHECK (status IN ('applied', 'accepted', 'declined', 'left')),
    help         TEXT NOT NULL DEFAULT '[]',    -- JSON list of how they help: hands, skills, resources, contacts
    note         TEXT,                          -- a member's note (up to 300), a leader's pitch (30 to 1000)
    contact_ok   TEXT,                          -- the version of the contact consent they gave; NULL: first name only
    created_at   TEXT NOT NULL,
    decided_at   TEXT,
    decided_by   INTEGER,
    PRIMARY KEY (idea_id, user_id, role)
) WITHOUT ROWID;
CREATE INDEX project_people_user ON project_people (user_id);

-- Experts organizers keep (/experts), and the projects they are attached to.
CREATE TABLE experts (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    field       TEXT NOT NULL,
    region      TEXT,                           -- NULL: federal
    contact     TEXT NOT NULL,
    consented   INTEGER NOT NULL DEFAULT 0 CHECK (consented IN (0, 1)),
    user_id     INTEGER,                        -- their Telegram id, when they use the bot (gets the project page)
    created_by  INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    removed_at  TEXT
);
CREATE TABLE project_experts (
    idea_id     INTEGER NOT NULL REFERENCES ideas (id) ON DELETE CASCADE,
    expert_id   INTEGER NOT NULL REFERENCES experts (id) ON DELETE CASCADE,
    attached_by INTEGER NOT NULL,
    attached_at TEXT NOT NULL,
    PRIMARY KEY (idea_id, expert_id)
) WITHOUT ROWID;

-- Similar experience curators attach: a project done elsewhere and what to take from it.
CREATE TABLE project_experience (
    id         INTEGER PRIMARY KEY,
    idea_id    INTEGER NOT NULL REFERENCES ideas (id) ON DELETE CASCADE,
    title      TEXT NOT NULL,
    region     TEXT NOT NULL,
    link       TEXT,
    takeaway   TEXT NOT NULL,
    added_by   INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX project_experience_idea ON project_experience (idea_id);

-- The leader's updates to the team, followers and supporters (at most one a day per project by default).
CREATE TABLE project_updates (
    id           INTEGER PRIMARY KEY,
    idea_id      INTEGER NOT NULL REFERENCES ideas (id) ON DELETE CASCADE,
    author_id    INTEGER,
    text         TEXT NOT NULL,
    broadcast_id INTEGER,
    created_at   TEXT NOT NULL
);
CREATE INDEX project_updates_idea ON project_updates (idea_id, created_at);

-- «Получилось?» when a project is implemented, and «Как там сейчас?» three weeks later: once each per person.
CREATE TABLE project_surveys (
    idea_id     INTEGER NOT NULL REFERENCES ideas (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    round       TEXT NOT NULL CHECK (round IN ('result', 'followup')),
    answer      TEXT CHECK (answer IN ('yes', 'partly', 'no')),
    comment     TEXT,
    asked_at    TEXT NOT NULL,
    answered_at TEXT,
    PRIMARY KEY (idea_id, user_id, round)
) WITHOUT ROWID;
