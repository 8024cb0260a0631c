// Sourcing (issue 14): start a run for a job (POST /api/sourcing/runs), read its search keywords and boolean strings
// (each with a copy button), its tasks' states, and its prospects ranked by the six-factor score with their tiers
// and each factor's evidence, filtered by tier and lowest score; enrich them from GitHub. The run and the filters
// live in the address (?job=, ?run=, ?tier=, ?min_score=) so a run can be linked and reloaded. Each prospect's
// outreach (draft, statuses, opt-out, conversion with consent) is in pages/recruiter/outreach.js.

import { api } from "../../api.js";
import { link, navigate, register } from "../../app.js";
import { empty, field, form, h, mount, showError, showNotice } from "../../dom.js";
import { formatDate, formatNumber } from "./common.js";
import { outreachPanel } from "./outreach.js";

export const TIERS = [
  ["STRONG_MATCH", "Strong match", "grade-a"],
  ["GOOD_MATCH", "Good match", "grade-b"],
  ["CONSIDER", "Consider", "grade-c"],
  ["WEAK_MATCH", "Weak match", "grade-d"],
  ["REJECT", "Reject", "grade-none"],
];
const FACTORS = {
  experience: "Experience",
  education: "Education",
  career_trajectory: "Career trajectory",
  company_relevance: "Company relevance",
  location: "Location",
  tenure: "Tenure",
};
const TASK_STATES = { pending: "Waiting for a bot", claimed: "Taken by a bot", done: "Done", failed: "Failed" };

function tierBadge(tier) {
  const [, text, cls] = TIERS.find(([name]) => name === tier) || [tier, tier, "grade-none"];
  return h("span", { class: `grade tier ${cls}`, "data-tier": tier }, text);
}

async function copy(text, status) {
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = "Copied to the clipboard.";
  } catch {
    status.textContent = "Your browser did not allow copying: select the text and press Ctrl+C (⌘C on a Mac).";
  }
}

function copyable(label, text) {
  const status = h("span", { class: "sub", role: "status" });
  const button = h("button", { type: "button", "aria-label": `Copy the ${label.toLowerCase()}` }, "Copy");
  button.addEventListener("click", () => copy(text, status));
  return h("div", { class: "sourcing-copy" }, h("h4", {}, label), h("pre", { tabindex: "0" }, h("code", {}, text)), button, status);
}

function startForm(jobs, jobId) {
  return form({
    label: "Start a sourcing run",
    submit: "Start sourcing",
    fields: [
      field({
        label: "Job",
        name: "job_id",
        type: "select",
        required: true,
        options: jobs.map((j) => [j.id, `${j.title}${j.location ? ` (${j.location})` : ""}`]),
      }),
      field({ label: "Locations", name: "locations", hint: "Places to search, separated by commas, e.g. Remote, Berlin. Leave empty for the job's location." }),
      field({ label: "How many prospects", name: "limit", type: "number", min: "1", max: "1000", hint: "Optional." }),
    ],
    action: async (v) => {
      const body = { job_id: v.job_id };
      const locations = (v.locations || "").split(",").map((t) => t.trim()).filter(Boolean);
      if (locations.length) body.locations = locations;
      if (v.limit) body.limit = Number(v.limit);
      const run = await api.post("/api/sourcing/runs", body);
      showNotice(`Sourcing run started with ${run.locations.length || 1} search task${run.locations.length === 1 ? "" : "s"}.`);
      navigate("/recruiter/sourcing", { run: run.id });
    },
  });
}

function runsList(runs, jobsById) {
  if (!runs.length) return empty("No sourcing run yet: start one above.");
  return h(
    "ul",
    { class: "sourcing-runs" },
    runs.map((r) =>
      h(
        "li",
        {},
        h("a", { href: `${link("/recruiter/sourcing")}?run=${encodeURIComponent(r.id)}` }, (jobsById.get(r.job_id) || {}).title || r.job_id),
        ` · ${r.locations.join(", ") || "any location"} · ${r.status} · ${formatDate(r.created_at)}`,
      ),
    ),
  );
}

