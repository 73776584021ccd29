-- An agency's open tasks without walking its whole history.
--
-- /tasks of an agency counted its open tasks by listing every task it ever had (five
-- years of them) and looking up each task's status: 4-6 ms per list on the benchmark's
-- province, every time an official asks. task_agencies now carries whether its task is
-- open, kept by triggers whatever writes the tasks (the bot, the import CLI, the bulk
-- loader), and a partial index holds exactly an agency's open tasks.
ALTER TABLE task_agencies ADD COLUMN task_open INTEGER NOT NULL DEFAULT 1;

UPDATE task_agencies SET task_open = (
    SELECT t.status IN ('open', 'reported_done') FROM tasks t WHERE t.id = task_agencies.task_id
);

CREATE INDEX task_agencies_open ON task_agencies (agency_id, task_id) WHERE task_open = 1;

CREATE TRIGGER task_agencies_open_on_insert AFTER INSERT ON task_agencies
BEGIN
    UPDATE task_agencies SET task_open = (
        SELECT t.status IN ('open', 'reported_done') FROM tasks t WHERE t.id = NEW.task_id
    ) WHERE rowid = NEW.rowid;
END;

CREATE TRIGGER tasks_open_on_status AFTER UPDATE OF status ON tasks
WHEN (OLD.status IN ('open', 'reported_done')) IS NOT (NEW.status IN ('open', 'reported_done'))
BEGIN
    UPDATE task_agencies SET task_open = (NEW.status IN ('open', 'reported_done'))
    WHERE task_id = NEW.id;
END;
