// A job's ranked matches among the organisation's resumes (GET /api/jobs/{id}/matches) and adding one as an
// applicant (POST /api/jobs/{id}/applicants with source "matched"); the snapshot is taken as when applying.

import { api } from "../../api.js";
import { link, register } from "../../app.js";
import { empty, h, mount, showError, showNotice } from "../../dom.js";
import { formatNumber, gradeBadge, jobTabs, scoreMeter, skillList } from "./common.js";

register({
  path: "/recruiter/jobs/:id/matches",
  role: "recruiter",
  title: "Matches",
  render: async (ctx) => {
    const jobId = ctx.params.id;
    const [job, matches, applicants] = await Promise.all([
      api.get(`/api/jobs/${jobId}`),
      api.get(`/api/jobs/${jobId}/matches`),
      api.get("/api/applications", { query: { job_id: jobId, limit: 200 } }),
    ]);
    document.getElementById("page-title").textContent = `Matches: ${job.title}`;
    const onPipeline = new Map(applicants.map((a) => [a.resume_id, a.id]));
    if (!matches.length) {
      return [jobTabs(jobId, "/matches"), empty(job.analysis_status === "analyzed" ? "No resume matches this job yet." : "Matches come once the job's analysis is done.")];
    }
    return [
      jobTabs(jobId, "/matches"),
      h("p", {}, `${matches.length} ${matches.length === 1 ? "resume matches" : "resumes match"} this job, best first. ${applicants.length} already on the pipeline.`),
      h(
        "div",
        { class: "table-wrap" },
        h(
          "table",
          { class: "matches" },
          h("caption", { class: "visually-hidden" }, "Matching resumes, best first"),
          h("thead", {}, h("tr", {}, ["#", "Resume", "Grade", "Score", "Matched skills", "Missing skills", "Summary", ""].map((t) => h("th", { scope: "col" }, t)))),
          h("tbody", {}, matches.map((m, i) => row(jobId, m, i, onPipeline))),
        ),
      ),
    ];
  },
});

/** The person's name as the matches list shows it: the resume's person, else the file name. */
function personOf(m) {
  return (m.candidate && (m.candidate.name || m.candidate.email)) || m.filename;
}

function row(jobId, m, i, onPipeline) {
  const who = personOf(m);
  const action = h("td", {});
  if (onPipeline.has(m.resume_id)) {
    mount(action, h("a", { href: link(`/recruiter/applications/${onPipeline.get(m.resume_id)}`) }, "On the pipeline"));
  } else {
    const add = h("button", { type: "button", "aria-label": `Add ${who} as an applicant` }, "Add as applicant");
    add.addEventListener("click", async () => {
      add.disabled = true;
      try {
        const added = await api.post(`/api/jobs/${jobId}/applicants`, { resume_id: m.resume_id, source: "matched" });
        mount(action, h("a", { href: link(`/recruiter/applications/${added.id}`) }, "Added: open the application"));
        showNotice(`${who} is now an applicant (grade ${added.grade}, score ${formatNumber(added.score)}).`);
        action.querySelector("a").focus();
      } catch (error) {
        add.disabled = false;
        showError(error);
      }
    });
    mount(action, add);
  }
  return h(
    "tr",
    { "data-resume-id": m.resume_id },
    h("td", {}, m.percentile === null ? "–" : String(i + 1)),
    h("th", { scope: "row" }, who, m.candidate && m.candidate.headline ? h("span", { class: "sub" }, m.candidate.headline) : null, m.manual_review ? h("span", { class: "sub" }, "Refused automated ranking") : null),
    h("td", {}, gradeBadge(m.grade)),
    h("td", {}, scoreMeter(m.score)),
    h("td", {}, skillList(m.matched_skills, "matched", "–")),
    h("td", {}, skillList(m.missing_skills, "missing", "–")),
    h("td", {}, m.summary || ""),
    action,
  );
}
