// Application packs (issue 14): build one from an application (POST /api/applications/{id}/pack) or from a match
// before applying (POST /api/packs {resume_id, job_id}), then read it (GET /api/packs/{id}): the tailored resume,
// each line with the line of your resume it came from (shown on hover and on keyboard focus, or all at once), the
// ATS keyword coverage per skill before and after tailoring, the cover letter draft, and the PDF and DOCX
// downloads (fetched with the session's token, saved from a Blob). The address holds what is shown:
// ?application=, ?resume=&job= (before building) and ?pack= (a built pack). /candidate/packs lists the candidate's
// packs, newest first (GET /api/packs); an application's page links to its newest pack (packFor()).

import { api } from "../../api.js";
import { link, navigate, register } from "../../app.js";
import { empty, h, showError, showNotice } from "../../dom.js";
import { when } from "./common.js";

const SECTIONS = {
  basics: "Contact",
  summary: "Summary",
  skills: "Skills",
  experience: "Experience",
  projects: "Projects",
  education: "Education",
  languages: "Languages",
};

async function download(path, filename, button) {
  button.disabled = true;
  try {
    const blob = await api.get(path);
    const url = URL.createObjectURL(blob);
    const a = h("a", { href: url, download: filename, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    showNotice(`Downloaded ${filename}.`);
  } catch (error) {
    showError(error);
  } finally {
    button.disabled = false;
  }
}

function downloads(pack) {
  const pdf = h("button", { type: "button", class: "primary" }, "Download PDF");
  const docx = h("button", { type: "button" }, "Download DOCX");
  pdf.addEventListener("click", () => download(pack.files.pdf, "resume.pdf", pdf));
  docx.addEventListener("click", () => download(pack.files.docx, "resume.docx", docx));
  return h("div", { class: "actions pk-downloads" }, pdf, docx);
}

function sourceText(line, staff) {
  return `From ${staff ? "the" : "your"} resume: ${line.source}${line.shortened ? " (shortened)" : ""}`;
}

/** The tailored resume, grouped by section; every line is focusable and describes its source. `staff`: worded for
 *  the recruiter reading a candidate's pack rather than for its owner. */
function tailored(pack, staff) {
  const groups = [];
  for (const line of pack.lines) {
    const last = groups[groups.length - 1];
    if (last && last.section === line.section) last.lines.push(line);
    else groups.push({ section: line.section, lines: [line] });
  }
  const toggle = h("input", { type: "checkbox", id: "pk-show-sources" });
  const box = h(
    "div",
    { class: "pk-resume" },
    groups.map((g, gi) =>
      h(
        "section",
        { "aria-labelledby": `pk-sec-${gi}` },
        h("h3", { id: `pk-sec-${gi}` }, SECTIONS[g.section] || g.section),
        h(
          "ul",
          { class: "pk-lines" },
          g.lines.map((line) => {
            const id = `pk-src-${pack.lines.indexOf(line)}`;
            return h(
              "li",
              { class: `pk-line pk-${line.role}`, tabindex: "0", "aria-describedby": id, "data-source": line.source },
              h("span", { class: "pk-text" }, line.text),
              line.skills.length && line.role !== "skill" ? h("span", { class: "c-tag" }, line.skills.join(", ")) : null,
              h("span", { class: "pk-source", id, role: "note" }, sourceText(line, staff)),
            );
          }),
        ),
      ),
    ),
  );
  toggle.addEventListener("change", () => box.classList.toggle("pk-all-sources", toggle.checked));
  return h(
    "section",
    { "aria-labelledby": "pk-resume-heading" },
    h("h2", { id: "pk-resume-heading" }, staff ? "The tailored resume" : "Your tailored resume"),
    h("p", { class: "c-muted" }, `${pack.lines.length} lines, each from a line of ${staff ? "the candidate's" : "your"} resume: nothing is added. Point at a line or move to it with Tab to see where it came from.`),
    h("p", { class: "pk-toggle" }, toggle, h("label", { for: "pk-show-sources" }, " Show every line's source")),
    box,
  );
}

function yes(flag) {
  return flag ? "Yes" : "No";
}

function coverage(pack) {
  const c = pack.coverage;
  return h(
    "section",
    { "aria-labelledby": "pk-coverage-heading" },
    h("h2", { id: "pk-coverage-heading" }, "ATS keyword coverage"),
    h(
      "p",
      { class: "pk-coverage-counts" },
      `Required skills covered: ${c.required_covered_before} of ${c.required} before, ${c.required_covered_after} of ${c.required} after. `,
      `Preferred: ${c.preferred_covered_before} of ${c.preferred} before, ${c.preferred_covered_after} after. `,
      `Near the top: ${c.prominent_before} before, ${c.prominent_after} after.`,
    ),
    h("p", { class: "c-muted c-small" }, c.note),
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        { class: "pk-coverage" },
        h("caption", { class: "c-visually-hidden" }, "Each skill of the posting: covered and near the top, before and after tailoring"),
        h("thead", {}, h("tr", {}, ["Skill", "Asked as", "Covered before", "Covered after", "Near the top before", "Near the top after"].map((t) => h("th", { scope: "col" }, t)))),
        h(
          "tbody",
          {},
          c.skills.map((s) =>
            h(
              "tr",
              { "data-skill": s.skill },
              h("th", { scope: "row" }, s.skill),
              h("td", {}, s.kind),
              h("td", {}, yes(s.covered_before)),
              h("td", {}, yes(s.covered_after)),
              h("td", {}, yes(s.prominent_before)),
              h("td", {}, yes(s.prominent_after)),
            ),
          ),
        ),
      ),
    ),
  );
}

