// The audit log: filters (kind, actor, subject, time range) kept in the address, so paging and reloads keep them.

import { api } from "../../api.js";
import { navigate, register } from "../../app.js";
import { empty, field, form, h } from "../../dom.js";
import { pager, table, when } from "./common.js";

const PAGE = 25;
const KINDS = [
  "api_key_created", "api_key_revoked", "application_created", "application_status", "erasure", "export", "import",
  "llm_call", "resume_corrected", "score", "scrape_upload", "user_created", "user_deleted", "user_disabled",
  "user_enabled", "user_role_changed", "weights_added",
];
const FILTERS = ["kind", "actor", "subject", "subject_kind", "since", "until"];

/** A datetime-local value (the browser's time zone) as an ISO instant, and back. */
function toInstant(local) {
  return local ? new Date(local).toISOString() : "";
}
function toLocal(instant) {
  if (!instant) return "";
  const d = new Date(instant);
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function detailText(detail) {
  const text = JSON.stringify(detail || {});
  return text === "{}" ? "—" : h("code", { class: "adm-detail" }, text.length > 160 ? `${text.slice(0, 157)}…` : text);
}

register({
  path: "/admin/audit",
  role: "admin",
  label: "Audit log",
  order: 20,
  title: "Audit log",
  render: async (ctx) => {
    const q = Object.fromEntries(FILTERS.map((k) => [k, ctx.query.get(k) || ""]));
    const offset = Math.max(0, Number(ctx.query.get("offset")) || 0);
    const [entries, users] = await Promise.all([
      api.get("/api/admin/audit", { query: { ...q, limit: PAGE + 1, offset } }),
      api.get("/api/users", { query: { limit: 500 } }).catch(() => []),
    ]);
    const emails = new Map(users.map((u) => [u.id, u.email]));
    const actorName = (actor) => (emails.has(actor) ? `${emails.get(actor)}` : actor);
    const shown = entries.slice(0, PAGE);
    const go = (values, at = 0) => {
      const query = Object.fromEntries(Object.entries(values).filter(([, v]) => v));
      if (at) query.offset = at;
      navigate("/admin/audit", query);
    };

    const filters = form({
      label: "Filter the audit log",
      submit: "Apply filters",
      fields: [
        field({ label: "Kind", name: "kind", value: q.kind, list: "audit-kinds", hint: "e.g. api_key_created, user_role_changed, score." }),
        h("datalist", { id: "audit-kinds" }, KINDS.map((k) => h("option", { value: k }))),
        field({ label: "Actor", name: "actor", value: emails.get(q.actor) || q.actor, hint: "A user's email or id, system, or key:<api key id>." }),
        field({ label: "Subject id", name: "subject", value: q.subject, hint: "The id of the resume, job, user, key … it is about." }),
        field({ label: "Subject kind", name: "subject_kind", value: q.subject_kind, hint: "resume, job, user, api_key, application …" }),
        field({ label: "From (date and time)", name: "since", type: "datetime-local", value: toLocal(q.since) }),
        field({ label: "Until (date and time)", name: "until", type: "datetime-local", value: toLocal(q.until) }),
      ],
      action: async (v) => {
        const actor = v.actor.trim();
        const byEmail = users.find((u) => u.email.toLowerCase() === actor.toLowerCase());
        go({ ...v, actor: byEmail ? byEmail.id : actor, since: toInstant(v.since), until: toInstant(v.until) });
      },
    });
    filters.classList.add("adm-filters");
    const clear = h("button", { type: "button" }, "Clear filters");
    clear.addEventListener("click", () => navigate("/admin/audit"));
    filters.querySelector(".actions").append(clear);

    const active = FILTERS.filter((k) => q[k]).map((k) => `${k.replace("_", " ")}: ${k === "since" || k === "until" ? when(q[k]) : q[k]}`);
    const results = shown.length
      ? table(
          "Audit entries, newest first",
          [
            { label: "When", cell: (e) => when(e.created_at) },
            { label: "Kind", cell: (e) => h("code", {}, e.kind) },
            { label: "Actor", cell: (e) => actorName(e.actor) },
            { label: "Subject", cell: (e) => (e.subject_kind ? [e.subject_kind, " ", h("code", { class: "adm-id" }, e.subject_id || "")] : "—") },
            { label: "Detail", cell: (e) => detailText(e.detail) },
          ],
          shown,
          { id: "audit-entries" },
        )
      : empty(active.length ? "No entries match these filters." : "The audit log is empty.");
    return [
      filters,
      h("p", { class: "adm-summary", role: "status" }, active.length ? `Filtered by ${active.join("; ")}.` : "All entries, newest first."),
      results,
      pager({ offset, limit: PAGE, shown: shown.length, more: entries.length > PAGE, go: (at) => go(q, at) }),
    ];
  },
});
