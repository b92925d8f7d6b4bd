-- Ideas near a point (/ideas, "near me"): public ideas within a latitude range, then a longitude range.
-- Partial: most ideas have no point; any comparison on latitude implies it IS NOT NULL, so the index is used.
CREATE INDEX ideas_location ON ideas (latitude, longitude) WHERE latitude IS NOT NULL;
