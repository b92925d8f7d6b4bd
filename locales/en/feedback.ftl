# Issue 4 — feedback (placeholder, filled by its owner)
