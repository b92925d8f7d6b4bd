-- The token of the /new_session draft that created a session, so
-- confirming the same draft twice (a double press, an update re-delivered after a restart) creates
-- one session.
ALTER TABLE sessions ADD COLUMN create_token TEXT;
CREATE UNIQUE INDEX sessions_create_token ON sessions (create_token) WHERE create_token IS NOT NULL;
