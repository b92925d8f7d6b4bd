## Project sessions: the organizers' side (/new_session, management, /announce)

# /new_session — step by step
sadm-new-intro = 🗓 A new project session. Answer the questions one at a time; cancel at any moment: /cancel
sadm-ask-title = What is the session called? Up to { $max } { $max ->
    [one] character
   *[other] characters
}.
sadm-ask-description = Describe the session: what it is about, who it is for, what to bring. Up to { $max } { $max ->
    [one] character
   *[other] characters
}.
sadm-ask-direction = Which direction does the session belong to?
sadm-ask-start = When does it start? Date and time ({ time-local }), for example: <code>05.12.2026 18:00</code> or <code>5 December 18:00</code>.
sadm-ask-duration = How long is the session? For example: <code>90</code> (minutes), <code>1:30</code>, <code>1.5 h</code>, <code>2h</code>. From 15 minutes to 3 days.
sadm-ask-place = Where is it? An address or an online meeting link, up to { $max } { $max ->
    [one] character
   *[other] characters
}.
sadm-ask-capacity = How many places? A whole number, <code>0</code> for unlimited (at most { $capacity_max }).
sadm-ask-deadline = Until when is registration open? A date and time ({ time-local }) not after the start — or the "Until the start" button (or type "-").
sadm-ask-reschedule = The new start date and time ({ time-local }), e.g. <code>05.12.2026 18:00</code>. The duration stays; registrants will be notified.
sadm-use-buttons = Pick an option with the buttons below or cancel: /cancel
sadm-direction-picked = Direction: { $direction }
sadm-deadline-picked-start = Registration is open until the session starts.
sadm-deadline-refit = The new start is before the registration deadline — please give the deadline again.
sadm-btn-until-start = ⏱ Until the start
sadm-summary = 📝 <b>Check the session</b> — this is how residents will see it:
sadm-line-duration = Duration: { $duration }
sadm-duration-m = { $m } { $m ->
    [one] minute
   *[other] minutes
}
sadm-duration-h = { $h } { $h ->
    [one] hour
   *[other] hours
}
sadm-btn-create = ✅ Create the session
sadm-btn-change = ✏️ Change a field
sadm-btn-drop = ✖ Cancel
sadm-btn-back = ← Back
sadm-field-title = Title
sadm-field-description = Description
sadm-field-direction = Direction
sadm-field-start = Start
sadm-field-duration = Duration
sadm-field-place = Place
sadm-field-capacity = Places
sadm-field-deadline = Registration deadline
sadm-created = ✅ Session #{ $number } is created.
sadm-new-cancelled = Session creation cancelled, nothing was saved.
sadm-draft-gone = This draft was already created or cancelled. A new session: /new_session

# What is wrong with a typed value
sadm-bad-not-text = Please answer with text. Cancel: /cancel
sadm-bad-empty = An empty answer won't do — please type some text.
sadm-bad-long = Too long: at most { $max } { $max ->
    [one] character
   *[other] characters
}. Please shorten it and send again.
sadm-bad-moment-format = I couldn't read the date and time. Type, for example: <code>05.12.2026 18:00</code> or <code>5 December 18:00</code> ({ time-local }).
sadm-bad-moment-date = There is no such date. Check the day and month, e.g. <code>05.12.2026 18:00</code>.
sadm-bad-moment-time = There is no such time: hours 0–23, minutes 0–59. For example: <code>18:00</code>.
sadm-bad-moment-far = Too far ahead: a session can be planned at most 2 years ahead, until { $until }. Please check the year.
sadm-bad-start-past = That time has already passed. Please give a start in the future.
sadm-bad-deadline-past = That moment has already passed. Give a deadline in the future or press "Until the start".
sadm-bad-deadline-after-start = The registration deadline can't be after the start. Give a moment before the start or press "Until the start".
sadm-bad-duration-format = I couldn't read the duration. Type, for example: <code>90</code>, <code>1:30</code>, <code>1.5 h</code> or <code>2h</code>.
sadm-bad-duration-range = The duration must be from 15 minutes to 3 days, e.g. <code>2h</code> or <code>2 days</code>.
sadm-bad-capacity-format = A whole number of places is needed, e.g. <code>30</code>; <code>0</code> for unlimited.
sadm-bad-capacity-negative = The number of places can't be negative. <code>0</code> means unlimited.
sadm-bad-capacity-large = Too many: at most { $capacity_max } { $capacity_max ->
    [one] place
   *[other] places
}. <code>0</code> means unlimited.
sadm-bad-capacity-below = { $n ->
        [one] 1 person holds a place already (registered or offered one)
       *[other] { $n } people hold places already (registered or offered one)
    } — there can't be fewer places. Give at least { $n } or <code>0</code> (unlimited).

