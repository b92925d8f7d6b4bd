-- Send on an idea draft is idempotent. Each draft carries a random token; the idea stores it,
-- and a second press (or a re-delivered update) finds the idea already made instead of making another.
ALTER TABLE ideas ADD COLUMN submit_token INTEGER;
CREATE UNIQUE INDEX ideas_submit_token ON ideas (author_id, submit_token) WHERE submit_token IS NOT NULL;
