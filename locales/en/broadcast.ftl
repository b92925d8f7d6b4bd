## Broadcasts (organizers)
bc-ask-message = 📣 Send the message to broadcast, exactly as residents should see it: formatted text, a photo, a video or a document with a caption.
    To cancel: /cancel
bc-album = An album cannot be broadcast: send one photo, video or document with a caption.
bc-unsupported = This kind of message cannot be broadcast. Send text, a photo, video, document, GIF, audio or voice message. To cancel: /cancel
bc-ask-audience = Who should receive it?
bc-use-buttons = Pick an option with the buttons below, or cancel: /cancel
bc-aud-all = 👥 All residents · { $n }
bc-aud-direction = 🔔 Subscribers of a direction
bc-aud-territory = 📍 Residents of a territory
bc-aud-authors = 💡 Authors of ideas in a direction
bc-drop = ✖ Cancel the broadcast
bc-back = ← Back
bc-change-audience = ← Choose other recipients
bc-ask-direction = Subscribers of which direction?
bc-ask-authors = Authors of ideas in which direction?
bc-ask-territory = Residents of which territory? (with how many will receive it)
bc-no-territories = No resident has given a territory yet.
bc-label-all = all residents
bc-label-direction = subscribers of “{ $direction }”
bc-label-authors = authors of ideas in “{ $direction }”
bc-label-territory = residents of “{ $territory }”
bc-audience-picked = Recipients: { $audience }. This is how residents will see the message:
bc-preview = ☝️ That is the preview. Recipients: { $audience } — { $n } { $n ->
    [one] person
   *[other] people
}.
    Send it?
bc-preview-nobody = Recipients: { $audience } — nobody matches right now. Choose other recipients.
bc-confirm = 📣 Send ({ $n })
bc-draft-gone = This broadcast was already sent or cancelled. A new one: /broadcast
bc-dropped = Broadcast cancelled, nothing was sent.
bc-started = ✅ Broadcast #{ $number } started: { $n } { $n ->
    [one] recipient
   *[other] recipients
}. Its progress is in the next message.
bc-stop = ⏹ Stop the broadcast
bc-stopping = Stopping the broadcast…
bc-already-finished = This broadcast has already finished.
bc-progress-title-queued = ⏳ Broadcast #{ $number } is queued behind another one
bc-progress-title-sending = 📣 Broadcast #{ $number } in progress
bc-progress-title-cancelling = 📣 Broadcast #{ $number } is stopping…
bc-progress-title-done = ✅ Broadcast #{ $number } finished
bc-progress-title-cancelled = ⏹ Broadcast #{ $number } stopped
bc-progress-title-aborted = ⚠️ Broadcast #{ $number } aborted: the original message was deleted
bc-progress-sent = Delivered: { $sent } of { $total }
bc-progress-problems = Blocked the bot: { $blocked } · Errors: { $failed } · Unknown: { $unknown }
bc-progress-cancelled = Not sent because of the stop: { $n }
bc-progress-eta = About { $eta } left
bc-eta-seconds = { $n } { $n ->
    [one] second
   *[other] seconds
}
bc-eta-minutes = { $m } { $m ->
    [one] minute
   *[other] minutes
} { $s } { $s ->
    [one] second
   *[other] seconds
}
bc-eta-hours = { $h } { $h ->
    [one] hour
   *[other] hours
} { $m } { $m ->
    [one] minute
   *[other] minutes
}
bc-report-done = Broadcast #{ $number } result: { $sent } of { $total } delivered. Blocked the bot: { $blocked }, errors: { $failed }, unknown: { $unknown }.{ $cancelled ->
        [0] {""}
       *[other] {" "}{ $cancelled } not sent: after the start these residents turned announcements off, blocked the bot, were banned or deleted their data.
    }
bc-report-cancelled = Broadcast #{ $number } stopped: { $sent } of { $total } delivered, { $cancelled } not sent. Blocked the bot: { $blocked }, errors: { $failed }, unknown: { $unknown }.
bc-report-unknown = { $unknown ->
        [one] For { $unknown } recipient it is unknown whether the message arrived: Telegram did not answer. It was not sent again, to avoid a duplicate.
       *[other] For { $unknown } recipients it is unknown whether the message arrived: Telegram did not answer. It was not sent again, to avoid duplicates.
    }
bc-resend = 🔁 Send again ({ $n })
bc-resend-ask = Send broadcast #{ $number } again to { $n ->
        [one] { $n } recipient for whom it is unknown whether it arrived? If it did arrive, they will see it twice.
       *[other] { $n } recipients for whom it is unknown whether it arrived? Those it did reach will see it twice.
    }
bc-resend-confirm = 📣 Yes, send again ({ $n })
bc-resend-keep = ✖ Don't send
bc-resend-started = 🔁 Broadcast #{ $number }: sending again to { $n ->
        [one] { $n } recipient
       *[other] { $n } recipients
    }. The result will come in a separate message.
bc-resend-kept = All right, broadcast #{ $number } is not sent again.
bc-resend-nothing = There is no one to send it to again: the broadcast is still going or was already sent again.
bc-report-aborted = Broadcast #{ $number } aborted: the original message was deleted, so there is nothing left to copy. { $sent } of { $total } delivered. Start a new one: /broadcast

## Settings (residents)
settings-saved = Saved
consent-required-short = First we need your consent to process your data: press /start.
