-- Which notices a person gets, besides announcements (users.announcements, 0004): news about ideas they
-- follow, and reminders of sessions they registered for. Both on by default; /settings turns them off.
ALTER TABLE users ADD COLUMN notify_followed INTEGER NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN notify_reminders INTEGER NOT NULL DEFAULT 1;
