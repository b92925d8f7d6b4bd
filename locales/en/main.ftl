## Common
btn-cancel = ✖ Cancel
btn-back = « Back
btn-skip = Skip
btn-done = Done
menu-idea = 💡 Suggest an idea
menu-my = 📋 My ideas
menu-help = ❓ Help
button-outdated = This button is no longer active.
not-allowed = ⛔ Only organizers can do this.

## Language
language-choose = Выберите язык / Choose your language:
language-set = Done, I'll speak English now.
lang-name = English
lang-switch = 🌐 Русский

## Personal data consent
consent-intro = 👋 Hello! I'm the bot of the Orenburg region's "Boiling Point" hub. Residents send me ideas for their towns and villages, and the curators of the hub's directions take them on.

    To accept your ideas I need your consent to the processing of your personal data. Please read it:
consent-accept = ✅ I agree
consent-decline = I don't agree
consent-accepted = Thank you, your consent is recorded (version { $version }).
consent-declined = Understood. Without consent I can't accept your ideas, and I keep nothing about you except your Telegram id and this refusal.

    You can still read /help and /privacy. If you change your mind, send /start.
consent-required = To suggest an idea, you need to consent to the processing of personal data. Without it I keep no data about you and can't pass an idea to the curators.
consent-review = 📄 See the consent

## Territory
territory-ask = 📍 Where do you live? Pick your town or district, so the curators know which place the idea is about. You can also type its name.
territory-page = Page { $page } of { $pages }
territory-other = 🌍 Another place
territory-not-found = I couldn't find "{ $text }" among the towns and districts of the Orenburg region. Pick one from the list or press "Another place".
territory-set = Saved: { $name }.

## Subscriptions
subs-ask = 🔔 Which directions should I send you news and announcements about? Pick any number, or none.
subs-done = Done
subs-saved = { $count ->
    [0] No subscriptions chosen — you can turn them on later.
   *[other] Subscriptions saved: { $names }.
}

## Main menu
onboarding-done = 🎉 All set! Suggest ideas for your town with the "Suggest an idea" button below or the /idea command.
welcome-back = Welcome back, { $name }! What shall we do?
deeplink-unknown = The link you followed is out of date or invalid. Here is the main menu.

## Idea
idea-ask-text = 💡 Describe your idea in a few sentences: what to change, where and why ({ $min } to { $max } { $max ->
    [one] character
   *[other] characters
}).
idea-text-short = Too short: { $length } { $length ->
    [one] character
   *[other] characters
}. Please describe the idea in at least { $min }.
idea-text-long = Too long: { $length } { $length ->
    [one] character
   *[other] characters
}, the limit is { $max }. Please shorten it and send it again.
idea-text-need = I'm waiting for the text of your idea as a message. You can add photos in the next step. To cancel: /cancel.
idea-ask-photos = 📷 Add photos — up to { $max }, an album works too. Or press "Skip".
idea-photos-added = 📷 Photos added: { $count } of { $max }. Send more or press "Done".
idea-photos-full = At most { $max } photos can be attached — the extra ones were not added. Press "Done".
idea-photos-need = Photos are expected now (an album or image files work too) — or press the button below. You can also write "no photo". To cancel: /cancel.
idea-ask-place = 🗺 Where is it? Send a location (paperclip → Location) or type an address. You can skip this.
idea-place-long = The address is too long (up to { $max } { $max ->
    [one] character
   *[other] characters
}). Please shorten it.
idea-place-short = The address is too short. Type the street and number or a landmark.
idea-place-need = A location or a typed address is expected now. You can press "Skip" below or write "no address". To cancel: /cancel.
idea-route = This looks like "{ $best }". "{ $second }" could also fit. Choose where to send the idea:
idea-route-unsure = 🧭 I can't tell the direction for sure. Choose where to send the idea:
idea-route-other = Another direction…
idea-route-need = Choose a direction with the buttons below. To cancel: /cancel.
idea-summary = <b>Check your idea</b>

    { $text }

    📷 Photos: { $photos }
    🗺 Place: { $place }
    🏙 Territory: { $territory }
    Direction: { $direction }

    Send it to the curators?
idea-summary-cut = …({ $rest } more { $rest ->
    [one] character
   *[other] characters
})
idea-place-none = not given
idea-place-point = a point on the map
idea-send = 📨 Send
idea-edit = ✏️ Edit
idea-edit-ask = What would you like to change?
idea-edit-text = Text
idea-edit-photos = Photos
idea-edit-place = Place
idea-edit-direction = Direction
idea-summary-need = Check the idea above and press "Send", "Edit" or "Cancel" below.
idea-sent = Idea <b>#{ $number }</b> has been sent to the curators of "{ $direction }". I'll tell you when they decide. All your ideas: /my.
idea-quota = ⏳ You can suggest at most { $limit } { $limit ->
    [one] idea
   *[other] ideas
} a day, and the limit is reached. You can send the next one after { $when }.
idea-cancelled = Cancelled. The draft is deleted, nothing was sent.
idea-already-sent = This idea has already been sent.
action-cancelled = Cancelled.
nothing-to-cancel = There's nothing to cancel.
setup-first = Let's finish the set-up first — it takes half a minute.

## Statuses and notifications
status-new = 🕓 under review
status-accepted = ✅ accepted
status-rejected = ❌ rejected
notify-accepted = Your idea <b>#{ $number }</b> was accepted by the curators of "{ $direction }". Thank you! They'll get in touch if they need details.
    Now the idea can become a project. Would you like to lead it? Open the idea in /my and press "Lead the project".
