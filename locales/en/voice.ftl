## Shared words for one voice (rules in locales/README.md)
time-local = Orenburg time

## /audit: fields and values in words, not keys
audit-target-idea = idea #{ $number }
audit-target-session = session #{ $number }
audit-target-broadcast = broadcast #{ $number }
audit-value-yes = yes
audit-value-no = no
audit-role-organizer = organizer
audit-field-role = role
audit-field-curated = was a curator of
audit-field-chats = chats
audit-field-direction = direction
audit-field-recipients = recipients
audit-field-format = format
audit-field-rows = rows
audit-field-bytes = bytes
audit-field-reason = reason
audit-field-after_reports = after reports
audit-field-duplicate_of = duplicate of
audit-field-reports_cleared = reports cleared
audit-field-starts_at = start
audit-field-fields = changed
audit-field-from = was
audit-field-to = now
audit-field-registered = registered
audit-field-audience = recipients
audit-field-broadcast = broadcast
audit-session-field-title = title
audit-session-field-description = description
audit-session-field-direction_id = direction
audit-session-field-starts_at = start
audit-session-field-duration_min = duration
audit-session-field-place = place
audit-session-field-capacity = capacity
audit-session-field-deadline_at = registration deadline

## The number of an idea, session, poll or broadcast on buttons and in lists
number-label = #{ $number }

## /export: the bot's own broadcasts (they have no number people see)
export-broadcast-notice = session change notice
export-broadcast-reminder = session reminder
export-broadcast-feedback = request to rate a session
export-broadcast-alert = warning to organizers
