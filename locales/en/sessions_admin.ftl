# Issue 4 — sessions_admin (placeholder, filled by its owner)
