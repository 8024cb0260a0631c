// A job's ranked applicants with the API's filters (status, minimum score, minimum years, skills, grade), and one
// application: the snapshot's breakdown per component with the resume lines each matched skill came from, the
// skills linked by meaning (ESCO: the posting's sentence and the resume's line; uncounted ones as neutral notes),
// its history, and the moves open to the recruiter.

import { api } from "../../api.js";
import { link, navigate, register } from "../../app.js";
import { empty, field, form, h, mount, showError, showNotice } from "../../dom.js";
import { escoSection, otherNotes } from "../esco.js";
import { applicationPack } from "./packs.js";
import {
  formatDate,
  formatNumber,
  GRADES,
  gradeBadge,
  jobTabs,
  moveApplication,
  scoreMeter,
  skillList,
  stageLabel,
  STATUSES,
} from "./common.js";

const FILTERS = ["status", "min_score", "min_years", "skills", "grade"];

register({
  path: "/recruiter/jobs/:id/applicants",
  role: "recruiter",
  title: "Applicants",
  render: async (ctx) => {
    const jobId = ctx.params.id;
    const chosen = Object.fromEntries(FILTERS.map((k) => [k, ctx.query.get(k) || ""]));
    const [job, applicants] = await Promise.all([
      api.get(`/api/jobs/${jobId}`),
      api.get(`/api/jobs/${jobId}/applicants`, { query: { ...chosen, limit: 200 } }).catch((error) => error),
    ]);
    document.getElementById("page-title").textContent = `Applicants: ${job.title}`;
    const filters = form({
      label: "Filter applicants",
      submit: "Apply filters",
      fields: [
        field({ label: "Status", name: "status", type: "select", options: [["", "Any status"], ...STATUSES.map((s) => [s, stageLabel(s)])] }),
        field({ label: "Minimum score", name: "min_score", type: "number", min: 0, max: 100, step: "any", value: chosen.min_score, hint: "0-100" }),
        field({ label: "Minimum years of experience", name: "min_years", type: "number", min: 0, max: 80, step: "any", value: chosen.min_years }),
        field({ label: "Skills", name: "skills", value: chosen.skills, hint: "Comma-separated; each must be matched, e.g. React, TypeScript." }),
        field({ label: "Grade", name: "grade", type: "select", options: [["", "Any grade"], ...GRADES.map((g) => [g, g])] }),
      ],
      action: async (v) => {
        const query = Object.fromEntries(FILTERS.map((k) => [k, String(v[k] || "").trim()]).filter(([, x]) => x));
        navigate(`/recruiter/jobs/${jobId}/applicants`, query);
      },
    });
    filters.classList.add("filters");
    filters.querySelector("select[name=status]").value = chosen.status;
    filters.querySelector("select[name=grade]").value = chosen.grade;
    const filtered = FILTERS.some((k) => chosen[k]);
    const clear = filtered ? h("a", { href: link(`/recruiter/jobs/${jobId}/applicants`) }, "Clear filters") : null;
    if (applicants instanceof Error) {
      queueMicrotask(() => showError(applicants, filters));
      return [jobTabs(jobId, "/applicants"), filters, clear];
    }
    return [
      jobTabs(jobId, "/applicants"),
      filters,
      clear,
      h("p", { id: "applicant-count", role: "status" }, countText(applicants.length, filtered)),
      applicants.length
        ? applicantTable(applicants)
        : empty(
            filtered ? "No applicant matches these filters." : "No one has applied yet.",
            filtered ? null : h("a", { href: link(`/recruiter/jobs/${jobId}/matches`) }, "Find candidates among the matches"),
          ),
    ];
  },
});

function countText(n, filtered) {
  const word = n === 1 ? "applicant" : "applicants";
  return filtered ? `${n} ${word} ${n === 1 ? "matches" : "match"} these filters.` : `${n} ${word}, best first.`;
}

