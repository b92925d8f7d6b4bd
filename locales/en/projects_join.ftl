# Join or lead (issue 15, point 1): "I want to take part", "Lead the project", the contact consent, "My applications".

projects-join-btn-join = 🙋 I want to take part
projects-join-btn-lead = 🧭 Lead the project
projects-join-btn-leave = Leave the team
projects-join-btn-withdraw = Withdraw the application
projects-join-btn-unlead = Withdraw the offer to lead
projects-join-btn-next = Next
projects-join-btn-skip = Skip
projects-join-btn-contact-yes = ✅ Yes, show them
projects-join-btn-contact-no = No, first name only
projects-join-btn-mine = My applications
projects-join-btn-mine-leave = Leave the team of #{ $number }
projects-join-btn-mine-withdraw = Withdraw from #{ $number }

projects-join-help-hands = with my hands
projects-join-help-skills = with knowledge, my profession
projects-join-help-resources = with resources
projects-join-help-contacts = with connections

projects-join-note-member = You are in the project's team.
projects-join-note-applied = Your application to the team is waiting for the leader's answer.
projects-join-note-leader = You lead this project.
projects-join-note-lead-applied = Your offer to lead is waiting for the curators' decision.
projects-join-note-author = The project needs a leader. As the idea's author you may lead it first: press "Lead the project".

projects-join-consent-first = Please accept the new edition of the consent to data processing first: send /start.
projects-join-already-member = You have already offered to help project #{ $number }.
projects-join-already-leader = Your offer to lead project #{ $number } is already there.
projects-join-closed = Project #{ $number } is not taking applications now.
projects-join-has-leader = Project #{ $number } already has a leader.

projects-join-help-ask =
    How can you help project <b>#{ $number }</b>?
    Tick one or more and press "Next".
projects-join-help-none = Tick at least one.
projects-join-help-chosen = Project #{ $number }. Help: { $help }.
projects-join-note-ask =
    Add a short note for the leader: what you can do, when you are free (up to { $max } { $max ->
        [one] character
       *[other] characters
    }).
    Or press "Skip".
projects-join-note-text = Please type the note, or press "Skip".
projects-join-note-long =
    The note is long: { $count } { $count ->
        [one] character
       *[other] characters
    }, up to { $max } allowed. Make it shorter or press "Skip".
projects-join-note-skipped = No note.
projects-join-pitch-ask =
    Tell why you want to lead project <b>#{ $number }</b> and what experience you have.
    From { $min } to { $max } { $max ->
        [one] character
       *[other] characters
    }.
projects-join-pitch-text =
    Please type it as text: from { $min } to { $max } { $max ->
        [one] character
       *[other] characters
    }.
projects-join-pitch-short =
    Too short: { $count } { $count ->
        [one] character
       *[other] characters
    }, at least { $min } needed. Please tell more.
projects-join-pitch-long =
    Too long: { $count } { $count ->
        [one] character
       *[other] characters
    }, up to { $max } allowed. Please make it shorter.

projects-join-contact-ask =
    Show your name and @username to the project's leader and curators?
    Then they can get in touch. Without it you are still on the list, shown by first name only.
projects-join-contact-yes = Your name and @username will be shown to the project's leader and curators.
projects-join-contact-no = The project's leader and curators will see your first name only.
projects-join-done-member = 🙋 Your application to the team of project #{ $number } is sent. You'll get a message when the leader answers. Your applications are in "Settings", "My applications".
projects-join-done-leader = 🧭 Your offer to lead project #{ $number } is sent to the curators. Your applications are in "Settings", "My applications".

projects-join-nothing = There is no application for project #{ $number } any more.
projects-join-left-member = Done: you are off the list of project #{ $number }.
projects-join-left-leader = Your offer to lead project #{ $number } is withdrawn.

projects-join-mine-head = 📋 Your applications: { $count }
projects-join-mine-empty = 📋 No applications yet. Open an idea in /ideas and press "I want to take part" or "Lead the project".
projects-join-mine-line =
    <b>#{ $number }</b> { $title }
    { $role }: { $status }
projects-join-role-member = To the team
projects-join-role-leader = To lead
projects-join-status-member-applied = waiting for the leader's answer
projects-join-status-member-accepted = you are in the team
projects-join-status-leader-applied = waiting for the curators' decision
projects-join-status-leader-accepted = you lead it, see /project
