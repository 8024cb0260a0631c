-- A scraper upload answers with its import batch (issue 12): the batch row is created at upload time as
-- 'queued' and the import worker records its rows under that id ('running', then 'done' with its counts).
ALTER TABLE import_batches DROP CONSTRAINT IF EXISTS import_batches_status_check;
ALTER TABLE import_batches ADD CONSTRAINT import_batches_status_check
    CHECK (status IN ('queued', 'running', 'done', 'failed'));
