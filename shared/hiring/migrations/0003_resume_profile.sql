-- The structured resume: the parsed profile (the `hiring parse resume --json` shape), how sure the parser was,
-- and what it warned about. JSON Resume imports become resumes too, with the document kept as the original.

ALTER TABLE resumes
    ADD COLUMN profile     jsonb,
    ADD COLUMN confidence  numeric(4, 3) CHECK (confidence BETWEEN 0 AND 1),
    ADD COLUMN warnings    jsonb NOT NULL DEFAULT '[]'::jsonb,
    ADD COLUMN parser      text;

ALTER TABLE resumes DROP CONSTRAINT resumes_source_check;
ALTER TABLE resumes ADD CONSTRAINT resumes_source_check CHECK (source IN ('api', 'inbox', 'jsonresume'));

CREATE INDEX resumes_tenant_confidence_idx ON resumes (tenant_id, confidence) WHERE status = 'needs_review';
