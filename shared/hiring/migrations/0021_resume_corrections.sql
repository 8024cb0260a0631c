-- What a candidate corrected in the parser's reading of their resume (issue 13): the name and contact, skills
-- added or removed, an experience entry's title, company and dates. The parser's output (resumes.profile) stays
-- as it was; the effective profile, which matching and the profile page read, is that output with these applied.
-- One row per resume, replaced by each correction, with who made it and when. Erasing the resume erases it.
CREATE TABLE resume_corrections (
    resume_id    uuid PRIMARY KEY REFERENCES resumes(id) ON DELETE CASCADE,
    tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    corrections  jsonb NOT NULL,  -- hiring.resume.corrections.Corrections
    updated_by   uuid REFERENCES users(id) ON DELETE SET NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX resume_corrections_tenant_idx ON resume_corrections (tenant_id);

ALTER TABLE resume_corrections ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON resume_corrections USING (hiring_tenant_visible(tenant_id)) WITH CHECK (hiring_tenant_visible(tenant_id));
