"""Curators at work: idea cards in the curators' chats, /bind_direction, and /moderate."""
