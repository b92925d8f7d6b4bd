## Residents' ideas: /ideas, supports, reports, similar ideas

menu-ideas = 🗳 Residents' ideas

public-list-head = <b>🗳 Residents' ideas</b> — { $filter }, { $sort }.
    Total: { $total } · page { $page } of { $pages }
public-list-item = <b>#{ $number }</b> · { $status } · supporters: { $supports }
    { $excerpt }
    <i>{ $direction } · { $territory }</i>
public-list-empty = No published ideas here yet. Pick another filter or suggest your own: /idea.
public-list-hint = Press an idea's number to open it, support it or report it.
public-filter-all = all ideas
public-filter-direction = direction "{ $name }"
public-filter-territory = territory "{ $name }"
public-sort-supports = most supported first
public-sort-date = newest first
public-btn-sort-date = 🕒 Newest first
public-btn-sort-supports = 👍 Most supported
public-btn-filter = 🔎 Filter
public-filter-ask = <b>🔎 Which ideas to show?</b>
public-filter-pick-direction = <b>🧭 Ideas of which direction?</b>
public-filter-pick-territory = <b>📍 Ideas of which territory?</b> Only territories with published ideas are listed.
public-btn-all = 🗳 All ideas
public-btn-by-direction = 🧭 By direction
public-btn-by-territory = 📍 By territory
public-btn-back = « Back
public-btn-list = « Back to the list
public-territory-none = no territory given

public-status-accepted = ✅ accepted
public-status-in_progress = 🛠 in progress
public-status-implemented = 🏁 implemented

public-detail = <b>Idea #{ $number }</b> · { $status }

    { $text }

    { $direction }
    📍 { $territory }
    🗓 { $date }
    👍 Supporters: { $supports }
public-detail-own = ✍️ This is your idea: you cannot support or report your own idea.
public-detail-supported = 👍 You support this idea.
public-detail-reported = ⚠️ You reported this idea.
public-btn-support = 👍 Support
public-btn-withdraw = ↩️ Withdraw support
public-btn-report = ⚠️ Report

public-supported = You support idea #{ $number } now. Thank you!
public-already-supported = You already support idea #{ $number }.
public-withdrawn = Your support of idea #{ $number } is withdrawn.
public-not-supported = You did not support idea #{ $number }.
public-own-support = You cannot support your own idea.
public-own-report = You cannot report your own idea.
public-not-public = Idea #{ $number } is not public now: it was hidden pending review or withdrawn from publication. Open a fresh list: /ideas.

public-report-ask = <b>⚠️ Report idea #{ $number }</b>

    What is wrong with it? Moderators read the reports; after several reports the idea is hidden until they review it.
public-reason-spam = Spam or advertising
public-reason-abuse = Insults, personal data
public-reason-offtopic = Off topic
public-reason-dup = Repeats another idea
public-reason-none = No reason
public-reported = Thank you, the report is recorded. Moderators will look at idea #{ $number }.
public-already-reported = You already reported idea #{ $number }.
public-hidden-now = <b>Idea #{ $number } is hidden pending review.</b> Thank you, the report is recorded: moderators will decide whether it returns to the list.

public-threshold-reached = Your idea <b>#{ $number }</b> ("{ $direction }") now has { $supports } { $supports ->
    [one] supporter
   *[other] supporters
}. Thank you for suggesting it! All public ideas: /ideas.
public-staff-hidden = ⚠️ Idea <b>#{ $number }</b> was hidden after residents' reports ({ $reports }) and waits for review: /moderate.

    "{ $text }"
public-staff-restored = ♻️ Idea <b>#{ $number }</b> is public again: reports that hid it were withdrawn (the residents who made them deleted their data), and fewer than { $threshold } counted ones remain. To look at it: /moderate { $number }.

    "{ $text }"

## Similar ideas while writing a new one
idea-similar = 🔍 <b>Similar ideas are already public.</b> If one of them is about the same thing, support it: an idea with many supporters has a better chance of being carried out.
idea-similar-item = <b>#{ $number }</b> · { $status } · supporters: { $supports }
    { $excerpt }
idea-similar-foot = If yours is about something else, go on: its text is kept.
idea-similar-support = 👍 Support #{ $number } instead
idea-similar-continue = ✍️ Mine is different, continue
idea-similar-need = Similar ideas are shown above: support one of them with its button, or continue with yours.
idea-similar-supported = 👍 You support idea <b>#{ $number }</b> instead of writing your own. The draft is deleted. Thank you! All ideas: /ideas.
idea-similar-already = You already support idea <b>#{ $number }</b>. The draft is deleted. All ideas: /ideas.
public-need-setup = You can browse and support residents' ideas once you have given your consent and picked your territory. Start with /start.
