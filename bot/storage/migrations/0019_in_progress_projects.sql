-- An idea «в работе» has its project in work (issue 15; from now on the status step itself moves the stage:
-- bot/storage/projects.py in_work_in). Ideas taken into work before that get their project's row here.
INSERT INTO projects (idea_id, stage, created_at, updated_at)
SELECT id, 'in_work', updated_at, updated_at FROM ideas WHERE status = 'in_progress'
ON CONFLICT (idea_id) DO UPDATE SET stage = 'in_work'
WHERE projects.stage NOT IN ('in_work', 'implemented', 'paused');
