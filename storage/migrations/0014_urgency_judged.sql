-- Open tasks, most urgent first, by the date each is judged against (migration 0013): a
-- task of several units whose only unit still open was granted a later date is within
-- that date, and its list row shows it, so it sorts there, not by the notice's deadline
-- (the office's /tasks listed such a task above the overdue ones). Same name, so the
-- lists' ``INDEXED BY`` still finds it (storage.repo.queries._URGENCY).
DROP INDEX tasks_open_urgency;
CREATE INDEX tasks_open_urgency ON tasks (coalesce(judged_on, deadline, '9999-12-31'), id)
    WHERE status IN ('open', 'reported_done');
