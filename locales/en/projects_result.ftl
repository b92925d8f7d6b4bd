# A project's result (issue 15, points 6 and 8): "Did it work?", "How is it now?", /stats numbers, exports.

survey-result-ask =
    🎉 The project for idea #{ $number } is implemented. Did it work?
    "{ $text }"
    Answer with one tap: the curators will see it.
survey-followup-ask =
    🕊 Three weeks have passed since the project for idea #{ $number } was implemented. How is it now?
    "{ $text }"
    Answer with one tap.
survey-btn-yes = Yes
survey-btn-partly = Partly
survey-btn-no = No
survey-btn-skip = No comment
survey-answered =
    Thank you! Your answer: { $answer }.
    If you like, write a comment in one message (up to { $limit } { $limit ->
        [one] character
       *[other] characters
    }). Or press "No comment".
survey-thanks = Thank you! Your answer: { $answer }.
survey-not-yours = This question was not sent to you, or it is closed.
survey-comment-thanks = Thank you, the comment has been passed to the curators.
survey-comment-text = The comment should be text. Or press "No comment".
survey-comment-too-long = The comment is a bit long: { $length } { $length ->
    [one] character
   *[other] characters
    }, up to { $limit } allowed. Please make it shorter.
survey-result-counts = Residents on the result: yes — { $yes }, partly — { $partly }, no — { $no }
survey-followup-counts = How it is now: yes — { $yes }, partly — { $partly }, no — { $no }
survey-comment-line = — { $answer }: "{ $comment }"

stats-projects = Projects: leaders — { $leaders }
stats-project-stage = • { $stage }: { $count }
stats-project-stage-seeking_leader = looking for a leader
stats-project-stage-gathering_team = gathering a team
stats-project-stage-in_work = in progress
stats-project-stage-implemented = implemented
stats-project-stage-paused = paused
stats-projects-teams = Teams: members — { $total }, on average — { $average }
stats-projects-needs = Still need help: projects — { $count }
stats-projects-surveys-none = Residents on the result: no answers yet

export-kind-projects = 🧭 Projects
export-kind-team = 🙋 Teams
export-col-stage = Stage
export-col-leader = Leader
export-col-team-size = Members
export-col-needs = Help needed
export-col-experts = Experts
export-col-result-yes = Worked: yes
export-col-result-partly = Worked: partly
export-col-result-no = Worked: no
export-col-followup-yes = Three weeks later: yes
export-col-followup-partly = Three weeks later: partly
export-col-followup-no = Three weeks later: no
export-col-project = Project #
export-col-first-name = First name
export-col-help = How they help
export-col-role = Role
export-col-offer-status = Offer status
export-col-since = Offered ({ time-local })
export-help-hands = with their hands
export-help-skills = with knowledge, a profession
export-help-resources = with resources
export-help-contacts = with connections
export-role-member = member
export-role-leader = leader
export-offer-applied = awaiting a decision
export-offer-accepted = accepted
export-offer-declined = declined
export-offer-left = left the project
export-broadcast-survey = project result survey
survey-curators-result =
    💬 Result of idea #{ $number }: a resident answered "{ $answer }" and commented:
    "{ $comment }"
    { $counts }
survey-curators-followup =
    💬 Idea #{ $number } three weeks on: a resident answered "{ $answer }" and commented:
    "{ $comment }"
    { $counts }
