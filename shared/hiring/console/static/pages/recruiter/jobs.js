// The recruiter's jobs: the home page, the list with search, posting and editing a job, and one job with its
// analysis beside the text (required vs preferred skills, experience, salary, quality score, red flags and
// suggestions). While the analysis runs the page asks again every few seconds.

import { api } from "../../api.js";
import { link, navigate, register } from "../../app.js";
import { empty, field, form, h, mount, showError, showNotice } from "../../dom.js";
import { askDialog, formatDate, formatNumber, jobTabs, skillList } from "./common.js";

const EMPLOYMENT = [["", "Not stated"], ["full-time", "Full-time"], ["part-time", "Part-time"], ["contract", "Contract"], ["internship", "Internship"], ["temporary", "Temporary"]];
const ARRANGEMENT = [["", "Not stated"], ["onsite", "On-site"], ["hybrid", "Hybrid"], ["remote", "Remote"]];
const POLL_MS = 2000;
const POLL_TRIES = 90;

register({
  path: "/recruiter",
  role: "recruiter",
  label: "Home",
  order: 0,
  title: "Your home",
  render: async (ctx) => {
    const recent = await api.get("/api/jobs", { query: { limit: 5 } });
    return [
      h("p", { class: "signed-in" }, `Signed in as ${ctx.me.email} (recruiter).`),
      h(
        "ul",
        { class: "quick-links" },
        h("li", {}, h("a", { href: link("/recruiter/jobs/new") }, "Post a job")),
        h("li", {}, h("a", { href: link("/recruiter/jobs") }, "Search your jobs")),
        h("li", {}, h("a", { href: link("/recruiter/funnel") }, "Hiring funnel")),
        h("li", {}, h("a", { href: link("/account") }, "Your account")),
        h("li", {}, h("a", { href: "/docs" }, "API documentation")),
      ),
      h("h2", {}, "Latest active jobs"),
      recent.length ? jobTable(recent) : empty("No active jobs yet.", h("a", { href: link("/recruiter/jobs/new") }, "Post the first one")),
    ];
  },
});

function jobTable(jobs) {
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { class: "jobs" },
      h("caption", { class: "visually-hidden" }, "Jobs"),
      h(
        "thead",
        {},
        h("tr", {}, ["Title", "Company", "Location", "Quality", "Analysis", "Posted"].map((t) => h("th", { scope: "col" }, t))),
      ),
      h(
        "tbody",
        {},
        jobs.map((job) =>
          h(
            "tr",
            {},
            h("th", { scope: "row" }, h("a", { href: link(`/recruiter/jobs/${job.id}`) }, job.title)),
            h("td", {}, job.company || "–"),
            h("td", {}, job.location || "–"),
            h("td", {}, job.quality_score === null ? "–" : `${job.quality_score}/100`),
            h("td", {}, job.analysis_status),
            h("td", {}, formatDate(job.posted_at)),
          ),
        ),
      ),
    ),
  );
}

const PAGE = 20;

register({
  path: "/recruiter/jobs",
  role: "recruiter",
  label: "Jobs",
  order: 10,
  title: "Jobs",
  render: async (ctx) => {
    const q = ctx.query.get("q") || "";
    const skills = ctx.query.get("skills") || "";
    const status = ctx.query.get("status") || "active";
    const offset = Math.max(0, Number(ctx.query.get("offset")) || 0);
    const search = form({
      label: "Search jobs",
      submit: "Search",
      fields: [
        field({ label: "Keywords", name: "q", type: "search", value: q, hint: "Words in the title, company or text." }),
        field({ label: "Skills", name: "skills", value: skills, hint: "Comma-separated; every one must be asked for, e.g. React, TypeScript." }),
        field({ label: "Status", name: "status", type: "select", options: [["active", "Active"], ["closed", "Closed"], ["expired", "Expired"], ["duplicate", "Duplicate"]] }),
      ],
      action: async (v) => navigate("/recruiter/jobs", clean({ q: v.q.trim(), skills: v.skills.trim(), status: v.status })),
    });
    search.querySelector("select[name=status]").value = status;
    search.classList.add("search-form");
    let jobs;
    try {
      jobs = await api.get("/api/jobs", { query: { q, skills: skills || null, status, limit: PAGE + 1, offset } });
    } catch (error) {
      return [search, errorAfterRender(error, search)];
    }
    const more = jobs.length > PAGE;
    const shown = jobs.slice(0, PAGE);
    const pager = h(
      "div",
      { class: "pager" },
      offset > 0 ? h("a", { href: pageLink({ q, skills, status, offset: Math.max(0, offset - PAGE) }) }, "Previous page") : null,
      more ? h("a", { href: pageLink({ q, skills, status, offset: offset + PAGE }) }, "Next page") : null,
    );
    return [
      h("p", {}, h("a", { href: link("/recruiter/jobs/new"), class: "button-link" }, "Post a job")),
      search,
      h("h2", { id: "job-results" }, shown.length ? `Jobs ${offset + 1}–${offset + shown.length}` : "No jobs found"),
      shown.length ? jobTable(shown) : empty(q || skills ? "No job matches this search." : `No ${status} jobs.`),
      pager,
    ];
  },
});