function applicantTable(applicants) {
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { class: "applicants" },
      h("caption", { class: "visually-hidden" }, "Applicants, best first"),
      h(
        "thead",
        {},
        h("tr", {}, ["#", "Candidate", "Grade", "Score", "Years", "Matched skills", "Missing skills", "Status", "Source"].map((t) => h("th", { scope: "col" }, t))),
      ),
      h(
        "tbody",
        {},
        applicants.map((a, i) =>
          h(
            "tr",
            { "data-application-id": a.application_id },
            h("td", {}, a.manual_review ? "–" : String(i + 1)),
            h(
              "th",
              { scope: "row" },
              h("a", { href: link(`/recruiter/applications/${a.application_id}`) }, a.candidate.name || a.candidate.email || "Unnamed candidate"),
              a.candidate.headline ? h("span", { class: "sub" }, a.candidate.headline) : null,
              a.manual_review ? h("span", { class: "sub" }, "Refused automated ranking: review by hand") : null,
            ),
            h("td", {}, gradeBadge(a.grade)),
            h("td", {}, scoreMeter(a.score), a.percentile !== null ? h("span", { class: "sub" }, `percentile ${formatNumber(a.percentile, 0)}`) : null),
            h("td", {}, a.years_experience === null ? "–" : formatNumber(a.years_experience)),
            h("td", {}, skillList(a.matched_skills, "matched", "–")),
            h("td", {}, skillList(a.missing_skills, "missing", "–")),
            h("td", {}, stageLabel(a.status)),
            h("td", {}, a.source),
          ),
        ),
      ),
    ),
  );
}

const COMPONENTS = {
  required_skills: "Required skills",
  preferred_skills: "Preferred skills",
  experience: "Experience",
  semantic: "Similarity of the texts",
  title: "Job title",
  location: "Location",
  salary: "Salary",
  education: "Education",
  recency: "Recency",
};

register({
  path: "/recruiter/applications/:id",
  role: "recruiter",
  title: "Application",
  render: async (ctx) => {
    const app = await api.get(`/api/applications/${ctx.params.id}`);
    const pack = await applicationPack(app.id);
    const person = app.candidate;
    const who = person.name || person.email || "The candidate";
    const moved = ctx.query.get("moved");
    if (moved) queueMicrotask(() => showNotice(`${who} moved to ${stageLabel(moved)}.`));
    document.getElementById("page-title").textContent = `${who} for ${app.title}`;
    document.title = `${who} · Hiring console`;
    const explanation = app.explanation || {};
    const components = (app.breakdown && app.breakdown.components) || {};
    const statusPanel = h("section", { class: "move", "aria-labelledby": "move-title" });
    renderMove(statusPanel, app, who, ctx);
    return [
      h("p", {}, h("a", { href: link(`/recruiter/jobs/${app.job_id}/applicants`) }, `All applicants for ${app.title}`), " · ", h("a", { href: link(`/recruiter/jobs/${app.job_id}/pipeline`) }, "Pipeline")),
      h(
        "dl",
        { class: "facts" },
        person.email ? [h("dt", {}, "Email"), h("dd", {}, person.email)] : null,
        person.headline ? [h("dt", {}, "Headline"), h("dd", {}, person.headline)] : null,
        person.location ? [h("dt", {}, "Location"), h("dd", {}, person.location)] : null,
        h("dt", {}, "Grade"),
        h("dd", {}, gradeBadge(app.grade)),
        h("dt", {}, "Score"),
        h("dd", {}, scoreMeter(app.score)),
        h("dt", {}, "Years of experience"),
        h("dd", {}, app.years_experience === null ? "–" : formatNumber(app.years_experience)),
        h("dt", {}, "Source"),
        h("dd", {}, app.source),
        h("dt", {}, "Applied"),
        h("dd", {}, formatDate(app.applied_at)),
        app.note ? [h("dt", {}, "Note"), h("dd", {}, app.note)] : null,
      ),
      pack,
      explanation.summary ? h("p", { class: "summary" }, explanation.summary) : null,
      statusPanel,
      h("h2", {}, "Breakdown"),
      h("p", { class: "muted" }, `Scored when they applied (${app.scorer}, weights ${app.weights_version}).`),
      Object.keys(components).length
        ? h("div", { class: "breakdown" }, orderComponents(components).map(([key, c]) => componentCard(key, c)))
        : empty("The breakdown was cleared when the person's data was erased."),
      escoSection(app.breakdown, { reader: "staff", heading: "h2" }),
      strengthsAndGaps(explanation),
      history(app),
    ];
  },
});

