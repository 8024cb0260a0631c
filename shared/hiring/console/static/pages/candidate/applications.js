// The candidate's applications: each with its status; one application with its status history and, once
// rejected, the recruiter's reason and the feedback: the gaps and what would close them (rephrased if present); and its
// newest application pack (open it or build it again), or the link to build one.

import { api } from "../../api.js";
import { link, register } from "../../app.js";
import { empty, h, showNotice } from "../../dom.js";
import { chips, grade, when } from "./common.js";
import { packFor } from "./packs.js";

const STAGE_TEXT = {
  applied: "Applied",
  screening: "Screening",
  interview: "Interview",
  offer: "Offer",
  hired: "Hired",
  rejected: "Not selected",
  withdrawn: "Withdrawn",
};

const stage = (status) => STAGE_TEXT[status] || status;

register({
  path: "/candidate/applications",
  role: "candidate",
  label: "Applications",
  order: 30,
  title: "Your applications",
  render: async () => {
    const list = await api.get("/api/applications", { query: { limit: 200 } });
    if (!list.length) {
      return empty("You have not applied to a job yet.", h("a", { href: link("/candidate/matches") }, "Find a job in your matches"));
    }
    return h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        { "aria-label": "Your applications" },
        h("thead", {}, h("tr", {}, h("th", {}, "Job"), h("th", {}, "Status"), h("th", {}, "Grade"), h("th", {}, "Applied"), h("th", {}, "Last change"))),
        h(
          "tbody",
          {},
          list.map((a) =>
            h(
              "tr",
              { "data-application": a.id },
              h("td", {}, h("a", { href: link(`/candidate/applications/${a.id}`) }, a.title), a.company ? ` · ${a.company}` : ""),
              h("td", { class: `stage stage-${a.status}` }, stage(a.status)),
              h("td", {}, grade(a.grade), ` ${Math.round(a.score)}`),
              h("td", {}, when(a.applied_at)),
              h("td", {}, when(a.status_changed_at)),
            ),
          ),
        ),
      ),
    );
  },
});

function feedbackSection(feedback) {
  if (!feedback) return null;
  return h(
    "section",
    { class: "feedback", "aria-labelledby": "feedback-heading" },
    h("h2", { id: "feedback-heading" }, "Why you were not selected"),
    feedback.reason ? h("blockquote", { class: "c-reason" }, h("p", {}, feedback.reason), h("footer", {}, "— the recruiter")) : null,
    h("p", { class: "c-summary" }, feedback.summary),
    feedback.rephrased ? h("p", { class: "rephrased" }, feedback.rephrased.text) : null,
    feedback.gaps.length
      ? [
          h("h3", {}, "What would close the gap"),
          h(
            "ul",
            { class: "c-gaps" },
            feedback.gaps.map((g) =>
              h("li", { "data-gap": g.skill || g.kind }, h("strong", {}, g.text), h("br"), h("span", {}, g.to_close)),
            ),
          ),
        ]
      : h("p", {}, "Your resume met what the job asked for; the decision came from the recruiter's reason."),
  );
}

register({
  path: "/candidate/applications/:id",
  role: "candidate",
  title: "Your application",
  render: async (ctx) => {
    const a = await api.get(`/api/applications/${ctx.params.id}`);
    const pack = await packFor(a.id);
    const withdraw = a.allowed_next.includes("withdrawn")
      ? h("button", {
          type: "button",
          onclick: async (event) => {
            event.target.disabled = true;
            await api.post(`/api/applications/${a.id}/status`, { status: "withdrawn" });
            showNotice("You withdrew your application.");
            ctx.refresh();
          },
        }, "Withdraw this application")
      : null;
    return [
      h("p", { class: "c-lead" }, h("strong", {}, a.title), a.company ? ` at ${a.company}` : "", " · status ",
        h("strong", { id: "application-status" }, stage(a.status))),
      h("dl", { class: "facts" },
        h("dt", {}, "Grade when you applied"), h("dd", {}, grade(a.grade), ` ${Math.round(a.score)} / 100`),
        h("dt", {}, "Skills matched"), h("dd", {}, chips(a.matched_skills, "have")),
        h("dt", {}, "Skills missing"), h("dd", {}, chips(a.missing_skills, "missing"))),
      feedbackSection(a.feedback),
      h("section", { "aria-labelledby": "history-heading" },
        h("h2", { id: "history-heading" }, "Status history"),
        h("ol", { class: "c-history" }, a.history.map((e) =>
          h("li", {}, h("strong", {}, stage(e.to_status)), ` · ${when(e.created_at, true)}`,
            ` · by ${e.actor_role === "candidate" ? "you" : `the ${e.actor_role}`}`,
            e.reason ? h("span", { class: "c-muted" }, ` — “${e.reason}”`) : null)))),
      withdraw,
      pack,
      h("p", {}, h("a", { href: link("/candidate/applications") }, "All your applications")),
    ];
  },
});
