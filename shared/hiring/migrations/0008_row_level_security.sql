-- Row-level security: the second wall behind the tenant filter every query already carries.
--
-- The application connects, then switches to the role hiring_app (no superuser, not the tables' owner), so
-- these policies bind it. Inside an HTTP request made by a user or a bot, hiring.adapters.postgres sets
-- hiring.tenant_id for each transaction and only that tenant's rows are visible or writable. Work that belongs
-- to no single tenant (login by email, the queue worker, schedules, migrations) runs without that setting.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hiring_app') THEN
        CREATE ROLE hiring_app NOLOGIN;
    END IF;
END
$$;
GRANT hiring_app TO CURRENT_USER;
GRANT USAGE ON SCHEMA public TO hiring_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO hiring_app;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO hiring_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO hiring_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO hiring_app;
DO $$
BEGIN
    EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO hiring_app', current_database());
END
$$;

-- True when no tenant is set (system work) or the row belongs to the tenant that is set.
CREATE FUNCTION hiring_tenant_visible(row_tenant uuid) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT coalesce(current_setting('hiring.tenant_id', true), '') = ''
              OR row_tenant::text = current_setting('hiring.tenant_id', true) $$;

ALTER TABLE candidate_preferences ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON candidate_preferences USING (hiring_tenant_visible(tenant_id)) WITH CHECK (hiring_tenant_visible(tenant_id));

ALTER TABLE embeddings ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON embeddings USING (hiring_tenant_visible(tenant_id)) WITH CHECK (hiring_tenant_visible(tenant_id));

ALTER TABLE import_batches ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON import_batches USING (hiring_tenant_visible(tenant_id)) WITH CHECK (hiring_tenant_visible(tenant_id));

ALTER TABLE import_errors ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON import_errors USING (hiring_tenant_visible(tenant_id)) WITH CHECK (hiring_tenant_visible(tenant_id));

ALTER TABLE jobs ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON jobs USING (hiring_tenant_visible(tenant_id)) WITH CHECK (hiring_tenant_visible(tenant_id));

ALTER TABLE match_exclusions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON match_exclusions USING (hiring_tenant_visible(tenant_id)) WITH CHECK (hiring_tenant_visible(tenant_id));

ALTER TABLE match_feedback ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON match_feedback USING (hiring_tenant_visible(tenant_id)) WITH CHECK (hiring_tenant_visible(tenant_id));

ALTER TABLE match_weight_profiles ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON match_weight_profiles USING (hiring_tenant_visible(tenant_id)) WITH CHECK (hiring_tenant_visible(tenant_id));

ALTER TABLE matches ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON matches USING (hiring_tenant_visible(tenant_id)) WITH CHECK (hiring_tenant_visible(tenant_id));

ALTER TABLE refresh_tokens ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON refresh_tokens USING (hiring_tenant_visible(tenant_id)) WITH CHECK (hiring_tenant_visible(tenant_id));

ALTER TABLE resumes ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON resumes USING (hiring_tenant_visible(tenant_id)) WITH CHECK (hiring_tenant_visible(tenant_id));

ALTER TABLE scrape_role_candidates ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON scrape_role_candidates USING (hiring_tenant_visible(tenant_id)) WITH CHECK (hiring_tenant_visible(tenant_id));

ALTER TABLE scrape_roles ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON scrape_roles USING (hiring_tenant_visible(tenant_id)) WITH CHECK (hiring_tenant_visible(tenant_id));

ALTER TABLE scrape_uploads ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON scrape_uploads USING (hiring_tenant_visible(tenant_id)) WITH CHECK (hiring_tenant_visible(tenant_id));

ALTER TABLE scraper_api_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON scraper_api_keys USING (hiring_tenant_visible(tenant_id)) WITH CHECK (hiring_tenant_visible(tenant_id));

ALTER TABLE status_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON status_events USING (hiring_tenant_visible(tenant_id)) WITH CHECK (hiring_tenant_visible(tenant_id));

ALTER TABLE users ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON users USING (hiring_tenant_visible(tenant_id)) WITH CHECK (hiring_tenant_visible(tenant_id));

ALTER TABLE llm_calls ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON llm_calls USING (hiring_tenant_visible(tenant_id)) WITH CHECK (hiring_tenant_visible(tenant_id));

ALTER TABLE rejected_inputs ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON rejected_inputs USING (hiring_tenant_visible(tenant_id)) WITH CHECK (hiring_tenant_visible(tenant_id));

ALTER TABLE security_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON security_events USING (hiring_tenant_visible(tenant_id)) WITH CHECK (hiring_tenant_visible(tenant_id));

-- Platform-wide alerts (no tenant) are shown to every tenant's admins.

ALTER TABLE alerts ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON alerts USING (tenant_id IS NULL OR hiring_tenant_visible(tenant_id)) WITH CHECK (tenant_id IS NULL OR hiring_tenant_visible(tenant_id));
