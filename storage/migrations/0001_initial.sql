-- The whole domain: agencies, conclusions and their tasks, history, users, chats,
-- subscriptions and the notifications outbox. Times are UTC ISO-8601 text, dates ISO text.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE agencies (
    id           INTEGER PRIMARY KEY,
    code         TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    short_name   TEXT,
    kind         TEXT NOT NULL DEFAULT 'department',
    parent_id    INTEGER REFERENCES agencies(id) ON DELETE SET NULL,
    successor_id INTEGER REFERENCES agencies(id) ON DELETE SET NULL,
    active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    origin       TEXT NOT NULL DEFAULT 'directory' CHECK (origin IN ('directory', 'admin')),
    created_by   INTEGER,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);

CREATE TABLE agency_aliases (
    agency_id INTEGER NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
    alias     TEXT NOT NULL,
    PRIMARY KEY (agency_id, alias)
);

CREATE TABLE users (
    telegram_id INTEGER PRIMARY KEY,
    full_name   TEXT NOT NULL DEFAULT '',
    username    TEXT,
    role        TEXT NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin')),
    language    TEXT NOT NULL DEFAULT 'vi' CHECK (language IN ('vi', 'en')),
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX users_username ON users (username COLLATE NOCASE);
CREATE INDEX users_role ON users (role) WHERE role <> 'user';

CREATE TABLE memberships (
    user_id    INTEGER NOT NULL REFERENCES users(telegram_id) ON DELETE CASCADE,
    agency_id  INTEGER NOT NULL REFERENCES agencies(id),
    added_by   INTEGER,
    created_at TEXT NOT NULL,
    PRIMARY KEY (user_id, agency_id)
);
CREATE INDEX memberships_agency ON memberships (agency_id);

CREATE TABLE chats (
    chat_id         INTEGER PRIMARY KEY,
    type            TEXT NOT NULL CHECK (type IN ('private', 'group', 'supergroup', 'channel')),
    title           TEXT,
    active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    inactive_reason TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

CREATE TABLE subscriptions (
    chat_id    INTEGER NOT NULL REFERENCES chats(chat_id) ON UPDATE CASCADE ON DELETE CASCADE,
    agency_id  INTEGER NOT NULL REFERENCES agencies(id),
    nudges     INTEGER NOT NULL DEFAULT 1 CHECK (nudges IN (0, 1)),
    summaries  INTEGER NOT NULL DEFAULT 1 CHECK (summaries IN (0, 1)),
    created_by INTEGER,
    created_at TEXT NOT NULL,
    PRIMARY KEY (chat_id, agency_id)
);
CREATE INDEX subscriptions_agency ON subscriptions (agency_id);

CREATE TABLE conclusions (
    id          INTEGER PRIMARY KEY,
    number      TEXT,
    issuer      TEXT,
    signer      TEXT,
    issued_on   TEXT,
    meeting_on  TEXT,
    title       TEXT,
    source_text TEXT,
    created_by  INTEGER,
    created_at  TEXT NOT NULL
);

CREATE TABLE tasks (
    id            INTEGER PRIMARY KEY,
    conclusion_id INTEGER NOT NULL REFERENCES conclusions(id),
    ordinal       TEXT NOT NULL DEFAULT '',
    position      INTEGER NOT NULL DEFAULT 0,
    text          TEXT NOT NULL,
    deadline      TEXT,
    deadline_text TEXT,
    deadline_kind TEXT NOT NULL DEFAULT 'none' CHECK (deadline_kind IN ('date', 'none', 'recurring')),
    recurrence    TEXT,
    status        TEXT NOT NULL DEFAULT 'open'
                  CHECK (status IN ('open', 'reported_done', 'done', 'cancelled')),
    completed_on  TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX tasks_status_deadline ON tasks (status, deadline);
CREATE INDEX tasks_conclusion ON tasks (conclusion_id, position);

CREATE TABLE task_agencies (
    task_id   INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    role      TEXT NOT NULL CHECK (role IN ('lead', 'support')),
    PRIMARY KEY (task_id, agency_id)
);
CREATE INDEX task_agencies_agency ON task_agencies (agency_id, role, task_id);

CREATE TABLE task_events (
    id       INTEGER PRIMARY KEY,
    task_id  INTEGER NOT NULL REFERENCES tasks(id),
    kind     TEXT NOT NULL,
    actor_id INTEGER,
    at       TEXT NOT NULL,
    note     TEXT,
    data     TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX task_events_task ON task_events (task_id, id);
CREATE INDEX task_events_kind_at ON task_events (kind, at);

CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    dedupe_key      TEXT NOT NULL UNIQUE,
    chat_id         INTEGER NOT NULL,
    kind            TEXT NOT NULL,
    payload         TEXT NOT NULL,
    state           TEXT NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'cancelled')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error      TEXT,
    sent_message_id INTEGER,
    created_at      TEXT NOT NULL,
    sent_at         TEXT
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
CREATE INDEX outbox_chat ON outbox (chat_id, state);
