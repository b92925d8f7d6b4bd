## Moderation: /moderate, decisions on ideas, /ban and /unban

# Statuses in /my
status-duplicate = 🔁 duplicate
status-in_progress = 🛠 in progress
status-implemented = 🏁 implemented

# The status line of an idea card (curator chats and /moderate)
card-status-duplicate = Status: 🔁 duplicate of idea #{ $original } ({ $who })
card-status-in_progress = Status: 🛠 in progress ({ $who })
card-status-implemented = Status: 🏁 implemented ({ $who })
card-in-progress = 🛠 In progress
card-implemented = 🏁 Implemented

# Notifications to the author
notify-duplicate = 🔁 Your idea <b>#{ $number }</b> matches idea <b>#{ $original }</b>, suggested earlier, so they will be considered together:
    <i>{ $excerpt }</i>
    { $public ->
        [yes] You can support idea #{ $original } in /ideas.
       *[no] I'll tell you what is decided about it.
    }
notify-in_progress = Your idea <b>#{ $number }</b> is now in progress ("{ $direction }"). I'll tell you when it is implemented.
notify-implemented = 🏁 Your idea <b>#{ $number }</b> has been implemented! Thank you for making the region better.

# The queue
mod-queue-new = 🗂 <b>Moderation queue</b>: { $total } waiting
mod-queue-mine = {" "}({ $mine } in your directions, shown first)
mod-queue-hidden = 🚩 <b>Hidden by reports</b>: { $total } to review
mod-hidden-note = Reports: { $reports } · supports: { $supports }. Restore the idea if the reports are unfounded, or reject it.
mod-reporters-head = 🚩 Who reported it ({ $total }):
mod-reporter = • { $name } — { $reason }
mod-reporter-uncounted = • { $name } — { $reason } (not counted)
mod-reporters-uncounted = Not counted: reports from people new to the bot or who have done nothing in it yet; they do not hide an idea.
mod-reporters-more = …and { $count } more
mod-reporter-unnamed = a resident without a name
mod-queue-empty = 🎉 No new ideas in the queue.
mod-hidden-empty = 🎉 No ideas hidden by reports.
mod-usage = How to use it: <code>/moderate</code> — the queue of new ideas; <code>/moderate 12</code> or <code>/moderate #12</code> — open idea #12 (e.g. to mark it "in progress" or "implemented").
mod-idea-missing = There is no idea #{ $number }. Check the number.
mod-private-only = Moderation happens in a private chat with me: send me /moderate.

mod-btn-approve = ✅ Accept
mod-btn-reject = ❌ Reject
mod-btn-duplicate = 🔁 Duplicate
mod-btn-move = 🔀 Another direction
mod-btn-skip = ⏭ Next
mod-btn-photos = 🖼 Photos ({ $n })
mod-btn-hidden = 🚩 Hidden by reports ({ $n })
mod-btn-new = 🗂 New ideas ({ $n })
mod-btn-restore = ♻️ Restore

mod-approved-toast = Idea #{ $number } accepted, the author was told.
mod-step-toast = Idea #{ $number } updated, the author was told.
mod-restored-toast = Idea #{ $number } is visible to everyone again.
mod-status-restored = Status: ♻️ restored after reviewing the reports ({ $who })
mod-skip-only = There are no other ideas in this queue.
mod-no-photos = This idea has no photos.

mod-dup-ask = Idea #{ $number } duplicates which idea? Send its number, e.g. <code>12</code> or <code>#12</code>. Changed your mind? /cancel.
mod-dup-not-number = I need an idea number — e.g. <code>12</code> or <code>#12</code>. Which idea does #{ $number } duplicate? Changed your mind? /cancel.
mod-need-number = Send the idea number as text — e.g. <code>12</code> — or /cancel.
mod-dup-self = Idea #{ $number } cannot be a duplicate of itself. Send the number of another idea, or /cancel.
mod-dup-missing = There is no idea #{ $original }. Check the number and send it again, or /cancel.
mod-dup-closed = Idea #{ $original } was rejected or is hidden after reports; only an idea under review or accepted can be the original. Send another number or /cancel.
mod-dup-chain = Idea #{ $original } is itself marked as a duplicate of idea #{ $first }. Send the number of the original — { $first } — or /cancel.
mod-dup-done = 🔁 Idea #{ $number } marked as a duplicate of #{ $original }, the author was told.

# Bans
mod-ban-ask = Whom to ban? Forward me any message from the person, or send their @username or numeric id; a reason may follow after a space. Changed your mind? /cancel.
mod-unban-ask = Whom to unban? Forward me a message from the person, or send their @username or numeric id. Changed your mind? /cancel.
mod-ban-again = I couldn't tell who you mean. Forward a message from the person, send an @username (e.g. @ivan_petrov) or a numeric id (e.g. 123456789). Changed your mind? /cancel.
mod-ban-usage = How to use it: <code>{ $command } @username reason</code>, <code>{ $command } 123456789 reason</code>, the command as a reply to the person's forwarded message, or just <code>{ $command }</code> — I'll ask whom you mean.
mod-ban-hidden = { $name } hides their account in forwarded messages, so Telegram didn't give me their id. Send their @username or numeric id instead.
mod-ban-not-person = This message isn't from a person (it's from a chat, a channel or a bot). Forward a message from the person themselves, or send their @username or id.
mod-ban-unknown = Nobody called { $name } has started the bot. Check the @username or id.
mod-ban-reason-long = The reason is too long — up to { $max } { $max ->
    [one] character
   *[other] characters
}.
mod-banned = 🚫 { $name } is banned. The bot no longer answers them; the next time they write, they get one notice of the ban.
mod-ban-already = { $name } is already banned.
mod-ban-protected = { $name } is an organizer or a superadmin; they cannot be banned.
mod-unbanned = ✅ { $name } is unbanned and has been told.
mod-unban-not-told = ⚠️ But the message didn't get through: they seem to have blocked the bot.
mod-unban-not-banned = { $name } is not banned.

ban-notice = 🚫 The organizers have restricted your access to the "Boiling Point" bot: I no longer answer your messages.
ban-notice-reason = Reason: { $reason }
ban-lifted = ✅ The organizers have lifted the restriction: you can use the bot again. Send /start or /help.

# Audit log
audit-action-idea_accepted = idea accepted
audit-action-idea_rejected = idea rejected
audit-action-idea_duplicate = idea marked as a duplicate
audit-action-idea_moved = idea moved to another direction
audit-action-idea_in_progress = idea in progress
audit-action-idea_implemented = idea implemented
audit-action-idea_restored = idea restored after reports
audit-action-ban = resident banned
audit-action-unban = resident unbanned
notify-hidden = 🙈 Your idea <b>#{ $number }</b> has been taken off the residents' list for now: some residents reported it. The moderators will review it and tell you what they decide.
notify-restored = 👀 The moderators reviewed your idea <b>#{ $number }</b>: residents can see it in /ideas again.
notify-restored-auto = 👀 Residents can see your idea <b>#{ $number }</b> in /ideas again: the reports that hid it were withdrawn.