function keywords(run) {
  const k = run.keywords;
  return h(
    "section",
    { "aria-labelledby": "sourcing-keywords" },
    h("h2", { id: "sourcing-keywords" }, "Search keywords"),
    h(
      "dl",
      { class: "sourcing-keywords" },
      h("dt", {}, "Titles"),
      h("dd", {}, k.titles.join(", ") || "–"),
      k.occupation ? [h("dt", {}, "Occupation"), h("dd", {}, k.occupation)] : null,
      h("dt", {}, "Skills"),
      h("dd", {}, k.skills.length ? h("ul", {}, k.skills.map((s) => h("li", {}, s.skill, s.aliases.length ? h("span", { class: "sub" }, ` also: ${s.aliases.join(", ")}`) : null))) : "–"),
      h("dt", {}, "Locations"),
      h("dd", {}, k.locations.join(", ") || "any"),
    ),
    h("h3", {}, "Boolean search strings"),
    copyable("Strict string", run.boolean_strings.strict),
    copyable("Broad string", run.boolean_strings.broad),
  );
}

function tasksTable(tasks) {
  return h(
    "section",
    { "aria-labelledby": "sourcing-tasks" },
    h("h2", { id: "sourcing-tasks" }, "Search tasks"),
    tasks.length
      ? h(
          "div",
          { class: "table-wrap" },
          h(
            "table",
            { class: "sourcing-tasks" },
            h("caption", { class: "visually-hidden" }, "The run's search tasks, one per location"),
            h("thead", {}, h("tr", {}, ["Location", "State", "Attempts", "Profiles received", "Last error"].map((t) => h("th", { scope: "col" }, t)))),
            h(
              "tbody",
              {},
              tasks.map((t) =>
                h(
                  "tr",
                  { "data-task-id": t.id },
                  h("th", { scope: "row" }, t.location || "any"),
                  h("td", { "data-state": t.status }, TASK_STATES[t.status] || t.status),
                  h("td", {}, String(t.attempts)),
                  h("td", {}, String(t.profiles_received)),
                  h("td", {}, t.last_error || ""),
                ),
              ),
            ),
          ),
        )
      : empty("No task for this run."),
  );
}

function factorList(p) {
  return h(
    "ul",
    { class: "sourcing-factors" },
    p.factors.map((f) =>
      h(
        "li",
        { "data-factor": f.factor },
        h("strong", {}, FACTORS[f.factor] || f.factor),
        ` ${formatNumber(f.score, 2)}/10 (weight ${formatNumber(f.weight, 0)}%)`,
        f.evidence.length ? h("ul", {}, f.evidence.map((e) => h("li", {}, e))) : h("span", { class: "sub" }, "no evidence"),
      ),
    ),
  );
}

function prospectCard(p) {
  const profile = p.profile || {};
  const github = p.enrichment && p.enrichment.found !== false ? p.enrichment : null;
  return h(
    "li",
    { class: "sourcing-prospect", "data-prospect-id": p.id },
    h(
      "h3",
      {},
      `${p.rank}. `,
      profile.profile_url ? h("a", { href: profile.profile_url, rel: "noopener noreferrer", target: "_blank" }, p.name) : p.name,
      " ",
      tierBadge(p.tier),
      " ",
      h("span", { class: "sourcing-score" }, `${formatNumber(p.score, 2)} / 10`),
    ),
    profile.headline || profile.location ? h("p", { class: "sub" }, [profile.headline, profile.location].filter(Boolean).join(" · ")) : null,
    github
      ? h("p", { class: "sourcing-github" }, `GitHub ${github.login}: ${github.public_repos} public repositories, ${github.recent_repos} pushed recently${github.skills && github.skills.length ? `; languages show ${github.skills.join(", ")}` : ""}.`)
      : null,
    h("details", {}, h("summary", {}, `Why ${formatNumber(p.score, 2)}: the six factors`), factorList(p)),
    outreachPanel(p),
  );
}

function filters(ctx, runId) {
  const tier = ctx.query.get("tier") || "";
  const min = ctx.query.get("min_score") || "";
  const tierField = field({ label: "Tier", name: "tier", type: "select", options: [["", "All tiers"], ...TIERS.map(([v, t]) => [v, t])] });
  tierField.querySelector("select").value = tier;
  const minField = field({ label: "Lowest score (0-10)", name: "min_score", type: "number", min: "0", max: "10", step: "any", value: min });
  const f = h("form", { class: "filters", "aria-label": "Filter prospects" }, tierField, minField, h("button", { type: "submit" }, "Filter"));
  f.addEventListener("submit", (event) => {
    event.preventDefault();
    const q = { run: runId };
    const t = f.querySelector("[name=tier]").value;
    const m = f.querySelector("[name=min_score]").value;
    if (t) q.tier = t;
    if (m !== "") q.min_score = m;
    navigate("/recruiter/sourcing", q);
  });
  return f;
}

