// A candidate's application pack, read by the recruiter (issue 14; the tenant's staff may read any of its packs):
// the same view the candidate has (the ATS coverage, the tailored resume with each line's source, the cover letter
// draft, the PDF and DOCX), worded for the reader. Reached from an application's page, which links its newest pack
// (GET /api/packs?application_id=). The pack's id is in the address: /recruiter/pack?pack=.

import { api } from "../../api.js";
import { link, register } from "../../app.js";
import { empty, h } from "../../dom.js";
import { packSections } from "../candidate/packs.js";
import { formatDate } from "./common.js";

/** The application's newest pack as a line with a link to read it, or null when the candidate built none. */
export async function applicationPack(applicationId) {
  const [latest] = await api.get("/api/packs", { query: { application_id: applicationId, limit: 1 } });
  if (!latest) return null;
  return h(
    "p",
    { class: "application-pack" },
    `The candidate built a tailored resume and cover letter for this application on ${formatDate(latest.created_at)} `,
    `(${latest.required_covered_after} of ${latest.required} required skills covered): `,
    h("a", { href: `${link("/recruiter/pack")}?pack=${encodeURIComponent(latest.id)}` }, "Read the application pack"),
    ".",
  );
}

register({
  path: "/recruiter/pack",
  role: "recruiter",
  title: "Application pack",
  render: async (ctx) => {
    const packId = ctx.query.get("pack");
    if (!packId) return empty("Open an application: its page links the pack its candidate built, if any.", h("a", { href: link("/recruiter/jobs") }, "Jobs"));
    const pack = await api.get(`/api/packs/${encodeURIComponent(packId)}`);
    const job = await api.get(`/api/jobs/${pack.job_id}`).catch(() => null);
    if (job) document.getElementById("page-title").textContent = `Application pack: ${job.title}`;
    return [
      h("p", {}, `Built by the candidate on ${formatDate(pack.created_at)} from their own resume: every line comes from it, nothing is added. `,
        pack.application_id ? h("a", { href: link(`/recruiter/applications/${pack.application_id}`) }, "The application") : "Built before applying."),
      packSections(pack, true),
    ];
  },
});
