-- The optional LLM rephrasing of a match's explanation, asked for once when the match is first read.
-- {source_sha256, outcome, text, error, model, prompt, at}: source_sha256 fingerprints the explanation and breakdown
-- it rephrased (and the prompt version), so a re-scored match ignores it; outcome 'pending' marks a call in flight,
-- 'ok' carries the accepted text, anything else (rejected, timeout, ...) keeps the deterministic text and is not
-- asked again until the explanation changes. NULL: never asked.

ALTER TABLE matches ADD COLUMN rephrasing jsonb;
