// The candidate's pages: home (this module), and in pages/candidate/: resume upload, the parsed profile with its
// corrections, matches, applications, the feed, privacy. Each module registers its own routes.

import { api } from "../api.js";
import { link, register } from "../app.js";
import { field, form, h, showNotice } from "../dom.js";
import "./candidate/applications.js";
import { STATUS_TEXT, activeOf, myResumes } from "./candidate/common.js";
import "./candidate/feed.js";
import "./candidate/matches.js";
import "./candidate/packs.js";
import "./candidate/privacy.js";
import "./candidate/profile.js";
import "./candidate/resume.js";

function nextSteps(resumes) {
  const latest = resumes[0];
  const active = activeOf(resumes);
  const items = [];
  if (!latest) {
    items.push(h("li", {}, h("a", { href: link("/candidate/resume") }, "Upload your resume"), " to see your skills and matches."));
  } else {
    items.push(h("li", {}, `Latest resume: ${latest.filename} — ${STATUS_TEXT[latest.status] || latest.status}. `,
      h("a", { href: link("/candidate/resume") }, "Upload a new one")));
  }
  if (active) {
    items.push(
      h("li", {}, h("a", { href: link(`/candidate/resumes/${active.id}`) }, "Your profile"), ` (${active.skills.length} skills): check and correct what we read.`),
      h("li", {}, h("a", { href: link("/candidate/matches") }, "Your matches"), ": jobs ranked for you, with why."),
    );
  }
  items.push(
    h("li", {}, h("a", { href: link("/candidate/applications") }, "Your applications"), " and their feedback."),
    h("li", {}, h("a", { href: link("/candidate/feed") }, "Your feed"), ": the best jobs for the roles below and the skills they ask for."),
    h("li", {}, h("a", { href: link("/account") }, "Your account"), " · ", h("a", { href: link("/candidate/privacy") }, "Privacy")),
  );
  return h("ul", { class: "next-steps" }, items);
}

register({
  path: "/candidate",
  role: "candidate",
  label: "Home",
  order: 0,
  title: "Your home",
  render: async (ctx) => {
    const [roles, resumes] = await Promise.all([api.get("/api/me/roles"), myResumes()]);
    return [
      h("p", { class: "signed-in" }, `Signed in as ${ctx.me.email} (candidate).`),
      nextSteps(resumes),
      h("h2", {}, "Roles you want"),
      form({
        label: "Desired roles",
        submit: "Save roles",
        fields: [
          field({
            label: "Desired roles",
            name: "titles",
            hint: "Job titles separated by commas, e.g. Data Engineer, Backend Engineer.",
            value: roles.roles.map((r) => r.title).join(", "),
          }),
        ],
        action: async (v) => {
          const titles = v.titles.split(",").map((t) => t.trim()).filter(Boolean);
          const saved = await api.put("/api/me/roles", { titles });
          showNotice(`Saved ${saved.roles.length} role${saved.roles.length === 1 ? "" : "s"}.`);
        },
      }),
    ];
  },
});
