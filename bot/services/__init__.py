"""Logic and background workers, testable without Telegram; never a keyboard."""
