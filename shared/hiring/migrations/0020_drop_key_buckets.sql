-- Scraper API keys spend from rate_limit_buckets (migration 0016, hiring.stores.rate_limits) like every other
-- limit; the per-key bucket columns they used before are no longer read or written.
ALTER TABLE scraper_api_keys DROP COLUMN bucket_tokens, DROP COLUMN bucket_updated_at;
