## The idea page: /my, /ideas, curator cards, the link t.me/<bot>?start=idea_<N>
idea-page-head = 💡 <b>Idea #{ $number }</b> · { $status }
idea-page-status-new = under review
idea-page-status-accepted = accepted
idea-page-status-rejected = rejected
idea-page-status-in_progress = in progress
idea-page-status-implemented = implemented
idea-page-status-duplicate = a repeat of another idea
idea-page-facts = Direction: { $direction }
    Territory: { $territory }
    Place: { $place }
    Supported by: { $supports ->
        [one] { $supports } person
       *[other] { $supports } people
    }
idea-page-photos-above = Photos above: { $count }
idea-page-place-point = a point on the map
idea-page-place-none = not given
idea-page-territory-none = not given
idea-page-history = <b>History</b>
idea-page-step = { $date } — { $step }
idea-page-step-submitted = submitted
idea-page-step-accepted = accepted
idea-page-step-rejected = rejected
idea-page-step-in_progress = in progress
idea-page-step-implemented = implemented
idea-page-step-answer = curators' answer
idea-page-answer = <b>Curators' answer</b> ({ $date }):
    { $answer }
idea-page-reason = <b>Reason for rejection:</b> { $reason }
idea-page-not-public-note = This idea is not published: only its author and the curators can see it.
idea-page-own = This is your idea.
idea-page-supported = You support this idea.
idea-page-following = You follow this idea: a message comes when it changes.
idea-page-join = To support or follow this idea, set up first (it is short): press a button below.
idea-page-photos = Idea #{ $number }
idea-page-not-public = Idea #{ $number } is not published or does not exist. Published ideas are in /ideas.
idea-page-bad-link = This link to an idea is wrong. Published ideas are in /ideas.
idea-page-need-setup = A short set-up first, then the idea's page opens again.
idea-page-followed = You follow idea #{ $number }. A message comes when it changes.
idea-page-unfollowed = No more messages about idea #{ $number }.
idea-page-share-text = Support idea #{ $number }
idea-page-my-hint = Open an idea with the button bearing its number.
idea-page-btn-support = 👍 Support
idea-page-btn-withdraw = Withdraw support
idea-page-btn-follow = 🔔 Follow
idea-page-btn-unfollow = Unfollow
idea-page-btn-map = 📍 Show on the map
idea-page-btn-share = Share
idea-page-btn-answer = Answer the author and residents
idea-page-btn-list = « To the list of ideas
idea-page-btn-my = « To my ideas
idea-page-btn-number = #{ $number }
idea-page-btn-more = More

## The curators' answer (from the idea page)
idea-answer-ask = Write your answer to the author and residents on idea #{ $number } — up to { $max } { $max ->
        [one] character
       *[other] characters
    } — as a reply to this message. It appears on the idea's page; the author and those who follow the idea get a message. To cancel: /cancel
idea-answer-long = The answer is longer than { $max } { $max ->
        [one] character
       *[other] characters
    }: it has { $count } { $count ->
        [one] character
       *[other] characters
    }. Shorten it and send it again.
idea-answer-done = The answer is published on the page of idea #{ $number }. The author and those who follow the idea get a message.
idea-answer-cancelled = The answer was not sent.
card-page-link = <a href="{ $url }">Idea page</a>
notify-answer = The curators of "{ $direction }" answered your idea #{ $number }:

    { $answer }

    The answer is on the idea's page too: /my

## Notices for those who follow an idea
idea-news-in_progress = 🛠 Idea #{ $number }, which you follow, is now in progress.
idea-news-implemented = 🏁 Idea #{ $number }, which you follow, is implemented.
idea-news-answer = 💬 The curators answered idea #{ $number }, which you follow.
idea-news-excerpt = "{ $text }"
idea-news-answer-text = Answer: { $answer }
idea-news-btn-open = Open the idea
idea-news-btn-stop = Don't send such notices
idea-news-btn-resume = Turn them on again
idea-news-stopped = Notices about ideas you support or follow are off. Turn them on again with the button below or in /settings.
idea-news-resumed = Notices about ideas are on again.

## Audit log
audit-action-idea_answer = curators' answer on an idea published
