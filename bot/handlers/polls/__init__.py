"""Polls in a session's group chat: drafts, posting, votes, closing and results."""
