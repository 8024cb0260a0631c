-- The audit log (issue 12): an append-only record of what the platform decided and who acted. Every stored score
-- (resume, job, weights version, inputs digest), every application transition, every LLM call (linked to its
-- llm_calls row by id), every admin action (API keys, users, weights, imports), every export and deletion.
--
-- actor: a user id, 'system' (workers, schedules), or 'key:<scraper api key id>' (a bot). subject: what the entry
-- is about (subject_kind 'resume', 'job', 'user', 'api_key', 'llm_call', 'import_batch' ...; subject_id its id).
-- detail holds ids, versions, digests and counts, never personal data (names, emails, resume text), so that
-- erasing a person leaves the log intact and free of them. No foreign keys: the log outlives what it describes.

CREATE TABLE audit_log (
    id            bigserial PRIMARY KEY,
    tenant_id     uuid,                     -- NULL only for work outside any tenant (the CLI)
    actor         text NOT NULL CHECK (length(actor) BETWEEN 1 AND 80),
    kind          text NOT NULL CHECK (length(kind) BETWEEN 1 AND 60),
    subject_kind  text CHECK (length(subject_kind) <= 40),
    subject_id    text CHECK (length(subject_id) <= 80),
    detail        jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_tenant_id_idx ON audit_log (tenant_id, id DESC);
CREATE INDEX audit_log_tenant_kind_idx ON audit_log (tenant_id, kind, id DESC);
CREATE INDEX audit_log_tenant_actor_idx ON audit_log (tenant_id, actor, id DESC);
CREATE INDEX audit_log_subject_idx ON audit_log (tenant_id, subject_kind, subject_id);
CREATE INDEX audit_log_tenant_created_idx ON audit_log (tenant_id, created_at);

-- Append-only, twice over: the application role may only read and insert, and a trigger refuses any update,
-- delete or truncate, whoever asks (an owner or superuser must drop the trigger first, which is itself visible).
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM hiring_app;
GRANT SELECT, INSERT ON audit_log TO hiring_app;
GRANT USAGE, SELECT ON SEQUENCE audit_log_id_seq TO hiring_app;

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON audit_log USING (hiring_tenant_visible(tenant_id)) WITH CHECK (hiring_tenant_visible(tenant_id));
