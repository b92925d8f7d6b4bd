-- Updates whose handling finished, so that a batch Telegram re-delivers after a
-- restart (its offset was not yet confirmed) is not handled twice.
CREATE TABLE handled_updates (
    update_id  INTEGER PRIMARY KEY,
    handled_at TEXT NOT NULL
);
