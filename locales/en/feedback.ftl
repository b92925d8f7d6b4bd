# After a session: feedback from attendees, the organizers' summary (bot/handlers/feedback.py, bot/services/lifecycle.py)
feedback-rated =
    Thank you! Your rating: { $rating } of 5
    If you like, write a comment in one message: what was good, what to improve. Or press “No comment”.
feedback-btn-skip = No comment
feedback-thanks = Thank you for your feedback! It helps make the next sessions better.
feedback-thanks-rating = Thank you for your rating: { $rating } of 5
feedback-not-available = You can rate a session once it is over, if you were checked in as a participant.
feedback-comment-text = Please write your comment as text, or press “No comment”.
feedback-comment-too-long = The comment is a bit long: { $length } { $length ->
    [one] character
   *[other] characters
}, up to { $limit } fit. Please shorten it.
feedback-cancelled = No comment added. Your rating is saved.
summary-title = 📊 <b>Summary of the session “{ $title }”</b> ({ $when })
summary-registered = Registered: { $n }
summary-attended = Came: { $n }
summary-no-shows = Did not come: { $n }
summary-waiting = Left on the waitlist: { $n }
summary-feedback-none = Participants' ratings: none yet (this summary updates as they come in)
summary-feedback = Average rating: { $average } of 5 ({ $n ->
        [one] 1 review
       *[other] { $n } reviews
    })
summary-comment = 💬 “{ $text }”
feedback-rated-busy = Thank you! Your rating: { $rating } of 5 (you can change it). To add a comment, finish what you are doing and press a rating again.
feedback-comment-late = Your rating ({ $rating } of 5) is saved. If this was a comment on the session, press a rating under the question again and write it right after.
summary-decimal-point = .
summary-more = …and { $n } more that did not fit in this message (each poll's results: /results).