function clean(query) {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== "" && v !== null && v !== undefined && v !== "active"));
}

function pageLink(query) {
  const text = new URLSearchParams(clean({ ...query, offset: query.offset || "" })).toString();
  return link(`/recruiter/jobs${text ? `?${text}` : ""}`);
}

/** A search refused by the API: the form shows the problems once it is on the page. */
function errorAfterRender(error, formEl) {
  queueMicrotask(() => showError(error, formEl));
  return empty("The search could not run; see the message above.");
}

function postingFields(job = null) {
  const analysis = (job && job.analysis) || {};
  const fields = [
    field({ label: "Title", name: "title", required: true, value: job ? job.title : "", autocomplete: "off" }),
    field({ label: "Company", name: "company", value: job ? job.company || "" : "", autocomplete: "organization" }),
    field({ label: "Location", name: "location", value: job ? job.location || "" : "", hint: "City and country, e.g. Berlin, Germany." }),
    field({ label: "Salary", name: "salary", value: analysis.salary ? analysis.salary.raw || "" : "", hint: "As you would write it, e.g. EUR 65,000 - 80,000 per year." }),
    field({ label: "Employment type", name: "employment_type", type: "select", options: EMPLOYMENT }),
    field({ label: "Work arrangement", name: "work_arrangement", type: "select", options: ARRANGEMENT }),
    field({
      label: "Description",
      name: "description",
      type: "textarea",
      rows: 14,
      required: true,
      value: job ? job.description : "",
      hint: "The whole posting. Put must-haves under a \"Requirements:\" heading and extras under \"Nice to have:\".",
    }),
  ];
  const pick = (name, value) => {
    const select = fields.find((f) => f.dataset.field === name).querySelector("select");
    if (value && [...select.options].some((o) => o.value === value)) select.value = value;
  };
  pick("employment_type", analysis.employment_type);
  pick("work_arrangement", analysis.work_arrangement);
  return fields;
}

function postingBody(v) {
  const body = { title: v.title.trim(), description: v.description.trim() };
  for (const key of ["company", "location", "salary", "employment_type", "work_arrangement"]) {
    if (v[key] && v[key].trim()) body[key] = v[key].trim();
  }
  return body;
}

register({
  path: "/recruiter/jobs/new",
  role: "recruiter",
  label: "Post a job",
  order: 20,
  title: "Post a job",
  render: () => [
    h("p", {}, "The analysis reads the posting once it is saved: skills required and preferred, experience, salary and a quality score with suggestions."),
    form({
      label: "Post a job",
      submit: "Post job",
      fields: postingFields(),
      action: async (v) => {
        const created = await api.post("/api/jobs", postingBody(v));
        navigate(`/recruiter/jobs/${created.id}`, { posted: created.outcome });
      },
    }),
  ],
});

register({
  path: "/recruiter/jobs/:id/edit",
  role: "recruiter",
  title: "Edit job",
  render: async (ctx) => {
    const job = await api.get(`/api/jobs/${ctx.params.id}`);
    return [
      jobTabs(job.id, "/edit"),
      h("p", {}, "Saving sends the posting to the analysis again."),
      form({
        label: "Edit job",
        submit: "Save changes",
        fields: postingFields(job),
        action: async (v) => {
          await api.put(`/api/jobs/${job.id}`, postingBody(v));
          navigate(`/recruiter/jobs/${job.id}`, { saved: "1" });
        },
      }),
    ];
  },
});

