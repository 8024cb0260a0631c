-- Outreach and suppression for sourcing (issue 14). One outreach per prospect: a deterministic draft citing the
-- prospect's evidence, its status (drafted -> sent -> replied -> converted, or opted_out from any) and every
-- transition with its actor and time. The suppression list holds keyed hashes of an email, a profile URL or a
-- GitHub login (never the value): it outlives prospect retention, so it must not itself be personal data in clear.
CREATE TABLE prospect_outreach (
    prospect_id  uuid PRIMARY KEY REFERENCES prospects(id) ON DELETE CASCADE,
    tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    status       text NOT NULL DEFAULT 'drafted'
                 CHECK (status IN ('drafted', 'sent', 'replied', 'converted', 'opted_out')),
    subject      text NOT NULL,
    body         text NOT NULL,
    citations    jsonb NOT NULL,
    history      jsonb NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX prospect_outreach_tenant ON prospect_outreach (tenant_id, status);
GRANT SELECT, INSERT, UPDATE, DELETE ON prospect_outreach TO hiring_app;

CREATE TABLE sourcing_suppressions (
    tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    kind        text NOT NULL CHECK (kind IN ('email', 'profile_url', 'github_login')),
    digest      text NOT NULL,
    reason      text NOT NULL CHECK (reason IN ('opted_out', 'admin')),
    created_by  text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, kind, digest)
);
GRANT SELECT, INSERT, UPDATE, DELETE ON sourcing_suppressions TO hiring_app;

ALTER TABLE prospect_outreach ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON prospect_outreach USING (hiring_tenant_visible(tenant_id)) WITH CHECK (hiring_tenant_visible(tenant_id));
ALTER TABLE sourcing_suppressions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON sourcing_suppressions USING (hiring_tenant_visible(tenant_id)) WITH CHECK (hiring_tenant_visible(tenant_id));