# Managing a session
sadm-manage-title = ⚙️ <b>Session #{ $number }</b> · { $status }
sadm-manage-people = 👥 Registered: { $registered } · on the waitlist: { $waiting }
sadm-manage-link = 🔗 { $link }
sadm-status-scheduled = scheduled
sadm-status-running = in progress
sadm-status-over = ending
sadm-status-ended = over
sadm-status-cancelled = cancelled
sadm-status-broken = ⚠️ broken date
sadm-dates-broken-start = ⚠️ The start is stored broken ({ $stored }), so I can't work with it: no reminders or end are planned and registration is closed. Press "Reschedule" and give the right date and time — or cancel the session.
sadm-dates-broken-duration = ⚠️ The duration is stored broken ({ $stored }), so I can't work with it: no reminders or end are planned and registration is closed. Press "Edit" → "Duration" — or cancel the session.
sadm-dates-broken-deadline = ⚠️ The registration deadline is stored broken ({ $stored }), so I can't work with it: no reminders or end are planned and registration is closed. Press "Edit" → "Registration deadline" — or cancel the session.
sadm-dates-unreadable = unreadable
alert-session-dates = ⚠️ <b>Session #{ $number } "{ $title }": broken date</b>
alert-poll-close = ⚠️ The poll "{ $question }" won't close by itself: its closing time is stored broken. Close it with /close_poll — as a reply to the poll in the chat — when voting should end.
sadm-btn-edit = ✏️ Edit
sadm-btn-reschedule = 🕒 Reschedule
sadm-btn-people = 👥 Registered ({ $n })
sadm-btn-waitlist = ⏳ Waitlist ({ $n })
sadm-btn-export = 📄 Export CSV
sadm-btn-announce = 📣 Announce
sadm-btn-link = 🔗 Link
sadm-btn-cancel-session = ❌ Cancel the session
sadm-btn-all = ⬅ All sessions
sadm-session-missing = There is no such session.
sadm-session-closed = The session is cancelled or over — it can't be changed.
sadm-edit-ask = What to change in session #{ $number } "{ $title }"?
sadm-edit-current = Session #{ $number }, now: { $current }
sadm-capacity-unlimited = unlimited
sadm-edit-cancelled = Change cancelled, the session stays as it was.
sadm-saved = ✅ Saved.
sadm-saved-told = ✅ Saved. Registrants and the waitlist will be notified ({ $n ->
        [one] 1 person
       *[other] { $n } people
    }).
sadm-unchanged = Nothing changed: it is the same value.
sadm-cancel-ask = Cancel session #{ $number } "{ $title }"? Registered: { $registered }, waiting: { $waiting } — everyone will be notified. This can't be undone.
sadm-btn-cancel-yes = ❌ Yes, cancel the session
sadm-btn-cancel-no = ← No, back
sadm-cancelled = The session is cancelled.
sadm-cancelled-told = The session is cancelled. { $n ->
        [one] 1 person
       *[other] { $n } people
    } will be notified.
