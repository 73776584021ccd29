-- A counter that moves whenever tasks or their agencies change, by any writer.
--
-- /stats counts every task of the province in the official classes (0.3-0.4 s at
-- 100,000 tasks, 20 ms for one big agency) although the counts change only when a task
-- does or the day turns. The bot keeps counts per (revision, day, scope) and reads this
-- one row to know whether they still hold; triggers keep it moving whoever writes (the
-- bot, the import CLI, the bulk loader), so no code path can forget to.
CREATE TABLE task_revision (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
);
INSERT INTO task_revision (id, n) VALUES (1, 0);

CREATE TRIGGER task_revision_tasks_insert AFTER INSERT ON tasks
BEGIN UPDATE task_revision SET n = n + 1; END;
CREATE TRIGGER task_revision_tasks_update AFTER UPDATE ON tasks
BEGIN UPDATE task_revision SET n = n + 1; END;
CREATE TRIGGER task_revision_tasks_delete AFTER DELETE ON tasks
BEGIN UPDATE task_revision SET n = n + 1; END;
CREATE TRIGGER task_revision_links_insert AFTER INSERT ON task_agencies
BEGIN UPDATE task_revision SET n = n + 1; END;
CREATE TRIGGER task_revision_links_update AFTER UPDATE ON task_agencies
BEGIN UPDATE task_revision SET n = n + 1; END;
CREATE TRIGGER task_revision_links_delete AFTER DELETE ON task_agencies
BEGIN UPDATE task_revision SET n = n + 1; END;