function letter(pack, staff) {
  const l = pack.cover_letter;
  return h(
    "section",
    { "aria-labelledby": "pk-letter-heading" },
    h("h2", { id: "pk-letter-heading" }, "Cover letter draft"),
    h("div", { class: "pk-letter" }, l.paragraphs.map((p) => h("p", {}, p.text))),
    h("p", { class: "c-small" }, `It cites ${staff ? "the candidate's" : "your"} evidence for: ${l.matched.join(", ") || "none"}. It names the gaps honestly: ${l.gaps.join(", ") || "none"}.`),
  );
}

async function showPack(packId) {
  const pack = await api.get(`/api/packs/${encodeURIComponent(packId)}`);
  const job = await api.get(`/api/jobs/${pack.job_id}`).catch(() => null);
  if (job) document.getElementById("page-title").textContent = `Application pack: ${job.title}`;
  return [
    h("p", {}, `Built ${when(pack.created_at, true)}. `,
      pack.application_id ? h("a", { href: link(`/candidate/applications/${pack.application_id}`) }, "Your application") : h("a", { href: link("/candidate/matches") }, "Your matches"),
      " · ", h("a", { href: link("/candidate/packs") }, "All your packs")),
    packSections(pack),
  ];
}

/** A built pack: downloads, the coverage, the tailored resume with its sources and the letter; `staff` words it for
 *  a recruiter reading a candidate's pack (pages/recruiter/packs.js). */
export function packSections(pack, staff = false) {
  return [downloads(pack), coverage(pack), tailored(pack, staff), letter(pack, staff)];
}

function builder(ctx) {
  const application = ctx.query.get("application");
  const resume = ctx.query.get("resume");
  const job = ctx.query.get("job");
  if (!application && !(resume && job)) {
    return empty("Open one of your applications or matches to build its pack.", h("a", { href: link("/candidate/applications") }, "Your applications"));
  }
  const button = h("button", { type: "button", class: "primary" }, "Build the pack");
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const pack = application
        ? await api.post(`/api/applications/${encodeURIComponent(application)}/pack`)
        : await api.post("/api/packs", { resume_id: resume, job_id: job });
      navigate("/candidate/pack", { pack: pack.id });
    } catch (error) {
      button.disabled = false;
      showError(error);
    }
  });
  return [
    h("p", {}, "A pack is your resume tailored to this job: the skills the job asks for that your resume shows come first, the most relevant lines first, the others shortened. Nothing is added that your resume does not say. With it: how many of the job's keywords it covers before and after, and a cover letter draft."),
    h("p", {}, button),
  ];
}

register({
  path: "/candidate/pack",
  role: "candidate",
  title: "Application pack",
  render: async (ctx) => {
    const packId = ctx.query.get("pack");
    return packId ? showPack(packId) : builder(ctx);
  },
});

/** A link to build the pack of an application, or of a resume for a job before applying. */
export function packLink({ application, resume, job }) {
  const query = application ? `application=${encodeURIComponent(application)}` : `resume=${encodeURIComponent(resume)}&job=${encodeURIComponent(job)}`;
  return h("a", { href: `${link("/candidate/pack")}?${query}` }, "Build a tailored resume and cover letter");
}

const openLink = (p, text) => h("a", { href: `${link("/candidate/pack")}?pack=${encodeURIComponent(p.id)}` }, text);

register({
  path: "/candidate/packs",
  role: "candidate",
  label: "Packs",
  order: 35,
  title: "Your application packs",
  render: async () => {
    const packs = await api.get("/api/packs", { query: { limit: 200 } });
    if (!packs.length) {
      return empty("You have not built a pack yet: open one of your applications, or a match before applying, to build one.",
        h("a", { href: link("/candidate/applications") }, "Your applications"));
    }
    return [
      h("p", {}, "Each pack is your resume tailored to one job, with its keyword coverage and a cover letter draft. Newest first."),
      h(
        "div",
        { class: "table-wrap" },
        h(
          "table",
          { class: "pk-list", "aria-label": "Your application packs" },
          h("thead", {}, h("tr", {}, ["Job", "For", "Required skills covered", "Lines", "Built"].map((t) => h("th", { scope: "col" }, t)))),
          h(
            "tbody",
            {},
            packs.map((p) =>
              h(
                "tr",
                { "data-pack": p.id },
                h("th", { scope: "row" }, openLink(p, p.job_title || "A job no longer listed"), p.company ? ` · ${p.company}` : ""),
                h("td", {}, p.application_id ? h("a", { href: link(`/candidate/applications/${p.application_id}`) }, "Your application") : "Before applying"),
                h("td", {}, `${p.required_covered_after} of ${p.required}`),
                h("td", {}, String(p.lines)),
                h("td", {}, when(p.created_at, true)),
              ),
            ),
          ),
        ),
      ),
    ];
  },
});

/** An application's newest pack (open it, or build it again) or, with none yet, the link to build one. */
export async function packFor(applicationId) {
  const [latest] = await api.get("/api/packs", { query: { application_id: applicationId, limit: 1 } });
  if (!latest) return h("p", {}, packLink({ application: applicationId }));
  return h(
    "section",
    { class: "pk-of-application", "aria-labelledby": "pk-of-application-heading" },
    h("h2", { id: "pk-of-application-heading" }, "Your application pack"),
    h("p", {}, `Your resume tailored to this job and a cover letter draft, built ${when(latest.created_at, true)}: `,
      `${latest.required_covered_after} of ${latest.required} required skills covered. `, openLink(latest, "Open the pack")),
    h("p", {}, h("a", { href: `${link("/candidate/pack")}?application=${encodeURIComponent(applicationId)}` }, "Build it again")),
  );
}
