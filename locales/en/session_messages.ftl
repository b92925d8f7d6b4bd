# What the bot sends about sessions by itself: notices, reminders (bot/services/session_messages.py)
session-btn-open = Open the session
session-reminder =
    ⏰ <b>Reminder</b>: you are registered for the session “{ $title }”.
    When: { $when }
    Where: { $place }
    If you can't come, cancel your registration on the card, so the place goes to the next person.
session-notice-cancelled =
    ❌ The session “{ $title }” ({ $when }) is <b>cancelled</b>. Your registration no longer stands.
session-notice-rescheduled = 🕒 The session “{ $title }” has <b>moved</b>: it was { $old }, now { $new }.
session-notice-updated = ✏️ The session “{ $title }” has changed: { $fields }.
session-field-title = title
session-field-description = description
session-field-direction = direction
session-field-duration = duration
session-field-place = place
session-field-capacity = number of places
session-field-deadline = registration deadline
feedback-ask =
    Thank you for coming to “{ $title }”! Please rate it: 1 — did not like it at all, 5 — excellent.
session-btn-ics-update = 📅 Update my calendar
