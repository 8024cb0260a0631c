// The candidate's matches: each job with its grade and score; opening one shows a bar per score component (from
// the breakdown), the strengths, the gaps, the skills linked by meaning (ESCO: counted ones with the posting's
// sentence and the resume's line, the rest as neutral notes), the suggestions, and lets the candidate apply.

import { api, ApiError } from "../../api.js";
import { link, register } from "../../app.js";
import { empty, h, mount, showError, showNotice } from "../../dom.js";
import { escoSection, otherNotes } from "../esco.js";
import { activeOf, chips, grade, myResumes, scoreBar, uploadLink, when } from "./common.js";
import { packLink } from "./packs.js";

const COMPONENTS = [
  ["required_skills", "Required skills"],
  ["preferred_skills", "Nice-to-have skills"],
  ["experience", "Experience"],
  ["semantic", "Overall similarity"],
  ["title", "Job title"],
  ["location", "Location"],
  ["education", "Education"],
  ["salary", "Salary"],
  ["recency", "Recent experience"],
];

function componentBars(breakdown) {
  const components = breakdown.components || {};
  const rows = COMPONENTS.filter(([key]) => components[key]).map(([key, label]) => {
    const c = components[key];
    const note = c.applies === false ? "" : ` · weight ${c.weight}`;
    return scoreBar(label, c.applies === false ? null : c.score, note);
  });
  return h("div", { class: "score-bars", role: "group", "aria-label": "Score per component" }, rows);
}

function evidenceLine(item) {
  const lines = (item.evidence || []).map((e) => `${e.section}: ${e.text}`);
  return lines.length ? h("span", { class: "c-muted c-small" }, ` — “${lines[0]}”`) : null;
}

/** Strengths, gaps, neutral notes and suggestions of a match's explanation. */
export function explanation(expl) {
  const notes = otherNotes(expl);
  return [
    h("h4", {}, "Strengths"),
    (expl.strengths || []).length
      ? h("ul", { class: "c-strengths" }, expl.strengths.map((s) => h("li", {}, s.text, s.esco ? null : evidenceLine(s))))
      : h("p", { class: "c-muted" }, "None found."),
    h("h4", {}, "Gaps"),
    (expl.gaps || []).length
      ? h("ul", { class: "c-gaps" }, expl.gaps.map((g) => h("li", {}, g.text)))
      : h("p", { class: "c-muted" }, "No gaps: you meet what the job asks."),
    notes.length ? h("h4", {}, "Good to know") : null,
    notes.length ? h("ul", { class: "c-notes" }, notes.map((n) => h("li", {}, n.text))) : null,
    (expl.suggestions || []).length ? h("h4", {}, "Suggestions") : null,
    (expl.suggestions || []).length ? h("ul", { class: "c-suggestions" }, expl.suggestions.map((s) => h("li", {}, s))) : null,
  ];
}

function applyControl(resumeId, match, applied) {
  const slot = h("div", { class: "apply-slot" });
  const done = (id) =>
    mount(slot, h("p", { class: "c-applied" }, "You applied. ", h("a", { href: link(`/candidate/applications/${id}`) }, "Follow your application")));
  if (applied.has(match.job_id)) {
    done(applied.get(match.job_id));
    return slot;
  }
  const button = h("button", { type: "button", class: "primary" }, `Apply to ${match.title}`);
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const made = await api.post("/api/applications", { job_id: match.job_id, resume_id: resumeId });
      applied.set(match.job_id, made.id);
      showNotice(`You applied to ${match.title}${match.company ? ` at ${match.company}` : ""}.`);
      done(made.id);
    } catch (error) {
      const existing = error instanceof ApiError && error.status === 409 && (error.details.application_id || error.details.id);
      if (existing) done(existing);
      else showError(error);
      button.disabled = false;
    }
  });
  return mount(slot, button);
}

function matchItem(resumeId, match, applied) {
  const body = h("div", { class: "match-body" });
  const item = h(
    "details",
    { class: "c-match", "data-job": match.job_id },
    h(
      "summary",
      {},
      grade(match.grade),
      h("span", { class: "match-title" }, h("strong", {}, match.title), match.company ? ` · ${match.company}` : "",
        match.location ? ` · ${match.location}` : ""),
      h("span", { class: "match-score" }, `${Math.round(match.score)} / 100`),
    ),
    body,
  );
  mount(body, h("p", {}, match.summary || ""), h("p", { class: "c-muted" }, "Open to see why."));
  let loaded = false;
  item.addEventListener("toggle", async () => {
    if (!item.open || loaded) return;
    loaded = true;
    mount(body, h("p", { class: "loading", role: "status" }, "Loading the breakdown…"));
    try {
      const detail = await api.get(`/api/resumes/${resumeId}/matches/${match.job_id}`);
      mount(
        body,
        h("p", {}, detail.explanation.summary || match.summary || ""),
        scoreBar("Overall", detail.score),
        componentBars(detail.breakdown),
        h("div", { class: "c-two-col" },
          h("div", {}, h("h4", {}, "Skills you have"), chips(detail.matched_skills, "have")),
          h("div", {}, h("h4", {}, "Skills the job asks for that we did not find"), chips(detail.missing_skills, "missing"))),
        explanation(detail.explanation),
        escoSection(detail.breakdown, { reader: "candidate", heading: "h4" }),
        h("p", { class: "c-muted c-small" }, `Scored ${when(detail.scored_at, true)}.`),
        applyControl(resumeId, match, applied),
        h("p", {}, packLink({ resume: resumeId, job: match.job_id })),
      );
    } catch (error) {
      loaded = false;
      mount(body);
      showError(error);
    }
  });
  return item;
}

register({
  path: "/candidate/matches",
  role: "candidate",
  label: "Matches",
  order: 20,
  title: "Your matches",
  render: async () => {
    const resume = activeOf(await myResumes());
    if (!resume) return empty("You have no read resume yet, so there is nothing to match.", uploadLink());
    const [matches, applications] = await Promise.all([
      api.get(`/api/resumes/${resume.id}/matches`),
      api.get("/api/applications", { query: { limit: 200 } }),
    ]);
    const applied = new Map(applications.filter((a) => a.status !== "withdrawn").map((a) => [a.job_id, a.id]));
    if (!matches.length) {
      return empty("No matches yet. Matching runs right after your resume is read; come back in a moment.");
    }
    return [
      h("p", {}, `${matches.length} jobs for ${resume.filename}, best first. Open one to see the score per part, what you bring, what is missing, and to apply.`),
      h("div", { class: "c-matches" }, matches.map((m) => matchItem(resume.id, m, applied))),
    ];
  },
});
