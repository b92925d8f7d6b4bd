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
