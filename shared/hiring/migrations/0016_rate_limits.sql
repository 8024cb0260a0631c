-- Request rate limits (issue 12): token buckets shared by every API instance (Lambdas share nothing else).
-- One row per bucket: a user's or a client address's uploads within a tenant. The key is an HMAC-SHA256 under a
-- server-side pepper of (scope, tenant, user id or address), so no address or id is stored in clear. A bucket
-- holds up to its burst in tokens and refills at its rate; one atomic INSERT ... ON CONFLICT DO UPDATE ...
-- RETURNING per check both refills and spends (hiring.stores.rate_limits.take). A bucket that has been full for a
-- while says nothing a missing one would not: quiet rows are deleted a few at a time (updated_at index).
CREATE TABLE rate_limit_buckets (
    key_hash    text PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    tokens      double precision NOT NULL CHECK (tokens >= 0),
    granted     boolean NOT NULL,
    updated_at  timestamptz NOT NULL
);
CREATE INDEX rate_limit_buckets_updated_idx ON rate_limit_buckets (updated_at);
GRANT SELECT, INSERT, UPDATE, DELETE ON rate_limit_buckets TO hiring_app;

ALTER TABLE rate_limit_buckets ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON rate_limit_buckets USING (hiring_tenant_visible(tenant_id)) WITH CHECK (hiring_tenant_visible(tenant_id));
