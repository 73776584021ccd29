-- Every agency a task names is reached: one assignment per unit (issue #15).
--
-- A task addressed to a collective ("UBND các xã, phường") or to several leads ("Sở A,
-- Sở B thực hiện") is done by each unit on its own: each reports progress, says it is
-- done, is confirmed by the office (with its real completion date), may be granted more
-- time and has its own status class. task_agencies keeps what the notice says (the
-- collective as lead, the supporting agencies); assignments hold one row per unit that
-- has to do the work. The task's own status follows its units (done when every unit is
-- done, or when the office closes it); a task with one lead has one assignment that
-- mirrors it, so it behaves exactly as before.

-- The directory: a collective's rule ({"members": [codes], "kinds": [...], "qualified":
-- bool}, JSON; NULL for anything else), and the CSV file an agency was imported from
-- (`agencies import`; such agencies are not deactivated by the sync of the TOML file).
ALTER TABLE agencies ADD COLUMN members_rule TEXT;
ALTER TABLE agencies ADD COLUMN imported_from TEXT;

-- Whom each collective stands for, resolved from the rules at every sync and import.
CREATE TABLE agency_members (
    group_id  INTEGER NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
    member_id INTEGER NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, member_id)
);

-- One row per unit that has to do a task. ``via_id`` is the collective lead the unit
-- came from (NULL: the notice names the unit itself). ``deadline`` is the unit's: the
-- task's, unless the office extended it for this unit. ``task_live`` (the task is not
-- cancelled) and ``is_open`` (live and not done) are kept by the triggers below, whoever
-- writes, so that counts and lists read this table alone.
CREATE TABLE assignments (
    id           INTEGER PRIMARY KEY,
    task_id      INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    agency_id    INTEGER NOT NULL REFERENCES agencies(id),
    via_id       INTEGER REFERENCES agencies(id),
    status       TEXT NOT NULL DEFAULT 'open'
                 CHECK (status IN ('open', 'reported_done', 'done')),
    deadline     TEXT,
    completed_on TEXT,
    task_live    INTEGER NOT NULL DEFAULT 1,
    is_open      INTEGER NOT NULL DEFAULT 1,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (task_id, agency_id)
);
-- An agency's units (lists, summaries), its open ones by deadline (overdue, upcoming,
-- who has not reported), and the open units the nudge plan walks by deadline.
CREATE INDEX assignments_agency ON assignments (agency_id, task_id);
CREATE INDEX assignments_agency_open ON assignments (agency_id, deadline, task_id)
    WHERE is_open = 1;
CREATE INDEX assignments_due ON assignments (deadline, task_id)
    WHERE is_open = 1 AND status = 'open';
-- What an agency's units finished in a week (the weekly summary).
CREATE INDEX assignments_done ON assignments (agency_id, completed_on) WHERE status = 'done';
-- A task's units by state ("12/99 đơn vị", the export's task sheet).
CREATE INDEX assignments_task ON assignments (task_id, status);
-- The counts in the official classes per agency, read from the index alone.
CREATE INDEX assignments_classes ON assignments (agency_id, task_live, status, deadline,
                                                 completed_on);

-- A writer that sets the flags right (the bulk loader does) pays only the check.
CREATE TRIGGER assignments_live_on_insert AFTER INSERT ON assignments
WHEN NEW.task_live IS NOT (SELECT t.status <> 'cancelled' FROM tasks t WHERE t.id = NEW.task_id)
  OR NEW.is_open IS NOT (NEW.status IN ('open', 'reported_done') AND (
         SELECT t.status <> 'cancelled' FROM tasks t WHERE t.id = NEW.task_id))
BEGIN
    UPDATE assignments SET
        task_live = (SELECT t.status <> 'cancelled' FROM tasks t WHERE t.id = NEW.task_id),
        is_open = NEW.status IN ('open', 'reported_done')
                  AND (SELECT t.status <> 'cancelled' FROM tasks t WHERE t.id = NEW.task_id)
    WHERE id = NEW.id;
END;

