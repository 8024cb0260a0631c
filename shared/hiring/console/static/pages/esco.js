// ESCO-linked requirements of a match's breakdown (docs/matching.md, "ESCO-linked requirements"), for every page
// that shows a breakdown: a posting sentence the skills dictionary could not name was linked by meaning to a skill
// of the ESCO classification. A counted one shows the posting's sentence and the resume line that showed the skill;
// one that did not count is a neutral note, never a gap (its link is too often wrong to hold against anyone).

import { h } from "../dom.js";

const KINDS = [
  ["required_skills", "required"],
  ["preferred_skills", "nice to have"],
];

function resumeLine(item) {
  const lines = (item && item.evidence) || [];
  return lines.find((l) => l.section === "experience" || l.section === "projects") || lines[0] || null;
}

/** The breakdown's ESCO requirements: {counted: [...], notCounted: [...]}, each {skill, uri, asked, met, kind}, a
 * counted one with `line`, the resume's line ({section, text}) that showed the skill, when the breakdown has it. */
export function escoEntries(breakdown) {
  const components = (breakdown && breakdown.components) || {};
  const counted = [];
  const notCounted = [];
  for (const [key, kind] of KINDS) {
    const c = components[key];
    if (!c || !Array.isArray(c.esco)) continue;
    const matched = c.matched || [];
    for (const e of c.esco) {
      if (e.counted ?? e.met) {
        const item = matched.find((m) => m.esco && m.esco.uri === e.uri) || matched.find((m) => m.skill === e.skill);
        counted.push({ ...e, kind, line: resumeLine(item) });
      } else {
        notCounted.push({ ...e, kind });
      }
    }
  }
  return { counted, notCounted };
}

/** A section listing a breakdown's ESCO requirements, or null when it has none. `reader` words it for the candidate
 * ("your resume") or for staff ("the resume"); `heading` is the heading's tag for the page's outline. */
export function escoSection(breakdown, { reader = "candidate", heading = "h4" } = {}) {
  const { counted, notCounted } = escoEntries(breakdown);
  if (!counted.length && !notCounted.length) return null;
  const whose = reader === "candidate" ? "Your resume" : "The resume";
  return h(
    "section",
    { class: "esco", "aria-label": "Skills linked by meaning" },
    h(heading, {}, "Skills linked by meaning"),
    h(
      "p",
      { class: "esco-hint" },
      "The posting asks for these in its own words; each sentence was linked by meaning to a skill of ESCO, the European skills classification.",
    ),
    counted.length
      ? h(
          "ul",
          { class: "esco-met" },
          counted.map((e) =>
            h(
              "li",
              { "data-uri": e.uri },
              h("strong", {}, e.skill),
              ` (${e.kind}): counted.`,
              h("span", { class: "esco-line" }, "The posting asks: ", h("q", {}, e.asked)),
              e.line ? h("span", { class: "esco-line" }, `${whose} shows it: `, h("q", {}, e.line.text), ` (${e.line.section})`) : null,
            ),
          ),
        )
      : null,
    notCounted.length
      ? [
          h("p", {}, "Noted, not counted for or against:"),
          h(
            "ul",
            { class: "esco-notes" },
            notCounted.map((e) =>
              h(
                "li",
                { "data-uri": e.uri },
                h("strong", {}, e.skill),
                ` (${e.kind}). `,
                h("span", { class: "esco-line" }, "The posting asks: ", h("q", {}, e.asked)),
                h(
                  "span",
                  { class: "esco-line" },
                  e.met
                    ? `${whose} shows it too; counting it would not raise the score.`
                    : "A link by meaning alone is too uncertain to call this a gap, so it is left out of the score.",
                ),
              ),
            ),
          ),
        ]
      : null,
  );
}

/** The explanation's neutral notes other than the ESCO ones (escoSection shows those with their sentences). */
export function otherNotes(explanation) {
  return ((explanation && explanation.notes) || []).filter((n) => n.kind !== "esco_not_counted");
}
