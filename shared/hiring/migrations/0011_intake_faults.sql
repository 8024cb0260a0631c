-- Intake faults (issue 10): an inbox key is a redelivery only when its bytes hash to what was stored for it, so
-- one key may hold several resumes (a new file dropped under an earlier one's name is a new version, linked to
-- the earlier one); attempts are spaced and leased through next_attempt_at; expired in-flight queue messages are
-- found by their own index, ahead of the backlog.

ALTER TABLE resumes DROP CONSTRAINT resumes_tenant_id_inbox_key_key;
-- Rows without a hash (API uploads refused before their bytes were kept) never conflict: NULLs are distinct.
CREATE UNIQUE INDEX resumes_inbox_content_key ON resumes (tenant_id, inbox_key, sha256);
CREATE INDEX resumes_inbox_key_idx ON resumes (tenant_id, inbox_key, created_at);

ALTER TABLE resumes
    ADD COLUMN previous_id      uuid REFERENCES resumes(id) ON DELETE SET NULL,  -- the upload this one replaces
    ADD COLUMN next_attempt_at  timestamptz;  -- parsing: the attempt's lease ends; pending: the back-off ends

CREATE INDEX queue_messages_inflight_idx ON queue_messages (queue, visible_at) WHERE status = 'inflight';
