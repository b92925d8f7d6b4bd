"""A person's own account: /cancel, /help, /privacy, /my, /delete_me and /settings."""
