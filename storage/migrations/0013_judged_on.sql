-- The date a task of several units is judged against (bot.core.assignments.judged_on).
--
-- Each unit has its own deadline (the office may grant one unit a later date; the task's
-- ``deadline`` stays the notice's) and its own completion date, and a unit is judged
-- against its own deadline. The task as a whole is judged by its units too: open, against
-- the earliest deadline of a unit not done; done, late by its worst unit's lateness (the
-- date that many days before the task's completion), else on time (the latest unit
-- deadline, or the completion day when the office closed it after every unit had
-- finished on time). A task's only unit mirrors it, so this is its deadline. Kept by
-- storage.repo.units.UnitRepo.judge whenever a task's units change; NULL means
-- ``deadline`` (a task without a deadline stays without one).
ALTER TABLE tasks ADD COLUMN judged_on TEXT;

UPDATE tasks SET judged_on = CASE
    WHEN deadline IS NULL THEN NULL
    WHEN NOT EXISTS (SELECT 1 FROM assignments a
                     WHERE a.task_id = tasks.id AND a.deadline IS NOT NULL) THEN deadline
    WHEN status <> 'done' THEN coalesce(
        (SELECT min(a.deadline) FROM assignments a WHERE a.task_id = tasks.id
           AND a.deadline IS NOT NULL AND a.status <> 'done'),
        (SELECT min(a.deadline) FROM assignments a WHERE a.task_id = tasks.id
           AND a.deadline IS NOT NULL))
    WHEN completed_on IS NULL THEN
        (SELECT max(a.deadline) FROM assignments a WHERE a.task_id = tasks.id
           AND a.deadline IS NOT NULL)
    WHEN coalesce((SELECT max(CAST(julianday(a.completed_on) - julianday(a.deadline) AS INTEGER))
                   FROM assignments a WHERE a.task_id = tasks.id AND a.status = 'done'
                     AND a.deadline IS NOT NULL AND a.completed_on IS NOT NULL), 0) > 0 THEN
        date(completed_on, '-' || (
            SELECT max(CAST(julianday(a.completed_on) - julianday(a.deadline) AS INTEGER))
            FROM assignments a WHERE a.task_id = tasks.id AND a.status = 'done'
              AND a.deadline IS NOT NULL AND a.completed_on IS NOT NULL) || ' days')
    ELSE max(completed_on, (SELECT max(a.deadline) FROM assignments a
                            WHERE a.task_id = tasks.id AND a.deadline IS NOT NULL))
END
WHERE deadline IS NOT NULL;
