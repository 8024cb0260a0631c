-- Job intelligence: analysed postings, feed imports as batch records, cross-platform de-duplication.

ALTER TABLE jobs
    ADD COLUMN analysis_status   text NOT NULL DEFAULT 'pending'
        CHECK (analysis_status IN ('pending', 'analyzing', 'analyzed', 'failed')),
    ADD COLUMN analysis_error    text,
    ADD COLUMN analysis          jsonb,
    ADD COLUMN occupation_code   text,
    ADD COLUMN seniority         text,
    ADD COLUMN required_skills   jsonb NOT NULL DEFAULT '[]'::jsonb,
    ADD COLUMN preferred_skills  jsonb NOT NULL DEFAULT '[]'::jsonb,
    ADD COLUMN experience_min    numeric(4, 1),
    ADD COLUMN experience_max    numeric(4, 1),
    ADD COLUMN education_level   text,
    ADD COLUMN work_arrangement  text,
    ADD COLUMN employment_type   text,
    ADD COLUMN salary_min        numeric(12, 2),
    ADD COLUMN salary_max        numeric(12, 2),
    ADD COLUMN salary_currency   text,
    ADD COLUMN salary_period     text,
    ADD COLUMN salary_raw        text,
    ADD COLUMN quality_score     integer,
    ADD COLUMN location_city     text,
    ADD COLUMN location_region   text,
    ADD COLUMN location_country  text,
    ADD COLUMN url               text,
    ADD COLUMN raw               jsonb,          -- the row as it arrived, for re-analysis and audits
    ADD COLUMN content_hash      text,           -- what the poster said; an unchanged re-import changes nothing
    ADD COLUMN dedup_key         text,           -- normalised company | title | location
    ADD COLUMN duplicate_of      uuid REFERENCES jobs(id) ON DELETE SET NULL,
    ADD COLUMN import_batch_id   uuid;

ALTER TABLE jobs DROP CONSTRAINT jobs_status_check;
ALTER TABLE jobs ADD CONSTRAINT jobs_status_check CHECK (status IN ('active', 'closed', 'expired', 'duplicate'));

CREATE INDEX jobs_dedup_idx ON jobs (tenant_id, dedup_key) WHERE duplicate_of IS NULL;
CREATE INDEX jobs_search_idx ON jobs (tenant_id, status, posted_at DESC);

CREATE TABLE import_batches (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    platform     text NOT NULL,
    source       text NOT NULL,            -- file name, "api", "scraper:<key prefix>", "board:<company>"
    status       text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed')),
    total        integer NOT NULL DEFAULT 0,
    new          integer NOT NULL DEFAULT 0,
    updated      integer NOT NULL DEFAULT 0,
    unchanged    integer NOT NULL DEFAULT 0,
    duplicate    integer NOT NULL DEFAULT 0,
    failed       integer NOT NULL DEFAULT 0,
    created_by   uuid REFERENCES users(id) ON DELETE SET NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    finished_at  timestamptz
);
CREATE INDEX import_batches_tenant_idx ON import_batches (tenant_id, created_at DESC);

CREATE TABLE import_errors (
    batch_id    uuid NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
    tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    row_number  integer NOT NULL,
    reason      text NOT NULL,
    raw         text,
    PRIMARY KEY (batch_id, row_number)
);

-- What each public job board last sent (ETag, Last-Modified, body hash), so an unchanged board costs one 304.
-- Global, not tenant-owned: the boards are public.
CREATE TABLE board_validators (
    platform        text NOT NULL CHECK (platform IN ('greenhouse', 'lever')),
    token           text NOT NULL,
    etag            text,
    last_modified   text,
    content_sha256  text,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (platform, token)
);
