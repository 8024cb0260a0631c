-- Scraper bots: API keys (hashed, rate-limited), the rotating queue of roles to scrape, what bots uploaded,
-- and the alerts the watchdog raised. Every table carries tenant_id (alerts about the whole platform: NULL).

CREATE TABLE scraper_api_keys (
    id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id              uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    name                   text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    prefix                 text NOT NULL UNIQUE CHECK (prefix ~ '^[0-9a-f]{8}$'),  -- shown in listings and logs
    key_hash               text NOT NULL UNIQUE,  -- SHA-256 of the whole key; the key itself is never stored
    rate_limit_per_minute  integer NOT NULL CHECK (rate_limit_per_minute BETWEEN 1 AND 6000),
    -- A token bucket per key, kept here so the limit holds across every Lambda instance.
    bucket_tokens          double precision NOT NULL,
    bucket_updated_at      timestamptz NOT NULL DEFAULT now(),
    created_by             uuid REFERENCES users(id) ON DELETE SET NULL,
    created_at             timestamptz NOT NULL DEFAULT now(),
    last_used_at           timestamptz,
    revoked_at             timestamptz,
    revoked_by             uuid REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX scraper_api_keys_tenant_idx ON scraper_api_keys (tenant_id, created_at DESC);

CREATE TABLE scrape_roles (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id          uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    title              text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),  -- as an admin or a resume wrote it
    normalized_title   text NOT NULL CHECK (length(normalized_title) BETWEEN 1 AND 200),  -- what bots search for
    location_hints     text[] NOT NULL DEFAULT '{}',
    candidate_count    integer NOT NULL DEFAULT 0 CHECK (candidate_count >= 0),
    source             text NOT NULL CHECK (source IN ('admin', 'resumes')),
    active             boolean NOT NULL DEFAULT true,  -- a resume-derived role with no candidates left is retired
    status             text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'scraping')),
    claimed_by         uuid REFERENCES scraper_api_keys(id) ON DELETE SET NULL,
    started_at         timestamptz,  -- when the current (or last) cycle was handed out
    cycle_jobs         jsonb NOT NULL DEFAULT '{}'::jsonb,  -- the last completed cycle: {platform: jobs uploaded}
    last_completed_at  timestamptz,  -- the rotation order: never-scraped first, then least recently completed
    next_attempt_at    timestamptz,  -- after a failure, not handed out again before this (backoff)
    retry_count        integer NOT NULL DEFAULT 0 CHECK (retry_count >= 0),
    last_error         text,
    last_failed_at     timestamptz,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, normalized_title)
);
CREATE INDEX scrape_roles_rotation_idx ON scrape_roles (tenant_id, status, last_completed_at NULLS FIRST, created_at)
    WHERE active;

-- Which parsed resumes stand behind a resume-derived role, so "match this role's candidates" knows whom.
CREATE TABLE scrape_role_candidates (
    tenant_id  uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    role_id    uuid NOT NULL REFERENCES scrape_roles(id) ON DELETE CASCADE,
    resume_id  uuid NOT NULL REFERENCES resumes(id) ON DELETE CASCADE,
    PRIMARY KEY (role_id, resume_id)
);
CREATE INDEX scrape_role_candidates_tenant_idx ON scrape_role_candidates (tenant_id, role_id);

-- One platform's jobs for one role, as a bot uploaded them; the import consumer fills in the outcome.
CREATE TABLE scrape_uploads (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id        uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    role_id          uuid NOT NULL REFERENCES scrape_roles(id) ON DELETE CASCADE,
    key_id           uuid REFERENCES scraper_api_keys(id) ON DELETE SET NULL,
    platform         text NOT NULL CHECK (length(platform) BETWEEN 1 AND 50),
    job_count        integer NOT NULL CHECK (job_count >= 0),
    size_bytes       integer NOT NULL CHECK (size_bytes >= 0),
    blob_key         text,  -- set when the jobs were too large to travel inside the queue message
    status           text NOT NULL CHECK (status IN ('empty', 'queued', 'processing', 'imported', 'failed')),
    new_count        integer,
    updated_count    integer,
    duplicate_count  integer,
    failed_count     integer,
    error            text,
    processed_at     timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX scrape_uploads_role_idx ON scrape_uploads (tenant_id, role_id, created_at);
CREATE INDEX scrape_uploads_tenant_created_idx ON scrape_uploads (tenant_id, created_at DESC);

-- Every alert raised (the cloud also publishes to SNS); the watchdog's cool-down reads it back.
CREATE TABLE alerts (
    id              bigserial PRIMARY KEY,
    tenant_id       uuid REFERENCES tenants(id) ON DELETE CASCADE,  -- NULL: about the whole platform
    kind            text NOT NULL,
    subject         text NOT NULL,  -- what the alert is about ("role:<id>", "queue"): the cool-down key
    message         text NOT NULL,
    detail          jsonb NOT NULL DEFAULT '{}'::jsonb,
    delivered       boolean NOT NULL,
    delivery_error  text,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX alerts_tenant_created_idx ON alerts (tenant_id, created_at DESC);
CREATE INDEX alerts_cooldown_idx ON alerts (kind, subject, created_at DESC) WHERE delivered;
