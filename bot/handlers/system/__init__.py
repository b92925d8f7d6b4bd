"""What belongs to no feature: error replies, the bot's membership in chats, the fallback for anything unhandled."""
