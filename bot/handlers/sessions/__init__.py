"""Project sessions: residents' list, cards and registration; organizers' management and announcements; feedback."""