register({
  path: "/recruiter/jobs/:id",
  role: "recruiter",
  title: "Job",
  render: async (ctx) => {
    const job = await api.get(`/api/jobs/${ctx.params.id}`);
    document.getElementById("page-title").textContent = job.title;
    document.title = `${job.title} · Hiring console`;
    const posted = ctx.query.get("posted");
    if (posted) queueMicrotask(() => showNotice(postedNotice(posted)));
    if (ctx.query.get("saved")) queueMicrotask(() => showNotice("Saved; the analysis runs again."));
    const panel = h("section", { class: "analysis", "aria-labelledby": "analysis-title" });
    const layout = h(
        "div",
        { class: "job-layout" },
        h(
          "section",
          { class: "posting", "aria-labelledby": "posting-title" },
          h("h2", { id: "posting-title" }, "Posting"),
          h(
            "dl",
            { class: "facts" },
            h("dt", {}, "Company"),
            h("dd", {}, job.company || "–"),
            h("dt", {}, "Location"),
            h("dd", {}, job.location || "–"),
            h("dt", {}, "Status"),
            h("dd", { id: "job-status" }, job.status),
            h("dt", {}, "Posted"),
            h("dd", {}, formatDate(job.posted_at)),
          ),
          h("div", { id: "posting-legend" }),
          h("div", { id: "posting-text", class: "posting-text", tabindex: "0", role: "region", "aria-label": "Posting text" }, job.description),
        ),
        panel,
      );
    renderAnalysis(panel, job);
    if (job.analysis_status === "pending") poll(panel, job.id);
    return [jobTabs(job.id, ""), jobActions(job), layout];
  },
});

/** The posting's text with each analysed skill's sentence marked (required or preferred), as the analysis read it. */
function markedText(job) {
  const text = job.description;
  const skills = (job.analysis && Array.isArray(job.analysis.skills)) ? job.analysis.skills : [];
  const ranges = [];
  for (const skill of skills) {
    const evidence = (skill.evidence || "").trim();
    if (!evidence) continue;
    const start = text.indexOf(evidence);
    if (start < 0) continue;
    const status = skill.status || (skill.required ? "required" : "preferred");
    ranges.push({ start, end: start + evidence.length, status, names: [skill.name] });
  }
  ranges.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r.start < last.end) {
      last.end = Math.max(last.end, r.end);
      if (!last.names.includes(r.names[0])) last.names.push(r.names[0]);
      if (r.status === "required") last.status = "required";
      else if (r.status === "preferred" && last.status === "context") last.status = "preferred";
    } else {
      merged.push({ ...r, names: [...r.names] });
    }
  }
  const parts = [];
  let at = 0;
  for (const r of merged) {
    if (r.start > at) parts.push(text.slice(at, r.start));
    parts.push(h("mark", { class: `mark-${r.status}`, title: `${r.status}: ${r.names.join(", ")}` }, text.slice(r.start, r.end)));
    at = r.end;
  }
  parts.push(text.slice(at));
  return parts;
}

function markedLegend(job) {
  if (!job.analysis || !Array.isArray(job.analysis.skills) || !job.analysis.skills.length) return null;
  return h(
    "ul",
    { class: "legend", "aria-label": "Marks in the text" },
    h("li", {}, h("mark", { class: "mark-required" }, "Asks a required skill")),
    h("li", {}, h("mark", { class: "mark-preferred" }, "Asks a preferred skill")),
  );
}

function postedNotice(outcome) {
  if (outcome === "duplicate") return "Saved, but it repeats a job already posted; the history below says which.";
  if (outcome === "unchanged") return "This posting was already saved unchanged.";
  return "Posted. The analysis is running; it shows beside the text when done.";
}

function jobActions(job) {
  const closeButton =
    job.status === "active"
      ? h("button", { type: "button", class: "danger" }, "Close job")
      : null;
  closeButton?.addEventListener("click", async () => {
    const closed = await askDialog({
      title: `Close ${job.title}`,
      text: "Candidates can no longer find or apply to a closed job. Its applicants stay on the pipeline.",
      confirm: "Close job",
      danger: true,
      action: () => api.post(`/api/jobs/${job.id}/close`),
    });
    if (!closed) return;
    document.getElementById("job-status").textContent = closed.status;
    closeButton.remove();
    showNotice(`The job is ${closed.status}.`);
  });
  return h(
    "div",
    { class: "actions job-actions" },
    h("a", { href: link(`/recruiter/jobs/${job.id}/edit`), class: "button-link" }, "Edit job"),
    h("a", { href: `${link("/recruiter/sourcing")}?job=${encodeURIComponent(job.id)}`, class: "button-link" }, "Source candidates"),
    closeButton,
  );
}

/** Ask for the job again every few seconds until its analysis is done, while the page is still shown. */
function poll(panel, jobId, tries = 0) {
  setTimeout(async () => {
    if (!panel.isConnected || tries >= POLL_TRIES) return;
    let job;
    try {
      job = await api.get(`/api/jobs/${jobId}`);
    } catch {
      return; // the page shows the last state; "Check again" asks by hand
    }
    if (!panel.isConnected) return;
    if (job.analysis_status === "pending") poll(panel, jobId, tries + 1);
    else renderAnalysis(panel, job);
  }, POLL_MS);
}