sadm-list-title = 🗂 <b>Sessions</b>: upcoming and from the last { $days } { $days ->
    [one] day
   *[other] days
}
sadm-list-empty = No sessions — neither upcoming nor from the last { $days } { $days ->
    [one] day
   *[other] days
}. Create one: /new_session
sadm-list-line = { $label } — { $status }, places: { $places }, waiting: { $waiting }
sadm-people-title = 👥 <b>Registered for session #{ $number }</b> "{ $title }" — { $n }
    Tap a person to mark them as attended.
sadm-people-empty = Nobody has registered yet.
sadm-people-line = { $index }. { $name } — { $at }
sadm-people-line-attended = { $index }. { $name } — { $at }, attendance marked
sadm-attend-marked = ✅ Marked: { $name } attended.
sadm-attend-already = { $name } is already marked.
sadm-attend-not-registered = This person is no longer registered for the session.
sadm-attend-cancelled = The session is cancelled: attendance can't be marked.
sadm-attend-too-early = Attendance can be marked from { $hours } { $hours ->
    [one] hour
   *[other] hours
} before the start.
sadm-waitlist-title = ⏳ <b>Waitlist of session #{ $number }</b> "{ $title }" — { $n }
sadm-waitlist-empty = The waitlist is empty.
sadm-waitlist-line = { $index }. { $name } — waiting since { $at }
sadm-waitlist-offered = { $index }. { $name } — 🎟 offered a place until { $until }
sadm-waitlist-more = …and { $n } more.
sadm-export-done = 📄 Session #{ $number } "{ $title }": registrants and the waitlist, rows: { $rows }.
sadm-link = 🔗 The link to the card of session #{ $number } "{ $title }" — post it anywhere:
    { $link }
sadm-csv-status = Status
sadm-csv-position = Position
sadm-csv-id = ID
sadm-csv-name = Name
sadm-csv-username = Username
sadm-csv-registered-at = Registered at ({ time-local })
sadm-csv-attended-at = Attended at ({ time-local })
sadm-csv-offer-until = Offer until ({ time-local })
sadm-csv-status-registered = registered
sadm-csv-status-waitlist = on the waitlist
sadm-csv-status-offered = offered a place

# /announce
sadm-announce-pick = 📣 Which session to announce?
sadm-announce-none = No upcoming sessions to announce. Create one: /new_session
sadm-announce-bad-number = Give the session's number, e.g. <code>/announce 5</code>, or just /announce and pick from the list.
sadm-announce-cancelled = The session is cancelled — it can't be announced.
sadm-announce-broken = The session has a broken date — reschedule it first, then announce it.
sadm-announce-past = The session has already started or is over — it can't be announced.
sadm-announce-audience = 📣 Announcing session #{ $number } "{ $title }". Who should get it? (how many, next to each)
sadm-aud-direction = Subscribers of "{ $direction }" · { $n }
sadm-aud-all = 👥 All residents · { $n }
sadm-label-direction = subscribers of the direction "{ $direction }"
sadm-label-all = all residents
sadm-announce-picked = Announcing session #{ $number }. Recipients: { $audience }. This is how residents will see the card:
sadm-announce-preview = ☝️ This is a preview. Recipients: { $audience } — { $n ->
        [one] 1 person
       *[other] { $n } people
    }.
    Send it?
sadm-announce-nobody = Recipients: { $audience } — there are no such residents right now. Pick other recipients.
sadm-btn-announce-send = 📣 Send ({ $n })
sadm-btn-announce-other = ← Pick other recipients
sadm-btn-announce-drop = ✖ Cancel the announcement
sadm-announce-started = ✅ The announcement is on its way (broadcast #{ $number }): { $n ->
        [one] 1 recipient
       *[other] { $n } recipients
    }.
sadm-announce-dropped = Announcement cancelled, nothing was sent.
sadm-announce-gone = This announcement was already sent or cancelled. A new one: /announce
