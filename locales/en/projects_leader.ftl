## A project leader's tools (/project, /bind_team, project updates)

pjl-none = You do not lead any project yet. Curators choose project leaders: you can offer to lead on an accepted idea's page.
pjl-pick = ⚙️ Choose a project.
pjl-pick-item = #{ $number }: { $text }
pjl-title = ⚙️ Project #{ $number } — { $stage }
pjl-stage-seeking_leader = looking for a leader
pjl-stage-gathering_team = gathering a team
pjl-stage-in_work = in progress
pjl-stage-implemented = implemented
pjl-stage-paused = paused
pjl-needs = Help needed: { $needs }
pjl-needs-none = Help needed: not set yet.
pjl-team = { $count ->
    [one] { $count } person in the team:
   *[other] { $count } people in the team:
}
pjl-team-empty = Nobody is in the team yet.
pjl-person = • { $name } — { $help }
pjl-person-plain = • { $name }
pjl-help-hands = hands-on
pjl-help-skills = knowledge, profession
pjl-help-resources = resources
pjl-help-contacts = contacts
pjl-applicants = Waiting for an answer: { $count }
pjl-note = "{ $note }"
pjl-group-bound = The team's group is bound.
pjl-group-none = No team group yet: add the bot to a group as an administrator and send /bind_team there.
pjl-btn-accept = ✅ Accept: { $name }
pjl-btn-decline = Decline: { $name }
pjl-btn-needs = Help needed
pjl-btn-update = 📣 Project update
pjl-btn-resign = Step down
pjl-btn-page = Idea page
pjl-not-leader = Only the project's leader manages it.
pjl-accepted-you = 🎉 Your application to the team of project #{ $number } is accepted.
pjl-declined-you = Your application to the team of project #{ $number } is declined. Thank you for offering to help.
pjl-decided = The answer is sent.
pjl-decided-already = This application was answered already, or withdrawn.
pjl-needs-ask = Write what help project #{ $number } still needs, e.g. "a lawyer, a designer, 5 volunteers for a clean-up". Up to { $max } { $max ->
    [one] character
   *[other] characters
}. To clear the list, send "-".
pjl-needs-long = The text is longer than { $max } { $max ->
    [one] character
   *[other] characters
}: please shorten it.
pjl-needs-saved = The list of help needed is saved.
pjl-needs-cleared = The list of help needed is cleared.
pjl-update-ask = 📣 Write the update of project #{ $number } in one message. The team, the idea's followers and its supporters will get it.
pjl-update-short = The update is too short: at least { $min } { $min ->
    [one] character
   *[other] characters
} are needed.
pjl-update-long = The update is longer than { $max } { $max ->
    [one] character
   *[other] characters
}: please shorten it.
pjl-update-too-soon = Project updates can go out at most once a day. The next one can be sent after { $when } ({ time-local }).
pjl-update-preview = This is how the recipients will see the update. Send it?
pjl-btn-send = Send
pjl-btn-cancel = Cancel
pjl-update-sent = 📣 The update of project #{ $number } is going out.
pjl-update-cancelled = The update is not sent.
pjl-news = 📣 Update of project #{ $number }
pjl-news-idea = Idea: { $text }
pjl-curators-update = 📣 An update of project #{ $number } is going out to its team, the idea's followers and supporters. Recipients: { $count }.
pjl-btn-stop = Stop
pjl-stopped = The update of project #{ $number } is stopped.
pjl-stop-late = The update has already gone out: there is nothing to stop.
pjl-stopped-leader = The curators stopped the update of project #{ $number }.
pjl-resign-ask = Step down as the leader of project #{ $number }? The project goes back to the curators, the team stays.
pjl-btn-resign-yes = Yes, step down
pjl-btn-resign-no = Stay the leader
pjl-resigned = You no longer lead project #{ $number }. It is handed back to the curators, with the team intact.
pjl-stay = You still lead project #{ $number }.
pjl-curators-handback = 🧭 Project #{ $number } has no leader any more and is back with the curators. The team stays: { $count }.
pjl-bind-only-leader = Only a project's leader can bind the team's group.
pjl-bind-pick = Which project should this group be bound to?
pjl-bind-not-admin = First make the bot an administrator of the group that may invite users, then send /bind_team again.
pjl-bind-done = 🤝 The group is bound to project #{ $number }. Personal links were sent to team members: { $count }.
pjl-invite = 🔗 The team group of project #{ $number }. The link is personal: it lets you in once.
pjl-btn-join = Join the group
pjl-joined = 👋 A new member in the team group of project #{ $number }: { $name }.
audit-action-project_update = a project update sent
audit-action-project_update_stop = a project update stopped
audit-action-project_team_chat = a project's team group bound
audit-action-project_member_accepted = an application to a project's team accepted
audit-action-project_member_declined = an application to a project's team declined
audit-action-project_needs = a project's help needed changed
export-broadcast-project = project update
