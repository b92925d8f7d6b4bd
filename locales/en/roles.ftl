## Roles: /organizers (superadmins), curators, /audit

roles-list-title = 👥 <b>Organizers</b> ({ $count })
roles-list-item = { $number }. <b>{ $name }</b> — id <code>{ $id }</code>
roles-list-curates = {"    "}curator: { $directions }
roles-list-empty = No organizers yet.
roles-list-how = To add an organizer, press "➕ Add" and forward me any message from the person, or send their @username or numeric id. <code>/organizers add @username</code>, <code>/organizers add 123456789</code> and <code>/organizers remove …</code> work too. The button with a name opens curatorships and removal.
roles-btn-add = ➕ Add
roles-btn-remove = 🗑 Remove from organizers
roles-btn-remove-yes = 🗑 Yes, remove
roles-btn-remove-no = « No, keep
roles-btn-back = « Back to the list

roles-card = 👤 <b>{ $name }</b>, id <code>{ $id }</code> — organizer.
roles-card-curates = Curator of: { $directions }.
roles-card-no-curates = 🧭 Not a curator of any direction.
roles-card-how = Press a direction to make them its curator (✅) or to drop that (▫️).

roles-ask-person = Who should become an organizer? Forward me any message from the person, or send their @username or numeric id. They must have started the bot at least once (/start). To stop — /cancel.
roles-ask-again = I couldn't tell whom to add. Forward a message from the person, or send an @username (e.g. @ivan_petrov) or a numeric id (e.g. 123456789). To stop — /cancel.
roles-hidden-sender = { $name } hides their account in forwarded messages, so Telegram did not give me their id. Send their @username or numeric id instead (e.g. from @userinfobot). To stop — /cancel.
roles-not-a-person = This message is not from a person (it comes from a chat or a channel). Forward a message from the person themselves, or send their @username or numeric id. To stop — /cancel.
roles-is-bot = { $name } is a bot; bots cannot be organizers. Forward a message from a person, or send their @username or id.
roles-not-started = { $name }: this person has no dialogue with the bot yet, so they cannot be messaged or shown the commands. Ask them to open { $bot } and press Start (/start), then add them again.
roles-username-unknown = The bot does not know anyone called { $username }: a username is kept only for people who accepted the residents' consent. Forward a message from the person or send their numeric id.
roles-not-organizer = { $who } is not an organizer. The list — /organizers.
roles-usage = How to use it: <code>/organizers</code> — the list; <code>/organizers add</code> — add someone (then forward a message, an @username or an id); <code>/organizers add @username</code> or <code>/organizers add 123456789</code>; <code>/organizers remove @username</code> or <code>/organizers remove 123456789</code>.
roles-group-usage = In a group: reply to the person's message with <code>/organizers add</code> to make them an organizer. The list and everything else are in the private chat with me.
roles-private-only = This command works in the private chat with me.

roles-added = ✅ { $name } is now an organizer. They have been told, and the organizer commands are in their menu.
roles-not-told = ⚠️ But the message did not reach them: they seem to have blocked the bot.
roles-already = { $name } is already an organizer.
roles-is-superadmin = { $name } is a superadmin (from ADMIN_IDS) and already has every permission.
roles-removed = 🗑 { $name } is no longer an organizer (nor a curator). They have been told, and the organizer commands are gone from their menu.
roles-removed-toast = Organizer role removed
roles-remove-ask = Remove <b>{ $name }</b> from organizers? They will lose the organizer commands and their curatorships.
roles-gone = This person is no longer an organizer.
roles-curator-added = { $name } is now a curator of { $direction }.
roles-curator-removed = ▫️ { $name } is no longer a curator of { $direction }.
roles-saved-toast = Saved
roles-unchanged-toast = Already so

roles-you-organizer = 🎉 You are now an organizer of the Boiling Point bot. Your commands:
    { $commands }
    They are in the menu now (the "/" button).
roles-you-not-organizer = You are no longer an organizer of the Boiling Point bot. The organizer commands are gone from your menu; you can still suggest ideas as before.
roles-you-curator = You are now a curator of { $direction }.
roles-you-not-curator = You are no longer a curator of { $direction }.

roles-refused-organizer = ⛔ The { $command } command is for organizers only. If you are one, ask a superadmin to add you via /organizers.
roles-refused-superadmin = ⛔ The { $command } command is for superadmins only.
roles-refused-press = ⛔ This button is for superadmins only.

audit-title = 📜 <b>Action log</b> — the latest entries ({ $count }):
audit-empty = 📜 The action log is empty so far.
audit-more = …and { $count } more { $count ->
    [one] entry
   *[other] entries
} that did not fit in the message.
audit-entry = <code>{ $time }</code> { $actor }: <b>{ $action }</b>{ $target }{ $details }
audit-target = {" "}→ { $target }
audit-details = {" "}({ $details })
audit-action-role_grant = organizer added
audit-action-role_revoke = organizer removed
audit-action-curator_grant = curator added
audit-action-curator_revoke = curator removed
audit-action-broadcast = broadcast
audit-action-broadcast_cancel = broadcast stopped
audit-action-broadcast_resend = broadcast sent again to those with an unknown outcome
audit-action-export = data export
audit-action-session_create = session created
audit-action-session_edit = session edited
audit-action-session_reschedule = session rescheduled
audit-action-session_cancel = session cancelled
audit-action-session_announce = session announced

roles-still-in-chats = ⚠️ { $name } is still in { $count ->
    [one] the curators' chat { $chats }
   *[other] the curators' chats { $chats }
}. Idea cards there show residents' names and territories.
roles-kick-manual = In { $chats } I cannot remove members: make me an administrator allowed to ban members, or remove the person yourself.
roles-kick-chat-admin = In { $chats } this person is an administrator: only a person can remove an administrator.
roles-someone = This person
roles-btn-kick = { $count ->
    [one] 🚪 Remove from this chat
   *[other] 🚪 Remove from these chats
}
roles-kick-staff-again = This person is an organizer again — no need to remove them from the curators' chats.
roles-kicked = 🚪 Removed from { $count ->
    [one] the curators' chat { $chats }
   *[other] the curators' chats { $chats }
}. They can come back only with a new invitation.
roles-kicked-none = This person is no longer in any curators' chat I can remove members from.
roles-kick-failed = Could not remove them from { $chats } — please do it yourself.
audit-action-chat_removal = removal from the curators' chats
