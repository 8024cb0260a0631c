// The metrics dashboard: the window's totals (GET /api/admin/metrics) as figures, and charts over time from
// GET /api/admin/metrics/series (per hour or day). The work queue's history comes from the samples the 15-minute
// schedule records (kept 30 days): a bucket shows its largest sample, and a gap where none was taken.

import { api } from "../../api.js";
import { link, navigate, register } from "../../app.js";
import { field, form, h } from "../../dom.js";
import { chart, facts, num, pct, table, usd, when } from "./common.js";

// Each range: how far back, and the bucket that keeps the chart readable (at most 400 buckets server-side).
export const RANGES = {
  "24h": { label: "Last 24 hours, by hour", hours: 24, bucket: "hour" },
  "48h": { label: "Last 48 hours, by hour", hours: 48, bucket: "hour" },
  "7d": { label: "Last 7 days, by hour", hours: 24 * 7, bucket: "hour" },
  "30d": { label: "Last 30 days, by day", hours: 24 * 30, bucket: "day" },
  "90d": { label: "Last 90 days, by day", hours: 24 * 90, bucket: "day" },
};

function bucketLabel(at, bucket) {
  const d = new Date(at);
  return bucket === "hour"
    ? d.toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" })
    : d.toLocaleDateString(undefined, { month: "short", day: "numeric" });
}

function card(label, value, note = null) {
  return h("div", { class: "adm-card" }, h("p", { class: "adm-card-label" }, label), h("p", { class: "adm-card-value" }, value), note ? h("p", { class: "hint" }, note) : null);
}

function figures(m) {
  const p = m.parsing;
  return h(
    "section",
    { "aria-labelledby": "totals-title" },
    h("h2", { id: "totals-title" }, "In this window"),
    h(
      "div",
      { class: "adm-cards", id: "metric-cards" },
      card("Resumes received", num(p.received), `${num(p.outcomes.parsed || 0)} parsed, ${num(p.outcomes.needs_review || 0)} need review, ${num(p.outcomes.failed || 0)} failed`),
      card("Needs-review rate", pct(p.needs_review_rate), `failure rate ${pct(p.failure_rate)}`),
      card("Parse time (median)", m.parse_latency.p50_ms === null ? "—" : `${num(m.parse_latency.p50_ms / 1000, 1)} s`, `p90 ${m.parse_latency.p90_ms === null ? "—" : `${num(m.parse_latency.p90_ms / 1000, 1)} s`} over ${num(m.parse_latency.count)}`),
      card("Import rows", num(m.imports.rows), `${num(m.imports.failed)} failed in ${num(m.imports.batches)} ${m.imports.batches === 1 ? "batch" : "batches"}`),
      card("Scores written", num(m.matches.scores_written)),
      card("LLM calls", num(m.llm.calls), `${usd(m.llm.estimated_cost_usd)} estimated, ${num(m.llm.tokens_in + m.llm.tokens_out)} tokens`),
    ),
  );
}

function queue(m) {
  const q = m.queue;
  return h(
    "section",
    { "aria-labelledby": "queue-title" },
    h("h2", { id: "queue-title" }, "Work queue now"),
    facts(
      [
        ["Waiting (this organisation)", num(q.depth)],
        ["Waiting (all organisations)", num(q.depth_all_tenants)],
        ["Oldest waiting", q.oldest_age_s === null ? "nothing waiting" : `${num(q.oldest_age_s, 0)} s`],
        ["Dead letters (now)", num(q.dead_letters)],
        ["Given up on in this window", num(q.dead_letters_recorded)],
      ],
      { id: "queue-figures" },
    ),
  );
}

