// The recruiter's pages, one module per area under pages/recruiter/: jobs (home, list, post, edit, one job with its
// analysis), applicants (ranked with filters, one application's breakdown and evidence), the pipeline board, the
// funnel, a job's matches, sourcing (runs, prospects and their outreach) and a candidate's application pack.

import "./recruiter/jobs.js";
import "./recruiter/applicants.js";
import "./recruiter/pipeline.js";
import "./recruiter/funnel.js";
import "./recruiter/matches.js";
import "./recruiter/sourcing.js";
import "./recruiter/packs.js";
