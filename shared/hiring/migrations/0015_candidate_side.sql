-- The candidate side (issue 12): one candidate is one person (a new upload supersedes the earlier versions, which
-- stay as history), job search by keywords, desired roles, saved search preferences and the score history of a match.

-- A resume superseded by a newer version of the same person's resume: kept as history, never matched or listed.
ALTER TABLE resumes
    ADD COLUMN superseded_by  uuid REFERENCES resumes(id) ON DELETE SET NULL,
    ADD COLUMN superseded_at  timestamptz;
CREATE INDEX resumes_owner_versions_idx ON resumes (tenant_id, owner_user_id, created_at DESC);
CREATE INDEX resumes_previous_idx ON resumes (previous_id) WHERE previous_id IS NOT NULL;

-- Keyword search over title (weight A), company (B) and description (C), ranked with ts_rank.
ALTER TABLE jobs ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', coalesce(title, '')), 'A')
    || setweight(to_tsvector('english', coalesce(company, '')), 'B')
    || setweight(to_tsvector('english', coalesce(description, '')), 'C')
) STORED;
CREATE INDEX jobs_search_gin ON jobs USING gin (search_tsv);

-- What a candidate (a user) looks for: desired roles mapped to occupations, and saved search preferences.
CREATE TABLE candidate_settings (
    user_id            uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    tenant_id          uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    desired_roles      jsonb NOT NULL DEFAULT '[]'::jsonb,  -- [{title, occupation_code, occupation_title}]
    blocked_companies  jsonb NOT NULL DEFAULT '[]'::jsonb,
    search             jsonb NOT NULL DEFAULT '{}'::jsonb,  -- {q, skills, location, min_score}
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX candidate_settings_tenant_idx ON candidate_settings (tenant_id);

-- The score of a match at each refresh that changed it (written where matches are stored).
CREATE TABLE match_history (
    id               bigserial PRIMARY KEY,
    tenant_id        uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    resume_id        uuid NOT NULL REFERENCES resumes(id) ON DELETE CASCADE,
    job_id           uuid NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    score            numeric(5, 2) NOT NULL,
    grade            text,
    weights_version  text,
    scored_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX match_history_pair_idx ON match_history (tenant_id, resume_id, job_id, id);

-- Every write that (re)scores a match (a new pair, or a refresh that moved scored_at) leaves its row.
CREATE FUNCTION matches_record_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' OR OLD.scored_at IS DISTINCT FROM NEW.scored_at THEN
        INSERT INTO match_history (tenant_id, resume_id, job_id, score, grade, weights_version, scored_at)
        VALUES (NEW.tenant_id, NEW.resume_id, NEW.job_id, NEW.score, NEW.grade, NEW.weights_version, NEW.scored_at);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER matches_history AFTER INSERT OR UPDATE ON matches
    FOR EACH ROW EXECUTE FUNCTION matches_record_history();

ALTER TABLE candidate_settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON candidate_settings USING (hiring_tenant_visible(tenant_id)) WITH CHECK (hiring_tenant_visible(tenant_id));

ALTER TABLE match_history ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON match_history USING (hiring_tenant_visible(tenant_id)) WITH CHECK (hiring_tenant_visible(tenant_id));
