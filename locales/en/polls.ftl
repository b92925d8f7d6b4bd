# Issue 4 — polls (placeholder, filled by its owner)
