-- The slice: resumes, jobs, matches, status history, rejected inputs, the local work queue, embeddings.

CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE resumes (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id      uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    owner_user_id  uuid REFERENCES users(id) ON DELETE SET NULL,
    source         text NOT NULL CHECK (source IN ('api', 'inbox')),
    filename       text NOT NULL,
    content_type   text,
    size_bytes     bigint,
    sha256         text,
    inbox_key      text NOT NULL,   -- where the upload arrived (the trigger's key)
    blob_key       text,            -- where the original is kept after intake
    status         text NOT NULL CHECK (status IN ('pending', 'parsing', 'parsed', 'failed', 'needs_review')),
    status_reason  text,
    error_code     text,
    text_content   text,
    page_count     integer,
    skills         jsonb NOT NULL DEFAULT '[]'::jsonb,
    attempts       integer NOT NULL DEFAULT 0,
    parsed_at      timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    -- A redelivered notification for the same object finds its row instead of creating another.
    UNIQUE (tenant_id, inbox_key)
);
CREATE INDEX resumes_tenant_status_idx ON resumes (tenant_id, status);
CREATE INDEX resumes_owner_idx ON resumes (owner_user_id);

CREATE TABLE jobs (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    created_by   uuid REFERENCES users(id) ON DELETE SET NULL,
    external_id  text,
    platform     text,
    title        text NOT NULL,
    company      text,
    location     text,
    description  text NOT NULL,
    skills       jsonb NOT NULL DEFAULT '[]'::jsonb,
    status       text NOT NULL CHECK (status IN ('active', 'closed', 'expired')),
    posted_at    timestamptz NOT NULL DEFAULT now(),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX jobs_tenant_status_idx ON jobs (tenant_id, status);
CREATE UNIQUE INDEX jobs_external_key ON jobs (tenant_id, platform, external_id) WHERE external_id IS NOT NULL;

CREATE TABLE matches (
    tenant_id       uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    resume_id       uuid NOT NULL REFERENCES resumes(id) ON DELETE CASCADE,
    job_id          uuid NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    score           numeric(5, 2) NOT NULL CHECK (score BETWEEN 0 AND 100),
    matched_skills  jsonb NOT NULL DEFAULT '[]'::jsonb,
    missing_skills  jsonb NOT NULL DEFAULT '[]'::jsonb,
    scorer          text NOT NULL,
    status          text NOT NULL DEFAULT 'suggested',
    scored_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (resume_id, job_id)
);
CREATE INDEX matches_tenant_job_idx ON matches (tenant_id, job_id, score DESC);
CREATE INDEX matches_tenant_resume_idx ON matches (tenant_id, resume_id, score DESC);

-- Every status a resume or job passes through, with its reason: visible at every step.
CREATE TABLE status_events (
    id          bigserial PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    entity      text NOT NULL CHECK (entity IN ('resume', 'job')),
    entity_id   uuid NOT NULL,
    status      text NOT NULL,
    reason      text,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX status_events_entity_idx ON status_events (entity, entity_id, id);

-- Input refused before it became a record (malformed job JSON, unknown tenant in a drop path, ...).
CREATE TABLE rejected_inputs (
    id          bigserial PRIMARY KEY,
    tenant_id   uuid REFERENCES tenants(id) ON DELETE CASCADE,
    kind        text NOT NULL,
    source      text NOT NULL,
    reason      text NOT NULL,
    detail      jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- The local work queue (SQS stands in the cloud): claimed with FOR UPDATE SKIP LOCKED.
CREATE TABLE queue_messages (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    queue          text NOT NULL,
    body           jsonb NOT NULL,
    dedup_key      text,
    status         text NOT NULL DEFAULT 'ready' CHECK (status IN ('ready', 'inflight', 'dead')),
    receive_count  integer NOT NULL DEFAULT 0,
    receipt        uuid,
    visible_at     timestamptz NOT NULL DEFAULT now(),
    last_error     text,
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX queue_messages_ready_idx ON queue_messages (queue, visible_at) WHERE status <> 'dead';
CREATE UNIQUE INDEX queue_messages_dedup_key ON queue_messages (queue, dedup_key)
    WHERE dedup_key IS NOT NULL AND status <> 'dead';

CREATE TABLE embeddings (
    tenant_id  uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    kind       text NOT NULL CHECK (kind IN ('resume', 'job')),
    ref_id     uuid NOT NULL,
    embedding  vector(384) NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, kind, ref_id)
);
CREATE INDEX embeddings_hnsw_idx ON embeddings USING hnsw (embedding vector_cosine_ops);
