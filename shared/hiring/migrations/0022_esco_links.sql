-- ESCO skills linked to the sentences of a job's requirement blocks and of a resume (issue 9): the work-queue
-- consumer, where the embedding model runs, ranks each sentence's ESCO skills (hiring.skills.esco_linking) and
-- keeps the top ones here with the sentence as evidence; matching reads the links above a threshold
-- (hiring.skills.esco_matching.MATCH_THRESHOLD) so a requirement the dictionary cannot name ("communicate
-- effectively with stakeholders") can be met by a resume line that shows it.
--
-- One row per (entity, sentence, rank). entity_kind says which of resume_id / job_id is set; both cascade, so
-- deleting a resume (erasure) or a job deletes its links and the sentences quoted in them.
-- block: required / preferred (a job's requirement blocks) or experience / projects / summary / skills (a resume).
-- resolved: the dictionary found a known skill in the sentence (a job's sentence is then already measured by it).
-- sentence_start / sentence_end: the sentence's offsets in the text it was cut from (the job's posting text, or
-- the resume field named by block and part), sentence: its text. index_version: the ESCO index and linker the
-- links came from; a new index re-links.
CREATE TABLE esco_links (
    id bigserial PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    entity_kind text NOT NULL CHECK (entity_kind IN ('job', 'resume')),
    resume_id uuid REFERENCES resumes(id) ON DELETE CASCADE,
    job_id uuid REFERENCES jobs(id) ON DELETE CASCADE,
    block text NOT NULL,
    part integer NOT NULL DEFAULT 0,
    sentence_start integer NOT NULL,
    sentence_end integer NOT NULL,
    sentence text NOT NULL,
    resolved boolean NOT NULL DEFAULT false,
    rank smallint NOT NULL,
    uri text NOT NULL,
    label text NOT NULL,
    score real NOT NULL,
    index_version text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((entity_kind = 'resume') = (resume_id IS NOT NULL) AND (entity_kind = 'job') = (job_id IS NOT NULL))
);
CREATE INDEX esco_links_resume ON esco_links (resume_id, score DESC) WHERE resume_id IS NOT NULL;
CREATE INDEX esco_links_job ON esco_links (job_id, score DESC) WHERE job_id IS NOT NULL;
GRANT SELECT, INSERT, UPDATE, DELETE ON esco_links TO hiring_app;
GRANT USAGE, SELECT, UPDATE ON SEQUENCE esco_links_id_seq TO hiring_app;

ALTER TABLE esco_links ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON esco_links USING (hiring_tenant_visible(tenant_id)) WITH CHECK (hiring_tenant_visible(tenant_id));
