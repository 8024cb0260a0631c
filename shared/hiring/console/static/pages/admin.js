// The admin's pages: a home with today's figures and links, then one module per area under pages/admin/.

import { api } from "../api.js";
import { link, register } from "../app.js";
import { h } from "../dom.js";
import "./admin/metrics.js";
import "./admin/audit.js";
import "./admin/keys.js";
import "./admin/ops.js";
import "./admin/suppressions.js";
import "./admin/users.js";
import "./admin/weights.js";
import { num, usd } from "./admin/common.js";

const AREAS = [
  ["/admin/metrics", "Metrics", "Parse outcomes, imports, LLM cost and the funnel over time; the work queue now."],
  ["/admin/audit", "Audit log", "Who did what, filtered by kind, actor, subject and time."],
  ["/admin/keys", "API keys", "Create and revoke the scraper bots' keys."],
  ["/admin/imports", "Imports", "Job feed batches and the reason for each failed row."],
  ["/admin/rejections", "Rejections", "Uploads, feed rows and work messages the platform refused."],
  ["/admin/alerts", "Alerts", "Scraping and queue alerts and whether they were delivered."],
  ["/admin/suppressions", "Suppression list", "People sourcing outreach may not contact again (opted out, or added here)."],
  ["/admin/users", "Users", "Accounts and roles: create, change a role, disable, delete."],
  ["/admin/weights", "Match weights", "The scoring weights per role level, with a preview of a job's new ranking."],
];

register({
  path: "/admin",
  role: "admin",
  label: "Home",
  order: 0,
  title: "Your home",
  render: async (ctx) => {
    const today = await api.get("/api/admin/metrics").catch(() => null);
    return [
      h("p", { class: "signed-in" }, `Signed in as ${ctx.me.email} (admin).`),
      today
        ? h(
            "p",
            { class: "adm-summary", id: "home-today" },
            `Last 24 hours: ${num(today.parsing.received)} resumes received, ${num(today.imports.rows)} import rows `,
            `(${num(today.imports.failed)} failed), ${num(today.llm.calls)} LLM calls (${usd(today.llm.estimated_cost_usd)}), `,
            `${num(today.queue.depth)} messages waiting.`,
          )
        : null,
      h(
        "ul",
        { class: "adm-areas" },
        AREAS.map(([path, label, text]) => h("li", {}, h("a", { href: link(path) }, label), `: ${text}`)),
        h("li", {}, h("a", { href: link("/account") }, "Your account")),
        h("li", {}, h("a", { href: "/docs" }, "API documentation")),
      ),
    ];
  },
});