async function runView(ctx, runId) {
  const query = {};
  if (ctx.query.get("tier")) query.tier = ctx.query.get("tier");
  if (ctx.query.get("min_score")) query.min_score = ctx.query.get("min_score");
  const run = await api.get(`/api/sourcing/runs/${encodeURIComponent(runId)}`);
  const [job, tasks, prospects] = await Promise.all([
    api.get(`/api/jobs/${run.job_id}`),
    api.get(`/api/sourcing/runs/${runId}/tasks`),
    api.get(`/api/sourcing/runs/${runId}/prospects`, { query }),
  ]);
  document.getElementById("page-title").textContent = `Sourcing: ${job.title}`;
  const enrich = h("button", { type: "button" }, "Enrich from GitHub");
  enrich.addEventListener("click", async () => {
    enrich.disabled = true;
    try {
      const done = await api.post(`/api/sourcing/runs/${runId}/enrich`);
      await ctx.refresh(); // the page shows the new evidence, then says what was found
      showNotice(`GitHub: ${done.enriched} enriched, ${done.not_found} not found${done.rate_limited ? "; stopped at GitHub's rate limit" : ""}.`);
    } catch (error) {
      enrich.disabled = false;
      showError(error);
    }
  });
  const counts = TIERS.map(([name, text]) => [text, prospects.filter((p) => p.tier === name).length]).filter(([, n]) => n);
  return [
    h("p", {}, h("a", { href: link("/recruiter/sourcing") }, "All sourcing runs"), " · ", h("a", { href: link(`/recruiter/jobs/${run.job_id}`) }, "The job")),
    h("p", { class: "sourcing-status" }, `Run ${run.status} · ${run.locations.join(", ") || "any location"} · up to ${run.limit} prospects · started ${formatDate(run.created_at)}.`),
    keywords(run),
    tasksTable(tasks),
    h(
      "section",
      { "aria-labelledby": "sourcing-prospects" },
      h("h2", { id: "sourcing-prospects" }, "Prospects"),
      filters(ctx, runId),
      h("p", {}, enrich),
      h("p", { class: "sub sourcing-outreach-note" }, "Open a prospect's Outreach to draft a message citing their evidence, then mark it sent, replied, or opted out; a person who opts out goes on the organisation's suppression list (admins keep it), and one who replied converts to a candidate only with their consent."),
      h("p", { class: "sourcing-count" }, `${prospects.length} prospect${prospects.length === 1 ? "" : "s"}${counts.length ? `: ${counts.map(([t, n]) => `${n} ${t}`).join(", ")}` : ""}.`),
      prospects.length ? h("ol", { class: "sourcing-prospects" }, prospects.map(prospectCard)) : empty("No prospect yet: bots upload them as they finish the tasks."),
    ),
  ];
}

register({
  path: "/recruiter/sourcing",
  role: "recruiter",
  label: "Sourcing",
  order: 40,
  title: "Sourcing",
  render: async (ctx) => {
    const runId = ctx.query.get("run");
    if (runId) return runView(ctx, runId);
    const [jobs, runs] = await Promise.all([api.get("/api/jobs", { query: { limit: 100 } }), api.get("/api/sourcing/runs")]);
    const jobsById = new Map(jobs.map((j) => [j.id, j]));
    const jobId = ctx.query.get("job");
    const start = jobs.length ? startForm(jobs, jobId) : empty("Post a job first: a run searches for its skills.", h("a", { href: link("/recruiter/jobs/new") }, "Post a job"));
    if (jobId && jobs.length) start.querySelector("[name=job_id]").value = jobId;
    const shown = jobId ? runs.filter((r) => r.job_id === jobId) : runs;
    return [
      h("p", {}, "A run turns a job's analysis into search keywords and boolean strings; bots search with them and upload profiles, which are scored on six factors and ranked into tiers."),
      h("h2", {}, "Start a run"),
      start,
      h("h2", {}, "Runs"),
      runsList(shown, jobsById),
    ];
  },
});