function renderAnalysis(panel, job) {
  const text = panel.parentElement && panel.parentElement.querySelector("#posting-text");
  if (text) mount(text, markedText(job));
  const legend = panel.parentElement && panel.parentElement.querySelector("#posting-legend");
  if (legend) mount(legend, markedLegend(job));
  const heading = h("h2", { id: "analysis-title" }, "Analysis");
  if (job.analysis_status === "pending" || !job.analysis) {
    const again = h("button", { type: "button" }, "Check again");
    again.addEventListener("click", async () => {
      again.disabled = true;
      try {
        renderAnalysis(panel, await api.get(`/api/jobs/${job.id}`));
      } catch (error) {
        showError(error);
        again.disabled = false;
      }
    });
    const failed = job.analysis_status === "failed";
    mount(
      panel,
      heading,
      h(
        "p",
        { role: "status", class: failed ? "alert error" : "loading" },
        failed ? `The analysis failed: ${job.analysis_error || "no reason given"}.` : "The analysis is running…",
      ),
      failed ? null : again,
    );
    return;
  }
  const a = job.analysis;
  const skills = Array.isArray(a.skills) ? a.skills : [];
  mount(
    panel,
    heading,
    h(
      "div",
      { class: "quality" },
      h("h3", {}, "Quality score"),
      h(
        "p",
        { class: "quality-score" },
        h("meter", { min: 0, max: 100, low: 50, high: 80, optimum: 100, value: a.quality_score, "aria-label": "Quality score" }),
        h("span", { id: "quality-figure" }, ` ${a.quality_score}/100`),
      ),
      a.red_flags && a.red_flags.length
        ? [h("h4", {}, "Red flags"), h("ul", { class: "red-flags" }, a.red_flags.map((f) => h("li", {}, f)))]
        : h("p", {}, "No red flags."),
      a.suggestions && a.suggestions.length
        ? [h("h4", {}, "Suggestions"), h("ul", { class: "suggestions" }, a.suggestions.map((s) => h("li", {}, s)))]
        : null,
    ),
    h("h3", {}, "Required skills"),
    h("div", { class: "required-skills" }, skillList(a.required_skills, "required", "No required skill found.")),
    h("h3", {}, "Preferred skills"),
    h("div", { class: "preferred-skills" }, skillList(a.preferred_skills, "preferred", "No preferred skill found.")),
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, "Experience"),
      h("dd", { id: "experience-range" }, experienceRange(a.experience_min, a.experience_max)),
      h("dt", {}, "Salary"),
      h("dd", { id: "salary-range" }, salaryText(a.salary)),
      h("dt", {}, "Seniority"),
      h("dd", {}, a.seniority || "–"),
      h("dt", {}, "Occupation"),
      h("dd", {}, a.occupation ? a.occupation.title : "–"),
      h("dt", {}, "Employment type"),
      h("dd", {}, a.employment_type || "not stated"),
      h("dt", {}, "Work arrangement"),
      h("dd", {}, a.work_arrangement || "not stated"),
      h("dt", {}, "Education"),
      h("dd", {}, a.education_level || "not stated"),
    ),
    skills.length
      ? h(
          "details",
          { class: "evidence" },
          h("summary", {}, "Where each skill was found"),
          h(
            "ul",
            {},
            skills.map((s) => h("li", {}, h("strong", {}, `${s.name} (${s.status || (s.required ? "required" : "preferred")}): `), h("q", {}, s.evidence))),
          ),
        )
      : null,
    h(
      "details",
      { class: "history" },
      h("summary", {}, "History"),
      h("ul", {}, job.history.map((e) => h("li", {}, `${formatDate(e.at)}: ${e.status}${e.reason ? ` (${e.reason})` : ""}`))),
    ),
  );
}

export function experienceRange(min, max) {
  if (min === null && max === null) return "not stated";
  if (max === null || max === undefined) return `${formatNumber(min)}+ years`;
  if (min === null || min === undefined) return `up to ${formatNumber(max)} years`;
  return `${formatNumber(min)}–${formatNumber(max)} years`;
}

export function salaryText(salary) {
  if (!salary) return "not stated";
  const cur = salary.currency ? `${salary.currency} ` : "";
  const range =
    salary.min !== null && salary.max !== null && salary.min !== salary.max
      ? `${formatNumber(salary.min, 0)}–${formatNumber(salary.max, 0)}`
      : formatNumber(salary.min ?? salary.max, 0);
  const period = salary.period ? ` per ${salary.period}` : "";
  return `${cur}${range}${period}${salary.estimated ? " (estimated)" : ""}`;
}
