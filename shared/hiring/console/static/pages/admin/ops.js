// Operations: import batches (with their failed rows), refused input, and alerts.

import { api } from "../../api.js";
import { link, navigate, register } from "../../app.js";
import { empty, h } from "../../dom.js";
import { facts, num, pager, table, when } from "./common.js";

const PAGE = 25;

function status(text) {
  const tone = { done: "adm-on", failed: "adm-off", running: "adm-busy", queued: "adm-busy" }[text] || "adm-busy";
  return h("span", { class: `adm-badge ${tone}` }, text);
}

register({
  path: "/admin/imports",
  role: "admin",
  label: "Imports",
  order: 40,
  title: "Import batches",
  render: async (ctx) => {
    const offset = Math.max(0, Number(ctx.query.get("offset")) || 0);
    const batches = await api.get("/api/admin/imports", { query: { limit: PAGE + 1, offset } });
    const shown = batches.slice(0, PAGE);
    if (!shown.length && offset === 0) {
      return empty("No import batches yet. Feeds arrive with POST /api/admin/imports, the CLI, job boards and scraper bots.");
    }
    return [
      h("p", {}, "Every job feed import, newest first. Open a batch to see why its failed rows were refused."),
      table(
        "Import batches, newest first",
        [
          { label: "Started", cell: (b) => h("a", { href: link(`/admin/imports/${b.id}`) }, when(b.created_at)) },
          { label: "Source", cell: (b) => [b.source, " ", h("span", { class: "hint" }, `(${b.platform})`)] },
          { label: "Status", cell: (b) => status(b.status) },
          { label: "Rows", cell: (b) => num(b.total), class: "adm-n" },
          { label: "New", cell: (b) => num(b.new), class: "adm-n" },
          { label: "Updated", cell: (b) => num(b.updated), class: "adm-n" },
          { label: "Unchanged", cell: (b) => num(b.unchanged), class: "adm-n" },
          { label: "Duplicate", cell: (b) => num(b.duplicate), class: "adm-n" },
          { label: "Failed", cell: (b) => (b.failed ? h("strong", { class: "adm-bad" }, num(b.failed)) : "0"), class: "adm-n" },
        ],
        shown,
        { id: "import-batches" },
      ),
      pager({ offset, limit: PAGE, shown: shown.length, more: batches.length > PAGE, go: (at) => navigate("/admin/imports", at ? { offset: at } : null) }),
    ];
  },
});

register({
  path: "/admin/imports/:id",
  role: "admin",
  title: "Import batch",
  render: async (ctx) => {
    const b = await api.get(`/api/admin/imports/${encodeURIComponent(ctx.params.id)}`);
    return [
      h("p", {}, h("a", { href: link("/admin/imports") }, "← All import batches")),
      facts(
        [
          ["Source", `${b.source} (${b.platform})`],
          ["Status", status(b.status)],
          ["Started", when(b.created_at)],
          ["Finished", when(b.finished_at)],
          ["Rows", `${num(b.total)}: ${num(b.new)} new, ${num(b.updated)} updated, ${num(b.unchanged)} unchanged, ${num(b.duplicate)} duplicate, ${num(b.failed)} failed`],
        ],
        { id: "batch-facts" },
      ),
      h("h2", {}, `Failed rows (${num(b.errors.length)})`),
      b.errors.length
        ? table("Failed rows and why", [{ label: "Row", cell: (e) => num(e.row_number), class: "adm-n" }, { label: "Reason", cell: (e) => e.reason }], b.errors, { id: "batch-errors" })
        : empty("No row failed in this batch."),
    ];
  },
});

register({
  path: "/admin/rejections",
  role: "admin",
  label: "Rejections",
  order: 45,
  title: "Rejected input",
  render: async () => {
    const rows = await api.get("/api/admin/rejections");
    if (!rows.length) return empty("Nothing has been refused: no bad uploads, feed rows or work messages.");
    return [
      h("p", {}, "Input the platform refused (uploads, feed rows, work messages given up on), with the reason and scrubbed evidence."),
      table(
        "Rejected input, newest first",
        [
          { label: "When", cell: (r) => when(r.created_at) },
          { label: "Kind", cell: (r) => h("code", {}, r.kind) },
          { label: "Source", cell: (r) => r.source },
          { label: "Reason", cell: (r) => r.reason },
          { label: "Detail", cell: (r) => h("code", { class: "adm-detail" }, JSON.stringify(r.detail).slice(0, 200)) },
        ],
        rows,
        { id: "rejections" },
      ),
    ];
  },
});

register({
  path: "/admin/alerts",
  role: "admin",
  label: "Alerts",
  order: 50,
  title: "Alerts",
  render: async () => {
    const rows = await api.get("/api/admin/alerts", { query: { limit: 200 } });
    if (!rows.length) return empty("No alerts. Scraping failures, stale bots and a backed-up queue raise one here.");
    return table(
      "Alerts, newest first",
      [
        { label: "When", cell: (a) => when(a.created_at) },
        { label: "Kind", cell: (a) => h("code", {}, a.kind) },
        { label: "About", cell: (a) => (a.tenant_id ? a.subject : [a.subject, " ", h("span", { class: "hint" }, "(whole platform)")]) },
        { label: "Message", cell: (a) => a.message },
        { label: "Delivered", cell: (a) => (a.delivered ? "Yes" : h("span", { class: "adm-bad" }, `No: ${a.delivery_error || "not sent"}`)) },
      ],
      rows,
      { id: "alerts" },
    );
  },
});
