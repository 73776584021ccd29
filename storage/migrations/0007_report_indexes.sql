-- Reports over tens of thousands of tasks stay index-driven.
--
-- The latest event of one kind per task (the latest progress report in every export row
-- and on every task card) becomes one index seek instead of a walk through the task's
-- history. The export pages themselves walk tasks_conclusion (keyset pagination) and the
-- agency filter uses task_agencies_agency; both exist since 0001.
CREATE INDEX task_events_task_kind ON task_events (task_id, kind, id);
