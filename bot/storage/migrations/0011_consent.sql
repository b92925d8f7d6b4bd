-- A new consent version: whoever accepted an older one is asked once (the version they were asked about is
-- remembered), and a refusal of the new version is remembered too (the old consent stays for its purposes).
ALTER TABLE users ADD COLUMN consent_asked TEXT;
ALTER TABLE users ADD COLUMN consent_refused TEXT;
