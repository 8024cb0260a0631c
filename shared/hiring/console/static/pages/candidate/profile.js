// The parsed profile: every skill with its months and evidence, the evidence highlighted in the resume text the
// parser read, the experience timeline and education; and the corrections form (corrections.js).

import { api, ApiError } from "../../api.js";
import { link, register } from "../../app.js";
import { empty, h } from "../../dom.js";
import { corrections } from "./corrections.js";
import { STATUS_TEXT, duration, month } from "./common.js";

/** The resume text with each evidence span in a <mark>; returns the element and a map skill -> mark ids. */
function highlightedText(text, skills) {
  const spans = [];
  skills.forEach((skill) => {
    for (const ev of skill.evidence || []) {
      if (Number.isInteger(ev.start) && Number.isInteger(ev.end) && ev.end > ev.start && ev.end <= text.length) {
        spans.push({ start: ev.start, end: ev.end, skill: skill.name });
      }
    }
  });
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const pre = h("pre", { class: "resume-text", id: "resume-text", role: "region", tabindex: "0", "aria-label": "Resume text" });
  const marks = new Map();
  let at = 0;
  let n = 0;
  for (const span of spans) {
    if (span.start < at) {
      // Overlaps an earlier mark (two skills on one word): point the later skill at that mark.
      const last = `ev-${n - 1}`;
      if (n > 0) marks.set(`${span.skill}@${span.start}`, last);
      continue;
    }
    pre.append(text.slice(at, span.start));
    const id = `ev-${n++}`;
    pre.append(h("mark", { id, tabindex: "-1", "data-skill": span.skill, title: span.skill }, text.slice(span.start, span.end)));
    marks.set(`${span.skill}@${span.start}`, id);
    at = span.end;
  }
  pre.append(text.slice(at));
  return { pre, marks };
}

// The page's own anchors cannot be hash links: the hash is the console's address.
function toCorrections() {
  const heading = document.getElementById("corrections-heading");
  heading.scrollIntoView();
  heading.focus();
}

function showMark(id) {
  document.querySelectorAll("mark.current").forEach((m) => m.classList.remove("current"));
  const mark = document.getElementById(id);
  if (!mark) return;
  mark.classList.add("current");
  mark.scrollIntoView({ block: "center" });
  mark.focus({ preventScroll: true });
}

function skillsTable(skills, marks, corrected) {
  if (!skills.length) return empty("No skills were found in this resume. Add them below if the parser missed them.");
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { "aria-label": "Skills", class: "skills-table" },
      h("thead", {}, h("tr", {}, h("th", {}, "Skill"), h("th", {}, "Experience"), h("th", {}, "Evidence"))),
      h(
        "tbody",
        {},
        skills.map((skill) =>
          h(
            "tr",
            { "data-skill": skill.name },
            h(
              "th",
              { scope: "row" },
              skill.name,
              skill.category ? h("span", { class: "c-muted c-small" }, ` ${skill.category}`) : null,
              corrected.has(skill.name) ? h("span", { class: "c-tag" }, "added by you") : null,
            ),
            h("td", {}, skill.months ? duration(skill.months) : "listed only"),
            h(
              "td",
              {},
              (skill.evidence || []).length
                ? h(
                    "ul",
                    { class: "c-evidence" },
                    skill.evidence.map((ev) => {
                      const id = marks.get(`${skill.name}@${ev.start}`);
                      return h(
                        "li",
                        {},
                        h("span", { class: "section-name" }, `${ev.section}: `),
                        h("q", {}, ev.text),
                        id
                          ? h(
                              "button",
                              { type: "button", class: "link-button show-evidence", onclick: () => showMark(id) },
                              "Show in resume",
                              h("span", { class: "c-visually-hidden" }, ` (${skill.name})`),
                            )
                          : null,
                      );
                    }),
                  )
                : h("span", { class: "c-muted" }, "no line in the resume"),
            ),
          ),
        ),
      ),
    ),
  );
}

function timeline(experience) {
  if (!experience.length) return empty("No jobs were found. Correct it below if the parser missed them.");
  return h(
    "ol",
    { class: "c-timeline", "aria-label": "Experience" },
    experience.map((job) =>
      h(
        "li",
        {},
        h("p", { class: "timeline-when" }, `${month(job.start) || "?"} – ${job.current ? "now" : month(job.end) || "?"}`,
          job.months ? ` · ${duration(job.months)}` : ""),
        h("p", { class: "timeline-what" }, h("strong", {}, job.title || "(no title found)"), " at ",
          job.company || "(no company found)", job.location ? `, ${job.location}` : ""),
        job.description ? h("p", { class: "timeline-desc" }, job.description) : null,
      ),
    ),
  );
}

