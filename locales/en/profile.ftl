## Profile: /settings, "My registrations", the main menu's buttons
menu-sessions = 📅 Sessions
menu-settings = ⚙️ Settings
cmd-my-sessions = My session registrations

profile-text = ⚙️ <b>Settings</b>

    Town or district: { $territory }
    Directions: { $directions }
    Announcements: { $announcements }
    News about ideas you follow: { $followed }
    Session reminders: { $reminders }
    Language: { $language }

    What would you like to change? Your data: /privacy
profile-on = on
profile-off = off
profile-directions-none = none
profile-territory-none = not set
profile-btn-territory = Town or district
profile-btn-directions = Directions
profile-btn-notices = Notifications
profile-btn-language = Language
profile-btn-sessions = My registrations

profile-territory-ask = 📍 Choose your town or district.
profile-territory-saved = Town or district changed: { $name }.
profile-subs-ask = 🔔 Which directions should news and announcements come from? Tap a direction to turn it on or off.
profile-notices-ask = 🔔 Which notifications would you like? Tap to turn one on or off. Registration confirmations, tickets, and changes or cancellations of sessions you registered for always come.
profile-notice-announcements = Announcements
profile-notice-followed = Ideas you follow
profile-notice-reminders = Session reminders

mine-head = 📋 <b>My registrations</b>
mine-item = <b>{ $number }. { $title }</b>
    { $when }
mine-registered = You are registered.
mine-waitlist = On the waitlist, place { $position }.
mine-offered = A place is free for you: confirm it in the offer message.
mine-empty = 📋 You have no registrations for upcoming sessions. See what is planned: /sessions
mine-btn-cancel = ✖ Cancel { $number }. { $title }
mine-btn-all = 📅 All sessions
mine-ask-cancel = ❓ Cancel your registration for "{ $title }" ({ $when })? The place goes to the next person on the waitlist.
mine-ask-leave = ❓ Leave the waitlist for "{ $title }" ({ $when })?
mine-ask-decline = ❓ Decline the place at "{ $title }" ({ $when })? It goes to the next person on the waitlist.
mine-btn-yes-cancel = Yes, cancel it
mine-btn-yes-leave = Yes, leave the waitlist
mine-btn-yes-decline = Yes, decline
mine-cancelled = Your registration for "{ $title }" is cancelled.
mine-left = You left the waitlist for "{ $title }".
mine-declined = You declined the place at "{ $title }".
