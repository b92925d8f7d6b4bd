# Projects (issue 15, point 2): curators choose the leader, project stages

choose-stage-seeking_leader = looking for a leader
choose-stage-gathering_team = gathering a team
choose-stage-in_work = in progress
choose-stage-implemented = implemented
choose-stage-paused = paused

# The curators' project panel (card, /moderate #N)
choose-btn-open = 🧭 Project and applicants
choose-panel-head = <b>🧭 Project of idea #{ $number }</b>
choose-panel-stage = Stage: { $stage }
choose-panel-leader = Leader: { $name }
choose-panel-no-leader = Leader: none yet
choose-panel-counts = Want to take part: { $applied }, in the team: { $accepted }, ready to lead: { $leaders }.
choose-panel-candidates = Ready to lead:
choose-panel-candidate = • { $name }: "{ $pitch }"
choose-panel-candidate-declined = • { $name } (declined earlier): "{ $pitch }"
choose-panel-more = …and { $count } more { $count ->
        [one] offer
       *[other] offers
    }.
choose-panel-nobody = Nobody has offered to lead it yet.
choose-btn-appoint = Appoint as leader: { $name }
choose-btn-replace = Replace the leader with: { $name }
choose-btn-remove = Remove the leader
choose-btn-stage = Move to the stage: { $stage }
choose-btn-resume = Resume the project

# The reason of an appointment, a replacement, a removal
choose-ask-appoint = { $who }, reply to this message: why does { $name } become the leader of the project of idea #{ $number }? The people concerned will see the reason. Changed your mind? Reply "cancel".
choose-ask-replace = { $who }, reply to this message: why is the leader of the project of idea #{ $number } replaced with { $name }? The people concerned will see the reason. Changed your mind? Reply "cancel".
choose-ask-remove = { $who }, reply to this message: why is the leader of the project of idea #{ $number } removed? The leader will see the reason. Changed your mind? Reply "cancel".
choose-cancelled = Nothing changed: the project of idea #{ $number } stays as it was.
choose-appointed = The leader of the project of idea #{ $number } is appointed: { $name }. The leader and the other applicants have been told.
choose-removed = The leader of the project of idea #{ $number } is removed; the project is looking for a leader again. The team stays; the leader has been told.
choose-missing = Idea #{ $number } is no longer published: there is no project.
choose-not-offered = This person no longer offers to lead the project of idea #{ $number }.
choose-already = That is done already: the panel of the project of idea #{ $number } is out of date.
choose-stage-toast = Project of idea #{ $number }: { $stage }.

# Notices to people
choose-told-appointed = 🧭 You are appointed the leader of the project of idea #{ $number }.
    Reason: { $reason }
    The project's team and the offers to join it are in /project.
choose-told-replaced = Another person will now lead the project of idea #{ $number }.
    Reason: { $reason }
    Thank you for your work on the project.
choose-told-not-chosen = The curators chose another leader for the project of idea #{ $number }.
    Reason: { $reason }
    Your offer is kept: if a leader is needed again, the curators will see it.
choose-told-removed = You no longer lead the project of idea #{ $number }.
    Reason: { $reason }
    The project's team stays; the project is looking for a leader again.

# The idea page and /ideas
choose-page-stage = Project: { $stage }
choose-page-stage-leader = Project: { $stage }, leader: { $name }
choose-filter-stage = projects: { $stage }
choose-btn-by-stage = 🧭 By project stage
choose-filter-ask = <b>🧭 Projects at which stage to show?</b>

# /audit
audit-action-project_leader = project leader appointed
audit-action-project_leader_dropped = project leader removed
audit-action-project_stage = project stage changed
audit-field-leader = leader
audit-field-replaced = instead of
audit-field-declined = offers declined
audit-field-stage = stage
