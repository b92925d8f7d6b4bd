# Sessions: what residents see (bot/handlers/sessions.py, bot/services/session_card.py)
session-card-title = <b>{ $title }</b>
session-card-description = { $description }
session-card-direction = Direction: { $direction }
session-card-when = When: { $when }
session-card-place = Where: { $place }
session-card-deadline = Registration until { $deadline }
session-card-cancelled = ❌ <b>The session is cancelled</b>
session-places-unlimited = No limit on places, registered: { $registered }
session-places-free = Free places: { $free } of { $capacity }
session-places-full = No places left ({ $capacity } of { $capacity }), on the waitlist: { $waiting }
session-btn-register = ✍️ Register
session-btn-waitlist = ⏳ Join the waitlist
session-btn-unregister = ✖ Cancel my registration
session-btn-leave = Leave the waitlist
session-btn-accept = ✅ Take the place
session-btn-decline = Decline
session-btn-ics = 📅 Add to calendar
session-btn-qr = 🔳 Check-in QR code
session-btn-manage = ⚙️ Manage
session-btn-back = ⬅ Back to the list
session-btn-unreg-yes = Yes, cancel it
session-btn-unreg-no = No, I'll come
# The list (/sessions)
session-list-head = 📅 <b>Upcoming sessions</b> · page { $page } of { $pages }
session-list-item = <b>{ $number }. { $title }</b>
session-list-when = 📅 { $when } · { $places }
session-list-empty = No sessions are planned yet. As soon as one is, its announcement will come here.
session-list-need-consent = To see the sessions and register, please consent to the processing of personal data.
session-mark-registered = ✅ You are registered
session-mark-waitlist = ⏳ You are on the waitlist
session-mark-offered = 🎟 A place is offered to you — confirm it
# The person's state on the card
session-you-registered = ✅ You are registered. The calendar file and the check-in QR code are behind the buttons below.
session-you-attended = ✅ You were checked in: { $time }.
session-you-waitlist = ⏳ You are on the waitlist, number { $position } in line. If a place frees up, I'll offer it to you.
session-you-offered = 🎟 A place freed up for you — confirm by { $until }.
session-closed = 🔒 Registration is closed.
session-dates-unset = 🕒 The time of this session is being fixed — registration opens once the organizers set it.
session-started = ▶️ The session is under way.
session-ended = 🏁 The session is over.
session-unreg-ask = ❓ Cancel your registration for “{ $title }”? Your place will go to the next person on the waitlist.
# Answers to presses
session-registered-toast = ✅ You are registered!
session-registered =
    ✅ You are registered for “{ $title }”, { $when }.
    Below are the calendar file and your check-in QR code.
session-waitlisted = No places left — you are on the waitlist, number { $position }. If a place frees up, I'll send you an offer.
session-already = You are already registered.
session-already-waiting = You are already on the waitlist, number { $position }.
session-cancelled-toast = Registration cancelled.
session-cancelled = Your registration for “{ $title }” is cancelled. If you change your mind, register again while places remain.
session-left = You left the waitlist.
session-declined = You declined — the place goes to the next person.
session-offer-expired = The time to confirm is up — the place went to the next person.
session-gone-missing = This session no longer exists.
session-gone-cancelled = This session is cancelled.
session-gone-started = The session has already started — the registration can't be changed.
session-gone-closed = Registration for this session is closed: the deadline has passed.
session-gone-unset = The time of this session is being fixed — you can't register yet. Please look again later.
session-stale = That is no longer current — here is how things stand now.
session-not-found = There is no such session — the link may be out of date. Here are the upcoming sessions:
session-not-found-plain = That session no longer exists. See all sessions with /sessions.
# Waitlist offers
session-offer =
    🎟 A place freed up at “{ $title }” ({ $when }).
    It is held for you until { $until } — take it or decline, so it can go to the next person.
session-offer-passed = ⌛ The time to confirm your place at “{ $title }” is up, and it went to the next person. If you still want to come, join the waitlist again.
session-offer-passed-started = ⌛ “{ $title }” has started and the place was not confirmed, so it didn't work out this time. Watch for new sessions in /sessions.
# Tickets
session-ics-caption = 📅 “{ $title }” — open the file to add the session to your calendar.
session-qr-caption = 🔳 Your check-in QR code for “{ $title }” ({ $when }). Show it at the entrance.
# Check-in (start=checkin_…)
checkin-done = ✅ { $name } — checked in for “{ $title }” at { $time }.
checkin-already = ℹ️ { $name } was already checked in for “{ $title }”: { $time }.
checkin-not-registered = ⚠️ { $name } is not registered for “{ $title }”: the registration was cancelled or not confirmed.
checkin-too-early = ⏳ { $name } is registered for “{ $title }”, but check-in opens on the day: at most { $hours } { $hours ->
    [one] hour
   *[other] hours
} before the start.
checkin-session-cancelled = ⚠️ The session “{ $title }” is cancelled — there is nothing to check { $name } in for.
checkin-unknown = ⚠️ There is no such code: the QR code may be damaged, or the registration was deleted.
checkin-personal = 🔳 This is a personal check-in code for a session: show it to the organizers at the entrance.