function charts(series) {
  const pts = series.points;
  const labels = pts.map((p) => bucketLabel(p.at, series.bucket));
  const col = (name) => pts.map((p) => p[name]);
  const per = series.bucket === "hour" ? "per hour" : "per day";
  return h(
    "section",
    { "aria-labelledby": "charts-title", class: "adm-charts" },
    h("h2", { id: "charts-title" }, `Over time (${per})`),
    chart({
      title: "Parse outcomes",
      description: `Resumes received ${per} by their status now.`,
      labels,
      stacked: true,
      series: [
        { label: "Parsed", values: col("parsed"), format: num },
        { label: "Needs review", values: col("needs_review"), format: num },
        { label: "Failed", values: col("failed"), format: num },
      ],
    }),
    chart({
      title: "LLM calls and cost",
      description: `Calls ${per} (bars) and their estimated cost in US dollars (line, right axis).`,
      labels,
      rightAxis: "USD",
      series: [
        { label: "Calls", values: col("llm_calls"), format: num },
        { label: "Cost (USD)", values: col("llm_cost_usd"), type: "line", axis: "y2", format: usd },
      ],
    }),
    chart({
      title: "Work queue",
      description: `The largest of the queue's samples ${per} (one every 15 minutes, kept 30 days): messages waiting and dead letters of this organisation (bars), all organisations' messages waiting in the queue service (in AWS, SQS, which does not tell organisations apart), and the oldest waiting message's age in seconds (line, right axis). A dash: no sample was taken.`,
      labels,
      rightAxis: "seconds",
      series: [
        { label: "Waiting", values: col("queue_depth"), format: num },
        { label: "Waiting, all organisations", values: col("queue_depth_all_tenants"), format: num },
        { label: "Dead letters", values: col("dead_letters"), format: num },
        { label: "Oldest waiting (s)", values: col("queue_oldest_age_s"), type: "line", axis: "y2", format: (v) => num(v, 1) },
      ],
    }),
    chart({
      title: "Imports",
      description: `Job feed rows imported ${per}, and those that failed.`,
      labels,
      series: [
        { label: "Rows", values: col("imports_rows"), format: num },
        { label: "Failed rows", values: col("imports_failed"), format: num },
      ],
    }),
    chart({
      title: "Hiring funnel",
      description: `Applications made ${per}, and moves to hired and to rejected.`,
      labels,
      type: "line",
      series: [
        { label: "Applications", values: col("applications"), format: num },
        { label: "Hired", values: col("hired"), format: num },
        { label: "Rejected", values: col("rejected"), format: num },
      ],
    }),
  );
}

function funnelNow(funnel) {
  const stages = ["applied", "screening", "interview", "offer", "hired", "rejected", "withdrawn"];
  const rows = stages.map((s) => [s, (funnel || {})[s] || 0]);
  return h(
    "section",
    { "aria-labelledby": "funnel-title" },
    h("h2", { id: "funnel-title" }, "Applications made in this window, by stage now"),
    table("Applications by stage", [{ label: "Stage", cell: (r) => r[0] }, { label: "Applications", cell: (r) => num(r[1]) }], rows, { id: "funnel-table" }),
  );
}

register({
  path: "/admin/metrics",
  role: "admin",
  label: "Metrics",
  order: 10,
  title: "Metrics",
  render: async (ctx) => {
    const key = RANGES[ctx.query.get("range")] ? ctx.query.get("range") : "48h";
    const range = RANGES[key];
    const until = new Date();
    const since = new Date(until.getTime() - range.hours * 3600 * 1000);
    const window = { since: since.toISOString(), until: until.toISOString() };
    const [totals, series] = await Promise.all([
      api.get("/api/admin/metrics", { query: window }),
      api.get("/api/admin/metrics/series", { query: { ...window, bucket: range.bucket } }),
    ]);
    const picker = form({
      label: "Time range",
      submit: "Show",
      fields: [field({ label: "Time range", name: "range", type: "select", options: Object.entries(RANGES).map(([k, r]) => [k, r.label]) })],
      action: async (v) => navigate("/admin/metrics", { range: v.range }),
    });
    picker.classList.add("adm-inline");
    picker.querySelector("select").value = key;
    return [
      picker,
      h("p", { class: "adm-summary" }, `From ${when(totals.since)} to ${when(totals.until)}. `, h("a", { href: link("/admin/imports") }, "Import batches"), " · ", h("a", { href: link("/admin/rejections") }, "Rejected input")),
      figures(totals),
      charts(series),
      funnelNow(totals.funnel),
      queue(totals),
    ];
  },
});
