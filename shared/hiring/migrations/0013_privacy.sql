-- Privacy by design (issue 12): a person's choices about automated processing, and the tombstones erasures leave.

-- What a user allows: ai_processing false -> no LLM sees their resumes; automated_ranking false -> recruiters see
-- them unranked and flagged for manual review (GDPR Art. 22). No row: both allowed (the defaults).
CREATE TABLE privacy_settings (
    user_id            uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    tenant_id          uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    ai_processing      boolean NOT NULL DEFAULT true,
    automated_ranking  boolean NOT NULL DEFAULT true,
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX privacy_settings_tenant_idx ON privacy_settings (tenant_id);

-- One row per erasure, holding no personal data: what kind of subject, why, who asked (a role, not a person),
-- and how much was removed. The subject's id names rows that no longer exist.
CREATE TABLE erasures (
    id          bigserial PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    subject     text NOT NULL CHECK (subject IN ('account', 'resume')),
    subject_id  uuid NOT NULL,
    trigger     text NOT NULL CHECK (trigger IN ('request', 'staff', 'retention')),
    actor_role  text,
    counts      jsonb NOT NULL DEFAULT '{}'::jsonb,  -- {resumes, blobs, vectors, rows...}: numbers only
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX erasures_tenant_idx ON erasures (tenant_id, created_at DESC);

ALTER TABLE privacy_settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON privacy_settings USING (hiring_tenant_visible(tenant_id)) WITH CHECK (hiring_tenant_visible(tenant_id));

ALTER TABLE erasures ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON erasures USING (hiring_tenant_visible(tenant_id)) WITH CHECK (hiring_tenant_visible(tenant_id));
