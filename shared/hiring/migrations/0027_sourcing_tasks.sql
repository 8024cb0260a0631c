-- Sourcing tasks and prospects (issue 14): a run becomes one task per location (or one without a place); bots
-- holding scraper API keys claim tasks (a claim older than the lease is handed out again), upload prospect profiles
-- (each row validated alone) and complete or fail them (a failure waits a backoff, three end the task). Prospects
-- are kept once per run: the same profile URL, email, or name + current company is a duplicate.
CREATE TABLE sourcing_tasks (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id          uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    run_id             uuid NOT NULL REFERENCES sourcing_runs(id) ON DELETE CASCADE,
    location           text,
    query              text NOT NULL,
    status             text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'claimed', 'done', 'failed')),
    claimed_by         uuid,
    claimed_at         timestamptz,
    next_attempt_at    timestamptz,
    attempts           integer NOT NULL DEFAULT 0,
    last_error         text CHECK (length(last_error) <= 2000),
    profiles_received  integer NOT NULL DEFAULT 0,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sourcing_tasks_tenant_status ON sourcing_tasks (tenant_id, status, created_at);
CREATE INDEX sourcing_tasks_run ON sourcing_tasks (run_id);
GRANT SELECT, INSERT, UPDATE, DELETE ON sourcing_tasks TO hiring_app;

CREATE TABLE prospects (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id     uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    run_id        uuid NOT NULL REFERENCES sourcing_runs(id) ON DELETE CASCADE,
    task_id       uuid REFERENCES sourcing_tasks(id) ON DELETE SET NULL,
    name          text NOT NULL,
    profile       jsonb NOT NULL,
    source        text NOT NULL,
    dedupe_keys   text[] NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX prospects_tenant_run ON prospects (tenant_id, run_id);
CREATE INDEX prospects_dedupe ON prospects USING gin (dedupe_keys);
GRANT SELECT, INSERT, UPDATE, DELETE ON prospects TO hiring_app;

ALTER TABLE sourcing_tasks ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON sourcing_tasks USING (hiring_tenant_visible(tenant_id)) WITH CHECK (hiring_tenant_visible(tenant_id));
ALTER TABLE prospects ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON prospects USING (hiring_tenant_visible(tenant_id)) WITH CHECK (hiring_tenant_visible(tenant_id));
