// Corrections of what the parser got wrong: the name and contact, skills to add or remove, and each experience
// entry's title, company and dates. The form shows the effective values (what we read, with earlier corrections);
// what differs from the parser's reading is sent as the corrections (PUT /api/resumes/{id}/corrections), which
// replace the earlier ones. Matching then scores the corrected profile.

import { api } from "../../api.js";
import { field, form, h, showNotice } from "../../dom.js";
import { month } from "./common.js";

const CONTACT = [
  ["name", "Name", "text", "name"],
  ["email", "Email", "email", "email"],
  ["phone", "Phone", "tel", "tel"],
  ["location", "Location", "text", "address-level2"],
];

const split = (text) => String(text || "").split(",").map((t) => t.trim()).filter(Boolean);
const parsedHint = (value) => `We read: ${value || "nothing"}.`;

function contactFields(parsed, effective) {
  return CONTACT.map(([key, label, type, autocomplete]) =>
    field({ label, name: key, type, autocomplete, value: effective[key] || "", hint: parsedHint(parsed[key]) }),
  );
}

function skillFields(parsed, corrections) {
  const removed = new Set((corrections.skills_removed || []).map((s) => s.toLowerCase()));
  const boxes = parsed.skills.map((skill, n) => {
    const id = `remove-skill-${n}`;
    return h(
      "li",
      {},
      h("input", { id, type: "checkbox", name: `remove:${skill.name}`, checked: removed.has(skill.name.toLowerCase()) }),
      h("label", { for: id }, skill.name),
    );
  });
  return [
    field({
      label: "Skills to add",
      name: "skills_added",
      value: (corrections.skills_added || []).join(", "),
      hint: "Skills you have that we missed, separated by commas, e.g. GraphQL, Kubernetes.",
    }),
    parsed.skills.length
      ? h("fieldset", { class: "remove-skills" }, h("legend", {}, "Skills we found wrongly (tick to remove)"),
          h("ul", { class: "c-check-grid" }, boxes))
      : null,
  ];
}

function experienceFields(parsed, effective) {
  return parsed.experience.map((job, n) => {
    const now = effective.experience[n] || job;
    const current = h("input", { id: `exp-${n}-current`, type: "checkbox", name: `exp-${n}-current`, checked: now.current });
    return h(
      "fieldset",
      { class: "experience-entry", "data-entry": String(n) },
      h("legend", {}, `Job ${n + 1}: ${job.title || "(no title)"} at ${job.company || "(no company)"}`),
      field({ label: "Title", name: `exp-${n}-title`, value: now.title || "", hint: parsedHint(job.title) }),
      field({ label: "Company", name: `exp-${n}-company`, value: now.company || "", hint: parsedHint(job.company) }),
      h(
        "div",
        { class: "c-two-col" },
        field({ label: "Start", name: `exp-${n}-start`, type: "month", value: now.start || "", hint: parsedHint(month(job.start)) }),
        field({ label: "End", name: `exp-${n}-end`, type: "month", value: now.end || "", hint: parsedHint(job.current ? "now" : month(job.end)) }),
      ),
      h("div", { class: "field c-check" }, current, h("label", { for: `exp-${n}-current` }, "I still work here")),
    );
  });
}

/** What in the form differs from the parser's reading: the body of PUT /corrections. */
function correctionsOf(values, parsed) {
  const body = { skills_added: split(values.skills_added), skills_removed: [], experience: [] };
  for (const [key] of CONTACT) {
    const value = values[key].trim();
    body[key] = value && value !== (parsed[key] || "") ? value : null;
  }
  for (const skill of parsed.skills) if (values[`remove:${skill.name}`]) body.skills_removed.push(skill.name);
  parsed.experience.forEach((job, index) => {
    const change = { index };
    for (const key of ["title", "company"]) {
      const value = values[`exp-${index}-${key}`].trim();
      if (value && value !== (job[key] || "")) change[key] = value;
    }
    const current = values[`exp-${index}-current`];
    const start = values[`exp-${index}-start`];
    const end = current ? "" : values[`exp-${index}-end`];
    if (start && start !== (job.start || "")) change.start = start;
    if (end && end !== (job.end || "")) change.end = end;
    if (current !== job.current) change.current = current;
    if (Object.keys(change).length > 1) body.experience.push(change);
  });
  return body;
}

/** The API names an entry's problem by its place in the body ("experience.0.start"); the form names its inputs by
 *  the entry ("exp-3-start"): rename, so the message lands under the input. */
function withFieldNames(error, body) {
  const problems = error && error.details && error.details.problems;
  if (!Array.isArray(problems)) return error;
  for (const problem of problems) {
    const found = /^(?:body\.)?experience\.(\d+)(?:\.(\w+))?$/.exec(problem.field || "");
    const entry = found && body.experience[Number(found[1])];
    if (entry) problem.field = `exp-${entry.index}-${found[2] && found[2] !== "index" ? found[2] : "start"}`;
  }
  return error;
}

/** The corrections section of the profile page. */
export function corrections(resumeId, parsed, view, ctx) {
  const saved = view.updated_at
    ? h("p", { class: "c-muted" }, `Last corrected ${new Date(view.updated_at).toLocaleString()}.`)
    : h("p", { class: "c-muted" }, "Nothing corrected yet.");
  const undo = view.updated_at
    ? h("button", {
        type: "button",
        onclick: async () => {
          await api.put(`/api/resumes/${resumeId}/corrections`, {});
          await ctx.refresh();
          showNotice("Your corrections were removed; matching uses what we read.");
        },
      }, "Undo all corrections")
    : null;
  return h(
    "section",
    { "aria-labelledby": "corrections-heading", class: "corrections" },
    h("h2", { id: "corrections-heading", tabindex: "-1" }, "Correct what we got wrong"),
    h("p", {}, "Change what we read wrongly. We keep what we read and use your corrections for your profile and your matches."),
    saved,
    form({
      label: "Correct your profile",
      submit: "Save corrections",
      fields: [
        h("fieldset", {}, h("legend", {}, "About you"), contactFields(parsed, view.profile)),
        h("fieldset", {}, h("legend", {}, "Skills"), skillFields(parsed, view.corrections)),
        parsed.experience.length ? h("h3", {}, "Experience") : null,
        experienceFields(parsed, view.profile),
      ],
      action: async (values) => {
        const body = correctionsOf(values, parsed);
        let answer;
        try {
          answer = await api.put(`/api/resumes/${resumeId}/corrections`, body);
        } catch (error) {
          throw withFieldNames(error, body);
        }
        await ctx.refresh();
        showNotice(
          `Saved your corrections: ${answer.profile.skills.length} skills.` +
            (answer.rematch ? " Your matches are being updated." : ""),
        );
      },
    }),
    undo,
  );
}
