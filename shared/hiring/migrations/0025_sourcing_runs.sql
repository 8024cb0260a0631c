-- Sourcing runs (issue 14): a recruiter asks for prospects for a job; the run keeps the search keywords and boolean
-- search strings generated from the job's analysis (titles and O*NET alternates, required skills and their
-- taxonomy aliases, locations), so bots and people search with the same terms later.
CREATE TABLE sourcing_runs (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id     uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    job_id        uuid NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    created_by    uuid REFERENCES users(id) ON DELETE SET NULL,
    status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'failed')),
    locations     jsonb NOT NULL DEFAULT '[]'::jsonb,
    result_limit  integer NOT NULL CHECK (result_limit BETWEEN 1 AND 1000),
    keywords      jsonb NOT NULL,
    boolean_strings jsonb NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sourcing_runs_tenant_created ON sourcing_runs (tenant_id, created_at DESC);
CREATE INDEX sourcing_runs_job ON sourcing_runs (job_id);
GRANT SELECT, INSERT, UPDATE, DELETE ON sourcing_runs TO hiring_app;

ALTER TABLE sourcing_runs ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON sourcing_runs USING (hiring_tenant_visible(tenant_id)) WITH CHECK (hiring_tenant_visible(tenant_id));
