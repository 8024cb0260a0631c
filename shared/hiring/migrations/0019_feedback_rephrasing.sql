-- The optional LLM rephrasing of a rejected application's feedback (issue 12), asked for once and kept with the
-- application: {source_sha256 (the deterministic feedback and prompt it rephrased), outcome ('pending' while a
-- reader asks the model, then ok / rejected / an error), text, model, error (why it was refused), llm_call_id,
-- claimed_at}. A different feedback (a new fingerprint) asks again.
ALTER TABLE applications ADD COLUMN feedback_rephrasing jsonb;
