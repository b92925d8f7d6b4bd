## Commands in the middle of a dialogue, hints, edited messages (bot/handlers/system/dialogue.py, fallback.py)
dialogue-unknown-command = There is no such command: { $command }. The list of commands: /help.
dialogue-busy = Please finish what you started or send /cancel first, then repeat { $command }.
    Not finished yet: { $what }. It is kept.
dialogue-awaited = Answer the question above, or send /cancel to stop.
dialogue-what-idea = the idea draft
dialogue-what-broadcast = a broadcast
dialogue-what-session-new = a new session
dialogue-what-session-edit = a change to a session
dialogue-what-session-announce = a session announcement
dialogue-what-poll = a new poll
dialogue-what-organizer = adding an organizer
dialogue-what-moderation = moderation
dialogue-what-other = the current step
edited-not-read = Edited messages are not re-read. Please send the corrected text as a new message.
idea-photo-file-big = This file is larger than { $mb } MB. Send a smaller picture, or send it as a photo rather than a file.
idea-photo-file-bad = This file cannot be shown as a photo. Please send it as a photo rather than a file.
