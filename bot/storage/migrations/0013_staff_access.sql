-- Notices to staff that are given once, at the first chance (e.g. "cards of ideas wait with no one to take them"):
-- when each staff member was last told of each kind, so a restart does not tell them again.
CREATE TABLE staff_notices (
    user_id  INTEGER NOT NULL,
    kind     TEXT NOT NULL,
    told_at  TEXT NOT NULL,
    PRIMARY KEY (user_id, kind)
) WITHOUT ROWID;
