-- Indexes the benchmark (bench/, figures in bench/RESULTS.md) proved necessary.
--
-- Weekly summaries list, per agency, the tasks completed last week. Without this index the
-- query walked every finished task of the province once per agency: 30 ms for each of 134
-- agencies on 100,000 tasks.
CREATE INDEX tasks_status_completed ON tasks (status, completed_on);
