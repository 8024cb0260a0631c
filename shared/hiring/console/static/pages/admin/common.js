// Small pieces the admin's pages share: dates, tables, an inline confirmation, paging and charts with a table of
// the same numbers as their text alternative.

import { h } from "../../dom.js";

/** "7 Dec 2026, 03:20" in the browser's locale and time zone; "—" for nothing. */
export function when(value) {
  if (!value) return "—";
  return new Date(value).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** A number with the locale's grouping; "—" for null. */
export function num(value, digits = 0) {
  if (value === null || value === undefined) return "—";
  return Number(value).toLocaleString(undefined, { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** A share 0..1 as "12.5 %"; "—" for null. */
export function pct(value) {
  return value === null || value === undefined ? "—" : `${num(value * 100, 1)} %`;
}

/** US dollars with up to four decimals. */
export function usd(value) {
  return `$${Number(value || 0).toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 4 })}`;
}

/** A table: columns [{label, cell: (row) => Node|string, class?}], rows; caption names it for assistive tech. */
export function table(caption, columns, rows, attrs = {}) {
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      attrs,
      h("caption", { class: "visually-hidden" }, caption),
      h("thead", {}, h("tr", {}, columns.map((c) => h("th", { scope: "col" }, c.label)))),
      h(
        "tbody",
        {},
        rows.map((row) => h("tr", {}, columns.map((c) => h("td", { class: c.class || null }, c.cell(row))))),
      ),
    ),
  );
}

/** Facts as a definition list: [[term, value], ...]. */
export function facts(pairs, attrs = {}) {
  return h("dl", { class: "facts", ...attrs }, pairs.map(([term, value]) => [h("dt", {}, term), h("dd", {}, value)]));
}

/** A button that asks before it acts: the first click shows "question [confirm] [Cancel]" in its place. */
export function confirmButton({ label, question, confirm, action, danger = true }) {
  const holder = h("span", { class: "adm-confirm" });
  const start = h("button", { type: "button", class: danger ? "adm-danger" : null }, label);
  const reset = () => {
    holder.replaceChildren(start);
  };
  start.addEventListener("click", () => {
    const yes = h("button", { type: "button", class: danger ? "adm-danger adm-solid" : "primary" }, confirm);
    const no = h("button", { type: "button" }, "Cancel");
    no.addEventListener("click", () => {
      reset();
      start.focus();
    });
    yes.addEventListener("click", async () => {
      yes.disabled = true;
      no.disabled = true;
      try {
        await action();
      } finally {
        yes.disabled = false;
        no.disabled = false;
      }
    });
    holder.replaceChildren(h("span", { role: "group", "aria-label": question }, h("span", {}, question), " ", yes, " ", no));
    yes.focus();
  });
  holder.append(start);
  return holder;
}

/** Previous/next paging for lists without a total: `more` says whether a next page exists. */
export function pager({ offset, limit, shown, more, go }) {
  const prev = h("button", { type: "button", disabled: offset === 0 }, "Previous page");
  const next = h("button", { type: "button", disabled: !more }, "Next page");
  prev.addEventListener("click", () => go(Math.max(0, offset - limit)));
  next.addEventListener("click", () => go(offset + limit));
  const range = shown ? `Showing ${offset + 1}–${offset + shown}` : "Nothing on this page";
  return h("nav", { class: "adm-pager", "aria-label": "Pages" }, prev, h("span", { class: "adm-range" }, range), next);
}

// Colours with at least 3:1 against white (WCAG non-text contrast), told apart by more than hue in the tables.
export const COLOURS = ["#1d4ed8", "#b45309", "#b42318", "#166534", "#6d28d9", "#0e7490", "#4a4f57"];

/** A chart with a caption and, below it, the same numbers as a table (the canvas's text alternative).
 *  series: [{label, values, type?, axis?}] over labels; options: {stacked, money (right axis label)}. */
export function chart({ title, description, labels, series, stacked = false, type = "bar", rightAxis = null }) {
  const canvas = h("canvas", { role: "img", "aria-label": `${title}: ${description} The table below has the numbers.` });
  const numbers = h(
    "details",
    { class: "adm-chart-table" },
    h("summary", {}, `${title}: the numbers`),
    table(
      title,
      [{ label: "Period", cell: (i) => labels[i] }, ...series.map((s) => ({ label: s.label, cell: (i) => s.format ? s.format(s.values[i]) : num(s.values[i], 2) }))],
      labels.map((_, i) => i),
    ),
  );
  const figure = h("figure", { class: "adm-chart" }, h("figcaption", {}, h("strong", {}, title), " ", description), h("div", { class: "adm-chart-box" }, canvas), numbers);
  if (window.Chart) {
    const datasets = series.map((s, i) => ({
      label: s.label,
      data: s.values,
      type: s.type || type,
      yAxisID: s.axis || "y",
      backgroundColor: COLOURS[i % COLOURS.length],
      borderColor: COLOURS[i % COLOURS.length],
      borderWidth: s.type === "line" || type === "line" ? 2 : 0,
      pointRadius: 2,
      stack: stacked && (s.type || type) === "bar" ? "one" : undefined,
    }));
    const scales = {
      x: { stacked, ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 8 } },
      y: { stacked, beginAtZero: true, ticks: { precision: 0 } },
    };
    if (rightAxis) scales.y2 = { position: "right", beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: rightAxis } };
    new window.Chart(canvas, {
      type,
      data: { labels, datasets },
      options: { animation: false, responsive: true, maintainAspectRatio: false, scales, plugins: { legend: { position: "bottom" } } },
    });
  }
  return figure;
}