CREATE TRIGGER assignments_open_on_status AFTER UPDATE OF status ON assignments
WHEN (OLD.status IN ('open', 'reported_done')) IS NOT (NEW.status IN ('open', 'reported_done'))
BEGIN
    UPDATE assignments SET is_open = NEW.task_live AND NEW.status IN ('open', 'reported_done')
    WHERE id = NEW.id;
END;

CREATE TRIGGER assignments_live_on_task AFTER UPDATE OF status ON tasks
WHEN (OLD.status = 'cancelled') IS NOT (NEW.status = 'cancelled')
BEGIN
    UPDATE assignments SET
        task_live = NEW.status <> 'cancelled',
        is_open = NEW.status <> 'cancelled' AND status IN ('open', 'reported_done')
    WHERE task_id = NEW.id;
END;

-- Counts are kept per revision (0009): a unit's change is a change of the counts.
CREATE TRIGGER task_revision_units_insert AFTER INSERT ON assignments
BEGIN UPDATE task_revision SET n = n + 1; END;
CREATE TRIGGER task_revision_units_update AFTER UPDATE ON assignments
BEGIN UPDATE task_revision SET n = n + 1; END;
CREATE TRIGGER task_revision_units_delete AFTER DELETE ON assignments
BEGIN UPDATE task_revision SET n = n + 1; END;

-- An agency's open links by role, read from the index alone: the tasks it supports
-- (/tasks of a supporting agency; migration 0008's index has no role).
CREATE INDEX task_agencies_open_role ON task_agencies (agency_id, role, task_id)
    WHERE task_open = 1;

-- History: the unit an entry is about (a progress report, a done report and its
-- confirmation, an extension), NULL for the task as a whole.
ALTER TABLE task_events ADD COLUMN agency_id INTEGER REFERENCES agencies(id);
CREATE INDEX task_events_unit ON task_events (task_id, agency_id, kind, at)
    WHERE agency_id IS NOT NULL;

-- Supporting agencies' chats are nudged on the due day and when overdue (on by default).
ALTER TABLE subscriptions ADD COLUMN support_nudges INTEGER NOT NULL DEFAULT 1
    CHECK (support_nudges IN (0, 1));

-- Back-fill: every lead of every task becomes its unit, in the task's state. A lead that
-- is a collective stays a unit of its own here (its members are not known before the
-- directory sync); the bot replaces it by its members at start-up, for open tasks.
INSERT INTO assignments (task_id, agency_id, status, deadline, completed_on, created_at,
                         updated_at)
SELECT ta.task_id, ta.agency_id,
       CASE t.status WHEN 'cancelled' THEN 'open' ELSE t.status END,
       t.deadline,
       CASE WHEN t.status = 'done' THEN t.completed_on END,
       t.created_at, t.updated_at
FROM task_agencies ta JOIN tasks t ON t.id = ta.task_id
WHERE ta.role = 'lead'
ORDER BY ta.rowid;

-- A task with one lead: its done reports, confirmations and extensions were that lead's,
-- and so were the progress reports of anyone but a member of a supporting agency only.
UPDATE task_events SET agency_id = (
    SELECT ta.agency_id FROM task_agencies ta
    WHERE ta.task_id = task_events.task_id AND ta.role = 'lead'
)
WHERE (SELECT count(*) FROM task_agencies ta
       WHERE ta.task_id = task_events.task_id AND ta.role = 'lead') = 1
  AND (
    kind IN ('done_reported', 'done_confirmed', 'done_returned', 'extension_requested',
             'extension_approved', 'extension_rejected', 'recurred')
    OR (kind = 'progress' AND (
        actor_id IS NULL
        OR EXISTS (SELECT 1 FROM memberships m JOIN task_agencies ta
                   ON ta.agency_id = m.agency_id AND ta.role = 'lead'
                   WHERE m.user_id = task_events.actor_id
                     AND ta.task_id = task_events.task_id)
        OR NOT EXISTS (SELECT 1 FROM memberships m JOIN task_agencies ta
                       ON ta.agency_id = m.agency_id AND ta.role = 'support'
                       WHERE m.user_id = task_events.actor_id
                         AND ta.task_id = task_events.task_id)
    ))
  );
