-- Admin tools: who granted or revoked admin rights (audit trail), and the one piece of
-- typed input an admin still owes the bot (e.g. a task's new deadline), so that an edit
-- started before a restart can be finished after it, or expires clearly.

CREATE TABLE admin_audit (
    id        INTEGER PRIMARY KEY,
    actor_id  INTEGER NOT NULL,
    target_id INTEGER NOT NULL,
    action    TEXT NOT NULL CHECK (action IN ('grant', 'revoke')),
    at        TEXT NOT NULL
);
CREATE INDEX admin_audit_target ON admin_audit (target_id, id);

CREATE TABLE admin_pending_edits (
    user_id    INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL,
    task_id    INTEGER REFERENCES tasks(id),
    nonce      TEXT NOT NULL,
    data       TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