function educationList(education) {
  if (!education.length) return empty("No education was found.");
  return h(
    "ul",
    { class: "c-education" },
    education.map((ed) =>
      h(
        "li",
        {},
        h("strong", {}, [ed.degree, ed.field].filter(Boolean).join(", ") || "(degree not found)"),
        ed.institution ? ` · ${ed.institution}` : "",
        ed.start || ed.end ? ` · ${month(ed.start) || "?"} – ${month(ed.end) || "?"}` : "",
      ),
    ),
  );
}

function facts(profile, view) {
  const mark = (key) => (view.corrected.has(key) ? h("span", { class: "c-tag" }, "corrected") : null);
  const row = (label, key) => [h("dt", {}, label), h("dd", { "data-fact": key }, profile[key] || "—", mark(key))];
  return h(
    "dl",
    { class: "facts" },
    row("Name", "name"),
    row("Email", "email"),
    row("Phone", "phone"),
    row("Location", "location"),
    h("dt", {}, "Total experience"),
    h("dd", {}, duration(profile.total_experience_months)),
    h("dt", {}, "Seniority"),
    h("dd", {}, profile.seniority),
  );
}

register({
  path: "/candidate/resumes/:id",
  role: "candidate",
  title: "Your profile",
  render: async (ctx) => {
    const id = ctx.params.id;
    const [resume, parsed, source, view] = await Promise.all([
      api.get(`/api/resumes/${id}`),
      api.get(`/api/resumes/${id}/profile`),
      api.get(`/api/resumes/${id}/text`).catch((error) => {
        if (error instanceof ApiError && error.status === 404) return { text: "" }; // no text kept (an import)
        throw error;
      }),
      api.get(`/api/resumes/${id}/corrections`),
    ]);
    const profile = view.profile; // the parser's output with the candidate's corrections applied
    const added = new Set(view.corrections.skills_added || []);
    const correctedKeys = new Set(
      ["name", "email", "phone", "location"].filter((k) => view.corrections[k] !== null && view.corrections[k] !== undefined),
    );
    const { pre, marks } = highlightedText(source.text, profile.skills);
    const warnings = parsed.profile.warnings || [];
    return [
      h(
        "p",
        { class: "c-lead" },
        `${resume.filename}: ${STATUS_TEXT[resume.status] || resume.status}`,
        resume.status_reason ? ` (${resume.status_reason})` : "",
        `. ${profile.skills.length} skills, confidence ${Math.round((parsed.profile.confidence || 0) * 100)}%.`,
      ),
      warnings.length ? h("div", { class: "alert notice" }, h("p", {}, "The parser noted: ", warnings.join("; "))) : null,
      h("p", {}, h("a", { href: link("/candidate/matches") }, "See your matches"), " · ",
        h("button", { type: "button", class: "link-button", onclick: toCorrections }, "Correct what we got wrong")),
      h("section", { "aria-labelledby": "contact-heading" }, h("h2", { id: "contact-heading" }, "About you"),
        facts(profile, { corrected: correctedKeys })),
      h("section", { "aria-labelledby": "skills-heading" }, h("h2", { id: "skills-heading" }, `Skills (${profile.skills.length})`),
        h("p", { class: "hint" }, "Each skill with the months of work behind it and the lines it was read from; highlighted in the resume text below."),
        skillsTable(profile.skills, marks, added)),
      h("section", { "aria-labelledby": "experience-heading" }, h("h2", { id: "experience-heading" }, "Experience"),
        timeline(profile.experience)),
      h("section", { "aria-labelledby": "education-heading" }, h("h2", { id: "education-heading" }, "Education"),
        educationList(profile.education)),
      source.text
        ? h("section", { "aria-labelledby": "text-heading" }, h("h2", { id: "text-heading" }, "Resume text"),
            h("p", { class: "hint" }, "The text we read from your file; highlighted words are the evidence for a skill."), pre)
        : null,
      corrections(id, parsed.profile, view, ctx),
    ];
  },
});
