-- The office's digest of progress reports (issue #14): each admin may turn it off in
-- /settings. On by default, so that the office learns of reports without asking.

ALTER TABLE users ADD COLUMN report_digest INTEGER NOT NULL DEFAULT 1
    CHECK (report_digest IN (0, 1));
