"""The Точка кипения ideas bot: residents' ideas, curators, project sessions, polls and broadcasts."""
