# Session chats and polls (bot/handlers/polls.py, bot/services/polls.py)

## /bind_session in a group
bind-session-ask = Which session should this chat be tied to?
bind-session-none = There are no upcoming sessions. Create one with /new_session in a private chat with the bot.
bind-session-usage = Give the session's number: <code>/bind_session 5</code> — or send /bind_session alone and pick the session with a button.
bind-session-unknown = There is no session #{ $number }. Send /bind_session alone and pick one from the list.
bind-session-over = The session “{ $title }” is over or cancelled: a chat cannot be tied to it.
bind-session-gone = This session is over or cancelled. Send /bind_session again.
bind-session-done = ✅ This chat is tied to the session “{ $title }” ({ $when }). I will greet newcomers and run polls here.
bind-session-same = This chat is already tied to the session “{ $title }” ({ $when }).
bind-session-moved = 🔁 This chat moved from the session “{ $old }” to the session “{ $title }” ({ $when }).

## Greeting new members (in the hub's language)
greet-text = 👋 { $names }, welcome to the chat of the session “{ $title }” ({ $when })! Polls and news of the session will be here.
greet-more = and { $count } more

## /poll in a group
poll-not-bound = This chat is not tied to a session. Send /bind_session first.
poll-help =
    📊 <b>A poll in one line</b>
    <code>/poll Question? | Option 1 | Option 2</code>
    (or each option on a new line)

    Words you can add at the end:
    • <code>anon</code> — voters' names are not shown
    • <code>multi</code> — several options may be chosen
    • <code>quiz=2</code> — a quiz, option 2 is correct
    • <code>close=30m</code> — closes by itself after 30 minutes (or 1h, 2h, 90m)
    Russian words work too: анонимно, несколько, викторина=2, закрыть=30м.

    Example: <code>/poll When do we meet? | Saturday | Sunday | multi close=1h</code>

    The question takes up to { $qmax } { $qmax ->
        [one] character
       *[other] characters
    }; options: { $min } to { $max }, each up to { $omax } { $omax ->
        [one] character
       *[other] characters
    } each.
    Close a poll with /close_poll in reply to it; results — /results. Step by step — /poll in a private chat with the bot.
poll-help-short = For example: <code>/poll Question? | Option 1 | Option 2 | anon</code>. Help — /poll alone.
poll-post-failed = Telegram did not accept the poll. Check that the bot is a member of the chat and may send polls, then try again.

## Problems with a poll
poll-err-no-options = No answer options: separate them from the question and from each other with “|”, or put each on a new line.
poll-err-question-empty = The question is empty: write it as text.
poll-err-question-invisible = The question has nothing visible in it — only invisible characters. Type it in ordinary letters.
poll-err-question-long = The question is longer than { $max } { $max ->
    [one] character
   *[other] characters
} (it has { $length }). Please shorten it.
poll-err-option-empty = Option { $number } is empty: remove the extra “|” or type its text.
poll-err-option-invisible = Option { $number } has nothing visible in it — only invisible characters. Type its text in ordinary letters.
poll-err-option-long = Option { $number } is longer than { $max } { $max ->
    [one] character
   *[other] characters
} (it has { $length }). Please shorten it.
poll-err-option-duplicate = Option { $number } repeats option { $first }. Options must differ.
poll-err-options-few = At least { $min } answer { $min ->
    [one] option is
   *[other] options are
} needed.
poll-err-options-many = There can be at most { $max } { $max ->
    [one] option
   *[other] options
} (there are { $count }). Remove some.
poll-err-quiz-number = For a quiz, give the number of the correct option in digits: <code>quiz=2</code>.
poll-err-quiz-range = The quiz's correct option is { $number }, but there are only { $count } { $count ->
    [one] option
   *[other] options
}. Give a number from 1 to { $count }.
poll-err-quiz-multi = A quiz has one answer only: remove “multi” or “quiz”.
poll-err-close-unreadable = I could not read the time “{ $value }”. Write it like 30m, 1h, 1h30m, 2h, 90m.
poll-err-close-range = A poll can be closed after 1 minute to 7 days.

## /close_poll and /results
poll-close-reply = Send this command in reply to the poll's message.
poll-not-ours = This is not the bot's poll. Reply with the command to a poll the bot posted in this chat.
poll-already-closed = This poll is closed already. Results — /results in reply to it.
poll-close-failed = Telegram could not be reached; the poll is still open. Please try again in a minute.
poll-results-none = This session has had no polls yet.
poll-results-pick = Polls of the session: { $count }. Which poll's results should be shown?
poll-group-only = The command { $command } works in the session's chat: send it there.
poll-list = 📊 Polls: { $total } (page { $page } of { $pages }). Which poll's results should be shown?
poll-list-empty = No polls yet. Create one with /poll.
poll-btn-prev = ← Back
poll-btn-next = Next →

