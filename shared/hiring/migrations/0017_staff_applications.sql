-- Applications staff create for a person (issue 12): a recruiter adds a matched, imported or sourced resume to a job.
-- An imported resume may have no account behind it (resumes.owner_user_id NULL): its application has no
-- candidate_user_id, so one such person is one application per job by the resume instead (the service also checks
-- the resume's earlier versions). The staff member's note stays with the application, never in the audit log.
ALTER TABLE applications ADD COLUMN note text CHECK (length(note) <= 1000);
CREATE UNIQUE INDEX applications_job_ownerless_resume_key ON applications (job_id, resume_id)
    WHERE candidate_user_id IS NULL AND resume_id IS NOT NULL;
