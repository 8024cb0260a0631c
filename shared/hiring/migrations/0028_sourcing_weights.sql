-- Per-tenant weights of the six-factor prospect score (issue 14); without a row the defaults apply (experience 25,
-- education 20, career trajectory 20, company relevance 15, location 10, tenure 10, in percent).
CREATE TABLE sourcing_weights (
    tenant_id   uuid PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
    weights     jsonb NOT NULL,
    updated_by  uuid REFERENCES users(id) ON DELETE SET NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT, UPDATE, DELETE ON sourcing_weights TO hiring_app;

ALTER TABLE sourcing_weights ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON sourcing_weights USING (hiring_tenant_visible(tenant_id)) WITH CHECK (hiring_tenant_visible(tenant_id));
