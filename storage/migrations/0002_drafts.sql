-- Conclusions being recorded in chat (/new, /import). The draft's content and the step
-- its author stopped at are JSON (bot.drafts.Draft); ``revision`` grows with every
-- change, and buttons carry it, so a stale or replayed button can be recognised.
-- ``prompt_message_id`` is the bot message holding the current question's buttons
-- (its keyboard is removed when the next question is asked); it is no part of the
-- revision, so recording it does not make the new buttons stale.

CREATE TABLE drafts (
    id            INTEGER PRIMARY KEY,
    owner_id      INTEGER NOT NULL,
    kind          TEXT NOT NULL DEFAULT 'new' CHECK (kind IN ('new', 'import')),
    state         TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'saved', 'cancelled')),
    revision      INTEGER NOT NULL DEFAULT 1,
    data          TEXT NOT NULL,
    conclusion_id INTEGER REFERENCES conclusions(id),
    prompt_message_id INTEGER,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE UNIQUE INDEX drafts_one_active ON drafts (owner_id) WHERE state = 'active';
