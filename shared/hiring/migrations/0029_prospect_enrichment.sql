-- Enrichment evidence of a prospect (issue 14): what the enrichment port found (GitHub: repositories, languages,
-- the taxonomy skills they name, recent activity), read by the score as evidence for skills.
ALTER TABLE prospects ADD COLUMN enrichment jsonb;
ALTER TABLE prospects ADD COLUMN enriched_at timestamptz;
