-- One table for every question the bot waits for a typed answer to (bot/core/waiting.py):
-- officials' reports (were pending_inputs), admins' task edits (were admin_pending_edits),
-- the current question of a /new draft and a typed agency name after /join. One row per
-- person: asking a new question replaces the old one.

CREATE TABLE waiting (
    user_id    INTEGER PRIMARY KEY,
    flow       TEXT NOT NULL CHECK (flow IN ('act', 'edit', 'new', 'join')),
    kind       TEXT NOT NULL,
    task_id    INTEGER,
    nonce      TEXT NOT NULL,
    data       TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

INSERT INTO waiting (user_id, flow, kind, task_id, nonce, data, created_at, expires_at)
SELECT user_id, 'act', kind, task_id, lower(hex(randomblob(4))), data, created_at, expires_at
FROM pending_inputs;

-- An admin with both an official's question and an edit waiting: the edit was asked last
-- (starting an edit cleared the other), so it wins.
INSERT OR REPLACE INTO waiting (user_id, flow, kind, task_id, nonce, data, created_at, expires_at)
SELECT user_id, 'edit', kind, task_id, nonce, data, created_at, expires_at
FROM admin_pending_edits;

-- A draft whose question is on screen waits for its answer (its buttons work regardless).
INSERT OR IGNORE INTO waiting (user_id, flow, kind, task_id, nonce, data, created_at, expires_at)
SELECT owner_id, 'new', 'draft', NULL, lower(hex(randomblob(4))),
       json_object('draft', id), updated_at,
       strftime('%Y-%m-%dT%H:%M:%f', updated_at, '+30 days') || '000+00:00'
FROM drafts
WHERE state = 'active' AND prompt_message_id IS NOT NULL;

DROP TABLE pending_inputs;
DROP TABLE admin_pending_edits;
