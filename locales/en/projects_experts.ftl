# Experts (/experts), similar experience on a project's page, calls for help (issue 15, points 4 and 5).
cmd-experts = Project experts

experts-empty = 🎓 No experts yet. Add the first one with "Add an expert".
experts-head = 🎓 Experts: { $count }. Tap a name to open the card.
experts-line = { $name } — { $field }, { $region }
experts-contact = Contact: { $contact }
experts-federal = federal
experts-no-consent = (no consent: not shown to leaders)
experts-card = { $line }
    Consent to be shown and contacted: { $consent }
    Telegram: { $telegram }
experts-consent-yes = yes
experts-consent-no = no
experts-telegram-yes = known, project pages are sent to the expert
experts-telegram-no = not given
experts-btn-add = ➕ Add an expert
experts-btn-prev = ← Back
experts-btn-next = Next →
experts-btn-attach = Attach to a project
experts-btn-remove = Remove from the list
experts-btn-list = « To the list
experts-btn-federal = Federal
experts-btn-consent-yes = Yes, they consented
experts-btn-consent-no = No consent
experts-btn-skip = Skip
experts-gone = This expert is no longer on the list.
experts-removed = The expert is removed from the list and from projects.
experts-ask-name = Write the expert's full name (up to { $max } { $max ->
        [one] character
       *[other] characters
    }).
experts-ask-field = Write the expert's field: how they can help (up to { $max } { $max ->
        [one] character
       *[other] characters
    }).
experts-ask-region = Write the expert's region or press "Federal" (up to { $max } { $max ->
        [one] character
       *[other] characters
    }).
experts-ask-contact = Write the expert's contact: a phone, an email or @username (up to { $max } { $max ->
        [one] character
       *[other] characters
    }).
experts-ask-consent = Has the expert agreed to be shown to project leaders and contacted? Without consent leaders will not see them.
experts-ask-telegram = If the expert uses the bot, forward any message of theirs here or write their numeric Telegram id: they will get project pages. Or press "Skip".
experts-telegram-bad = This is neither a forwarded message from the expert nor a numeric id. Forward their message, write the id or press "Skip".
experts-too-long = It takes 1 to { $max } { $max ->
        [one] character
       *[other] characters
    }; this is { $count }. Please write it again.
experts-added = ✅ The expert is added.
experts-ask-project = Write the number of the idea whose project gets this expert, e.g. 12.
experts-project-bad = There is no such published idea. Write the number of an accepted idea, e.g. 12, or /cancel.
experts-attached-already = This expert is already attached to project #{ $number }.
experts-attached = ✅ The expert is attached to project #{ $number }.
experts-attached-leader = The project's leader got their contacts.
experts-attached-no-consent = The expert has not consented: the project's leader will not see them.
experts-attached-page = The project's page was sent to the expert.
experts-attached-unreachable = The project's page could not be sent to the expert: they have no chat with the bot.
experts-leader-told = 🎓 An expert is attached to your project #{ $number }. They are listed on the project's page.
experts-invited = 🎓 You are invited as an expert to project #{ $number }. The project's page is below.
experts-page-head = The project's experts:

experience-head = Similar experience:
experience-line = • { $title } ({ $region }): { $takeaway }
experience-link = { $link }
experience-btn-open = 🧩 Similar experience
experience-btn-add = ➕ Add similar experience
experience-btn-remove = Remove: { $title }
experience-empty = Project #{ $number } has no similar experience yet.
experience-list = Similar experience of project #{ $number }:
experience-ask = Send similar experience for project #{ $number } in four lines:
    the project's title
    the region
    a link (http:// or https://) or "-" if there is none
    what to take from it, in one line
experience-bad-lines = It takes exactly four lines: title, region, a link or "-", what to take from it. Send them again or /cancel.
experience-bad-link = A link starts with http:// or https:// and has no spaces. Send the four lines again, or "-" instead of the link.
experience-too-long = Too long: the title takes up to { $title } { $title ->
        [one] character
       *[other] characters
    }, the region up to { $region }, what to take up to { $takeaway }. Send it again.
experience-full = The project already has { $max ->
        [one] { $max } piece
       *[other] { $max } pieces
    } of similar experience. Remove one first.
experience-added = ✅ Similar experience is added to the page of idea #{ $number }.
experience-removed = Similar experience is removed from the page.

call-btn-ask = 📣 Call for help
call-btn-send = Send to the curators
call-btn-send-now = Send to residents
call-btn-approve = Accept
call-btn-decline = Reject
call-btn-join = 🙋 I want to take part
call-not-yours = A call for help can be sent by the project's leader or a curator, once the project says what help it needs.
call-preview = 📣 A call for help for project #{ $number }
    Needed: { $needs }

    Residents of the project's territory subscribed to its direction will get it: { $count }. The curators check it first.
call-preview-staff = 📣 A call for help for project #{ $number }
    Needed: { $needs }

    Residents of the project's territory subscribed to its direction will get it: { $count }.
call-pending = A call for help of project #{ $number } is already waiting for the curators.
call-sent-already = A call with these needs was already sent for project #{ $number }. Change what help is needed to call again.
call-asked = The call for help of project #{ $number } is sent to the curators. A message will come when they decide.
call-out = 📣 The call for help of project #{ $number } is sent. Recipients: { $count }.
call-card = 📣 A call for help: project #{ $number }
    Needed: { $needs }

    Asked by the leader: { $who }
    Recipients: { $count } (residents of the project's territory subscribed to the direction).
call-decided-already = This call has been decided already.
call-approved-card = Accepted: { $who }. Recipients: { $count }.
call-declined-card = Rejected: { $who }.
call-approved = 📣 The curators accepted the call for help of project #{ $number }. Recipients: { $count }.
call-declined = The curators did not accept the call for help of project #{ $number }. You can say more precisely what help is needed and ask again.
call-message = 📣 Project #{ $number } needs help
    { $text }

    Needed: { $needs }

    Press "I want to take part" to open the project's page and join.

audit-action-expert_added = expert added
audit-action-expert_removed = expert removed from the list
audit-action-project_expert = expert attached to a project
audit-action-project_experience = similar experience added to a project
audit-action-project_experience_removed = similar experience removed from a project
audit-action-project_call_asked = the leader asked to send a call for help
audit-action-project_call_approved = call for help accepted
audit-action-project_call_declined = call for help rejected
audit-field-expert = expert
audit-field-consented = the expert's consent
audit-field-title = similar experience
audit-field-needs = needed
