-- Converting a prospect to a candidate (issue 14) needs their consent: the record of it, an invitation-like entry
-- holding the address they gave and, when the tenant already has a candidate account with that address, the link
-- to it. No account is created without the person: they register (or sign in) themselves with that address.
CREATE TABLE prospect_conversions (
    prospect_id   uuid PRIMARY KEY REFERENCES prospects(id) ON DELETE CASCADE,
    tenant_id     uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    email         text NOT NULL CHECK (length(email) <= 254),
    user_id       uuid REFERENCES users(id) ON DELETE SET NULL,
    status        text NOT NULL CHECK (status IN ('invited', 'linked')),
    consent_at    timestamptz NOT NULL,
    recorded_by   uuid,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX prospect_conversions_tenant ON prospect_conversions (tenant_id);
GRANT SELECT, INSERT, UPDATE, DELETE ON prospect_conversions TO hiring_app;
ALTER TABLE prospect_conversions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON prospect_conversions USING (hiring_tenant_visible(tenant_id)) WITH CHECK (hiring_tenant_visible(tenant_id));
