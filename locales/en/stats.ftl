## Statistics and exports (organizers)
stats-title = 📊 <b>Statistics</b> as of { $date }
stats-residents = 👥 <b>Residents</b>: { $total } in total, { $consented } consented
    { $active } active, { $blocked } blocked the bot, { $banned } banned by organizers
stats-territories-title = By territory (top { $n }):
stats-territory-line = • { $name } — { $count }
stats-territory-rest = • other territories — { $count }
stats-ideas = 💡 <b>Ideas</b>: { $total } ({ $hidden } hidden by reports)
stats-status-line = • { $status } — { $count }
stats-direction-line = { $direction }: { $total } — { $breakdown }
stats-status-new = under review
stats-status-accepted = accepted
stats-status-in-progress = in progress
stats-status-implemented = implemented
stats-status-rejected = rejected
stats-status-duplicate = duplicates
stats-supports = 👍 <b>Supports</b>: { $total } from { $supporters } { $supporters ->
    [one] resident
   *[other] residents
}
stats-top-title = Most supported:
stats-top-line = • #{ $number } “{ $text }” — { $supports }
stats-broadcasts = 📣 <b>Broadcasts</b>: { $count }
    { $sent } delivered, { $blocked } blocked the bot, { $failed } failed, { $unknown } unknown, { $waiting } queued
stats-chart-caption = 📊 Ideas by direction and status, residents by territory
stats-chart-ideas = Ideas by direction and status
stats-chart-residents = Residents by territory (top { $n })
stats-chart-empty = no data yet

export-ask = 📤 What should I export? The file will come here.
    CSV opens in Excel (UTF-8, “;” separator), XLSX is an Excel workbook.
    Residents: only those who consented to data processing.
export-kind-ideas = 💡 Ideas
export-kind-residents = 👥 Residents
export-kind-supports = 👍 Supports
export-kind-deliveries = 📣 Broadcasts
export-preparing = Preparing the file…
export-done = { $kind }: { $rows } { $rows ->
    [one] row
   *[other] rows
}.
export-failed = ⚠️ Could not send the file. Please try again: /export
export-too-large = ⚠️ The file is larger than 50 MB (about { $mb } MB), which Telegram does not accept. Pick another format or kind of data: /export
export-yes = yes
export-no = no
export-col-number = Number
export-col-text = Text
export-col-status = Status
export-col-direction = Direction
export-col-territory = Territory
export-col-supports = Supports
export-col-author = Author
export-col-created = Created ({ time-local })
export-col-decided = Decided ({ time-local })
export-col-id = Telegram ID
export-col-name = Name
export-col-username = Username
export-col-language = Language
export-col-consent-version = Consent version
export-col-consent-date = Consent date ({ time-local })
export-col-subscriptions = Subscriptions
export-col-active = Bot not blocked
export-col-banned = Banned by organizers
export-col-idea = Idea #
export-col-supporter-id = Resident's Telegram ID
export-col-supporter-name = Resident's name
export-col-supported-at = Supported ({ time-local })
export-col-broadcast = Broadcast #
export-col-recipient = Recipient's Telegram ID
export-col-error = Error
export-col-time = Time ({ time-local })
export-delivery-pending = queued
export-delivery-sending = sending
export-delivery-sent = delivered
export-delivery-blocked = bot blocked
export-delivery-failed = failed
export-delivery-unknown = unknown (timeout)
export-delivery-cancelled = cancelled
