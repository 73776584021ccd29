-- Joining an agency: invitation links (only a hash of the token is kept), who used them,
-- and join requests decided by admins (with the admin messages to update afterwards).

CREATE TABLE invites (
    id          INTEGER PRIMARY KEY,
    token_hash  TEXT NOT NULL UNIQUE,
    agency_id   INTEGER NOT NULL REFERENCES agencies(id),
    max_uses    INTEGER NOT NULL CHECK (max_uses > 0),
    uses        INTEGER NOT NULL DEFAULT 0 CHECK (uses >= 0),
    expires_at  TEXT NOT NULL,
    created_by  INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    revoked_at  TEXT,
    revoked_by  INTEGER
);
CREATE INDEX invites_active ON invites (revoked_at, expires_at);

CREATE TABLE invite_uses (
    invite_id INTEGER NOT NULL REFERENCES invites(id) ON DELETE CASCADE,
    user_id   INTEGER NOT NULL,
    at        TEXT NOT NULL,
    PRIMARY KEY (invite_id, user_id)
);

CREATE TABLE join_requests (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(telegram_id) ON DELETE CASCADE,
    agency_id  INTEGER NOT NULL REFERENCES agencies(id),
    state      TEXT NOT NULL DEFAULT 'pending'
               CHECK (state IN ('pending', 'approved', 'rejected')),
    created_at TEXT NOT NULL,
    decided_by INTEGER,
    decided_at TEXT
);
-- At most one open request per person and agency.
CREATE UNIQUE INDEX join_requests_open ON join_requests (user_id, agency_id)
    WHERE state = 'pending';
CREATE INDEX join_requests_state ON join_requests (state, created_at);

CREATE TABLE join_request_messages (
    request_id INTEGER NOT NULL REFERENCES join_requests(id) ON DELETE CASCADE,
    chat_id    INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    PRIMARY KEY (request_id, chat_id, message_id)
);
