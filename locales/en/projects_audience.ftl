## Projects (issue 15): broadcasts and announcements to projects' leaders and teams, a session's projects, the audit

# /broadcast: recipients
bc-aud-leaders = 🧭 Project leaders in a direction
bc-aud-teams = 👥 Project teams in a direction
bc-ask-leaders = Project leaders in which direction? (with how many will receive it)
bc-ask-teams = Project teams in which direction? (with how many will receive it)
bc-label-leaders = project leaders in “{ $direction }”
bc-label-teams = project teams in “{ $direction }”

# /announce: a session announcement's recipients
pja-aud-leaders = Project leaders in "{ $direction }" · { $n }
pja-aud-teams = Project teams in "{ $direction }" · { $n }

# A session's projects
pja-btn-session-projects = 🧩 Session projects · { $n }
pja-btn-detach = ✖ Untie #{ $number }
pja-btn-back = ← Back to the session
pja-card-projects = { $n ->
    [one] Project
   *[other] Projects
}: { $projects }
pja-manage-in-teams = Registrants in the session projects' teams: { $n }
pja-projects-title = 🧩 Projects of session #{ $number } “{ $title }”
pja-projects-line = #{ $number } { $title }
pja-projects-ask = To tie a project, send the idea's number, for example <code>12</code>. To untie one, use the buttons below.
pja-projects-full = The session has as many projects as it can. Untie one to add another.
pja-projects-bad-number = Send the idea's number in digits, for example <code>12</code>, or go back to the session with the button above.
pja-projects-no-such = Idea #{ $number } is not among the published ones: only a published idea can be tied.
pja-attached = ✅ Project #{ $number } is tied to the session.
pja-attach-refused = Project #{ $number } is tied already, or the session has as many projects as it can.
pja-detached = Project #{ $number } untied

# The summary of a session tied to projects
pja-summary-in-teams = Registrants in the session projects' teams: { $n }, of them { $came } came

# /delete_me of a leader: to the curators
pja-leader-gone = 🧭 Project #{ $number } “{ $title }” is looking for a leader again: its leader deleted their data with /delete_me. The team stays with the project: choose a new leader on the idea's card or with /moderate { $number }.

# /delete_me of a leader: to the project's team
pja-team-leader-gone = 🧭 The project of idea #{ $number } is looking for a leader again: its leader no longer leads it. You stay in the team, and the curators will choose a new leader. You can offer to lead it on the idea's page.

# /audit: project actions
audit-action-project_leader_accepted = offer to lead a project accepted
audit-action-project_leader_declined = offer to lead a project declined
audit-action-session_project_attach = project tied to a session
audit-action-session_project_detach = project untied from a session
audit-field-person = resident
audit-field-project = project
audit-stage-seeking_leader = looking for a leader
audit-stage-gathering_team = gathering a team
audit-stage-in_work = in progress
audit-stage-implemented = implemented
audit-stage-paused = paused
audit-person-gone = data deleted
audit-action-project_leader_gone = leader's data deleted, the project looks for a leader again
