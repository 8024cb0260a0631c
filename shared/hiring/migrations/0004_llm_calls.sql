-- Every call to the optional LLM: which prompt and model, what it cost, how long it took, how it ended,
-- and how many of its values the grounding check dropped. No prompt text, resume text or key is stored.

CREATE TABLE llm_calls (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id           uuid REFERENCES tenants(id) ON DELETE CASCADE,   -- NULL for calls outside a tenant (CLI)
    resume_id           uuid REFERENCES resumes(id) ON DELETE SET NULL,  -- the cost record outlives the resume
    prompt_id           text NOT NULL,
    prompt_version      integer NOT NULL CHECK (prompt_version >= 1),
    model               text NOT NULL,
    endpoint_host       text,
    outcome             text NOT NULL CHECK (outcome IN ('ok', 'timeout', 'rate_limited', 'server_error',
                                                         'connection_error', 'invalid_output', 'rejected', 'error')),
    attempts            integer NOT NULL CHECK (attempts >= 0),
    tokens_in           integer NOT NULL DEFAULT 0 CHECK (tokens_in >= 0),
    tokens_out          integer NOT NULL DEFAULT 0 CHECK (tokens_out >= 0),
    latency_ms          integer NOT NULL CHECK (latency_ms >= 0),
    estimated_cost_usd  numeric(14, 6) NOT NULL DEFAULT 0,
    hallucinations      integer NOT NULL DEFAULT 0 CHECK (hallucinations >= 0),
    dropped             jsonb NOT NULL DEFAULT '[]'::jsonb,              -- [{field, value}] the grounding removed
    error               text,
    created_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX llm_calls_tenant_created_idx ON llm_calls (tenant_id, created_at);
CREATE INDEX llm_calls_resume_idx ON llm_calls (resume_id) WHERE resume_id IS NOT NULL;
