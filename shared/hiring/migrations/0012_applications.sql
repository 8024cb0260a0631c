-- Applications: a candidate applies to a job with a chosen resume; the match at that moment is snapshotted (score,
-- grade, breakdown, explanation, weights version) so the recruiter sees what the candidate applied with. The
-- pipeline moves it through applied -> screening -> interview -> offer -> hired, or rejected / withdrawn from any
-- open stage; every move is an application_events row (who, when, from, to, why), never rewritten.

CREATE TABLE applications (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id          uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    job_id             uuid NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    -- Erasing a person leaves the application anonymised for the funnel counts: both links are cleared.
    resume_id          uuid REFERENCES resumes(id) ON DELETE SET NULL,
    candidate_user_id  uuid REFERENCES users(id) ON DELETE SET NULL,
    source             text NOT NULL DEFAULT 'applied' CHECK (source IN ('applied', 'matched', 'imported', 'sourced')),
    status             text NOT NULL DEFAULT 'applied'
                       CHECK (status IN ('applied', 'screening', 'interview', 'offer', 'hired', 'rejected', 'withdrawn')),
    score              numeric(5, 2) NOT NULL CHECK (score BETWEEN 0 AND 100),
    grade              text NOT NULL CHECK (grade IN ('A+', 'A', 'B', 'C', 'D', 'F')),
    matched_skills     jsonb NOT NULL DEFAULT '[]'::jsonb,
    missing_skills     jsonb NOT NULL DEFAULT '[]'::jsonb,
    years_experience   numeric(4, 1),
    breakdown          jsonb NOT NULL,
    explanation        jsonb NOT NULL,
    weights_version    text NOT NULL,
    scorer             text NOT NULL,
    scored_from        text NOT NULL CHECK (scored_from IN ('stored_match', 'on_demand')),
    rejection_reason   text CHECK (length(rejection_reason) <= 1000),
    created_at         timestamptz NOT NULL DEFAULT now(),
    status_changed_at  timestamptz NOT NULL DEFAULT now()
);
-- One application per person and job (a second attempt answers 409 with this one).
CREATE UNIQUE INDEX applications_job_candidate_key ON applications (job_id, candidate_user_id)
    WHERE candidate_user_id IS NOT NULL;
CREATE INDEX applications_tenant_job_idx ON applications (tenant_id, job_id, score DESC);
CREATE INDEX applications_tenant_candidate_idx ON applications (tenant_id, candidate_user_id);

CREATE TABLE application_events (
    id              bigserial PRIMARY KEY,
    tenant_id       uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    application_id  uuid NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    actor_user_id   uuid REFERENCES users(id) ON DELETE SET NULL,
    actor_role      text NOT NULL CHECK (actor_role IN ('candidate', 'recruiter', 'admin', 'system')),
    from_status     text,
    to_status       text NOT NULL,
    reason          text CHECK (length(reason) <= 1000),
    created_at      timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX application_events_application_idx ON application_events (tenant_id, application_id, id);

ALTER TABLE applications ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON applications USING (hiring_tenant_visible(tenant_id)) WITH CHECK (hiring_tenant_visible(tenant_id));

ALTER TABLE application_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON application_events USING (hiring_tenant_visible(tenant_id)) WITH CHECK (hiring_tenant_visible(tenant_id));