function orderComponents(components) {
  const known = Object.keys(COMPONENTS).filter((k) => components[k]);
  const other = Object.keys(components).filter((k) => !COMPONENTS[k]);
  return [...known, ...other].map((k) => [k, components[k]]);
}

function componentCard(key, c) {
  const title = COMPONENTS[key] || key.replaceAll("_", " ");
  const parts = [];
  if (!c.applies) parts.push(h("p", { class: "muted" }, "Does not apply to this job."));
  if (Array.isArray(c.matched)) {
    parts.push(
      c.matched.length
        ? h(
            "ul",
            { class: "evidence-list" },
            c.matched.map((m) =>
              h(
                "li",
                {},
                h("strong", {}, m.skill),
                m.esco && !m.esco.resume_dictionary ? " · linked by meaning" : "",
                m.months ? ` · ${m.months} months` : "",
                m.recent ? " · recent" : "",
                h(
                  "ul",
                  { class: "evidence-lines" },
                  (m.evidence || []).map((e) => h("li", {}, h("q", {}, e.text), e.section ? h("span", { class: "sub" }, ` in ${e.section}`) : null)),
                ),
              ),
            ),
          )
        : h("p", { class: "muted" }, "None matched."),
    );
    if (c.missing && c.missing.length) parts.push(h("p", {}, "Missing: "), skillList(c.missing, "missing"));
  }
  if (key === "experience" && c.applies) {
    const range = c.max_years ? `${formatNumber(c.min_years)}–${formatNumber(c.max_years)}` : `${formatNumber(c.min_years)}+`;
    parts.push(h("p", {}, `${formatNumber(c.candidate_years)} years; the job asks ${range} years.`));
  }
  if (key === "title" && c.candidate_titles) parts.push(h("p", {}, `Their titles: ${c.candidate_titles.join(", ") || "none"}.`));
  return h(
    "section",
    { class: "component", "data-component": key, "aria-label": title },
    h("h3", {}, title),
    c.applies ? h("p", { class: "component-score" }, scoreMeter(c.score, title), h("span", { class: "sub" }, ` weight ${formatNumber(c.weight)} · ${formatNumber(c.points)} points`)) : null,
    parts,
  );
}

function strengthsAndGaps(explanation) {
  const blocks = [];
  if (explanation.strengths && explanation.strengths.length) {
    blocks.push(h("h2", {}, "Strengths"), h("ul", {}, explanation.strengths.map((s) => h("li", {}, s.text))));
  }
  if (explanation.gaps && explanation.gaps.length) {
    blocks.push(h("h2", {}, "Gaps"), h("ul", {}, explanation.gaps.map((g) => h("li", {}, g.text))));
  }
  const notes = otherNotes(explanation);
  if (notes.length) blocks.push(h("h2", {}, "Good to know"), h("ul", { class: "notes" }, notes.map((n) => h("li", {}, n.text))));
  return blocks;
}

function history(app) {
  return [
    h("h2", {}, "History"),
    h(
      "ol",
      { class: "history-list" },
      app.history.map((e) =>
        h(
          "li",
          {},
          `${formatDate(e.created_at)}: ${e.from_status ? `${stageLabel(e.from_status)} → ` : ""}${stageLabel(e.to_status)} by ${e.actor_email || e.actor_role}`,
          e.reason ? h("span", { class: "sub" }, ` (${e.reason})`) : null,
        ),
      ),
    ),
    app.feedback ? [h("h2", {}, "Feedback the candidate sees"), h("p", {}, app.feedback.summary)] : null,
  ];
}

function renderMove(panel, app, who, ctx) {
  const heading = h("h2", { id: "move-title" }, "Status");
  const now = h("p", { id: "application-status" }, "Now: ", h("strong", {}, stageLabel(app.status)));
  if (!app.allowed_next.length) {
    mount(panel, heading, now, h("p", { class: "muted" }, "This application is closed."));
    return;
  }
  const moveForm = form({
    label: "Move application",
    submit: "Move",
    fields: [field({ label: "Move to", name: "status", type: "select", options: app.allowed_next.map((s) => [s, stageLabel(s)]) })],
    action: async (v) => {
      const moved = await moveApplication(app.id, v.status, who);
      if (moved) ctx.navigate(`/recruiter/applications/${app.id}`, { moved: moved.status });
    },
  });
  mount(panel, heading, now, moveForm);
}
