-- Finding ideas (/ideas search and "near me", bot/storage/find.py).
--
-- By words: a full-text index of each idea's text and address. Contentless (the texts stay in `ideas` only);
-- «ё» is indexed as «е» (the unicode61 tokenizer folds case, not ё), so the query's words are folded alike
-- (bot/storage/words.py). Kept in step by the triggers below; a migration that rebuilds `ideas` must re-create
-- them (and refill the index the way this file does).
CREATE VIRTUAL TABLE ideas_words USING fts5(text, address, content = '', tokenize = 'unicode61');

INSERT INTO ideas_words (rowid, text, address)
SELECT id, replace(replace(text, 'ё', 'е'), 'Ё', 'Е'), replace(replace(coalesce(address, ''), 'ё', 'е'), 'Ё', 'Е')
FROM ideas;

CREATE TRIGGER ideas_words_insert AFTER INSERT ON ideas
BEGIN
    INSERT INTO ideas_words (rowid, text, address)
    VALUES (new.id, replace(replace(new.text, 'ё', 'е'), 'Ё', 'Е'),
            replace(replace(coalesce(new.address, ''), 'ё', 'е'), 'Ё', 'Е'));
END;

CREATE TRIGGER ideas_words_delete AFTER DELETE ON ideas
BEGIN
    INSERT INTO ideas_words (ideas_words, rowid, text, address)
    VALUES ('delete', old.id, replace(replace(old.text, 'ё', 'е'), 'Ё', 'Е'),
            replace(replace(coalesce(old.address, ''), 'ё', 'е'), 'Ё', 'Е'));
END;

CREATE TRIGGER ideas_words_update AFTER UPDATE OF text, address ON ideas
BEGIN
    INSERT INTO ideas_words (ideas_words, rowid, text, address)
    VALUES ('delete', old.id, replace(replace(old.text, 'ё', 'е'), 'Ё', 'Е'),
            replace(replace(coalesce(old.address, ''), 'ё', 'е'), 'Ё', 'Е'));
    INSERT INTO ideas_words (rowid, text, address)
    VALUES (new.id, replace(replace(new.text, 'ё', 'е'), 'Ё', 'Е'),
            replace(replace(coalesce(new.address, ''), 'ё', 'е'), 'Ё', 'Е'));
END;

-- Near a point: public ideas within a latitude range, then a longitude range. Partial: most ideas have no
-- point; any comparison on latitude implies it IS NOT NULL, so the index is used.
CREATE INDEX ideas_location ON ideas (latitude, longitude) WHERE latitude IS NOT NULL;
