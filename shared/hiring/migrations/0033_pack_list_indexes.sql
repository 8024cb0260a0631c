-- A candidate's packs, newest first (GET /api/packs), and the tenant's for staff: read through an index each
-- instead of scanning the tenant's packs.
CREATE INDEX application_packs_owner_idx ON application_packs (tenant_id, owner_user_id, created_at DESC);
CREATE INDEX application_packs_tenant_created_idx ON application_packs (tenant_id, created_at DESC);