## Results
poll-results-title = 📊 <b>Poll results</b> “{ $question }”
poll-results-title-open = 📊 <b>Results so far</b> (the poll is still open) “{ $question }”
poll-results-kind = <i>{ $kind }</i>
poll-results-line = { $position }. { $option } — { $count } ({ $percent } %)
poll-results-correct = ✅
poll-results-total = Voters: { $total }
poll-results-closed-at = Closed { $date }
poll-kind-open = non-anonymous
poll-kind-anonymous = anonymous
poll-kind-multiple = several answers
poll-kind-quiz = quiz
poll-chart-footer = Voters: { $total }
poll-chart-caption = 📊 Results of poll #{ $number }
poll-status-open = open
poll-status-closed = closed
poll-session-none = There were no polls.
poll-session-line = 📊 “{ $question }” ({ $status }, voters: { $total }): { $answers }

## /poll step by step (private chat)
poll-ask-question = 📊 A new poll. Write the question (up to { $max } { $max ->
    [one] character
   *[other] characters
}). /cancel — stop.
poll-need-text = Please send it as a text message.
poll-ask-options = Now the answer options — one per message (several lines at once work too), { $min } to { $max }.
poll-option-added = Options: { $count } of { $max }. { $count ->
        [1] Write the next one.
       *[other] Write another or press “Done”.
    }
poll-options-full = That is option { $max } — the most there can be.
poll-options-saved = Options: { $count }.
poll-btn-done = ✅ Done
poll-btn-drop = ✖ Cancel
poll-draft-question = 📊 <b>{ $question }</b>
poll-draft-option = { $position }. { $option }
poll-draft-close-manual = ⏱ Closing: by hand (/close_poll)
poll-draft-close-after = ⏱ Closes after { $duration }
poll-yes = yes
poll-no = no
poll-btn-anon = 🕶 Anonymous: { $value }
poll-btn-multi = ☑️ Several answers: { $value }
poll-btn-quiz-off = 🏆 Quiz: no
poll-btn-quiz-on = 🏆 Quiz: option { $number } is correct
poll-btn-close-manual = ⏱ Closing: by hand
poll-btn-close-after = ⏱ Closes after { $duration }
poll-btn-pick-chat = ➡️ Pick the session chat
poll-btn-no-quiz = No quiz
poll-btn-back = ← Back
poll-btn-close-none = By hand
poll-btn-close-typed = ✏️ Other time
poll-ask-correct = Which option is correct?
poll-ask-close-choice = When should the poll close?
poll-ask-close = Write after how long to close the poll: e.g. 45m, 2h or 1h30m (from { $min } to { $max }).
poll-quiz-off = Quiz turned off: a quiz has one answer only.
poll-multi-off = “Several answers” turned off: a quiz has one answer.
poll-use-buttons = Please use the buttons below, or send /cancel.
poll-ask-chat = Which session chat should get the poll?
poll-no-chats = There are no chats of upcoming sessions. Add the bot to a group and send /bind_session there.
poll-chat-gone = This chat is no longer tied to an upcoming session. Pick another one.
poll-confirm = Send it to the chat “{ $chat }” (session “{ $session }”, { $when })?
poll-btn-post = 📤 Publish
poll-btn-other-chat = ← Another chat
poll-posted = ✅ Poll #{ $number } is published in the chat “{ $chat }”.
poll-posted-link = Link: { $link }
poll-cancelled = Poll cancelled.
poll-draft-gone = This draft was published or cancelled already. A new poll — /poll.

## Units
poll-unit-days = { $n } { $n ->
    [one] day
   *[other] days
}
poll-unit-hours = { $n } { $n ->
    [one] hour
   *[other] hours
}
poll-unit-minutes = { $n } { $n ->
    [one] minute
   *[other] minutes
}

## /export
export-kind-polls = 📊 Polls
export-kind-votes = 🗳 Votes
export-col-session = Session
export-col-chat = Chat
export-col-question = Question
export-col-options = Options
export-col-settings = Settings
export-col-poll-created = Created ({ time-local })
export-col-poll-closed = Closed ({ time-local })
export-col-voters = Voters
export-col-counts = Votes per option
export-col-poll = Poll #
export-col-choice = Choice
export-poll-correct = (option { $number } is correct)
export-vote-retracted = — (vote withdrawn)
