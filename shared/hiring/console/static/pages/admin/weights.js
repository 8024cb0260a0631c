// Match weights per role level: the profile in force, a form for a new version, and a preview of how the change
// would re-rank a job's current top candidates (POST /api/admin/match-weights/preview) before it is saved.

import { api } from "../../api.js";
import { navigate, register } from "../../app.js";
import { empty, field, form, formValues, h, mount, showError, showNotice } from "../../dom.js";
import { facts, num, table } from "./common.js";

const LEVELS = [
  ["entry", "Entry-level roles"],
  ["mid", "Mid-level roles"],
  ["senior", "Senior, lead and executive roles"],
];
const COMPONENTS = [
  ["required_skills", "Required skills", "How many of the job's required skills the person shows, with evidence."],
  ["preferred_skills", "Preferred skills", "The nice-to-have skills."],
  ["experience", "Experience", "Years of experience against the job's range."],
  ["education", "Education", "Degree level and field."],
  ["location", "Location", "Same city, region or country, remote, relocation."],
  ["salary", "Salary", "The job's pay against the person's expectation."],
  ["semantic", "Text similarity", "How close the resume's text is to the posting's (embeddings)."],
  ["title", "Job title", "Past titles and occupation against the job's."],
  ["recency", "Posting age", "Newer postings score higher."],
];
const CREDITS = [
  ["base_credit", "Skill listed", "Credit (of 1000 per skill) for a skill merely listed."],
  ["experience_credit", "Shown in a job", "Extra credit when a job shows the skill."],
  ["project_credit", "Shown in a project", "Extra credit when a project shows it (the stronger of job and project counts)."],
  ["recent_credit", "Used recently", "Extra credit for use in the last two years."],
];

/** The role level whose profile scores a job of this seniority (as hiring.matching.weights.role_level). */
export function levelOf(seniority) {
  if (["senior", "lead", "executive"].includes(seniority)) return "senior";
  return seniority === "entry" ? "entry" : "mid";
}

function proposal(el) {
  const v = formValues(el);
  const weights = Object.fromEntries(COMPONENTS.map(([name]) => [name, Number(v[name])]));
  const credits = Object.fromEntries(CREDITS.map(([name]) => [name, Number(v[name])]));
  return { weights, ...credits };
}

function share(weights, name) {
  const total = Object.values(weights).reduce((a, b) => a + b, 0);
  return total ? `${num((weights[name] / total) * 100, 1)} %` : "—";
}

function movement(c) {
  if (c.rank_after === null) return h("span", { class: "adm-bad" }, "excluded");
  if (c.moved > 0) return h("span", { class: "adm-up" }, `up ${c.moved}`);
  if (c.moved < 0) return h("span", { class: "adm-down" }, `down ${-c.moved}`);
  return "same";
}

function previewTable(result) {
  if (!result.candidates.length) return empty("This job has no ranked candidates yet, so there is nothing to reorder.");
  const moved = result.candidates.filter((c) => c.moved).length;
  return [
    h(
      "p",
      { role: "status", id: "preview-summary" },
      `“${result.title}” (${result.level} profile): ${moved} of ${result.candidates.length} candidates would change place.`,
      result.unranked ? ` ${result.unranked} who refused automated ranking are left out.` : "",
    ),
    table(
      `Ranking of “${result.title}” under the proposed weights`,
      [
        { label: "New rank", cell: (c) => (c.rank_after === null ? "—" : num(c.rank_after)), class: "adm-n" },
        { label: "Rank now", cell: (c) => (c.rank_before === null ? "—" : num(c.rank_before)), class: "adm-n" },
        { label: "Change", cell: movement },
        { label: "Candidate", cell: (c) => [c.name || "(no name)", " ", h("span", { class: "hint" }, c.filename)] },
        { label: "Score now", cell: (c) => (c.score_before === null ? "—" : num(c.score_before, 2)), class: "adm-n" },
        { label: "Proposed score", cell: (c) => (c.score_after === null ? "—" : num(c.score_after, 2)), class: "adm-n" },
        { label: "Grade", cell: (c) => (c.grade_before === c.grade_after ? c.grade_after : `${c.grade_before} → ${c.grade_after}`) },
      ],
      result.candidates,
      { id: "preview" },
    ),
  ];
}

