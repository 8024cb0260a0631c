-- The work queue over time: every 15 minutes the scrape_watchdog schedule records one sample per tenant (its
-- messages waiting in the Postgres work queue, the oldest one's age, its dead letters) with the queue port's
-- overall depth (SQS ApproximateNumberOfMessages in AWS, every tenant's). The same step deletes samples older
-- than 30 days. GET /api/admin/metrics/series reads the largest sample in each bucket.
CREATE TABLE queue_samples (
    id bigserial PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    sampled_at timestamptz NOT NULL,
    depth integer NOT NULL,
    oldest_age_s real,
    dead_letters integer NOT NULL,
    depth_all_tenants integer NOT NULL
);
CREATE INDEX queue_samples_tenant_at ON queue_samples (tenant_id, sampled_at);
CREATE INDEX queue_samples_at ON queue_samples (sampled_at);
GRANT SELECT, INSERT, UPDATE, DELETE ON queue_samples TO hiring_app;
GRANT USAGE, SELECT, UPDATE ON SEQUENCE queue_samples_id_seq TO hiring_app;

ALTER TABLE queue_samples ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON queue_samples USING (hiring_tenant_visible(tenant_id)) WITH CHECK (hiring_tenant_visible(tenant_id));
