-- The optional LLM rephrasing of an outreach draft (issue 14), kept only when it passed the grounding check:
-- {"body", "model"}; the deterministic draft stays beside it.
ALTER TABLE prospect_outreach ADD COLUMN rephrased jsonb;
