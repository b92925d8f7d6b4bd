# Rejecting an idea with a reason: a curator in the group (the card) and an organizer in /moderate.
reject-ask = { $who }, reply to this message with the reason for rejecting idea #{ $number }: { $min } to { $max } { $max ->
        [one] character
       *[other] characters
    }. You will see what the author gets before it is sent. Changed your mind? Reply "cancel".
reject-mod-ask = Write the reason for rejecting idea #{ $number }: { $min } to { $max } { $max ->
        [one] character
       *[other] characters
    }. You will see what the author gets before it is sent. Changed your mind? Write "cancel".
reject-reason-short = The reason is too short: { $length } { $length ->
        [one] character
       *[other] characters
    }, and at least { $min } { $min ->
        [one] character is
       *[other] characters are
    } needed. Say why the idea is rejected: the author will read it.
reject-reply-hint = Reply to this message, otherwise the bot will not see the reason.
reject-cancelled = Rejection of idea #{ $number } cancelled. The idea is still under review; nothing was sent to the author.
reject-preview = Check what the author of idea #{ $number } will get:
    <blockquote>{ $notice }</blockquote>
reject-btn-send = 📨 Send
reject-btn-edit = ✏️ Edit
reject-btn-back = Back
reject-sent = Sent to the author of idea #{ $number }:
    <blockquote>{ $notice }</blockquote>
reject-back-done = Rejection of idea #{ $number } cancelled, the idea is waiting for a decision again. Nothing was sent to the author.
reject-already = Idea #{ $number } has already been decided; the reason was not sent.
reject-not-yours = Only the person who wrote this reason can send or change it.
reject-stale = This button no longer works. To reject the idea, press "Reject" again.
