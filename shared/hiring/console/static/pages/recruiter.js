// The recruiter's pages, one module per area under pages/recruiter/: jobs (home, list, post, edit, one job with its
// analysis), applicants (ranked with filters, one application's breakdown and evidence), the pipeline board, the
// funnel, and a job's matches.

import "./recruiter/jobs.js";
import "./recruiter/applicants.js";
import "./recruiter/pipeline.js";
import "./recruiter/funnel.js";
import "./recruiter/matches.js";
import "./recruiter/sourcing.js";
