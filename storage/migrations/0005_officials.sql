-- Officials: task queries, diacritic-insensitive search and pending chat inputs.
--
-- Search: officials type without diacritics ("so hoa" must find "số hóa"). tasks.search_text
-- holds the folded text (bot.normalize.fold: lower case, no diacritics, "đ" -> "d"), written
-- by TaskRepo whenever a task's text is written. An FTS5 index over that column (external
-- content, kept in step by the triggers below) makes /find an index lookup instead of a
-- LIKE '%…%' scan over every task. The triggers use plain SQL only, so any SQLite client may
-- write tasks; nv_fold() is registered by storage.db only for the back-fill here.

ALTER TABLE tasks ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
UPDATE tasks SET search_text = nv_fold(text);

CREATE VIRTUAL TABLE tasks_fts USING fts5(
    search_text, content = 'tasks', content_rowid = 'id', tokenize = 'unicode61'
);
INSERT INTO tasks_fts(tasks_fts) VALUES ('rebuild');

CREATE TRIGGER tasks_fts_insert AFTER INSERT ON tasks BEGIN
    INSERT INTO tasks_fts(rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER tasks_fts_delete AFTER DELETE ON tasks BEGIN
    INSERT INTO tasks_fts(tasks_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER tasks_fts_update AFTER UPDATE OF search_text ON tasks BEGIN
    INSERT INTO tasks_fts(tasks_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO tasks_fts(rowid, search_text) VALUES (new.id, new.search_text);
END;

-- Open tasks, most urgent first: the order of /tasks for admins (whole province) walks
-- this index instead of sorting every open task; no deadline sorts last.
CREATE INDEX tasks_open_urgency ON tasks (coalesce(deadline, '9999-12-31'), id)
    WHERE status IN ('open', 'reported_done');
-- Recently completed tasks (/done).
CREATE INDEX tasks_status_completed ON tasks (status, completed_on);

-- What a user is about to type after pressing a button ("Báo cáo tiến độ", "Trả lại"...):
-- one per user, kept across restarts, refused with a clear message once expired.
CREATE TABLE pending_inputs (
    user_id    INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL,
    task_id    INTEGER NOT NULL,
    data       TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
