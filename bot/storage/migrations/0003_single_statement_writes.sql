-- Writes on the residents' hot path are single statements (atomic on their own, no
-- BEGIN ... COMMIT round trips under the connection lock); their side effects live in triggers.

-- A new idea records its own 'submitted' event.
CREATE TRIGGER ideas_submitted_event AFTER INSERT ON ideas
BEGIN
    INSERT INTO idea_events (idea_id, actor_id, action, created_at)
    VALUES (new.id, new.author_id, 'submitted', new.created_at);
END;

-- Posting a card clears the idea's "card still to post" flag.
CREATE TRIGGER idea_cards_posted AFTER INSERT ON idea_cards
BEGIN
    UPDATE ideas SET card_pending = 0 WHERE id = new.idea_id;
END;
