// The hiring funnel as a Chart.js bar chart with the same figures in a table beside it (counts now and ever
// reached, conversion to the next stage, median days in stage) and where applicants came from; one job's funnel
// (GET /api/jobs/{id}/funnel) or the organisation's (GET /api/admin/funnel).

import { api } from "../../api.js";
import { register } from "../../app.js";
import { empty, h } from "../../dom.js";
import { formatNumber, formatPercent, jobTabs, stageLabel } from "./common.js";

let chart = null; // the one chart on screen; replaced on the next funnel page

register({
  path: "/recruiter/funnel",
  role: "recruiter",
  label: "Funnel",
  order: 30,
  title: "Hiring funnel",
  render: async () => {
    const funnel = await api.get("/api/admin/funnel");
    return [h("p", {}, "Every job of your organisation together."), ...funnelView(funnel, "All jobs")];
  },
});

register({
  path: "/recruiter/jobs/:id/funnel",
  role: "recruiter",
  title: "Funnel",
  render: async (ctx) => {
    const [job, funnel] = await Promise.all([api.get(`/api/jobs/${ctx.params.id}`), api.get(`/api/jobs/${ctx.params.id}/funnel`)]);
    document.getElementById("page-title").textContent = `Funnel: ${job.title}`;
    return [jobTabs(job.id, "/funnel"), ...funnelView(funnel, job.title)];
  },
});

function funnelView(funnel, name) {
  if (chart) {
    chart.destroy();
    chart = null;
  }
  if (!funnel.total) return [empty("No applications yet: the funnel fills in as people apply.")];
  const canvas = h("canvas", {
    id: "funnel-chart",
    role: "img",
    "aria-label": `Funnel for ${name}: ${funnel.stages.map((s) => `${stageLabel(s.status)} ${s.reached} reached`).join(", ")}. The table has every figure.`,
  });
  const figure = h(
    "figure",
    { class: "funnel-chart" },
    h("div", { class: "chart-box" }, canvas),
    h("figcaption", {}, `${funnel.total} ${funnel.total === 1 ? "application" : "applications"}: how many reached each stage and how many are in it now.`),
  );
  requestAnimationFrame(() => draw(canvas, funnel));
  return [
    h("div", { class: "funnel-layout" }, figure, stageTable(funnel)),
    h("h2", {}, "Sources"),
    sourceTable(funnel.sources),
  ];
}

function draw(canvas, funnel, tries = 0) {
  if (!canvas.isConnected || !window.Chart) {
    if (tries < 20) requestAnimationFrame(() => draw(canvas, funnel, tries + 1)); // not on the page yet
    return;
  }
  if (chart) chart.destroy();
  chart = new window.Chart(canvas, {
    type: "bar",
    data: {
      labels: funnel.stages.map((s) => stageLabel(s.status)),
      datasets: [
        { label: "Reached", data: funnel.stages.map((s) => s.reached), backgroundColor: "#1d4ed8" },
        { label: "In stage now", data: funnel.stages.map((s) => s.current), backgroundColor: "#b45309" },
      ],
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      scales: { y: { beginAtZero: true, ticks: { precision: 0, color: "#1a1a1a" } }, x: { ticks: { color: "#1a1a1a" } } },
      plugins: { legend: { labels: { color: "#1a1a1a" } } },
    },
  });
}

function stageTable(funnel) {
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { class: "funnel-table" },
      h("caption", {}, "Per stage"),
      h(
        "thead",
        {},
        h("tr", {}, ["Stage", "Now", "Reached", "Conversion to next", "Median days in stage"].map((t) => h("th", { scope: "col" }, t))),
      ),
      h(
        "tbody",
        {},
        funnel.stages.map((s) =>
          h(
            "tr",
            { "data-stage": s.status },
            h("th", { scope: "row" }, stageLabel(s.status)),
            h("td", {}, String(s.current)),
            h("td", {}, String(s.reached)),
            h("td", {}, formatPercent(s.conversion_to_next)),
            h("td", {}, s.median_days_in_stage === null ? "–" : formatNumber(s.median_days_in_stage)),
          ),
        ),
      ),
    ),
  );
}

function sourceTable(sources) {
  const rows = Object.entries(sources || {}).sort((a, b) => b[1] - a[1]);
  if (!rows.length) return empty("No sources recorded.");
  return h(
    "table",
    { class: "sources-table" },
    h("caption", { class: "visually-hidden" }, "Applications by source"),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Source"), h("th", { scope: "col" }, "Applications"))),
    h("tbody", {}, rows.map(([source, n]) => h("tr", { "data-source": source }, h("th", { scope: "row" }, source), h("td", {}, String(n))))),
  );
}
