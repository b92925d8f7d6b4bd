## Projects: stages from /project, managing a project from the idea's page, an expert detached from a project (revC)

revc-btn-stage-in_work = Start the work
revc-btn-stage-implemented = Project implemented
revc-btn-stage-paused = Pause
revc-btn-resume = Resume
revc-implemented-ask = Mark project #{ $number } as implemented? The author, the team, the idea's followers and supporters will get the survey "Did it work?". This cannot be undone.
revc-btn-implemented-yes = Yes, it is implemented
revc-btn-implemented-no = No, back to the project
revc-stage-toast = Project #{ $number }: { $stage }.
revc-stage-missing = Idea #{ $number } is no longer published.
revc-stage-already = This stage no longer fits project #{ $number }: the screen is updated.
revc-btn-manage = ⚙️ Manage the project
revc-expert-projects = Projects: { $numbers }
revc-expert-no-projects = No projects yet.
revc-btn-detach = Detach from #{ $number }
revc-detached = The expert is detached from project #{ $number }.
revc-detached-already = The expert is no longer attached to project #{ $number }.
audit-action-project_expert_detached = expert detached from a project
revc-number = #{ $number }
