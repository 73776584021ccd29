-- Nudges and weekly summaries: files attached to outbox messages (the province chart).
-- The PNG is stored once, when the summary is composed, so that the picture always matches
-- its caption and a restart can still send it; Telegram's file_id is kept after the first
-- upload so that further admins get the same file without uploading it again.
CREATE TABLE outbox_files (
    sha256           TEXT PRIMARY KEY,
    content          BLOB NOT NULL,
    file_name        TEXT NOT NULL,
    telegram_file_id TEXT,
    created_at       TEXT NOT NULL
);