register({
  path: "/admin/weights",
  role: "admin",
  label: "Match weights",
  order: 70,
  title: "Match weights",
  render: async (ctx) => {
    const level = LEVELS.some(([l]) => l === ctx.query.get("level")) ? ctx.query.get("level") : "mid";
    const [profiles, jobs] = await Promise.all([
      api.get("/api/admin/match-weights"),
      api.get("/api/jobs", { query: { limit: 200 } }),
    ]);
    const profile = profiles[level];
    const candidates = jobs.filter((j) => j.analysis_status === "analyzed" && levelOf(j.seniority) === level);

    const picker = form({
      label: "Role level",
      submit: "Show",
      fields: [field({ label: "Role level", name: "level", type: "select", options: LEVELS })],
      action: async (v) => navigate("/admin/weights", { level: v.level }),
    });
    picker.classList.add("adm-inline");
    picker.querySelector("select").value = level;

    const previewSlot = h("div", { id: "preview-slot", "aria-live": "polite" });
    const weightsForm = form({
      label: "Weights",
      submit: "Save as a new version",
      fields: [
        h(
          "fieldset",
          { class: "adm-fieldset" },
          h("legend", {}, "Weight of each component"),
          h("p", { class: "hint" }, "Any positive scale: a score is the weighted mean of the components that apply to a pair."),
          COMPONENTS.map(([name, label, hint]) =>
            field({ label, name, type: "number", min: 0, max: 1000, step: "any", value: String(profile.weights[name] ?? 0), hint: `${hint} Now ${share(profile.weights, name)} of the total.` }),
          ),
        ),
        h(
          "fieldset",
          { class: "adm-fieldset" },
          h("legend", {}, "Skill evidence credits"),
          CREDITS.map(([name, label, hint]) => field({ label, name, type: "number", min: 0, max: 1000, value: String(profile[name]), hint })),
        ),
      ],
      action: async (_, el) => {
        const saved = await api.post("/api/admin/match-weights", { level, ...proposal(el) });
        await ctx.refresh();
        showNotice(`Saved: ${level}-level jobs now score with version ${saved.version}; new scores carry it.`);
      },
    });

    const jobSelect = field({
      label: "Job to preview",
      name: "job_id",
      type: "select",
      options: candidates.map((j) => [j.id, `${j.title}${j.company ? ` · ${j.company}` : ""}`]),
      hint: `Active, analysed ${level}-level jobs. Their current top candidates are re-scored now; nothing is stored.`,
    });
    const previewButton = h("button", { type: "button" }, "Preview the ranking");
    previewButton.addEventListener("click", async () => {
      const jobId = jobSelect.querySelector("select").value;
      if (!jobId) return;
      previewButton.disabled = true;
      mount(previewSlot, h("p", { class: "loading", role: "status" }, "Scoring…"));
      try {
        const result = await api.post("/api/admin/match-weights/preview", { job_id: jobId, ...proposal(weightsForm) });
        mount(previewSlot, previewTable(result));
      } catch (error) {
        mount(previewSlot);
        showError(error, weightsForm);
      } finally {
        previewButton.disabled = false;
      }
    });
    weightsForm.querySelector(".actions").prepend(previewButton);
    weightsForm.classList.add("adm-weights");

    return [
      picker,
      facts(
        [
          ["Version in force", h("code", {}, profile.version)],
          ["Hard filters", `salary ${profile.filters.salary_enabled ? "on" : "off"}, location ${profile.filters.location_enabled ? "on" : "off"}, experience ${profile.filters.experience_enabled ? "on" : "off"}`],
        ],
        { id: "weights-version" },
      ),
      h("h2", {}, `Weights for ${LEVELS.find(([l]) => l === level)[1].toLowerCase()}`),
      candidates.length ? jobSelect : h("p", { class: "hint" }, `No analysed ${level}-level job to preview on.`),
      weightsForm,
      h("h2", {}, "Preview"),
      previewSlot,
    ];
  },
});
