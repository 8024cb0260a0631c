-- Application packs (issue 14): a candidate's resume tailored to one job (its lines, each with the profile field it
-- came from, and the JSON Resume built from them), the ATS keyword coverage before and after, and the cover letter
-- draft. Personal data: exported with the resume (GET /api/me/export) and erased with it (ON DELETE CASCADE). The
-- PDF and DOCX are rendered from the stored lines when asked for, never stored.
CREATE TABLE application_packs (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id       uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    resume_id       uuid NOT NULL REFERENCES resumes(id) ON DELETE CASCADE,
    job_id          uuid NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    application_id  uuid REFERENCES applications(id) ON DELETE CASCADE,
    owner_user_id   uuid REFERENCES users(id) ON DELETE CASCADE,
    content         jsonb NOT NULL,  -- hiring.services.packs.PackContent
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX application_packs_tenant_resume_idx ON application_packs (tenant_id, resume_id, created_at DESC);

ALTER TABLE application_packs ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON application_packs USING (hiring_tenant_visible(tenant_id)) WITH CHECK (hiring_tenant_visible(tenant_id));
