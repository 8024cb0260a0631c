-- The matching engine: every stored match carries its breakdown, explanation, grade and the weights version that
-- produced it; a lifecycle with feedback; per-tenant weight profiles; hard-filter exclusions; candidate preferences.

ALTER TABLE matches
    ADD COLUMN breakdown          jsonb NOT NULL DEFAULT '{}'::jsonb,
    ADD COLUMN explanation        jsonb NOT NULL DEFAULT '{}'::jsonb,
    ADD COLUMN grade              text CHECK (grade IN ('A+', 'A', 'B', 'C', 'D', 'F')),
    ADD COLUMN recommended        boolean NOT NULL DEFAULT false,
    ADD COLUMN weights_version    text,
    ADD COLUMN retrieval          jsonb NOT NULL DEFAULT '{}'::jsonb,  -- {vector_rank, skill_rank, rrf, direction}
    ADD COLUMN status_changed_at  timestamptz;

UPDATE matches SET status = 'suggested' WHERE status NOT IN ('suggested', 'viewed', 'applied', 'shortlisted', 'rejected');
ALTER TABLE matches ADD CONSTRAINT matches_status_check
    CHECK (status IN ('suggested', 'viewed', 'applied', 'shortlisted', 'rejected'));
CREATE INDEX matches_tenant_resume_status_idx ON matches (tenant_id, resume_id, status);

-- Every status change, with who made it and why: kept for later learning, never rewritten.
CREATE TABLE match_feedback (
    id           bigserial PRIMARY KEY,
    tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    resume_id    uuid NOT NULL REFERENCES resumes(id) ON DELETE CASCADE,
    job_id       uuid NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    user_id      uuid REFERENCES users(id) ON DELETE SET NULL,
    role         text NOT NULL,
    from_status  text NOT NULL,
    to_status    text NOT NULL,
    reason       text CHECK (length(reason) <= 1000),
    rating       smallint CHECK (rating BETWEEN 1 AND 5),
    score        numeric(5, 2),
    weights_version text,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX match_feedback_pair_idx ON match_feedback (tenant_id, resume_id, job_id, id);

-- A tenant's weight profile per role level; the newest version is in force, older ones explain older scores.
CREATE TABLE match_weight_profiles (
    tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    level       text NOT NULL CHECK (level IN ('entry', 'mid', 'senior')),
    version     text NOT NULL,
    settings    jsonb NOT NULL,
    created_by  uuid REFERENCES users(id) ON DELETE SET NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, level, version)
);
CREATE INDEX match_weight_profiles_current_idx ON match_weight_profiles (tenant_id, level, created_at DESC);

-- Jobs a hard filter kept from a candidate's list, with the reasons (replaced on every re-match).
CREATE TABLE match_exclusions (
    tenant_id        uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    resume_id        uuid NOT NULL REFERENCES resumes(id) ON DELETE CASCADE,
    job_id           uuid NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    reasons          jsonb NOT NULL,
    weights_version  text NOT NULL,
    evaluated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (resume_id, job_id)
);
CREATE INDEX match_exclusions_tenant_idx ON match_exclusions (tenant_id, resume_id);

-- What a candidate asks for (salary, arrangement, relocation): optional, read by the location and salary components.
CREATE TABLE candidate_preferences (
    resume_id        uuid PRIMARY KEY REFERENCES resumes(id) ON DELETE CASCADE,
    tenant_id        uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    salary_min       numeric(12, 2) CHECK (salary_min > 0),
    salary_currency  text CHECK (salary_currency ~ '^[A-Z]{3}$'),
    arrangement      text CHECK (arrangement IN ('remote', 'hybrid', 'on-site')),
    relocate         boolean NOT NULL DEFAULT false,
    updated_at       timestamptz NOT NULL DEFAULT now()
);

-- Skill-overlap retrieval in both directions: `skills ?| names` on the skill arrays.
CREATE INDEX jobs_skills_gin ON jobs USING gin (skills);
CREATE INDEX resumes_skills_gin ON resumes USING gin (skills);