notify-rejected = Your idea <b>#{ $number }</b> was rejected by the curators of "{ $direction }".
    Reason: { $reason }
notify-moved = Your idea <b>#{ $number }</b> was passed to "{ $direction }".

## My ideas
my-empty = You have no ideas yet. Suggest the first one: /idea
my-header = <b>Your ideas</b> ({ $total }):
my-line = <b>#{ $number }</b> · { $status } · { $direction } · { $date }
    { $excerpt }
my-reason = Reason: { $reason }
my-more = Showing the latest { $shown } of { $total }.

## Help
help = <b>What I can do</b>
    💡 /idea — suggest an idea for your town
    📋 /my — your ideas and their status
    🗳 /ideas — residents' ideas: support the ones you like
    🗓 /sessions — project sessions: register, get a ticket and a QR code for the entrance
    🎟 /my_sessions — your session registrations: see and cancel them
    🧭 /project — manage a project you lead (/bind_team, sent in the team's group, binds it)
    ⚙️ /settings — town or district, directions, notifications, language
    🌐 /language — change the language
    🔒 /privacy — what data I keep and why
    🗑 /delete_me — withdraw consent and delete your data
    ✖ /cancel — cancel the current action

    How an idea travels: you describe it, add photos and the place, I suggest one of the hub's directions, you confirm, and the idea goes to the curators. I'll tell you about every decision.
delete-ask = 🗑 Withdraw your consent and delete your data: name, username, town, subscriptions, supports and reports, session registrations, ratings, poll votes, project applications and team places, drafts? Your ideas will stay, without the author's name. This can't be undone.
delete-yes = Yes, delete
delete-no = No, keep it
delete-done = Done: consent withdrawn, data deleted. If you want to come back, send /start.
delete-kept = OK, nothing deleted.
delete-nothing = I have no personal data of yours — nothing to delete.
delete-refused-superadmin = You are a superadmin of this bot (set in the bot's settings). Staff act for the hub, so I cannot delete your data while you are one: ask whoever runs the bot to take you off the superadmins in its settings, then send /delete_me.
delete-refused-organizer = You are an organizer. Staff act for the hub, so I cannot delete your data while you hold the role: ask a superadmin to remove you in /organizers, then send /delete_me.
delete-refused-broadcast = Your broadcast is still going out (it is sent from our chat). Send /delete_me again once it has finished.

## Hints
hint-unknown = That message is not clear. Use the menu below or /help.
hint-consent = Please answer the consent question first: the buttons are below.
hint-territory = Pick your town or district with the buttons below, or type its name.
hint-subs = Tick the directions with the buttons below and press "Done".
hint-reason = Type the reason for rejecting as text (or /cancel).
error-generic = 😔 Something went wrong on our side. Your data is safe — please try again a bit later.
error-bad-date = 😔 This record holds a broken date, so I can't show it. The organizers already know — please try again later.
text-invisible = There is nothing visible in this message — only spaces or invisible characters. Please type the text in ordinary letters and send it again.

flood-slow-down = ✋ That's a lot of messages at once. Please wait a few seconds — then I'll answer again.

## Curators
card-title = <b>Idea #{ $number }</b> · { $direction }
card-body = { $text }
card-meta = 👤 Author: { $author }
    🏙 Territory: { $territory }
    🗺 Place: { $place }
    📷 Photos: { $photos }
    🕓 { $date }
card-text-above = (the idea's text is in the message above)
card-author-deleted = the author's data is deleted
card-status-new = Status: 🕓 under review
card-status-accepted = Status: ✅ accepted ({ $who })
card-status-rejected = Status: ❌ rejected ({ $who })
    Reason: { $reason }
card-status-moved = Status: passed to "{ $direction }" ({ $who })
card-accept = ✅ Accept
card-reject = ❌ Reject
card-move = 🔀 Another direction
card-move-ask = Where should the idea go?
card-already = This idea has already been decided.
card-accepted-toast = Idea accepted, the author has been told.
card-rejected-toast = Idea rejected, the author has been told.
card-moved-toast = Idea passed on.
card-missing = Idea not found.
card-reason-long = The reason is too long — up to { $max } { $max ->
    [one] character
   *[other] characters
}.
card-fallback-note = No curator chat is bound for "{ $direction }". Bind one with /bind_direction in the curators' group.
bind-ask = Which direction should this chat be bound to? New ideas will arrive here.
bind-done = This chat{ $topic } now receives ideas of "{ $direction }".
bind-topic = (topic)
bind-private = Send /bind_direction in the curators' group (in a forum, inside the right topic).
bind-not-admin = ⛔ Only superadmins can bind chats.

## Commands
cmd-start = Start
cmd-idea = Suggest an idea
cmd-my = My ideas
cmd-help = Help
cmd-language = Language
cmd-privacy = Personal data
cmd-delete-me = Delete my data
cmd-cancel = Cancel the current action
cmd-bind-direction = Bind this chat to a direction
cmd-ideas = Residents' ideas
cmd-settings = Settings
cmd-moderate = Moderation queue
cmd-broadcast = Broadcast
cmd-stats = Statistics
cmd-export = Export data
cmd-ban = Ban a resident
cmd-unban = Unban a resident
cmd-audit = Action log
cmd-organizers = Organizers
cmd-sessions = Project sessions
cmd-new-session = New session
cmd-announce = Announce a session
cmd-bind-session = Tie this chat to a session
cmd-poll = Poll
cmd-close-poll = Close a poll (reply to it)
cmd-results = Poll results
